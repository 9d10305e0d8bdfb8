"""POST /api/workouts and GET /api/workouts: the rules of PRODUCT.md section 3,
computed by the server, stored in one transaction; bad input changes nothing."""

from datetime import UTC, datetime, timedelta

import pytest

from support.clock import local_today, noon_zone, reps, seconds, workout

HOUR = timedelta(hours=1)


def rewards(*replies: dict) -> int:
    """Coins the achievements listed in the replies paid."""
    return sum(a["reward_coins"] for reply in replies for a in reply["achievements"])


def log(world, player, body, **headers):
    return world.client.post("/api/workouts", json=body, headers={**player.headers, **headers})


def test_first_workout_scores_by_the_rules(world):
    player = world.player()
    response = log(world, player, workout(HOUR, 30, reps("push-up", 10), seconds("plank", 60)))
    assert response.status_code == 201, response.text
    body = response.json()
    # push-up: 10 base * 1.25 (difficulty 2) * 1.2 (10 reps) * 1 (no streak) * 1.2 (first today) = 18
    # plank: 60 s = 6 reps: 8 * 1.25 * 1.12 * 1 * 1.2 = 13.44 -> 13
    assert [s["xp"] for s in body["sets"]] == [18, 13]
    assert body["xp_earned"] == 31
    # coins: 31 // 20 = 1, streak 1 // 7 = 0, 30 min < 45, no level gained
    assert body["coins_earned"] == 1
    # The balance also holds what the achievements the first workout earns paid.
    assert "first-blood" in {a["slug"] for a in body["achievements"]}
    bonus = rewards(body)
    assert (body["level"], body["level_up"], body["current_streak"], body["coins"]) == (1, False, 1, 1 + bonus)
    assert body["first_of_day"] is True

    user = world.user(player)
    assert (user.total_xp, user.coins, user.current_streak, user.max_streak) == (31, 1 + bonus, 1, 1)
    assert world.ledger_sum(player) == user.coins
    assert world.counts()["workout_sets"] == 2


def test_streak_first_of_day_and_long_workout_bonus(world):
    zone = noon_zone()
    player = world.player(timezone=zone)
    # Yesterday, then twice today (local noon +- a few hours, so the days are certain).
    a = log(world, player, workout(24 * HOUR, 30, reps("push-up", 20))).json()
    b = log(world, player, workout(2 * HOUR, 50, reps("push-up", 20))).json()
    c = log(world, player, workout(HOUR, 10, reps("push-up", 20))).json()
    # a: 10 * 1.25 * 1.4 * 1 * 1.2 = 21 -> coins 21 // 20 = 1
    # b: streak 1 before, first today: 10 * 1.25 * 1.4 * 1.0167 * 1.2 = 21.35 -> 21;
    #    coins 1 + 0 (streak 2 // 7) + 1 (50 min) = 2
    # c: streak 2 before, not first today: 10 * 1.25 * 1.4 * 1.0334 = 18.08 -> 18; coins 0
    assert [(w["xp_earned"], w["coins_earned"], w["current_streak"]) for w in (a, b, c)] == [
        (21, 1, 1),
        (21, 2, 2),
        (18, 0, 2),
    ]
    assert [w["first_of_day"] for w in (a, b, c)] == [True, True, False]
    # Achievements pay on top: the first workout, the first of 45 minutes or more.
    assert "first-blood" in {x["slug"] for x in a["achievements"]}
    assert "long-haul" in {x["slug"] for x in b["achievements"]} and c["achievements"] == []
    user = world.user(player)
    assert (user.total_xp, user.coins, user.max_streak) == (60, 3 + rewards(a, b, c), 2)
    assert user.last_workout_date == local_today(zone)
    # a workout that earns nothing adds no ledger row (one row pays each achievement)
    assert world.counts()["coin_transactions"] == 2 + sum(len(w["achievements"]) for w in (a, b, c))
    assert world.ledger_sum(player) == 3 + rewards(a, b, c)


def test_a_missed_day_restarts_the_streak_and_keeps_the_best(world):
    zone = noon_zone()
    today = local_today(zone)
    player = world.player(timezone=zone, current_streak=9, max_streak=12, last_workout_date=today - timedelta(days=3))
    body = log(world, player, workout(HOUR, 20, reps("squat", 10))).json()
    # the broken streak gives no multiplier: 6 * 1 * 1.2 * 1 * 1.2 = 8.64 -> 8
    assert (body["xp_earned"], body["current_streak"], body["max_streak"]) == (8, 1, 12)


def test_level_up_pays_five_coins_per_level(world):
    player = world.player(total_xp=95)
    body = log(world, player, workout(HOUR, 15, reps("push-up", 10))).json()
    # 18 XP takes 95 to 113: level 2. Coins: 18 // 20 = 0, plus 5 for the level.
    assert (body["level"], body["level_up"], body["total_xp"], body["coins_earned"]) == (2, True, 113, 5)
    assert world.client.get("/api/users/me", headers=player.headers).json()["level"] == 2


def test_workout_coins_are_capped_at_200_a_local_day(world):
    zone = noon_zone()
    today = local_today(zone)
    player = world.player(
        timezone=zone,
        total_xp=95,
        current_streak=1,
        max_streak=1,
        last_workout_date=today,
        daily_coins_date=today,
        daily_coins_earned=198,
    )
    body = log(world, player, workout(HOUR, 15, reps("push-up", 10))).json()
    # 15 XP (not first today), level 2: 5 coins earned, but only 2 fit under the cap.
    assert (body["level_up"], body["coins_earned"]) == (True, 2)
    assert world.user(player).daily_coins_earned == 200
    again = log(world, player, workout(HOUR / 2, 15, reps("burpee", 100))).json()
    assert again["xp_earned"] > 0 and again["coins_earned"] == 0


def test_the_largest_allowed_workout(world):
    player = world.player()
    body = log(world, player, workout(HOUR, 6 * 60, *[reps("push-up", 1000)] * 100)).json()
    # each set: 10 * 1.25 * 2.0 (volume cap) * 1 * 1.2 = 30; 100 sets = 3000 XP = level 6
    # coins: 3000 // 20 = 150, 1 for the long workout, 5 levels * 5 = 25
    assert (body["xp_earned"], body["level"], body["coins_earned"]) == (3000, 6, 176)


def bad_set(**fields):
    return workout(HOUR, 30, {"exercise": "push-up", **fields})


def later(**changes):
    body = workout(HOUR, 30, reps("push-up", 10))
    return {**body, **changes}


NOW = datetime.now(UTC)

REJECTED = {
    "no sets": (later(sets=[]), "validation_error"),
    "101 sets": (workout(HOUR, 30, *[reps("push-up", 5)] * 101), "validation_error"),
    "0 reps": (bad_set(reps=0), "validation_error"),
    "1001 reps": (bad_set(reps=1001), "validation_error"),
    "negative reps": (bad_set(reps=-5), "validation_error"),
    "0 seconds": (workout(HOUR, 30, seconds("plank", 0)), "validation_error"),
    "3601 seconds": (workout(HOUR, 30, seconds("plank", 3601)), "validation_error"),
    "reps and seconds": (bad_set(reps=10, seconds=30), "validation_error"),
    "neither reps nor seconds": (bad_set(), "validation_error"),
    "reps as a string": (bad_set(reps="10"), "validation_error"),
    "reps as a float": (bad_set(reps=10.5), "validation_error"),
    "reps as a boolean": (bad_set(reps=True), "validation_error"),
    "reps as a huge number": (bad_set(reps=10**30), "validation_error"),
    "sets not a list": (later(sets={"exercise": "push-up"}), "validation_error"),
    "unknown field": (later(bonus_xp=1000), "validation_error"),
    "unknown set field": (bad_set(reps=10, xp=1000), "validation_error"),
    "unknown exercise": (workout(HOUR, 30, reps("moon-walk", 10)), "unknown_exercise"),
    "oversized exercise id": (workout(HOUR, 30, reps("a" * 51, 10)), "validation_error"),
    "exercise id with unicode": (workout(HOUR, 30, reps("push\u200b-up", 10)), "validation_error"),
    "exercise id with homoglyph": (workout(HOUR, 30, reps("рush-up", 10)), "validation_error"),
    "reps for a timed exercise": (workout(HOUR, 30, reps("plank", 10)), "wrong_measure"),
    "seconds for a rep exercise": (workout(HOUR, 30, seconds("push-up", 60)), "wrong_measure"),
    "ends in the future": (workout(-HOUR, 30, reps("push-up", 10)), "invalid_workout_time"),
    "ended over 7 days ago": (workout(7 * 24 * HOUR + HOUR, 30, reps("push-up", 10)), "invalid_workout_time"),
    "over 6 hours": (workout(HOUR, 6 * 60 + 1, reps("push-up", 10)), "validation_error"),
    "ends before it starts": (workout(HOUR, -10, reps("push-up", 10)), "validation_error"),
    "naive datetime": (later(finished_at=(NOW - HOUR).replace(tzinfo=None).isoformat()), "validation_error"),
    "not a datetime": (later(started_at="yesterday"), "validation_error"),
}


@pytest.mark.parametrize("body, code", REJECTED.values(), ids=REJECTED.keys())
def test_rejected_workouts_change_nothing(world, body, code):
    player = world.player(coins=10)
    before = world.state()
    response = log(world, player, body)
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == code
    assert error["message"]
    assert world.state() == before


@pytest.mark.parametrize(
    ("content", "status", "code"),
    [(b"\xff not utf-8", 422, "validation_error"), (b'{"sets": [', 422, "validation_error")],
)
def test_a_body_that_is_not_json_is_rejected(world, content, status, code):
    player = world.player()
    before = world.state()
    response = world.client.post(
        "/api/workouts", content=content, headers={**player.headers, "Content-Type": "application/json"}
    )
    assert (response.status_code, response.json()["error"]["code"]) == (status, code)
    assert world.state() == before


def test_logging_needs_a_signed_in_player(world):
    response = world.client.post("/api/workouts", json=workout(HOUR, 30, reps("push-up", 10)))
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


def test_history_is_newest_first_and_paginated(world):
    player = world.player()
    other = world.player()
    for hours in (5, 1, 3, 2, 4):
        assert log(world, player, workout(hours * HOUR, 10, reps("squat", hours))).status_code == 201
    log(world, other, workout(HOUR, 10, reps("squat", 99)))

    seen, cursor = [], None
    while True:
        params = {"limit": 2} | ({"cursor": cursor} if cursor else {})
        page = world.client.get("/api/workouts", params=params, headers=player.headers).json()
        seen += [w["sets"][0]["reps"] for w in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == [1, 2, 3, 4, 5]  # newest first; the other player's workout is not here


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 101}, {"cursor": "not-a-cursor"}])
def test_history_rejects_bad_paging(world, params):
    player = world.player()
    response = world.client.get("/api/workouts", params=params, headers=player.headers)
    assert response.status_code == 422
    assert response.json()["error"]["code"] in ("validation_error", "invalid_cursor")
