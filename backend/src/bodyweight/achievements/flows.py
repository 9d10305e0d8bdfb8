"""What an earned achievement sets off: a notice in the app (and the bot's message),
in the same transaction as the award, once per achievement."""

from collections.abc import Iterable

from bodyweight.achievements.service import Earned
from bodyweight.db import WriteSession
from bodyweight.notifications import service as notifications
from bodyweight.users.player import Player


async def announce(session: WriteSession, player: Player, earned: Iterable[Earned]) -> None:
    for e in earned:
        title = e.achievement.name.of(player.locale)  # the language the player chose for notices
        params = {"title": title, "slug": e.achievement.slug}
        await notifications.notify(session, player.id, "achievement", params, f"achievement:{e.achievement.slug}")
