from datetime import datetime

from pydantic import Field

from bodyweight.schemas import AvatarId, PrintableText, Schema


class Profile(Schema):
    id: int
    username: str
    display_name: str | None
    level: int
    total_xp: int
    level_xp: int = Field(description="Total XP at which the current level began")
    next_level_xp: int = Field(description="Total XP needed for the next level")
    xp_to_next_level: int
    coins: int
    current_streak: int = Field(description="Days in a row, as it stands today (0 once broken)")
    max_streak: int
    avatar_id: str
    timezone: str
    created_at: datetime


class ProfileUpdate(Schema):
    display_name: PrintableText | None = Field(None, min_length=1, max_length=64)
    timezone: str | None = Field(None, max_length=64, examples=["Europe/Moscow"])


class EquipAvatar(Schema):
    avatar_id: AvatarId


class PurchaseRead(Schema):
    avatar_id: str
    purchased_at: datetime | None


class CoinTransactionRead(Schema):
    id: int
    amount: int
    balance_after: int
    reason: str
    reference: str | None
    created_at: datetime
