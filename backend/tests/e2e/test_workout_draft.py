"""Nothing a player types is lost: the workout in progress survives a reload, and an
expired session that asks to sign in again returns to the same unfinished workout."""

from playwright.sync_api import Page, expect

from e2e.browsing import sign_in
from e2e.live_server import LiveApp
from e2e.test_signin import PASSWORD


def start_a_workout(page: Page) -> None:
    page.get_by_role("button", name="+ Add exercise").click()
    page.locator('button.exercise[data-exercise="push-up"]').click()
    page.get_by_label("Push-up, set 1, reps").fill("20")
    page.get_by_role("button", name="Another set of Push-up").click()
    page.get_by_label("Push-up, set 2, reps").fill("15")


def expect_the_same_sets(page: Page) -> None:
    expect(page.get_by_label("Push-up, set 1, reps")).to_have_value("20")
    expect(page.get_by_label("Push-up, set 2, reps")).to_have_value("15")
    expect(page.locator("[data-set-count]")).to_have_text("(2)")


def test_a_reload_mid_workout_keeps_the_sets(app_on_each_engine: LiveApp, phone: Page):
    sign_in(phone, app_on_each_engine.address, app_on_each_engine.world.player())
    phone.goto(f"{app_on_each_engine.address}/workout")
    start_a_workout(phone)

    phone.reload()

    expect_the_same_sets(phone)
    phone.get_by_role("navigation").get_by_role("link", name="Home").click()
    expect(phone.get_by_role("link", name="Continue your workout (2 sets)")).to_be_visible()


def test_signing_in_again_mid_workout_returns_to_the_same_sets(live_app: LiveApp, phone: Page):
    player = live_app.world.player()
    sign_in(phone, live_app.address, player)
    phone.goto(f"{live_app.address}/workout")
    start_a_workout(phone)

    # The session ends (the token is no longer accepted) while the player is training.
    phone.evaluate("localStorage.setItem('bodyweight.token', 'expired')")
    phone.get_by_role("navigation").get_by_role("link", name="Shop").click()
    expect(phone.locator("[data-toast]")).to_contain_text("Your session has ended")
    expect(phone.locator("#login")).to_be_visible()
    phone.goto(f"{live_app.address}/signin?next=%2Fworkout")  # where the workout was
    login = phone.locator("#login")
    login.get_by_label("Username").fill(player.username)
    login.get_by_label("Password").fill(PASSWORD)
    login.get_by_role("button", name="Continue").click()

    expect(phone).to_have_url(f"{live_app.address}/workout")
    expect_the_same_sets(phone)


def test_an_expired_session_on_the_workout_page_comes_back_to_it(live_app: LiveApp, phone: Page):
    player = live_app.world.player()
    sign_in(phone, live_app.address, player)
    phone.goto(f"{live_app.address}/workout")
    start_a_workout(phone)
    phone.evaluate("localStorage.setItem('bodyweight.token', 'expired')")

    phone.get_by_role("button", name="Finish & score").click()

    expect(phone).to_have_url(f"{live_app.address}/signin?next=%2Fworkout")
    login = phone.locator("#login")
    login.get_by_label("Username").fill(player.username)
    login.get_by_label("Password").fill(PASSWORD)
    login.get_by_role("button", name="Continue").click()
    expect_the_same_sets(phone)
    phone.get_by_role("button", name="Finish & score").click()
    expect(phone.locator("[data-reward-xp]")).to_be_visible()
