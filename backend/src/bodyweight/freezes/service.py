"""Buying streak freezes. Spending them is the workout's (rules.step_streak,
progress.record_frozen_days).

A purchase is one transaction: a conditional increment of `users.streak_freezes`
(only below MAX_STREAK_FREEZES; the CHECK 0..2 backs it up) and the debit
through the ledger. Either refusal rolls the other back. Concurrent purchases
each take the player's row (idempotency.Once locks it) and see the previous one's
result, so none can charge twice or hold a third freeze; a retry with the same
Idempotency-Key replays the first answer instead of buying again.
"""

from dataclasses import dataclass

from sqlalchemy import bindparam, update

from bodyweight import rules
from bodyweight.db import WriteSession
from bodyweight.errors import DomainError
from bodyweight.i18n import Locale, text
from bodyweight.ledger.service import change_coins
from bodyweight.models import User
from bodyweight.shop.service import InsufficientCoins
from bodyweight.users.player import Player

_users = User.__table__


class StreakFreezesFull(DomainError):
    """The player already holds `max_held` freezes."""

    status_code, code = 409, "streak_freezes_full"


class FreezeUnaffordable(InsufficientCoins):
    """`insufficient_coins` (`price`, `coins`), worded for a freeze."""

    def message(self, locale: Locale = "en") -> str:
        return text(locale, "errors.insufficient_coins_for_freeze", self.params)


_ADD_ONE = (
    update(_users)
    .where(_users.c.id == bindparam("player"), _users.c.streak_freezes < rules.MAX_STREAK_FREEZES)
    .values(streak_freezes=_users.c.streak_freezes + 1)
    .returning(_users.c.streak_freezes)
)


@dataclass(frozen=True, slots=True)
class Bought:
    held: int  # freezes held now
    coins: int  # the balance now


async def purchase(session: WriteSession, player: Player) -> Bought:
    held = (await session.execute(_ADD_ONE, {"player": player.id})).scalar_one_or_none()
    if held is None:
        raise StreakFreezesFull(max_held=rules.MAX_STREAK_FREEZES)
    price = rules.STREAK_FREEZE_PRICE
    balance = await change_coins(session, player.id, -price, "streak_freeze", f"streak_freeze:{held}")
    if balance is None:
        raise FreezeUnaffordable(price=price, coins=player.coins)
    return Bought(held, balance)
