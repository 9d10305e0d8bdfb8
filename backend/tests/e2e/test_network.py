"""A slow or failing network: the player sees what is happening, can try again, and
a retried workout counts once."""

import re

from playwright.sync_api import Page, Route, expect
from sqlalchemy import func, select

from bodyweight.models import Workout
from e2e.browsing import screenshot, sign_in
from e2e.live_server import LiveApp
from support.api import Player


def workouts_of(app: LiveApp, player: Player) -> int:
    with app.world.sessions() as session:
        return session.scalar(select(func.count()).select_from(Workout).where(Workout.user_id == player.id))


def test_an_unreachable_server_is_explained_and_the_page_recovers(live_app: LiveApp, phone: Page):
    sign_in(phone, live_app.address, live_app.world.player())
    phone.route("**/api/users/me", lambda route: route.abort("internetdisconnected"))

    phone.goto(live_app.address)

    problem = phone.get_by_role("alert")
    expect(problem).to_contain_text("Can't reach the server. Check your connection and try again.")
    screenshot(phone, "phone-offline")
    phone.unroute("**/api/users/me")
    problem.get_by_role("button", name="Try again").click()
    expect(phone.locator("[data-player] .player-name")).to_be_visible()
    expect(phone.get_by_role("alert")).to_have_count(0)
    expect(phone.locator("[data-hud-coins]")).to_have_text("0")


def test_a_slow_answer_shows_that_the_page_is_loading(live_app: LiveApp, phone: Page):
    sign_in(phone, live_app.address, live_app.world.player())
    held: list[Route] = []
    phone.route("**/api/avatars", lambda route: held.append(route))

    phone.goto(f"{live_app.address}/shop")

    expect(phone.locator("[data-avatars]")).to_have_attribute("aria-busy", "true")
    expect(phone.locator("[data-avatars]")).to_contain_text("Loading the shop")
    expect(phone.locator('[data-avatar="phoenix"] button')).to_have_count(0)
    for _ in range(500):  # until the browser has asked (Playwright reports it while waiting)
        if held:
            break
        phone.wait_for_timeout(20)
    held[0].continue_()
    expect(phone.locator('[data-avatar="phoenix"]')).to_be_visible()
    expect(phone.locator("[data-avatars]")).not_to_have_attribute("aria-busy", "true")


def test_a_workout_whose_answer_is_lost_counts_once_when_retried(live_app: LiveApp, phone: Page):
    player = live_app.world.player()
    sign_in(phone, live_app.address, player)
    keys = []

    def lose_the_first_answer(route: Route) -> None:
        keys.append(route.request.headers.get("idempotency-key"))
        if len(keys) == 1:
            route.fetch()  # the server stores the workout...
            route.abort("timedout")  # ...and the answer never arrives
        else:
            route.continue_()

    phone.route(
        "**/api/workouts",
        lambda route: lose_the_first_answer(route) if route.request.method == "POST" else route.continue_(),
    )
    phone.goto(f"{live_app.address}/workout")
    phone.get_by_role("button", name="+ Add exercise").click()
    phone.locator('button.exercise[data-exercise="push-up"]').click()
    phone.get_by_label("Push-up, set 1, reps").fill("20")
    finish = phone.get_by_role("button", name="Finish & score")
    finish.click()
    expect(phone.locator("[data-workout-form] [role=alert]")).to_contain_text(
        "pressing Finish again will not count it twice"
    )
    assert workouts_of(live_app, player) == 1

    finish.click()
    expect(phone.locator("[data-reward-xp]")).to_be_visible()
    assert len(keys) == 2 and keys[0] and keys[0] == keys[1]
    assert workouts_of(live_app, player) == 1


def test_a_workout_the_server_refuses_is_explained_and_nothing_is_stored(live_app: LiveApp, phone: Page):
    player = live_app.world.player()
    sign_in(phone, live_app.address, player)
    phone.goto(f"{live_app.address}/workout")
    phone.get_by_role("button", name="+ Add exercise").click()
    phone.get_by_role("tab", name="Static holds").click()  # planks moved there with the bilingual catalogue
    phone.locator('button.exercise[data-exercise="plank"]').click()
    phone.get_by_label("Plank, set 1, seconds").fill("5000")  # more than an hour

    phone.get_by_role("button", name="Finish & score").click()

    expect(phone.locator("[data-workout-form] [role=alert]")).to_contain_text(re.compile(r"3,?600"))
    screenshot(phone, "phone-workout-refused")
    assert workouts_of(live_app, player) == 0
