from datetime import datetime

from pydantic import Field

from bodyweight.achievements.schemas import EarnedAchievementRead
from bodyweight.schemas import Schema


class AvatarRead(Schema):
    id: str
    name: str
    price: int
    required_level: int
    image_url: str
    owned: bool
    equipped: bool
    unlocked: bool = Field(description="The caller's level is high enough to buy it")
    affordable: bool = Field(description="Owned, or the caller has the coins for it")


class PurchaseResult(Schema):
    avatar_id: str
    purchased_at: datetime
    coins: int = Field(description="The balance now, the rewards of `achievements` included")
    achievements: list[EarnedAchievementRead] = Field(description="Shop achievements this purchase has just earned")
