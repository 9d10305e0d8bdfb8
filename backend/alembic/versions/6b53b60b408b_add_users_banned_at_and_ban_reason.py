"""Add users.banned_at and users.ban_reason: operators suspend accounts.

A banned player's requests are refused (403 account_suspended) on the row every
request reads anyway, so the check costs no query. Nullable: nobody is banned
when this revision arrives. The downgrade drops both columns; the guarded
downgrade counts the banned players it would lift the ban from.

Revision ID: 6b53b60b408b
Revises: cdb58204fe5a
Create Date: 2026-12-02 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "6b53b60b408b"
down_revision: str | None = "cdb58204fe5a"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("banned_at", sa.DateTime(timezone=False), nullable=True))
        batch.add_column(sa.Column("ban_reason", sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_column("ban_reason")
        batch.drop_column("banned_at")
