from datetime import date, datetime

from sqlalchemy import BigInteger, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column

from bodyweight.models.base import Base, UTCDateTime


class Notification(Base):
    """A notice in the player's app (achievement earned, goal reached, friend
    request...). `dedupe_key` makes each one exactly-once per player."""

    __tablename__ = "notifications"
    __table_args__ = (UniqueConstraint("user_id", "dedupe_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(32))
    # JSON object: what the kind needs to be said in any language.
    params: Mapped[str] = mapped_column(Text, server_default="{}")
    dedupe_key: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, server_default=func.now())
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class OutboxMessage(Base):
    """A Telegram message to send, written in the transaction that decided it.

    The unique (player, kind, local date, dedupe key) makes enqueueing
    idempotent: a reminder is one row per player and local day whoever schedules
    it and however often. Only `bodyweight worker` sends them (telegram/worker.py).
    """

    __tablename__ = "telegram_outbox"
    __table_args__ = (
        UniqueConstraint("user_id", "kind", "local_date", "dedupe_key"),
        Index("ix_telegram_outbox_status_next_attempt_at", "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(32))
    local_date: Mapped[date] = mapped_column(Date)
    dedupe_key: Mapped[str] = mapped_column(String(100), server_default="")
    params: Mapped[str] = mapped_column(Text, server_default="{}")
    # pending -> sent, or failed (retries used up), or dropped (player unreachable)
    status: Mapped[str] = mapped_column(String(16), server_default="pending")
    attempts: Mapped[int] = mapped_column(Integer, server_default="0")
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, server_default=func.now())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, server_default=func.now())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    telegram_message_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    last_error: Mapped[str | None] = mapped_column(String(200), nullable=True)
