"""The player behind a request, as one row read at the start of it."""

from dataclasses import dataclass, fields
from datetime import date, datetime

from sqlalchemy import Select, bindparam, select

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
    banned_at: datetime | None


_users = User.__table__
PLAYER_COLUMNS = [_users.c[field.name] for field in fields(Player)]
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
