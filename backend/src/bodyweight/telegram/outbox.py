"""The outbox: every Telegram message, a row written before it is sent.

A row is unique per (player, kind, local date, dedupe key), so scheduling the
same reminder twice, from two workers or after a restart, adds nothing. Only the
worker sends (worker.py); the API and other features only enqueue.
"""

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import bindparam, func, select, update

from bodyweight import rules
from bodyweight.db import ReadSession, WriteSession, insert_ignoring_duplicates
from bodyweight.models import OutboxMessage, User
from bodyweight.telegram.reminders import reminders_due

_outbox = OutboxMessage.__table__
_users = User.__table__

PENDING, SENT, FAILED, DROPPED = "pending", "sent", "failed", "dropped"


async def enqueue(
    session: WriteSession,
    player_id: int,
    kind: str,
    local_date: date,
    params: Mapping[str, Any] | None = None,
    dedupe_key: str = "",
    now: datetime | None = None,
) -> bool:
    """Add a message to send; False when that (player, kind, day, key) is there already."""
    return await enqueue_each(session, player_id, kind, local_date, [(params or {}, dedupe_key)], now) > 0


async def enqueue_each(
    session: WriteSession,
    player_id: int,
    kind: str,
    local_date: date,
    messages: Sequence[tuple[Mapping[str, Any], str]],
    now: datetime | None = None,
) -> int:
    """Add messages of one kind and day, each (params, dedupe key), in one statement;
    returns how many were new."""
    when = {} if now is None else {"next_attempt_at": now, "created_at": now}
    rows = [
        {
            "user_id": player_id,
            "kind": kind,
            "local_date": local_date,
            "dedupe_key": dedupe_key,
            "params": json.dumps(dict(params), ensure_ascii=False),
            **when,
        }
        for params, dedupe_key in messages
    ]
    statement = insert_ignoring_duplicates(session, _outbox).values(rows).returning(_outbox.c.id)
    return len((await session.execute(statement)).all())


_REMINDER_CANDIDATES = (
    select(
        _users.c.id,
        _users.c.timezone,
        _users.c.reminder_time,
        _users.c.streak_notice,
        _users.c.last_workout_date,
        _users.c.current_streak,
    )
    .where(
        _users.c.telegram_id.is_not(None),
        _users.c.bot_messages.is_(True),
        (_users.c.reminder_time.is_not(None)) | (_users.c.streak_notice.is_(True)),
    )
    # In one order everywhere: two schedulers inserting the same rows then wait
    # for each other instead of deadlocking.
    .order_by(_users.c.id)
)


async def schedule_reminders(session: WriteSession, now: datetime, *, notice_time: time, window: timedelta) -> int:
    """Enqueue every reminder and streak notice due at `now`; how many were new."""
    added = 0
    for row in await session.execute(_REMINDER_CANDIDATES):
        for due in reminders_due(
            now,
            row.timezone,
            row.reminder_time,
            row.streak_notice,
            row.last_workout_date,
            row.current_streak,
            notice_time=notice_time,
            window=window,
        ):
            added += await enqueue(session, row.id, due.kind, due.local_date, due.params, now=now)
    return added


@dataclass(frozen=True, slots=True)
class Outgoing:
    """A claimed row with what sending it needs."""

    id: int
    player_id: int
    kind: str
    local_date: date
    params: dict[str, Any]
    attempts: int
    chat_id: int | None
    bot_messages: bool
    locale: str
    timezone: str
    display_name: str | None
    username: str
    last_workout_date: date | None

    def today(self, now: datetime) -> date:
        return rules.local_date(now, self.timezone)


_NEXT = (
    select(
        _outbox.c.id,
        _outbox.c.user_id,
        _outbox.c.kind,
        _outbox.c.local_date,
        _outbox.c.params,
        _outbox.c.attempts,
        _users.c.telegram_id,
        _users.c.bot_messages,
        _users.c.locale,
        _users.c.timezone,
        _users.c.display_name,
        _users.c.username,
        _users.c.last_workout_date,
    )
    .join(_users, _users.c.id == _outbox.c.user_id)
    .where(_outbox.c.status == PENDING, _outbox.c.next_attempt_at <= bindparam("now"))
    .order_by(_outbox.c.next_attempt_at, _outbox.c.id)
    .limit(1)
    # Two senders never hold the same row; the lock lasts until the row's fate
    # is committed, and a sender that dies releases it with its connection.
    .with_for_update(of=_outbox, skip_locked=True)
)


async def claim_next(session: WriteSession, now: datetime) -> Outgoing | None:
    """The next message due, locked for this transaction (SQLite's write
    transaction holds the whole database already)."""
    row = (await session.execute(_NEXT, {"now": now})).first()
    if row is None:
        return None
    return Outgoing(
        row.id,
        row.user_id,
        row.kind,
        row.local_date,
        json.loads(row.params),
        row.attempts,
        row.telegram_id,
        row.bot_messages,
        row.locale,
        row.timezone,
        row.display_name,
        row.username,
        row.last_workout_date,
    )


_SET = update(_outbox).where(_outbox.c.id == bindparam("row"))


async def mark(session: WriteSession, row_id: int, status: str, **values: Any) -> None:
    await session.execute(_SET.values(status=status, **values), {"row": row_id})


async def retry_later(session: WriteSession, row_id: int, attempts: int, at: datetime, error: str) -> None:
    await session.execute(_SET.values(attempts=attempts, next_attempt_at=at, last_error=error[:200]), {"row": row_id})


async def stop_messages(session: WriteSession, player_id: int) -> None:
    """The player blocked the bot: nothing more is sent until they /start it again."""
    await session.execute(update(_users).where(_users.c.id == player_id).values(bot_messages=False))


async def counts(session: ReadSession) -> dict[str, int]:
    """Rows per status, for logs and tests."""
    rows = await session.execute(select(_outbox.c.status, func.count()).group_by(_outbox.c.status))
    return {status: n for status, n in rows}
