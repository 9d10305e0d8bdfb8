"""The exercise catalogue, as the migrations seeded it.

It changes only with a migration, so each worker reads it once, on first use,
and serves listings and workout validation from memory.
"""

from dataclasses import dataclass

from sqlalchemy import func, select

from bodyweight.db import ReadSession
from bodyweight.errors import DomainError
from bodyweight.models import Exercise, ExerciseCategory

_exercises = Exercise.__table__
_categories = ExerciseCategory.__table__


class CategoryNotFound(DomainError):
    status_code, code = 404, "category_not_found"


@dataclass(frozen=True, slots=True)
class ExerciseInfo:
    id: str
    name: str
    category_id: str
    description: str
    difficulty: int
    base_xp: int
    is_timed: bool


@dataclass(frozen=True, slots=True)
class Category:
    id: str
    name: str
    exercise_count: int


@dataclass(frozen=True, slots=True)
class Catalogue:
    exercises: dict[str, ExerciseInfo]  # in display order
    categories: list[Category]

    def in_category(self, category: str | None) -> list[ExerciseInfo]:
        if category is None:
            return list(self.exercises.values())
        if all(c.id != category for c in self.categories):
            raise CategoryNotFound(category=category)
        return [e for e in self.exercises.values() if e.category_id == category]


_EXERCISES = (
    select(
        _exercises.c.id,
        _exercises.c.name,
        _exercises.c.category_id,
        _exercises.c.description,
        _exercises.c.difficulty,
        _exercises.c.base_xp,
        _exercises.c.is_timed,
    )
    .join(_categories)
    .order_by(_categories.c.position, _exercises.c.position)
)
_CATEGORIES = (
    select(_categories.c.id, _categories.c.name, func.count(_exercises.c.id))
    .select_from(_categories.outerjoin(_exercises))
    .group_by(_categories.c.id, _categories.c.name, _categories.c.position)
    .order_by(_categories.c.position)
)


async def load_catalogue(session: ReadSession) -> Catalogue:
    exercises = [ExerciseInfo(*row) for row in await session.execute(_EXERCISES)]
    categories = [Category(*row) for row in await session.execute(_CATEGORIES)]
    return Catalogue({e.id: e for e in exercises}, categories)
