import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Uuid, func
from sqlalchemy.orm import Mapped, mapped_column

from bodyweight.models.base import Base, UTCDateTime


class Routine(Base):
    """A player's own routine. Preset routines ship with the app
    (exercises/data/routines.toml) and are not stored."""

    __tablename__ = "routines"
    __table_args__ = (Index("ix_routines_user_id_created_at", "user_id", "created_at"),)

    # Random, so ids say nothing about how many routines exist or whose they are.
    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, server_default=func.now())


class RoutineStep(Base):
    """One exercise of a routine: `sets` sets of `reps` or `seconds`, `rest_seconds` after each."""

    __tablename__ = "routine_steps"
    __table_args__ = (
        CheckConstraint("sets BETWEEN 1 AND 10", name="sets_range"),
        CheckConstraint("(reps IS NULL) <> (seconds IS NULL)", name="reps_xor_seconds"),
        CheckConstraint("reps BETWEEN 1 AND 1000", name="reps_range"),
        CheckConstraint("seconds BETWEEN 1 AND 3600", name="seconds_range"),
        CheckConstraint("rest_seconds BETWEEN 0 AND 600", name="rest_seconds_range"),
    )

    routine_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("routines.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    exercise_id: Mapped[str] = mapped_column(String(50), ForeignKey("exercises.id"), index=True)
    sets: Mapped[int] = mapped_column(Integer)
    reps: Mapped[int | None] = mapped_column(Integer)
    seconds: Mapped[int | None] = mapped_column(Integer)
    rest_seconds: Mapped[int] = mapped_column(Integer)
