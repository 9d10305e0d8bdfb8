"""Liveness and readiness."""

from fastapi.testclient import TestClient

from bodyweight.app import create_app
from bodyweight.config import Settings
from support.schema import CHAIN, HEAD, migrate


def client_for(url: str) -> TestClient:
    return TestClient(create_app(Settings(_env_file=None, database_url=url)))


def test_healthz_is_ok_even_without_a_schema(database_url):
    with client_for(database_url) as client:
        assert client.get("/healthz").json() == {"status": "ok"}


def test_readyz_at_head(migrated_url):
    with client_for(migrated_url) as client:
        response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ready", "revision": HEAD}


def test_readyz_names_the_pending_revision_when_behind(database_url):
    migrate(database_url, CHAIN[-2])
    with client_for(database_url) as client:
        response = client.get("/readyz")
    assert response.status_code == 503
    error = response.json()["error"]
    assert error["code"] == "schema_not_at_head"
    assert error["params"]["pending"] == HEAD
    assert HEAD in error["message"] and "bodyweight db upgrade" in error["message"]


def test_readyz_on_an_empty_database_lists_every_revision(database_url):
    with client_for(database_url) as client:
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["error"]["params"]["pending"] == ", ".join(CHAIN)


def test_readyz_when_the_database_is_unreachable():
    with client_for("postgresql://nobody@127.0.0.1:1/none") as client:
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "database_unavailable"


def test_unknown_api_paths_use_the_error_format(sqlite_url):
    """(Other unknown paths get the web app's own 404 page: tests/e2e/test_pages_served.py.)"""
    with client_for(sqlite_url) as client:
        response = client.get("/api/no/such/thing")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
