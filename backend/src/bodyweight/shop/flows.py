"""Buying an avatar, and the shop's achievements it earns, in one transaction."""

from dataclasses import dataclass

from bodyweight.achievements import flows as achievement_flows
from bodyweight.achievements import service as achievements
from bodyweight.db import WriteSession
from bodyweight.shop import service
from bodyweight.users.player import Player


@dataclass(frozen=True, slots=True)
class Bought:
    purchase: service.Purchase
    achievements: tuple[achievements.Earned, ...]
    coins: int  # the balance after the price and the achievements' rewards


async def purchase(session: WriteSession, player: Player, avatar_id: str) -> Bought:
    bought = await service.purchase(session, player, avatar_id)
    awarded = await achievements.after_purchase(session, player.id)
    await achievement_flows.announce(session, player, awarded.earned)
    return Bought(bought, awarded.earned, bought.coins if awarded.coins is None else awarded.coins)
