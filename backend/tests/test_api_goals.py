"""Weekly goals (docs/progression.md): a target the player picks, progress computed
by the server from the workouts of the current local ISO week only, a reward
paid once per week through the ledger."""

from datetime import UTC, datetime, time, timedelta

import pytest
from sqlalchemy import text

from bodyweight.goals.service import _PROGRESS
from bodyweight.rules import week_start
from support.clock import local_today, noon_zone, reps, workout
from support.plans import query_plan

MINUTE = timedelta(minutes=1)


def goal(world, player, **headers):
    return world.client.get("/api/goals/weekly", headers={**player.headers, **headers})


def set_goal(world, player, body: dict):
    return world.client.put("/api/goals/weekly", json=body, headers=player.headers)


def log(world, player, finished_ago: timedelta, minutes: int = 10) -> dict:
    response = world.client.post(
        "/api/workouts", json=workout(finished_ago, minutes, reps("push-up", 10)), headers=player.headers
    )
    assert response.status_code == 201, response.text
    return response.json()


def rewards(world, player) -> list[tuple]:
    """(week start as text, metric, target, coins) of each week paid."""
    with world.engine.connect() as connection:
        return [
            (str(row[0]), *row[1:])
            for row in connection.execute(
                text("SELECT week_start, metric, target, coins FROM weekly_goal_rewards WHERE user_id = :id"),
                {"id": player.id},
            )
        ]


def goal_ledger(world, player) -> list[tuple]:
    with world.engine.connect() as connection:
        return [
            tuple(row)
            for row in connection.execute(
                text("SELECT amount, reference FROM coin_transactions WHERE user_id = :id AND reason = 'weekly_goal'"),
                {"id": player.id},
            )
        ]


def test_no_goal_at_first_and_the_bounds_on_offer(world):
    zone = noon_zone()
    player = world.player(timezone=zone)
    body = goal(world, player).json()
    monday = week_start(local_today(zone))
    assert body["goal"] is None and body["current"] is None and body["reached"] is False
    assert (body["week_start"], body["week_end"]) == (str(monday), str(monday + timedelta(days=6)))
    assert body["progress"] == {"workouts": 0, "minutes": 0, "xp": 0} and body["reward"] is None
    assert body["options"] == [
        {"metric": "workouts", "min_target": 2, "max_target": 14, "min_reward": 10, "max_reward": 70},
        {"metric": "minutes", "min_target": 60, "max_target": 420, "min_reward": 10, "max_reward": 70},
        {"metric": "xp", "min_target": 200, "max_target": 1400, "min_reward": 10, "max_reward": 70},
    ]
    assert world.client.get("/api/goals/weekly").status_code == 401


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"metric": "workouts", "target": 1}, "goal_target_out_of_range"),
        ({"metric": "minutes", "target": 421}, "goal_target_out_of_range"),
        ({"metric": "laps", "target": 5}, "validation_error"),
        ({"metric": "xp", "target": "500"}, "validation_error"),
        # Progress is the server's: a client cannot send any.
        ({"metric": "workouts", "target": 3, "progress": 3}, "validation_error"),
    ],
)
def test_a_goal_out_of_bounds_is_refused(world, body, code):
    player = world.player()
    before = world.state()
    response = set_goal(world, player, body)
    assert (response.status_code, response.json()["error"]["code"]) == (422, code)
    assert world.state() == before and world.user(player).weekly_goal_metric is None


def test_the_bounds_are_named_in_the_refusal(world):
    response = world.client.put(
        "/api/goals/weekly",
        json={"metric": "minutes", "target": 30},
        headers={**world.player().headers, "Accept-Language": "ru"},
    )
    error = response.json()["error"]
    assert error["params"] == {"metric": "minutes", "target": 30, "min_target": 60, "max_target": 420}
    assert error["message"] == "Недельная цель (минуты) бывает от 60 до 420."


def test_progress_comes_from_the_weeks_workouts_and_the_reward_is_paid_once(world):
    zone = noon_zone()
    player = world.player(timezone=zone)
    first = log(world, player, 3 * timedelta(hours=1))  # before the goal: it counts all the same
    assert first["weekly_goal"] is None

    chosen = set_goal(world, player, {"metric": "workouts", "target": 2})
    assert chosen.status_code == 200
    assert (chosen.json()["goal"], chosen.json()["current"]) == ({"metric": "workouts", "target": 2, "reward": 10}, 1)

    second = log(world, player, 2 * timedelta(hours=1))
    monday = week_start(local_today(zone))
    assert second["weekly_goal"] == {"week_start": str(monday), "metric": "workouts", "target": 2, "coins": 10}
    assert second["coins"] == first["coins"] + second["coins_earned"] + 10
    third = log(world, player, timedelta(hours=1))
    assert third["weekly_goal"] is None

    assert rewards(world, player) == [(str(monday), "workouts", 2, 10)]
    assert goal_ledger(world, player) == [(10, f"week:{monday}")]
    assert world.ledger_sum(player) == world.user(player).coins
    body = goal(world, player).json()
    assert (body["current"], body["reached"], body["progress"]["workouts"]) == (3, True, 3)
    assert (body["reward"]["coins"], body["reward"]["target"]) == (10, 2)
    notices = world.client.get("/api/notifications", headers=player.headers).json()["items"]
    goal_notices = [(n["kind"], n["params"]) for n in notices if n["kind"] != "achievement"]
    assert goal_notices == [("goal_reached", {"title": "2 workouts a week"})]


def test_changing_the_target_after_it_was_reached_pays_nothing_more(world):
    player = world.player(timezone=noon_zone())
    set_goal(world, player, {"metric": "workouts", "target": 2})
    log(world, player, 3 * timedelta(hours=1))
    assert log(world, player, 2 * timedelta(hours=1))["weekly_goal"]["coins"] == 10

    raised = set_goal(world, player, {"metric": "workouts", "target": 3}).json()
    assert (raised["reached"], raised["reward"]["target"]) == (False, 2)
    assert log(world, player, timedelta(hours=1))["weekly_goal"] is None
    assert set_goal(world, player, {"metric": "xp", "target": 200}).status_code == 200
    assert log(world, player, 30 * MINUTE)["weekly_goal"] is None
    assert world.client.delete("/api/goals/weekly", headers=player.headers).status_code == 204
    set_goal(world, player, {"metric": "workouts", "target": 2})
    assert log(world, player, 15 * MINUTE)["weekly_goal"] is None

    assert len(rewards(world, player)) == 1 and len(goal_ledger(world, player)) == 1


def test_a_target_lowered_below_progress_pays_at_the_next_workout(world):
    player = world.player(timezone=noon_zone())
    set_goal(world, player, {"metric": "workouts", "target": 5})
    for hours in (4, 3):
        assert log(world, player, hours * timedelta(hours=1))["weekly_goal"] is None

    lowered = set_goal(world, player, {"metric": "workouts", "target": 2}).json()
    assert (lowered["reached"], lowered["reward"]) == (True, None)  # paid by a workout, not by a change

    assert log(world, player, timedelta(hours=1))["weekly_goal"]["coins"] == 10


def test_minutes_count_the_weeks_training_time(world):
    player = world.player(timezone=noon_zone())
    set_goal(world, player, {"metric": "minutes", "target": 66})
    assert log(world, player, 3 * timedelta(hours=1), minutes=35)["weekly_goal"] is None
    paid = log(world, player, timedelta(hours=1), minutes=31)["weekly_goal"]
    assert (paid["metric"], paid["target"], paid["coins"]) == ("minutes", 66, 11)
    assert goal(world, player).json()["progress"]["minutes"] == 66


def test_only_the_current_local_week_counts(world):
    """Workouts of the week before (fixtures, stored as any workout is) count for
    nothing this week, even those that ended after this week's Monday in UTC."""
    zone = "Pacific/Kiritimati"  # UTC+14: its Monday starts on Sunday 10:00 UTC
    player = world.player(timezone=zone)
    monday = week_start(local_today(zone))
    sunday_night = datetime.combine(monday, time(), UTC) - timedelta(hours=14) - MINUTE  # Sunday 23:59 local
    with world.engine.begin() as connection:
        for n in range(5):
            connection.execute(
                text(
                    "INSERT INTO workouts (user_id, started_at, finished_at, local_date, xp_earned, coins_earned)"
                    " VALUES (:id, :start, :end, :day, 100, 0)"
                ),
                {
                    "id": player.id,
                    "start": (sunday_night - timedelta(hours=n + 1)).replace(tzinfo=None),
                    "end": (sunday_night - timedelta(hours=n) - 10 * MINUTE).replace(tzinfo=None),
                    "day": monday - timedelta(days=1),
                },
            )
    set_goal(world, player, {"metric": "workouts", "target": 2})

    body = goal(world, player).json()

    assert body["progress"] == {"workouts": 0, "minutes": 0, "xp": 0}


def test_the_week_is_read_through_the_player_index(migrated_engine):
    """The week's workouts come from ix_workouts_user_id_finished_at, a few days of one player's."""
    with migrated_engine.connect() as connection:
        dialect = connection.dialect
        monday = datetime(2026, 3, 9, tzinfo=UTC)
        bound = _PROGRESS[dialect.name].params(
            player=1, monday=monday.date(), sunday=monday.date() + timedelta(days=6), until=monday, **{"from": monday}
        )
        plan = query_plan(connection, bound)
    assert "ix_workouts_user_id_finished_at" in plan, plan
