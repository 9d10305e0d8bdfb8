"""Friends in two browsers: an invite link makes two players friends, they see each
other on the friends board, and one who turns hidden disappears for the other from
the boards and from search. One player reads the app in English, the other in Russian."""

import re
from datetime import timedelta
from itertools import count

from playwright.sync_api import Page, expect

from e2e.browsing import as_telegram_sdk, screenshot, sign_in, telegram_init_data
from e2e.live_server import LiveApp
from support.clock import reps, workout

SERIAL = count(1)


def test_two_players_become_friends_through_an_invite_link_and_hiding_takes_one_away(
    app_on_each_engine: LiveApp, phone: Page, russian_phone: Page
):
    app = app_on_each_engine
    serial = next(SERIAL)
    engine = app.database_url.split(":")[0]
    ada = app.world.player(username=f"ada_inviter{serial}")
    bo = app.world.player(username=f"bo_invited{serial}", locale="ru")
    for player, count_ in ((ada, 30), (bo, 20)):
        logged = app.world.client.post(
            "/api/workouts", json=workout(timedelta(minutes=5), 20, reps("push-up", count_)), headers=player.headers
        )
        assert logged.status_code == 201, logged.text

    # Ada copies her invite link from the friends page.
    sign_in(phone, app.address, ada)
    phone.goto(f"{app.address}/")
    phone.get_by_role("navigation").get_by_role("link", name="Friends").click()
    expect(phone.locator("[data-list=friends]")).to_contain_text("No friends yet.")
    link = phone.locator("[data-invite-link]")
    expect(link).to_have_value(re.compile(re.escape(f"{app.address}/invite?code=") + r"[\w-]+$"))
    invite = link.input_value()

    # Bo, in Russian, opens it signed out: signs in first, then lands as Ada's friend.
    russian_phone.goto(invite)
    expect(russian_phone).to_have_url(f"{app.address}/signin?next=%2Finvite%3Fcode%3D{invite.split('=', 1)[1]}")
    russian_phone.get_by_role("tab", name="У меня есть аккаунт").click()
    login = russian_phone.locator("#login")
    login.get_by_label("Имя пользователя").fill(bo.username)
    login.get_by_label("Пароль").fill("correct horse battery")
    login.get_by_role("button", name="Войти").click()
    landing = russian_phone.locator("[data-new-friend]")
    expect(landing).to_contain_text(f"Теперь вы с {ada.username} друзья!")
    expect(landing.locator("[data-stat=level]")).to_have_text("Уровень 1")
    screenshot(russian_phone, f"phone-ru-invite-accepted-{engine}")

    # Bo compares the week: both are on the friends board, Ada (more push-ups) first.
    landing.get_by_role("link", name="Сравнить неделю").click()
    board = russian_phone.locator("[data-board=week-friends]")
    expect(board.locator(".board-row")).to_have_count(2)
    expect(board.locator(".board-row").first).to_contain_text(ada.username)
    expect(board.locator(".board-row-me")).to_contain_text("Вы")
    screenshot(russian_phone, f"phone-ru-friends-board-{engine}")

    # Ada sees Bo's card among her friends, and Bo on her friends board.
    phone.reload()
    card = phone.locator("[data-list=friends] .friend-card")
    expect(card).to_have_count(1)
    expect(card).to_contain_text(bo.username)
    expect(card.locator("[data-stat=level]")).to_have_text("Level 1")
    expect(card.locator("[data-stat=week]")).not_to_have_text("This week: 0 XP")
    screenshot(phone, f"phone-en-friends-{engine}")
    # The boards open from the friends page (the tab bar keeps seven tabs at 320 px).
    phone.get_by_role("link", name="Compare on the boards").click()
    expect(phone.locator("[data-board=week-friends] .board-row")).to_have_count(2)
    expect(phone.locator("[data-board=week-friends]")).to_contain_text(bo.username)

    # Bo goes public: Ada finds him on the global board of the week, and by username.
    choose_visibility(russian_phone, app, "Все")
    phone.get_by_role("tab", name="Everyone").click()
    expect(phone.locator("[data-board=week-global] [data-board-player]").filter(has_text=bo.username)).to_have_count(1)
    assert found_by_search(phone, app, bo.username) == "Already your friend"

    # Bo turns hidden: gone from Ada's boards and from her search; his card is only a name.
    choose_visibility(russian_phone, app, "Никто")
    for scope in ("Everyone", "Friends"):
        phone.goto(f"{app.address}/boards")
        phone.get_by_role("tab", name=scope).click()
        board = phone.locator("[data-board]")
        expect(board.locator(".board-row-me")).to_be_visible()
        expect(board).not_to_contain_text(bo.username)
    assert found_by_search(phone, app, bo.username) == "There is no such player, or they don't want to be found."
    phone.reload()
    hidden = phone.locator("[data-list=friends] .friend-card")
    expect(hidden).to_have_attribute("data-hidden", "true")
    expect(hidden).to_contain_text("Keeps their progress hidden")
    screenshot(phone, f"phone-en-friend-hidden-{engine}")


def choose_visibility(page: Page, app: LiveApp, choice: str) -> None:
    page.goto(f"{app.address}/settings")
    fieldset = page.locator("#visibility")
    fieldset.get_by_label(choice).check()
    expect(page.locator("[data-toast] p").last).to_contain_text(choice)
    expect(fieldset.get_by_label(choice)).to_be_checked()


def found_by_search(page: Page, app: LiveApp, username: str) -> str:
    """What the friends page says after searching for exactly this username."""
    page.goto(f"{app.address}/friends")
    find = page.locator("[data-find]")
    find.get_by_label("Exact username").fill(username)
    find.get_by_role("button", name="Find").click()
    outcome = find.locator("[data-found] .hint, [role=alert]")
    expect(outcome).to_be_visible()
    return outcome.inner_text()


def test_a_telegram_launch_from_an_invite_signs_in_and_lands_as_friends_once(live_app: LiveApp, phone: Page):
    """startapp=friend-<code>: Telegram hands the app the start parameter; the new
    player is signed in from Telegram, accepts the invite, and a reload stays put."""
    ada = live_app.world.player(username=f"ada_tg_inviter{next(SERIAL)}")
    code = live_app.world.client.get("/api/friends/invite", headers=ada.headers).json()["code"]
    init_data = telegram_init_data(7301, f"newcomer{next(SERIAL)}", "Newcomer")
    phone.add_init_script(as_telegram_sdk(init_data))
    accepts: list[str] = []
    phone.on("request", lambda r: accepts.append(r.url) if r.url.endswith("/accept") else None)

    phone.goto(f"{live_app.address}/?tgWebAppStartParam=friend-{code}")

    expect(phone).to_have_url(f"{live_app.address}/invite?code={code}")
    expect(phone.locator("[data-new-friend]")).to_contain_text(f"You and {ada.username} are now friends!")
    phone.get_by_role("link", name="See your friends").click()
    expect(phone.locator("[data-list=friends] .friend-card")).to_contain_text(ada.username)
    phone.goto(f"{live_app.address}/?tgWebAppStartParam=friend-{code}")  # the same launch, reloaded
    expect(phone.locator("[data-player]")).to_be_visible()
    assert "/invite" not in phone.url and len(accepts) == 1
