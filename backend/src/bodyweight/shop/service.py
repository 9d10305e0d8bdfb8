"""The avatar shop: what a player owns, and buying exactly once."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, exists, select

from bodyweight.db import ReadSession, WriteSession, insert_ignoring_duplicates
from bodyweight.errors import DomainError
from bodyweight.ledger.service import change_coins
from bodyweight.models import UserAvatarPurchase
from bodyweight.shop.catalogue import AVATARS, Avatar, get_avatar
from bodyweight.users.player import Player

_purchases = UserAvatarPurchase.__table__


class AvatarNotFound(DomainError):
    status_code, code = 404, "avatar_not_found"


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
        raise AvatarNotFound(avatar_id=avatar_id)
    return avatar


def image_url(avatar_id: str) -> str:
    return f"/static/avatars/{avatar_id}.svg"


_OWNS = select(
    exists().where(_purchases.c.user_id == bindparam("player"), _purchases.c.avatar_id == bindparam("avatar"))
)


async def owns(session: ReadSession, player_id: int, avatar_id: str) -> bool:
    return bool((await session.execute(_OWNS, {"player": player_id, "avatar": avatar_id})).scalar())


@dataclass(frozen=True, slots=True)
class Owned:
    avatar_id: str
    purchased_at: datetime | None


_PURCHASES_OF = (
    select(_purchases.c.avatar_id, _purchases.c.purchased_at)
    .where(_purchases.c.user_id == bindparam("player"))
    .order_by(_purchases.c.purchased_at, _purchases.c.id)
)


async def purchases(session: ReadSession, player_id: int) -> list[Owned]:
    """Each avatar the player bought, oldest first."""
    return [Owned(*row) for row in await session.execute(_PURCHASES_OF, {"player": player_id})]


@dataclass(frozen=True, slots=True)
class Offer:
    """An avatar as the shop shows it to one player."""

    avatar: Avatar
    owned: bool
    equipped: bool
    unlocked: bool
    affordable: bool


async def offers_for(session: ReadSession, player: Player) -> list[Offer]:
    bought = {owned.avatar_id for owned in await purchases(session, player.id)}
    offers = []
    for avatar in AVATARS:
        owned = avatar.is_free or avatar.id in bought
        offers.append(
            Offer(
                avatar=avatar,
                owned=owned,
                equipped=avatar.id == player.avatar_id,
                unlocked=player.level >= avatar.required_level,
                affordable=owned or player.coins >= avatar.price,
            )
        )
    return offers


@dataclass(frozen=True, slots=True)
class Purchase:
    avatar_id: str
    purchased_at: datetime
    coins: int


async def purchase(session: WriteSession, player: Player, avatar_id: str) -> Purchase:
    """Buy an avatar: the purchase row, the conditional debit and the ledger row
    commit together or not at all (the request's transaction).

    The unique (user_id, avatar_id) pair turns a concurrent or repeated purchase
    into "already owned"; the debit's `coins >= price` condition, re-checked by
    the database on the newest row version, makes overspending impossible, and
    a refused debit raises, so the transaction rolls the claim back.
    """
    avatar = require_avatar(avatar_id)
    if avatar.is_free:
        raise AlreadyOwned(avatar_id=avatar.id)
    if player.level < avatar.required_level:
        raise LevelTooLow(avatar_id=avatar.id, required_level=avatar.required_level, level=player.level)

    claim = (
        insert_ignoring_duplicates(session, _purchases, ["user_id", "avatar_id"])
        .values(user_id=bindparam("player"), avatar_id=bindparam("avatar"))
        .returning(_purchases.c.purchased_at)
    )
    purchased_at = (await session.execute(claim, {"player": player.id, "avatar": avatar.id})).scalar_one_or_none()
    if purchased_at is None:
        raise AlreadyOwned(avatar_id=avatar.id)
    balance = await change_coins(session, player.id, -avatar.price, "purchase", f"avatar:{avatar.id}")
    if balance is None:
        raise InsufficientCoins(avatar_id=avatar.id, price=avatar.price, coins=player.coins)
    return Purchase(avatar_id=avatar.id, purchased_at=purchased_at, coins=balance)
