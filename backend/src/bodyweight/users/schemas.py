import csv
import io
from datetime import UTC, date, datetime
from typing import Annotated, Any, Literal

from pydantic import Field

from bodyweight import rules
from bodyweight.i18n import Locale
from bodyweight.schemas import AvatarId, PrintableText, Schema
from bodyweight.users.account import AccountData
from bodyweight.users.player import Player


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
    current_streak: int = Field(
        description="Days in a row, as it stands today (0 once broken; kept while streak freezes cover the days missed)"
    )
    max_streak: int
    streak_freezes: int = Field(description="Streak freezes held (0 to 2): each bridges one missed day")
    avatar_id: str
    timezone: str
    locale: Locale
    created_at: datetime
    reminder_time: str | None = Field(description="Local time (HH:MM) of the daily reminder from the bot; null: none")
    streak_notice: bool = Field(description="An evening notice from the bot when the streak ends at midnight")
    bot_messages: bool = Field(description="False once the player blocked the bot (/start turns it on again)")
    telegram: bool = Field(description="The player signed in through Telegram, so the bot can write to them")
    public_id: str | None = Field(description="How other players address this one (friends, boards, cards)")
    visibility: Literal["hidden", "friends", "public"] = Field(description="Who may see the player (social/)")
    telegram_only: bool = Field(
        description="An account made in Telegram, with no password: it confirms deletion with its username"
    )

    @classmethod
    def of(cls, player: Player, now: datetime | None = None) -> "Profile":
        return cls(
            id=player.id,
            username=player.username,
            display_name=player.display_name,
            level=player.level,
            total_xp=player.total_xp,
            level_xp=rules.xp_for_level(player.level),
            next_level_xp=rules.xp_for_level(player.level + 1),
            xp_to_next_level=rules.xp_to_next_level(player.total_xp),
            coins=player.coins,
            current_streak=rules.streak_now(
                now or datetime.now(UTC),
                player.timezone,
                player.last_workout_date,
                player.last_workout_zone,
                player.current_streak,
                player.streak_freezes,
            ),
            max_streak=player.max_streak,
            streak_freezes=player.streak_freezes,
            avatar_id=player.avatar_id,
            timezone=player.timezone,
            locale=player.locale,  # type: ignore[arg-type]  # a str column; validated here as a Locale
            created_at=player.created_at,
            reminder_time=player.reminder_time.strftime("%H:%M") if player.reminder_time else None,
            streak_notice=player.streak_notice,
            bot_messages=player.bot_messages,
            telegram=player.telegram_id is not None,
            public_id=player.public_id,
            visibility=player.visibility,  # type: ignore[arg-type]  # a str column, checked by the database
            telegram_only=not player.has_password,
        )


ReminderTime = Annotated[str, Field(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$", examples=["08:30"])]


class ProfileUpdate(Schema):
    display_name: PrintableText | None = Field(None, min_length=1, max_length=64)
    timezone: str | None = Field(None, max_length=64, examples=["Europe/Moscow"])
    locale: Locale | None = None
    reminder_time: ReminderTime | None = Field(None, description="HH:MM in the player's time zone; null turns it off")
    streak_notice: bool | None = None


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


class ExportedSetRead(Schema):
    position: int
    exercise_id: str
    reps: int | None
    seconds: int | None
    xp: int


class ExportedWorkoutRead(Schema):
    id: int
    started_at: datetime
    finished_at: datetime
    local_date: date
    xp_earned: int
    coins_earned: int
    sets: list[ExportedSetRead]


class AccountExport(Schema):
    """Everything the server holds about the player (no password hash, no keys)."""

    format: Literal["bodyweight-export"] = "bodyweight-export"
    version: Literal[1] = 1
    exported_at: datetime
    account: dict[str, Any] = Field(description="The player's row: profile, progress, coins, identities")
    workouts: list[ExportedWorkoutRead] = Field(description="Oldest first, each with its sets")
    coin_transactions: list[dict[str, Any]] = Field(description="The coin ledger, oldest first")
    avatar_purchases: list[dict[str, Any]]
    other: dict[str, list[dict[str, Any]]] = Field(description="Rows of any other table that belong to the player")

    @classmethod
    def of(cls, data: AccountData, now: datetime | None = None) -> "AccountExport":
        return cls.model_validate(
            {
                "exported_at": now or datetime.now(UTC),
                "account": data.account,
                "workouts": data.workouts,
                "coin_transactions": data.coin_transactions,
                "avatar_purchases": data.avatar_purchases,
                "other": data.other,
            }
        )


SETS_CSV_COLUMNS = (
    "workout_id",
    "started_at",
    "finished_at",
    "local_date",
    "position",
    "exercise_id",
    "reps",
    "seconds",
    "xp",
)


def sets_csv(data: AccountData) -> str:
    """One line per set, with its workout's times: what a spreadsheet wants."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(SETS_CSV_COLUMNS)
    for workout in data.workouts:
        for s in workout.sets:
            writer.writerow(
                [
                    workout.id,
                    workout.started_at.isoformat(),
                    workout.finished_at.isoformat(),
                    workout.local_date.isoformat(),
                    s.position + 1,
                    s.exercise_id,
                    "" if s.reps is None else s.reps,
                    "" if s.seconds is None else s.seconds,
                    s.xp,
                ]
            )
    return out.getvalue()


class AccountDeletion(Schema):
    """The password, or for an account without one (Telegram only) the username."""

    password: str | None = Field(None, min_length=1, max_length=128)
    username: str | None = Field(None, min_length=1, max_length=64, description="Typed again, to confirm")
