"""Fair play: a player's workouts never overlap in time (rules.workouts_overlap),
so one session cannot be logged twice to pad XP, coins or the boards.

The check is part of the workout's own INSERT (`INSERT ... SELECT ... WHERE NOT
EXISTS`): it costs no statement when it passes, and it is exact because the
player's row is locked for the whole transaction (deps.LockedPlayer), so no
other workout of theirs can commit in between. The EXISTS reads the player's
workouts ending at or after the new one's start from ix_workouts_user_id_finished_at:
a handful of rows, a week's worth at most for a back-dated one.
"""

from datetime import datetime
from typing import Any

from pydantic import TypeAdapter
from sqlalchemy import ColumnElement, and_, bindparam, exists, insert, or_, select

from bodyweight.db import ReadSession
from bodyweight.errors import DomainError
from bodyweight.models import Workout

_workouts = Workout.__table__
_other = _workouts.alias("other")
_moment = TypeAdapter(datetime)  # written as the API writes every time
_COLUMNS = ("user_id", "started_at", "finished_at", "local_date", "xp_earned", "coins_earned")


class WorkoutOverlaps(DomainError):
    """The workout overlaps one the player already logged: `workout_id`,
    `started_at` and `finished_at` are that one's."""

    status_code, code = 422, "workout_overlaps"


def _overlapping(start: ColumnElement[Any], end: ColumnElement[Any]) -> ColumnElement[bool]:
    """The player's workouts that overlap [start, end]: rules.workouts_overlap in SQL."""
    return and_(
        _other.c.user_id == bindparam("user_id"),
        _other.c.finished_at >= start,  # implied by both cases below; the index's range
        or_(and_(_other.c.started_at < end, _other.c.finished_at > start), _other.c.started_at == start),
    )


_values = {name: bindparam(name, type_=_workouts.c[name].type) for name in _COLUMNS}
INSERT_UNLESS_OVERLAPPING = (
    insert(_workouts)
    .from_select(
        list(_COLUMNS),
        select(*_values.values()).where(~exists().where(_overlapping(_values["started_at"], _values["finished_at"]))),
    )
    .returning(_workouts.c.id)
)
"""Inserts the workout (the `_COLUMNS` as parameters) and returns its id, or no
row when it overlaps one already logged."""

_asked = {name: bindparam(name, type_=_workouts.c[name].type) for name in ("started_at", "finished_at")}
_CLASH = (
    select(_other.c.id, _other.c.started_at, _other.c.finished_at)
    .where(_overlapping(_asked["started_at"], _asked["finished_at"]))
    .order_by(_other.c.started_at)
    .limit(1)
)


async def refusal(session: ReadSession, player_id: int, started_at: datetime, finished_at: datetime) -> WorkoutOverlaps:
    """The refusal of a workout the INSERT did not take, naming the one in its way."""
    params = {"user_id": player_id, "started_at": started_at, "finished_at": finished_at}
    clash = (await session.execute(_CLASH, params)).one()
    return WorkoutOverlaps(
        workout_id=clash.id,
        started_at=_moment.dump_python(clash.started_at, mode="json"),
        finished_at=_moment.dump_python(clash.finished_at, mode="json"),
    )
