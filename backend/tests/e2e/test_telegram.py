"""Launching the web app as a Telegram Mini App: signed in from Telegram's initData,
with no form; forged initData gets nobody in."""

from urllib.parse import quote

from playwright.sync_api import Page, expect
from sqlalchemy import select

from bodyweight.models import User
from e2e.browsing import as_telegram_sdk, screenshot, stored_token, telegram_init_data
from e2e.live_server import LiveApp

FORGERS_BOT_TOKEN = "654321:NOT-the-bot-token-of-this-server"
START_PARAM_KEY = "bodyweight.telegramStartParam"  # where frontend/src/telegram/launch.ts keeps it


def test_a_telegram_launch_signs_the_player_in(live_app: LiveApp, phone: Page):
    phone.add_init_script(as_telegram_sdk(telegram_init_data(7001, "ada_tg", "Ada")))

    phone.goto(live_app.address)

    player = phone.locator("[data-player]")
    expect(player.locator(".player-name")).to_have_text("Ada")
    expect(player).to_contain_text("@ada_tg")
    expect(phone).to_have_url(f"{live_app.address}/")
    assert phone.evaluate("window.telegramReady") is True  # told Telegram the app is ready
    screenshot(phone, "phone-telegram-home")

    # The next page of the same launch does not sign in again.
    signins = []
    phone.on("request", lambda r: signins.append(r) if r.url.endswith("/api/auth/telegram") else None)
    phone.get_by_role("navigation").get_by_role("link", name="Shop").click()
    expect(phone.locator('[data-avatar="shadow-wolf"]')).to_have_attribute("data-standing", "equipped")
    phone.reload()
    expect(phone.locator('[data-avatar="shadow-wolf"]')).to_have_attribute("data-standing", "equipped")
    assert signins == []


def test_a_launch_with_init_data_in_the_url_fragment_needs_no_telegram_script(live_app: LiveApp, phone: Page):
    """Telegram appends #tgWebAppData=...; its script cannot load here (no internet)."""
    init_data = telegram_init_data(7002, "grace_tg", "Grace")

    phone.goto(
        f"{live_app.address}/#tgWebAppData={quote(init_data, safe='')}&tgWebAppVersion=8.0&tgWebAppPlatform=android"
    )

    expect(phone.locator("[data-player] .player-name")).to_have_text("Grace")
    assert stored_token(phone)


def test_forged_init_data_signs_nobody_in(live_app: LiveApp, phone: Page):
    phone.add_init_script(
        as_telegram_sdk(telegram_init_data(7003, "mallory_tg", "Mallory", bot_token=FORGERS_BOT_TOKEN))
    )

    phone.goto(live_app.address)

    expect(phone).to_have_url(f"{live_app.address}/signin")
    failure = phone.locator("[data-telegram-failure]")
    expect(failure).to_contain_text("Couldn't sign you in through Telegram.")
    expect(failure).not_to_contain_text("not set up")  # the server is configured: it refused the data
    expect(failure.get_by_role("button", name="Try Telegram again")).to_be_visible()
    expect(phone.locator("#signup")).to_be_visible()  # an ordinary account is still possible
    assert stored_token(phone) is None
    screenshot(phone, "phone-telegram-forged")
    with live_app.world.sessions() as session:
        assert session.scalar(select(User).where(User.username == "mallory_tg")) is None


def test_telegram_theme_colours_and_viewport_are_adopted(live_app: LiveApp, phone: Page):
    phone.add_init_script(as_telegram_sdk(telegram_init_data(7004, "linus_tg", "Linus")))

    phone.goto(live_app.address)

    expect(phone.locator("[data-player] .player-name")).to_have_text("Linus")
    style = phone.evaluate("""() => [
      getComputedStyle(document.documentElement).getPropertyValue("--sky").trim(),
      getComputedStyle(document.documentElement).getPropertyValue("--tg-viewport-stable-height").trim(),
    ]""")
    assert style == ["#102030", "700px"]


def test_the_start_parameter_of_a_launch_is_kept_for_the_invite_flow(live_app: LiveApp, phone: Page):
    """t.me/<bot>/<app>?startapp=... opens the app with ?tgWebAppStartParam=... (issue 14's invites)."""
    init_data = telegram_init_data(7005, "ada_invited", "Ada")

    phone.goto(f"{live_app.address}/?tgWebAppStartParam=invite_Ab-1#tgWebAppData={quote(init_data, safe='')}")

    expect(phone.locator("[data-player] .player-name")).to_have_text("Ada")
    phone.get_by_role("navigation").get_by_role("link", name="Shop").click()
    phone.reload()  # the launch's URL is gone; the parameter is not
    expect(phone.locator('[data-avatar="shadow-wolf"]')).to_be_visible()
    assert phone.evaluate("key => sessionStorage.getItem(key)", START_PARAM_KEY) == "invite_Ab-1"
