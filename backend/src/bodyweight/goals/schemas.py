from datetime import date, datetime, timedelta
from typing import Literal

from pydantic import Field

from bodyweight import rules
from bodyweight.goals.service import Week
from bodyweight.schemas import Schema, StrictInt

Metric = Literal["workouts", "minutes", "xp"]


class WeeklyGoalSet(Schema):
    metric: Metric = Field(description="What the target counts: workouts, whole minutes of training, or XP")
    target: StrictInt = Field(description="Within the metric's bounds (`options` of GET /api/goals/weekly)")


class GoalRead(Schema):
    metric: Metric
    target: int
    reward: int = Field(description="Coins reaching it pays, once per week")


class WeekProgressRead(Schema):
    """The current week's workouts, whatever the goal counts."""

    workouts: int
    minutes: int = Field(description="Whole minutes, over the week's workouts together")
    xp: int


class GoalRewardRead(Schema):
    """This week's reward, paid: the goal as it stood when it was reached."""

    metric: Metric
    target: int
    coins: int
    rewarded_at: datetime


class GoalOptionRead(Schema):
    metric: Metric
    min_target: int
    max_target: int
    min_reward: int = Field(description="Coins the lowest target pays")
    max_reward: int = Field(description="Coins the highest target pays")


class WeeklyGoalRead(Schema):
    """The player's weekly goal and where this local ISO week (Monday to Sunday,
    in the player's time zone) stands: progress comes from the workouts logged."""

    goal: GoalRead | None = Field(description="Null: no goal set")
    week_start: date
    week_end: date
    progress: WeekProgressRead
    current: int | None = Field(description="Progress in the goal's metric; null without a goal")
    reached: bool = Field(description="The goal's target is reached this week")
    reward: GoalRewardRead | None = Field(description="This week's reward, once a workout reached the goal and paid it")
    options: list[GoalOptionRead]

    @classmethod
    def of(cls, week: Week) -> "WeeklyGoalRead":
        goal, progress = week.goal, week.progress
        current = None if goal is None else progress.of(goal.metric)
        return cls(
            goal=None if goal is None else GoalRead(metric=goal.metric, target=goal.target, reward=goal.reward),  # type: ignore[arg-type]
            week_start=week.week_start,
            week_end=week.week_start + timedelta(days=6),
            progress=WeekProgressRead(workouts=progress.workouts, minutes=progress.of("minutes"), xp=progress.xp),
            current=current,
            reached=goal is not None and current is not None and current >= goal.target,
            reward=None if week.reward is None else GoalRewardRead.model_validate(week.reward),
            options=OPTIONS,
        )


OPTIONS = [
    GoalOptionRead(
        metric=metric,  # type: ignore[arg-type]
        min_target=terms.min_target,
        max_target=terms.max_target,
        min_reward=terms.reward(terms.min_target),
        max_reward=terms.reward(terms.max_target),
    )
    for metric, terms in rules.GOAL_TERMS.items()
]
