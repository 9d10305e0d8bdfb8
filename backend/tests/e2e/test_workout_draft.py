"""Nothing a player types is lost: the workout in progress survives a reload, and an
expired session that asks to sign in again returns to the same unfinished workout."""

from playwright.sync_api import Page, expect

from e2e.browsing import sign_in
from e2e.live_server import LiveApp
from e2e.test_signin import PASSWORD
from support.api import Player


def start_a_workout(page: Page) -> None:
    """Two sets of push-ups, typed in."""
    page.get_by_role("button", name="+ Add exercise").click()
    page.locator('button.exercise[data-exercise="push-up"]').click()
    page.get_by_label("Push-up, set 1, reps").fill("20")
    page.get_by_role("button", name="Another set of Push-up").click()
    page.get_by_label("Push-up, set 2, reps").fill("15")


def mid_workout(app: LiveApp, page: Page) -> Player:
    """A signed-in player with a workout in progress, whose session then ends."""
    player = app.world.player()
    sign_in(page, app.address, player)
    page.goto(f"{app.address}/workout")
    start_a_workout(page)
    page.evaluate("localStorage.setItem('bodyweight.token', 'no longer accepted')")
    return player


def log_in(page: Page, player: Player) -> None:
    login = page.locator("#login")
    login.get_by_label("Username").fill(player.username)
    login.get_by_label("Password").fill(PASSWORD)
    login.get_by_role("button", name="Continue").click()


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
    player = mid_workout(live_app, phone)

    phone.get_by_role("navigation").get_by_role("link", name="Shop").click()
    expect(phone.locator("[data-toast]")).to_contain_text("Your session has ended")
    expect(phone.locator("#login")).to_be_visible()
    phone.goto(f"{live_app.address}/signin?next=%2Fworkout")  # where the workout was
    log_in(phone, player)

    expect(phone).to_have_url(f"{live_app.address}/workout")
    expect_the_same_sets(phone)


def test_an_expired_session_on_the_workout_page_comes_back_to_it(live_app: LiveApp, phone: Page):
    player = mid_workout(live_app, phone)

    phone.get_by_role("button", name="Finish & score").click()

    expect(phone).to_have_url(f"{live_app.address}/signin?next=%2Fworkout")
    log_in(phone, player)
    expect_the_same_sets(phone)
    phone.get_by_role("button", name="Finish & score").click()
    expect(phone.locator("[data-reward-xp]")).to_be_visible()
