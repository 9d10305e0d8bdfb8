"""Index idempotency_keys by created_at, so pruning stored responses stays cheap.

Revision ID: 8d2b4e6f1a93
Revises: 3c1f9a7d2e10
Create Date: 2026-11-30 19:12:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "8d2b4e6f1a93"
down_revision: str | None = "3c1f9a7d2e10"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_idempotency_keys_created_at", "idempotency_keys", ["created_at"])


def downgrade() -> None:
    op.drop_index("ix_idempotency_keys_created_at", table_name="idempotency_keys")
