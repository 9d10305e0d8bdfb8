"""The exercise catalogue, as the migrations seeded it.

It changes only with a migration, so each worker reads it once, on first use,
and serves listings, search, ladders and the validation of workouts and routines
from memory (237 exercises: a few hundred kilobytes).
"""

import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from bodyweight.db import ReadSession
from bodyweight.errors import DomainError
from bodyweight.exercises.catalogue import Text
from bodyweight.models import Exercise, ExerciseCategory

_exercises = Exercise.__table__
_categories = ExerciseCategory.__table__


class CategoryNotFound(DomainError):
    status_code, code = 404, "category_not_found"


class ExerciseNotFound(DomainError):
    status_code, code = 404, "exercise_not_found"


class UnknownExercise(DomainError):
    """A workout's set or a routine's step names no exercise of the catalogue."""

    status_code, code = 422, "unknown_exercise"


class WrongMeasure(DomainError):
    """Reps given for a timed exercise, or seconds for a counted one."""

    status_code, code = 422, "wrong_measure"


_NOT_A_LETTER = re.compile(r"[\W_]+")


def fold(text: str) -> str:
    """Text as search compares it: case and compatibility forms folded, ё read as е,
    punctuation as spaces ("Push-up" finds "push up", «ёж» finds «еж»)."""
    folded = unicodedata.normalize("NFKC", text).casefold().replace("ё", "е")
    return " ".join(_NOT_A_LETTER.sub(" ", folded).split())


@dataclass(frozen=True, slots=True)
class ExerciseInfo:
    id: str
    category_id: str
    name: Text
    instructions: Text
    difficulty: int
    base_xp: int
    is_timed: bool
    muscles: tuple[str, ...]
    equipment: str
    easier: str | None
    harder: str | None
    search_text: str = field(repr=False)  # both names and the slug, folded


@dataclass(frozen=True, slots=True)
class Category:
    id: str
    name: Text
    icon: str
    exercise_count: int


@dataclass(frozen=True, slots=True)
class Filters:
    """Every given filter must hold; within one, any of its values will do."""

    category: str | None = None
    equipment: Collection[str] = ()
    muscles: Collection[str] = ()
    difficulty: Collection[int] = ()
    query: str = ""

    def admit(self, exercise: ExerciseInfo, words: list[str]) -> bool:
        return (
            (self.category is None or exercise.category_id == self.category)
            and (not self.equipment or exercise.equipment in self.equipment)
            and (not self.muscles or any(muscle in self.muscles for muscle in exercise.muscles))
            and (not self.difficulty or exercise.difficulty in self.difficulty)
            and all(word in exercise.search_text for word in words)
        )


@dataclass(frozen=True, slots=True)
class Catalogue:
    exercises: dict[str, ExerciseInfo]  # in display order
    categories: list[Category]

    def category(self, category_id: str) -> Category:
        for category in self.categories:
            if category.id == category_id:
                return category
        raise CategoryNotFound(category=category_id)

    def in_category(self, category: str | None) -> list[ExerciseInfo]:
        return self.search(Filters(category=category))

    def search(self, filters: Filters) -> list[ExerciseInfo]:
        """The exercises passing `filters`, in display order; the query's words may
        come in any order and match either language."""
        if filters.category is not None:
            self.category(filters.category)
        words = fold(filters.query).split()
        return [e for e in self.exercises.values() if filters.admit(e, words)]

    def get(self, slug: str) -> ExerciseInfo:
        exercise = self.exercises.get(slug)
        if exercise is None:
            raise ExerciseNotFound(exercise=slug)
        return exercise

    def ladder(self, slug: str) -> list[ExerciseInfo]:
        """The exercise's whole progression ladder, easiest first (itself alone if
        it has none). The database keeps each ladder one chain without loops."""
        bottom = self.get(slug)
        while bottom.easier is not None:
            bottom = self.exercises[bottom.easier]
        chain = [bottom]
        while chain[-1].harder is not None:
            chain.append(self.exercises[chain[-1].harder])
        return chain

    def measured(self, slug: str, *, timed: bool, **where: Any) -> ExerciseInfo:
        """The exercise a set or step names, measured as given (seconds if `timed`);
        refusals carry `where` (which set or step) and the exercise."""
        exercise = self.exercises.get(slug)
        if exercise is None:
            raise UnknownExercise(**where, exercise=slug)
        if exercise.is_timed != timed:
            raise WrongMeasure(**where, exercise=slug, measure="seconds" if exercise.is_timed else "reps")
        return exercise


_EXERCISES = (
    select(
        _exercises.c.id,
        _exercises.c.category_id,
        _exercises.c.name,
        _exercises.c.name_ru,
        _exercises.c.description,
        _exercises.c.description_ru,
        _exercises.c.difficulty,
        _exercises.c.base_xp,
        _exercises.c.is_timed,
        _exercises.c.muscles,
        _exercises.c.equipment,
        _exercises.c.easier_id,
    )
    .join(_categories)
    .order_by(_categories.c.position, _exercises.c.position)
)
_CATEGORIES = select(_categories.c.id, _categories.c.name, _categories.c.name_ru, _categories.c.icon).order_by(
    _categories.c.position
)


async def load_catalogue(session: ReadSession) -> Catalogue:
    rows = list(await session.execute(_EXERCISES))
    harder = {row.easier_id: row.id for row in rows if row.easier_id is not None}
    exercises = {
        row.id: ExerciseInfo(
            id=row.id,
            category_id=row.category_id,
            name=Text(ru=row.name_ru or row.name, en=row.name),
            instructions=Text(ru=row.description_ru or row.description, en=row.description),
            difficulty=row.difficulty,
            base_xp=row.base_xp,
            is_timed=row.is_timed,
            muscles=tuple(m for m in row.muscles.split(",") if m),
            equipment=row.equipment,
            easier=row.easier_id,
            harder=harder.get(row.id),
            search_text=fold(f"{row.name} {row.name_ru} {row.id}"),
        )
        for row in rows
    }
    counts: dict[str, int] = {}
    for exercise in exercises.values():
        counts[exercise.category_id] = counts.get(exercise.category_id, 0) + 1
    categories = [
        Category(row.id, Text(ru=row.name_ru or row.name, en=row.name), row.icon, counts.get(row.id, 0))
        for row in await session.execute(_CATEGORIES)
    ]
    return Catalogue(exercises, categories)
