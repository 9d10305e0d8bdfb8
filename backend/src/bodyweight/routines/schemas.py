from datetime import datetime

from pydantic import Field

from bodyweight.exercises.catalogue import Theme
from bodyweight.schemas import ExerciseId, Measured, PrintableText, Schema, StrictInt

MAX_STEPS = 20
MAX_SETS = 10
MAX_REST_SECONDS = 600


class StepWrite(Measured):
    """`sets` sets of `reps` or `seconds` (as the exercise is measured), resting `rest_seconds` after each."""

    exercise: ExerciseId
    sets: StrictInt = Field(ge=1, le=MAX_SETS)
    rest_seconds: StrictInt = Field(ge=0, le=MAX_REST_SECONDS)


class RoutineWrite(Schema):
    name: PrintableText = Field(min_length=1, max_length=100)
    steps: list[StepWrite] = Field(min_length=1, max_length=MAX_STEPS)


class StepRead(Schema):
    exercise_id: str
    sets: int
    reps: int | None
    seconds: int | None
    rest_seconds: int


class RoutineRead(Schema):
    """A preset (shipped with the app, the same for everyone) or one of the caller's own."""

    id: str = Field(description="A preset's slug, or a custom routine's UUID")
    preset: bool
    name: str = Field(description="A preset's in the request's language; a custom one's as its owner wrote it")
    description: str | None = Field(description="Presets only, in the request's language")
    theme: Theme | None = Field(description="Presets only")
    level: int | None = Field(description="Presets only: 1 (beginner) to 3")
    steps: list[StepRead]
    created_at: datetime | None = Field(description="Custom routines only")
    updated_at: datetime | None = Field(description="Custom routines only")
