"""Players' own routines, and workout sets indexed for per-exercise records.

`routines` (random UUID ids, owned by a player) and `routine_steps` (exercise,
sets, reps or seconds, rest after each set) hold custom routines; the preset
routines ship with the app and are not stored. The index on workout_sets
(workout_id, exercise_id) replaces the one on workout_id alone: it serves the
same look-ups, and a player's record on one exercise too.

The downgrade drops both tables (custom routines are lost; `bodyweight db
downgrade` asks before dropping rows) and puts the old index back.

Revision ID: e5a83f1c9b26
Revises: b7c2e9a4d013
Create Date: 2026-12-02 11:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "e5a83f1c9b26"
down_revision: str | None = "b7c2e9a4d013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "routines",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_routines_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_routines")),
    )
    op.create_index("ix_routines_user_id_created_at", "routines", ["user_id", "created_at"])
    op.create_table(
        "routine_steps",
        sa.Column("routine_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("exercise_id", sa.String(length=50), nullable=False),
        sa.Column("sets", sa.Integer(), nullable=False),
        sa.Column("reps", sa.Integer(), nullable=True),
        sa.Column("seconds", sa.Integer(), nullable=True),
        sa.Column("rest_seconds", sa.Integer(), nullable=False),
        sa.CheckConstraint("sets BETWEEN 1 AND 10", name=op.f("ck_routine_steps_sets_range")),
        sa.CheckConstraint("(reps IS NULL) <> (seconds IS NULL)", name=op.f("ck_routine_steps_reps_xor_seconds")),
        sa.CheckConstraint("reps BETWEEN 1 AND 1000", name=op.f("ck_routine_steps_reps_range")),
        sa.CheckConstraint("seconds BETWEEN 1 AND 3600", name=op.f("ck_routine_steps_seconds_range")),
        sa.CheckConstraint("rest_seconds BETWEEN 0 AND 600", name=op.f("ck_routine_steps_rest_seconds_range")),
        sa.ForeignKeyConstraint(
            ["routine_id"], ["routines.id"], name=op.f("fk_routine_steps_routine_id_routines"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["exercise_id"], ["exercises.id"], name=op.f("fk_routine_steps_exercise_id_exercises")
        ),
        sa.PrimaryKeyConstraint("routine_id", "position", name=op.f("pk_routine_steps")),
    )
    op.create_index(op.f("ix_routine_steps_exercise_id"), "routine_steps", ["exercise_id"])
    op.create_index("ix_workout_sets_workout_id_exercise_id", "workout_sets", ["workout_id", "exercise_id"])
    op.drop_index(op.f("ix_workout_sets_workout_id"), table_name="workout_sets")


def downgrade() -> None:
    op.create_index(op.f("ix_workout_sets_workout_id"), "workout_sets", ["workout_id"])
    op.drop_index("ix_workout_sets_workout_id_exercise_id", table_name="workout_sets")
    op.drop_index(op.f("ix_routine_steps_exercise_id"), table_name="routine_steps")
    op.drop_table("routine_steps")
    op.drop_index("ix_routines_user_id_created_at", table_name="routines")
    op.drop_table("routines")
