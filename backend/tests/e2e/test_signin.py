"""Signing up, logging in and out, and what the player is told when it fails."""

import re

from playwright.sync_api import Page, expect

from e2e.browsing import sign_in, stored_token
from e2e.live_server import LiveApp
from support.api import Player

PASSWORD = "correct horse battery"  # what World gives its players


def test_a_taken_username_and_a_wrong_password_are_explained(live_app: LiveApp, phone: Page):
    taken = live_app.world.player()
    phone.goto(f"{live_app.address}/signin")

    signup = phone.locator("#signup")
    signup.get_by_label("Username").fill(taken.username)
    signup.get_by_label("Password").fill(PASSWORD)
    signup.get_by_role("button", name="Start playing").click()
    expect(signup.get_by_role("alert")).to_have_text("That username is taken. Try another one.")

    phone.get_by_role("tab", name="I have an account").click()
    login = phone.locator("#login")
    login.get_by_label("Username").fill(taken.username)
    login.get_by_label("Password").fill("not the password")
    login.get_by_role("button", name="Continue").click()
    expect(login.get_by_role("alert")).to_have_text("Wrong username or password.")
    assert stored_token(phone) is None


def test_a_returning_player_logs_in_and_lands_where_they_were_going(live_app: LiveApp, phone: Page):
    player = live_app.world.player()

    phone.goto(f"{live_app.address}/shop")

    expect(phone).to_have_url(f"{live_app.address}/signin?next=%2Fshop")
    login = phone.locator("#login")
    expect(login).to_be_visible()
    login.get_by_label("Username").fill(player.username)
    login.get_by_label("Password").fill(PASSWORD)
    login.get_by_role("button", name="Continue").click()
    expect(phone).to_have_url(f"{live_app.address}/shop")
    expect(phone.locator("[data-toast]")).to_contain_text(f"Welcome back, {player.username}!")
    expect(phone.locator('[data-avatar="shadow-wolf"]')).to_have_attribute("data-standing", "equipped")


def test_a_session_the_server_no_longer_accepts_asks_to_sign_in_again(live_app: LiveApp, phone: Page):
    sign_in(phone, live_app.address, Player(id=0, username="nobody", token="not-a-token"))

    phone.goto(f"{live_app.address}/history")

    expect(phone).to_have_url(f"{live_app.address}/signin?next=%2Fhistory")
    expect(phone.locator("[data-toast]")).to_contain_text("Your session has ended")
    assert stored_token(phone) is None


def test_signing_out_revokes_the_token_on_the_server(live_app: LiveApp, phone: Page):
    player = live_app.world.player()
    sign_in(phone, live_app.address, player)
    phone.goto(f"{live_app.address}/settings")

    phone.get_by_role("button", name="Sign out").click()

    expect(phone).to_have_url(re.compile(r"/signin$"))
    expect(phone.locator("[data-toast]")).to_contain_text("Signed out")
    assert stored_token(phone) is None
    assert phone.evaluate("localStorage.getItem('bodyweight.locale')") == "en"  # the language is kept
    assert live_app.world.client.get("/api/users/me", headers=player.headers).status_code == 401


def test_the_language_can_be_switched_before_signing_in(live_app: LiveApp, phone: Page):
    phone.goto(f"{live_app.address}/signin")
    expect(phone.get_by_role("button", name="Start playing")).to_be_visible()

    phone.get_by_role("button", name="Русский").click()

    expect(phone.get_by_role("button", name="Начать игру")).to_be_visible()
    expect(phone.locator("html")).to_have_attribute("lang", "ru")
    phone.reload()
    expect(phone.get_by_role("button", name="Начать игру")).to_be_visible()


def test_a_russian_browser_gets_russian_before_signing_in(live_app: LiveApp, russian_phone: Page):
    russian_phone.goto(live_app.address)
    expect(russian_phone.get_by_role("button", name="Начать игру")).to_be_visible()


def test_unknown_pages_get_the_apps_own_404_page(live_app: LiveApp, phone: Page):
    response = phone.goto(f"{live_app.address}/nope")

    assert response.status == 404
    expect(phone.get_by_role("heading", name="Nothing here")).to_be_visible()
    phone.get_by_role("link", name="Go home").click()
    expect(phone).to_have_url(re.compile(r"/signin$"))
