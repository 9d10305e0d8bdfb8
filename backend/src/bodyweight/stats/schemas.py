from datetime import date

from pydantic import Field

from bodyweight.schemas import Schema


class DayRead(Schema):
    day: date
    workouts: int
    xp: int


class CategoryVolumeRead(Schema):
    category_id: str = Field(description="A category of GET /api/exercises/categories")
    sets: int
    reps: int = Field(description="Repetitions of its counted exercises")
    seconds: int = Field(description="Seconds of its timed exercises")


class WeekVolumeRead(Schema):
    week_start: date = Field(description="The Monday of the ISO week")
    categories: list[CategoryVolumeRead] = Field(description="Every category, in the catalogue's order")


class StatsRead(Schema):
    """The caller's training over time, by local day in their time zone."""

    today: date
    xp_by_day: list[DayRead] = Field(description="The last 30 days, oldest first, days off as zeros")
    volume_by_week: list[WeekVolumeRead] = Field(description="The last 12 ISO weeks, oldest first")
    training_days: list[DayRead] = Field(description="Days with a workout over the last 365 days, oldest first")
    frozen_days: list[date] = Field(description="Days a streak freeze bridged over the last 365 days")
