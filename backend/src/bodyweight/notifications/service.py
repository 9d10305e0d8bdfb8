"""In-app notifications, and the hook other features call to notify a player.

    await notify(session, player_id, "achievement", {"title": "First workout"}, "achievement:first-workout")

in the transaction of the event itself (the achievement's award, the friend
request), so the notice exists exactly when the event does. The dedupe key makes
it exactly-once per player: calling again with the same key changes nothing. A
new notice also goes to the outbox for the bot, when the player uses Telegram
and has not blocked the bot; the worker sends it once.

Kinds and the params their texts use (i18n `messages.<kind>`, and the app's
`notice.<kind>`): achievement {title}, goal_reached {title}, friend_request
{from_name}.
"""

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import bindparam, func, select, update

from bodyweight import rules
from bodyweight.db import ReadSession, WriteSession, insert_ignoring_duplicates
from bodyweight.models import Notification, User
from bodyweight.telegram import outbox

KINDS = frozenset({"achievement", "goal_reached", "friend_request"})

_notifications = Notification.__table__
_users = User.__table__


class UnknownNotificationKind(ValueError):
    """A programming error: the kind has no texts."""


@dataclass(frozen=True, slots=True)
class Notice:
    id: int
    kind: str
    params: dict[str, Any]
    created_at: datetime
    read_at: datetime | None


_RECIPIENT = select(_users.c.timezone, _users.c.telegram_id, _users.c.bot_messages).where(
    _users.c.id == bindparam("player")
)


async def notify(
    session: WriteSession,
    player_id: int,
    kind: str,
    params: Mapping[str, Any],
    dedupe_key: str,
    now: datetime | None = None,
) -> bool:
    """Notify the player once per `dedupe_key`; True if this call created the notice."""
    return bool(await notify_each(session, player_id, kind, [(params, dedupe_key)], now))


async def notify_each(
    session: WriteSession,
    player_id: int,
    kind: str,
    notices: Sequence[tuple[Mapping[str, Any], str]],
    now: datetime | None = None,
) -> set[str]:
    """`notify` for several notices of one kind, each (params, dedupe key), in a
    fixed number of statements however many there are; returns the keys that were
    new."""
    if kind not in KINDS:
        raise UnknownNotificationKind(kind)
    if not notices:
        return set()
    now = now or datetime.now(UTC)
    rows = [
        {
            "user_id": player_id,
            "kind": kind,
            "params": json.dumps(dict(params), ensure_ascii=False),
            "dedupe_key": dedupe_key,
            "created_at": now,
        }
        for params, dedupe_key in notices
    ]
    statement = (
        insert_ignoring_duplicates(session, _notifications, ["user_id", "dedupe_key"])
        .values(rows)
        .returning(_notifications.c.dedupe_key)
    )
    created = set((await session.execute(statement)).scalars())
    if not created:
        return created
    recipient = (await session.execute(_RECIPIENT, {"player": player_id})).one()
    if recipient.telegram_id is not None and recipient.bot_messages:
        today = rules.local_date(now, recipient.timezone)
        messages = [(params, key) for params, key in notices if key in created]
        await outbox.enqueue_each(session, player_id, kind, today, messages, now=now)
    return created


_UNREAD = (
    select(func.count())
    .select_from(_notifications)
    .where(_notifications.c.user_id == bindparam("player"), _notifications.c.read_at.is_(None))
)
_LATEST = (
    select(
        _notifications.c.id,
        _notifications.c.kind,
        _notifications.c.params,
        _notifications.c.created_at,
        _notifications.c.read_at,
    )
    .where(_notifications.c.user_id == bindparam("player"))
    .order_by(_notifications.c.id.desc())
    .limit(bindparam("limit"))
)


async def unread_count(session: ReadSession, player_id: int) -> int:
    return int((await session.execute(_UNREAD, {"player": player_id})).scalar_one())


async def latest(session: ReadSession, player_id: int, limit: int) -> list[Notice]:
    rows = await session.execute(_LATEST, {"player": player_id, "limit": limit})
    return [Notice(row.id, row.kind, json.loads(row.params), row.created_at, row.read_at) for row in rows]


async def mark_read(
    session: WriteSession, player_id: int, ids: Sequence[int] | None, now: datetime | None = None
) -> int:
    """Mark the player's notices read (the given ones, or all); the unread count after."""
    statement = (
        update(_notifications)
        .where(_notifications.c.user_id == player_id, _notifications.c.read_at.is_(None))
        .values(read_at=now or datetime.now(UTC))
    )
    if ids is not None:
        statement = statement.where(_notifications.c.id.in_(list(ids)))
    await session.execute(statement)
    return await unread_count(session, player_id)
