"""What an earned achievement sets off: a notice in the app (and the bot's message),
in the same transaction as the award, once per achievement."""

from collections.abc import Sequence

from bodyweight.achievements.service import Earned
from bodyweight.db import WriteSession
from bodyweight.notifications import service as notifications
from bodyweight.users.player import Player


async def announce(session: WriteSession, player: Player, earned: Sequence[Earned]) -> None:
    # In the language the player chose for notices.
    notices = [
        (
            {"title": e.achievement.name.of(player.locale), "slug": e.achievement.slug},
            f"achievement:{e.achievement.slug}",
        )
        for e in earned
    ]
    await notifications.notify_each(session, player.id, "achievement", notices)
