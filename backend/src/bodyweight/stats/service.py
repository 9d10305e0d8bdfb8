"""A player's training over time, for the stats page's charts: XP per day, volume
per movement family (the catalogue's categories) per ISO week, and the days
trained over a year, all by local day as each workout was logged (its
`local_date`), with "today" in the player's time zone.

Two aggregates over the player's own workouts, both read through
ix_workouts_user_id_finished_at (a workout of local day D ended within a day of
D's midnight in UTC, whatever its zone, so the range starts a day early), the
sets through ix_workout_sets_workout_id_exercise_id; the rest is folded here.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import bindparam, func, select

from bodyweight import rules
from bodyweight.db import ReadSession
from bodyweight.exercises.service import Catalogue
from bodyweight.models import Workout, WorkoutSet
from bodyweight.progress.service import frozen_days
from bodyweight.users.player import Player

XP_DAYS = 30
VOLUME_WEEKS = 12
CALENDAR_DAYS = 365

_workouts = Workout.__table__
_sets = WorkoutSet.__table__
_since = (
    _workouts.c.user_id == bindparam("player"),
    _workouts.c.finished_at >= bindparam("ended_after", type_=_workouts.c.finished_at.type),
    _workouts.c.local_date >= bindparam("first_day"),
)
_PER_DAY = (
    select(_workouts.c.local_date, func.count(), func.sum(_workouts.c.xp_earned))
    .where(*_since)
    .group_by(_workouts.c.local_date)
)
_PER_DAY_AND_EXERCISE = (
    select(
        _workouts.c.local_date,
        _sets.c.exercise_id,
        func.count(),
        func.coalesce(func.sum(_sets.c.reps), 0),
        func.coalesce(func.sum(_sets.c.seconds), 0),
    )
    .select_from(_workouts.join(_sets, _sets.c.workout_id == _workouts.c.id))
    .where(*_since)
    .group_by(_workouts.c.local_date, _sets.c.exercise_id)
)


@dataclass(frozen=True, slots=True)
class Day:
    day: date
    workouts: int
    xp: int


@dataclass(frozen=True, slots=True)
class Volume:
    category_id: str
    sets: int
    reps: int
    seconds: int


@dataclass(frozen=True, slots=True)
class WeekVolume:
    week_start: date
    categories: list[Volume]  # every category, in the catalogue's order


@dataclass(frozen=True, slots=True)
class Stats:
    today: date
    xp_by_day: list[Day]  # the last XP_DAYS days, oldest first, days off included
    volume_by_week: list[WeekVolume]  # the last VOLUME_WEEKS ISO weeks, oldest first
    training_days: list[Day]  # the days trained over the last CALENDAR_DAYS, oldest first
    frozen_days: list[date]  # days a streak freeze bridged over the same year


def daily_series(days: Iterable[Day], first: date, today: date) -> list[Day]:
    """One entry per day from `first` to `today`, zeros on days off."""
    trained = {d.day: d for d in days}
    span = (today - first).days + 1
    return [trained.get(first + timedelta(days=n), Day(first + timedelta(days=n), 0, 0)) for n in range(span)]


def weekly_volume(
    rows: Iterable[tuple[date, str, int, int, int]], catalogue: Catalogue, first_week: date, weeks: int
) -> list[WeekVolume]:
    """(local day, exercise, sets, reps, seconds) folded into ISO weeks and the
    exercises' categories; an exercise the catalogue no longer has counts as none."""
    totals: dict[tuple[date, str], list[int]] = {}
    for day, exercise_id, sets, reps, seconds in rows:
        exercise = catalogue.exercises.get(exercise_id)
        if exercise is None:
            continue
        total = totals.setdefault((rules.week_start(day), exercise.category_id), [0, 0, 0])
        total[0], total[1], total[2] = total[0] + sets, total[1] + reps, total[2] + seconds
    series = []
    for n in range(weeks):
        monday = first_week + timedelta(weeks=n)
        series.append(
            WeekVolume(
                monday,
                [Volume(c.id, *totals.get((monday, c.id), (0, 0, 0))) for c in catalogue.categories],
            )
        )
    return series


def _bounds(first_day: date) -> dict[str, object]:
    return {"first_day": first_day, "ended_after": datetime.combine(first_day, time(), UTC) - timedelta(days=1)}


async def player_stats(
    session: ReadSession, player: Player, catalogue: Catalogue, now: datetime | None = None
) -> Stats:
    today = rules.local_date(now or datetime.now(UTC), player.timezone)
    year_ago = today - timedelta(days=CALENDAR_DAYS - 1)
    per_day = [
        Day(day, workouts, xp)
        for day, workouts, xp in await session.execute(_PER_DAY, {"player": player.id, **_bounds(year_ago)})
    ]
    per_day.sort(key=lambda d: d.day)
    first_week = rules.week_start(today) - timedelta(weeks=VOLUME_WEEKS - 1)
    volume_rows = await session.execute(_PER_DAY_AND_EXERCISE, {"player": player.id, **_bounds(first_week)})
    frozen = await frozen_days(session, player.id, CALENDAR_DAYS, since=year_ago)
    return Stats(
        today=today,
        xp_by_day=daily_series(per_day, today - timedelta(days=XP_DAYS - 1), today),
        volume_by_week=weekly_volume(volume_rows, catalogue, first_week, VOLUME_WEEKS),
        training_days=per_day,
        frozen_days=sorted(use.day for use in frozen),
    )
