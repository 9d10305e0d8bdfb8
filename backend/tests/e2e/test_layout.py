"""Every screen fits a 320 px phone with the longest names, every text is at least
12 px with a contrast of at least 4.5:1, and every control is big enough for a finger."""

from itertools import count

import pytest
from playwright.sync_api import Page, expect

from e2e.browsing import buttons_smaller_than, fits_the_screen, hard_to_read, screenshot, sign_in
from e2e.live_server import LiveApp

LONGEST_NAME = "W" * 32  # display names and usernames go up to 32 characters
PAGES = [
    "/",
    "/workout",
    "/routines",
    "/routines/edit",
    "/shop",
    "/history",
    "/settings",
    "/notifications",
    "/friends",
    "/boards",
    "/progress",
    "/invite",
    "/nope",
]
SERIAL = count(10)


@pytest.fixture
def long_named(live_app: LiveApp):
    name = f"a_rather_long_username_for_tes{next(SERIAL)}"
    assert len(name) == 32
    return live_app.world.player(username=name, display_name=LONGEST_NAME, coins=12345, level=4)


@pytest.mark.parametrize("path", PAGES)
def test_a_32_character_name_never_scrolls_sideways_at_320_px(live_app: LiveApp, narrow_phone: Page, long_named, path):
    sign_in(narrow_phone, live_app.address, long_named)
    narrow_phone.goto(f"{live_app.address}{path}")
    expect(narrow_phone.get_by_role("navigation")).to_be_visible()
    expect(narrow_phone.locator("[aria-busy=true]")).to_have_count(0)

    assert fits_the_screen(narrow_phone), f"{path} scrolls sideways at 320 px"
    tabs = narrow_phone.get_by_role("navigation").get_by_role("link")
    for tab in tabs.all():
        box = tab.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 320, box
    assert hard_to_read(narrow_phone) == [], path
    screenshot(narrow_phone, f"narrow{path.replace('/', '-') or '-home'}")


@pytest.mark.parametrize("path", PAGES)
def test_every_button_is_at_least_44_px(live_app: LiveApp, phone: Page, path):
    sign_in(phone, live_app.address, live_app.world.player(coins=500, level=3))
    phone.goto(f"{live_app.address}{path}")
    expect(phone.get_by_role("navigation")).to_be_visible()
    expect(phone.locator("[aria-busy=true]")).to_have_count(0)
    if path == "/workout":
        phone.get_by_role("button", name="+ Add exercise").click()
        phone.locator('button.exercise[data-exercise="push-up"]').click()

    assert buttons_smaller_than(phone) == []


def test_the_sign_in_page_has_big_enough_controls(live_app: LiveApp, narrow_phone: Page):
    narrow_phone.goto(f"{live_app.address}/signin")
    expect(narrow_phone.get_by_role("button", name="Start playing")).to_be_visible()
    assert fits_the_screen(narrow_phone)
    assert buttons_smaller_than(narrow_phone) == []
