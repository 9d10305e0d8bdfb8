"""What an operator does to players (`bodyweight users ...`): find, look at, ban,
rename. Deleting and exporting are the player's own use cases (users.account);
coins move only through the ledger (`grant-coins`). The command logs every
action, once its transaction committed, as one structured line (`audit`) naming
the operator, the action and the player, never a secret.
"""

import getpass
import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from pydantic import TypeAdapter, ValidationError
from sqlalchemy import ColumnElement, func, select

from bodyweight.auth.service import UsernameTaken, revoke_tokens
from bodyweight.db import ReadSession, WriteSession
from bodyweight.errors import DomainError
from bodyweight.ledger.service import UserNotFound
from bodyweight.models import CoinTransaction, User, UserAvatarPurchase, Workout, WorkoutSet
from bodyweight.schemas import Username, normalize_username
from bodyweight.users.player import PLAYER_COLUMNS, Player
from bodyweight.users.service import change_row

log = logging.getLogger("bodyweight.admin")

_users = User.__table__
_workouts = Workout.__table__
_sets = WorkoutSet.__table__
_ledger = CoinTransaction.__table__
_purchases = UserAvatarPurchase.__table__
_username: TypeAdapter[str] = TypeAdapter(Username)

MAX_REASON = 200


class InvalidUsername(DomainError):
    status_code, code = 422, "invalid_username"


class BanReasonRequired(DomainError):
    status_code, code = 422, "ban_reason_required"


def operator() -> str:
    """Who runs the command: the operating-system account."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def audit(action: str, username: str, **details: Any) -> None:
    """One line per administrative action: who, what, to whom (when: the line's
    time). Callers pass identifiers and counts, never a secret."""
    log.info("admin action", extra={"action": action, "operator": operator(), "username": username, **details})


@dataclass(frozen=True, slots=True)
class PlayerSummary:
    id: int
    username: str
    display_name: str | None
    level: int
    coins: int
    telegram_id: int | None
    banned_at: datetime | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class PlayerDetails:
    player: Player
    email: str | None
    telegram_id: int | None
    has_password: bool
    ban_reason: str | None
    last_workout_date: date | None
    ledger_sum: int
    workouts: int
    sets: int
    ledger_rows: int
    purchases: int


_SUMMARY = select(
    _users.c.id,
    _users.c.username,
    _users.c.display_name,
    _users.c.level,
    _users.c.coins,
    _users.c.telegram_id,
    _users.c.banned_at,
    _users.c.created_at,
)


async def list_players(
    session: ReadSession, *, search: str | None = None, banned: bool | None = None, limit: int = 50, offset: int = 0
) -> tuple[int, list[PlayerSummary]]:
    """Players by id, filtered by a part of the username or display name and by
    ban; the number that match, and one page of them."""
    conditions: list[ColumnElement[bool]] = []
    if search:
        pattern = "%" + search.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        conditions.append(
            func.lower(_users.c.username).like(pattern, escape="\\")
            | func.lower(func.coalesce(_users.c.display_name, "")).like(pattern, escape="\\")
        )
    if banned is not None:
        conditions.append(_users.c.banned_at.is_not(None) if banned else _users.c.banned_at.is_(None))
    total = (await session.execute(select(func.count()).select_from(_users).where(*conditions))).scalar_one()
    rows = await session.execute(_SUMMARY.where(*conditions).order_by(_users.c.id).limit(limit).offset(offset))
    return total, [PlayerSummary(*row) for row in rows]


async def find_player(session: ReadSession, username: str) -> Player:
    row = (
        await session.execute(select(*PLAYER_COLUMNS).where(_users.c.username == normalize_username(username)))
    ).one_or_none()
    if row is None:
        raise UserNotFound(username=username)
    return Player(*row)


def _count(table: Any, player_id: int) -> Any:
    return select(func.count()).select_from(table).where(table.c.user_id == player_id).scalar_subquery()


async def show_player(session: ReadSession, username: str) -> PlayerDetails:
    player = await find_player(session, username)
    sets = (
        select(func.count())
        .select_from(_sets.join(_workouts, _workouts.c.id == _sets.c.workout_id))
        .where(_workouts.c.user_id == player.id)
        .scalar_subquery()
    )
    ledger_sum = (
        select(func.coalesce(func.sum(_ledger.c.amount), 0)).where(_ledger.c.user_id == player.id).scalar_subquery()
    )
    row = (
        await session.execute(
            select(
                _users.c.email,
                _users.c.telegram_id,
                _users.c.password_hash.is_not(None),
                _users.c.ban_reason,
                _users.c.last_workout_date,
                ledger_sum,
                _count(_workouts, player.id),
                sets,
                _count(_ledger, player.id),
                _count(_purchases, player.id),
            ).where(_users.c.id == player.id)
        )
    ).one()
    return PlayerDetails(player, *row)


async def ban(session: WriteSession, username: str, reason: str) -> Player:
    """Suspend the player: every request and sign-in is refused from now on, and
    every token issued so far stops working."""
    reason = reason.strip()
    if not reason:
        raise BanReasonRequired()
    player = await find_player(session, username)
    await revoke_tokens(session, player.id)
    values = {"banned_at": player.banned_at or datetime.now(UTC), "ban_reason": reason[:MAX_REASON]}
    return await change_row(session, player.id, values)


async def unban(session: WriteSession, username: str) -> Player:
    player = await find_player(session, username)
    return await change_row(session, player.id, {"banned_at": None, "ban_reason": None})


async def rename(session: WriteSession, username: str, new_username: str) -> Player:
    """A new username, by the rules sign-up applies. The display name follows
    when it was the old username (as sign-up sets it)."""
    try:
        new_username = _username.validate_python(new_username.strip())
    except ValidationError as exc:
        raise InvalidUsername(username=new_username) from exc
    player = await find_player(session, username)
    if new_username == player.username:
        return player
    taken = (await session.execute(select(_users.c.id).where(_users.c.username == new_username))).scalar()
    if taken is not None:
        raise UsernameTaken(username=new_username)
    values: dict[str, Any] = {"username": new_username}
    if player.display_name == player.username:
        values["display_name"] = new_username
    return await change_row(session, player.id, values)
