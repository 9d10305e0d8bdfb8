"""A player's record on one exercise, computed from the sets they logged, and
the records a new workout beats.

No stored totals to keep in step: one aggregate over the player's sets of that
exercise. The player's workouts come from ix_workouts_user_id_finished_at and
their sets of the exercise from ix_workout_sets_workout_id_exercise_id, so the
cost grows with the player's workouts, never with everyone's sets.
"""

from collections.abc import Iterable
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


_BESTS = (
    select(_sets.c.exercise_id, func.max(_amount))
    .select_from(_sets.join(_workouts, _workouts.c.id == _sets.c.workout_id))
    .where(_workouts.c.user_id == bindparam("player"), _sets.c.exercise_id.in_(bindparam("exercises", expanding=True)))
    .group_by(_sets.c.exercise_id)
)


async def bests(session: ReadSession, player_id: int, exercise_ids: Iterable[str]) -> dict[str, int]:
    """The player's best set (most reps or seconds) on each of `exercise_ids` they
    have done: one query, through the same indexes as `exercise_record`."""
    wanted = sorted(set(exercise_ids))
    rows = await session.execute(_BESTS, {"player": player_id, "exercises": wanted})
    return {exercise_id: best for exercise_id, best in rows}


@dataclass(frozen=True, slots=True)
class NewRecord:
    exercise_id: str
    best: int  # the workout's best set on it
    previous: int  # the best before


def beaten(sets: Iterable[tuple[str, int]], previous: dict[str, int]) -> list[NewRecord]:
    """The exercises whose best set in a workout, `(exercise, reps or seconds)`
    each, beats the player's best before it, in the workout's order. A first time
    on an exercise beats nothing: there was no record yet."""
    best: dict[str, int] = {}
    for exercise_id, amount in sets:
        best[exercise_id] = max(amount, best.get(exercise_id, 0))
    return [
        NewRecord(exercise_id, amount, previous[exercise_id])
        for exercise_id, amount in best.items()
        if exercise_id in previous and amount > previous[exercise_id]
    ]
