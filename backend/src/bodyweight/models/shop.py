from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column

from bodyweight.models.base import Base, UTCDateTime


class UserAvatarPurchase(Base):
    """An avatar a player bought; the unique pair makes every avatar a one-time buy."""

    __tablename__ = "user_avatar_purchases"
    __table_args__ = (UniqueConstraint("user_id", "avatar_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    avatar_id: Mapped[str] = mapped_column(String(50))
    purchased_at: Mapped[datetime | None] = mapped_column(UTCDateTime, server_default=func.now(), nullable=True)
