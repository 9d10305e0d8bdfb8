"""Streak freezes and weekly goals (docs/progression.md).

On `users`: `streak_freezes` (0 to 2 held, 0 for everyone to begin with),
`last_workout_zone` (the zone `last_workout_date` was counted in, kept only while
the player has moved since; null for everyone), and the weekly goal,
`weekly_goal_metric` and `weekly_goal_target` (null: none). Two tables:
`streak_freeze_uses` (one row per missed day a freeze bridged) and
`weekly_goal_rewards` (one row per player and week a goal paid).

On SQLite the new columns are added and dropped with plain ALTER TABLE, their
CHECK constraints written on the columns themselves: batch mode would rebuild
`users` and lose its AUTOINCREMENT (revision e64356e9de23).

Revision ID: 52ee3f5aa21d
Revises: f53acdad065f
Create Date: 2026-12-05 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "52ee3f5aa21d"
down_revision: str | None = "f53acdad065f"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# What the guarded downgrade need not count as lost: a player holding no freeze.
DEFAULT_VALUES = {"users": {"streak_freezes": 0}}

FREEZES_RANGE = "streak_freezes BETWEEN 0 AND 2"
# Both or neither; each term lets NULLs through, the first pairs them.
GOAL_SHAPE = (
    "(weekly_goal_metric IS NULL) = (weekly_goal_target IS NULL) AND "
    "weekly_goal_metric IN ('workouts', 'minutes', 'xp') AND weekly_goal_target > 0"
)
# (column, its SQLite definition); on PostgreSQL the checks are table constraints.
SQLITE_COLUMNS = [
    (
        "streak_freezes",
        "INTEGER DEFAULT '0' NOT NULL CONSTRAINT ck_users_streak_freezes_range CHECK (" + FREEZES_RANGE + ")",
    ),
    ("last_workout_zone", "VARCHAR(64)"),
    ("weekly_goal_metric", "VARCHAR(8)"),
    ("weekly_goal_target", "INTEGER CONSTRAINT ck_users_weekly_goal_shape CHECK (" + GOAL_SHAPE + ")"),
]


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name, definition in SQLITE_COLUMNS:
            op.execute(f"ALTER TABLE users ADD COLUMN {name} {definition}")
    else:
        op.add_column("users", sa.Column("streak_freezes", sa.Integer(), server_default="0", nullable=False))
        op.add_column("users", sa.Column("last_workout_zone", sa.String(length=64), nullable=True))
        op.add_column("users", sa.Column("weekly_goal_metric", sa.String(length=8), nullable=True))
        op.add_column("users", sa.Column("weekly_goal_target", sa.Integer(), nullable=True))
        op.create_check_constraint(op.f("ck_users_streak_freezes_range"), "users", FREEZES_RANGE)
        op.create_check_constraint(op.f("ck_users_weekly_goal_shape"), "users", GOAL_SHAPE)

    op.create_table(
        "streak_freeze_uses",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("workout_id", sa.Integer(), nullable=True),
        sa.Column("used_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_streak_freeze_uses_user_id_users"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["workout_id"], ["workouts.id"], name=op.f("fk_streak_freeze_uses_workout_id_workouts"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("user_id", "day", name=op.f("pk_streak_freeze_uses")),
    )
    op.create_table(
        "weekly_goal_rewards",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("week_start", sa.Date(), nullable=False),
        sa.Column("metric", sa.String(length=8), nullable=False),
        sa.Column("target", sa.Integer(), nullable=False),
        sa.Column("coins", sa.Integer(), nullable=False),
        sa.Column("rewarded_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.CheckConstraint("metric IN ('workouts', 'minutes', 'xp')", name=op.f("ck_weekly_goal_rewards_known_metric")),
        sa.CheckConstraint("coins > 0", name=op.f("ck_weekly_goal_rewards_coins_positive")),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_weekly_goal_rewards_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("user_id", "week_start", name=op.f("pk_weekly_goal_rewards")),
    )


def downgrade() -> None:
    op.drop_table("weekly_goal_rewards")
    op.drop_table("streak_freeze_uses")
    if op.get_bind().dialect.name == "sqlite":
        # The target first: its CHECK names the metric.
        for name, _ in reversed(SQLITE_COLUMNS):
            op.execute(f"ALTER TABLE users DROP COLUMN {name}")
    else:
        op.drop_constraint(op.f("ck_users_weekly_goal_shape"), "users", type_="check")
        op.drop_constraint(op.f("ck_users_streak_freezes_range"), "users", type_="check")
        op.drop_column("users", "weekly_goal_target")
        op.drop_column("users", "weekly_goal_metric")
        op.drop_column("users", "last_workout_zone")
        op.drop_column("users", "streak_freezes")
