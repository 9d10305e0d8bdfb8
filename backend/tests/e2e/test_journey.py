"""A newcomer opens the printed address in a browser and plays the whole loop in
English on a phone: signs up, logs a workout, sees the numbers PRODUCT.md's rules
give, is granted coins, buys an avatar, equips it and sees it at home."""

import math
import re
from fractions import Fraction

from playwright.sync_api import Page, expect

from bodyweight.achievements.catalogue import achievements_by_slug
from e2e.browsing import fits_the_screen, screenshot, visible_text
from e2e.live_server import LiveApp
from support.processes import bodyweight

WORKOUT_MINUTES = 50  # 45 minutes or more earn a coin
SHOP_FIRST = achievements_by_slug()["shop-first"].reward
SETS = [  # category tab, exercise, reps or seconds
    ("Pull and back", "muscle-up", 10),
    ("Pull and back", "muscle-up", 10),
    ("Legs and glutes", "pistol-squat", 20),
    ("Skills", "human-flag", 60),
    ("Push", "handstand-push-up", 15),
]


def documented_set_xp(
    base_xp: int, difficulty: int, amount: int, *, timed: bool, streak_before: int = 0, first_of_day: bool = True
) -> int:
    """XP of one set, exactly as PRODUCT.md section 3 words it."""
    reps = max(1, amount // 10) if timed else amount
    volume = (
        1 + Fraction("0.02") * reps
        if reps <= 20
        else min(Fraction(2), Fraction("1.4") + Fraction("0.01") * (reps - 20))
    )
    return math.floor(
        base_xp
        * (1 + (difficulty - 1) * Fraction("0.25"))
        * volume
        * (1 + min(streak_before, 30) * Fraction("0.0167"))
        * (Fraction("1.2") if first_of_day else 1)
    )


def documented_level(total_xp: int) -> int:
    """Reaching level L needs 100 * (L-1)^2 XP."""
    level = 1
    while total_xp >= 100 * level**2:
        level += 1
    return level


def add_set(page: Page, category: str, exercise: str, amount: int, snap=None) -> None:
    page.get_by_role("button", name="+ Add exercise").click()
    picker = page.get_by_role("dialog")
    picker.get_by_role("tab", name=category, exact=True).click()
    if snap:
        snap()
    picker.locator(f'button.exercise[data-exercise="{exercise}"]').click()
    expect(picker).to_be_hidden()
    page.locator("[data-sets] li input").last.fill(str(amount))


def says_nothing_broken(page: Page) -> None:
    """No value leaks as a word of code."""
    text = visible_text(page)
    for word in ("false", "true", "undefined", "null", "NaN", "[object"):
        assert word not in text, f"{word!r} on {page.url}:\n{text}"


def test_a_new_player_plays_the_whole_loop_in_english(app_on_each_engine: LiveApp, phone: Page, request):
    app, page = app_on_each_engine, phone
    engine = request.node.callspec.params["app_on_each_engine"]

    def snap(name: str) -> None:
        assert fits_the_screen(page), f"{page.url} scrolls sideways on a phone"
        says_nothing_broken(page)
        screenshot(page, f"phone-en-{engine}-{name}")

    catalogue = {e["id"]: e for e in app.world.client.get("/api/exercises").json()}
    set_xp = [
        documented_set_xp(
            catalogue[exercise]["base_xp"],
            catalogue[exercise]["difficulty"],
            amount,
            timed=catalogue[exercise]["is_timed"],
        )
        for _, exercise, amount in SETS
    ]
    xp = sum(set_xp)
    level = documented_level(xp)
    coins = xp // 20 + 0 + 1 + 5 * (level - 1)  # XP, streak of 1 (no weeks), 45+ minutes, levels
    assert (xp, level, coins) == (414, 3, 31)  # the scenario below needs level 3 for the phoenix

    # The printed address; nobody is signed in yet.
    page.goto(app.address)
    expect(page).to_have_url(re.compile(r"/signin$"))
    expect(page.get_by_role("button", name="English")).to_have_attribute("aria-pressed", "true")
    snap("01-sign-up")
    signup = page.locator("#signup")
    signup.get_by_label("Username").fill("rookie")
    signup.get_by_label("Password").fill("correct horse battery")
    signup.get_by_role("button", name="Start playing").click()

    # Home: a level-1 player with nothing yet.
    expect(page).to_have_url(f"{app.address}/")
    expect(page.locator("[data-toast]")).to_contain_text("Welcome, rookie!")
    player = page.locator("[data-player]")
    expect(player).to_contain_text("@rookie")
    expect(player.locator("[data-level]")).to_have_text("Level 1")
    expect(player.locator("[data-xp]")).to_have_text("0 XP")
    expect(player.locator(".player-avatar")).to_have_attribute("src", "/static/avatars/shadow-wolf.svg")
    expect(page.locator('[data-stat="coins"]')).to_have_text("0")
    expect(page.locator('[data-stat="current_streak"]')).to_have_text("0 days")
    expect(page.locator("[data-recent]")).to_contain_text("No workouts yet")
    expect(page.locator("[data-goal-level]")).to_have_text("100 XP to reach level 2")
    expect(page.locator("[data-goal-avatar]")).to_contain_text("Phoenix unlocks at level 3")

    # A workout, picked from the catalogue by category.
    page.get_by_role("navigation").get_by_role("link", name="Workout").click()
    for n, (category, exercise, amount) in enumerate(SETS):
        add_set(page, category, exercise, amount, snap=(lambda: snap("02-pick-exercise")) if n == 2 else None)
    page.get_by_label("How long did it take?").fill(str(WORKOUT_MINUTES))
    expect(page.locator("[data-set-count]")).to_have_text(f"({len(SETS)})")
    snap("03-workout")
    page.get_by_role("button", name="Finish & score").click()

    reward = page.locator("[data-reward]")
    expect(reward.locator("[data-reward-xp]")).to_have_text(f"+{xp} XP")
    expect(reward.locator("[data-reward-coins]")).to_have_text(f"+{coins} coins")
    expect(reward.locator("[data-level-up]")).to_have_text(f"Level up! You are now level {level}.")
    expect(reward.locator("[data-reward-streak]")).to_contain_text("1 day")
    expect(reward.locator("[data-first-of-day]")).to_have_text("First workout of the day: bonus XP!")
    for row, gained in zip(reward.locator(".reward-sets li").all(), set_xp, strict=True):
        expect(row.locator("b")).to_have_text(f"+{gained} XP")
    # The balance also holds what the achievements the workout earned paid (the first
    # workout, 45 minutes or more, and whichever time of day the test runs at).
    bonus = app.world.achievement_coins(app.world.user_by_name("rookie").id)
    assert bonus >= 20
    balance = coins + bonus
    expect(page.locator("[data-hud-coins]")).to_have_text(str(balance))
    expect(reward.get_by_role("progressbar")).to_have_attribute("aria-valuenow", str(xp))
    expect(reward.locator("[data-goal-level]")).to_have_text(f"{100 * level**2 - xp} XP to reach level {level + 1}")
    snap("04-reward")

    # Home again: the numbers moved exactly as the rules say.
    reward.get_by_role("link", name="Home").click()
    expect(player.locator("[data-level]")).to_have_text(f"Level {level}")
    expect(player.locator("[data-xp]")).to_have_text(f"{xp} XP")
    bar = player.get_by_role("progressbar")
    expect(bar).to_have_attribute("aria-valuenow", str(xp))
    expect(bar).to_have_attribute("aria-valuemin", str(100 * (level - 1) ** 2))
    expect(bar).to_have_attribute("aria-valuemax", str(100 * level**2))
    expect(page.locator('[data-stat="coins"]')).to_have_text(str(balance))
    expect(page.locator('[data-stat="current_streak"]')).to_have_text("1 day")
    expect(page.locator('[data-stat="max_streak"]')).to_have_text("1 day")
    expect(page.locator("[data-recent] li")).to_have_count(1)
    expect(page.locator("[data-recent] li")).to_contain_text(f"+{xp} XP")
    expect(page.locator("[data-goal-avatar]")).to_contain_text(f"Phoenix: {100 - balance} coins more to go")

    # The shop: the balance does not buy a 100-coin phoenix yet.
    page.get_by_role("navigation").get_by_role("link", name="Shop").click()
    card = page.locator('[data-avatar="phoenix"]')
    expect(card).to_have_attribute("data-standing", "too-expensive")
    expect(card).to_contain_text(f"{100 - balance} coins short")
    expect(page.locator('[data-avatar="shadow-wolf"]')).to_have_attribute("data-standing", "equipped")
    expect(page.locator('[data-avatar="iron-bear"]')).to_have_attribute("data-standing", "owned")
    expect(page.locator('[data-avatar="griffin"]')).to_have_attribute("data-standing", "locked")
    expect(page.locator('[data-avatar="griffin"]')).to_contain_text("Reach level 5")

    # Support grants coins, with the operator's command.
    granted = bodyweight(
        "users", "grant-coins", "rookie", "500", "--reason", "Welcome gift", database_url=app.database_url
    )
    assert granted.returncode == 0, granted.stderr
    page.reload()
    expect(page.locator("[data-balance]")).to_have_text(f"Level {level} · {balance + 500} coins to spend")
    expect(card).to_have_attribute("data-standing", "for-sale")
    snap("05-shop")

    # Buying asks first, then shows the new balance.
    card.get_by_role("button", name="Buy Phoenix").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("Buy Phoenix?")
    expect(dialog).to_contain_text(f"Price: 100 coins. You have {balance + 500} coins.")
    dialog.get_by_role("button", name="Buy for 100").click()
    expect(dialog).to_contain_text("Phoenix is yours!")
    balance += 500 - 100 + SHOP_FIRST  # the first purchase's achievement
    expect(dialog).to_contain_text(f"New balance: {balance} coins.")
    expect(page.locator("[data-hud-coins]")).to_have_text(str(balance))
    expect(card).to_have_attribute("data-standing", "owned")
    snap("06-bought")

    # Equipping is one click.
    dialog.get_by_role("button", name="Equip now").click()
    expect(dialog).to_be_hidden()
    expect(card).to_have_attribute("data-standing", "equipped")
    expect(page.locator('[data-avatar="shadow-wolf"]')).to_have_attribute("data-standing", "owned")
    expect(page.locator(".hud-avatar")).to_have_attribute("src", "/static/avatars/phoenix.svg")

    # And home shows it.
    page.get_by_role("navigation").get_by_role("link", name="Home").click()
    expect(player.locator(".player-avatar")).to_have_attribute("src", "/static/avatars/phoenix.svg")
    expect(page.locator('[data-stat="coins"]')).to_have_text(str(balance))
    expect(page.locator("[data-recent] li")).to_have_count(1)
    snap("07-home")

    # History: the workout, and every coin in the ledger.
    page.get_by_role("navigation").get_by_role("link", name="History").click()
    expect(page.locator('[data-list="workouts"] li')).to_have_count(1)
    page.get_by_role("tab", name="Coins").click()
    ledger = page.locator('[data-list="coins"] li')
    # Newest first: the purchase's achievement, the purchase, the gift, the workout's
    # achievements, the workout.
    expect(ledger).to_have_count(app.world.ledger_rows(app.world.user_by_name("rookie").id))
    expect(ledger.nth(0)).to_contain_text(f"+{SHOP_FIRST}balance {balance}")
    expect(ledger.nth(1)).to_contain_text("Bought Phoenix")
    expect(ledger.nth(1)).to_contain_text(f"−100balance {balance - SHOP_FIRST}")
    expect(ledger.nth(2)).to_contain_text("Gift: Welcome gift")
    expect(ledger.nth(2)).to_contain_text(f"+500balance {balance - SHOP_FIRST + 100}")
    expect(ledger.last).to_contain_text("Workout")
    expect(ledger.last).to_contain_text(f"+{coins}balance {coins}")
    snap("08-ledger")
