"""What `bodyweight import earlier` brought over from the earlier BodyWeight app.

`imported_players` (one row per imported player, keyed by Telegram id) makes the
import idempotent: a second run skips the players it finds there.
`imported_unmatched_sets` keeps the exercise rows of imported workouts that did
not become sets (an exercise this catalogue lacks, values outside its bounds),
so nothing of a player's history is dropped. Both belong to the player
(ON DELETE CASCADE).

The downgrade drops both tables: a later import would then bring those players
over again (`bodyweight db downgrade` names the rows and backs up first).

Revision ID: 182794fd8163
Revises: 52ee3f5aa21d
Create Date: 2026-12-03 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "182794fd8163"
down_revision: str | None = "52ee3f5aa21d"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "imported_players",
        sa.Column("telegram_id", sa.BigInteger(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("earlier_user_id", sa.Integer(), nullable=False),
        sa.Column("merged", sa.Boolean(), nullable=False),
        sa.Column("coins", sa.BigInteger(), nullable=False),
        sa.Column("total_xp", sa.BigInteger(), nullable=False),
        sa.Column("workouts", sa.Integer(), nullable=False),
        sa.Column("sets", sa.Integer(), nullable=False),
        sa.Column("imported_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_imported_players_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("telegram_id", name=op.f("pk_imported_players")),
        sa.UniqueConstraint("user_id", name=op.f("uq_imported_players_user_id")),
    )
    op.create_table(
        "imported_unmatched_sets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("workout_id", sa.Integer(), nullable=False),
        sa.Column("earlier_exercise_id", sa.Integer(), nullable=False),
        sa.Column("earlier_exercise_slug", sa.String(length=100), nullable=True),
        sa.Column("reason", sa.String(length=20), nullable=False),
        sa.Column("sets", sa.Integer(), nullable=False),
        sa.Column("reps", sa.Integer(), nullable=False),
        sa.Column("seconds", sa.Integer(), nullable=False),
        sa.Column("xp", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "reason IN ('unknown_exercise', 'measure_differs', 'out_of_range', 'nothing_recorded')",
            name=op.f("ck_imported_unmatched_sets_known_reason"),
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_imported_unmatched_sets_user_id_users"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["workout_id"],
            ["workouts.id"],
            name=op.f("fk_imported_unmatched_sets_workout_id_workouts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_imported_unmatched_sets")),
    )
    op.create_index(op.f("ix_imported_unmatched_sets_user_id"), "imported_unmatched_sets", ["user_id"])
    op.create_index(op.f("ix_imported_unmatched_sets_workout_id"), "imported_unmatched_sets", ["workout_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_imported_unmatched_sets_workout_id"), table_name="imported_unmatched_sets")
    op.drop_index(op.f("ix_imported_unmatched_sets_user_id"), table_name="imported_unmatched_sets")
    op.drop_table("imported_unmatched_sets")
    op.drop_table("imported_players")
