from typing import Annotated

from fastapi import APIRouter, Path, Response

from bodyweight import i18n
from bodyweight.deps import CurrentPlayer, ReadSession, RequestLocale, WriteSession, WritingPlayer
from bodyweight.errors import NotAuthenticated, responses
from bodyweight.exercises.router import CatalogueDep
from bodyweight.exercises.service import UnknownExercise, WrongMeasure
from bodyweight.idempotency import IdempotencyKeyReused, Once
from bodyweight.routines import service
from bodyweight.routines.schemas import RoutineRead, RoutineWrite, StepRead
from bodyweight.schemas import reply

router = APIRouter(prefix="/api/routines", tags=["routines"], responses=responses(NotAuthenticated, validation=False))
RoutineId = Annotated[str, Path(max_length=50, description="A preset's slug or a custom routine's UUID")]
MAX_NAME = 100


def routine_read(routine: service.RoutineInfo, locale: i18n.Locale) -> RoutineRead:
    return RoutineRead(
        id=routine.id,
        preset=routine.preset,
        name=routine.name.of(locale),
        description=routine.description.of(locale) if routine.description else None,
        theme=routine.theme,  # type: ignore[arg-type]  # the loader kept it to the closed list
        level=routine.level,
        steps=[StepRead.model_validate(step) for step in routine.steps],
        created_at=routine.created_at,
        updated_at=routine.updated_at,
    )


def _steps(data: RoutineWrite) -> list[service.Step]:
    return [service.Step(s.exercise, s.sets, s.reps, s.seconds, s.rest_seconds) for s in data.steps]


@router.get("", response_model=list[RoutineRead], summary="The preset routines, then the caller's own")
async def list_routines(player: CurrentPlayer, session: ReadSession, locale: RequestLocale) -> Response:
    return reply([routine_read(r, locale) for r in await service.list_routines(session, player.id)])


@router.post(
    "",
    status_code=201,
    response_model=RoutineRead,
    responses=responses(UnknownExercise, WrongMeasure, service.TooManyRoutines, IdempotencyKeyReused),
    summary="Write a routine of one's own",
)
async def create_routine(data: RoutineWrite, once: Once, catalogue: CatalogueDep, locale: RequestLocale) -> Response:
    routine = await service.create_routine(once.session, once.player.id, data.name, _steps(data), catalogue)
    return await once.respond(routine_read(routine, locale))


@router.get(
    "/{routine_id}",
    response_model=RoutineRead,
    responses=responses(service.RoutineNotFound),
    summary="One routine: a preset or the caller's own",
)
async def get_routine(
    routine_id: RoutineId, player: CurrentPlayer, session: ReadSession, locale: RequestLocale
) -> Response:
    return reply(routine_read(await service.get_routine(session, player.id, routine_id), locale))


@router.put(
    "/{routine_id}",
    response_model=RoutineRead,
    responses=responses(service.RoutineNotFound, service.PresetRoutine, UnknownExercise, WrongMeasure),
    summary="Rewrite one of the caller's routines: its name and all its steps",
)
async def replace_routine(
    routine_id: RoutineId,
    data: RoutineWrite,
    player: WritingPlayer,
    session: WriteSession,
    catalogue: CatalogueDep,
    locale: RequestLocale,
) -> Response:
    routine = await service.replace_routine(session, player.id, routine_id, data.name, _steps(data), catalogue)
    return reply(routine_read(routine, locale))


@router.delete(
    "/{routine_id}",
    status_code=204,
    responses=responses(service.RoutineNotFound, service.PresetRoutine),
    summary="Delete one of the caller's routines",
)
async def delete_routine(routine_id: RoutineId, player: WritingPlayer, session: WriteSession) -> Response:
    await service.delete_routine(session, player.id, routine_id)
    return Response(status_code=204)


@router.post(
    "/{routine_id}/duplicate",
    status_code=201,
    response_model=RoutineRead,
    responses=responses(service.RoutineNotFound, service.TooManyRoutines, IdempotencyKeyReused),
    summary="Copy a preset or one of the caller's routines into a new routine of theirs",
)
async def duplicate_routine(
    routine_id: RoutineId, once: Once, catalogue: CatalogueDep, locale: RequestLocale
) -> Response:
    source = await service.get_routine(once.session, once.player.id, routine_id)
    name = copy_name(source.name.of(locale), locale)
    routine = await service.create_routine(once.session, once.player.id, name, source.steps, catalogue)
    return await once.respond(routine_read(routine, locale))


def copy_name(name: str, locale: i18n.Locale) -> str:
    """«Утренняя зарядка (копия)», shortened to fit when the name is long."""
    copy = i18n.text(locale, "routines.copy", {"name": name})
    excess = len(copy) - MAX_NAME
    return copy if excess <= 0 else i18n.text(locale, "routines.copy", {"name": name[: -excess - 1] + "…"})
