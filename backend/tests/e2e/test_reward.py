"""The reward screen for a workout that does not level up: the same care, and no
word of code (`false`) where a level-up would have been."""

from playwright.sync_api import Page, expect

from e2e.browsing import screenshot, sign_in, visible_text
from e2e.live_server import LiveApp
from e2e.test_journey import documented_set_xp


def test_a_workout_without_level_up_is_rewarded_plainly(app_on_each_engine: LiveApp, phone: Page, request):
    app = app_on_each_engine
    engine = request.node.callspec.params["app_on_each_engine"]
    player = app.world.player(level=5)  # 1600 XP: far from level 6 (2500)
    push_up = next(e for e in app.world.client.get("/api/exercises").json() if e["id"] == "push-up")
    xp = documented_set_xp(push_up["base_xp"], push_up["difficulty"], 10, timed=False)
    total = 1600 + xp
    sign_in(phone, app.address, player)
    phone.goto(f"{app.address}/workout")
    phone.get_by_role("button", name="+ Add exercise").click()
    phone.locator('button.exercise[data-exercise="push-up"]').click()
    phone.get_by_label("Push-up, set 1, reps").fill("10")

    phone.get_by_role("button", name="Finish & score").click()

    reward = phone.locator("[data-reward]")
    expect(reward.locator("[data-reward-xp]")).to_have_text(f"+{xp} XP")
    expect(reward.locator("[data-reward-coins]")).to_have_text("+0 coins")
    expect(reward.locator("[data-level-up]")).to_have_count(0)
    expect(reward.get_by_role("progressbar")).to_have_attribute("aria-valuenow", str(total))
    # No coins from the workout; the balance holds what its achievements paid (the
    # first workout, level 5, and whichever time of day the test runs at).
    balance = app.world.achievement_coins(player.id)
    expect(reward.locator("[data-reward-standing]")).to_have_text(f"Level 5 · {total:,} XP · {balance} coins")
    expect(reward.locator("[data-goal-level]")).to_have_text(f"{2500 - total} XP to reach level 6")
    text = visible_text(phone)
    for word in ("false", "true", "undefined", "null", "NaN"):
        assert word not in text
    screenshot(phone, f"phone-en-{engine}-reward-no-level-up")
