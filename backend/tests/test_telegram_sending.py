"""How the worker meets Telegram's answers: 403 turns the player's messages off,
429 waits retry_after, 5xx retries with a bounded backoff; names are escaped."""

from datetime import UTC, datetime, time

from sqlalchemy import select

from bodyweight.models import User
from support.fake_telegram import FakeTelegram
from support.telegram import bot_settings, link_telegram, outbox_rows, run_worker_at

ZONE = "Etc/GMT-3"  # UTC+3 all year
NINE = datetime(2026, 5, 4, 6, 0, tzinfo=UTC)  # 09:00 local
NEXT_DAY = datetime(2026, 5, 5, 6, 0, tzinfo=UTC)


def reminded_player(world, chat_id: int, **columns):
    player = world.player(**columns)
    link_telegram(world.engine, player.id, chat_id, timezone=ZONE, reminder_time=time(9, 0))
    return player


def bot_messages(world, player) -> bool:
    with world.engine.connect() as connection:
        return connection.scalar(select(User.bot_messages).where(User.id == player.id))


def test_403_turns_the_players_messages_off(world, migrated_url):
    blocker = reminded_player(world, 3001)
    other = reminded_player(world, 3002)
    with FakeTelegram(world.client.app.state.settings.telegram_bot_token) as fake:
        fake.block(3001)
        settings = bot_settings(migrated_url, fake.url)
        run_worker_at(settings, [NINE])
        assert bot_messages(world, blocker) is False
        assert bot_messages(world, other) is True
        run_worker_at(settings, [NEXT_DAY])
        # Refused once, then never tried again; the other player got both days.
        assert [c.chat_id for c in fake.attempts()].count(3001) == 1
        assert [c.chat_id for c in fake.sent()] == [3002, 3002]
    statuses = {(row.user_id, row.local_date.day): row.status for row in outbox_rows(world.engine)}
    assert statuses == {(blocker.id, 4): "dropped", (other.id, 4): "sent", (other.id, 5): "sent"}


def test_429_waits_retry_after_then_sends_once(world, migrated_url):
    reminded_player(world, 3101)
    reminded_player(world, 3102)
    with FakeTelegram(world.client.app.state.settings.telegram_bot_token) as fake:
        fake.script((429, {"retry_after": 1}))
        settings = bot_settings(migrated_url, fake.url)
        # The worker's clock stands still here: the refused message waits for it
        # to pass retry_after, and sending pauses for that long.
        pauses = run_worker_at(settings, [NINE, NINE.replace(microsecond=500_000), NINE.replace(second=1)])
        assert pauses[:2] == [1.0, 0.5]
        attempts = fake.attempts()
        assert [c.status for c in attempts] == [429, 200, 200]
        assert sorted(c.chat_id for c in fake.sent()) == [3101, 3102]
    assert [row.status for row in outbox_rows(world.engine)] == ["sent", "sent"]


def test_server_errors_retry_with_backoff_and_give_up(world, migrated_url):
    reminded_player(world, 3201)
    with FakeTelegram(world.client.app.state.settings.telegram_bot_token) as fake:
        fake.script(500, 502)
        # Backoff 60 s, then 120 s: nothing is retried before its time.
        settings = bot_settings(migrated_url, fake.url, send_backoff=60, send_attempts=3)
        run_worker_at(settings, [NINE, NINE.replace(second=59), NINE.replace(minute=1)])
        assert [c.status for c in fake.attempts()] == [500, 502]
        run_worker_at(settings, [NINE.replace(minute=2, second=59), NINE.replace(minute=3)])
        assert [c.status for c in fake.attempts()] == [500, 502, 200]
        (row,) = outbox_rows(world.engine)
        assert (row.status, row.attempts) == ("sent", 3)

        # The next day Telegram keeps failing: three attempts, then the message
        # is given up, and nothing is tried again.
        fake.script(500, 500, 500, 500)
        run_worker_at(settings, [NEXT_DAY, NEXT_DAY.replace(minute=1), NEXT_DAY.replace(minute=3)])
        run_worker_at(settings, [NEXT_DAY.replace(hour=8)])
        assert [c.status for c in fake.attempts()] == [500, 502, 200, 500, 500, 500]
        assert [(row.status, row.attempts) for row in outbox_rows(world.engine)] == [("sent", 3), ("failed", 3)]


def test_names_arrive_escaped(world, migrated_url):
    player = reminded_player(world, 3301, display_name="<b>Tom</b> & Jerry")
    assert player
    with FakeTelegram(world.client.app.state.settings.telegram_bot_token) as fake:
        run_worker_at(bot_settings(migrated_url, fake.url), [NINE])
        (call,) = fake.sent()
    assert "&lt;b&gt;Tom&lt;/b&gt; &amp; Jerry" in call.text
    assert "<b>Tom</b>" not in call.text
    assert call.params["parse_mode"] == "HTML"
