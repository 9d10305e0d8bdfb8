"""Friends, blocks, invite links, weekly scores, the search quota, and on users the
random public id and the visibility (hidden, friends or public; friends by default).

Existing players get a random public id each and keep the default visibility.
weekly_scores is filled from the workouts already logged, with the daily cap as it
stood when this revision was written (500 XP per local day): the boards then start
from the same numbers a full recomputation gives. Nobody is listed on the global
boards until they choose to be public.

The downgrade drops the social tables and the two columns: friendships, blocks
and invite links are lost with them (the workouts the scores came from stay).

Revision ID: cdb58204fe5a
Revises: b7e3c91d4a20
Create Date: 2026-12-02 10:00:00
"""

import secrets
from collections.abc import Sequence
from datetime import timedelta

import sqlalchemy as sa
from alembic import context, op

revision: str = "cdb58204fe5a"
down_revision: str | None = "b7e3c91d4a20"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DAILY_SCORE_CAP = 500


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("public_id", sa.String(length=16), nullable=True))
        batch.add_column(sa.Column("visibility", sa.String(length=8), server_default="friends", nullable=False))
        batch.create_unique_constraint(batch.f("uq_users_public_id"), ["public_id"])
        batch.create_check_constraint(
            batch.f("ck_users_known_visibility"), "visibility IN ('hidden', 'friends', 'public')"
        )
        batch.create_index("ix_users_visibility_total_xp", ["visibility", "total_xp", "id"])
    op.create_table(
        "friendships",
        sa.Column("low_id", sa.Integer(), nullable=False),
        sa.Column("high_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("requested_by", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.Column("accepted_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint("low_id < high_id", name=op.f("ck_friendships_ordered_pair")),
        sa.CheckConstraint("status IN ('pending', 'accepted')", name=op.f("ck_friendships_known_status")),
        sa.CheckConstraint(
            "requested_by IN (low_id, high_id)", name=op.f("ck_friendships_requested_by_one_of_them")
        ),
        sa.ForeignKeyConstraint(["low_id"], ["users.id"], name=op.f("fk_friendships_low_id_users"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(
            ["high_id"], ["users.id"], name=op.f("fk_friendships_high_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("low_id", "high_id", name=op.f("pk_friendships")),
    )
    op.create_index("ix_friendships_high_id_status", "friendships", ["high_id", "status"])
    op.create_table(
        "player_blocks",
        sa.Column("blocker_id", sa.Integer(), nullable=False),
        sa.Column("blocked_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.CheckConstraint("blocker_id <> blocked_id", name=op.f("ck_player_blocks_not_self")),
        sa.ForeignKeyConstraint(
            ["blocker_id"], ["users.id"], name=op.f("fk_player_blocks_blocker_id_users"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["blocked_id"], ["users.id"], name=op.f("fk_player_blocks_blocked_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("blocker_id", "blocked_id", name=op.f("pk_player_blocks")),
    )
    op.create_index("ix_player_blocks_blocked_id", "player_blocks", ["blocked_id"])
    op.create_table(
        "friend_invites",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_friend_invites_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_friend_invites")),
        sa.UniqueConstraint("code", name=op.f("uq_friend_invites_code")),
    )
    op.create_table(
        "weekly_scores",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("week_start", sa.Date(), nullable=False),
        sa.Column("score", sa.Integer(), server_default="0", nullable=False),
        sa.Column("listed", sa.Boolean(), nullable=False),
        *(sa.Column(f"day{day}_xp", sa.Integer(), server_default="0", nullable=False) for day in range(1, 8)),
        sa.CheckConstraint("score >= 0", name=op.f("ck_weekly_scores_score_non_negative")),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_weekly_scores_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("user_id", "week_start", name=op.f("pk_weekly_scores")),
    )
    op.create_index("ix_weekly_scores_board", "weekly_scores", ["week_start", "listed", "score", "user_id"])
    op.create_table(
        "search_quotas",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("window_start", sa.DateTime(), nullable=False),
        sa.Column("used", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_search_quotas_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_search_quotas")),
    )
    if context.is_offline_mode():
        # The backfills read rows; SQL printed for review (`db upgrade --sql`) can only
        # say so. Running the migration fills them.
        op.execute("-- existing players' public ids and weekly scores are filled when this runs online")
        return
    _give_public_ids()
    _fill_weekly_scores()


def _give_public_ids() -> None:
    bind = op.get_bind()
    users = sa.table("users", sa.column("id", sa.Integer), sa.column("public_id", sa.String))
    ids = [row.id for row in bind.execute(sa.select(users.c.id).where(users.c.public_id.is_(None)))]
    statement = users.update().where(users.c.id == sa.bindparam("uid")).values(public_id=sa.bindparam("pid"))
    for start in range(0, len(ids), 1000):
        bind.execute(statement, [{"uid": uid, "pid": secrets.token_urlsafe(12)} for uid in ids[start : start + 1000]])


def _fill_weekly_scores() -> None:
    bind = op.get_bind()
    workouts = sa.table(
        "workouts", sa.column("user_id", sa.Integer), sa.column("local_date", sa.Date), sa.column("xp_earned", sa.Integer)
    )
    per_day = sa.select(workouts.c.user_id, workouts.c.local_date, sa.func.sum(workouts.c.xp_earned)).group_by(
        workouts.c.user_id, workouts.c.local_date
    )
    weeks: dict[tuple[int, object], dict[str, object]] = {}
    for user_id, day, xp in bind.execute(per_day):
        week_start = day - timedelta(days=day.isoweekday() - 1)
        row = weeks.setdefault(
            (user_id, week_start),
            {"user_id": user_id, "week_start": week_start, "score": 0, "listed": False}
            | {f"day{n}_xp": 0 for n in range(1, 8)},
        )
        row[f"day{day.isoweekday()}_xp"] = int(xp)
        row["score"] = int(row["score"]) + min(int(xp), DAILY_SCORE_CAP)  # type: ignore[call-overload]
    scores = sa.table(
        "weekly_scores",
        sa.column("user_id", sa.Integer),
        sa.column("week_start", sa.Date),
        sa.column("score", sa.Integer),
        sa.column("listed", sa.Boolean),
        *(sa.column(f"day{n}_xp", sa.Integer) for n in range(1, 8)),
    )
    rows = list(weeks.values())
    for start in range(0, len(rows), 1000):
        bind.execute(scores.insert(), rows[start : start + 1000])


def downgrade() -> None:
    op.drop_table("search_quotas")
    op.drop_index("ix_weekly_scores_board", table_name="weekly_scores")
    op.drop_table("weekly_scores")
    op.drop_table("friend_invites")
    op.drop_index("ix_player_blocks_blocked_id", table_name="player_blocks")
    op.drop_table("player_blocks")
    op.drop_index("ix_friendships_high_id_status", table_name="friendships")
    op.drop_table("friendships")
    with op.batch_alter_table("users") as batch:
        batch.drop_index("ix_users_visibility_total_xp")
        batch.drop_constraint(batch.f("ck_users_known_visibility"), type_="check")
        batch.drop_constraint(batch.f("uq_users_public_id"), type_="unique")
        batch.drop_column("visibility")
        batch.drop_column("public_id")
