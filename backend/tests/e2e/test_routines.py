"""A beginner with only a pull-up bar, in Russian and in English: finds what to do
by equipment, reads how to do it and the next step up, starts a preset routine,
follows it with the set countdown and the rest timer, finishes and gets the
reward the server computed."""

import re

import pytest
from playwright.sync_api import Page, expect

from e2e.browsing import screenshot, sign_in, visible_text
from e2e.catalogues import catalogue, english_on
from e2e.live_server import LiveApp

ROUTINE = "pull-up-bar-level-1"


def text(language: str, key: str, **params: object) -> str:
    """The app's own text for `key` (its first form), with `params` filled in."""
    message = catalogue(language)[key][0]
    for name, value in params.items():
        message = message.replace(f"{{{name}}}", str(value))
    return message


def server(app: LiveApp, path: str, language: str) -> dict:
    response = app.world.client.get(path, headers={"Accept-Language": language})
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.parametrize("language", ["en", "ru"])
def test_a_beginner_with_a_pull_up_bar_finds_learns_and_follows_a_routine(
    app_on_each_engine: LiveApp, phone: Page, request, language: str
):
    app = app_on_each_engine
    engine = request.node.callspec.params["app_on_each_engine"]
    t = lambda key, **params: text(language, key, **params)  # noqa: E731
    player = app.world.player(locale=language)
    pull_up = server(app, "/api/exercises/pull-up", language)
    harder = next(step for step in pull_up["ladder"] if step["id"] == pull_up["harder"])
    sign_in(phone, app.address, player)
    routine = next(
        r
        for r in app.world.client.get("/api/routines", headers={**player.headers, "Accept-Language": language}).json()
        if r["id"] == ROUTINE
    )
    snap = lambda name: screenshot(phone, f"routine-{language}-{engine}-{name}")  # noqa: E731

    # Only a pull-up bar: the picker shows what it can be used for.
    phone.goto(f"{app.address}/workout")
    phone.get_by_role("button", name=t("workout.add")).click()
    picker = phone.get_by_role("dialog")
    picker.get_by_label(t("picker.equipment")).select_option("pull_up_bar")
    results = picker.locator("ul.exercises")
    expect(results).to_have_attribute("aria-busy", "false")
    expect(results.locator('button.exercise[data-exercise="pull-up"]')).to_be_visible()
    expect(results.locator('button.exercise[data-exercise="push-up"]')).to_have_count(0)
    bar_only = server(app, "/api/exercises?equipment=pull_up_bar", language)
    expect(results.locator("button.exercise")).to_have_count(len(bar_only))
    # ...and a word of its name narrows it down, in the player's language.
    picker.get_by_label(t("picker.search")).fill(pull_up["name"].split()[0])
    expect(results).to_have_attribute("aria-busy", "false")
    expect(results.locator('button.exercise[data-exercise="pull-up"]')).to_be_visible()
    expect(results.locator('button.exercise[data-exercise="dead-hang"]')).to_have_count(0)
    snap("01-picker")

    # How to do it, and what comes next on its ladder.
    picker.get_by_role("button", name=t("picker.howTo", exercise=pull_up["name"]), exact=True).click()
    detail = picker.locator("[data-exercise-detail=pull-up]")
    expect(detail.locator("[data-instructions]")).to_have_text(pull_up["instructions"])
    next_step = detail.locator("[data-ladder-step=harder]")
    expect(next_step).to_contain_text(harder["name"])
    expect(detail.locator("[data-ladder] li")).to_have_count(len(pull_up["ladder"]))
    snap("02-how-to")
    next_step.click()
    expect(picker.locator(f"[data-exercise-detail={harder['id']}]")).to_be_visible()
    picker.get_by_role("button", name=t("picker.back"), exact=True).click()
    picker.get_by_role("button", name=t("app.close"), exact=True).click()
    expect(picker).to_be_hidden()

    # A preset routine, started from the routines page.
    phone.get_by_role("navigation").get_by_role("link", name=t("nav.routines")).click()
    section = phone.locator("[data-theme=pull_up_bar]")
    expect(section.get_by_role("heading", name=t("routines.theme.pull_up_bar"), exact=True)).to_be_visible()
    if language == "ru":
        assert english_on(visible_text(phone)) == []
    snap("03-routines")
    section.get_by_role("button", name=t("routines.startLabel", name=routine["name"])).click()
    expect(phone).to_have_url(re.compile(r"/workout$"))
    total = sum(step["sets"] for step in routine["steps"])
    guide = phone.locator("[data-guide]")
    expect(guide.locator("[data-guide-progress]")).to_have_text(t("guide.progress", n=1, total=total))
    expect(phone.locator("[data-sets] > li")).to_have_count(total)

    # The first set is timed: a countdown, stopped early; then the rest timer.
    first = routine["steps"][0]
    assert first["seconds"] and first["rest_seconds"] >= 30
    guide.get_by_role("button", name=re.compile("^" + re.escape(t("guide.startTimer", target="")))).click()
    expect(guide.locator("[data-countdown]")).to_be_visible()
    snap("04-countdown")
    guide.get_by_role("button", name=t("guide.stop")).click()
    rest = guide.locator("[data-rest-timer]")
    expect(rest).to_be_visible()
    minutes, seconds = rest.inner_text().split(":")
    assert 0 < int(minutes) * 60 + int(seconds) <= first["rest_seconds"]
    snap("05-rest")
    guide.get_by_role("button", name=t("guide.skipRest")).click()
    expect(guide.locator("[data-guide-progress]")).to_have_text(t("guide.progress", n=2, total=total))
    held = int(phone.locator("[data-sets] > li").first.locator("input").input_value())
    assert 1 <= held < first["seconds"]  # what was actually held is what gets logged

    # Finish: the reward the server computed for exactly these sets.
    phone.get_by_role("button", name=t("workout.finish")).click()
    reward = phone.locator("[data-reward]")
    expect(reward.locator("[data-reward-xp]")).to_be_visible()
    logged = app.world.client.get("/api/workouts", headers=player.headers).json()["items"]
    assert len(logged) == 1 and len(logged[0]["sets"]) == total
    assert logged[0]["sets"][0] == {**logged[0]["sets"][0], "exercise_id": first["exercise_id"], "seconds": held}
    expect(reward.locator("[data-reward-xp]")).to_have_text(t("unit.xpGained", count=logged[0]["xp_earned"]))
    expect(reward.locator(".reward-sets li")).to_have_count(total)
    snap("06-reward")
