"""Players wearing a paid avatar they no longer own wear the default one again.

Downgrading below 67aca3c3bf83 drops user_avatar_purchases (the guide's own
`alembic downgrade -1` did that when it was the head); upgrading again brings the
table back empty, while users.avatar_id still names the paid avatar. Equipping
checks ownership, so no request can make this state; only that round trip can,
and every such round trip passes through this revision on the way up. The free
avatars are listed as they were when this revision was written: a revision never
changes.

The downgrade changes nothing: which avatar a player wore before cannot be told.

Revision ID: 2693288871ab
Revises: 8d2b4e6f1a93
Create Date: 2026-12-01 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "2693288871ab"
down_revision: str | None = "8d2b4e6f1a93"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DATA_ONLY = True  # no schema change (tests/test_migration_chain.py)
DEFAULT_AVATAR = "shadow-wolf"
FREE_AVATARS = ("shadow-wolf", "iron-bear", "fire-fox", "night-panther")


def upgrade() -> None:
    users = sa.table("users", sa.column("id", sa.Integer), sa.column("avatar_id", sa.String))
    purchases = sa.table("user_avatar_purchases", sa.column("user_id", sa.Integer), sa.column("avatar_id", sa.String))
    owned = (
        sa.select(sa.literal(1))
        .where(purchases.c.user_id == users.c.id, purchases.c.avatar_id == users.c.avatar_id)
        .exists()
    )
    op.execute(
        users.update()
        .where(users.c.avatar_id.not_in(FREE_AVATARS), ~owned)
        .values(avatar_id=DEFAULT_AVATAR)
    )


def downgrade() -> None:
    pass
