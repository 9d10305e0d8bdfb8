import secrets
from datetime import date, datetime, time

from sqlalchemy import BigInteger, Boolean, CheckConstraint, Date, Index, Integer, String, Time, false, func, true
from sqlalchemy.orm import Mapped, mapped_column

from bodyweight.models.base import Base, UTCDateTime
from bodyweight.shop.catalogue import DEFAULT_AVATAR_ID


def new_public_id() -> str:
    """A player's name in URLs: 16 random URL-safe characters (96 bits)."""
    return secrets.token_urlsafe(12)


class User(Base):
    __tablename__ = "users"
    # Server defaults (level, coins, timestamps...) come back with the INSERT.
    __mapper_args__ = {"eager_defaults": True}
    __table_args__ = (
        CheckConstraint("coins >= 0", name="coins_non_negative"),
        CheckConstraint("total_xp >= 0", name="total_xp_non_negative"),
        CheckConstraint("level >= 1", name="level_positive"),
        CheckConstraint("current_streak >= 0", name="current_streak_non_negative"),
        CheckConstraint("max_streak >= current_streak", name="max_streak_is_best"),
        CheckConstraint("daily_coins_earned >= 0", name="daily_coins_non_negative"),
        CheckConstraint("visibility IN ('hidden', 'friends', 'public')", name="known_visibility"),
        CheckConstraint("streak_freezes BETWEEN 0 AND 2", name="streak_freezes_range"),
        # Both or neither (NULLs would let a half goal through an OR of the two cases).
        CheckConstraint(
            "(weekly_goal_metric IS NULL) = (weekly_goal_target IS NULL) AND "
            "weekly_goal_metric IN ('workouts', 'minutes', 'xp') AND weekly_goal_target > 0",
            name="weekly_goal_shape",
        ),
        # The all-time board: public players by XP (social.boards).
        Index("ix_users_visibility_total_xp", "visibility", "total_xp", "id"),
        # SQLite: a deleted player's id is never handed to a new player (the
        # sequence on PostgreSQL never reuses one either).
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(32), unique=True)
    display_name: Mapped[str | None] = mapped_column(String(64))
    email: Mapped[str | None] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    telegram_id: Mapped[int | None] = mapped_column(BigInteger, unique=True)
    timezone: Mapped[str] = mapped_column(String(64), server_default="UTC")

    level: Mapped[int] = mapped_column(Integer, server_default="1")
    total_xp: Mapped[int] = mapped_column(BigInteger, server_default="0")
    coins: Mapped[int] = mapped_column(BigInteger, server_default="0")
    current_streak: Mapped[int] = mapped_column(Integer, server_default="0")
    max_streak: Mapped[int] = mapped_column(Integer, server_default="0")
    last_workout_date: Mapped[date | None] = mapped_column(Date)
    # Coins earned from workouts on `daily_coins_date` (the player's local day),
    # kept on the row so the daily cap costs no extra query.
    daily_coins_date: Mapped[date | None] = mapped_column(Date)
    daily_coins_earned: Mapped[int] = mapped_column(Integer, server_default="0")
    avatar_id: Mapped[str] = mapped_column(String(50), server_default=DEFAULT_AVATAR_ID)

    created_at: Mapped[datetime] = mapped_column(UTCDateTime, server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, server_default=func.now(), onupdate=func.now())

    # Added by later revisions, so they come last, as the migrations lay them out.
    locale: Mapped[str] = mapped_column(String(8), server_default="en")
    # A random value every access token carries: changing it revokes them all
    # (sign-out, password change, ban), and a token never fits another player, not
    # even one that reuses an id in a restored or re-created database. A row
    # written outside the app has the empty key, which no token fits.
    token_key: Mapped[str] = mapped_column(String(32), server_default="")
    # Reminders (telegram/): the local time of the daily reminder, or none; the
    # evening notice when a streak would end at midnight; and whether the bot may
    # write at all (off once the player blocks it, on again with /start).
    reminder_time: Mapped[time | None] = mapped_column(Time, nullable=True)
    streak_notice: Mapped[bool] = mapped_column(Boolean, server_default=false())
    bot_messages: Mapped[bool] = mapped_column(Boolean, server_default=true())
    # Social (social/): how other players address this one (random, never the
    # sequential id; given at sign-up, or on first social use to a row written
    # outside the app), and who may see the player: hidden, friends or public.
    public_id: Mapped[str | None] = mapped_column(String(16), unique=True, nullable=True, default=new_public_id)
    visibility: Mapped[str] = mapped_column(String(8), server_default="friends")
    # Set by an operator (`bodyweight users ban`): every request and sign-in of the
    # player is refused with account_suspended until `users unban`.
    banned_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ban_reason: Mapped[str | None] = mapped_column(String(200))
    # Progression (docs/progression.md). Streak freezes held: bought in the shop
    # (a conditional increment below the CHECK's 2), spent by the workout after a
    # missed day. The zone `last_workout_date` was counted in, kept only while the
    # player has moved since (null: their own zone). The weekly goal, if any
    # (bounds per metric in rules.GOAL_TERMS).
    streak_freezes: Mapped[int] = mapped_column(Integer, server_default="0")
    last_workout_zone: Mapped[str | None] = mapped_column(String(64))
    weekly_goal_metric: Mapped[str | None] = mapped_column(String(8))
    weekly_goal_target: Mapped[int | None] = mapped_column(Integer)
