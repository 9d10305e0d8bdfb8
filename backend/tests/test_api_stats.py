"""Personal records in the workout reply, and GET /api/users/me/stats computed from
workouts stored as fixtures (docs/progression.md)."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import text

from bodyweight.records.service import _BESTS
from bodyweight.rules import week_start
from bodyweight.stats.service import _PER_DAY, _PER_DAY_AND_EXERCISE
from support.clock import local_today, noon_zone, reps, seconds, workout
from support.plans import query_plan

HOUR = timedelta(hours=1)
DAY = timedelta(days=1)


def log(world, player, body) -> dict:
    response = world.client.post("/api/workouts", json=body, headers=player.headers)
    assert response.status_code == 201, response.text
    return response.json()


def test_the_workout_reply_flags_the_personal_bests_it_beats(world):
    ada, bo = world.player(), world.player()
    log(world, bo, workout(9 * HOUR, 20, reps("push-up", 100)))  # someone else's best is not ada's
    first = log(world, ada, workout(8 * HOUR, 20, reps("push-up", 10), reps("squat", 20)))
    assert first["records"] == []  # a first time beats nothing yet

    second = log(
        world,
        ada,
        workout(6 * HOUR, 20, reps("push-up", 12), reps("squat", 20), reps("push-up", 15), seconds("plank", 60)),
    )
    assert second["records"] == [{"exercise": "push-up", "best": 15, "previous": 10}]  # squat only equalled it

    third = log(world, ada, workout(4 * HOUR, 20, seconds("plank", 90), reps("push-up", 15)))
    assert third["records"] == [{"exercise": "plank", "best": 90, "previous": 60}]
    record = world.client.get("/api/users/me/exercises/push-up/record", headers=ada.headers).json()
    assert record["best"] == 15


def test_records_are_one_query_through_the_sets_index(migrated_engine):
    with migrated_engine.connect() as connection:
        plan = query_plan(connection, _BESTS.params(player=1, exercises=["push-up", "squat"]))
    assert "ix_workout_sets_workout_id_exercise_id" in plan and "ix_workouts_user_id_finished_at" in plan, plan


# --- Stats ----------------------------------------------------------------------------

# (days before today, xp, [(exercise, reps, seconds)])
FIXTURES = [
    (0, 100, [("push-up", 10, None), ("push-up", 12, None)]),
    (1, 50, [("squat", 20, None)]),
    (8, 40, [("push-up", 5, None), ("plank", None, 45)]),
    (29, 30, [("plank", None, 60)]),
    (30, 999, [("squat", 10, None)]),  # the calendar's, not the 30-day chart's
    (100, 20, [("push-up", 1, None)]),  # beyond the 12 weeks of volume
    (364, 10, [("squat", 1, None)]),
    (365, 10, [("squat", 1, None)]),  # more than a year ago
]


def store_fixtures(world, player, zone: str) -> None:
    """Workouts at local noon of their day, stored as the app stores them."""
    today = local_today(zone)
    with world.engine.begin() as connection:
        for days_ago, xp, sets in FIXTURES:
            day = today - days_ago * DAY
            noon = datetime.combine(day, time(12), ZoneInfo(zone)).astimezone(ZoneInfo("UTC")).replace(tzinfo=None)
            workout_id = connection.execute(
                text(
                    "INSERT INTO workouts (user_id, started_at, finished_at, local_date, xp_earned, coins_earned)"
                    " VALUES (:id, :start, :end, :day, :xp, 0) RETURNING id"
                ),
                {"id": player.id, "start": noon - HOUR, "end": noon, "day": day, "xp": xp},
            ).scalar_one()
            for position, (exercise, count, held) in enumerate(sets):
                connection.execute(
                    text(
                        "INSERT INTO workout_sets (workout_id, position, exercise_id, reps, seconds, xp)"
                        " VALUES (:workout, :position, :exercise, :reps, :seconds, 1)"
                    ),
                    {"workout": workout_id, "position": position, "exercise": exercise, "reps": count, "seconds": held},
                )


def category_of(world, slug: str) -> str:
    return world.client.get(f"/api/exercises/{slug}").json()["category_id"]


def test_stats_chart_a_month_of_xp_twelve_weeks_of_volume_and_a_year_of_days(world):
    zone = noon_zone()
    today = local_today(zone)
    player, other = world.player(timezone=zone), world.player(timezone=zone)
    store_fixtures(world, player, zone)
    store_fixtures(world, other, zone)  # nothing of theirs shows

    response = world.client.get("/api/users/me/stats", headers=player.headers)

    assert response.status_code == 200
    stats = response.json()
    assert stats["today"] == str(today)
    xp = stats["xp_by_day"]
    assert [d["day"] for d in xp] == [str(today - n * DAY) for n in range(29, -1, -1)]
    assert {d["day"]: (d["workouts"], d["xp"]) for d in xp if d["workouts"]} == {
        str(today - 29 * DAY): (1, 30),
        str(today - 8 * DAY): (1, 40),
        str(today - DAY): (1, 50),
        str(today): (1, 100),
    }
    assert [(d["day"], d["xp"]) for d in stats["training_days"]] == [
        (str(today - n * DAY), xp) for n, xp, _ in reversed(FIXTURES) if n < 365
    ]

    weeks = stats["volume_by_week"]
    first_week = week_start(today) - 11 * 7 * DAY
    assert [w["week_start"] for w in weeks] == [str(first_week + n * 7 * DAY) for n in range(12)]
    categories = [c["id"] for c in world.client.get("/api/exercises/categories").json()]
    assert all([c["category_id"] for c in w["categories"]] == categories for w in weeks)
    expected: dict[tuple[str, str], list[int]] = {}
    for days_ago, _, sets in FIXTURES:
        day = today - days_ago * DAY
        if day < first_week:
            continue
        for exercise, count, held in sets:
            total = expected.setdefault((str(week_start(day)), category_of(world, exercise)), [0, 0, 0])
            total[0], total[1], total[2] = total[0] + 1, total[1] + (count or 0), total[2] + (held or 0)
    charted = {
        (w["week_start"], c["category_id"]): [c["sets"], c["reps"], c["seconds"]]
        for w in weeks
        for c in w["categories"]
        if c["sets"]
    }
    assert charted == expected and len(expected) >= 3
    assert stats["frozen_days"] == []
    assert world.client.get("/api/users/me/stats").status_code == 401


def test_a_new_player_has_empty_charts(world):
    player = world.player()
    stats = world.client.get("/api/users/me/stats", headers=player.headers).json()
    assert len(stats["xp_by_day"]) == 30 and all(d["xp"] == 0 for d in stats["xp_by_day"])
    assert stats["training_days"] == [] and len(stats["volume_by_week"]) == 12


@pytest.mark.parametrize("query", [_PER_DAY, _PER_DAY_AND_EXERCISE], ids=["per day", "per day and exercise"])
def test_the_stats_read_one_players_workouts_through_the_index(migrated_engine, query):
    with migrated_engine.connect() as connection:
        start = datetime(2026, 1, 1, tzinfo=UTC)
        bound = query.params(player=1, ended_after=start, first_day=start.date())
        plan = query_plan(connection, bound)
    assert "ix_workouts_user_id_finished_at" in plan, plan
