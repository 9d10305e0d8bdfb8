"""The player's game state (XP, level, streaks and their freezes, the daily coin
cap), written in one explicit UPDATE. Coins are the ledger's (bodyweight.ledger),
never this."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import bindparam, select, update

from bodyweight import rules
from bodyweight.db import ReadSession, WriteSession, insert_ignoring_duplicates
from bodyweight.models import StreakFreezeUse, User
from bodyweight.users.player import Player

_users = User.__table__
_uses = StreakFreezeUse.__table__

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
        streak_freezes=player.streak_freezes,
        last_workout_zone=player.last_workout_zone,
    )


async def record(session: WriteSession, player_id: int, outcome: rules.WorkoutOutcome) -> None:
    """Store what a workout changed on the player's row (the row must be locked
    since it was read: see deps.LockedPlayer)."""
    values = {name: getattr(outcome, name) for name in rules.PROGRESS_COLUMNS}
    await session.execute(_WRITE_PROGRESS, {"player": player_id, **values})


_GIVE_BACK = (
    update(_users)
    .where(_users.c.id == bindparam("player"))
    .values(streak_freezes=_users.c.streak_freezes + bindparam("freezes"))
)


async def record_frozen_days(session: WriteSession, player_id: int, workout_id: int, days: Sequence[date]) -> None:
    """One row per missed day the workout's freezes bridged (after `record`, which
    took the freezes off the row). A day is bridged once: should one come round
    again (only a move across a day's worth of time zones can relabel one), the
    primary key keeps the first row and its freeze goes back to the player."""
    if not days:
        return
    claim = insert_ignoring_duplicates(session, _uses, ["user_id", "day"]).returning(_uses.c.day)
    rows = [{"user_id": player_id, "day": day, "workout_id": workout_id} for day in days]
    bridged = (await session.execute(claim, rows)).all()
    if len(bridged) < len(days):
        await session.execute(_GIVE_BACK, {"player": player_id, "freezes": len(days) - len(bridged)})


@dataclass(frozen=True, slots=True)
class FrozenDay:
    day: date
    workout_id: int | None
    used_at: datetime


_FROZEN_DAYS = (
    select(_uses.c.day, _uses.c.workout_id, _uses.c.used_at)
    .where(_uses.c.user_id == bindparam("player"))
    .order_by(_uses.c.day.desc())
    .limit(bindparam("limit"))
)


async def frozen_days(session: ReadSession, player_id: int, limit: int, since: date | None = None) -> list[FrozenDay]:
    """The days the player's freezes bridged, newest first (from `since` on)."""
    query = _FROZEN_DAYS if since is None else _FROZEN_DAYS.where(_uses.c.day >= since)
    return [FrozenDay(*row) for row in await session.execute(query, {"player": player_id, "limit": limit})]
