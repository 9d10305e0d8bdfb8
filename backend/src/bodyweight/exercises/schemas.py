from pydantic import Field

from bodyweight.exercises.catalogue import Equipment, Muscle
from bodyweight.schemas import Schema

ICON_URL = "/static/exercises/{}"


class ExerciseRead(Schema):
    """An exercise, its name in the request's language (Accept-Language)."""

    id: str = Field(description="Stable kebab-case slug; logged sets name it")
    name: str
    category_id: str
    difficulty: int = Field(ge=1, le=5)
    base_xp: int
    is_timed: bool = Field(description="Measured in seconds; otherwise in repetitions")
    equipment: Equipment = Field(description="The one thing needed beyond a floor")
    muscles: list[Muscle] = Field(description="Primary movers")
    easier: str | None = Field(description="The next step down its progression ladder")
    harder: str | None = Field(description="The next step up its progression ladder")


class LadderStepRead(Schema):
    id: str
    name: str
    difficulty: int
    is_timed: bool


class ExerciseDetail(ExerciseRead):
    """An exercise with how to do it, and its whole progression ladder."""

    instructions: str = Field(description="How to do it, in the request's language")
    icon: str = Field(description="URL of its category's picture")
    ladder: list[LadderStepRead] = Field(description="Its progression ladder, easiest first, this exercise included")


class CategoryRead(Schema):
    id: str
    name: str
    icon: str = Field(description="URL of the category's picture")
    exercise_count: int
