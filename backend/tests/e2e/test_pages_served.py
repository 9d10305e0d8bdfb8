"""What the server sends for the web app, checked without a browser: every page, the
assets its import map names, and the headers that keep the token's scripts ours."""

import re

import pytest
from fastapi.testclient import TestClient

from bodyweight.app import create_app
from bodyweight.config import Settings
from bodyweight.web.assets import script_hash
from bodyweight.web.router import PAGES

IMPORT_MAP = re.compile(r'<script type="importmap">(.*?)</script>', re.DOTALL)


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    database = tmp_path_factory.mktemp("pages") / "bodyweight.db"
    with TestClient(create_app(Settings(_env_file=None, database_url=f"sqlite:///{database}"))) as client:
        yield client


@pytest.mark.parametrize("path", PAGES)
def test_each_page_is_html_that_allows_exactly_its_own_scripts(client, path):
    response = client.get(path)

    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    import_map = IMPORT_MAP.search(response.text).group(1)
    policy = response.headers["content-security-policy"]
    assert f"script-src 'self' {script_hash(import_map)} https://telegram.org;" in policy
    assert response.headers["cache-control"] == "no-cache"


def test_every_versioned_asset_is_served(client):
    page = client.get("/shop").text
    urls = set(re.findall(r'"(/static/app/[^"]+\?v=[0-9a-f]{12})"', page))
    assert any(url.startswith("/static/app/pages/shop.js") for url in urls)
    assert any(url.startswith("/static/app/app.css") for url in urls)
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_the_pixel_font_comes_from_its_package(client):
    response = client.get("/fonts/press-start-2p.ttf")

    assert response.status_code == 200
    assert response.headers["content-type"] == "font/ttf"
    assert response.content[:4] == b"\x00\x01\x00\x00"  # a TrueType font


def test_pages_stay_out_of_the_api_description(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert not set(PAGES) & set(paths)
