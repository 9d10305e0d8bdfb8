"""The progress journey in the browser, in English and in Russian, on both engines: a
new player earns a first achievement and sees it, buys a streak freeze, misses a day
and keeps the streak, sets a weekly goal and sees its progress, and looks at the charts.

Days pass the way they do for the server: the player's first workout, and the day
their streak last counted, are moved two days back in the database (the server reads
"today" from its own clock, and a workout logged two or more days late is back-dated
on purpose: it never touches the streak, see rules.step_streak). The player lives in
a zone where it is about noon now, so no midnight falls inside the test."""

import json
import re
from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select, update

from bodyweight.models import CoinTransaction, User, Workout
from e2e.browsing import as_telegram_sdk, fits_the_screen, screenshot, sign_in, visible_text
from e2e.catalogues import english_on
from e2e.live_server import LiveApp
from support.api import Player
from support.clock import local_today, noon_zone, workout

FREEZE_PRICE = 50  # rules.STREAK_FREEZE_PRICE
WORDS = {
    "en": {
        "progress_link": "Progress & achievements",
        "add": "+ Add exercise",
        "finish": "Finish & score",
        "minutes": "How long did it take? (minutes)",
        "unlocked": "Achievement unlocked!",
        "first": "First Sweat",
        "earned": re.compile(r"^Earned [A-Z][a-z]{2} \d{1,2}, \d{4}$"),
        "none_earned": "0 of 57 earned",
        "one_earned": "1 of 57 earned",
        "streak": "Now: {days}",
        "days": {0: "0 days", 1: "1 day", 2: "2 days"},
        "freezes": "Streak freezes: {held} of 2",
        "shop": "Shop",
        "buy_freeze": "Buy a freeze",
        "confirm": "Buy for 50",
        "bought": "Streak freeze bought!",
        "held": "You hold {held} of 2",
        "set_goal": "Set a goal",
        "target": "Target per week",
        "save_goal": "Save goal",
        "goal_progress": "{current} of 2 workouts",
        "one_workout": "1 workout",
        "grew": "Streak grew to 2 days",
        "frozen": "A streak freeze covered",
        "record": "Push-up",
        "goal_reached": "Weekly goal reached: 10 coins!",
        "overlap": "This workout overlaps one you already logged",
        "charts": "XP per day, last 30 days",
    },
    "ru": {
        "progress_link": "Прогресс и достижения",
        "add": "+ Добавить упражнение",
        "finish": "Завершить и подсчитать",
        "minutes": "Сколько длилась тренировка? (минуты)",
        "unlocked": "1 новое достижение!",
        "first": "Первый пот",
        "earned": re.compile(r"^Получено \d{1,2} [а-я]{3,4}\.? \d{4}( г\.)?$"),
        "none_earned": "Получено 0 из 57",
        "one_earned": "Получено 1 из 57",
        "streak": "Сейчас: {days}",
        "days": {0: "0 дней", 1: "1 день", 2: "2 дня"},
        "freezes": "Заморозки серии: {held} из 2",
        "shop": "Магазин",
        "buy_freeze": "Купить заморозку",
        "confirm": "Купить за 50",
        "bought": "Заморозка куплена!",
        "held": "У вас {held} из 2",
        "set_goal": "Поставить цель",
        "target": "Сколько за неделю",
        "save_goal": "Сохранить цель",
        "goal_progress": "Сделано {current}, цель — 2 тренировки",
        "one_workout": "1 тренировка",
        "grew": "Серия выросла: 2 дня",
        "frozen": "Заморозка прикрыла",
        "record": "Отжимания",
        "goal_reached": "Цель на неделю достигнута: 10 монет!",
        "overlap": "Эта тренировка пересекается с уже записанной",
        "charts": "Опыт по дням за 30 дней",
    },
}


def log_push_ups(page: Page, words: dict, reps: int, minutes: int = 40) -> None:
    """A workout of one set, ending now. Near noon where the player lives, 40 minutes
    start it before 12:00, so no lunch-time achievement joins the expected ones."""
    page.locator(".tabbar a[href='/workout']").click()
    page.get_by_role("button", name=words["add"]).click()
    page.locator('button.exercise[data-exercise="push-up"]').click()
    page.locator("[data-sets] li input").last.fill(str(reps))
    page.get_by_label(words["minutes"]).fill(str(minutes))
    page.get_by_role("button", name=words["finish"]).click()


def two_days_pass(app: LiveApp, player: Player) -> None:
    """As if the player's workouts so far were two days ago: theirs, and the streak's last day."""
    shift = timedelta(days=2)
    with app.world.sessions.begin() as session:
        for workout in session.scalars(select(Workout).where(Workout.user_id == player.id)):
            workout.started_at -= shift
            workout.finished_at -= shift
            workout.local_date -= shift
        user = session.get(User, player.id)
        assert user is not None and user.last_workout_date is not None
        session.execute(
            update(User).where(User.id == player.id).values(last_workout_date=user.last_workout_date - shift)
        )


def freeze_debits(app: LiveApp, player: Player) -> int:
    with app.world.sessions() as session:
        return len(
            session.scalars(
                select(CoinTransaction.id).where(
                    CoinTransaction.user_id == player.id, CoinTransaction.reason == "streak_freeze"
                )
            ).all()
        )


def open_progress(page: Page, words: dict) -> None:
    page.locator(".tabbar a[href='/']").click()
    page.get_by_role("link", name=words["progress_link"]).click()
    expect(page.locator("[aria-busy=true]")).to_have_count(0)


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_new_player_plays_the_progress_journey(app_on_each_engine: LiveApp, phone: Page, request, lang: str):
    app, page, words = app_on_each_engine, phone, WORDS[lang]
    engine = request.node.callspec.params["app_on_each_engine"]
    zone = noon_zone()
    today = local_today(zone)
    player = app.world.player(timezone=zone, locale=lang)

    def snap(name: str) -> None:
        assert fits_the_screen(page), f"{page.url} scrolls sideways on a phone"
        text = visible_text(page)
        for word in ("false", "true", "undefined", "null", "NaN", "[object"):
            assert word not in text, f"{word!r} on {page.url}:\n{text}"
        if lang == "ru":
            assert not english_on(text), f"English on {page.url}: {english_on(text)}\n{text}"
        screenshot(page, f"phone-{lang}-{engine}-progress-{name}")

    sign_in(page, app.address, player)
    page.goto(app.address)
    expect(page.locator("html")).to_have_attribute("lang", lang)

    # A new player's progress: nothing yet, everything to aim for.
    open_progress(page, words)
    expect(page.locator("[data-achievements-count]")).to_have_text(words["none_earned"])
    expect(page.locator("[data-streak-now]")).to_have_text(words["streak"].format(days=words["days"][0]))
    expect(page.locator("[data-freezes-held]")).to_have_text(words["freezes"].format(held=0))
    expect(page.locator('[data-weekly-goal="none"]')).to_be_visible()
    snap("01-new")

    # The first workout earns the first achievement, shown on the reward screen...
    log_push_ups(page, words, 20)
    earned = page.locator("[data-earned-achievements]")
    first = earned.locator('[data-achievement="first-blood"]')
    expect(first).to_contain_text(words["first"])
    if earned.locator("li").count() == 1:  # on 1 January, the new-year one comes along
        expect(earned.get_by_role("heading")).to_have_text(words["unlocked"])
    expect(first.locator("img")).to_have_attribute("src", "/static/achievements/first-blood.svg")
    expect(first).to_contain_text("+10")
    snap("02-first-achievement")

    # ...and on the progress page, earned, with its date in the player's language.
    earned.get_by_role("link").click()
    expect(page.locator("[aria-busy=true]")).to_have_count(0)
    expect(page.locator("[data-achievements-count]")).to_have_text(words["one_earned"])
    card = page.locator('[data-kind="first_steps"] [data-achievement="first-blood"]')
    page.locator('[data-kind="first_steps"] summary').click()
    expect(card).to_have_attribute("data-earned", "true")
    expect(card.locator("[data-earned-at]")).to_have_text(words["earned"])
    expect(page.locator("[data-streak-now]")).to_have_text(words["streak"].format(days=words["days"][1]))
    snap("03-achievement-seen")

    # Two days pass with no workout: yesterday is missed, and without a freeze the streak is gone.
    two_days_pass(app, player)
    app.world.credit(player.id, 100)
    page.reload()
    expect(page.locator("[aria-busy=true]")).to_have_count(0)
    expect(page.locator("[data-streak-now]")).to_have_text(words["streak"].format(days=words["days"][0]))

    # The shop sells a freeze, once, for its price.
    page.locator(".tabbar a[href='/shop']").click()
    shelf = page.locator("[data-freeze-shelf]")
    expect(shelf.locator("[data-freeze-held]")).to_have_text(words["held"].format(held=0))
    coins = int(page.locator("[data-hud-coins]").inner_text().replace("\u00a0", "").replace(",", ""))
    snap("04-shop-freeze")
    shelf.get_by_role("button", name=words["buy_freeze"]).click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("button", name=words["confirm"]).dblclick()
    expect(dialog.get_by_role("heading")).to_have_text(words["bought"])
    expect(dialog.locator("[data-freeze-held-now]")).to_have_text(words["held"].format(held=1))
    expect(page.locator("[data-hud-coins]")).to_have_text(re.compile(rf"^{coins - FREEZE_PRICE}$"))
    snap("05-freeze-bought")
    dialog.get_by_role("button").last.click()
    expect(shelf.locator("[data-freeze-held]")).to_have_text(words["held"].format(held=1))
    assert freeze_debits(app, player) == 1
    assert app.world.user(player).coins == coins - FREEZE_PRICE == app.world.ledger_sum(player)

    # The freeze holds the streak over the missed day, before the next workout even comes.
    open_progress(page, words)
    expect(page.locator("[data-streak-now]")).to_have_text(words["streak"].format(days=words["days"][1]))
    expect(page.locator("[data-freezes-held]")).to_have_text(words["freezes"].format(held=1))

    # A weekly goal: two workouts. The one two days ago counts if it was this week.
    earlier_this_week = (today - timedelta(days=2)).isocalendar()[:2] == today.isocalendar()[:2]
    goal = page.locator('[data-section="goal"]')
    goal.get_by_role("button", name=words["set_goal"]).click()
    goal.locator('button[data-metric="workouts"]').click()
    goal.get_by_label(words["target"]).fill("2")
    goal.get_by_role("button", name=words["save_goal"]).click()
    so_far = 1 if earlier_this_week else 0
    progress = goal.locator("[data-goal-progress]")
    expect(progress).to_have_attribute("data-goal-progress", f"{so_far}/2")
    expect(goal.get_by_role("progressbar")).to_have_attribute("aria-valuenow", str(so_far))
    snap("06-goal-set")

    # Today's workout: the freeze is spent on yesterday, the streak grows, a record falls.
    log_push_ups(page, words, 25)
    reward = page.locator("[data-reward]")
    expect(reward.locator("[data-reward-streak]")).to_have_text(words["grew"])
    frozen = reward.locator("[data-frozen-days]")
    expect(frozen).to_have_attribute("data-frozen-days", (today - timedelta(days=1)).isoformat())
    expect(frozen).to_contain_text(words["frozen"])
    expect(reward.locator('[data-reward-records] [data-record="push-up"]')).to_have_attribute("data-best", "25")
    if earlier_this_week:
        expect(reward.locator("[data-reward-goal]")).to_contain_text(words["goal_reached"])
    else:
        expect(reward.locator("[data-reward-goal]")).to_have_count(0)
    snap("07-streak-kept")

    # Progress: the streak, the freeze spent, the goal's progress, and the charts.
    open_progress(page, words)
    expect(page.locator("[data-streak-now]")).to_have_text(words["streak"].format(days=words["days"][2]))
    expect(page.locator("[data-freezes-held]")).to_have_text(words["freezes"].format(held=0))
    expect(goal.locator("[data-goal-progress]")).to_have_attribute("data-goal-progress", f"{so_far + 1}/2")
    expect(goal.locator("[data-goal-progress]")).to_have_text(words["goal_progress"].format(current=so_far + 1))
    if earlier_this_week:
        expect(goal.locator("[data-goal-paid]")).to_be_visible()
    snap("08-progress")

    charts = page.locator('[data-section="charts"]')
    charts.scroll_into_view_if_needed()
    days = [today - timedelta(days=2), today]
    xp = charts.locator('[data-chart="xp"]')
    expect(xp.get_by_role("img")).to_have_accessible_name(re.compile(words["charts"]))
    expect(xp.locator("rect.chart-bar")).to_have_count(2)
    for day in days:
        expect(xp.locator(f'rect[data-day="{day}"]')).to_have_count(1)
    calendar = charts.locator('[data-chart="calendar"]')
    for day in days:
        expect(calendar.locator(f'rect[data-day="{day}"]')).to_have_attribute("data-count", "1")
    expect(calendar.locator(f'rect[data-day="{today - timedelta(days=1)}"]')).to_have_attribute("data-frozen", "true")
    volume = charts.locator('[data-chart="volume"]')
    expect(volume.locator('[data-series="push"]')).to_be_visible()
    expect(volume.locator("g[data-total]").last).to_have_attribute("data-total", "2" if earlier_this_week else "1")
    snap("09-charts")
    records = page.locator('[data-section="records"]')
    expect(records.locator('[data-record="push-up"]')).to_have_attribute("data-best", "25")
    expect(records).to_contain_text(words["record"])
    records.scroll_into_view_if_needed()
    snap("10-records")


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_an_overlapping_workout_is_refused_with_a_clear_message(live_app: LiveApp, phone: Page, lang: str):
    app, page, words = live_app, phone, WORDS[lang]
    player = app.world.player(timezone=noon_zone(), locale=lang)
    sign_in(page, app.address, player)
    page.goto(app.address)
    log_push_ups(page, words, 10)
    expect(page.locator("[data-reward]")).to_be_visible()
    page.locator(".tabbar a[href='/']").click()

    # The same session again, as if logged twice: refused, nothing stored, the sets kept.
    log_push_ups(page, words, 10)
    problem = page.get_by_role("alert")
    expect(problem).to_contain_text(words["overlap"])
    expect(page.locator("[data-sets] li")).to_have_count(1)
    with app.world.sessions() as session:
        assert len(session.scalars(select(Workout.id).where(Workout.user_id == player.id)).all()) == 1
    if lang == "ru":
        assert not english_on(visible_text(page))
    screenshot(page, f"phone-{lang}-overlap-refused")


def test_the_freeze_shelf_says_why_it_cannot_sell(live_app: LiveApp, phone: Page):
    app, page = live_app, phone
    full = app.world.player(coins=500, streak_freezes=2)
    sign_in(page, app.address, full)
    page.goto(f"{app.address}/shop")
    shelf = page.locator("[data-freeze-shelf]")
    expect(shelf).to_have_attribute("data-standing", "full")
    expect(shelf.get_by_role("button", name="Buy a freeze")).to_be_disabled()
    expect(shelf.locator("[data-freeze-why]")).to_have_text("You hold 2, the most you can")
    screenshot(page, "phone-en-shop-freezes-full")

    poor = app.world.player(coins=30)
    sign_in(page, app.address, poor)
    page.goto(f"{app.address}/shop")
    expect(shelf).to_have_attribute("data-standing", "too-expensive")
    expect(shelf.get_by_role("button", name="Buy a freeze")).to_be_disabled()
    expect(shelf.locator("[data-freeze-why]")).to_have_text("20 coins short")
    assert app.world.user(poor).streak_freezes == 0


TELEGRAM_DARK = {  # Telegram's own dark theme, as its clients send it
    "bg_color": "#212121",
    "secondary_bg_color": "#181818",
    "section_bg_color": "#212121",
    "text_color": "#ffffff",
    "hint_color": "#aaaaaa",
    "link_color": "#8774e1",
    "button_color": "#8774e1",
    "button_text_color": "#ffffff",
}


def test_the_charts_read_at_320_px_in_telegrams_dark_theme(live_app: LiveApp, narrow_phone: Page):
    app, page = live_app, narrow_phone
    player = app.world.player(timezone=noon_zone())
    # A week of training, logged late through the API: it scores and fills the charts.
    for days_ago, exercise, amount in [(6, "push-up", 20), (5, "squat", 30), (3, "plank", 60), (1, "pull-up", 8)]:
        measure = "seconds" if exercise == "plank" else "reps"
        body = workout(timedelta(days=days_ago), 30, {"exercise": exercise, measure: amount})
        response = app.world.client.post("/api/workouts", json=body, headers=player.headers)
        assert response.status_code == 201, response.text
    page.add_init_script(as_telegram_sdk(""))  # Telegram's WebApp, no launch data: the stored sign-in stays
    page.add_init_script(f"window.Telegram.WebApp.themeParams = {json.dumps(TELEGRAM_DARK)};")
    sign_in(page, app.address, player)
    page.goto(f"{app.address}/progress")
    expect(page.locator("[aria-busy=true]")).to_have_count(0)
    assert page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--sky')") == "#212121"

    charts = page.locator('[data-section="charts"]')
    for name in ("xp", "volume", "calendar"):
        drawing = charts.locator(f'[data-chart="{name}"]').get_by_role("img")
        expect(drawing).to_have_accessible_name(re.compile(r"\w"))
        box = drawing.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 320, (name, box)
    expect(charts.locator('[data-chart="xp"] rect.chart-bar')).to_have_count(4)
    charts.locator('button[data-measure="seconds"]').click()
    expect(charts.locator('[data-chart="volume"] [data-series]')).to_have_count(1)
    assert fits_the_screen(page)
    charts.scroll_into_view_if_needed()
    screenshot(page, "narrow-telegram-dark-progress-charts")
    page.locator('[data-chart="calendar"]').scroll_into_view_if_needed()
    screenshot(page, "narrow-telegram-dark-progress-calendar")
