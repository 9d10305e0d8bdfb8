from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response

from bodyweight.errors import responses
from bodyweight.exercises import service
from bodyweight.exercises.schemas import CategoryRead, ExerciseRead
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


@router.get(
    "",
    response_model=list[ExerciseRead],
    responses=responses(service.CategoryNotFound),
    summary="The exercise catalogue, optionally one category",
)
async def list_exercises(
    catalogue: CatalogueDep, category: Annotated[str | None, Query(max_length=50)] = None
) -> Response:
    return reply([ExerciseRead.model_validate(e) for e in catalogue.in_category(category)])


@router.get("/categories", response_model=list[CategoryRead], summary="Exercise categories")
async def list_categories(catalogue: CatalogueDep) -> Response:
    return reply([CategoryRead.model_validate(c) for c in catalogue.categories])
