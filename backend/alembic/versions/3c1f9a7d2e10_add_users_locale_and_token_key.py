"""Add users.locale (the player's language) and users.token_key (revocable tokens).

Every access token carries the player's token key; replacing the key revokes all
of them. Existing players get a random key each, so tokens issued before this
revision stop working (they carried none) and everyone signs in once more. A row
written outside the app gets the empty key, which no token fits.

Revision ID: 3c1f9a7d2e10
Revises: 67aca3c3bf83
Create Date: 2026-11-30 19:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "3c1f9a7d2e10"
down_revision: str | None = "67aca3c3bf83"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

RANDOM_KEY = {
    "postgresql": "md5(random()::text || id::text || clock_timestamp()::text)",
    "sqlite": "lower(hex(randomblob(16)))",
}


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("locale", sa.String(length=8), server_default="en", nullable=False))
        batch.add_column(sa.Column("token_key", sa.String(length=32), server_default="", nullable=False))
    op.execute(f"UPDATE users SET token_key = {RANDOM_KEY[op.get_bind().dialect.name]}")


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_column("token_key")
        batch.drop_column("locale")
