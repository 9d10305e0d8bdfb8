"""Add user_achievements: the achievements each player has earned.

The achievements themselves are shipped with the app (achievements/data), so only
what a player earned is stored: one row per (player, slug), made unique by
`uq_user_achievement`, which is what awards each achievement, and pays its coins,
at most once. Table, slug column and constraint name are the earlier app's, so an
importer maps its rows across; `earned_at` is UTC, as every timestamp here.

Revision ID: f53acdad065f
Revises: e64356e9de23
Create Date: 2026-12-08 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "f53acdad065f"
down_revision: str | None = "e64356e9de23"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "user_achievements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("achievement_slug", sa.String(length=100), nullable=False),
        sa.Column("earned_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_user_achievements_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_achievements")),
        sa.UniqueConstraint("user_id", "achievement_slug", name="uq_user_achievement"),
    )
    op.create_index(op.f("ix_user_achievements_user_id"), "user_achievements", ["user_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_user_achievements_user_id"), table_name="user_achievements")
    op.drop_table("user_achievements")
