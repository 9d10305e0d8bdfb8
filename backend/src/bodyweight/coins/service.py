"""Every change of a player's coins: one conditional UPDATE plus one ledger row.

The balance is never read, changed in Python and written back (that loses coins
under concurrency); the database applies the change and refuses to go below zero.
"""

from functools import cache

from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.orm import Session

from bodyweight.errors import DomainError
from bodyweight.models import CoinTransaction, User

MAX_GRANT = 1_000_000


class UserNotFound(DomainError):
    status_code, code = 404, "user_not_found"


class InvalidGrant(DomainError):
    status_code, code = 422, "invalid_grant"


# Built once (per set of other columns) and run with parameters: see
# db.once_per_dialect for why.
# Core statements on the tables: the ORM's bulk and synchronize machinery has
# nothing to do for them, and costs more than the SQL itself.
@cache
def _balance_update(other_columns: tuple[str, ...]):
    users, amount = User.__table__, bindparam("amount")
    return (
        update(users)
        .where(users.c.id == bindparam("player"), users.c.coins + amount >= 0)
        .values(coins=users.c.coins + amount, **{name: bindparam(f"new_{name}") for name in other_columns})
        .returning(users.c.coins)
    )


_LEDGER_ROW = insert(CoinTransaction.__table__).values(
    user_id=bindparam("player"),
    amount=bindparam("amount"),
    balance_after=bindparam("balance"),
    reason=bindparam("reason"),
    reference=bindparam("reference"),
)


def change_coins(
    session: Session,
    user_id: int,
    amount: int,
    reason: str,
    reference: str | None = None,
    **other_columns,
) -> int | None:
    """Add `amount` (negative to spend) and record it in the ledger; any
    `other_columns` of the player's row change in the same UPDATE. Returns the new
    balance, or None when the player does not exist or cannot afford it (nothing
    changes)."""
    new_balance = session.execute(
        _balance_update(tuple(sorted(other_columns))),
        {"player": user_id, "amount": amount, **{f"new_{k}": v for k, v in other_columns.items()}},
    ).scalar_one_or_none()
    if new_balance is None:
        return None
    if amount:
        session.execute(
            _LEDGER_ROW,
            {"player": user_id, "amount": amount, "balance": new_balance, "reason": reason, "reference": reference},
        )
    return new_balance


def ledger_balance(session: Session, user_id: int) -> int:
    """What the ledger says the balance is; always equal to `users.coins`."""
    return session.scalar(
        select(func.coalesce(func.sum(CoinTransaction.amount), 0)).where(
            CoinTransaction.user_id == user_id
        )
    )


def grant_coins(session: Session, username: str, amount: int, note: str) -> int:
    """A support credit, recorded in the ledger with the operator's note."""
    if not 1 <= amount <= MAX_GRANT:
        raise InvalidGrant(f"Amount must be between 1 and {MAX_GRANT}.")
    note = note.strip()
    if not note:
        raise InvalidGrant("A reason is required: it is recorded in the ledger.")
    user_id = session.scalar(select(User.id).where(User.username == username))
    if user_id is None:
        raise UserNotFound(f"No player is called {username!r}.")
    return change_coins(session, user_id, amount, "support_grant", note[:200])
