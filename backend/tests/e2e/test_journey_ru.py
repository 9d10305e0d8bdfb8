"""A Russian-speaking player opens the app from Telegram (language_code=ru) and plays
the whole loop in Russian with Telegram's own buttons: signed in without a form,
a workout finished with the MainButton, the reward felt (haptics), an avatar bought
with the MainButton, the BackButton to go back. No English from the app's
catalogue appears on any screen."""

from playwright.sync_api import Page, expect

from bodyweight.i18n import PLURAL_RULES, catalogue
from e2e.browsing import (
    as_telegram_sdk,
    fits_the_screen,
    press_telegram_button,
    screenshot,
    telegram_init_data,
    visible_text,
)
from e2e.catalogues import english_on
from e2e.live_server import LiveApp
from e2e.test_journey import SETS, SHOP_FIRST, WORKOUT_MINUTES
from support.processes import bodyweight


def coins(n: int) -> str:
    """ "531 монета", "22 монеты", "45 монет": the number with the noun's Russian plural."""
    return f"{n} {catalogue('ru')['nouns']['coins'][PLURAL_RULES['ru'](n)]}"


CATEGORY = {
    "Pull and back": "Подтягивания и спина",
    "Legs and glutes": "Ноги и ягодицы",
    "Skills": "Навыки",
    "Push": "Отжимания и жимы",
}


def calls(page: Page) -> list[str]:
    return page.evaluate("window.telegramCalls")


def test_a_russian_player_plays_the_whole_loop_from_telegram(app_on_each_engine: LiveApp, phone: Page, request):
    app, page = app_on_each_engine, phone
    engine = request.node.callspec.params["app_on_each_engine"]
    telegram_id = 8100 if engine == "sqlite" else 8200
    username = f"alisa_{engine}"

    def snap(name: str) -> None:
        assert fits_the_screen(page), f"{page.url} scrolls sideways on a phone"
        text = visible_text(page)
        assert not english_on(text), f"English on {page.url}: {english_on(text)}\n{text}"
        for word in ("false", "undefined", "null", "NaN"):
            assert word not in text, f"{word!r} on {page.url}"
        screenshot(page, f"phone-ru-{engine}-{name}")

    page.add_init_script(as_telegram_sdk(telegram_init_data(telegram_id, username, "Алиса", language_code="ru")))
    page.goto(app.address)

    # Signed in from Telegram, in Russian, with no form.
    player = page.locator("[data-player]")
    expect(player.locator(".player-name")).to_have_text("Алиса")
    expect(player.locator("[data-level]")).to_have_text("Уровень 1")
    expect(page.locator('[data-stat="current_streak"]')).to_have_text("0 дней")
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    assert {"ready", "expand"} <= set(calls(page))
    snap("01-home")

    # A workout, finished with Telegram's MainButton.
    page.get_by_role("navigation").get_by_role("link", name="Тренировка").click()
    expect(page.get_by_role("heading", name="Тренировка")).to_be_visible()
    assert "BackButton.show" in calls(page)
    for category, exercise, amount in SETS:
        page.get_by_role("button", name="+ Добавить упражнение").click()
        picker = page.get_by_role("dialog")
        picker.get_by_role("tab", name=CATEGORY[category], exact=True).click()
        picker.locator(f'button.exercise[data-exercise="{exercise}"]').click()
        page.locator("[data-sets] li input").last.fill(str(amount))
    page.get_by_label("Сколько длилась тренировка?").fill(str(WORKOUT_MINUTES))
    expect(page.locator("[data-set-count]")).to_have_text(f"({len(SETS)})")
    assert "MainButton.setText:Завершить и подсчитать" in calls(page)
    snap("02-workout")
    press_telegram_button(page, "MainButton")

    reward = page.locator("[data-reward]")
    expect(reward.locator("[data-reward-xp]")).to_have_text("+414 опыта")
    expect(reward.locator("[data-reward-coins]")).to_have_text("+31 монета")
    expect(reward.locator("[data-level-up]")).to_have_text("Новый уровень! Теперь у вас уровень 3.")
    expect(reward.locator("[data-reward-streak]")).to_contain_text("1 день")
    assert "haptic:success" in calls(page)
    snap("03-reward")
    # The balance also holds what the workout's achievements paid (it depends on the
    # time of day the test runs at).
    balance = 31 + app.world.achievement_coins(app.world.user_by_name(username).id)

    # Coins from support, then the shop: buying with the MainButton.
    granted = bodyweight(
        "users", "grant-coins", username, "500", "--reason", "Подарок к старту", database_url=app.database_url
    )
    assert granted.returncode == 0, granted.stderr
    page.get_by_role("navigation").get_by_role("link", name="Магазин").click()
    expect(page.locator("[data-balance]")).to_have_text(f"Уровень 3 · на счету {coins(balance + 500)}")
    card = page.locator('[data-avatar="phoenix"]')
    expect(card).to_have_attribute("data-standing", "for-sale")
    snap("04-shop")
    card.get_by_role("button", name="Купить аватар «Феникс»").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text(f"Цена: 100 монет. У вас: {coins(balance + 500)}.")
    assert "MainButton.setText:Купить за 100" in calls(page)
    press_telegram_button(page, "MainButton")
    expect(dialog).to_contain_text("Аватар «Феникс» теперь ваш!")
    expect(dialog).to_contain_text(f"Новый баланс: {coins(balance + 400 + SHOP_FIRST)}.")
    assert calls(page).count("haptic:success") == 2
    snap("05-bought")
    dialog.get_by_role("button", name="Выбрать сейчас").click()
    expect(card).to_have_attribute("data-standing", "equipped")

    # History, and Telegram's BackButton back to the shop.
    page.get_by_role("navigation").get_by_role("link", name="История").click()
    page.get_by_role("tab", name="Монеты").click()
    ledger = page.locator('[data-list="coins"] li')
    # Newest first: the purchase's achievement, the purchase, the gift, the workout's
    # achievements, the workout.
    expect(ledger).to_have_count(app.world.ledger_rows(app.world.user_by_name(username).id))
    expect(ledger.nth(1)).to_contain_text("Покупка: Феникс")
    expect(ledger.nth(2)).to_contain_text("Подарок: Подарок к старту")
    expect(ledger.last).to_contain_text("Тренировка")
    snap("06-history")
    press_telegram_button(page, "BackButton")
    expect(page.locator("[data-balance]")).to_be_visible()

    # Settings in Russian too.
    page.get_by_role("navigation").get_by_role("link", name="Настройки").click()
    expect(page.get_by_role("button", name="Русский")).to_have_attribute("aria-pressed", "true")
    snap("07-settings")
