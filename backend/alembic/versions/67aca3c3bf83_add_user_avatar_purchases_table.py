"""Add the user_avatar_purchases table: the avatars each player has bought.

The unique (user_id, avatar_id) pair makes every avatar a one-time purchase; the
index on user_id serves "my avatars". Exactly the table of the migration guide.

Revision ID: 67aca3c3bf83
Revises: f91f0456139b
Create Date: 2026-11-24 00:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "67aca3c3bf83"
down_revision: str | None = "f91f0456139b"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "user_avatar_purchases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("avatar_id", sa.String(length=50), nullable=False),
        sa.Column("purchased_at", sa.DateTime(), server_default=sa.func.now(), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"],
            name=op.f("fk_user_avatar_purchases_user_id_users"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_avatar_purchases")),
        sa.UniqueConstraint(
            "user_id", "avatar_id", name=op.f("uq_user_avatar_purchases_user_id_avatar_id")
        ),
    )
    op.create_index(
        "ix_user_avatar_purchases_user_id", "user_avatar_purchases", ["user_id"]
    )


def downgrade() -> None:
    op.drop_index("ix_user_avatar_purchases_user_id", table_name="user_avatar_purchases")
    op.drop_table("user_avatar_purchases")
