"""A player's own data: everything the app holds about them, and erasing it.

Both walk the schema's foreign keys into `users` rather than a hand-kept list of
tables, so a table added later is exported (in `other`) and erased with the
player without anyone remembering to add it here.
"""

import logging
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from anyio import to_thread
from sqlalchemy import Table, bindparam, delete, or_, select

from bodyweight.auth.passwords import verify_password
from bodyweight.db import ReadSession, WriteSession
from bodyweight.errors import DomainError
from bodyweight.models import Base, CoinTransaction, User, UserAvatarPurchase, Workout, WorkoutSet
from bodyweight.schemas import normalize_username
from bodyweight.social import tally
from bodyweight.users.player import Player

log = logging.getLogger("bodyweight.accounts")

_users = User.__table__
_workouts = Workout.__table__
_sets = WorkoutSet.__table__
_ledger = CoinTransaction.__table__
_purchases = UserAvatarPurchase.__table__

# Never exported: secrets, and what only the server needs.
PRIVATE_COLUMNS = {"users": {"password_hash", "token_key", "ban_reason", "daily_coins_date", "daily_coins_earned"}}
# Tables that reference the player but are not theirs to take away: stored replies
# to retried requests (kept a few hours, then pruned; they repeat what the export
# already holds). Erased with the player all the same.
NOT_EXPORTED = {"idempotency_keys"}
# Exported in their own sections below.
EXPORTED_APART = {"workouts", "coin_transactions", "user_avatar_purchases"}


class DeletionNotConfirmed(DomainError):
    """`expected`: what confirms it, `password` (accounts with one) or `username`
    (Telegram-only accounts: the username typed again)."""

    status_code, code = 403, "deletion_not_confirmed"


def tables_owned_by_players() -> dict[str, list[str]]:
    """Every table with a foreign key into users, and the columns that hold it."""
    owned: dict[str, list[str]] = {}
    for table in Base.metadata.sorted_tables:
        for key in table.foreign_keys:
            if key.column.table is _users:
                owned.setdefault(table.name, []).append(key.parent.name)
    return owned


@dataclass(frozen=True, slots=True)
class ExportedSet:
    position: int
    exercise_id: str
    reps: int | None
    seconds: int | None
    xp: int


@dataclass(frozen=True, slots=True)
class ExportedWorkout:
    id: int
    started_at: datetime
    finished_at: datetime
    local_date: date
    xp_earned: int
    coins_earned: int
    sets: list[ExportedSet] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class AccountData:
    """Everything about one player, as the export hands it over."""

    account: dict[str, Any]
    workouts: list[ExportedWorkout]
    coin_transactions: list[dict[str, Any]]
    avatar_purchases: list[dict[str, Any]]
    other: dict[str, list[dict[str, Any]]]


def _public_columns(table: Table) -> list[Any]:
    hidden = PRIVATE_COLUMNS.get(table.name, set())
    return [column for column in table.columns if column.name not in hidden]


async def _rows(session: ReadSession, table: Table, where: Any, order: list[Any]) -> list[dict[str, Any]]:
    result = await session.execute(select(*_public_columns(table)).where(where).order_by(*order))
    return [dict(row._mapping) for row in result]


async def export_account(session: ReadSession, player_id: int) -> AccountData | None:
    """All of the player's data, oldest first; None when there is no such player."""
    accounts = await _rows(session, _users, _users.c.id == player_id, [])
    if not accounts:
        return None
    order = [_workouts.c.finished_at, _workouts.c.id]
    workouts = {
        row["id"]: ExportedWorkout(
            row["id"], row["started_at"], row["finished_at"], row["local_date"], row["xp_earned"], row["coins_earned"]
        )
        for row in await _rows(session, _workouts, _workouts.c.user_id == player_id, order)
    }
    sets = await session.execute(
        select(_sets.c.workout_id, _sets.c.position, _sets.c.exercise_id, _sets.c.reps, _sets.c.seconds, _sets.c.xp)
        .join(_workouts, _workouts.c.id == _sets.c.workout_id)
        .where(_workouts.c.user_id == player_id)
        .order_by(_sets.c.workout_id, _sets.c.position)
    )
    for workout_id, *values in sets:
        workouts[workout_id].sets.append(ExportedSet(*values))
    ledger = await _rows(session, _ledger, _ledger.c.user_id == player_id, [_ledger.c.id])
    purchases = await _rows(session, _purchases, _purchases.c.user_id == player_id, [_purchases.c.id])
    other: dict[str, list[dict[str, Any]]] = {}
    for name, columns in tables_owned_by_players().items():
        if name in NOT_EXPORTED | EXPORTED_APART:
            continue
        table = Base.metadata.tables[name]
        where = or_(*(table.c[column] == player_id for column in columns))
        other[name] = await _rows(session, table, where, list(table.primary_key))
    for row in ledger:
        row.pop("user_id")
    for row in purchases:
        row.pop("user_id")
    return AccountData(accounts[0], list(workouts.values()), ledger, purchases, other)


async def _password_hash(session: ReadSession, player_id: int) -> str | None:
    return (await session.execute(select(_users.c.password_hash).where(_users.c.id == player_id))).scalar()


async def confirm_deletion(session: ReadSession, player: Player, password: str | None, username: str | None) -> None:
    """Refuse unless the player proved it: their password, or for an account with
    none (Telegram only) their username typed again. The hash is checked in a worker
    thread, as at sign-in."""
    password_hash = await _password_hash(session, player.id)
    if password_hash is not None:
        if password is None or not await to_thread.run_sync(verify_password, password, password_hash):
            raise DeletionNotConfirmed(expected="password")
    elif username is None or normalize_username(username) != player.username:
        raise DeletionNotConfirmed(expected="username")


_LOCK = select(_users.c.id).where(_users.c.id == bindparam("player")).with_for_update()
_DELETE = delete(_users).where(_users.c.id == bindparam("player"))


async def delete_account(session: WriteSession, player_id: int) -> bool:
    """Erase the player: one DELETE, and every row that references them goes with
    it (each foreign key into users is ON DELETE CASCADE; the tests check every
    table). Their tokens stop working with the row; a later Telegram sign-in starts
    a new player. False when there was no such player.

    First the player's row is locked (a workout of theirs in flight commits first,
    one after finds no player) and their listed weekly scores leave the week boards'
    tally (social.tally), which no foreign key ties to them."""
    if (await session.execute(_LOCK, {"player": player_id})).first() is None:
        return False
    await tally.leave(session, player_id)
    deleted = (await session.execute(_DELETE, {"player": player_id})).rowcount > 0
    if deleted:
        log.info("account deleted", extra={"player_id": player_id})
    return deleted
