"""Unit tests for the game rules (PRODUCT.md section 3), hand-computed numbers."""

import math
from datetime import UTC, date, datetime, timedelta, timezone
from fractions import Fraction

import pytest

from bodyweight import rules
from bodyweight.rules import (
    DAILY_COIN_CAP,
    MAX_REPS,
    MAX_SECONDS,
    MAX_SETS,
    MAX_WORKOUT_AGE,
    MAX_WORKOUT_DURATION,
    MIN_REPS,
    MIN_SECONDS,
    MIN_SETS,
    CoinBreakdown,
    PlayerState,
    SetInput,
    WorkoutOutcome,
    capped_coins,
    difficulty_multiplier,
    effective_reps,
    is_first_of_day,
    level_for_xp,
    local_date,
    score_workout,
    set_xp,
    step_streak,
    streak_multiplier,
    volume_multiplier,
    workout_coins,
    xp_for_level,
    xp_to_next_level,
)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


# --- Bounds --------------------------------------------------------------------


def test_bounds_constants():
    assert (MIN_SETS, MAX_SETS) == (1, 100)
    assert (MIN_REPS, MAX_REPS) == (1, 1000)
    assert (MIN_SECONDS, MAX_SECONDS) == (1, 3600)
    assert MAX_WORKOUT_DURATION == timedelta(hours=6)
    assert MAX_WORKOUT_AGE == timedelta(days=7)
    assert DAILY_COIN_CAP == 200


# --- Levels --------------------------------------------------------------------

BIG = 10**10 + 1  # 100 * BIG^2 > 2^53: float sqrt would misplace the boundary


@pytest.mark.parametrize(
    ("total_xp", "level"),
    [
        (0, 1),
        (1, 1),
        (99, 1),
        (100, 2),
        (399, 2),
        (400, 3),
        (899, 3),
        (900, 4),
        (100 * 99**2 - 1, 99),
        (100 * 99**2, 100),
        (100 * (BIG - 1) ** 2 - 1, BIG - 1),
        (100 * (BIG - 1) ** 2, BIG),
        (100 * BIG**2 - 1, BIG),
        (100 * BIG**2, BIG + 1),
    ],
)
def test_level_for_xp(total_xp, level):
    assert level_for_xp(total_xp) == level


@pytest.mark.parametrize(
    ("level", "xp"),
    [(1, 0), (2, 100), (3, 400), (4, 900), (11, 10_000), (BIG + 1, 100 * BIG**2)],
)
def test_xp_for_level(level, xp):
    assert xp_for_level(level) == xp
    assert level_for_xp(xp) == level
    if xp:
        assert level_for_xp(xp - 1) == level - 1


@pytest.mark.parametrize(
    ("total_xp", "missing"),
    [(0, 100), (99, 1), (100, 300), (399, 1), (400, 500), (100 * BIG**2 - 1, 1)],
)
def test_xp_to_next_level(total_xp, missing):
    assert xp_to_next_level(total_xp) == missing


@pytest.mark.parametrize(("func", "arg"), [(xp_for_level, 0), (level_for_xp, -1)])
def test_level_functions_reject_out_of_range(func, arg):
    with pytest.raises(ValueError):
        func(arg)


# --- Multipliers ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("difficulty", "multiplier"),
    [(1, "1"), (2, "1.25"), (3, "1.5"), (4, "1.75"), (5, "2")],
)
def test_difficulty_multiplier(difficulty, multiplier):
    assert difficulty_multiplier(difficulty) == Fraction(multiplier)


@pytest.mark.parametrize("difficulty", [0, 6, -1])
def test_difficulty_out_of_range_is_rejected(difficulty):
    with pytest.raises(ValueError):
        difficulty_multiplier(difficulty)
    with pytest.raises(ValueError):
        set_xp(10, difficulty, reps=10, streak_before=0, first_of_day=False)


@pytest.mark.parametrize(
    ("reps", "multiplier"),
    [
        (0, "1"),
        (1, "1.02"),
        (10, "1.2"),
        (20, "1.4"),  # last rep of the steep part
        (21, "1.41"),  # 1.4 + 0.01 * 1
        (50, "1.7"),
        (80, "2"),  # 1.4 + 0.01 * 60 reaches the cap exactly
        (81, "2"),  # capped
        (1000, "2"),
    ],
)
def test_volume_multiplier(reps, multiplier):
    assert volume_multiplier(reps) == Fraction(multiplier)


@pytest.mark.parametrize(
    ("kwargs", "reps"),
    [({"reps": 0}, 0), ({"reps": 12}, 12)]
    + [({"seconds": s}, 1) for s in range(10)]
    + [
        ({"seconds": 10}, 1),
        ({"seconds": 19}, 1),
        ({"seconds": 20}, 2),
        ({"seconds": 35}, 3),
        ({"seconds": 3600}, 360),
    ],
)
def test_effective_reps(kwargs, reps):
    assert effective_reps(**kwargs) == reps


@pytest.mark.parametrize("kwargs", [{}, {"reps": 5, "seconds": 30}, {"reps": -1}, {"seconds": -10}])
def test_effective_reps_rejects_bad_input(kwargs):
    with pytest.raises(ValueError):
        effective_reps(**kwargs)


@pytest.mark.parametrize(
    ("streak", "multiplier"),
    [
        (0, "1"),
        (1, "1.0167"),
        (7, "1.1169"),
        (29, "1.4843"),
        (30, "1.501"),
        (31, "1.501"),  # capped at 30 days
        (365, "1.501"),
    ],
)
def test_streak_multiplier(streak, multiplier):
    assert streak_multiplier(streak) == Fraction(multiplier)


# --- XP of a set -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("base", "difficulty", "amount", "streak", "first", "xp"),
    [
        # 10 * 1 * 1.2 * 1 * 1 = 12
        (10, 1, {"reps": 10}, 0, False, 12),
        # 10 * 1 * 1.2 * 1 * 1.2 = 14.4
        (10, 1, {"reps": 10}, 0, True, 14),
        # 20 * 1.5 * 1.06 (35 s = 3 reps) * 1 * 1.2 = 38.16
        (20, 3, {"seconds": 35}, 0, True, 38),
        # 10 * 1 * 1.02 (5 s counts as 1 rep) = 10.2
        (10, 1, {"seconds": 5}, 0, False, 10),
        # 100 * 2 * 2 * 1.501 * 1.2 = 720.48; streak 40 counts as 30
        (100, 5, {"reps": 500}, 40, True, 720),
        # 100 * 1.25 * 1.1 * 1.1169 = 153.57375
        (100, 2, {"reps": 5}, 7, False, 153),
    ],
)
def test_set_xp(base, difficulty, amount, streak, first, xp):
    assert set_xp(base, difficulty, **amount, streak_before=streak, first_of_day=first) == xp


@pytest.mark.parametrize(
    ("base", "difficulty", "reps", "first", "xp"),
    [
        (15, 1, 60, False, 27),  # 15 * 1.8 = 27; float: 26.999999999999996
        (10, 3, 60, False, 27),  # 10 * 1.5 * 1.8 = 27
        (10, 2, 60, True, 27),  # 10 * 1.25 * 1.8 * 1.2 = 27
        (20, 4, 60, False, 63),  # 20 * 1.75 * 1.8 = 63
        (50, 4, 20, True, 147),  # 50 * 1.75 * 1.4 * 1.2 = 147
        (50, 5, 60, True, 216),  # 50 * 2 * 1.8 * 1.2 = 216
    ],
)
def test_set_xp_exact_at_integer_products(base, difficulty, reps, first, xp):
    naive_float = (
        base
        * (1 + (difficulty - 1) * 0.25)
        * (1.4 + 0.01 * (reps - 20) if reps > 20 else 1 + 0.02 * reps)
        * (1.2 if first else 1.0)
    )
    assert math.floor(naive_float) == xp - 1  # the trap is real...
    assert set_xp(base, difficulty, reps=reps, streak_before=0, first_of_day=first) == xp  # ...and avoided


# --- Coins -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("xp", "streak", "minutes", "levels", "coins"),
    [
        (0, 0, 0, 0, 0),
        (19, 0, 10, 0, 0),
        (20, 0, 10, 0, 1),  # 1 coin per 20 XP
        (59, 0, 10, 0, 2),
        (0, 6, 10, 0, 0),
        (0, 7, 10, 0, 1),  # one coin per full week of streak
        (0, 13, 10, 0, 1),
        (0, 14, 10, 0, 2),
        (0, 28, 10, 0, 4),
        (0, 100, 10, 0, 4),  # capped at 4
        (0, 0, 44, 0, 0),
        (0, 0, 45, 0, 1),  # 45 min or more
        (0, 0, 360, 0, 1),
        (0, 0, 0, 1, 5),  # 5 per level gained
        (0, 0, 0, 3, 15),
        (130, 21, 50, 2, 6 + 3 + 1 + 10),
    ],
)
def test_workout_coins(xp, streak, minutes, levels, coins):
    assert workout_coins(xp, streak, timedelta(minutes=minutes), levels) == coins


def test_workout_coins_long_workout_boundary_is_exact():
    assert workout_coins(0, 0, timedelta(minutes=45) - timedelta(microseconds=1), 0) == 0


@pytest.mark.parametrize(
    ("earned", "already", "granted"),
    [
        (10, 0, 10),
        (200, 0, 200),
        (250, 0, 200),
        (10, 190, 10),
        (11, 190, 10),
        (10, 200, 0),
        (10, 250, 0),  # never negative, even if over the cap already
        (0, 0, 0),
    ],
)
def test_capped_coins(earned, already, granted):
    assert capped_coins(earned, already) == granted


# --- Streaks -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "tz_name", "day"),
    [
        (utc(2024, 1, 15, 23, 30), "UTC", date(2024, 1, 15)),
        (utc(2024, 1, 15, 23, 30), "Asia/Tokyo", date(2024, 1, 16)),  # 08:30 JST
        (utc(2024, 1, 15, 23, 30), "America/Los_Angeles", date(2024, 1, 15)),  # 15:30 PST
        (utc(2024, 1, 16, 7, 30), "America/Los_Angeles", date(2024, 1, 15)),  # 23:30 PST
        (utc(2024, 1, 15, 18, 29), "Asia/Kolkata", date(2024, 1, 15)),  # 23:59 IST
        (utc(2024, 1, 15, 18, 30), "Asia/Kolkata", date(2024, 1, 16)),  # 00:00 IST
        # New York around the 2024-03-10 spring-forward (07:00 UTC)
        (utc(2024, 3, 10, 4, 59), "America/New_York", date(2024, 3, 9)),  # 23:59 EST
        (utc(2024, 3, 10, 5, 0), "America/New_York", date(2024, 3, 10)),  # 00:00 EST
        (utc(2024, 3, 11, 3, 59), "America/New_York", date(2024, 3, 10)),  # 23:59 EDT
        (utc(2024, 3, 11, 4, 0), "America/New_York", date(2024, 3, 11)),  # 00:00 EDT
        (datetime(2024, 1, 16, 8, 30, tzinfo=timezone(timedelta(hours=9))), "UTC", date(2024, 1, 15)),
    ],
)
def test_local_date(moment, tz_name, day):
    assert local_date(moment, tz_name) == day


def test_local_date_defaults_to_utc_and_rejects_naive():
    assert local_date(utc(2024, 1, 15, 23, 30)) == date(2024, 1, 15)
    with pytest.raises(ValueError):
        local_date(datetime(2024, 1, 15, 12, 0), "UTC")


D = date(2024, 3, 10)


@pytest.mark.parametrize(
    ("last", "current", "today", "streak"),
    [
        (None, 0, D, 1),  # first workout ever
        (D - timedelta(days=1), 4, D, 5),  # yesterday: +1
        (date(2024, 2, 29), 9, date(2024, 3, 1), 10),  # across a leap day
        (date(2023, 12, 31), 2, date(2024, 1, 1), 3),  # across a year
        (D, 4, D, 4),  # already today: unchanged
        (D - timedelta(days=2), 4, D, 1),  # missed a day: restart
        (D - timedelta(days=30), 29, D, 1),
        (D + timedelta(days=1), 4, D, 4),  # back-dated: unchanged
        (D + timedelta(days=5), 4, D, 4),
    ],
)
def test_next_streak(last, current, today, streak):
    """Without freezes, logged on the day itself: PRODUCT.md's rule as it was."""
    assert step_streak(last, current, 0, today, today).streak == streak


@pytest.mark.parametrize(
    ("last", "today", "first"),
    [
        (None, D, True),
        (D - timedelta(days=1), D, True),
        (D - timedelta(days=9), D, True),
        (D, D, False),
        (D + timedelta(days=1), D, False),  # back-dated
    ],
)
def test_is_first_of_day(last, today, first):
    assert is_first_of_day(last, today) is first


@pytest.mark.parametrize(
    ("last", "finished_at", "tz_name", "streak"),
    [
        # 23:30 UTC on the 15th is the 16th in Tokyo: consecutive day
        (date(2024, 1, 15), utc(2024, 1, 15, 23, 30), "Asia/Tokyo", 4),
        (date(2024, 1, 15), utc(2024, 1, 15, 23, 30), "UTC", 3),
        # ...and still the 15th in Los Angeles: the same day
        (date(2024, 1, 15), utc(2024, 1, 15, 23, 30), "America/Los_Angeles", 3),
        (date(2024, 1, 14), utc(2024, 1, 15, 23, 30), "America/Los_Angeles", 4),
        (date(2024, 1, 14), utc(2024, 1, 15, 23, 30), "Asia/Tokyo", 1),
        # 23:59 EDT on the 10th (the 23-hour spring-forward day) follows the 9th
        (date(2024, 3, 9), utc(2024, 3, 11, 3, 59), "America/New_York", 4),
        (date(2024, 3, 10), utc(2024, 3, 11, 3, 59), "America/New_York", 3),
        # one minute later it is the 11th in New York: the 10th was missed
        (date(2024, 3, 9), utc(2024, 3, 11, 4, 0), "America/New_York", 1),
    ],
)
def test_streak_follows_player_time_zone(last, finished_at, tz_name, streak):
    day = local_date(finished_at, tz_name)
    assert step_streak(last, 3, 0, day, day).streak == streak


# --- A whole workout ------------------------------------------------------------------


def test_score_workout_first_workout_ever():
    player = PlayerState()
    sets = [SetInput(10, 1, reps=10), SetInput(20, 3, seconds=35)]
    outcome = score_workout(player, sets, utc(2024, 1, 15, 10, 0), utc(2024, 1, 15, 10, 50), "UTC")
    # set 1: 10 * 1 * 1.2 (10 reps) * 1 (streak 0) * 1.2 (first of day) = 14.4 -> 14
    # set 2: 20 * 1.5 * 1.06 (35 s = 3 reps) * 1 * 1.2 = 38.16 -> 38
    # xp 52 -> total 52, level 1; streak 1
    # coins: 52 // 20 = 2, streak 1 // 7 = 0, 50 min >= 45 -> 1, no level -> 3
    assert outcome == WorkoutOutcome(
        set_xp=(14, 38),
        xp_earned=52,
        coins_earned=3,
        total_xp=52,
        level=1,
        levels_gained=0,
        level_up=False,
        current_streak=1,
        max_streak=1,
        last_workout_date=date(2024, 1, 15),
        daily_coins_earned=3,
        daily_coins_date=date(2024, 1, 15),
        local_date=date(2024, 1, 15),
        first_of_day=True,
        streak_before=0,
        coins=CoinBreakdown(from_xp=2, streak_bonus=0, long_workout_bonus=1, level_bonus=0),
        streak_now=1,
        streak_counted=True,
        frozen_days=(),
        streak_freezes=0,
        last_workout_zone=None,
    )


def test_score_workout_next_local_day_with_level_up_and_week_streak():
    player = PlayerState(
        total_xp=380,  # level 2
        current_streak=6,
        max_streak=10,
        last_workout_date=date(2024, 1, 14),
        daily_coins_earned=190,
        daily_coins_date=date(2024, 1, 14),
    )
    # finished 07:30 UTC on the 16th = 23:30 PST on the 15th: the day after the 14th
    outcome = score_workout(
        player,
        [SetInput(50, 5, reps=60)],
        utc(2024, 1, 16, 6, 45),
        utc(2024, 1, 16, 7, 30),
        "America/Los_Angeles",
    )
    # xp: 50 * 2 * 1.8 (60 reps) * 1.1002 (streak 6 before) * 1.2 = 237.65184 -> 237
    # total 380 + 237 = 617 -> level 3 (needs 400), one level gained; streak 6 -> 7
    # coins: 237 // 20 = 11, 7 // 7 = 1, 45 min -> 1, 1 level -> 5  = 18
    # new local day: the daily total restarts at 0 (the 190 belonged to the 14th)
    assert outcome == WorkoutOutcome(
        set_xp=(237,),
        xp_earned=237,
        coins_earned=18,
        total_xp=617,
        level=3,
        levels_gained=1,
        level_up=True,
        current_streak=7,
        max_streak=10,
        last_workout_date=date(2024, 1, 15),
        daily_coins_earned=18,
        daily_coins_date=date(2024, 1, 15),
        local_date=date(2024, 1, 15),
        first_of_day=True,
        streak_before=6,
        coins=CoinBreakdown(from_xp=11, streak_bonus=1, long_workout_bonus=1, level_bonus=5),
        streak_now=7,
        streak_counted=True,
        frozen_days=(),
        streak_freezes=0,
        last_workout_zone=None,
    )


def test_score_workout_same_day_hits_the_daily_cap():
    day = date(2024, 1, 15)
    player = PlayerState(
        total_xp=10_000,  # level 11
        current_streak=30,
        max_streak=30,
        last_workout_date=day,
        daily_coins_earned=190,
        daily_coins_date=day,
    )
    outcome = score_workout(
        player,
        [SetInput(100, 3, reps=20), SetInput(15, 1, reps=60)],
        utc(2024, 1, 15, 18, 0),
        utc(2024, 1, 15, 18, 20),
        "UTC",
    )
    # set 1: 100 * 1.5 * 1.4 * 1.501 * 1 (not first of day) = 315.21 -> 315
    # set 2: 15 * 1 * 1.8 * 1.501 = 40.527 -> 40
    # xp 355 -> total 10355, still level 11 (level 12 needs 12100); streak stays 30
    # coins: 355 // 20 = 17, 30 // 7 = 4, 20 min -> 0, no level -> 21; only 10 fit under 200
    assert outcome.set_xp == (315, 40)
    assert (outcome.xp_earned, outcome.total_xp, outcome.level) == (355, 10_355, 11)
    assert (outcome.levels_gained, outcome.level_up) == (0, False)
    assert (outcome.current_streak, outcome.max_streak) == (30, 30)
    assert (outcome.coins_earned, outcome.daily_coins_earned, outcome.daily_coins_date) == (10, 200, day)
    assert outcome.first_of_day is False


def test_score_workout_after_a_missed_day_restarts_streak_but_keeps_max():
    player = PlayerState(total_xp=0, current_streak=12, max_streak=12, last_workout_date=date(2024, 1, 10))
    outcome = score_workout(player, [SetInput(10, 1, reps=1)], utc(2024, 1, 15, 9, 0), utc(2024, 1, 15, 9, 5), "UTC")
    # xp: 10 * 1 * 1.02 * 1 (the 12-day streak broke, so no multiplier) * 1.2 = 12.24 -> 12
    # streak restarts at 1, max stays 12; coins: 0 + 1 // 7 = 0 + 0 + 0 = 0
    assert outcome.set_xp == (12,)
    assert (outcome.current_streak, outcome.max_streak) == (1, 12)
    assert (outcome.coins_earned, outcome.daily_coins_earned) == (0, 0)
    assert outcome.last_workout_date == date(2024, 1, 15)


def test_score_workout_back_dated():
    later = date(2024, 1, 20)
    player = PlayerState(
        total_xp=0,
        current_streak=5,
        max_streak=5,
        last_workout_date=later,
        daily_coins_earned=195,
        daily_coins_date=later,
    )
    outcome = score_workout(
        player, [SetInput(100, 1, reps=20)], utc(2024, 1, 18, 11, 30), utc(2024, 1, 18, 12, 0), "UTC"
    )
    # xp: 100 * 1 * 1.4 * 1.0835 (streak 5 before) * 1 (no first-of-day bonus) = 151.69 -> 151
    # total 151 -> level 2, one level gained; streak and last workout date unchanged
    # coins: 151 // 20 = 7, 5 // 7 = 0, 30 min -> 0, 1 level -> 5 = 12,
    # charged to the newest day's total (195): only 5 fit
    assert outcome == WorkoutOutcome(
        set_xp=(151,),
        xp_earned=151,
        coins_earned=5,
        total_xp=151,
        level=2,
        levels_gained=1,
        level_up=True,
        current_streak=5,
        max_streak=5,
        last_workout_date=later,
        daily_coins_earned=200,
        daily_coins_date=later,
        local_date=date(2024, 1, 18),
        first_of_day=False,
        streak_before=5,
        coins=CoinBreakdown(from_xp=7, streak_bonus=0, long_workout_bonus=0, level_bonus=5, cut_by_daily_cap=7),
        streak_now=5,
        streak_counted=False,
        frozen_days=(),
        streak_freezes=0,
        last_workout_zone=None,
    )


def test_score_workout_can_gain_several_levels():
    outcome = score_workout(
        PlayerState(),
        [SetInput(500, 5, reps=80)] * 3,
        utc(2024, 1, 15, 9, 0),
        utc(2024, 1, 15, 9, 10),
        "UTC",
    )
    # each set: 500 * 2 * 2 * 1 * 1.2 = 2400; xp 7200 -> level 9 (6400 <= 7200 < 8100)
    # coins: 7200 // 20 = 360 + 0 + 0 + 8 * 5 = 400, capped at 200
    assert (outcome.xp_earned, outcome.level, outcome.levels_gained) == (7200, 9, 8)
    assert (outcome.coins_earned, outcome.daily_coins_earned) == (200, 200)


def test_score_workout_rejects_finish_before_start():
    with pytest.raises(ValueError):
        score_workout(PlayerState(), [SetInput(10, 1, reps=1)], utc(2024, 1, 15, 10), utc(2024, 1, 15, 9), "UTC")


# --- A broken streak earns no multiplier -------------------------------------


@pytest.mark.parametrize(
    ("last", "streak", "today", "expected"),
    [
        (None, 0, date(2026, 3, 10), 0),
        (date(2026, 3, 10), 4, date(2026, 3, 10), 4),  # already trained today
        (date(2026, 3, 9), 4, date(2026, 3, 10), 4),  # yesterday: still alive
        (date(2026, 3, 8), 4, date(2026, 3, 10), 0),  # a day missed: broken
        (date(2026, 3, 12), 4, date(2026, 3, 10), 4),  # back-dated: the run stands
    ],
)
def test_live_streak(last, streak, today, expected):
    assert rules.live_streak(last, streak, today) == expected


def test_a_broken_streak_gives_no_xp_multiplier():
    # 30 days of streak, but the last workout was three days ago: the multiplier
    # is 1, not 1.501. Push-up-like set: base 10, difficulty 2, 10 reps.
    # 10 * 1.25 * 1.2 (volume) * 1 * 1.2 (first of day) = 18
    player = rules.PlayerState(total_xp=0, current_streak=30, max_streak=30, last_workout_date=date(2026, 3, 7))
    start = datetime(2026, 3, 10, 8, 0, tzinfo=UTC)
    outcome = rules.score_workout(player, [rules.SetInput(10, 2, reps=10)], start, start + timedelta(minutes=10))
    assert outcome.set_xp == (18,)
    assert outcome.current_streak == 1
    assert outcome.max_streak == 30


# --- Streak freezes (docs/progression.md) --------------------------------------

MON, TUE, WED, THU, FRI = (date(2026, 3, 9) + timedelta(days=n) for n in range(5))


@pytest.mark.parametrize(
    ("last", "streak", "freezes", "day", "today", "expected"),
    [
        # (streak after, counted, days bridged)
        (MON, 5, 1, TUE, TUE, (6, True, ())),  # no day missed: no freeze spent
        (MON, 5, 0, WED, WED, (1, True, ())),  # one missed, none held: restart
        (MON, 5, 1, WED, WED, (6, True, (TUE,))),  # one missed, one held: bridged
        (MON, 5, 2, WED, WED, (6, True, (TUE,))),  # only what is needed is spent
        (MON, 5, 1, THU, THU, (1, True, ())),  # two missed, one held: broken, freeze kept
        (MON, 5, 2, THU, THU, (6, True, (TUE, WED))),  # two missed, two held: both spent
        (MON, 5, 2, FRI, FRI, (1, True, ())),  # three missed: more than anyone holds
        (WED, 5, 2, WED, WED, (5, False, ())),  # the same day again
        (None, 0, 2, WED, WED, (1, True, ())),  # first workout ever
        # logged the day after its own: on time, bridging as usual
        (MON, 5, 0, TUE, WED, (6, True, ())),
        (MON, 5, 1, WED, THU, (6, True, (TUE,))),
        # back-dated (logged two or more days after its day): nothing moves
        (MON, 5, 2, WED, FRI, (5, False, ())),  # never spends a freeze
        (MON, 5, 0, TUE, THU, (5, False, ())),  # never repairs: the run ended on MON
        (None, 0, 0, MON, WED, (0, False, ())),  # never starts one
        (WED, 5, 0, MON, FRI, (5, False, ())),  # before the last counted day
    ],
)
def test_step_streak(last, streak, freezes, day, today, expected):
    step = step_streak(last, streak, freezes, day, today)
    assert (step.streak, step.counted, step.frozen_days) == expected


@pytest.mark.parametrize(
    ("last", "streak", "freezes", "today", "expected"),
    [
        (MON, 4, 0, TUE, 4),  # trained yesterday
        (MON, 4, 0, WED, 0),  # missed yesterday, nothing held: broken
        (MON, 4, 1, WED, 4),  # a freeze would bridge yesterday: still alive
        (MON, 4, 1, THU, 0),  # two missed, one held
        (MON, 4, 2, THU, 4),
        (None, 0, 2, THU, 0),
        (WED, 4, 0, MON, 4),  # "today" behind the last day (a move west): alive
    ],
)
def test_live_streak_counts_the_freezes_held(last, streak, freezes, today, expected):
    assert rules.live_streak(last, streak, today, freezes) == expected


@pytest.mark.parametrize(
    ("last", "kept", "old", "new", "expected"),
    [
        (None, None, "Europe/Moscow", "Asia/Tokyo", None),  # nothing counted yet
        (MON, None, "Europe/Moscow", "Asia/Tokyo", "Europe/Moscow"),  # the old zone is kept
        (MON, "Europe/Moscow", "Asia/Tokyo", "America/New_York", "Europe/Moscow"),  # still the first
        (MON, "Europe/Moscow", "Asia/Tokyo", "Europe/Moscow", None),  # back home
    ],
)
def test_a_move_keeps_counting_in_the_zone_of_the_last_counted_day(last, kept, old, new, expected):
    assert rules.zone_after_move(last, kept, old, new) == expected


def freezer(last: date, streak: int = 5, freezes: int = 1, zone: str | None = None) -> PlayerState:
    return PlayerState(
        current_streak=streak, max_streak=streak, last_workout_date=last, streak_freezes=freezes, last_workout_zone=zone
    )


PUSH_UP = [SetInput(10, 2, reps=10)]


def test_a_freeze_bridges_one_missed_day_and_keeps_the_multiplier():
    # Monday, then nothing on Tuesday, then Wednesday 10:00 UTC with one freeze.
    outcome = score_workout(freezer(MON), PUSH_UP, utc(2026, 3, 11, 9, 30), utc(2026, 3, 11, 10), "UTC")
    assert (outcome.current_streak, outcome.streak_now, outcome.frozen_days) == (6, 6, (TUE,))
    assert (outcome.streak_freezes, outcome.streak_before, outcome.last_workout_date) == (0, 5, WED)
    # 10 * 1.25 * 1.2 * 1.0835 (streak 5 kept) * 1.2 = 19.5 -> 19
    assert outcome.set_xp == (19,)


def test_two_missed_days_with_one_freeze_break_the_streak_and_keep_the_freeze():
    outcome = score_workout(freezer(MON), PUSH_UP, utc(2026, 3, 12, 9, 30), utc(2026, 3, 12, 10), "UTC")
    assert (outcome.current_streak, outcome.frozen_days, outcome.streak_freezes) == (1, (), 1)
    assert outcome.streak_before == 0 and outcome.max_streak == 5


def test_a_back_dated_workout_leaves_streak_and_freezes_alone():
    # Logged on Friday for Wednesday: the run that ended on Monday stays ended.
    outcome = score_workout(
        freezer(MON, freezes=2),
        PUSH_UP,
        utc(2026, 3, 11, 9, 30),
        utc(2026, 3, 11, 10),
        "UTC",
        logged_at=utc(2026, 3, 13, 8),
    )
    assert (outcome.current_streak, outcome.streak_counted, outcome.frozen_days) == (5, False, ())
    assert (outcome.streak_freezes, outcome.last_workout_date, outcome.first_of_day) == (2, MON, False)
    assert outcome.streak_now == 0  # on Friday, Tue..Thu missed: more than two freezes bridge
    assert outcome.local_date == WED  # it still belongs to its own day


def test_yesterdays_workout_logged_this_morning_still_counts():
    outcome = score_workout(
        freezer(MON, freezes=0),
        PUSH_UP,
        utc(2026, 3, 10, 20),
        utc(2026, 3, 10, 21),
        "UTC",
        logged_at=utc(2026, 3, 11, 7),
    )
    assert (outcome.current_streak, outcome.streak_counted, outcome.first_of_day) == (6, True, True)
    assert outcome.last_workout_date == TUE and outcome.streak_now == 6


@pytest.mark.parametrize(
    ("old", "new", "trained", "logged", "streak"),
    [
        # Monday 20:00 in Honolulu (UTC-10), then a flight to Kiritimati (UTC+14): the next
        # workout at 10:00 there on Wednesday is Tuesday 10:00 back home, the day after.
        ("Pacific/Honolulu", "Pacific/Kiritimati", utc(2026, 3, 10, 6), utc(2026, 3, 10, 20), 6),
        # The other way: Wednesday 10:00 in Kiritimati; an hour later it is Tuesday 11:00
        # in Honolulu. Still Wednesday by the old calendar: the same day, counted once.
        ("Pacific/Kiritimati", "Pacific/Honolulu", utc(2026, 3, 10, 20), utc(2026, 3, 10, 21), 5),
        # Monday 11:00 in London, then Auckland (UTC+13): Wednesday 01:00 there is Tuesday
        # 12:00 in London. Tuesday counts as the day after; nothing was missed.
        ("Europe/London", "Pacific/Auckland", utc(2026, 3, 9, 11), utc(2026, 3, 10, 12), 6),
    ],
)
def test_a_move_never_spends_a_freeze_nor_counts_a_day_twice(old, new, trained, logged, streak):
    """The player had a streak of 5 counted in `old` (the last day in `old`'s
    calendar: the day of `trained` there), moved to `new`, and logs a workout
    that ended at `logged`: judged in `old`'s calendar, no freeze held is spent."""
    before = freezer(local_date(trained, old), freezes=1, zone=old)
    outcome = score_workout(before, PUSH_UP, logged - timedelta(minutes=30), logged, new, logged_at=logged)
    assert (outcome.current_streak, outcome.frozen_days, outcome.streak_freezes) == (streak, (), 1)
    counted = outcome.streak_counted
    assert outcome.last_workout_zone == (None if counted else old)
    # Once counted, the day stays "today" in the new calendar: the streak is alive there.
    assert outcome.last_workout_date == (local_date(logged, new) if counted else before.last_workout_date)
    assert outcome.streak_now == streak


def test_after_a_move_the_next_days_count_in_the_new_zone():
    # Counted in Moscow on Monday, then moved to Tokyo; Tuesday in Tokyo (+1), then
    # Thursday in Tokyo with a freeze: Wednesday (Tokyo) is bridged.
    moscow = freezer(MON, freezes=1, zone="Europe/Moscow")
    tuesday = score_workout(moscow, PUSH_UP, utc(2026, 3, 10, 1), utc(2026, 3, 10, 2), "Asia/Tokyo")
    assert (tuesday.current_streak, tuesday.last_workout_date, tuesday.last_workout_zone) == (6, TUE, None)
    after = PlayerState(current_streak=6, max_streak=6, last_workout_date=TUE, streak_freezes=1)
    thursday = score_workout(after, PUSH_UP, utc(2026, 3, 12, 1), utc(2026, 3, 12, 2), "Asia/Tokyo")
    assert (thursday.current_streak, thursday.frozen_days) == (7, (WED,))


# --- Fair play --------------------------------------------------------------------

NINE, TEN, ELEVEN = utc(2026, 3, 9, 9), utc(2026, 3, 9, 10), utc(2026, 3, 9, 11)


@pytest.mark.parametrize(
    ("start", "end", "other_start", "other_end", "overlap"),
    [
        (NINE, TEN, NINE, TEN, True),  # the same workout twice
        (NINE, ELEVEN, TEN, TEN + timedelta(minutes=5), True),  # inside
        (TEN, ELEVEN, NINE, TEN + timedelta(minutes=1), True),  # one minute over
        (TEN, ELEVEN, NINE, TEN, False),  # back to back
        (NINE, TEN, TEN, ELEVEN, False),
        (TEN, TEN, TEN, TEN, True),  # zero-length ones never stack
        (TEN, TEN, NINE, ELEVEN, True),  # an instant inside another
        (TEN, TEN, NINE, TEN, False),  # an instant at another's end
    ],
)
def test_workouts_overlap(start, end, other_start, other_end, overlap):
    assert rules.workouts_overlap(start, end, other_start, other_end) is overlap
    assert rules.workouts_overlap(other_start, other_end, start, end) is overlap  # symmetric


# --- Weekly goals -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("metric", "target", "coins"),
    [
        ("workouts", 2, 10),
        ("workouts", 14, 70),
        ("minutes", 60, 10),
        ("minutes", 65, 10),  # whole steps of 6 minutes
        ("minutes", 420, 70),
        ("xp", 200, 10),
        ("xp", 1400, 70),
    ],
)
def test_goal_rewards_grow_with_the_target(metric, target, coins):
    terms = rules.GOAL_TERMS[metric]
    assert terms.min_target <= target <= terms.max_target
    assert terms.reward(target) == coins


def test_every_metric_pays_the_same_range():
    assert {(t.reward(t.min_target), t.reward(t.max_target)) for t in rules.GOAL_TERMS.values()} == {(10, 70)}


@pytest.mark.parametrize(
    ("day", "monday"),
    [
        (date(2026, 3, 9), MON),
        (date(2026, 3, 15), MON),
        (date(2026, 3, 16), date(2026, 3, 16)),
        (date(2027, 1, 1), date(2026, 12, 28)),
    ],
)
def test_week_start(day, monday):
    assert rules.week_start(day) == monday


def test_week_progress_in_each_metric():
    progress = rules.WeekProgress(workouts=3, seconds=5399, xp=420)
    assert [progress.of(metric) for metric in rules.GOAL_METRICS] == [3, 89, 420]
