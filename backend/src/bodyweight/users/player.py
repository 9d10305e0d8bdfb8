"""The player behind a request, as one row read at the start of it."""

from dataclasses import dataclass, fields
from datetime import date, datetime, time

from sqlalchemy import Select, bindparam, func, select

from bodyweight.db import ReadSession
from bodyweight.errors import AccountSuspended
from bodyweight.models import User


@dataclass(frozen=True, slots=True)
class Player:
    """A snapshot of the player's row: use cases that change it return the new
    values (UPDATE ... RETURNING) instead of mutating this."""

    id: int
    username: str
    display_name: str | None
    timezone: str
    locale: str
    token_key: str
    level: int
    total_xp: int
    coins: int
    current_streak: int
    max_streak: int
    last_workout_date: date | None
    daily_coins_date: date | None
    daily_coins_earned: int
    avatar_id: str
    created_at: datetime
    reminder_time: time | None
    streak_notice: bool
    bot_messages: bool
    telegram_id: int | None
    public_id: str | None
    visibility: str
    banned_at: datetime | None
    streak_freezes: int
    last_workout_zone: str | None
    weekly_goal_metric: str | None
    weekly_goal_target: int | None
    has_password: bool  # False: a Telegram-only account (the hash itself stays in the database)


_users = User.__table__
# Not `password_hash IS NOT NULL`: in an INSERT's or UPDATE's RETURNING, SQLite
# 3.40 answers that with 1 for a NULL hash; the length of the hash it gets right.
_DERIVED = {"has_password": (func.coalesce(func.length(_users.c.password_hash), 0) > 0).label("has_password")}
PLAYER_COLUMNS = [_DERIVED[f.name] if f.name in _DERIVED else _users.c[f.name] for f in fields(Player)]
_BY_ID = select(*PLAYER_COLUMNS).where(_users.c.id == bindparam("player"))


def _query(lock: bool) -> Select[tuple[object, ...]]:
    return _BY_ID.with_for_update() if lock else _BY_ID


async def load_player(session: ReadSession, player_id: int, *, lock: bool = False) -> Player | None:
    """The player's row; `lock` holds it until the transaction ends (PostgreSQL's
    FOR UPDATE; a SQLite write transaction holds the whole database already)."""
    row = (await session.execute(_query(lock), {"player": player_id})).one_or_none()
    # SQLAlchemy types a row of select(*columns) as tuple[object, ...]; its values
    # are Player's fields, in order (PLAYER_COLUMNS is built from them).
    return None if row is None else Player(*row)  # type: ignore[arg-type, call-arg]


def admit(player: Player) -> Player:
    """The player, unless an operator banned them: checked on the row that signing
    in and every request read anyway, so it costs no query."""
    if player.banned_at is not None:
        raise AccountSuspended()
    return player
