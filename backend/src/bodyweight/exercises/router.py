from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from pydantic import Field

from bodyweight.deps import RequestLocale
from bodyweight.errors import responses
from bodyweight.exercises import service
from bodyweight.exercises.catalogue import Equipment, Muscle
from bodyweight.exercises.schemas import ICON_URL, CategoryRead, ExerciseDetail, ExerciseRead, LadderStepRead
from bodyweight.i18n import Locale
from bodyweight.schemas import reply

router = APIRouter(prefix="/api/exercises", tags=["exercises"])


async def _catalogue(request: Request) -> service.Catalogue:
    """The worker's copy of the catalogue, read on first use."""
    state = request.app.state
    if getattr(state, "catalogue", None) is None:
        async with state.database.reading() as session:
            state.catalogue = await service.load_catalogue(session)
    catalogue: service.Catalogue = state.catalogue
    return catalogue


CatalogueDep = Annotated[service.Catalogue, Depends(_catalogue)]
Slug = Annotated[str, Path(max_length=50, description="The exercise's slug")]
# Names and instructions come in the caller's language, so the answer does too.
_VARY = {"Vary": "Accept-Language"}


def exercise_read(exercise: service.ExerciseInfo, locale: Locale) -> ExerciseRead:
    return ExerciseRead(
        id=exercise.id,
        name=exercise.name.of(locale),
        category_id=exercise.category_id,
        difficulty=exercise.difficulty,
        base_xp=exercise.base_xp,
        is_timed=exercise.is_timed,
        equipment=exercise.equipment,  # type: ignore[arg-type]  # the loader kept it to the closed list
        muscles=list(exercise.muscles),  # type: ignore[arg-type]
        easier=exercise.easier,
        harder=exercise.harder,
    )


@router.get(
    "",
    response_model=list[ExerciseRead],
    responses=responses(service.CategoryNotFound),
    summary="The exercise catalogue: filter by category, equipment, muscle, difficulty; search names",
)
async def list_exercises(
    catalogue: CatalogueDep,
    locale: RequestLocale,
    category: Annotated[str | None, Query(max_length=50)] = None,
    equipment: Annotated[
        list[Equipment] | None, Query(description="Any of these (repeat the parameter): what the player has")
    ] = None,
    muscle: Annotated[list[Muscle] | None, Query(description="Works any of these muscles")] = None,
    difficulty: Annotated[list[Annotated[int, Field(ge=1, le=5)]] | None, Query(description="Any of these")] = None,
    q: Annotated[
        str | None,
        Query(max_length=100, description="Words of its name in Russian or English, any case; ё and е alike"),
    ] = None,
) -> Response:
    filters = service.Filters(
        category=category,
        equipment=frozenset(equipment or ()),
        muscles=frozenset(muscle or ()),
        difficulty=frozenset(difficulty or ()),
        query=q or "",
    )
    found = catalogue.search(filters)
    response = reply([exercise_read(e, locale) for e in found])
    response.headers.update(_VARY)
    return response


@router.get("/categories", response_model=list[CategoryRead], summary="Exercise categories")
async def list_categories(catalogue: CatalogueDep, locale: RequestLocale) -> Response:
    response = reply(
        [
            CategoryRead(id=c.id, name=c.name.of(locale), icon=ICON_URL.format(c.icon), exercise_count=c.exercise_count)
            for c in catalogue.categories
        ]
    )
    response.headers.update(_VARY)
    return response


@router.get(
    "/{slug}",
    response_model=ExerciseDetail,
    responses=responses(service.ExerciseNotFound),
    summary="One exercise: how to do it, and its progression ladder",
)
async def get_exercise(slug: Slug, catalogue: CatalogueDep, locale: RequestLocale) -> Response:
    exercise = catalogue.get(slug)
    detail = ExerciseDetail(
        **exercise_read(exercise, locale).model_dump(),
        instructions=exercise.instructions.of(locale),
        icon=ICON_URL.format(catalogue.category(exercise.category_id).icon),
        ladder=[
            LadderStepRead(id=e.id, name=e.name.of(locale), difficulty=e.difficulty, is_timed=e.is_timed)
            for e in catalogue.ladder(slug)
        ],
    )
    response = reply(detail)
    response.headers.update(_VARY)
    return response
