"""The same pages on a desktop screen, for a player with some history."""

from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect

from e2e.browsing import fits_the_screen, screenshot, sign_in
from e2e.live_server import LiveApp
from support.clock import noon_zone, reps, seconds, workout


@pytest.fixture
def veteran(live_app: LiveApp):
    """Level 8, two days of workouts, the griffin bought and worn."""
    # In a zone where it is about noon, "yesterday" and "now" are two days, whatever the hour.
    player = live_app.world.player(coins=900, level=8, timezone=noon_zone())
    client = live_app.world.client
    for logged in (
        workout(timedelta(days=1), 40, reps("pull-up", 8), reps("pull-up", 6), reps("squat", 30)),
        workout(
            timedelta(minutes=5), 50, reps("push-up", 20), reps("push-up", 15), seconds("plank", 90), reps("burpee", 12)
        ),
    ):
        assert client.post("/api/workouts", json=logged, headers=player.headers).status_code == 201
    assert client.post("/api/avatars/griffin/purchase", headers=player.headers).status_code == 201
    assert client.put("/api/users/me/avatar", json={"avatar_id": "griffin"}, headers=player.headers).is_success
    return player


def test_every_page_fits_a_desktop_screen(live_app: LiveApp, desktop: Page, veteran):
    sign_in(desktop, live_app.address, veteran)

    desktop.goto(live_app.address)
    expect(desktop.locator("[data-recent] li")).to_have_count(2)
    expect(desktop.locator('[data-stat="current_streak"]')).to_have_text("2 days")
    assert fits_the_screen(desktop)
    screenshot(desktop, "desktop-home")

    desktop.goto(f"{live_app.address}/shop")
    expect(desktop.locator('[data-avatar="griffin"]')).to_have_attribute("data-standing", "equipped")
    assert fits_the_screen(desktop)
    screenshot(desktop, "desktop-shop")

    desktop.goto(f"{live_app.address}/workout")
    desktop.get_by_role("button", name="+ Add exercise").click()
    expect(desktop.get_by_role("dialog")).to_be_visible()
    assert fits_the_screen(desktop)
    screenshot(desktop, "desktop-workout-picker")

    desktop.goto(f"{live_app.address}/history#coins")
    # The grant, two workouts, the purchase, and what their achievements paid.
    expect(desktop.locator('[data-list="coins"] li')).to_have_count(live_app.world.ledger_rows(veteran.id))
    assert fits_the_screen(desktop)
    screenshot(desktop, "desktop-history")


def test_a_russian_desktop_gets_the_same_pages_in_russian(live_app: LiveApp, russian_desktop: Page, veteran):
    # The player's own language (on the profile) decides, whatever the browser says.
    russian = {"locale": "ru"}
    assert live_app.world.client.patch("/api/users/me", json=russian, headers=veteran.headers).is_success
    sign_in(russian_desktop, live_app.address, veteran)

    russian_desktop.goto(live_app.address)
    expect(russian_desktop.locator('[data-stat="current_streak"]')).to_have_text("2 дня")
    screenshot(russian_desktop, "desktop-ru-home")

    russian_desktop.goto(f"{live_app.address}/shop")
    expect(russian_desktop.locator('[data-avatar="griffin"]')).to_contain_text("Грифон")
    expect(russian_desktop.locator('[data-avatar="griffin"]')).to_have_attribute("data-standing", "equipped")
    assert fits_the_screen(russian_desktop)
    screenshot(russian_desktop, "desktop-ru-shop")
