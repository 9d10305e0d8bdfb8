"""Buying in the browser: never twice, whatever the player's fingers or the network do."""

from playwright.sync_api import Page, Route, expect
from sqlalchemy import func, select

from bodyweight.achievements.catalogue import achievements_by_slug
from bodyweight.models import CoinTransaction, UserAvatarPurchase
from e2e.browsing import screenshot, sign_in
from e2e.live_server import LiveApp
from support.api import Player

PURCHASE = "**/api/avatars/*/purchase"
# The player's first purchase also earns an achievement, paid with it: 150 coins less
# the phoenix's 100, or 250 less the griffin's 200, leave 50 and that reward.
LEFT = 50 + achievements_by_slug()["shop-first"].reward


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

    expect(dialog).to_contain_text("Phoenix is yours!")
    expect(dialog).to_contain_text(f"New balance: {LEFT} coins.")
    screenshot(phone, "phone-shop-bought-after-a-double-click")
    assert len(sent) == 1
    assert live_app.world.user(player).coins == LEFT
    assert live_app.world.ledger_sum(player) == LEFT
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
    assert live_app.world.user(player).coins == LEFT  # it did go through

    confirm.click()
    expect(dialog).to_contain_text("Phoenix is yours!")
    expect(dialog).to_contain_text(f"New balance: {LEFT} coins.")
    assert len(keys) == 2 and keys[0] and keys[0] == keys[1]
    assert live_app.world.user(player).coins == LEFT
    assert purchases_and_debits(live_app, player) == (1, 1)


def test_a_purchase_the_server_refuses_is_explained(live_app: LiveApp, phone: Page):
    player = live_app.world.player(coins=250, level=5)
    open_shop(phone, live_app, player)
    # Meanwhile, on another device, the griffin takes most of the coins (the first
    # purchase's achievement gives a few back: 60 left).
    bought = live_app.world.client.post("/api/avatars/griffin/purchase", headers=player.headers)
    assert bought.status_code == 201, bought.text

    phone.locator('[data-avatar="phoenix"]').get_by_role("button", name="Buy Phoenix").click()
    dialog = phone.get_by_role("dialog")
    dialog.get_by_role("button", name="Buy for 100").click()

    # "That costs 100 coins; you have 50 coins." from the catalogue once the server sends
    # the error's params; the server's own words until then.
    expect(dialog.get_by_role("alert")).to_contain_text("100 coins")
    expect(dialog.get_by_role("alert")).to_contain_text(str(LEFT))
    expect(dialog.get_by_role("button")).to_have_text(["Close"])
    expect(phone.locator('[data-avatar="phoenix"]')).to_have_attribute("data-standing", "too-expensive")
    expect(phone.locator('[data-avatar="griffin"]')).to_have_attribute("data-standing", "owned")
    expect(phone.locator("[data-hud-coins]")).to_have_text(str(LEFT))
    screenshot(phone, "phone-shop-refused")
    assert purchases_and_debits(live_app, player) == (1, 1)  # the griffin only
