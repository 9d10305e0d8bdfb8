"""The progress journey in the browser, in English and in Russian: a new player earns a
first achievement and sees it, buys a streak freeze, misses a day and keeps the
streak, sets a weekly goal and sees progress, and looks at the charts.

Days pass on the browser's clock (Playwright's fake clock): the app sends the
workout's times from it, and the server accepts a workout up to 7 days back, so a
workout "two days ago" is one the browser logged while its clock said so."""

from datetime import UTC, datetime, timedelta

from playwright.sync_api import Page, expect

from e2e.browsing import fits_the_screen, screenshot, sign_in, visible_text
from e2e.catalogues import english_on
from e2e.live_server import LiveApp

T = {
    "en": {
        "add": "+ Add exercise",
        "finish": "Finish & score",
        "unlocked": "Achievement unlocked!",
        "first": "First Sweat",
    },
    "ru": {
        "add": "+ Добавить упражнение",
        "finish": "Завершить и подсчитать",
        "unlocked": "1 новое достижение!",
        "first": "Первый пот",
    },
}


def log_push_ups(page: Page, lang: str, reps: int = 20) -> None:
    page.get_by_role("navigation").get_by_role("link").nth(1).click()  # Workout, in any language
    page.get_by_role("button", name=T[lang]["add"]).click()
    page.locator('button.exercise[data-exercise="push-up"]').click()
    page.locator("[data-sets] li input").last.fill(str(reps))
    page.locator('input[name="minutes"]').fill("20")
    page.get_by_role("button", name=T[lang]["finish"]).click()


def test_sketch(live_app: LiveApp, phone: Page):
    app, page = live_app, phone
    player = app.world.player()
    page.clock.set_fixed_time(datetime.now(UTC) - timedelta(days=2))
    sign_in(page, app.address, player)
    page.goto(app.address)
    log_push_ups(page, "en")
    earned = page.locator("[data-earned-achievements]")
    expect(earned).to_contain_text(T["en"]["unlocked"])
    expect(earned.locator('[data-achievement="first-blood"]')).to_contain_text(T["en"]["first"])
    screenshot(page, "sketch-reward")
    earned.get_by_role("link").click()
    expect(page.locator("[aria-busy=true]")).to_have_count(0)
    assert fits_the_screen(page)
    screenshot(page, "sketch-progress")
    page.set_viewport_size({"width": 390, "height": 3000})
    screenshot(page, "sketch-progress-long")
