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
    expect(signup.get_by_role("alert")).to_have_text(f"The username '{taken.username}' is taken.")

    signup.get_by_label("Username").fill("no")
    signup.get_by_role("button", name="Start playing").click()
    expect(signup.get_by_role("alert")).to_contain_text("Username:")

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
    expect(phone.locator(".notice-success")).to_contain_text(f"Welcome back, {player.username}!")
    expect(phone.locator('[data-avatar="shadow-wolf"]')).to_have_attribute("data-standing", "equipped")


def test_a_session_the_server_no_longer_accepts_asks_to_sign_in_again(live_app: LiveApp, phone: Page):
    sign_in(phone, live_app.address, Player(id=0, username="nobody", token="not-a-token"))

    phone.goto(f"{live_app.address}/history")

    expect(phone).to_have_url(f"{live_app.address}/signin?next=%2Fhistory")
    expect(phone.locator(".notice-info")).to_contain_text("Please sign in again.")
    assert stored_token(phone) is None


def test_signing_out_forgets_the_player(live_app: LiveApp, phone: Page):
    sign_in(phone, live_app.address, live_app.world.player())
    phone.goto(live_app.address)
    expect(phone.locator("[data-player] .player-name")).to_be_visible()

    phone.get_by_role("button", name="Sign out").click()

    expect(phone).to_have_url(re.compile(r"/signin$"))
    expect(phone.locator(".notice-info")).to_contain_text("Signed out.")
    assert stored_token(phone) is None
