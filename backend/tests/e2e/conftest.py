"""Browser tests: headless Chromium plays the web app served by a real `bodyweight serve`.

The browser is Debian's `chromium` (Playwright's own browser download cannot work
here). Without it these tests are skipped with a loud notice, unless
BODYWEIGHT_REQUIRE_BROWSER=1 (as in CI), which makes a missing browser an error.

Each engine gets one server for the whole session, on a fresh database that the
server itself migrates, as on a newcomer's first run; every test plays its own
players. Screenshots go to test-results/screenshots/.
"""

import os
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from bodyweight.config import DEFAULT_FRONTEND_DIST
from bodyweight.web.frontend import BUILD_COMMAND
from e2e.live_server import LiveApp, serving

CHROMIUM = Path("/usr/bin/chromium")
REQUIRE_BROWSER = os.environ.get("BODYWEIGHT_REQUIRE_BROWSER") == "1"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Only this machine answers: the pages must work with no third party reachable.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
PHONE = {  # a phone, as inside Telegram
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
DESKTOP = {"viewport": {"width": 1280, "height": 800}}
# Not UTC, so the tests see the web app give new players their device's time zone.
PLAYERS_TIME_ZONE = "Europe/Berlin"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tag the browser tests on PostgreSQL (in the JUnit report too), like the others."""
    for item in items:
        params = getattr(item, "callspec", None)
        if params is not None and "postgresql" in (params.params.get(f) for f in ("app_on_each_engine", "live_app")):
            item.add_marker("postgresql")
            item.user_properties.append(("engine", "postgresql"))


def _no_browser(reason: str) -> None:
    if REQUIRE_BROWSER:
        pytest.exit(
            f"NO BROWSER: {reason}, and BODYWEIGHT_REQUIRE_BROWSER=1 requires one. "
            "Install Debian's chromium (apt-get install chromium).",
            returncode=3,
        )
    message = (
        f"NO BROWSER: {reason}; the browser tests are SKIPPED. Install Debian's chromium (apt-get install chromium)."
    )
    warnings.warn(message, stacklevel=2)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser():
    if not (DEFAULT_FRONTEND_DIST / "index.html").is_file():
        _no_browser(f"the web app is not built (run {BUILD_COMMAND})")
    if not CHROMIUM.exists():
        _no_browser(f"{CHROMIUM} is missing")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _no_browser("the playwright package is not installed (pip install -e 'backend[test]')")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def sqlite_app(tmp_path_factory) -> Iterator[LiveApp]:
    folder = tmp_path_factory.mktemp("sqlite-app")
    with serving(f"sqlite:///{folder / 'bodyweight.db'}", folder / "server.log") as app:
        yield app


@pytest.fixture(scope="session")
def postgresql_app(postgres_server, tmp_path_factory) -> Iterator[LiveApp]:
    if postgres_server is None:
        pytest.skip("PostgreSQL is not available")
    url = postgres_server.create_database()
    try:
        folder = tmp_path_factory.mktemp("postgresql-app")
        with serving(url, folder / "server.log", "--migrate") as app:
            yield app
    finally:
        postgres_server.drop_database(url)


@pytest.fixture(params=["sqlite", "postgresql"])
def app_on_each_engine(request) -> LiveApp:
    return request.getfixturevalue(f"{request.param}_app")


@pytest.fixture(params=["sqlite", "postgresql"])
def live_app(request) -> LiveApp:
    """The app on each engine: the browser tests run on the SQLite default and on
    PostgreSQL alike."""
    return request.getfixturevalue(f"{request.param}_app")


def _page(browser, device: dict, locale: str = "en-GB"):
    """A page in a fresh browser profile; fails the test on any script error."""
    context = browser.new_context(**device, timezone_id=PLAYERS_TIME_ZONE, locale=locale)
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"uncaught: {error}"))
    page.on(
        "console",
        lambda message: (
            problems.append(f"console: {message.text}")
            if (message.type == "error" and not message.text.startswith("Failed to load resource"))
            else None
        ),
    )
    yield page
    context.close()
    assert not problems, "the page reported errors:\n" + "\n".join(problems)


@pytest.fixture
def phone(browser):
    yield from _page(browser, PHONE)


@pytest.fixture
def desktop(browser):
    yield from _page(browser, DESKTOP)


@pytest.fixture
def russian_desktop(browser):
    yield from _page(browser, DESKTOP, locale="ru-RU")


@pytest.fixture
def narrow_phone(browser):
    """The narrowest phone still common: 320 px wide."""
    yield from _page(browser, {**PHONE, "viewport": {"width": 320, "height": 640}})


@pytest.fixture
def russian_phone(browser):
    """A phone whose browser speaks Russian."""
    yield from _page(browser, PHONE, locale="ru-RU")
