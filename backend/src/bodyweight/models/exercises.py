from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Integer, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bodyweight.models.base import Base


class ExerciseCategory(Base):
    __tablename__ = "exercise_categories"

    id: Mapped[str] = mapped_column(String(50), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))  # English
    position: Mapped[int] = mapped_column(Integer, server_default="0")
    # Added by b7c2e9a4d013 (the bilingual catalogue).
    name_ru: Mapped[str] = mapped_column(String(100), server_default="")
    icon: Mapped[str] = mapped_column(String(100), server_default="")  # a file in static/exercises/

    exercises: Mapped[list["Exercise"]] = relationship(back_populates="category", order_by="Exercise.position")


class Exercise(Base):
    """One exercise of the catalogue. `name` and `description` are English (the
    description holds the full instructions); the Russian texts are `name_ru` and
    `description_ru`. A progression ladder is stored as each exercise's easier
    neighbour; the harder one is the exercise whose `easier_id` names it, and the
    unique constraint keeps every ladder a single chain."""

    __tablename__ = "exercises"
    __table_args__ = (
        CheckConstraint("difficulty BETWEEN 1 AND 5", name="difficulty_range"),
        CheckConstraint("base_xp > 0", name="base_xp_positive"),
    )

    id: Mapped[str] = mapped_column(String(50), primary_key=True)
    category_id: Mapped[str] = mapped_column(String(50), ForeignKey("exercise_categories.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(Text, server_default="")
    difficulty: Mapped[int] = mapped_column(Integer)
    base_xp: Mapped[int] = mapped_column(Integer)
    is_timed: Mapped[bool] = mapped_column(Boolean, server_default=false())
    position: Mapped[int] = mapped_column(Integer, server_default="0")
    # Added by b7c2e9a4d013 (the bilingual catalogue).
    name_ru: Mapped[str] = mapped_column(String(100), server_default="")
    description_ru: Mapped[str] = mapped_column(Text, server_default="")
    muscles: Mapped[str] = mapped_column(String(200), server_default="")  # comma-separated, primary movers
    equipment: Mapped[str] = mapped_column(String(30), server_default="none")
    easier_id: Mapped[str | None] = mapped_column(String(50), ForeignKey("exercises.id"), unique=True)

    category: Mapped[ExerciseCategory] = relationship(back_populates="exercises")
