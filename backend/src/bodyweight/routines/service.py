"""Routines: the presets that ship with the app, and the ones players write.

Presets come from exercises/data/routines.toml (read once per process), custom
routines from the database. A player sees the presets and their own routines;
anyone else's is "not found", exactly like one that does not exist, so ids reveal
nothing. Ids are a preset's slug or a random UUID.

A routine is a plan, not a score: the workout a player follows from it is logged
through POST /api/workouts like any other.
"""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache

from sqlalchemy import bindparam, delete, func, insert, select, update

from bodyweight.db import ReadSession, WriteSession
from bodyweight.errors import DomainError
from bodyweight.exercises.catalogue import Text, load_routines
from bodyweight.exercises.service import Catalogue
from bodyweight.models import Routine, RoutineStep

_routines = Routine.__table__
_steps = RoutineStep.__table__

MAX_ROUTINES = 50  # custom routines per player


class RoutineNotFound(DomainError):
    """No preset has this id, and the caller has no routine with it."""

    status_code, code = 404, "routine_not_found"


class PresetRoutine(DomainError):
    """Presets are the same for everyone: duplicate one to change it."""

    status_code, code = 403, "routine_is_preset"


class TooManyRoutines(DomainError):
    status_code, code = 409, "too_many_routines"


@dataclass(frozen=True, slots=True)
class Step:
    exercise_id: str
    sets: int
    reps: int | None
    seconds: int | None
    rest_seconds: int


@dataclass(frozen=True, slots=True)
class RoutineInfo:
    id: str
    preset: bool
    name: Text  # a custom routine's name is its owner's, the same in both languages
    description: Text | None
    theme: str | None
    level: int | None
    steps: tuple[Step, ...]
    created_at: datetime | None = None
    updated_at: datetime | None = None


@cache
def presets() -> dict[str, RoutineInfo]:
    return {
        r.slug: RoutineInfo(
            id=r.slug,
            preset=True,
            name=r.name,
            description=r.description,
            theme=r.theme,
            level=r.level,
            steps=tuple(Step(s.exercise, s.sets, s.reps, s.seconds, s.rest_seconds) for s in r.steps),
        )
        for r in load_routines()
    }


def check_steps(steps: Sequence[Step], catalogue: Catalogue) -> None:
    """Each step names an exercise of the catalogue, measured as it is."""
    for index, step in enumerate(steps):
        catalogue.measured(step.exercise_id, timed=step.seconds is not None, index=index, position=index + 1)


def _routine_id(text: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(text)
    except ValueError:
        return None


_OWN = select(_routines.c.id, _routines.c.name, _routines.c.created_at, _routines.c.updated_at).where(
    _routines.c.user_id == bindparam("player")
)
_STEPS = (
    select(
        _steps.c.routine_id,
        _steps.c.exercise_id,
        _steps.c.sets,
        _steps.c.reps,
        _steps.c.seconds,
        _steps.c.rest_seconds,
    )
    .where(_steps.c.routine_id.in_(bindparam("routines", expanding=True)))
    .order_by(_steps.c.routine_id, _steps.c.position)
)


async def _own(session: ReadSession, player_id: int, routine_id: uuid.UUID | None = None) -> list[RoutineInfo]:
    query = _OWN.order_by(_routines.c.created_at, _routines.c.id)
    parameters: dict[str, object] = {"player": player_id}
    if routine_id is not None:
        query = query.where(_routines.c.id == bindparam("routine"))
        parameters["routine"] = routine_id
    rows = list(await session.execute(query, parameters))
    steps: dict[uuid.UUID, list[Step]] = {row.id: [] for row in rows}
    if rows:
        for s in await session.execute(_STEPS, {"routines": list(steps)}):
            steps[s.routine_id].append(Step(s.exercise_id, s.sets, s.reps, s.seconds, s.rest_seconds))
    return [
        RoutineInfo(
            id=str(row.id),
            preset=False,
            name=Text(ru=row.name, en=row.name),
            description=None,
            theme=None,
            level=None,
            steps=tuple(steps[row.id]),
            created_at=row.created_at,
            updated_at=row.updated_at,
        )
        for row in rows
    ]


async def list_routines(session: ReadSession, player_id: int) -> list[RoutineInfo]:
    """The presets (by theme and level), then the player's own, oldest first."""
    return [*presets().values(), *await _own(session, player_id)]


async def get_routine(session: ReadSession, player_id: int, routine_id: str) -> RoutineInfo:
    preset = presets().get(routine_id)
    if preset is not None:
        return preset
    key = _routine_id(routine_id)
    found = await _own(session, player_id, key) if key is not None else []
    if not found:
        raise RoutineNotFound(routine_id=routine_id)
    return found[0]


async def _own_key(session: ReadSession, player_id: int, routine_id: str) -> uuid.UUID:
    """The id of the player's own routine `routine_id`: presets cannot be changed."""
    if routine_id in presets():
        raise PresetRoutine(routine_id=routine_id)
    key = _routine_id(routine_id)
    if key is not None:
        owned = select(_routines.c.id).where(_routines.c.id == key, _routines.c.user_id == player_id)
        if (await session.execute(owned)).first() is not None:
            return key
    raise RoutineNotFound(routine_id=routine_id)


async def _write_steps(session: WriteSession, key: uuid.UUID, steps: Sequence[Step]) -> None:
    await session.execute(
        insert(_steps),
        [
            {
                "routine_id": key,
                "position": n,
                "exercise_id": s.exercise_id,
                "sets": s.sets,
                "reps": s.reps,
                "seconds": s.seconds,
                "rest_seconds": s.rest_seconds,
            }
            for n, s in enumerate(steps)
        ],
    )


_COUNT = select(func.count()).select_from(_routines).where(_routines.c.user_id == bindparam("player"))


async def create_routine(
    session: WriteSession, player_id: int, name: str, steps: Sequence[Step], catalogue: Catalogue
) -> RoutineInfo:
    """`player_id`'s row must be locked (deps.LockedPlayer), so two requests cannot
    both pass the limit."""
    check_steps(steps, catalogue)
    if (await session.execute(_COUNT, {"player": player_id})).scalar_one() >= MAX_ROUTINES:
        raise TooManyRoutines(limit=MAX_ROUTINES)
    key, now = uuid.uuid4(), datetime.now(UTC)
    await session.execute(
        insert(_routines).values(id=key, user_id=player_id, name=name, created_at=now, updated_at=now)
    )
    await _write_steps(session, key, steps)
    return RoutineInfo(str(key), False, Text(ru=name, en=name), None, None, None, tuple(steps), now, now)


async def replace_routine(
    session: WriteSession, player_id: int, routine_id: str, name: str, steps: Sequence[Step], catalogue: Catalogue
) -> RoutineInfo:
    key = await _own_key(session, player_id, routine_id)
    check_steps(steps, catalogue)
    now = datetime.now(UTC)
    await session.execute(update(_routines).where(_routines.c.id == key).values(name=name, updated_at=now))
    await session.execute(delete(_steps).where(_steps.c.routine_id == key))
    await _write_steps(session, key, steps)
    return (await _own(session, player_id, key))[0]


async def delete_routine(session: WriteSession, player_id: int, routine_id: str) -> None:
    key = await _own_key(session, player_id, routine_id)
    await session.execute(delete(_routines).where(_routines.c.id == key))  # its steps go with it
