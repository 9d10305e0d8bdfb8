"""Every failure in the documented shape: a stable code, the parameters a client
needs to say it in its own words, a message in the caller's language, and the
request id; on both engines."""

from datetime import timedelta

import pytest
from fastapi.testclient import TestClient

from bodyweight.app import create_app
from bodyweight.config import Settings
from support.api import SECRET
from support.clock import reps
from support.clock import workout as timed_workout

RUSSIAN = {"Accept-Language": "ru-RU,ru;q=0.9,en;q=0.5"}


def workout(sets: list[dict]) -> dict:
    return timed_workout(timedelta(minutes=5), 20, *sets)


def error(response) -> dict:
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "params", "request_id"}
    assert body["error"]["request_id"] == response.headers["x-request-id"]
    return body["error"]


def test_level_too_low_carries_the_levels_in_both_languages(world):
    player = world.player(coins=5000, level=2)
    for headers, words in ((RUSSIAN, "уровне 5"), ({}, "level 5")):
        response = world.client.post("/api/avatars/griffin/purchase", headers={**player.headers, **headers})
        assert response.status_code == 403
        found = error(response)
        assert found["code"] == "level_too_low"
        assert found["params"] == {"avatar_id": "griffin", "required_level": 5, "level": 2}
        assert words in found["message"]


def test_insufficient_coins_carries_price_and_balance_with_russian_plurals(world):
    player = world.player(coins=21, level=5)
    response = world.client.post("/api/avatars/griffin/purchase", headers={**player.headers, **RUSSIAN})
    assert response.status_code == 402
    found = error(response)
    assert found["params"] == {"avatar_id": "griffin", "price": 200, "coins": 21}
    assert found["message"] == "Аватар стоит 200 монет, а у вас 21 монета."


def test_validation_errors_name_the_field_the_problem_and_the_bound(world):
    player = world.player()
    body = workout([reps("push-up", 1001)])
    response = world.client.post("/api/workouts", json=body, headers=player.headers)
    assert response.status_code == 422
    found = error(response)
    assert found["code"] == "validation_error"
    assert found["params"]["errors"] == [{"field": "sets.0.reps", "problem": "too_large", "limit": 1000}]
    assert found["params"]["field"] == "sets.0.reps"
    assert "sets.0.reps" in found["message"]


def test_a_huge_bad_body_gets_a_small_answer(world):
    player = world.player()
    # Within the default body limit (tests/test_hardening.py raises it for 100,000 keys).
    body = workout([reps("push-up", 10)]) | {f"extra{n}": n for n in range(2_000)}
    response = world.client.post("/api/workouts", json=body, headers=player.headers)
    assert response.status_code == 422
    found = error(response)
    assert found["params"]["count"] == 2_000
    assert len(found["params"]["errors"]) == 20
    assert len(response.content) < 4_000


def test_unknown_exercise_and_wrong_measure_say_which_set(world):
    player = world.player()
    unknown = world.client.post(
        "/api/workouts", json=workout([reps("push-up", 5), reps("no-such-move", 5)]), headers=player.headers
    )
    assert error(unknown)["params"] == {"index": 1, "position": 2, "exercise": "no-such-move"}
    timed = world.client.post("/api/workouts", json=workout([reps("plank", 5)]), headers=player.headers)
    assert error(timed)["params"] == {"index": 0, "position": 1, "exercise": "plank", "measure": "seconds"}


def test_405_lists_every_method_the_path_serves(client):
    response = client.delete("/api/workouts")
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, POST"
    assert error(response)["params"] == {"allowed": ["GET", "POST"]}


def test_an_unknown_path_is_a_404_in_the_shape(client):
    response = client.get("/api/no/such/thing", headers=RUSSIAN)
    assert response.status_code == 404
    assert error(response)["message"] == "По этому адресу ничего нет."


@pytest.fixture
def failing_app(migrated_url):
    """The real app with one extra route that fails as a bug would."""
    app = create_app(Settings(_env_file=None, database_url=migrated_url, secret_key=SECRET))

    @app.get("/api/test-only/broken")
    async def broken() -> None:
        raise RuntimeError("a bug")

    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


def test_an_unexpected_failure_is_a_500_in_the_shape(failing_app):
    response = failing_app.get("/api/test-only/broken")
    assert response.status_code == 500
    found = error(response)
    assert found["code"] == "internal_error"
    assert "a bug" not in response.text  # nothing of the inside leaks out


def test_the_database_being_unreachable_is_a_503_in_the_shape():
    settings = Settings(_env_file=None, database_url="postgresql://nobody@127.0.0.1:1/none", secret_key=SECRET)
    with TestClient(create_app(settings)) as client:
        response = client.get("/api/exercises")
    assert response.status_code == 503
    assert error(response)["code"] == "database_unavailable"
