from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from bodyweight.models.base import Base, UTCDateTime


class IdempotencyKey(Base):
    """The first response to a spending or earning request, replayed on retries."""

    __tablename__ = "idempotency_keys"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    # Which endpoint and body the key was first used with (a SHA-256 hex digest).
    request_fingerprint: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int] = mapped_column(Integer)
    response_body: Mapped[str] = mapped_column(Text)
    # Indexed for pruning: stored responses expire (`bodyweight idempotency prune`).
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, server_default=func.now(), index=True)
