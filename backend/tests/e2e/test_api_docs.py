"""/docs and /redoc render with every external host blocked: their scripts and
styles come from the server (an installed package), not a CDN."""

from urllib.parse import urlsplit

from playwright.sync_api import Page, expect

from e2e.browsing import screenshot
from e2e.live_server import LiveApp


def hosts_asked(page: Page) -> set[str]:
    """Every host the page asks over the network (data: and blob: URLs have none)."""
    asked: set[str] = set()

    def note(url: str) -> None:
        parts = urlsplit(url)
        if parts.scheme in ("http", "https", "ws", "wss"):
            asked.add(parts.hostname or "")

    page.on("request", lambda request: note(request.url))
    return asked


def test_swagger_ui_renders_offline(live_app: LiveApp, desktop: Page):
    asked = hosts_asked(desktop)
    desktop.goto(f"{live_app.address}/docs")
    expect(desktop.locator(".swagger-ui .title")).to_contain_text("BodyWeight")
    expect(desktop.locator(".opblock-summary-path", has_text="/api/avatars/{avatar_id}/purchase")).to_be_visible()
    screenshot(desktop, "api-docs-swagger")
    assert asked <= {"127.0.0.1"}, asked


def test_redoc_renders_offline(live_app: LiveApp, desktop: Page):
    asked = hosts_asked(desktop)
    desktop.goto(f"{live_app.address}/redoc")
    expect(desktop.locator("h1", has_text="BodyWeight")).to_be_visible(timeout=20_000)
    expect(desktop.get_by_text("/api/avatars/{avatar_id}/purchase").first).to_be_attached()
    screenshot(desktop, "api-docs-redoc")
    assert asked <= {"127.0.0.1"}, asked
