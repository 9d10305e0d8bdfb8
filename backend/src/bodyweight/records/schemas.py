from datetime import datetime
from typing import Literal

from pydantic import Field

from bodyweight.schemas import Schema


class ExerciseRecordRead(Schema):
    """The caller's record on one exercise; counts are 0 and moments null before the first set."""

    exercise_id: str
    measure: Literal["reps", "seconds"] = Field(description="What `best` and `total` count")
    sets: int = Field(description="Sets logged")
    workouts: int = Field(description="Workouts it was done in")
    best: int | None = Field(description="Most reps or seconds in one set")
    best_at: datetime | None = Field(description="When that best was first reached (the workout's end)")
    total: int = Field(description="Reps or seconds over every set")
    xp: int = Field(description="XP its sets earned")
    first_done_at: datetime | None
    last_done_at: datetime | None
