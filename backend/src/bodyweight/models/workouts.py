from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, Integer, String, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bodyweight.models.base import Base, UTCDateTime


class Workout(Base):
    __tablename__ = "workouts"
    __table_args__ = (
        CheckConstraint("finished_at >= started_at", name="finishes_after_start"),
        CheckConstraint("xp_earned >= 0", name="xp_non_negative"),
        CheckConstraint("coins_earned >= 0", name="coins_non_negative"),
        # History is read newest first, per player.
        Index("ix_workouts_user_id_finished_at", "user_id", "finished_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # The player's local calendar day of `finished_at`, as streaks count it.
    local_date: Mapped[date] = mapped_column(Date)
    xp_earned: Mapped[int] = mapped_column(Integer)
    coins_earned: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, server_default=func.now())

    sets: Mapped[list["WorkoutSet"]] = relationship(
        back_populates="workout", order_by="WorkoutSet.position", cascade="all, delete-orphan"
    )


class WorkoutSet(Base):
    __tablename__ = "workout_sets"
    __table_args__ = (
        CheckConstraint("(reps IS NULL) <> (seconds IS NULL)", name="reps_xor_seconds"),
        CheckConstraint("reps BETWEEN 1 AND 1000", name="reps_range"),
        CheckConstraint("seconds BETWEEN 1 AND 3600", name="seconds_range"),
        CheckConstraint("xp >= 0", name="xp_non_negative"),
        # A workout's sets (history), and one exercise's sets of a player's
        # workouts (records/): the workout first, so it serves both.
        Index("ix_workout_sets_workout_id_exercise_id", "workout_id", "exercise_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    workout_id: Mapped[int] = mapped_column(ForeignKey("workouts.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    exercise_id: Mapped[str] = mapped_column(String(50), ForeignKey("exercises.id"))
    reps: Mapped[int | None] = mapped_column(Integer)
    seconds: Mapped[int | None] = mapped_column(Integer)
    xp: Mapped[int] = mapped_column(Integer)

    workout: Mapped[Workout] = relationship(back_populates="sets")
