"""Routines: the presets every player sees, custom routines only their owner can
see or change, bad input refused with nothing stored, and a workout followed from a
routine scored exactly like the same sets logged by hand."""

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import text

from bodyweight.routines.service import MAX_ROUTINES
from support.clock import workout

RU = {"Accept-Language": "ru"}
EN = {"Accept-Language": "en"}
STEPS = [
    {"exercise": "dead-hang", "sets": 3, "seconds": 20, "rest_seconds": 60},
    {"exercise": "negative-pull-up", "sets": 2, "reps": 4, "rest_seconds": 120},
    {"exercise": "hanging-leg-raise", "sets": 1, "reps": 10, "rest_seconds": 0},
]


def stored(world) -> tuple:
    with world.engine.connect() as connection:
        return tuple(
            tuple(tuple(row) for row in connection.execute(text(f"SELECT * FROM {table} ORDER BY 1, 2")))
            for table in ("routines", "routine_steps")
        )


def create(world, player, name="Турник по утрам", steps=STEPS, **headers):
    return world.client.post(
        "/api/routines", json={"name": name, "steps": steps}, headers={**player.headers, **headers}
    )


def as_sent(routine: dict) -> list[dict]:
    """A routine's steps in the shape they are written."""
    return [
        {"exercise": s["exercise_id"], "sets": s["sets"], "rest_seconds": s["rest_seconds"]}
        | ({"reps": s["reps"]} if s["reps"] is not None else {"seconds": s["seconds"]})
        for s in routine["steps"]
    ]


# ---------------------------------------------------------------- presets


def test_presets_come_by_theme_and_level_in_the_callers_language(world):
    player = world.player()

    russian = world.client.get("/api/routines", headers={**player.headers, **RU}).json()
    english = world.client.get("/api/routines", headers={**player.headers, **EN}).json()

    presets = [r for r in english if r["preset"]]
    assert len(presets) >= 12 and presets == english  # a new player has none of their own
    assert {(r["theme"], r["level"]) for r in presets} >= {
        (theme, level) for theme in ("morning", "home", "pull_up_bar", "dip_bars") for level in (1, 2, 3)
    }
    assert [r["id"] for r in russian] == [r["id"] for r in english]
    for ru, en in zip(russian, english, strict=True):
        assert ru["name"] != en["name"] and ru["description"] != en["description"]
        assert ru["steps"] == en["steps"] and ru["steps"]
        assert ru["created_at"] is None


def test_presets_name_only_exercises_the_database_has_measured_as_they_are(world):
    player = world.player()
    exercises = {e["id"]: e for e in world.client.get("/api/exercises").json()}

    for routine in world.client.get("/api/routines", headers=player.headers).json():
        for step in routine["steps"]:
            exercise = exercises.get(step["exercise_id"])
            assert exercise is not None, (routine["id"], step)
            assert (step["seconds"] is not None) == exercise["is_timed"], (routine["id"], step)
            assert 1 <= step["sets"] <= 10 and 0 <= step["rest_seconds"] <= 600


def test_one_preset_by_its_slug(world):
    player = world.player()

    response = world.client.get("/api/routines/pull-up-bar-level-1", headers={**player.headers, **RU})

    assert response.status_code == 200
    routine = response.json()
    assert routine["preset"] is True and routine["theme"] == "pull_up_bar" and routine["level"] == 1
    assert routine["steps"][0] == {
        "exercise_id": "dead-hang",
        "sets": 3,
        "reps": None,
        "seconds": 20,
        "rest_seconds": 60,
    }


def test_presets_cannot_be_changed_only_duplicated(world):
    player = world.player()
    before = stored(world)

    put = world.client.put("/api/routines/home-level-1", json={"name": "Mine", "steps": STEPS}, headers=player.headers)
    delete = world.client.delete("/api/routines/home-level-1", headers=player.headers)

    for response in (put, delete):
        assert response.status_code == 403
        assert response.json()["error"]["code"] == "routine_is_preset"
    assert stored(world) == before
    assert world.client.get("/api/routines/home-level-1", headers=player.headers).status_code == 200


# ---------------------------------------------------------------- custom routines


def test_a_player_writes_reads_rewrites_and_deletes_a_routine(world):
    player = world.player()

    created = create(world, player)

    assert created.status_code == 201, created.text
    routine = created.json()
    assert uuid.UUID(routine["id"]).version == 4
    assert routine["preset"] is False and routine["name"] == "Турник по утрам"
    assert routine["theme"] is None and routine["level"] is None and routine["description"] is None
    assert as_sent(routine) == STEPS
    listed = world.client.get("/api/routines", headers=player.headers).json()
    assert listed[-1] == routine and sum(not r["preset"] for r in listed) == 1
    assert world.client.get(f"/api/routines/{routine['id']}", headers=player.headers).json() == routine

    new_steps = [{"exercise": "pull-up", "sets": 5, "reps": 5, "rest_seconds": 180}]
    rewritten = world.client.put(
        f"/api/routines/{routine['id']}", json={"name": "  Pull-ups  ", "steps": new_steps}, headers=player.headers
    )
    assert rewritten.status_code == 200, rewritten.text
    body = rewritten.json()
    assert (body["id"], body["name"], as_sent(body)) == (routine["id"], "Pull-ups", new_steps)
    assert body["created_at"] == routine["created_at"] and body["updated_at"] >= routine["updated_at"]
    assert world.client.get(f"/api/routines/{routine['id']}", headers=player.headers).json() == body

    deleted = world.client.delete(f"/api/routines/{routine['id']}", headers=player.headers)
    assert deleted.status_code == 204
    assert world.client.get(f"/api/routines/{routine['id']}", headers=player.headers).status_code == 404
    assert stored(world) == ((), ())  # its steps went with it


def test_duplicating_a_preset_or_ones_own_makes_a_new_routine(world):
    player = world.player()

    from_preset = world.client.post("/api/routines/morning-level-2/duplicate", headers={**player.headers, **RU})

    assert from_preset.status_code == 201, from_preset.text
    copy = from_preset.json()
    preset = world.client.get("/api/routines/morning-level-2", headers={**player.headers, **RU}).json()
    assert copy["name"] == f"{preset['name']} (копия)"
    assert copy["steps"] == preset["steps"] and copy["preset"] is False and copy["id"] != preset["id"]

    again = world.client.post(f"/api/routines/{copy['id']}/duplicate", headers={**player.headers, **EN}).json()
    assert again["name"] == f"{copy['name']} (copy)" and again["steps"] == copy["steps"]
    assert len({copy["id"], again["id"]}) == 2

    long = create(world, player, name="Я" * 100).json()
    shortened = world.client.post(f"/api/routines/{long['id']}/duplicate", headers={**player.headers, **RU}).json()
    assert len(shortened["name"]) == 100 and shortened["name"].endswith("… (копия)")


def test_another_players_routine_is_not_found_exactly_like_a_missing_one(world):
    owner, stranger = world.player(), world.player()
    routine = create(world, owner).json()
    before = stored(world)
    missing = str(uuid.uuid4())

    def attempts(routine_id: str) -> list:
        path = f"/api/routines/{routine_id}"
        return [
            world.client.get(path, headers=stranger.headers),
            world.client.put(path, json={"name": "Mine now", "steps": STEPS}, headers=stranger.headers),
            world.client.delete(path, headers=stranger.headers),
            world.client.post(f"{path}/duplicate", headers=stranger.headers),
        ]

    for theirs, nothing in zip(attempts(routine["id"]), attempts(missing), strict=True):
        assert theirs.status_code == nothing.status_code == 404
        error, other = theirs.json()["error"], nothing.json()["error"]
        assert error["code"] == other["code"] == "routine_not_found"
        assert error["params"] == {"routine_id": routine["id"]} and other["params"] == {"routine_id": missing}
    assert stored(world) == before
    assert routine["id"] not in [r["id"] for r in world.client.get("/api/routines", headers=stranger.headers).json()]
    for odd in ("1", "not-a-uuid", "0" * 32):
        assert world.client.get(f"/api/routines/{odd}", headers=stranger.headers).status_code == 404


def test_routines_need_a_signed_in_player(world):
    for method, path in [
        ("GET", "/api/routines"),
        ("GET", "/api/routines/home-level-1"),
        ("POST", "/api/routines"),
        ("POST", "/api/routines/home-level-1/duplicate"),
    ]:
        assert world.client.request(method, path, json={"name": "x", "steps": STEPS}).status_code == 401, path


def test_a_retried_create_with_its_key_makes_one_routine(world):
    player = world.player()

    first = create(world, player, **{"Idempotency-Key": "routine-1"})
    retry = create(world, player, **{"Idempotency-Key": "routine-1"})
    other = create(world, player, name="Другое", **{"Idempotency-Key": "routine-1"})

    assert first.status_code == retry.status_code == 201
    assert retry.json() == first.json() and retry.headers["Idempotent-Replayed"] == "true"
    assert other.status_code == 422 and other.json()["error"]["code"] == "idempotency_key_reused"
    assert len(stored(world)[0]) == 1


def test_a_player_keeps_at_most_so_many_routines(world):
    player = world.player()
    for n in range(MAX_ROUTINES):
        assert create(world, player, name=f"R{n}", steps=STEPS[:1]).status_code == 201
    before = stored(world)

    for response in (
        create(world, player),
        world.client.post("/api/routines/home-level-1/duplicate", headers=player.headers),
    ):
        assert response.status_code == 409
        assert response.json()["error"]["code"] == "too_many_routines"
        assert response.json()["error"]["params"] == {"limit": MAX_ROUTINES}
    assert stored(world) == before


def step(**change) -> dict:
    return {"exercise": "push-up", "sets": 3, "reps": 10, "rest_seconds": 60} | change


@pytest.mark.parametrize(
    ("body", "code", "params"),
    [
        ({"steps": [step(exercise="moonwalk")]}, "unknown_exercise", {"exercise": "moonwalk", "position": 1}),
        (
            {"steps": [step(), step(exercise="plank")]},
            "wrong_measure",
            {"exercise": "plank", "position": 2, "measure": "seconds"},
        ),
        ({"steps": [step(sets=0)]}, "validation_error", {"field": "steps.0.sets", "problem": "too_small", "limit": 1}),
        (
            {"steps": [step(sets=10_000)]},
            "validation_error",
            {"field": "steps.0.sets", "problem": "too_large", "limit": 10},
        ),
        (
            {"steps": [step(rest_seconds=86_400)]},
            "validation_error",
            {"field": "steps.0.rest_seconds", "problem": "too_large", "limit": 600},
        ),
        (
            {"steps": [step(rest_seconds=-1)]},
            "validation_error",
            {"field": "steps.0.rest_seconds", "problem": "too_small", "limit": 0},
        ),
        ({"steps": [step(reps=0)]}, "validation_error", {"field": "steps.0.reps", "problem": "too_small", "limit": 1}),
        (
            {"steps": [step(reps=1001)]},
            "validation_error",
            {"field": "steps.0.reps", "problem": "too_large", "limit": 1000},
        ),
        (
            {"steps": [step(exercise="plank", reps=None, seconds=3601)]},
            "validation_error",
            {"field": "steps.0.seconds", "problem": "too_large", "limit": 3600},
        ),
        ({"steps": [step(seconds=30)]}, "validation_error", {"field": "steps.0", "problem": "invalid"}),
        ({"steps": [step(sets="3")]}, "validation_error", {"field": "steps.0.sets", "problem": "wrong_type"}),
        ({"steps": []}, "validation_error", {"field": "steps", "problem": "too_short", "limit": 1}),
        ({"steps": [step()] * 21}, "validation_error", {"field": "steps", "problem": "too_long", "limit": 20}),
        ({"steps": [step()] * 21}, "validation_error", {"field": "steps", "problem": "too_long", "limit": 20}),
        ({"name": ""}, "validation_error", {"field": "name", "problem": "too_short", "limit": 1}),
        ({"name": "x" * 101}, "validation_error", {"field": "name", "problem": "too_long", "limit": 100}),
        ({"name": "a\u200bb"}, "validation_error", {"field": "name", "problem": "invalid"}),
    ],
)
def test_bad_routines_are_a_clear_422_and_store_nothing(world, body, code, params):
    player = world.player()
    mine = create(world, player).json()
    before = stored(world)
    body = {"name": "Вечер", "steps": [step()]} | body

    created = world.client.post("/api/routines", json=body, headers={**player.headers, **RU})
    rewritten = world.client.put(f"/api/routines/{mine['id']}", json=body, headers={**player.headers, **RU})

    for response in (created, rewritten):
        assert response.status_code == 422, response.text
        error = response.json()["error"]
        assert error["code"] == code
        found = error["params"]["errors"][0] if code == "validation_error" else error["params"]
        assert {key: found.get(key) for key in params} == params
        assert error["message"]
    assert stored(world) == before


# ---------------------------------------------------------------- following a routine


def expand(routine: dict) -> list[dict]:
    """The sets of a routine as the app pre-fills them: each step's sets in turn."""
    return [
        {"exercise": s["exercise_id"]} | ({"reps": s["reps"]} if s["reps"] is not None else {"seconds": s["seconds"]})
        for s in routine["steps"]
        for _ in range(s["sets"])
    ]


def test_a_workout_from_a_routine_scores_exactly_as_the_same_sets_by_hand(world):
    follower, by_hand = world.player(current_streak=3, max_streak=5), world.player(current_streak=3, max_streak=5)
    routine = world.client.get("/api/routines/pull-up-bar-level-1", headers=follower.headers).json()
    sets = expand(routine)
    assert len(sets) == sum(s["sets"] for s in routine["steps"]) == 19
    typed = (
        [{"exercise": "dead-hang", "seconds": 20}] * 3
        + [{"exercise": "scapula-pull-up", "reps": 8}] * 3
        + [{"exercise": "flexed-arm-hang", "seconds": 10}] * 3
        + [{"exercise": "negative-pull-up", "reps": 3}] * 3
        + [{"exercise": "door-frame-row", "reps": 10}] * 3
        + [{"exercise": "leg-raise", "reps": 10}] * 3
        + [{"exercise": "lat-stretch", "seconds": 30}]
    )
    assert sets == typed
    body = workout(timedelta(minutes=5), 40, *sets)
    headers = {**follower.headers, "Idempotency-Key": "routine-workout-1"}

    followed = world.client.post("/api/workouts", json=body, headers=headers)
    retried = world.client.post("/api/workouts", json=body, headers=headers)
    logged = world.client.post("/api/workouts", json=body | {"sets": typed}, headers=by_hand.headers)

    assert followed.status_code == logged.status_code == 201, followed.text
    assert retried.json() == followed.json() and retried.headers["Idempotent-Replayed"] == "true"
    a, b = followed.json(), logged.json()
    scored = ("xp_earned", "coins_earned", "sets", "level", "level_up", "current_streak", "coins_breakdown")
    assert {k: a[k] for k in scored} == {k: b[k] for k in scored}
    assert a["xp_earned"] > 0
    assert world.user(follower).total_xp == world.user(by_hand).total_xp == a["xp_earned"]
    assert world.ledger_sum(follower) == world.ledger_sum(by_hand)
