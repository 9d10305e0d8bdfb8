"""Logging a workout: validate, score with the game rules, store it all at once."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Protocol, TypedDict

from sqlalchemy import bindparam, insert, select, tuple_

from bodyweight import rules
from bodyweight.db import ReadSession, WriteSession
from bodyweight.errors import DomainError
from bodyweight.exercises.service import Catalogue
from bodyweight.goals import service as goals
from bodyweight.ledger.service import change_coins
from bodyweight.models import Workout, WorkoutSet
from bodyweight.progress import service as progress
from bodyweight.records import service as records
from bodyweight.social import scores
from bodyweight.users.player import Player
from bodyweight.workouts import overlap
from bodyweight.workouts.schemas import WorkoutCreate

_workouts = Workout.__table__
_sets = WorkoutSet.__table__


class InvalidWorkoutTime(DomainError):
    status_code, code = 422, "invalid_workout_time"


@dataclass(frozen=True, slots=True)
class LoggedSet:
    exercise_id: str
    reps: int | None
    seconds: int | None
    xp: int

    @property
    def amount(self) -> int:
        """Reps, or seconds for a timed exercise (a set has exactly one)."""
        return self.reps if self.reps is not None else self.seconds or 0


@dataclass(frozen=True, slots=True)
class LoggedWorkout:
    id: int
    started_at: datetime
    finished_at: datetime
    local_date: date
    xp_earned: int
    coins_earned: int
    sets: list[LoggedSet]


class _WorkoutRow(TypedDict):
    """The workout's own columns, as stored and as returned."""

    started_at: datetime
    finished_at: datetime
    local_date: date
    xp_earned: int
    coins_earned: int


@dataclass(frozen=True, slots=True)
class WorkoutReward:
    """What logging a workout earned, and the player before and after it."""

    workout: LoggedWorkout
    before: Player
    outcome: rules.WorkoutOutcome
    coins: int  # the balance now
    records: list[records.NewRecord]  # personal bests this workout beat
    weekly_goal: goals.Paid | None  # this week's goal reward, if this workout reached it


def _check(data: WorkoutCreate, catalogue: Catalogue, now: datetime) -> list[rules.SetInput]:
    if data.finished_at > now:
        raise InvalidWorkoutTime(reason="in_future")
    if data.finished_at < now - rules.MAX_WORKOUT_AGE:
        raise InvalidWorkoutTime(reason="too_old")
    scored = []
    for index, s in enumerate(data.sets):
        exercise = catalogue.measured(s.exercise, timed=s.seconds is not None, index=index, position=index + 1)
        scored.append(rules.SetInput(exercise.base_xp, exercise.difficulty, s.reps, s.seconds))
    return scored


# RETURNING makes SQLAlchemy send all the sets as one multi-row INSERT
# ("insertmanyvalues"), whatever their number.
_SET_ROWS = insert(_sets).returning(_sets.c.id)


class SetValues(Protocol):
    """What a set's row holds: a logged set, or one the importer brings over."""

    @property
    def exercise_id(self) -> str: ...
    @property
    def reps(self) -> int | None: ...
    @property
    def seconds(self) -> int | None: ...
    @property
    def xp(self) -> int: ...


def set_rows(workout_id: int, sets: Sequence[SetValues]) -> list[dict[str, Any]]:
    """The workout_sets rows of a workout's sets, in their order."""
    return [
        {
            "workout_id": workout_id,
            "position": n,
            "exercise_id": s.exercise_id,
            "reps": s.reps,
            "seconds": s.seconds,
            "xp": s.xp,
        }
        for n, s in enumerate(sets)
    ]


async def log_workout(
    session: WriteSession,
    player: Player,
    data: WorkoutCreate,
    catalogue: Catalogue,
    now: datetime | None = None,
) -> WorkoutReward:
    """`player` must be locked (deps.LockedPlayer): the new state is computed from
    the old, and no other workout of theirs can commit meanwhile (fair play)."""
    now = now or datetime.now(UTC)
    scored = _check(data, catalogue, now)
    bests_before = await records.bests(session, player.id, (s.exercise for s in data.sets))
    outcome = rules.score_workout(
        progress.state_of(player), scored, data.started_at, data.finished_at, player.timezone, logged_at=now
    )
    row: _WorkoutRow = {
        "started_at": data.started_at,
        "finished_at": data.finished_at,
        "local_date": outcome.local_date,
        "xp_earned": outcome.xp_earned,
        "coins_earned": outcome.coins_earned,
    }
    workout_id = (await session.execute(overlap.INSERT_UNLESS_OVERLAPPING, {"user_id": player.id, **row})).scalar()
    if workout_id is None:
        raise await overlap.refusal(session, player.id, data.started_at, data.finished_at)
    sets = [LoggedSet(s.exercise, s.reps, s.seconds, xp) for s, xp in zip(data.sets, outcome.set_xp, strict=True)]
    await session.execute(
        _SET_ROWS,
        set_rows(workout_id, sets),
    )
    await progress.record(session, player.id, outcome)
    await progress.record_frozen_days(session, player.id, workout_id, outcome.frozen_days)
    await scores.record(session, player.id, player.visibility == "public", outcome.local_date, outcome.xp_earned)
    balance = await change_coins(session, player.id, outcome.coins_earned, "workout", f"workout:{workout_id}")
    assert balance is not None  # earning always fits
    goal = await goals.settle(session, player, now)
    beaten = records.beaten(((s.exercise_id, s.amount) for s in sets), bests_before)
    return WorkoutReward(
        LoggedWorkout(id=workout_id, sets=sets, **row),
        player,
        outcome,
        balance if goal is None else goal.balance,
        beaten,
        goal,
    )


_HISTORY = (
    select(
        _workouts.c.id,
        _workouts.c.started_at,
        _workouts.c.finished_at,
        _workouts.c.local_date,
        _workouts.c.xp_earned,
        _workouts.c.coins_earned,
    )
    .where(_workouts.c.user_id == bindparam("player"))
    .order_by(_workouts.c.finished_at.desc(), _workouts.c.id.desc())
    .limit(bindparam("limit"))
)
_SETS_OF = (
    select(_sets.c.workout_id, _sets.c.exercise_id, _sets.c.reps, _sets.c.seconds, _sets.c.xp)
    .where(_sets.c.workout_id.in_(bindparam("workouts", expanding=True)))
    .order_by(_sets.c.workout_id, _sets.c.position)
)


async def history(
    session: ReadSession, player_id: int, limit: int, after: tuple[datetime, int] | None = None
) -> list[LoggedWorkout]:
    """Up to `limit` workouts, newest first by when they ended, after the
    (finished_at, id) of the previous page's last one."""
    query = _HISTORY
    if after is not None:
        query = query.where(tuple_(_workouts.c.finished_at, _workouts.c.id) < tuple_(*after))
    rows = list(await session.execute(query, {"player": player_id, "limit": limit}))
    sets: dict[int, list[LoggedSet]] = {row.id: [] for row in rows}
    if rows:
        for s in await session.execute(_SETS_OF, {"workouts": list(sets)}):
            sets[s.workout_id].append(LoggedSet(s.exercise_id, s.reps, s.seconds, s.xp))
    return [LoggedWorkout(*row, sets=sets[row.id]) for row in rows]
