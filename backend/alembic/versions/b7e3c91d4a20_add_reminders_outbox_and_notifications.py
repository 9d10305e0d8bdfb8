"""Reminder settings on users, the Telegram outbox, and in-app notifications.

users.reminder_time is the player's local time for the daily reminder (none by
default), users.streak_notice asks for the evening "your streak ends at
midnight" notice, users.bot_messages turns off once the player blocks the bot.
telegram_outbox holds every message to send, one row per (player, kind, local
date, dedupe key); notifications holds the notices shown in the app.

Revision ID: b7e3c91d4a20
Revises: 2693288871ab
Create Date: 2026-12-01 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "b7e3c91d4a20"
down_revision: str | None = "2693288871ab"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("reminder_time", sa.Time(), nullable=True))
        batch.add_column(sa.Column("streak_notice", sa.Boolean(), server_default=sa.false(), nullable=False))
        batch.add_column(sa.Column("bot_messages", sa.Boolean(), server_default=sa.true(), nullable=False))
    op.create_table(
        "notifications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("params", sa.Text(), server_default="{}", nullable=False),
        sa.Column("dedupe_key", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.Column("read_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_notifications_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notifications")),
        sa.UniqueConstraint("user_id", "dedupe_key", name=op.f("uq_notifications_user_id_dedupe_key")),
    )
    op.create_table(
        "telegram_outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("local_date", sa.Date(), nullable=False),
        sa.Column("dedupe_key", sa.String(length=100), server_default="", nullable=False),
        sa.Column("params", sa.Text(), server_default="{}", nullable=False),
        sa.Column("status", sa.String(length=16), server_default="pending", nullable=False),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.Column("created_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("telegram_message_id", sa.BigInteger(), nullable=True),
        sa.Column("last_error", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_telegram_outbox_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_telegram_outbox")),
        sa.UniqueConstraint(
            "user_id",
            "kind",
            "local_date",
            "dedupe_key",
            name=op.f("uq_telegram_outbox_user_id_kind_local_date_dedupe_key"),
        ),
    )
    op.create_index(
        "ix_telegram_outbox_status_next_attempt_at", "telegram_outbox", ["status", "next_attempt_at"]
    )


def downgrade() -> None:
    op.drop_index("ix_telegram_outbox_status_next_attempt_at", table_name="telegram_outbox")
    op.drop_table("telegram_outbox")
    op.drop_table("notifications")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("bot_messages")
        batch.drop_column("streak_notice")
        batch.drop_column("reminder_time")
