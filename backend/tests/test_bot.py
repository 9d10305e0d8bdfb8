"""The bot's commands through the production path: Telegram calls the webhook
route of the API, the bot answers through the (fake) Bot API."""

import itertools
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from bodyweight.app import create_app
from bodyweight.models import User
from support.api import World
from support.fake_telegram import FakeTelegram
from support.telegram import WEBAPP_URL, WEBHOOK_SECRET, bot_settings, link_telegram

_update_ids = itertools.count(1)


@pytest.fixture
def fake() -> Iterator[FakeTelegram]:
    with FakeTelegram("123456:TEST-bot-token-for-bodyweight") as fake:
        yield fake


@pytest.fixture
def bot_world(migrated_url, migrated_engine, fake) -> Iterator[World]:
    with TestClient(create_app(bot_settings(migrated_url, fake.url))) as client:
        yield World(client, migrated_engine)


def command(text: str, user_id: int, language: str = "en", first_name: str = "Ann") -> dict:
    entity_length = len(text.split()[0])
    return {
        "update_id": next(_update_ids),
        "message": {
            "message_id": 1,
            "date": 1_780_000_000,
            "chat": {"id": user_id, "type": "private"},
            "from": {"id": user_id, "is_bot": False, "first_name": first_name, "language_code": language},
            "text": text,
            "entities": [{"type": "bot_command", "offset": 0, "length": entity_length}],
        },
    }


def post(client: TestClient, update: dict, secret: str | None = WEBHOOK_SECRET):
    headers = {} if secret is None else {"X-Telegram-Bot-Api-Secret-Token": secret}
    return client.post("/api/telegram/webhook", json=update, headers=headers)


def button_url(call) -> str:
    return call.markup["inline_keyboard"][0][0]["web_app"]["url"]


@pytest.mark.parametrize("secret", [None, "wrong", WEBHOOK_SECRET + "x"])
def test_webhook_refuses_a_wrong_secret_token(bot_world, fake, secret):
    response = post(bot_world.client, command("/start", 5001), secret)
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "invalid_webhook_secret"
    assert fake.calls == []


@pytest.mark.parametrize(
    ("language", "greeting", "button"), [("ru", "Привет", "Открыть BodyWeight"), ("en", "Hi", "Open BodyWeight")]
)
def test_start_greets_in_the_players_language_with_the_app_button(bot_world, fake, language, greeting, button):
    assert post(bot_world.client, command("/start", 5002, language, first_name="<b>Ann</b> & Co")).status_code == 200
    (call,) = fake.sent(5002)
    assert call.text.startswith(f"{greeting}, <b>&lt;b&gt;Ann&lt;/b&gt; &amp; Co</b>!")
    assert call.markup["inline_keyboard"][0][0]["text"] == button
    assert button_url(call) == WEBAPP_URL


@pytest.mark.parametrize("language", ["ru", "en"])
def test_start_with_an_invite_payload_opens_the_app_on_it(bot_world, fake, language):
    post(bot_world.client, command("/start inv_Abc-123", 5003, language))
    (call,) = fake.sent(5003)
    assert button_url(call) == f"{WEBAPP_URL}?startapp=inv_Abc-123"
    assert ("приглашение" if language == "ru" else "invitation") in call.text
    # A payload Telegram would never send is not passed on.
    post(bot_world.client, command("/start x&y=<z>", 5003, language))
    assert button_url(fake.sent(5003)[1]) == WEBAPP_URL


def test_start_follows_the_players_own_language_and_turns_messages_back_on(bot_world, fake):
    player = bot_world.player(display_name="Иван")
    link_telegram(bot_world.engine, player.id, 5004, locale="ru", bot_messages=False)
    post(bot_world.client, command("/start", 5004, "en"))
    (call,) = fake.sent(5004)
    assert call.text.startswith("Привет, <b>Иван</b>!")
    with bot_world.engine.connect() as connection:
        assert connection.scalar(select(User.bot_messages).where(User.id == player.id)) is True


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("ru", "Уровень 3, опыт: 400\n25 монет\nСерия: 0 дней (лучшая: 2 дня)"),
        ("en", "Level 3, 400 XP\n25 coins\nStreak: 0 days (best: 2 days)"),
    ],
)
def test_stats(bot_world, fake, locale, expected):
    player = bot_world.player(level=3, coins=25, display_name="A&B", max_streak=2)
    link_telegram(bot_world.engine, player.id, 5005, locale=locale)
    post(bot_world.client, command("/stats", 5005))
    (call,) = fake.sent(5005)
    assert call.text == f"<b>A&amp;B</b>\n{expected}"


def test_stats_for_someone_who_never_opened_the_app(bot_world, fake):
    post(bot_world.client, command("/stats", 5006, "ru"))
    (call,) = fake.sent(5006)
    assert "Сначала откройте приложение" in call.text
    assert button_url(call) == WEBAPP_URL


@pytest.mark.parametrize(("language", "expected"), [("ru", "/stats — уровень"), ("en", "/stats: your level")])
def test_help(bot_world, fake, language, expected):
    post(bot_world.client, command("/help", 5007, language))
    (call,) = fake.sent(5007)
    assert expected in call.text


def test_language_switches_the_players_locale(bot_world, fake):
    player = bot_world.player()
    link_telegram(bot_world.engine, player.id, 5008, locale="en")
    post(bot_world.client, command("/language", 5008))
    (prompt,) = fake.sent(5008)
    assert [b["callback_data"] for b in prompt.markup["inline_keyboard"][0]] == ["lang:ru", "lang:en"]
    choice = {
        "update_id": next(_update_ids),
        "callback_query": {
            "id": "q1",
            "chat_instance": "c1",
            "data": "lang:ru",
            "from": {"id": 5008, "is_bot": False, "first_name": "Ann"},
            "message": {"message_id": 2, "date": 1_780_000_000, "chat": {"id": 5008, "type": "private"}, "text": "x"},
        },
    }
    assert post(bot_world.client, choice).status_code == 200
    assert fake.sent(5008)[-1].text == "Теперь я говорю по-русски."
    assert bot_world.user(player).locale == "ru"
