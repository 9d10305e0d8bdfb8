"""The player's game state (XP, level, streaks, the daily coin cap), written in
one explicit UPDATE. Coins are the ledger's (bodyweight.ledger), never this."""

from sqlalchemy import bindparam, update

from bodyweight import rules
from bodyweight.db import WriteSession
from bodyweight.models import User
from bodyweight.users.player import Player

_users = User.__table__

_WRITE_PROGRESS = (
    update(_users)
    .where(_users.c.id == bindparam("player"))
    .values({name: bindparam(name) for name in rules.PROGRESS_COLUMNS})
)


def state_of(player: Player) -> rules.PlayerState:
    """The rules' view of the player's row."""
    return rules.PlayerState(
        total_xp=player.total_xp,
        current_streak=player.current_streak,
        max_streak=player.max_streak,
        last_workout_date=player.last_workout_date,
        daily_coins_earned=player.daily_coins_earned,
        daily_coins_date=player.daily_coins_date,
    )


async def record(session: WriteSession, player_id: int, outcome: rules.WorkoutOutcome) -> None:
    """Store what a workout changed on the player's row (the row must be locked
    since it was read: see deps.LockedPlayer)."""
    values = {name: getattr(outcome, name) for name in rules.PROGRESS_COLUMNS}
    await session.execute(_WRITE_PROGRESS, {"player": player_id, **values})
