"""The player's settings on the home page: display name and the zone their days follow."""

from playwright.sync_api import Page, expect

from e2e.browsing import sign_in
from e2e.live_server import LiveApp


def test_settings_change_the_name_and_time_zone_or_say_what_is_wrong(live_app: LiveApp, phone: Page):
    player = live_app.world.player()
    sign_in(phone, live_app.address, player)
    phone.goto(live_app.address)
    settings = phone.locator("[data-settings]")
    expect(settings.get_by_label("Display name")).to_have_value(player.username)

    settings.get_by_label("Display name").fill("Ada Lovelace")
    settings.get_by_label("Your day ends at midnight in").fill("Asia/Tokyo")
    settings.get_by_role("button", name="Save").click()

    expect(phone.locator(".notice-success p")).to_have_text("Settings saved.")
    expect(phone.locator("[data-player] .player-name")).to_have_text("Ada Lovelace")
    assert live_app.world.user(player).timezone == "Asia/Tokyo"

    settings.get_by_label("Your day ends at midnight in").fill("Mars/Olympus_Mons")
    settings.get_by_role("button", name="Save").click()
    expect(settings.get_by_role("alert")).to_contain_text("'Mars/Olympus_Mons' is not an IANA time zone name")
    assert live_app.world.user(player).timezone == "Asia/Tokyo"
