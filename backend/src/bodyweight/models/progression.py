from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String, func
from sqlalchemy.orm import Mapped, mapped_column

from bodyweight.models.base import Base, UTCDateTime


class StreakFreezeUse(Base):
    """A missed local day a streak freeze bridged: the primary key makes each day
    cost one freeze at most, and the rows are the player's history of them."""

    __tablename__ = "streak_freeze_uses"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    # The workout that came after the missed day and spent the freeze.
    workout_id: Mapped[int | None] = mapped_column(ForeignKey("workouts.id", ondelete="SET NULL"))
    used_at: Mapped[datetime] = mapped_column(UTCDateTime, server_default=func.now())


class WeeklyGoalReward(Base):
    """A weekly goal reached and paid: one row per player and local ISO week (its
    Monday), so the reward is paid once whatever the target does afterwards."""

    __tablename__ = "weekly_goal_rewards"
    __table_args__ = (
        CheckConstraint("metric IN ('workouts', 'minutes', 'xp')", name="known_metric"),
        CheckConstraint("coins > 0", name="coins_positive"),
    )

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    week_start: Mapped[date] = mapped_column(Date, primary_key=True)
    metric: Mapped[str] = mapped_column(String(8))
    target: Mapped[int] = mapped_column(Integer)
    coins: Mapped[int] = mapped_column(Integer)
    rewarded_at: Mapped[datetime] = mapped_column(UTCDateTime, server_default=func.now())
