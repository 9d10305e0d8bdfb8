"""The exercise catalogue, as the migrations seeded it."""

from collections.abc import Iterable

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session

from bodyweight.errors import DomainError
from bodyweight.exercises.schemas import CategoryRead
from bodyweight.models import Exercise, ExerciseCategory


class CategoryNotFound(DomainError):
    status_code, code = 404, "category_not_found"


def list_exercises(session: Session, category: str | None = None) -> list[Exercise]:
    query = (
        select(Exercise)
        .join(ExerciseCategory)
        .order_by(ExerciseCategory.position, Exercise.position)
    )
    if category is not None:
        # No category id holds a NUL, and PostgreSQL refuses one in a query parameter.
        if "\x00" in category or session.get(ExerciseCategory, category) is None:
            raise CategoryNotFound(f"There is no exercise category called {category!r}.")
        query = query.where(Exercise.category_id == category)
    return list(session.scalars(query))


def list_categories(session: Session) -> list[CategoryRead]:
    rows = session.execute(
        select(ExerciseCategory, func.count(Exercise.id))
        .outerjoin(Exercise)
        .group_by(ExerciseCategory.id)
        .order_by(ExerciseCategory.position)
    )
    return [
        CategoryRead(id=category.id, name=category.name, exercise_count=count)
        for category, count in rows
    ]


# Built once and run with parameters (see db.once_per_dialect for why).
_EXERCISES_BY_ID = select(Exercise).where(Exercise.id.in_(bindparam("ids", expanding=True)))


def exercises_by_id(session: Session, ids: Iterable[str]) -> dict[str, Exercise]:
    return {e.id: e for e in session.scalars(_EXERCISES_BY_ID, {"ids": sorted(set(ids))})}
