"""The caller's profile: reading it, and changing the display name and time zone."""

from datetime import datetime

import pytest

PROFILE_FIELDS = {
    "id",
    "username",
    "display_name",
    "level",
    "total_xp",
    "level_xp",
    "next_level_xp",
    "xp_to_next_level",
    "coins",
    "current_streak",
    "max_streak",
    "streak_freezes",
    "avatar_id",
    "timezone",
    "locale",
    "created_at",
    "reminder_time",
    "streak_notice",
    "bot_messages",
    "telegram",
    "public_id",
    "visibility",
    "telegram_only",
}


def me(world, player):
    return world.client.get("/api/users/me", headers=player.headers)


def patch_me(world, player, body):
    return world.client.patch("/api/users/me", headers=player.headers, json=body)


def xp_for_level(level: int) -> int:
    return 100 * (level - 1) ** 2


def test_a_new_players_profile_has_every_field_at_its_starting_value(world):
    player = world.player(username="ada", timezone=None)

    response = me(world, player)

    assert response.status_code == 200
    profile = response.json()
    assert set(profile) == PROFILE_FIELDS
    assert profile["id"] == player.id
    assert profile["username"] == "ada"
    assert profile["display_name"] == "ada"
    assert (profile["level"], profile["total_xp"], profile["coins"]) == (1, 0, 0)
    assert profile["level_xp"] == 0
    assert profile["next_level_xp"] == profile["xp_to_next_level"] == 100
    assert (profile["current_streak"], profile["max_streak"], profile["streak_freezes"]) == (0, 0, 0)
    assert profile["avatar_id"] == "shadow-wolf"
    assert profile["timezone"] == "UTC"
    assert profile["telegram_only"] is False
    assert profile["locale"] == "en"  # what the test client's Accept-Language-less request gets
    assert datetime.fromisoformat(profile["created_at"].replace("Z", "+00:00")).tzinfo is not None


@pytest.mark.parametrize("level", [2, 5, 12])
def test_level_and_xp_fields_follow_100_times_level_minus_one_squared(world, level):
    player = world.player(level=level)

    profile = me(world, player).json()

    assert profile["level"] == level
    assert profile["total_xp"] == xp_for_level(level)
    assert profile["level_xp"] == xp_for_level(level)
    assert profile["next_level_xp"] == xp_for_level(level + 1)
    assert profile["xp_to_next_level"] == xp_for_level(level + 1) - profile["total_xp"]


def test_xp_to_next_level_counts_down_within_a_level(world):
    player = world.player(level=5, total_xp=xp_for_level(5) + 250)

    profile = me(world, player).json()

    assert profile["level"] == 5
    assert profile["xp_to_next_level"] == xp_for_level(6) - (xp_for_level(5) + 250) == 650


def test_the_profile_shows_coins_from_the_ledger(world):
    player = world.player(coins=120)

    assert me(world, player).json()["coins"] == 120 == world.ledger_sum(player)


def test_patch_changes_the_display_name_and_time_zone(world):
    player = world.player(username="ada")

    response = patch_me(world, player, {"display_name": "Ada Lovelace", "timezone": "Asia/Tokyo"})

    assert response.status_code == 200, response.text
    assert response.json()["display_name"] == "Ada Lovelace"
    assert response.json()["timezone"] == "Asia/Tokyo"
    again = me(world, player).json()
    assert (again["display_name"], again["timezone"]) == ("Ada Lovelace", "Asia/Tokyo")
    assert again["username"] == "ada"


@pytest.mark.parametrize("timezone", ["Europe/Berlin", "America/Argentina/Buenos_Aires", "UTC", "Pacific/Kiritimati"])
def test_any_iana_time_zone_is_accepted(world, timezone):
    player = world.player()

    response = patch_me(world, player, {"timezone": timezone})

    assert response.status_code == 200, response.text
    assert me(world, player).json()["timezone"] == timezone


def test_patching_one_field_leaves_the_other_alone(world):
    player = world.player()
    patch_me(world, player, {"display_name": "Ada", "timezone": "Asia/Tokyo"})

    assert patch_me(world, player, {"timezone": "Europe/Paris"}).json()["display_name"] == "Ada"
    assert patch_me(world, player, {"display_name": "Grace"}).json()["timezone"] == "Europe/Paris"


def test_display_names_are_trimmed_and_may_be_unicode(world):
    player = world.player()

    response = patch_me(world, player, {"display_name": "  Ада 💪 Лавлейс  "})

    assert response.status_code == 200, response.text
    assert response.json()["display_name"] == "Ада 💪 Лавлейс"


def test_an_empty_patch_changes_nothing(world):
    player = world.player()
    before = world.state()

    response = patch_me(world, player, {})

    assert response.status_code == 200
    assert response.json() == me(world, player).json()
    assert world.state() == before


def test_a_null_time_zone_is_ignored(world):
    player = world.player()
    patch_me(world, player, {"timezone": "Asia/Tokyo"})

    response = patch_me(world, player, {"timezone": None})

    assert response.status_code == 200
    assert response.json()["timezone"] == "Asia/Tokyo"


BAD_TIMEZONES = ["Mars/Olympus_Mons", "asia/tokyo", "", "UTC+3", "+03:00", "../../etc/passwd", "Asia/Tokyo ", "Europe/"]


def test_an_unknown_time_zone_is_422_invalid_timezone_and_changes_nothing(world):
    player = world.player(timezone=None)
    before = world.state()

    for timezone in BAD_TIMEZONES:
        response = patch_me(world, player, {"display_name": "Changed", "timezone": timezone})

        assert response.status_code == 422, (timezone, response.text)
        assert response.json()["error"]["code"] == "invalid_timezone", timezone
        assert response.json()["error"]["message"], timezone
    assert world.state() == before
    assert me(world, player).json()["timezone"] == "UTC"


BAD_PATCHES = {
    "display name with a newline": {"display_name": "Ada\nLovelace"},
    "display name with a NUL": {"display_name": "Ada\u0000"},
    "display name with a bell": {"display_name": "Ada\u0007"},
    "display name with a zero-width joiner": {"display_name": "A\u200dda"},
    "display name with a right-to-left override": {"display_name": "\u202eAda"},
    "display name too long": {"display_name": "a" * 65},
    "empty display name": {"display_name": ""},
    "blank display name": {"display_name": "   "},
    "display name as a number": {"display_name": 7},
    "time zone too long": {"timezone": "A" * 65},
    "time zone as a number": {"timezone": 3},
    "unknown field": {"username": "root"},
    "coins cannot be patched": {"coins": 1_000_000},
    "level cannot be patched": {"level": 99},
    "avatar cannot be patched here": {"avatar_id": "titan"},
}


def test_invalid_patches_are_422_validation_error_and_change_nothing(world):
    player = world.player()
    before = world.state()

    for case, body in BAD_PATCHES.items():
        response = patch_me(world, player, body)

        assert response.status_code == 422, (case, response.text)
        assert response.json()["error"]["code"] == "validation_error", case
    assert world.state() == before


def test_a_64_character_display_name_is_the_longest_allowed(world):
    player = world.player()

    response = patch_me(world, player, {"display_name": "a" * 64})

    assert response.status_code == 200
    assert response.json()["display_name"] == "a" * 64


def test_the_profile_needs_a_signed_in_caller(world):
    world.player()
    before = world.state()

    for method in ("get", "patch"):
        response = world.client.request(method, "/api/users/me", json={"display_name": "Mallory"})

        assert response.status_code == 401, method
        assert response.json()["error"]["code"] == "not_authenticated"
    assert world.state() == before


def test_a_player_only_ever_changes_their_own_profile(world):
    ada = world.player(username="ada")
    grace = world.player(username="grace", timezone=None)

    patch_me(world, ada, {"display_name": "Countess", "timezone": "Europe/London"})

    other = me(world, grace).json()
    assert (other["display_name"], other["timezone"]) == ("grace", "UTC")
