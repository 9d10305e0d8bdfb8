"""The avatar shop: what a player owns, and buying exactly once."""

from datetime import datetime

from sqlalchemy import Row, bindparam, exists, select
from sqlalchemy.orm import Session

from bodyweight.coins.service import change_coins
from bodyweight.db import insert_ignoring_duplicates, once_per_dialect
from bodyweight.errors import DomainError
from bodyweight.models import User, UserAvatarPurchase
from bodyweight.shop.catalogue import AVATARS, Avatar, get_avatar
from bodyweight.shop.schemas import AvatarRead, PurchaseResult


class AvatarNotFound(DomainError):
    status_code, code, message = 404, "avatar_not_found", "There is no such avatar."


class LevelTooLow(DomainError):
    status_code, code = 403, "level_too_low"


class InsufficientCoins(DomainError):
    status_code, code = 402, "insufficient_coins"


class AlreadyOwned(DomainError):
    status_code, code = 409, "already_owned"


class AvatarNotOwned(DomainError):
    status_code, code = 403, "avatar_not_owned"


def require_avatar(avatar_id: str) -> Avatar:
    avatar = get_avatar(avatar_id)
    if avatar is None:
        raise AvatarNotFound(f"There is no avatar called {avatar_id!r}.")
    return avatar


def image_url(avatar_id: str) -> str:
    return f"/static/avatars/{avatar_id}.svg"


def owns(session: Session, user_id: int, avatar_id: str) -> bool:
    return session.scalar(
        select(
            exists().where(
                UserAvatarPurchase.user_id == user_id, UserAvatarPurchase.avatar_id == avatar_id
            )
        )
    )


# Built once and run with parameters (see db.once_per_dialect for why). Rows, not
# ORM objects: a listing has nothing to track.
_PURCHASES_OF = (
    select(UserAvatarPurchase.avatar_id, UserAvatarPurchase.purchased_at)
    .where(UserAvatarPurchase.user_id == bindparam("player"))
    .order_by(UserAvatarPurchase.purchased_at, UserAvatarPurchase.id)
)


def purchases(session: Session, user_id: int) -> list[Row]:
    """(avatar_id, purchased_at) of each avatar the player bought, oldest first."""
    return list(session.execute(_PURCHASES_OF, {"player": user_id}))


def catalogue_for(session: Session, user: User) -> list[AvatarRead]:
    bought = set(
        session.scalars(
            select(UserAvatarPurchase.avatar_id).where(UserAvatarPurchase.user_id == user.id)
        )
    )
    return [
        AvatarRead(
            id=a.id,
            name=a.name,
            price=a.price,
            required_level=a.required_level,
            image_url=image_url(a.id),
            owned=a.is_free or a.id in bought,
            equipped=a.id == user.avatar_id,
            unlocked=user.level >= a.required_level,
            affordable=a.is_free or a.id in bought or user.coins >= a.price,
        )
        for a in AVATARS
    ]


@once_per_dialect
def _claim(session: Session):
    purchases = UserAvatarPurchase.__table__  # Core: see coins.service
    return (
        insert_ignoring_duplicates(session, purchases, ["user_id", "avatar_id"])
        .values(user_id=bindparam("player"), avatar_id=bindparam("avatar"))
        .returning(purchases.c.purchased_at)
    )


def purchase(session: Session, user: User, avatar_id: str) -> PurchaseResult:
    """Buy an avatar: the purchase row, the conditional debit and the ledger row
    commit together or not at all (the caller's transaction).

    The unique (user_id, avatar_id) pair turns a concurrent or repeated purchase
    into "already owned"; the debit's `coins >= price` condition, re-checked by
    the database under the row lock, makes overspending impossible.
    """
    avatar = require_avatar(avatar_id)
    if avatar.is_free:
        raise AlreadyOwned(f"{avatar.name} is free: every player owns it.")
    if user.level < avatar.required_level:
        raise LevelTooLow(f"{avatar.name} needs level {avatar.required_level}; you are level {user.level}.")

    purchased_at: datetime | None = session.execute(
        _claim(session), {"player": user.id, "avatar": avatar.id}
    ).scalar_one_or_none()
    if purchased_at is None:
        raise AlreadyOwned(f"You already own {avatar.name}.")
    balance = change_coins(session, user.id, -avatar.price, "purchase", f"avatar:{avatar.id}")
    if balance is None:
        raise InsufficientCoins(f"{avatar.name} costs {avatar.price} coins; you have {user.coins}.")
    return PurchaseResult(avatar_id=avatar.id, purchased_at=purchased_at, coins=balance)
