"""Game rules of BodyWeight: XP, levels, coins and streaks (PRODUCT.md section 3),
streak freezes, fair play and weekly goals (docs/progression.md).

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

# Streak freezes: 50 coins is about what five ordinary workouts pay, so a freeze
# protects a streak without replacing the training; two held at most bridge a
# weekend, never a holiday.
STREAK_FREEZE_PRICE = 50
MAX_STREAK_FREEZES = 2
# A workout logged on the local day after its own still counts for the streak
# (last night's session, logged this morning); logged later, it is back-dated:
# it scores, but leaves the streak and the freezes as they are.
STREAK_LATE_LOGGING_DAYS = 1


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


def streak_zone(last_workout_zone: str | None, tz_name: str) -> str:
    """The time zone the streak's days are counted in: the one `last_workout_date`
    was counted in when the player has moved since (see `zone_after_move`), else
    the player's own."""
    return last_workout_zone or tz_name


def zone_after_move(
    last_workout_date: date | None, last_workout_zone: str | None, old_zone: str, new_zone: str
) -> str | None:
    """`last_workout_zone` once the player's time zone changes from `old_zone` to
    `new_zone`: the streak goes on counting in the zone its last day was counted
    in, so a move east or west neither skips a day (a freeze spent, a streak
    broken) nor repeats one (a day counted twice). The next counted workout
    brings it to the new zone. None means the player's own zone."""
    if last_workout_date is None:
        return None
    kept = last_workout_zone or old_zone
    return None if kept == new_zone else kept


def missed_days(last_workout_date: date, day: date) -> tuple[date, ...]:
    """The local days strictly between the last counted day and `day`."""
    gap = (day - last_workout_date).days - 1
    return tuple(last_workout_date + timedelta(days=n) for n in range(1, gap + 1))


def is_back_dated(day: date, today: date) -> bool:
    """Whether a workout of local day `day`, logged on `today`, came too late to
    count for the streak (more than STREAK_LATE_LOGGING_DAYS after its day)."""
    return (today - day).days > STREAK_LATE_LOGGING_DAYS


@dataclass(frozen=True)
class StreakStep:
    """What one workout does to the streak."""

    streak: int
    counted: bool  # the workout counted a new day; if not, the streak is as it was
    frozen_days: tuple[date, ...] = ()  # missed days bridged, one freeze each


def step_streak(
    last_workout_date: date | None, current_streak: int, freezes: int, day: date, today: date
) -> StreakStep:
    """The streak after a workout of local day `day` logged on `today` (both in
    the streak's zone) by a player holding `freezes`.

    - Back-dated (`is_back_dated`): nothing changes. It never repairs a broken
      streak, never spends a freeze, never starts a streak.
    - First workout ever -> 1; a day already counted, or an earlier one ->
      unchanged; the day after the last counted one -> +1.
    - Days missed in between: when the freezes held cover every one of them,
      each spends one and the streak goes on (+1; the bridged days add nothing);
      otherwise the streak restarts at 1 and the freezes are kept.
    """
    if is_back_dated(day, today):
        return StreakStep(current_streak, counted=False)
    if last_workout_date is None:
        return StreakStep(1, counted=True)
    if day <= last_workout_date:
        return StreakStep(current_streak, counted=False)
    missed = missed_days(last_workout_date, day)
    if len(missed) <= freezes:
        return StreakStep(current_streak + 1, counted=True, frozen_days=missed)
    return StreakStep(1, counted=True)


def live_streak(last_workout_date: date | None, current_streak: int, today: date, freezes: int = 0) -> int:
    """The streak as it stands on ``today``: alive while the freezes held can bridge
    every day missed since the last workout (yesterday included; today is not over).
    Otherwise it is already broken and counts as 0 (for display and for the XP
    multiplier), even though the stored number is only reset by the next workout."""
    if last_workout_date is None or len(missed_days(last_workout_date, today)) > freezes:
        return 0
    return current_streak


def streak_now(
    moment: datetime,
    tz_name: str,
    last_workout_date: date | None,
    last_workout_zone: str | None,
    current_streak: int,
    freezes: int,
) -> int:
    """The live streak at `moment`, counted in the streak's zone: what a profile,
    a friend's card or the bot shows."""
    today = local_date(moment, streak_zone(last_workout_zone, tz_name))
    return live_streak(last_workout_date, current_streak, today, freezes)


def is_first_of_day(last_workout_date: date | None, today: date) -> bool:
    """Whether a workout on ``today`` is the player's first of that local day.

    False for back-dated workouts: the later date already had one, and we do
    not know whether the earlier day did, so no bonus is the safe answer.
    """
    return last_workout_date is None or last_workout_date < today


# --- Fair play -----------------------------------------------------------------


def workouts_overlap(start: datetime, end: datetime, other_start: datetime, other_end: datetime) -> bool:
    """Whether two workouts of one player overlap in time, so both cannot have
    happened. Back to back (one ends as the next starts) is fine; two that start
    at the same moment always overlap, so zero-length workouts cannot be stacked."""
    return (other_start < end and other_end > start) or other_start == start


# --- Weekly goals --------------------------------------------------------------


@dataclass(frozen=True)
class GoalTerms:
    """The bounds of a weekly target of one metric, and what reaching it pays:
    `coins` per whole `per` units of the target."""

    min_target: int
    max_target: int
    per: int
    coins: int

    def reward(self, target: int) -> int:
        return self.coins * (target // self.per)


# One workout of about 30 minutes and 100 XP is worth 5 coins of weekly reward,
# whichever metric the player counts it by: each target pays 10 to 70 coins, at
# most half of what a week of daily training earns by itself, so the shop stays
# something to save for. A reward grows with the target, so a low target is no
# shortcut, and lowering one mid-week lowers what it pays.
GOAL_TERMS: dict[str, GoalTerms] = {
    "workouts": GoalTerms(min_target=2, max_target=14, per=1, coins=5),
    "minutes": GoalTerms(min_target=60, max_target=420, per=6, coins=1),
    "xp": GoalTerms(min_target=200, max_target=1400, per=20, coins=1),
}
GOAL_METRICS = tuple(GOAL_TERMS)


def week_start(day: date) -> date:
    """The Monday of the ISO week holding `day`."""
    return day - timedelta(days=day.isoweekday() - 1)


@dataclass(frozen=True)
class WeekProgress:
    """A player's week so far, from the workouts of its local days."""

    workouts: int = 0
    seconds: int = 0
    xp: int = 0

    def of(self, metric: str) -> int:
        """Progress in `metric`; minutes are whole minutes of the week's total."""
        return {"workouts": self.workouts, "minutes": self.seconds // 60, "xp": self.xp}[metric]


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
    streak_freezes: int = 0
    # The zone `last_workout_date` was counted in, if the player moved since.
    last_workout_zone: str | None = None


PROGRESS_COLUMNS = (
    "total_xp",
    "level",
    "current_streak",
    "max_streak",
    "last_workout_date",
    "daily_coins_earned",
    "daily_coins_date",
    "streak_freezes",
    "last_workout_zone",
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
    current_streak: int  # as stored: a broken run is only reset by a counted workout
    max_streak: int
    last_workout_date: date | None
    daily_coins_earned: int
    daily_coins_date: date
    local_date: date
    first_of_day: bool
    streak_before: int
    coins: CoinBreakdown
    streak_now: int  # the live streak once this workout is in: what the player sees
    streak_counted: bool  # False for a back-dated workout or a day already counted
    frozen_days: tuple[date, ...]  # missed days this workout bridged, one freeze each
    streak_freezes: int  # freezes held afterwards
    last_workout_zone: str | None


def score_workout(
    player: PlayerState,
    sets: Sequence[SetInput],
    started_at: datetime,
    finished_at: datetime,
    tz_name: str = DEFAULT_TIME_ZONE,
    logged_at: datetime | None = None,
) -> WorkoutOutcome:
    """Everything a finished workout changes for the player, computed purely.

    The workout belongs to the local date of ``finished_at`` in the player's zone
    (history, the daily coin cap, weekly scores and goals). The streak counts its
    days in the streak's zone (`streak_zone`) and judges lateness by
    ``logged_at`` (default: when it finished). Coins count against one running
    daily total: it restarts at 0 on a new local day, but a back-dated workout
    is charged to the newest day's total, so back-dating can't be used to
    sidestep the daily cap.
    """
    if finished_at < started_at:
        raise ValueError("finished_at must not be before started_at")
    logged_at = logged_at or finished_at
    day = local_date(finished_at, tz_name)
    zone = streak_zone(player.last_workout_zone, tz_name)
    streak_day, logged_on = local_date(finished_at, zone), local_date(logged_at, zone)
    last, freezes = player.last_workout_date, player.streak_freezes

    step = step_streak(last, player.current_streak, freezes, streak_day, logged_on)
    first_of_day = not is_back_dated(streak_day, logged_on) and is_first_of_day(last, streak_day)
    streak_before = live_streak(last, player.current_streak, streak_day, freezes)
    last_zone = player.last_workout_zone
    if step.counted:
        # From here on the streak counts in the player's own zone; after a move the
        # day just counted stays as many days before today as it was in the old one.
        last = streak_day + (local_date(logged_at, tz_name) - logged_on)
        zone, last_zone = tz_name, None
    freezes -= len(step.frozen_days)
    streak = live_streak(last, step.streak, local_date(logged_at, zone), freezes)

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
        current_streak=step.streak,
        max_streak=max(player.max_streak, step.streak),
        last_workout_date=last,
        daily_coins_earned=already_earned + coins,
        daily_coins_date=coins_day,
        local_date=day,
        first_of_day=first_of_day,
        streak_before=streak_before,
        coins=replace(breakdown, cut_by_daily_cap=breakdown.before_cap - coins),
        streak_now=streak,
        streak_counted=step.counted,
        frozen_days=step.frozen_days,
        streak_freezes=freezes,
        last_workout_zone=last_zone,
    )
