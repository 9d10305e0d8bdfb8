"""The player's settings: display name, the zone their days follow, the language."""

from playwright.sync_api import Page, expect

from e2e.browsing import sign_in
from e2e.live_server import LiveApp


def test_settings_change_the_name_and_time_zone_or_say_what_is_wrong(live_app: LiveApp, phone: Page):
    player = live_app.world.player()
    sign_in(phone, live_app.address, player)
    phone.goto(f"{live_app.address}/settings")
    settings = phone.locator("[data-settings]")
    expect(settings.get_by_label("Display name")).to_have_value(player.username)

    settings.get_by_label("Display name").fill("Ada Lovelace")
    settings.get_by_label("Your day ends at midnight in").fill("Asia/Tokyo")
    settings.get_by_role("button", name="Save").click()

    expect(phone.locator("[data-toast] p")).to_have_text("Settings saved.")
    assert live_app.world.user(player).timezone == "Asia/Tokyo"
    phone.get_by_role("navigation").get_by_role("link", name="Home").click()
    expect(phone.locator("[data-player] .player-name")).to_have_text("Ada Lovelace")

    phone.get_by_role("navigation").get_by_role("link", name="Settings").click()
    settings.get_by_label("Your day ends at midnight in").fill("Mars/Olympus_Mons")
    settings.get_by_role("button", name="Save").click()
    expect(settings.get_by_role("alert")).to_be_visible()
    assert live_app.world.user(player).timezone == "Asia/Tokyo"


def test_a_toast_is_on_screen_after_saving_on_a_scrolled_page(live_app: LiveApp, phone: Page):
    sign_in(phone, live_app.address, live_app.world.player())
    phone.set_viewport_size({"width": 390, "height": 420})  # short enough to scroll
    phone.goto(f"{live_app.address}/settings")
    save = phone.get_by_role("button", name="Save")
    expect(save).to_be_visible()
    phone.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    assert phone.evaluate("window.scrollY") > 0

    save.click()

    toast = phone.locator("[data-toast]")
    expect(toast.locator("p")).to_have_text("Settings saved.")
    box = toast.bounding_box()
    viewport = phone.viewport_size
    assert box and 0 <= box["y"] and box["y"] + box["height"] <= viewport["height"], box
    assert 0 <= box["x"] and box["x"] + box["width"] <= viewport["width"], box
