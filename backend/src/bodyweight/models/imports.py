"""What `bodyweight import earlier` brought over from the earlier BodyWeight app.

`imported_players` remembers every player it imported (keyed by Telegram id, the
earlier app's natural key), so running the import again skips them instead of
paying their coins twice. `imported_unmatched_sets` keeps the exercise rows of
imported workouts that this app's sets cannot hold (an exercise this catalogue
does not have, or values outside its bounds): kept and reported, never dropped.
Both go with the player (ON DELETE CASCADE), like everything else of theirs.
"""

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, CheckConstraint, ForeignKey, Integer, String, func
from sqlalchemy.orm import Mapped, mapped_column

from bodyweight.models.base import Base, UTCDateTime

UNMATCHED_REASONS = ("unknown_exercise", "measure_differs", "out_of_range", "nothing_recorded")


class ImportedPlayer(Base):
    """One imported player, with what was brought over (the report of a later run
    compares it with the source to tell the operator what changed there since)."""

    __tablename__ = "imported_players"

    telegram_id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    earlier_user_id: Mapped[int] = mapped_column(Integer)
    # True: added to a player who had already signed in here with that Telegram id.
    merged: Mapped[bool] = mapped_column(Boolean)
    coins: Mapped[int] = mapped_column(BigInteger)
    total_xp: Mapped[int] = mapped_column(BigInteger)
    workouts: Mapped[int] = mapped_column(Integer)
    sets: Mapped[int] = mapped_column(Integer)
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime, server_default=func.now())


class ImportedUnmatchedSets(Base):
    """One exercise row of an imported workout (the earlier app stored one row per
    exercise: sets, total reps, total seconds) that did not become sets here."""

    __tablename__ = "imported_unmatched_sets"
    __table_args__ = (CheckConstraint(f"reason IN {UNMATCHED_REASONS!r}", name="known_reason"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    workout_id: Mapped[int] = mapped_column(ForeignKey("workouts.id", ondelete="CASCADE"), index=True)
    earlier_exercise_id: Mapped[int] = mapped_column(Integer)
    earlier_exercise_slug: Mapped[str | None] = mapped_column(String(100))
    reason: Mapped[str] = mapped_column(String(20))
    sets: Mapped[int] = mapped_column(Integer)
    reps: Mapped[int] = mapped_column(Integer)
    seconds: Mapped[int] = mapped_column(Integer)
    xp: Mapped[int] = mapped_column(Integer)
