from dataclasses import asdict

from fastapi import APIRouter, Response

from bodyweight.deps import CurrentPlayer, ReadSession
from bodyweight.errors import NotAuthenticated, responses
from bodyweight.exercises.router import CatalogueDep, Slug
from bodyweight.exercises.service import ExerciseNotFound
from bodyweight.records import service
from bodyweight.records.schemas import ExerciseRecordRead
from bodyweight.schemas import reply

router = APIRouter(
    prefix="/api/users/me/exercises", tags=["me"], responses=responses(NotAuthenticated, validation=False)
)


@router.get(
    "/{slug}/record",
    response_model=ExerciseRecordRead,
    responses=responses(ExerciseNotFound),
    summary="The caller's record on one exercise: best set, totals, last done",
)
async def exercise_record(slug: Slug, player: CurrentPlayer, session: ReadSession, catalogue: CatalogueDep) -> Response:
    exercise = catalogue.get(slug)
    record = await service.exercise_record(session, player.id, exercise.id)
    return reply(ExerciseRecordRead(measure="seconds" if exercise.is_timed else "reps", **asdict(record)))
