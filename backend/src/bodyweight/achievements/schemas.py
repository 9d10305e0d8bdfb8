from datetime import datetime

from pydantic import Field

from bodyweight.achievements.catalogue import Achievement, Kind
from bodyweight.i18n import Locale
from bodyweight.schemas import Schema


class EarnedAchievementRead(Schema):
    """An achievement a request has just earned (its coins are in the reply's balance)."""

    slug: str
    name: str
    reward_coins: int
    badge_url: str

    @classmethod
    def of(cls, achievement: Achievement, locale: Locale) -> "EarnedAchievementRead":
        return cls(
            slug=achievement.slug,
            name=achievement.name.of(locale),
            reward_coins=achievement.reward,
            badge_url=achievement.badge_url,
        )


class AchievementRead(EarnedAchievementRead):
    kind: Kind = Field(description="What it is about; achievements of one kind share a pictogram")
    description: str
    current: int = Field(
        description="How far the caller is, 0 to `target`: the target once earned; a feat of one workout "
        "(time of day, records, a long workout) shows 0 until done. It may reach the target before the "
        "award, which comes with the next workout or purchase."
    )
    target: int
    earned_at: datetime | None = Field(description="When it was earned; null if not yet")
