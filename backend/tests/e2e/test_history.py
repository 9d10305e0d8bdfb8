"""History pages through every workout and every coin, newest first."""

from datetime import timedelta

from playwright.sync_api import Page, expect

from e2e.browsing import sign_in
from e2e.live_server import LiveApp
from support.clock import reps, workout

WORKOUTS = 12  # more than one page of 10


def test_history_pages_through_workouts_and_coins(live_app: LiveApp, phone: Page):
    player = live_app.world.player()
    for hours_ago in range(WORKOUTS, 0, -1):  # oldest first, 12 hours apart, all within a week
        logged = workout(timedelta(hours=12 * hours_ago), 20, *[reps("push-up", 20)] * 3)
        assert live_app.world.client.post("/api/workouts", json=logged, headers=player.headers).status_code == 201
    sign_in(phone, live_app.address, player)

    phone.goto(f"{live_app.address}/history")
    workouts = phone.locator('[data-list="workouts"] li')
    expect(workouts).to_have_count(10)
    phone.locator('[data-list="workouts"]').get_by_role("button", name="Load more").click()
    expect(workouts).to_have_count(WORKOUTS)
    expect(phone.locator('[data-list="workouts"]').get_by_role("button", name="Load more")).to_be_hidden()
    expect(workouts.first).to_contain_text("Push-up 20, 20, 20 reps")
    expect(workouts.first).to_contain_text("20 min")

    phone.get_by_role("tab", name="Coins").click()
    ledger = phone.locator('[data-list="coins"] li')
    rows = live_app.world.ledger_rows(player.id)  # every workout's coins, and what the achievements paid
    assert rows > WORKOUTS
    expect(ledger).to_have_count(10)
    for pages in range(2, -(-rows // 10) + 1):
        phone.locator('[data-list="coins"]').get_by_role("button", name="Load more").click()
        expect(ledger).to_have_count(min(10 * pages, rows))
    expect(phone.locator('[data-list="coins"]').get_by_role("button", name="Load more")).to_be_hidden()
    balance = live_app.world.user(player).coins
    expect(ledger.first).to_contain_text(f"balance {balance}")
    assert balance == live_app.world.ledger_sum(player) > 0
