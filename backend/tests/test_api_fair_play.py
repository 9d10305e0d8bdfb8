"""Fair play (docs/progression.md): a workout that overlaps one the same player
already logged is refused with 422 workout_overlaps, and nothing is stored."""

from datetime import UTC, datetime, timedelta

import pytest

from bodyweight.workouts.overlap import _CLASH
from support.clock import reps, workout
from support.plans import query_plan

HOUR = timedelta(hours=1)
MINUTE = timedelta(minutes=1)


def log(world, player, body, **headers):
    return world.client.post("/api/workouts", json=body, headers={**player.headers, **headers})


def session_at(end: datetime, minutes: int) -> dict:
    return {
        "started_at": (end - timedelta(minutes=minutes)).isoformat(),
        "finished_at": end.isoformat(),
        "sets": [reps("push-up", 10)],
    }


END = datetime.now(UTC).replace(microsecond=0) - 2 * HOUR  # the first workout: END - 60 min .. END


@pytest.mark.parametrize(
    ("end", "minutes"),
    [
        (END, 60),  # the same workout again
        (END - 30 * MINUTE, 10),  # inside it
        (END + 20 * MINUTE, 30),  # starting before it ends
        (END - 30 * MINUTE, 120),  # around it
        (END - 60 * MINUTE, 0),  # an instant at its start
    ],
)
def test_an_overlapping_workout_is_refused_and_nothing_is_stored(world, end, minutes):
    player = world.player()
    first = log(world, player, session_at(END, 60))
    assert first.status_code == 201
    before = world.state()

    refused = log(world, player, session_at(end, minutes), **{"Idempotency-Key": "second"})

    assert refused.status_code == 422
    error = refused.json()["error"]
    assert error["code"] == "workout_overlaps"
    assert error["params"] == {
        "workout_id": first.json()["id"],
        "started_at": first.json()["started_at"],
        "finished_at": first.json()["finished_at"],
    }
    assert error["message"] == "This workout overlaps one you already logged: each session is logged once."
    assert world.state() == before  # no workout, set, coins, progress, key or anything else


def test_back_to_back_workouts_and_other_players_are_fine(world):
    ada, bo = world.player(), world.player()
    assert log(world, ada, session_at(END, 60)).status_code == 201
    assert log(world, ada, session_at(END + 30 * MINUTE, 30)).status_code == 201  # starts as the first ends
    assert log(world, ada, session_at(END - 60 * MINUTE, 0)).status_code == 422  # but not an instant at its start
    assert log(world, ada, session_at(END - 61 * MINUTE, 0)).status_code == 201  # a minute before it
    assert log(world, bo, session_at(END, 60)).status_code == 201  # someone else's time is theirs
    russian = log(world, ada, session_at(END, 5), **{"Accept-Language": "ru"}).json()["error"]["message"]
    assert russian == "Эта тренировка пересекается по времени с уже записанной: каждое занятие записывается один раз."


def test_a_retry_with_its_key_is_a_replay_not_an_overlap(world):
    player = world.player()
    body = workout(HOUR, 30, reps("push-up", 10))
    first = log(world, player, body, **{"Idempotency-Key": "once"})
    retry = log(world, player, body, **{"Idempotency-Key": "once"})
    assert (retry.status_code, retry.json()) == (201, first.json())


def test_the_overlap_is_found_through_the_player_index(migrated_engine):
    """One indexed look-up: the player's workouts ending after the new one starts,
    from ix_workouts_user_id_finished_at (the same condition guards the INSERT)."""
    with migrated_engine.connect() as connection:
        plan = query_plan(connection, _CLASH.params(user_id=1, started_at=END - HOUR, finished_at=END))
    assert "ix_workouts_user_id_finished_at" in plan, plan
