"""A player's record on one exercise, computed from the sets they logged.

No stored totals to keep in step: one aggregate over the player's sets of that
exercise. The player's workouts come from ix_workouts_user_id_finished_at and
their sets of the exercise from ix_workout_sets_workout_id_exercise_id, so the
cost grows with the player's workouts, never with everyone's sets.
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, func, select

from bodyweight.db import ReadSession
from bodyweight.models import Workout, WorkoutSet

_workouts = Workout.__table__
_sets = WorkoutSet.__table__
_amount = func.coalesce(_sets.c.reps, _sets.c.seconds)  # exactly one is set
_of_player_and_exercise = (_workouts.c.user_id == bindparam("player"), _sets.c.exercise_id == bindparam("exercise"))


@dataclass(frozen=True, slots=True)
class ExerciseRecord:
    exercise_id: str
    sets: int
    workouts: int
    best: int | None  # most reps (or seconds) in one set
    best_at: datetime | None  # when that best was first reached
    total: int  # reps (or seconds) over every set
    xp: int
    first_done_at: datetime | None
    last_done_at: datetime | None


_TOTALS = (
    select(
        func.count(),
        func.count(func.distinct(_workouts.c.id)),
        func.max(_amount),
        func.coalesce(func.sum(_amount), 0),
        func.coalesce(func.sum(_sets.c.xp), 0),
        func.min(_workouts.c.finished_at),
        func.max(_workouts.c.finished_at),
    )
    .select_from(_sets.join(_workouts, _workouts.c.id == _sets.c.workout_id))
    .where(*_of_player_and_exercise)
)
_BEST_AT = (
    select(_workouts.c.finished_at)
    .select_from(_sets.join(_workouts, _workouts.c.id == _sets.c.workout_id))
    .where(*_of_player_and_exercise, _amount == bindparam("best"))
    .order_by(_workouts.c.finished_at)
    .limit(1)
)


async def exercise_record(session: ReadSession, player_id: int, exercise_id: str) -> ExerciseRecord:
    parameters = {"player": player_id, "exercise": exercise_id}
    sets, workouts, best, total, xp, first, last = (await session.execute(_TOTALS, parameters)).one()
    best_at = None
    if best is not None:
        best_at = (await session.execute(_BEST_AT, {**parameters, "best": best})).scalar_one()
    return ExerciseRecord(exercise_id, sets, workouts, best, best_at, total, xp, first, last)
