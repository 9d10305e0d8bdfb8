"""Friends, blocks, invite links, the weekly score boards read, and the search quota.

Players are named to each other by `users.public_id` (random), never by `users.id`.
"""

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from bodyweight.models.base import Base, UTCDateTime


class Friendship(Base):
    """One row per pair of players, whoever asked first: a pending request
    (`requested_by` asked) or, once accepted, a friendship. The pair's primary
    key makes two players who ask each other at once end up with one row."""

    __tablename__ = "friendships"
    __table_args__ = (
        CheckConstraint("low_id < high_id", name="ordered_pair"),
        CheckConstraint("status IN ('pending', 'accepted')", name="known_status"),
        CheckConstraint("requested_by IN (low_id, high_id)", name="requested_by_one_of_them"),
        # The pair's key finds the rows of `low_id`; this one those of `high_id`.
        Index("ix_friendships_high_id_status", "high_id", "status"),
    )

    low_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    high_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    status: Mapped[str] = mapped_column(String(8))
    requested_by: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, server_default=func.now())
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class PlayerBlock(Base):
    """`blocker_id` blocked `blocked_id`: the blocked player can neither ask nor see."""

    __tablename__ = "player_blocks"
    __table_args__ = (
        CheckConstraint("blocker_id <> blocked_id", name="not_self"),
        Index("ix_player_blocks_blocked_id", "blocked_id"),
    )

    blocker_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    blocked_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, server_default=func.now())


class FriendInvite(Base):
    """The player's personal invite link (web `/invite?code=`, Telegram `startapp`);
    replacing the code retires the old link."""

    __tablename__ = "friend_invites"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, server_default=func.now())


class WeeklyScore(Base):
    """A player's score of one ISO week of their own calendar (`week_start`, a
    Monday), kept by the workout's transaction: XP earned per local day
    (`day1_xp` Monday .. `day7_xp` Sunday) and `score`, the sum of each day's XP
    up to the daily cap (social.scores). `listed` copies `users.visibility =
    'public'`, so the global board is one index range."""

    __tablename__ = "weekly_scores"
    __table_args__ = (
        CheckConstraint("score >= 0", name="score_non_negative"),
        Index("ix_weekly_scores_board", "week_start", "listed", "score", "user_id"),
    )

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    week_start: Mapped[date] = mapped_column(Date, primary_key=True)
    score: Mapped[int] = mapped_column(Integer, server_default="0")
    listed: Mapped[bool] = mapped_column(Boolean)
    day1_xp: Mapped[int] = mapped_column(Integer, server_default="0")
    day2_xp: Mapped[int] = mapped_column(Integer, server_default="0")
    day3_xp: Mapped[int] = mapped_column(Integer, server_default="0")
    day4_xp: Mapped[int] = mapped_column(Integer, server_default="0")
    day5_xp: Mapped[int] = mapped_column(Integer, server_default="0")
    day6_xp: Mapped[int] = mapped_column(Integer, server_default="0")
    day7_xp: Mapped[int] = mapped_column(Integer, server_default="0")


class WeeklyScoreTally(Base):
    """How many listed players (`weekly_scores.listed`) hold each positive score
    of a week: the global week board counts the players above the caller as the
    sum of `players` over the scores above theirs, a few hundred rows of this
    table instead of every listed score of the week (docs/architecture.md).

    Kept exact in the transaction of every write that changes a listed score or
    whether it is listed (social.tally). A score of 0 is never counted: it ranks
    above no one. A row whose count went back to 0 stays, holding 0."""

    __tablename__ = "weekly_score_tally"
    __table_args__ = (
        CheckConstraint("score > 0", name="score_positive"),
        CheckConstraint("players >= 0", name="players_non_negative"),
    )

    week_start: Mapped[date] = mapped_column(Date, primary_key=True)
    score: Mapped[int] = mapped_column(Integer, primary_key=True)
    players: Mapped[int] = mapped_column(Integer)


class SearchQuota(Base):
    """How many searches by username the player made in the current window."""

    __tablename__ = "search_quotas"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    window_start: Mapped[datetime] = mapped_column(UTCDateTime)
    used: Mapped[int] = mapped_column(Integer)
