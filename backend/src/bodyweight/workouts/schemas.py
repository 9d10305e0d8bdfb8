from datetime import date, datetime
from typing import Literal

from pydantic import AwareDatetime, Field, model_validator

from bodyweight import rules
from bodyweight.achievements.schemas import EarnedAchievementRead
from bodyweight.schemas import ExerciseId, Measured, Schema


class SetCreate(Measured):
    exercise: ExerciseId


class WorkoutCreate(Schema):
    started_at: AwareDatetime
    finished_at: AwareDatetime
    sets: list[SetCreate] = Field(min_length=rules.MIN_SETS, max_length=rules.MAX_SETS)

    @model_validator(mode="after")
    def _duration(self) -> "WorkoutCreate":
        if self.finished_at < self.started_at:
            raise ValueError("finished_at must not be before started_at")
        if self.finished_at - self.started_at > rules.MAX_WORKOUT_DURATION:
            raise ValueError("a workout lasts at most 6 hours")
        return self


class SetRead(Schema):
    exercise_id: str
    reps: int | None
    seconds: int | None
    xp: int


class WorkoutRead(Schema):
    id: int
    started_at: datetime
    finished_at: datetime
    local_date: date
    xp_earned: int
    coins_earned: int
    sets: list[SetRead]


class CoinBreakdownRead(Schema):
    """Where the workout's coins come from; they add up to `coins_earned`
    once `cut_by_daily_cap` is taken off."""

    from_xp: int = Field(description="One coin per 20 XP")
    streak_bonus: int = Field(description="One coin per full week of streak, at most 4")
    long_workout_bonus: int = Field(description="One coin for 45 minutes or more")
    level_bonus: int = Field(description="Five coins per level gained")
    cut_by_daily_cap: int = Field(description="What the daily cap on workout coins held back")


class RecordRead(Schema):
    """A personal best the workout beat on one exercise (a first time on an
    exercise beats nothing yet)."""

    exercise: str
    best: int = Field(description="The workout's best set: reps, or seconds for a timed exercise")
    previous: int = Field(description="The best before this workout")


class WeeklyGoalPaidRead(Schema):
    """This week's goal, reached by this workout and paid (once per week)."""

    week_start: date
    metric: Literal["workouts", "minutes", "xp"]
    target: int
    coins: int


class WorkoutResult(WorkoutRead):
    """What logging a workout earned, and where the player stands now and stood before."""

    level: int
    level_before: int
    level_up: bool
    total_xp: int
    xp_before: int
    level_xp: int = Field(description="Total XP at which the current level began")
    next_level_xp: int = Field(description="Total XP needed for the next level")
    coins: int = Field(description="The balance now, the rewards of `achievements` included")
    coins_breakdown: CoinBreakdownRead
    daily_coin_cap: int
    coins_earned_today: int = Field(description="Workout coins counted against today's cap")
    current_streak: int = Field(description="The streak as it stands now (0 if broken)")
    streak_before: int = Field(description="The streak as it stood before this workout (0 if broken)")
    max_streak: int
    first_of_day: bool
    streak_counted: bool = Field(
        description="False when the workout counted no new day for the streak: a day already counted, "
        "or back-dated (logged two or more local days after it ended)"
    )
    frozen_days: list[date] = Field(description="Missed days this workout bridged, one streak freeze each")
    streak_freezes: int = Field(description="Streak freezes held now")
    records: list[RecordRead] = Field(description="Personal bests beaten, one per exercise")
    weekly_goal: WeeklyGoalPaidRead | None = Field(description="This week's goal reward, if this workout earned it")
    achievements: list[EarnedAchievementRead] = Field(description="Achievements this workout has just earned")
