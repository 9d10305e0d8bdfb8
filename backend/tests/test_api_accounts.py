"""Accounts beyond the basics: Cyrillic usernames without look-alike tricks, the
player's language, and signing out everywhere; on both engines."""

import pytest

from support.api import Player

PASSWORD = "correct horse battery"


def register(world, username, headers=None, **body):
    return world.client.post(
        "/api/auth/register", json={"username": username, "password": PASSWORD, **body}, headers=headers or {}
    )


def test_a_cyrillic_username_works_and_is_unique_case_insensitively(world):
    created = register(world, "Иван_Петров")
    assert created.status_code == 201, created.text
    assert created.json()["user"]["username"] == "иван_петров"
    again = register(world, "ИВАН_ПЕТРОВ")
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "username_taken"
    login = world.client.post("/api/auth/login", json={"username": "Иван_Петров", "password": PASSWORD})
    assert login.status_code == 200


@pytest.mark.parametrize(
    "username",
    [
        "аdmin",  # a Cyrillic "а" in a Latin name
        "pаvel",  # the same, inside
        "ｉｖａｎ",  # full-width letters
        "ива n",  # a space
        "日本語",  # neither alphabet
    ],
)
def test_look_alike_and_mixed_alphabet_usernames_are_refused(world, username):
    before = world.counts()
    response = register(world, username)
    assert response.status_code == 422, username
    assert response.json()["error"]["params"]["field"] == "username"
    assert world.counts() == before


def test_a_new_players_language_comes_from_accept_language_or_the_request(world):
    russian = register(world, "misha", {"Accept-Language": "ru-RU,ru;q=0.9"}).json()["user"]
    english = register(world, "mike", {"Accept-Language": "en-GB"}).json()["user"]
    chosen = register(world, "masha", {"Accept-Language": "en-GB"}, locale="ru").json()["user"]
    assert (russian["locale"], english["locale"], chosen["locale"]) == ("ru", "en", "ru")


def test_the_language_can_be_changed_and_only_to_one_we_speak(world):
    player = world.player()
    changed = world.client.patch("/api/users/me", json={"locale": "ru"}, headers=player.headers)
    assert changed.status_code == 200 and changed.json()["locale"] == "ru"
    refused = world.client.patch("/api/users/me", json={"locale": "de"}, headers=player.headers)
    assert refused.status_code == 422
    assert world.client.get("/api/users/me", headers=player.headers).json()["locale"] == "ru"


def test_signing_out_ends_every_session_of_the_player(world):
    player = world.player(username="ada")
    second = world.client.post("/api/auth/login", json={"username": "ada", "password": PASSWORD}).json()
    other = world.player()

    assert world.client.post("/api/auth/logout", headers=player.headers).status_code == 204

    for token in (player.token, second["access_token"]):
        response = world.client.get("/api/users/me", headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "not_authenticated"
    assert world.client.get("/api/users/me", headers=other.headers).status_code == 200
    fresh = world.client.post("/api/auth/login", json={"username": "ada", "password": PASSWORD}).json()
    again = Player(player.id, "ada", fresh["access_token"])
    assert world.client.get("/api/users/me", headers=again.headers).status_code == 200


def test_signing_out_needs_a_valid_token(world):
    assert world.client.post("/api/auth/logout").status_code == 401
