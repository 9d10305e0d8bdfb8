"""`bodyweight worker`: the one place that schedules reminders and sends messages.

It runs as its own process (its own service in docker-compose.yml), never inside
the API workers, so the number of API workers or replicas changes nothing. More
than one worker is safe on PostgreSQL: scheduling only inserts rows the outbox's
unique key allows once, and each message is sent inside the transaction that
holds its row (`FOR UPDATE SKIP LOCKED`) and commits its fate, one message per
transaction:

- a worker killed before or during a send holds no row any more (its
  connection is gone, the transaction rolls back), so the message stays pending
  and is sent after the restart: nothing is lost;
- a message whose sending was acknowledged is committed as sent before the next
  one is taken, so a restart never sends it again. The one window left is a
  crash after Telegram accepted a message and before the commit (a few
  milliseconds): the Bot API has no idempotency key, so that message would be
  sent again rather than lost.

Telegram's answers: 403 (the player blocked the bot) drops the message and
turns the player's messages off; 429 puts the message back for `retry_after`
seconds and pauses all sending that long (flood control is per bot); 5xx and
network errors retry with doubling backoff, `SEND_ATTEMPTS` times at most.
"""

import asyncio
import logging
import signal
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

from aiogram import Bot
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)

from bodyweight.config import Settings
from bodyweight.db import Database, WriteSession
from bodyweight.telegram import messages, outbox
from bodyweight.telegram.reminders import DAILY_KINDS, still_wanted

log = logging.getLogger("bodyweight.worker")


class Clock:
    """Now, from the system clock, or (tests) from the file WORKER_CLOCK_FILE."""

    def __init__(self, file: Path | None = None) -> None:
        self.file = file

    def now(self) -> datetime:
        if self.file is None:
            return datetime.now(UTC)
        moment = datetime.fromisoformat(self.file.read_text().strip())
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Sent:
    """What became of one message; `pause` is how long all sending waits."""

    outbox_id: int
    status: str
    pause: float = 0.0


def _backoff(settings: Settings, attempts: int) -> timedelta:
    return timedelta(seconds=settings.send_backoff * 2 ** (attempts - 1))


async def _deliver(session: WriteSession, bot: Bot, item: outbox.Outgoing, settings: Settings, now: datetime) -> Sent:
    if item.chat_id is None or not item.bot_messages:
        await outbox.mark(session, item.id, outbox.DROPPED, last_error="messages off")
        return Sent(item.id, outbox.DROPPED)
    if not still_wanted(item.kind, item.local_date, item.today(now), item.last_workout_date):
        await outbox.mark(session, item.id, outbox.DROPPED, last_error="no longer due")
        return Sent(item.id, outbox.DROPPED)
    lang = messages.locale(item.locale)
    text = messages.notice(item.kind, lang, item.display_name or item.username, item.params)
    button = messages.open_app_button(lang, messages.app_url(settings.webapp_url))
    try:
        message = await bot.send_message(item.chat_id, text, reply_markup=button)
    except TelegramForbiddenError as exc:
        await outbox.mark(session, item.id, outbox.DROPPED, last_error=f"blocked: {exc.message}"[:200])
        await outbox.stop_messages(session, item.player_id)
        return Sent(item.id, outbox.DROPPED)
    except TelegramRetryAfter as exc:
        await outbox.retry_later(
            session, item.id, item.attempts, now + timedelta(seconds=exc.retry_after), "429 retry_after"
        )
        return Sent(item.id, outbox.PENDING, pause=float(exc.retry_after))
    except TelegramBadRequest as exc:
        await outbox.mark(session, item.id, outbox.FAILED, last_error=exc.message[:200])
        return Sent(item.id, outbox.FAILED)
    except (TelegramServerError, TelegramNetworkError) as exc:
        attempts = item.attempts + 1
        if attempts >= settings.send_attempts:
            await outbox.mark(session, item.id, outbox.FAILED, attempts=attempts, last_error=str(exc)[:200])
            return Sent(item.id, outbox.FAILED)
        await outbox.retry_later(session, item.id, attempts, now + _backoff(settings, attempts), str(exc))
        return Sent(item.id, outbox.PENDING)
    await outbox.mark(
        session, item.id, outbox.SENT, sent_at=now, attempts=item.attempts + 1, telegram_message_id=message.message_id
    )
    return Sent(item.id, outbox.SENT)


class Worker:
    """Scheduling and sending, with the pause Telegram's flood control asked for."""

    def __init__(self, database: Database, bot: Bot, settings: Settings, clock: Clock) -> None:
        self.database, self.bot, self.settings, self.clock = database, bot, settings, clock
        self.paused_until: datetime | None = None
        hours, minutes = map(int, settings.streak_notice_time.split(":"))
        self.notice_time = time(hours, minutes)

    async def schedule(self) -> int:
        async with self.database.writing() as session:
            return await outbox.schedule_reminders(
                session,
                self.clock.now(),
                notice_time=self.notice_time,
                window=timedelta(hours=self.settings.reminder_window_hours),
            )

    async def send_due(self) -> float:
        """Send every message due now, each in its own transaction; how many
        seconds to wait before sending more (after a 429), or 0 once none is due."""
        while True:
            now = self.clock.now()
            if self.paused_until is not None and now < self.paused_until:
                return (self.paused_until - now).total_seconds()
            async with self.database.writing() as session:
                item = await outbox.claim_next(session, now)
                if item is None:
                    return 0.0
                result = await _deliver(session, self.bot, item, self.settings, now)
            log.info(
                "message %s",
                result.status,
                extra={"outbox_id": result.outbox_id, "kind": item.kind, "player_id": item.player_id},
            )
            if result.pause:
                self.paused_until = now + timedelta(seconds=result.pause)
                return result.pause


async def run(database: Database, bot: Bot, settings: Settings, *, once: bool = False) -> None:
    """Schedule, send, sleep; until SIGTERM/SIGINT (the current message is finished first)."""
    work = Worker(database, bot, settings, Clock(settings.worker_clock_file))
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    log.info("worker started", extra={"daily_kinds": sorted(DAILY_KINDS)})
    while not stop.is_set():
        added = await work.schedule()
        if added:
            log.info("reminders scheduled", extra={"count": added})
        pause = await work.send_due()
        if once and not pause:
            break
        try:
            await asyncio.wait_for(stop.wait(), timeout=pause or settings.worker_interval)
        except TimeoutError:
            pass
    log.info("worker stopped")
