"""What a hostile client or bad luck tries, answered by the app on each engine:
bounded bodies and replies, crafted cursors, headers on every response, the API
docs in production, tokens that die when they should, ids never reused."""

import base64
import json
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from bodyweight.app import create_app
from bodyweight.config import Settings
from support.api import SECRET, World
from support.clock import reps, workout
from support.processes import bodyweight

PASSWORD = "correct horse battery"


def app_client(url: str, **settings: object) -> TestClient:
    values = {"secret_key": SECRET, **settings}
    return TestClient(create_app(Settings(_env_file=None, database_url=url, **values)))


def error(response) -> dict:
    return response.json()["error"]


# --- bounded work ----------------------------------------------------------------


def test_a_one_megabyte_body_is_413_in_the_error_shape_and_stores_nothing(world):
    before = world.state()
    body = json.dumps({"username": "ada", "password": "p" * 1_000_000})

    response = world.client.post(
        "/api/auth/register", content=body, headers={"Content-Type": "application/json", "Accept-Language": "ru"}
    )

    assert response.status_code == 413
    assert error(response)["code"] == "payload_too_large"
    assert error(response)["params"] == {"limit": 64 * 1024}
    assert error(response)["request_id"] == response.headers["X-Request-ID"]
    assert "Запрос" in error(response)["message"]
    assert world.state() == before


def test_a_streamed_body_past_the_limit_is_413_too(client):
    def chunks():
        for _ in range(20):
            yield b" " * 10_000

    response = client.post("/api/auth/register", content=chunks(), headers={"Content-Type": "application/json"})

    assert response.status_code == 413
    assert error(response)["code"] == "payload_too_large"


def test_the_body_limit_is_configurable(migrated_url):
    with app_client(migrated_url, max_body_bytes=2048) as client:
        response = client.post("/api/auth/register", json={"username": "ada", "password": "p" * 3000})
    assert response.status_code == 413
    assert error(response)["params"] == {"limit": 2048}


def test_a_hundred_thousand_extra_keys_get_a_small_422(migrated_url):
    """With the body limit raised far enough to let it through, the reply stays
    small: at most 20 problems, each field name cut short."""
    with app_client(migrated_url, max_body_bytes=8 * 1024 * 1024) as client:
        player = client.post("/api/auth/register", json={"username": "ada", "password": PASSWORD}).json()
        headers = {"Authorization": f"Bearer {player['access_token']}"}
        body = workout(timedelta(hours=1), 30, reps("push-up", 10))
        body |= {f"{'k' * 40}{n}": n for n in range(100_000)}

        response = client.post("/api/workouts", json=body, headers=headers)

    assert response.status_code == 422
    assert error(response)["params"]["count"] == 100_000
    assert len(error(response)["params"]["errors"]) == 20
    assert len(response.content) < 5_000


def test_a_crafted_long_key_is_not_echoed_whole(world):
    player = world.player()
    body = workout(timedelta(hours=1), 30, reps("push-up", 10)) | {"x" * 30_000: 1}
    response = world.client.post("/api/workouts", json=body, headers=player.headers)
    assert response.status_code == 422
    assert len(response.content) < 2_000


def _cursor(*values: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode()


def _raw_cursor(raw: str) -> str:
    return base64.urlsafe_b64encode(raw.encode()).decode()


CRAFTED_ID_CURSORS = [
    _cursor(2**63),
    _cursor(2**63 - 1),
    _cursor(2**31),
    _cursor(-(2**63)),
    _cursor(0),
    _cursor(-1),
    _raw_cursor("[1e400]"),
    _raw_cursor("[-1e400]"),
    _raw_cursor("[NaN]"),
    _cursor(1.5),
    _cursor(True),
    _cursor("1"),
    _cursor(None),
    _cursor(1, 2),
    _cursor(),
    _raw_cursor("[" * 60 + "]" * 60),
    _raw_cursor("{}"),
    "not base64 at all!",
    "=",
    "8J-Ygg==",
]
CRAFTED_WORKOUT_CURSORS = [
    _cursor("0001-01-01T00:00:00+00:00", 1),
    _cursor("0001-01-01T00:00:00-14:00", 1),
    _cursor("9999-12-31T23:59:59+14:00", 1),
    _cursor("9999-12-31T23:59:59.999999-23:59", 1),
    _cursor("2026-01-01T00:00:00", 1),
    _cursor("2026-01-01T00:00:00+00:00", 2**63),
    _cursor("2026-01-01T00:00:00+00:00", 0),
    _raw_cursor('["2026-01-01T00:00:00+00:00", 1e400]'),
    _raw_cursor("[1e400, 1]"),
    _cursor(2**63, 1),
    _cursor("yesterday", 1),
    _cursor("2026-13-01T00:00:00+00:00", 1),
    _cursor("2026-01-01T00:00:00+00:00"),
    *CRAFTED_ID_CURSORS,
]


@pytest.mark.parametrize(
    ("path", "cursors"),
    [("/api/workouts", CRAFTED_WORKOUT_CURSORS), ("/api/users/me/coins", CRAFTED_ID_CURSORS)],
)
def test_every_crafted_cursor_is_422(world, path, cursors):
    player = world.player(coins=10)
    for cursor in cursors:
        response = world.client.get(path, params={"cursor": cursor}, headers=player.headers)
        assert response.status_code == 422, (cursor, response.text)
        assert error(response)["code"] in ("invalid_cursor", "validation_error")


# --- headers -----------------------------------------------------------------------


def test_every_response_says_nosniff(world):
    player = world.player()
    for response in (
        world.client.get("/api/users/me", headers=player.headers),
        world.client.get("/api/users/me"),
        world.client.get("/api/nowhere"),
        world.client.get("/healthz"),
        world.client.get("/"),
    ):
        assert response.headers["X-Content-Type-Options"] == "nosniff", response.url
        assert "Strict-Transport-Security" not in response.headers


def test_hsts_once_the_operator_says_the_site_is_https(migrated_url):
    with app_client(migrated_url, https=True) as client:
        for path in ("/healthz", "/api/users/me", "/"):
            assert client.get(path).headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_api_docs_are_off_in_production_unless_asked_for(migrated_url):
    production = {"BODYWEIGHT_ENV": "production", "secret_key": "k7Gq2" + "x9fT3mZp8" * 4}
    with app_client(migrated_url, **production) as client:
        for path in ("/docs", "/redoc", "/openapi.json"):
            assert client.get(path).status_code == 404, path
    with app_client(migrated_url, **production, api_docs=True) as client:
        for path in ("/docs", "/redoc", "/openapi.json"):
            assert client.get(path).status_code == 200, path
    with app_client(migrated_url) as client:  # development
        assert client.get("/openapi.json").status_code == 200


# --- tokens that die -----------------------------------------------------------------


def test_old_tokens_are_401_after_sign_out_and_a_new_sign_in_works(world):
    player = world.player()
    assert world.client.post("/api/auth/logout", headers=player.headers).status_code == 204

    assert world.client.get("/api/users/me", headers=player.headers).status_code == 401
    assert world.client.post("/api/workouts", json={}, headers=player.headers).status_code in (401, 422)
    again = world.client.post("/api/auth/login", json={"username": player.username, "password": PASSWORD})
    assert again.status_code == 200
    fresh = {"Authorization": f"Bearer {again.json()['access_token']}"}
    assert world.client.get("/api/users/me", headers=fresh).status_code == 200


def test_a_deleted_players_id_is_never_reused_and_their_token_stays_dead(world):
    first = world.player()
    last = world.player()
    with world.engine.begin() as connection:
        connection.execute(text("DELETE FROM users WHERE id = :id"), {"id": last.id})

    newcomer = world.player()

    assert newcomer.id > last.id > first.id
    assert world.client.get("/api/users/me", headers=last.headers).status_code == 401
    assert world.client.get("/api/users/me", headers=newcomer.headers).json()["id"] == newcomer.id


def test_after_restoring_an_older_backup_newer_tokens_are_401(world: World, migrated_url, tmp_path):
    """A player made after the backup is gone; whoever gets their id next does not
    inherit their token."""
    kept = world.player()
    backups = tmp_path / "backups"  # apart from the SQLite file, which also lives in tmp_path
    backup = bodyweight("db", "backup", "--output-dir", str(backups), database_url=migrated_url)
    assert backup.returncode == 0, backup.stderr
    (path,) = backups.iterdir()
    lost = world.player()

    restored = bodyweight("db", "restore", str(path), "--yes", database_url=migrated_url)
    assert restored.returncode == 0, restored.stderr
    successor = world.player(username="successor")

    assert successor.id == lost.id  # the id is free again in the restored database
    assert world.client.get("/api/users/me", headers=lost.headers).status_code == 401
    assert world.client.get("/api/users/me", headers=successor.headers).json()["username"] == "successor"
    assert world.client.get("/api/users/me", headers=kept.headers).status_code == 200
