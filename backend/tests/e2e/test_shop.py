"""Buying in the browser: never twice, whatever the player's fingers or the network do."""

from playwright.sync_api import Page, Route, expect
from sqlalchemy import func, select

from bodyweight.models import CoinTransaction, UserAvatarPurchase
from e2e.browsing import screenshot, sign_in
from e2e.live_server import LiveApp
from support.api import Player

PURCHASE = "**/api/avatars/*/purchase"


def purchases_and_debits(app: LiveApp, player: Player) -> tuple[int, int]:
    with app.world.sessions() as session:
        return (
            session.scalar(
                select(func.count()).select_from(UserAvatarPurchase).where(UserAvatarPurchase.user_id == player.id)
            ),
            session.scalar(
                select(func.count())
                .select_from(CoinTransaction)
                .where(CoinTransaction.user_id == player.id, CoinTransaction.reason == "purchase")
            ),
        )


def open_shop(page: Page, app: LiveApp, player: Player) -> None:
    sign_in(page, app.address, player)
    page.goto(f"{app.address}/shop")
    expect(page.locator('[data-avatar="phoenix"]')).to_have_attribute("data-standing", "for-sale")


def test_a_double_click_on_buy_charges_once(live_app: LiveApp, phone: Page):
    player = live_app.world.player(coins=150, level=3)
    open_shop(phone, live_app, player)
    sent = []
    phone.on("request", lambda request: sent.append(request) if request.method == "POST" else None)

    # A double click on Buy opens the dialog; its second click confirms nothing.
    phone.locator('[data-avatar="phoenix"]').get_by_role("button", name="Buy Phoenix").dblclick()
    dialog = phone.get_by_role("dialog")
    expect(dialog).to_contain_text("Buy Phoenix?")
    # A double click on the confirm button buys once.
    dialog.get_by_role("button", name="Buy for 100").dblclick()

    # 150 - 100, and 10 for the first purchase's achievement, paid in the same transaction.
    expect(dialog).to_contain_text("Phoenix is yours!")
    expect(dialog).to_contain_text("New balance: 60 coins.")
    expect(dialog.locator('[data-earned-achievements] [data-achievement="shop-first"]')).to_contain_text("+10 coins")
    screenshot(phone, "phone-shop-bought-after-a-double-click")
    assert len(sent) == 1
    assert live_app.world.user(player).coins == 60
    assert live_app.world.ledger_sum(player) == 60
    assert purchases_and_debits(live_app, player) == (1, 1)


def test_a_purchase_whose_answer_is_lost_is_retried_safely(live_app: LiveApp, phone: Page):
    player = live_app.world.player(coins=150, level=3)
    open_shop(phone, live_app, player)
    keys = []

    def lose_the_first_answer(route: Route) -> None:
        keys.append(route.request.headers.get("idempotency-key"))
        if len(keys) == 1:
            route.fetch()  # the server buys...
            route.abort("connectionreset")  # ...and the answer never arrives
        else:
            route.continue_()

    phone.route(PURCHASE, lose_the_first_answer)
    phone.locator('[data-avatar="phoenix"]').get_by_role("button", name="Buy Phoenix").click()
    dialog = phone.get_by_role("dialog")
    confirm = dialog.get_by_role("button", name="Buy for 100")
    confirm.click()
    expect(dialog.get_by_role("alert")).to_contain_text("Can't reach the server")
    expect(dialog.get_by_role("alert")).to_contain_text("you will never be charged twice")
    assert live_app.world.user(player).coins == 60  # it did go through (with the first purchase's 10)

    confirm.click()
    expect(dialog).to_contain_text("Phoenix is yours!")
    expect(dialog).to_contain_text("New balance: 60 coins.")
    assert len(keys) == 2 and keys[0] and keys[0] == keys[1]
    assert live_app.world.user(player).coins == 60
    assert purchases_and_debits(live_app, player) == (1, 1)


def test_a_purchase_the_server_refuses_is_explained(live_app: LiveApp, phone: Page):
    player = live_app.world.player(coins=250, level=5)
    open_shop(phone, live_app, player)
    # Meanwhile, on another device, the griffin takes most of the coins.
    bought = live_app.world.client.post("/api/avatars/griffin/purchase", headers=player.headers)
    assert bought.status_code == 201, bought.text

    phone.locator('[data-avatar="phoenix"]').get_by_role("button", name="Buy Phoenix").click()
    dialog = phone.get_by_role("dialog")
    dialog.get_by_role("button", name="Buy for 100").click()

    # "That costs 100 coins; you have 60 coins." (250 - 200 + 10 for the first purchase).
    expect(dialog.get_by_role("alert")).to_have_text("That costs 100 coins; you have 60 coins.")
    expect(dialog.get_by_role("button")).to_have_text(["Close"])
    expect(phone.locator('[data-avatar="phoenix"]')).to_have_attribute("data-standing", "too-expensive")
    expect(phone.locator('[data-avatar="griffin"]')).to_have_attribute("data-standing", "owned")
    expect(phone.locator("[data-hud-coins]")).to_have_text("60")
    screenshot(phone, "phone-shop-refused")
    assert purchases_and_debits(live_app, player) == (1, 1)  # the griffin only
