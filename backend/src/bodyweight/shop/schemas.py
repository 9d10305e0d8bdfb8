from datetime import datetime

from bodyweight.schemas import Schema


class AvatarRead(Schema):
    id: str
    name: str
    price: int
    required_level: int
    image_url: str
    owned: bool
    equipped: bool


class PurchaseResult(Schema):
    avatar_id: str
    purchased_at: datetime
    coins: int
