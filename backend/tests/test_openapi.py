"""The OpenAPI document lists every error a route can answer with, in the error envelope.

Building the document needs no database, so the app is not started.
"""

import pytest
from fastapi.testclient import TestClient

from bodyweight.app import create_app
from bodyweight.config import Settings


@pytest.fixture(scope="module")
def openapi() -> dict:
    app = create_app(Settings(_env_file=None, database_url="sqlite://"))
    response = TestClient(app).get("/openapi.json")
    assert response.status_code == 200
    return response.json()


@pytest.mark.parametrize(
    "method, path, statuses",
    [
        ("post", "/api/avatars/{avatar_id}/purchase", {"401", "402", "403", "404", "409", "422"}),
        ("post", "/api/auth/register", {"409", "422"}),
        ("post", "/api/auth/login", {"401", "422"}),
        ("post", "/api/auth/telegram", {"401", "422"}),
        ("get", "/api/users/me", {"401"}),
        ("patch", "/api/users/me", {"401", "422"}),
        ("get", "/api/exercises", {"404", "422"}),
    ],
)
def test_openapi_documents_each_error_status_with_the_error_envelope(openapi, method, path, statuses):
    responses = openapi["paths"][path][method]["responses"]

    assert statuses <= set(responses), sorted(responses)
    for status in statuses:
        schema = responses[status]["content"]["application/json"]["schema"]
        assert schema["$ref"] == "#/components/schemas/ErrorResponse", (status, schema)


def test_openapi_names_the_error_codes_of_a_purchase(openapi):
    responses = openapi["paths"]["/api/avatars/{avatar_id}/purchase"]["post"]["responses"]

    for status, code in [
        ("402", "insufficient_coins"),
        ("403", "level_too_low"),
        ("404", "avatar_not_found"),
        ("409", "already_owned"),
        ("422", "validation_error"),
    ]:
        assert f"`{code}`" in responses[status]["description"], status


def test_openapi_documents_bearer_authentication(openapi):
    schemes = openapi["components"]["securitySchemes"]

    assert any(s["type"] == "http" and s["scheme"] == "bearer" for s in schemes.values())
    assert openapi["paths"]["/api/users/me"]["get"]["security"]
