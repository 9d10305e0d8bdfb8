"""The weekly score tally: how many listed players hold each score of a week.

`weekly_score_tally` (week_start, score) -> players counts the rows of
`weekly_scores` that are listed and score above 0, so the global week board
counts the players above the caller from a few hundred tally rows instead of
every listed score of the week (docs/architecture.md). The upgrade fills it from
`weekly_scores`; from then on the app keeps it exact in the transaction of each
write (social/tally.py).

The downgrade drops it. It holds nothing of its own: every row follows from
`weekly_scores`, and upgrading again rebuilds it (`DERIVED_TABLES`, so the guarded
downgrade counts it as losing nothing).

Revision ID: d931f8c1ccaf
Revises: 182794fd8163
Create Date: 2026-12-10 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "d931f8c1ccaf"
down_revision: str | None = "182794fd8163"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DERIVED_TABLES = ("weekly_score_tally",)

_scores = sa.table(
    "weekly_scores",
    sa.column("week_start", sa.Date()),
    sa.column("score", sa.Integer()),
    sa.column("listed", sa.Boolean()),
)


def upgrade() -> None:
    tally = op.create_table(
        "weekly_score_tally",
        sa.Column("week_start", sa.Date(), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("players", sa.Integer(), nullable=False),
        sa.CheckConstraint("score > 0", name=op.f("ck_weekly_score_tally_score_positive")),
        sa.CheckConstraint("players >= 0", name=op.f("ck_weekly_score_tally_players_non_negative")),
        sa.PrimaryKeyConstraint("week_start", "score", name=op.f("pk_weekly_score_tally")),
    )
    assert tally is not None
    op.execute(
        tally.insert().from_select(
            ["week_start", "score", "players"],
            sa.select(_scores.c.week_start, _scores.c.score, sa.func.count())
            .where(_scores.c.listed, _scores.c.score > 0)
            .group_by(_scores.c.week_start, _scores.c.score),
        )
    )


def downgrade() -> None:
    op.drop_table("weekly_score_tally")
