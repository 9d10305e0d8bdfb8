from typing import Annotated

from fastapi import APIRouter, Query

from bodyweight.deps import SessionDep
from bodyweight.errors import responses
from bodyweight.exercises import service
from bodyweight.exercises.schemas import CategoryRead, ExerciseRead

router = APIRouter(prefix="/api/exercises", tags=["exercises"])


@router.get(
    "", response_model=list[ExerciseRead], responses=responses(service.CategoryNotFound),
    summary="The exercise catalogue, optionally one category",
)
def list_exercises(
    session: SessionDep,
    category: Annotated[str | None, Query(max_length=50)] = None,
) -> list:
    return service.list_exercises(session, category)


@router.get("/categories", response_model=list[CategoryRead], summary="Exercise categories")
def list_categories(session: SessionDep) -> list[CategoryRead]:
    return service.list_categories(session)
