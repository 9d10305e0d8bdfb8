from datetime import date, datetime

from pydantic import Field

from bodyweight.schemas import Schema


class FrozenDayRead(Schema):
    day: date = Field(description="The missed local day the freeze bridged")
    workout_id: int | None = Field(description="The workout that came next and spent it")
    used_at: datetime


class StreakFreezesRead(Schema):
    """Streak freezes: held, what one costs, and the days they bridged."""

    held: int
    max_held: int
    price: int = Field(description="Coins per freeze")
    uses: list[FrozenDayRead] = Field(description="Days bridged, newest first (the last 50)")


class FreezePurchaseResult(Schema):
    held: int = Field(description="Freezes held now")
    price: int
    coins: int = Field(description="The balance now")
