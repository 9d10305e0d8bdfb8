"""What the server sends for the web app, checked without a browser: the app's page
for its routes, its own 404 page elsewhere, JSON errors under /api, long-cached
assets, the headers that keep the token's scripts ours, and a plain note when the
app has not been built."""

import pytest
from fastapi.testclient import TestClient

from bodyweight.app import create_app
from bodyweight.config import Settings
from bodyweight.web.frontend import APP_ROUTES, BUILD_COMMAND

INDEX = '<!doctype html><html><head><script type="module" src="/assets/app-1a2b3c.js"></script></head></html>'


def client_for(tmp_path, dist) -> TestClient:
    settings = Settings(_env_file=None, database_url=f"sqlite:///{tmp_path / 'bodyweight.db'}", frontend_dist=dist)
    return TestClient(create_app(settings))


@pytest.fixture
def client(tmp_path):
    dist = tmp_path / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_text(INDEX)
    (dist / "assets" / "app-1a2b3c.js").write_text("console.log('hi')")
    with client_for(tmp_path, dist) as client:
        yield client


def assert_is_the_app_page(response) -> None:
    assert response.text == INDEX
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    policy = response.headers["content-security-policy"]
    assert "script-src 'self' https://telegram.org;" in policy
    assert "frame-ancestors 'self' https://web.telegram.org https://*.telegram.org" in policy
    assert "unsafe-inline" not in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["cache-control"] == "no-cache"


@pytest.mark.parametrize("path", APP_ROUTES)
def test_each_route_of_the_app_is_its_page(client, path):
    response = client.get(path)

    assert response.status_code == 200
    assert_is_the_app_page(response)


@pytest.mark.parametrize("path", ["/nope", "/shop/extra", "/static/avatars/nobody.svg"])
def test_other_addresses_get_the_page_with_404_so_the_app_says_not_found(client, path):
    response = client.get(path)

    assert response.status_code == 404
    assert_is_the_app_page(response)


@pytest.mark.parametrize("method, path", [("GET", "/api/nope"), ("GET", "/api"), ("POST", "/nope")])
def test_api_addresses_and_other_methods_keep_json_errors(client, method, path):
    response = client.request(method, path)

    assert response.status_code in (404, 405)
    assert response.headers["content-type"] == "application/json"
    assert response.json()["error"]["code"] in ("not_found", "method_not_allowed")


def test_hashed_assets_are_cached_for_long(client):
    response = client.get("/assets/app-1a2b3c.js")

    assert response.status_code == 200
    assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert client.get("/assets/missing-000000.js").status_code == 404
    assert client.get("/assets/../index.html").status_code == 404


def test_avatars_and_the_pixel_font_are_served(client):
    assert client.get("/static/avatars/phoenix.svg").headers["content-type"] == "image/svg+xml"
    font = client.get("/fonts/press-start-2p.ttf")
    assert font.status_code == 200
    assert font.headers["content-type"] == "font/ttf"
    assert font.content[:4] == b"\x00\x01\x00\x00"  # a TrueType font


def test_without_a_build_the_server_says_how_to_make_one(tmp_path):
    with client_for(tmp_path, tmp_path / "not-built") as client:
        page = client.get("/")
        missing = client.get("/nope")
        assert client.get("/healthz").status_code == 200

    assert page.status_code == 503
    assert page.headers["content-type"].startswith("text/plain")
    assert BUILD_COMMAND in page.text
    assert missing.status_code == 404 and BUILD_COMMAND in missing.text


def test_pages_stay_out_of_the_api_description(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert not set(APP_ROUTES) & set(paths)
    assert not any(path.startswith("/assets") for path in paths)
