"""Coins, and only coins: every change is one conditional UPDATE plus one ledger row.

The balance is never read, changed in Python and written back (that loses coins
under concurrency); the database applies the change and refuses to go below zero.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, insert, select, update

from bodyweight import metrics
from bodyweight.db import ReadSession, WriteSession
from bodyweight.errors import DomainError
from bodyweight.models import CoinTransaction, User

MAX_GRANT = 1_000_000

_users = User.__table__
_ledger = CoinTransaction.__table__


class UserNotFound(DomainError):
    status_code, code = 404, "user_not_found"


class InvalidGrantAmount(DomainError):
    status_code, code = 422, "invalid_grant_amount"


class GrantReasonRequired(DomainError):
    status_code, code = 422, "grant_reason_required"


_CHANGE_BALANCE = (
    update(_users)
    .where(_users.c.id == bindparam("player"), _users.c.coins + bindparam("amount") >= 0)
    .values(coins=_users.c.coins + bindparam("amount"))
    .returning(_users.c.coins)
)
_LEDGER_ROW = insert(_ledger).values(
    user_id=bindparam("player"),
    amount=bindparam("amount"),
    balance_after=bindparam("balance"),
    reason=bindparam("reason"),
    reference=bindparam("reference"),
)


async def change_coins(
    session: WriteSession, player_id: int, amount: int, reason: str, reference: str | None = None
) -> int | None:
    """Add `amount` (negative to spend) and record it in the ledger. Returns the new
    balance, or None when the player does not exist or cannot afford it (then
    nothing changed)."""
    parameters = {"player": player_id, "amount": amount}
    balance: int | None = (await session.execute(_CHANGE_BALANCE, parameters)).scalar_one_or_none()
    if balance is not None and amount:
        await session.execute(_LEDGER_ROW, {**parameters, "balance": balance, "reason": reason, "reference": reference})
        # Counted when written: a transaction that then rolls back (rare) is counted too.
        metrics.record_coins(amount)
    return balance


@dataclass(frozen=True, slots=True)
class Credit:
    amount: int  # > 0
    reason: str
    reference: str | None = None


async def credit_each(session: WriteSession, player_id: int, credits: Sequence[Credit]) -> int | None:
    """Several credits in two statements however many there are: one UPDATE adds
    their sum, one INSERT writes a ledger row each, its `balance_after` counted up
    from the balance the UPDATE returned. Returns the new balance (None when the
    player does not exist, or there was nothing to credit)."""
    if not credits:
        return None
    total = sum(credit.amount for credit in credits)
    balance: int | None = (
        await session.execute(_CHANGE_BALANCE, {"player": player_id, "amount": total})
    ).scalar_one_or_none()
    if balance is None:
        return None
    rows, running = [], balance - total
    for credit in credits:
        running += credit.amount
        rows.append(
            {
                "user_id": player_id,
                "amount": credit.amount,
                "balance_after": running,
                "reason": credit.reason,
                "reference": credit.reference,
            }
        )
    await session.execute(insert(_ledger).values(rows))
    metrics.record_coins(total)
    return balance


async def grant_coins(session: WriteSession, username: str, amount: int, note: str) -> int:
    """A support credit, recorded in the ledger with the operator's note."""
    note = note.strip()
    if not 1 <= amount <= MAX_GRANT:
        raise InvalidGrantAmount(amount=amount, max_amount=MAX_GRANT)
    if not note:
        raise GrantReasonRequired()
    player_id = (await session.execute(select(_users.c.id).where(_users.c.username == username))).scalar()
    if player_id is None:
        raise UserNotFound(username=username)
    balance = await change_coins(session, player_id, amount, "support_grant", note[:200])
    assert balance is not None  # a credit always fits
    return balance


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    id: int
    amount: int
    balance_after: int
    reason: str
    reference: str | None
    created_at: datetime


_HISTORY = (
    select(
        _ledger.c.id,
        _ledger.c.amount,
        _ledger.c.balance_after,
        _ledger.c.reason,
        _ledger.c.reference,
        _ledger.c.created_at,
    )
    .where(_ledger.c.user_id == bindparam("player"))
    .order_by(_ledger.c.id.desc())
    .limit(bindparam("limit"))
)


async def history(session: ReadSession, player_id: int, limit: int, before_id: int | None) -> list[LedgerEntry]:
    """Up to `limit` entries, newest first, older than `before_id` when given."""
    query = _HISTORY if before_id is None else _HISTORY.where(_ledger.c.id < before_id)
    rows = await session.execute(query, {"player": player_id, "limit": limit})
    return [LedgerEntry(*row) for row in rows]
