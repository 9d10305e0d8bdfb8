"""Game rules of BodyWeight: XP, levels, coins and streaks (PRODUCT.md section 3).

Pure functions only: no I/O, no clock, no database. The service layer gathers
the inputs, calls ``score_workout`` and stores the outcome.

Multipliers are exact ``Fraction``s built from decimal strings, so ``floor``
never lands one below the intended value (in floats 15 * 1.8 is 26.999...).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from fractions import Fraction
from zoneinfo import ZoneInfo

# --- Bounds, enforced by validation elsewhere -------------------------------

MIN_SETS = 1
MAX_SETS = 100
MIN_REPS = 1
MAX_REPS = 1000
MIN_SECONDS = 1
MAX_SECONDS = 3600
MAX_WORKOUT_DURATION = timedelta(hours=6)
MAX_WORKOUT_AGE = timedelta(days=7)

# --- Tuning constants (exact decimals) --------------------------------------

XP_PER_LEVEL_STEP = 100  # level L needs XP_PER_LEVEL_STEP * (L-1)^2 XP
MIN_DIFFICULTY = 1
MAX_DIFFICULTY = 5
DIFFICULTY_STEP = Fraction("0.25")
VOLUME_PER_REP_LOW = Fraction("0.02")  # up to VOLUME_KNEE reps
VOLUME_KNEE = 20
VOLUME_BASE_HIGH = Fraction("1.4")
VOLUME_PER_REP_HIGH = Fraction("0.01")  # beyond VOLUME_KNEE reps
VOLUME_MAX = Fraction(2)
SECONDS_PER_REP = 10
STREAK_STEP = Fraction("0.0167")
STREAK_MULTIPLIER_CAP = 30  # days; longer streaks earn no extra XP
FIRST_OF_DAY_BONUS = Fraction("1.2")

XP_PER_COIN = 20
STREAK_WEEK = 7
MAX_STREAK_COINS = 4
LONG_WORKOUT = timedelta(minutes=45)
LONG_WORKOUT_COINS = 1
COINS_PER_LEVEL = 5
DAILY_COIN_CAP = 200

DEFAULT_TIME_ZONE = "UTC"


# --- Levels ------------------------------------------------------------------


def xp_for_level(level: int) -> int:
    """Total XP needed to reach ``level`` (level 1 is free)."""
    if level < 1:
        raise ValueError(f"level must be >= 1, got {level}")
    return XP_PER_LEVEL_STEP * (level - 1) ** 2


def level_for_xp(total_xp: int) -> int:
    """Level held with ``total_xp``; integer square root keeps boundaries exact.

    floor(sqrt(floor(x / 100))) == floor(sqrt(x / 100)) for integers x >= 0.
    """
    if total_xp < 0:
        raise ValueError(f"total_xp must be >= 0, got {total_xp}")
    return math.isqrt(total_xp // XP_PER_LEVEL_STEP) + 1


def xp_to_next_level(total_xp: int) -> int:
    """XP still missing to reach the next level (always >= 1)."""
    return xp_for_level(level_for_xp(total_xp) + 1) - total_xp


# --- XP of a set -------------------------------------------------------------


def difficulty_multiplier(difficulty: int) -> Fraction:
    """1.0 for difficulty 1 up to 2.0 for difficulty 5."""
    if not MIN_DIFFICULTY <= difficulty <= MAX_DIFFICULTY:
        raise ValueError(f"difficulty must be in {MIN_DIFFICULTY}..{MAX_DIFFICULTY}, got {difficulty}")
    return 1 + (difficulty - 1) * DIFFICULTY_STEP


def volume_multiplier(reps: int) -> Fraction:
    """Rewards volume, steeply up to 20 reps, then gently, capped at 2.0."""
    if reps < 0:
        raise ValueError(f"reps must be >= 0, got {reps}")
    if reps <= VOLUME_KNEE:
        return 1 + VOLUME_PER_REP_LOW * reps
    return min(VOLUME_MAX, VOLUME_BASE_HIGH + VOLUME_PER_REP_HIGH * (reps - VOLUME_KNEE))


def effective_reps(*, reps: int | None = None, seconds: int | None = None) -> int:
    """Reps a set counts as; a timed set counts 10 s as one rep, at least one."""
    if (reps is None) == (seconds is None):
        raise ValueError("give exactly one of reps or seconds")
    if reps is not None:
        if reps < 0:
            raise ValueError(f"reps must be >= 0, got {reps}")
        return reps
    assert seconds is not None  # exactly one of the two was given
    if seconds < 0:
        raise ValueError(f"seconds must be >= 0, got {seconds}")
    return max(1, seconds // SECONDS_PER_REP)


def streak_multiplier(streak: int) -> Fraction:
    """Up to +50.1 % for a streak of 30 days or more."""
    return 1 + min(max(streak, 0), STREAK_MULTIPLIER_CAP) * STREAK_STEP


def set_xp(
    base_xp: int,
    difficulty: int,
    *,
    reps: int | None = None,
    seconds: int | None = None,
    streak_before: int,
    first_of_day: bool,
) -> int:
    """XP of one set, using the streak held *before* this workout."""
    exact_xp = (
        base_xp
        * difficulty_multiplier(difficulty)
        * volume_multiplier(effective_reps(reps=reps, seconds=seconds))
        * streak_multiplier(streak_before)
        * (FIRST_OF_DAY_BONUS if first_of_day else 1)
    )
    return math.floor(exact_xp)


# --- Coins -------------------------------------------------------------------


@dataclass(frozen=True)
class CoinBreakdown:
    """Where a workout's coins come from, so the player can see why."""

    from_xp: int
    streak_bonus: int
    long_workout_bonus: int
    level_bonus: int
    cut_by_daily_cap: int = 0

    @property
    def before_cap(self) -> int:
        return self.from_xp + self.streak_bonus + self.long_workout_bonus + self.level_bonus

    @property
    def earned(self) -> int:
        return self.before_cap - self.cut_by_daily_cap


def coin_breakdown(workout_xp: int, streak: int, duration: timedelta, levels_gained: int) -> CoinBreakdown:
    """Coins earned by a workout, before the daily cap, term by term.

    ``streak`` is the streak *after* this workout is counted: it is the streak
    the player now holds and sees, so finishing day 7 already pays the
    week-streak coin.
    """
    return CoinBreakdown(
        from_xp=workout_xp // XP_PER_COIN,
        streak_bonus=min(streak // STREAK_WEEK, MAX_STREAK_COINS),
        long_workout_bonus=LONG_WORKOUT_COINS if duration >= LONG_WORKOUT else 0,
        level_bonus=COINS_PER_LEVEL * levels_gained,
    )


def workout_coins(workout_xp: int, streak: int, duration: timedelta, levels_gained: int) -> int:
    """Coins earned by a workout, before the daily cap."""
    return coin_breakdown(workout_xp, streak, duration, levels_gained).before_cap


def capped_coins(earned: int, already_earned_today: int) -> int:
    """Part of ``earned`` that fits under the daily cap; never negative."""
    return max(0, min(earned, DAILY_COIN_CAP - already_earned_today))


# --- Streaks -----------------------------------------------------------------


def local_date(moment: datetime, tz_name: str = DEFAULT_TIME_ZONE) -> date:
    """Calendar date of an aware ``moment`` in the player's IANA time zone."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("moment must be timezone-aware")
    return moment.astimezone(ZoneInfo(tz_name)).date()


def next_streak(last_workout_date: date | None, current_streak: int, today: date) -> int:
    """Streak after a workout on local date ``today``.

    A back-dated workout (``today`` before ``last_workout_date``) leaves the
    streak unchanged: it was logged after a later one, so it can neither
    extend nor break the run that already ended on the later date.
    """
    if last_workout_date is None:
        return 1
    if today <= last_workout_date:
        return current_streak
    if today - last_workout_date == timedelta(days=1):
        return current_streak + 1
    return 1


def live_streak(last_workout_date: date | None, current_streak: int, today: date) -> int:
    """The streak as it stands on ``today``: a run whose last workout is older
    than yesterday is already broken, so it counts as 0 (for display and for the
    XP multiplier), even though the stored number is only reset by the next workout."""
    if last_workout_date is None or today - last_workout_date > timedelta(days=1):
        return 0
    return current_streak


def is_first_of_day(last_workout_date: date | None, today: date) -> bool:
    """Whether a workout on ``today`` is the player's first of that local day.

    False for back-dated workouts: the later date already had one, and we do
    not know whether the earlier day did, so no bonus is the safe answer.
    """
    return last_workout_date is None or last_workout_date < today


# --- A whole workout ---------------------------------------------------------


@dataclass(frozen=True)
class SetInput:
    base_xp: int
    difficulty: int
    reps: int | None = None
    seconds: int | None = None


@dataclass(frozen=True)
class PlayerState:
    """The player's progress as the rules see it; the names are the columns'."""

    total_xp: int = 0
    current_streak: int = 0
    max_streak: int = 0
    last_workout_date: date | None = None
    # Coins earned from workouts on `daily_coins_date` (the newest local day).
    daily_coins_earned: int = 0
    daily_coins_date: date | None = None


PROGRESS_COLUMNS = (
    "total_xp",
    "level",
    "current_streak",
    "max_streak",
    "last_workout_date",
    "daily_coins_earned",
    "daily_coins_date",
)
"""What a workout changes on the player's row: fields of WorkoutOutcome named as
the columns they are stored in."""


@dataclass(frozen=True)
class WorkoutOutcome:
    set_xp: tuple[int, ...]
    xp_earned: int
    coins_earned: int
    total_xp: int
    level: int
    levels_gained: int
    level_up: bool
    current_streak: int
    max_streak: int
    last_workout_date: date
    daily_coins_earned: int
    daily_coins_date: date
    local_date: date
    first_of_day: bool
    streak_before: int
    coins: CoinBreakdown


def score_workout(
    player: PlayerState,
    sets: Sequence[SetInput],
    started_at: datetime,
    finished_at: datetime,
    tz_name: str = DEFAULT_TIME_ZONE,
) -> WorkoutOutcome:
    """Everything a finished workout changes for the player, computed purely.

    The workout belongs to the local date of ``finished_at``. Coins count
    against one running daily total: it restarts at 0 on a new local day,
    but a back-dated workout is charged to the newest day's total, so
    back-dating can't be used to sidestep the daily cap.
    """
    if finished_at < started_at:
        raise ValueError("finished_at must not be before started_at")
    day = local_date(finished_at, tz_name)
    first_of_day = is_first_of_day(player.last_workout_date, day)
    streak_before = live_streak(player.last_workout_date, player.current_streak, day)

    xp_per_set = tuple(
        set_xp(
            s.base_xp,
            s.difficulty,
            reps=s.reps,
            seconds=s.seconds,
            streak_before=streak_before,
            first_of_day=first_of_day,
        )
        for s in sets
    )
    xp_earned = sum(xp_per_set)
    total_xp = player.total_xp + xp_earned
    level = level_for_xp(total_xp)
    levels_gained = level - level_for_xp(player.total_xp)

    streak = next_streak(player.last_workout_date, player.current_streak, day)

    if player.daily_coins_date is None or player.daily_coins_date < day:
        coins_day, already_earned = day, 0
    else:
        coins_day, already_earned = player.daily_coins_date, player.daily_coins_earned
    breakdown = coin_breakdown(xp_earned, streak, finished_at - started_at, levels_gained)
    coins = capped_coins(breakdown.before_cap, already_earned)

    return WorkoutOutcome(
        set_xp=xp_per_set,
        xp_earned=xp_earned,
        coins_earned=coins,
        total_xp=total_xp,
        level=level,
        levels_gained=levels_gained,
        level_up=levels_gained > 0,
        current_streak=streak,
        max_streak=max(player.max_streak, streak),
        last_workout_date=max(player.last_workout_date or day, day),
        daily_coins_earned=already_earned + coins,
        daily_coins_date=coins_day,
        local_date=day,
        first_of_day=first_of_day,
        streak_before=streak_before,
        coins=replace(breakdown, cut_by_daily_cap=breakdown.before_cap - coins),
    )
