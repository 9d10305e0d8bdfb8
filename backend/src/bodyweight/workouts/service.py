"""Logging a workout: validate, score with the game rules, store it all at once."""

from datetime import UTC, datetime

from sqlalchemy import insert, select
from sqlalchemy.orm import Session, selectinload

from bodyweight import rules
from bodyweight.coins.service import change_coins
from bodyweight.errors import DomainError
from bodyweight.exercises.service import exercises_by_id
from bodyweight.models import User, Workout, WorkoutSet
from bodyweight.schemas import Page, aware_datetime, decode_cursor, page_of
from bodyweight.workouts.schemas import SetRead, WorkoutCreate, WorkoutRead, WorkoutResult


class UnknownExercise(DomainError):
    status_code, code = 422, "unknown_exercise"


class WrongMeasure(DomainError):
    status_code, code = 422, "wrong_measure"


class InvalidWorkoutTime(DomainError):
    status_code, code = 422, "invalid_workout_time"


def _check_time(data: WorkoutCreate, now: datetime) -> None:
    if data.finished_at > now:
        raise InvalidWorkoutTime("finished_at is in the future.")
    if data.finished_at < now - rules.MAX_WORKOUT_AGE:
        raise InvalidWorkoutTime("Workouts can be logged up to 7 days after they end.")


# Core statements on the tables, built once: the ORM's unit of work (the Workout
# and its sets flushed through a relationship) cost more than the INSERTs
# themselves, and a new workout has nothing for the session to track. RETURNING
# makes SQLAlchemy send all the sets as one multi-row INSERT ("insertmanyvalues"),
# whatever their number, where the driver would otherwise send one per set.
_WORKOUT_ROW = insert(Workout.__table__).returning(Workout.__table__.c.id)
_SET_ROWS = insert(WorkoutSet.__table__).returning(WorkoutSet.__table__.c.id)


def log_workout(session: Session, user: User, data: WorkoutCreate, now: datetime | None = None) -> WorkoutResult:
    """`user` must be locked (LockedUser): the new totals are computed from the old."""
    _check_time(data, now or datetime.now(UTC))
    catalogue = exercises_by_id(session, (s.exercise for s in data.sets))
    for position, s in enumerate(data.sets):
        exercise = catalogue.get(s.exercise)
        if exercise is None:
            raise UnknownExercise(f"sets[{position}]: there is no exercise called {s.exercise!r}.")
        if exercise.is_timed != (s.seconds is not None):
            measure = "seconds" if exercise.is_timed else "reps"
            raise WrongMeasure(f"sets[{position}]: {exercise.name} is counted in {measure}.")

    outcome = rules.score_workout(
        rules.PlayerState(
            total_xp=user.total_xp,
            current_streak=user.current_streak,
            max_streak=user.max_streak,
            last_workout_date=user.last_workout_date,
            coins_earned_on_day=user.daily_coins_earned,
            coins_day=user.daily_coins_date,
        ),
        [
            rules.SetInput(catalogue[s.exercise].base_xp, catalogue[s.exercise].difficulty, s.reps, s.seconds)
            for s in data.sets
        ],
        data.started_at,
        data.finished_at,
        user.timezone,
    )
    row = {
        "started_at": data.started_at,
        "finished_at": data.finished_at,
        "local_date": outcome.local_date,
        "xp_earned": outcome.xp_earned,
        "coins_earned": outcome.coins_earned,
    }
    workout_id = session.execute(_WORKOUT_ROW, {"user_id": user.id, **row}).scalar_one()
    sets = [
        SetRead(exercise_id=s.exercise, reps=s.reps, seconds=s.seconds, xp=xp)
        for s, xp in zip(data.sets, outcome.set_xp, strict=True)
    ]
    session.execute(
        _SET_ROWS, [{"workout_id": workout_id, "position": n, **s.model_dump()} for n, s in enumerate(sets)]
    )
    balance = change_coins(
        session,
        user.id,
        outcome.coins_earned,
        "workout",
        f"workout:{workout_id}",
        total_xp=outcome.total_xp,
        level=outcome.level,
        current_streak=outcome.current_streak,
        max_streak=outcome.max_streak,
        last_workout_date=outcome.last_workout_date,
        daily_coins_date=outcome.coins_day,
        daily_coins_earned=outcome.coins_earned_on_day,
    )
    return WorkoutResult(
        id=workout_id,
        **row,
        sets=sets,
        level=outcome.level,
        level_up=outcome.level_up,
        total_xp=outcome.total_xp,
        coins=balance,
        current_streak=outcome.current_streak,
        max_streak=outcome.max_streak,
        first_of_day=outcome.first_of_day,
    )


def history(session: Session, user: User, limit: int, cursor: str | None) -> Page[WorkoutRead]:
    """Newest first by when the workout ended; keyset-paginated."""
    query = select(Workout).where(Workout.user_id == user.id).options(selectinload(Workout.sets))
    if cursor is not None:
        finished_at, workout_id = decode_cursor(cursor, aware_datetime, int)
        query = query.where(
            (Workout.finished_at < finished_at)
            | ((Workout.finished_at == finished_at) & (Workout.id < workout_id))
        )
    rows = session.scalars(
        query.order_by(Workout.finished_at.desc(), Workout.id.desc()).limit(limit + 1)
    ).all()
    return page_of(rows, limit, WorkoutRead, lambda w: (w.finished_at.isoformat(), w.id))
