from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column

from bodyweight.models.base import Base, UTCDateTime


class UserAchievement(Base):
    """An achievement a player has earned. Achievements themselves are shipped data
    (achievements/data/achievements.toml), named here by slug; the unique pair makes
    each one earned, and paid, at most once. Table, slug column and constraint name
    are the earlier app's, so its earned achievements map onto these rows."""

    __tablename__ = "user_achievements"
    __table_args__ = (UniqueConstraint("user_id", "achievement_slug", name="uq_user_achievement"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    achievement_slug: Mapped[str] = mapped_column(String(100))
    earned_at: Mapped[datetime] = mapped_column(UTCDateTime, server_default=func.now())
