"""GET /api/users/me/exercises/{slug}/record: the caller's best set, totals and
last time on one exercise, from the sets they logged, and only theirs."""

from datetime import datetime, timedelta

from bodyweight.records.service import _TOTALS
from support.clock import reps, seconds, workout
from support.plans import query_plan

HOUR = timedelta(hours=1)


def record(world, player, slug: str, **headers):
    return world.client.get(f"/api/users/me/exercises/{slug}/record", headers={**player.headers, **headers})


def log(world, player, body) -> dict:
    response = world.client.post("/api/workouts", json=body, headers=player.headers)
    assert response.status_code == 201, response.text
    return response.json()


def test_the_record_adds_up_the_players_own_sets(world):
    ada, bo = world.player(), world.player()
    first = log(world, ada, workout(30 * HOUR, 20, reps("push-up", 10), reps("push-up", 15), seconds("plank", 40)))
    second = log(world, ada, workout(6 * HOUR, 20, reps("push-up", 15), reps("squat", 30)))
    last = log(world, ada, workout(2 * HOUR, 20, reps("push-up", 12)))
    log(world, bo, workout(3 * HOUR, 20, reps("push-up", 100)))  # someone else's

    response = record(world, ada, "push-up")

    assert response.status_code == 200
    body = response.json()
    assert body["exercise_id"] == "push-up" and body["measure"] == "reps"
    assert (body["sets"], body["workouts"], body["best"], body["total"]) == (4, 3, 15, 52)
    # The best was first reached in the first workout; the second only matched it.
    assert datetime.fromisoformat(body["best_at"]) == datetime.fromisoformat(first["finished_at"])
    assert datetime.fromisoformat(body["first_done_at"]) == datetime.fromisoformat(first["finished_at"])
    assert datetime.fromisoformat(body["last_done_at"]) == datetime.fromisoformat(last["finished_at"])
    push_up_xp = [s["xp"] for w in (first, second, last) for s in w["sets"] if s["exercise_id"] == "push-up"]
    assert body["xp"] == sum(push_up_xp)
    assert second["sets"][0]["exercise_id"] == "push-up"

    plank = record(world, ada, "plank").json()
    assert (plank["measure"], plank["sets"], plank["best"], plank["total"]) == ("seconds", 1, 40, 40)
    assert record(world, bo, "push-up").json()["best"] == 100


def test_an_exercise_never_done_has_an_empty_record(world):
    player = world.player()

    body = record(world, player, "pull-up").json()

    assert body == {
        "exercise_id": "pull-up",
        "measure": "reps",
        "sets": 0,
        "workouts": 0,
        "best": None,
        "best_at": None,
        "total": 0,
        "xp": 0,
        "first_done_at": None,
        "last_done_at": None,
    }


def test_records_need_a_player_and_a_real_exercise(world):
    player = world.player()

    assert world.client.get("/api/users/me/exercises/push-up/record").status_code == 401
    missing = record(world, player, "moonwalk", **{"Accept-Language": "ru"})
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "exercise_not_found"
    assert missing.json()["error"]["params"] == {"exercise": "moonwalk"}


def test_the_record_is_read_through_the_sets_index(migrated_engine):
    """One exercise's sets of the player's workouts come from the index on
    (workout_id, exercise_id); without it the query reads every set of the player."""
    with migrated_engine.connect() as connection:
        plan = query_plan(connection, _TOTALS.params(player=1, exercise="push-up"))
    assert "ix_workout_sets_workout_id_exercise_id" in plan, plan
