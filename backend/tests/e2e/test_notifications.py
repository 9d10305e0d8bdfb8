"""The bot's reminder settings, and in-app notices: the unread badge on home, the
list that marks them read."""

from datetime import UTC, datetime, time
from itertools import count

from playwright.sync_api import Page, expect
from sqlalchemy import select

from bodyweight.models import Notification
from e2e.browsing import screenshot, sign_in
from e2e.live_server import LiveApp
from support.telegram import link_telegram

TELEGRAM_IDS = count(7101)


def test_a_reminder_time_set_in_settings_is_kept(app_on_each_engine: LiveApp, phone: Page):
    app = app_on_each_engine
    player = app.world.player(timezone="Asia/Tokyo")
    link_telegram(app.engine, player.id, next(TELEGRAM_IDS))
    sign_in(phone, app.address, player)
    phone.goto(f"{app.address}/settings")
    reminders = phone.locator("[data-reminders]")
    expect(reminders).to_contain_text("Your time in Asia/Tokyo.")
    expect(reminders.get_by_label("Remind me to train every day")).not_to_be_checked()

    reminders.get_by_label("Remind me to train every day").check()
    reminders.get_by_label("Reminder time").fill("07:45")
    reminders.get_by_label("Warn me in the evening when my streak is about to end").check()
    reminders.get_by_role("button", name="Save reminders").click()

    expect(phone.locator("[data-toast] p")).to_have_text("Settings saved.")
    user = app.world.user(player)
    assert (user.reminder_time, user.streak_notice) == (time(7, 45), True)
    phone.reload()
    expect(reminders.get_by_label("Reminder time")).to_have_value("07:45")
    expect(reminders.get_by_label("Remind me to train every day")).to_be_checked()
    expect(reminders.get_by_label("Warn me in the evening when my streak is about to end")).to_be_checked()
    screenshot(phone, f"phone-reminders-{app.database_url.split(':')[0]}")

    # "No reminder" is kept too.
    reminders.get_by_label("Remind me to train every day").uncheck()
    reminders.get_by_role("button", name="Save reminders").click()
    expect(phone.locator("[data-toast] p").last).to_have_text("Settings saved.")
    phone.reload()
    expect(reminders.get_by_label("Remind me to train every day")).not_to_be_checked()
    expect(reminders.get_by_label("Reminder time")).to_be_disabled()
    assert app.world.user(player).reminder_time is None


def test_a_player_the_bot_cannot_reach_is_told_where_reminders_come_from(live_app: LiveApp, phone: Page):
    sign_in(phone, live_app.address, live_app.world.player())
    phone.goto(f"{live_app.address}/settings")

    expect(phone.locator("[data-reminders-unavailable]")).to_contain_text("BodyWeight bot in Telegram")
    expect(phone.locator("[data-reminders]")).to_have_count(0)


def test_a_new_notice_is_unread_on_home_until_the_list_is_opened(app_on_each_engine: LiveApp, phone: Page):
    app = app_on_each_engine
    player = app.world.player(timezone="Asia/Tokyo")
    # Late on 1 March in UTC (and on the phone, in Berlin), already 2 March in Tokyo.
    app.world.notify(
        player.id,
        "achievement",
        {"title": "First workout"},
        "achievement:first",
        datetime(2026, 3, 1, 22, 30, tzinfo=UTC),
    )
    # A friend request, asked through the API as another player's app would.
    ann = app.world.player(display_name="<b>Ann</b> & co")
    asked = app.world.client.post(
        "/api/friends/requests", json={"player_id": app.world.user(player).public_id}, headers=ann.headers
    )
    assert asked.status_code == 200, asked.text
    sign_in(phone, app.address, player)

    phone.goto(app.address)
    bell = phone.locator("[data-notices-link]")
    expect(bell.locator("[data-unread-count]")).to_have_text("2")
    expect(phone.get_by_role("link", name="Notifications: 2 new")).to_be_visible()
    screenshot(phone, "phone-home-unread")

    bell.click()

    expect(phone).to_have_url(f"{app.address}/notifications")
    notices = phone.locator("[data-notifications] li")
    expect(notices).to_have_count(2)
    expect(notices.nth(0)).to_contain_text("<b>Ann</b> & co wants to be your friend")  # as text, not markup
    expect(notices.nth(1)).to_contain_text("Achievement unlocked: First workout")
    expect(notices.nth(1).locator("time")).to_contain_text("Mar 2")
    expect(notices.nth(1).locator("time")).to_contain_text("07:30")
    expect(notices.nth(0)).to_have_attribute("data-unread", "true")  # new when opened
    screenshot(phone, "phone-notifications")

    phone.get_by_role("navigation").get_by_role("link", name="Home").click()
    expect(phone.get_by_role("link", name="Notifications", exact=True)).to_be_visible()
    expect(bell.locator("[data-unread-count]")).to_have_count(0)
    with app.world.sessions() as session:
        read = list(session.scalars(select(Notification.read_at).where(Notification.user_id == player.id)))
    assert len(read) == 2 and all(read)
    phone.reload()
    expect(bell).to_be_visible()
    expect(bell.locator("[data-unread-count]")).to_have_count(0)
    phone.goto(f"{app.address}/notifications")
    expect(phone.locator("[data-notifications] li[data-unread=false]")).to_have_count(2)
