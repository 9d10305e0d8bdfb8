"""Every change of a player's coins: one conditional UPDATE plus one ledger row.

The balance is never read, changed in Python and written back (that loses coins
under concurrency); the database applies the change and refuses to go below zero.
"""

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from bodyweight.errors import DomainError
from bodyweight.models import CoinTransaction, User

MAX_GRANT = 1_000_000


class UserNotFound(DomainError):
    status_code, code = 404, "user_not_found"


class InvalidGrant(DomainError):
    status_code, code = 422, "invalid_grant"


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
        update(User)
        .where(User.id == user_id, User.coins + amount >= 0)
        .values(coins=User.coins + amount, **other_columns)
        .returning(User.coins)
        .execution_options(synchronize_session=False)
    ).scalar_one_or_none()
    if new_balance is None:
        return None
    if amount:
        session.execute(
            insert(CoinTransaction).values(
                user_id=user_id,
                amount=amount,
                balance_after=new_balance,
                reason=reason,
                reference=reference,
            )
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
