from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Integer, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bodyweight.models.base import Base


class ExerciseCategory(Base):
    __tablename__ = "exercise_categories"

    id: Mapped[str] = mapped_column(String(50), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    position: Mapped[int] = mapped_column(Integer, server_default="0")

    exercises: Mapped[list["Exercise"]] = relationship(back_populates="category", order_by="Exercise.position")


class Exercise(Base):
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

    category: Mapped[ExerciseCategory] = relationship(back_populates="exercises")
