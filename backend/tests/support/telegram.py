"""Driving the bot's worker from a test: settings pointed at the fake Bot API, and
the worker's steps run at chosen moments."""

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, pool, select, update

from bodyweight.config import Settings
from bodyweight.db import Database, make_async_engine
from bodyweight.models import OutboxMessage, User
from bodyweight.telegram import worker
from bodyweight.telegram.client import make_bot
from support.aio import run
from support.api import BOT_TOKEN, SECRET

WEBAPP_URL = "https://app.example.test/"
WEBHOOK_SECRET = "webhook-secret-for-tests"


def bot_settings(database_url: str, api_url: str, **extra: Any) -> Settings:
    values: dict[str, Any] = {
        "database_url": database_url,
        "secret_key": SECRET,
        "telegram_bot_token": BOT_TOKEN,
        "telegram_api_url": api_url,
        "webapp_url": WEBAPP_URL,
        "telegram_webhook_secret": WEBHOOK_SECRET,
        "send_backoff": 0.01,
        "send_attempts": 3,
        **extra,
    }
    return Settings(_env_file=None, **values)


class SetClock(worker.Clock):
    def __init__(self) -> None:
        super().__init__(None)
        self.moment: datetime | None = None

    def now(self) -> datetime:
        assert self.moment is not None
        return self.moment


def run_worker_at(settings: Settings, moments: Iterable[datetime]) -> list[float]:
    """Schedule and send at each moment in turn, as the worker's loop would; the
    pauses send_due asked for (429)."""

    async def steps() -> list[float]:
        database = Database(make_async_engine(settings.sqlalchemy_url, poolclass=pool.NullPool))
        bot = make_bot(settings)
        clock = SetClock()
        work = worker.Worker(database, bot, settings, clock)
        pauses = []
        try:
            for moment in moments:
                clock.moment = moment
                await work.schedule()
                pauses.append(await work.send_due())
        finally:
            await bot.session.close()
            await database.dispose()
        return pauses

    return run(steps())


def link_telegram(engine: Engine, player_id: int, telegram_id: int, **columns: Any) -> None:
    """What signing in through the Mini App records, and settings, on the player's row."""
    with engine.begin() as connection:
        connection.execute(update(User).where(User.id == player_id).values(telegram_id=telegram_id, **columns))


def outbox_rows(engine: Engine) -> list[Any]:
    with engine.connect() as connection:
        return list(connection.execute(select(OutboxMessage.__table__).order_by(OutboxMessage.id)))


def write_clock(path: Path, moment: datetime) -> None:
    """For worker processes (WORKER_CLOCK_FILE): replaced atomically."""
    temporary = path.with_suffix(".tmp")
    temporary.write_text(moment.isoformat())
    temporary.replace(path)
