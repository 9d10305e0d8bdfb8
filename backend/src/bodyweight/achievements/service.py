"""Achievements: awarding them inside the transaction of the workout or purchase that
earned them, and where a player stands on each.

Exactly once comes from the database: the award is one `INSERT ... ON CONFLICT DO
NOTHING RETURNING` into user_achievements, whose unique (player, slug) pair lets a
slug in only once, and only an achievement that insert returns is paid, through the
ledger, in the same transaction.

Cheap: after a workout, one read gathers what the player has earned and the numbers
still needed, each from an index on the player (workouts by user_id, sets by
workout_id, purchases by user_id). A number every achievement of which is earned
is not computed (the branch's guard is false before any row is read), and volume is
summed only for the families the workout trained.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    CompoundSelect,
    Select,
    bindparam,
    func,
    literal_column,
    select,
    union_all,
)

from bodyweight.achievements import rules
from bodyweight.achievements.catalogue import Achievement, load_achievements, volume_metric
from bodyweight.db import ReadSession, WriteSession, insert_ignoring_duplicates
from bodyweight.ledger.service import change_coins
from bodyweight.models import Exercise, UserAchievement, UserAvatarPurchase, Workout, WorkoutSet

_earned = UserAchievement.__table__
_workouts = Workout.__table__
_sets = WorkoutSet.__table__
_exercises = Exercise.__table__
_purchases = UserAvatarPurchase.__table__

MEASURES = ("reps", "seconds")


@dataclass(frozen=True, slots=True)
class Earned:
    achievement: Achievement
    earned_at: datetime


@dataclass(frozen=True, slots=True)
class Awarded:
    earned: tuple[Earned, ...]
    coins: int | None  # the balance after the rewards; None when nothing was earned


# --- The read: rows of (what, key, value) ---------------------------------------

_PLAYER: BindParameter[int] = bindparam("player")
_NO_KEY: ColumnElement[str] = literal_column("''")
_player_sets = _sets.join(_workouts, _workouts.c.id == _sets.c.workout_id)


def _what(name: str) -> ColumnElement[str]:
    return literal_column(f"'{name}'")


def _while_unearned(group: str) -> ColumnElement[bool]:
    """True while some achievement of the group (slugs in `<group>_slugs`, as many as
    `<group>_count`) is not earned yet."""
    slugs: BindParameter[list[str]] = bindparam(f"{group}_slugs", expanding=True)
    earned = (
        select(func.count())
        .select_from(_earned)
        .where(_earned.c.user_id == _PLAYER, _earned.c.achievement_slug.in_(slugs))
        .scalar_subquery()
    )
    return earned < bindparam(f"{group}_count")


def _earned_slugs() -> Select[str, str, int]:
    return select(_what("earned"), _earned.c.achievement_slug, literal_column("0")).where(_earned.c.user_id == _PLAYER)


def _workout_count() -> Select[str, str, int]:
    return select(_what("workouts"), _NO_KEY, func.count()).select_from(_workouts).where(_workouts.c.user_id == _PLAYER)


def _variety() -> Select[str, str, int]:
    return (
        select(_what("variety"), _NO_KEY, func.count(func.distinct(_sets.c.exercise_id)))
        .select_from(_player_sets)
        .where(_workouts.c.user_id == _PLAYER)
    )


def _volume(measure: str) -> Select[str, str, int]:
    """Reps (or seconds) over the player's sets, per family in `<measure>_families`."""
    amount = _sets.c[measure]
    return (
        select(_what(measure), _exercises.c.category_id, func.sum(amount))
        .select_from(_player_sets.join(_exercises, _exercises.c.id == _sets.c.exercise_id))
        .where(
            _workouts.c.user_id == _PLAYER,
            _exercises.c.category_id.in_(bindparam(f"{measure}_families", expanding=True)),
            amount.is_not(None),
        )
        .group_by(_exercises.c.category_id)
    )


def _earlier_best() -> Select[str, str, int]:
    """The player's best set of each exercise in `exercises`, over every workout but `workout`."""
    return (
        select(_what("best"), _sets.c.exercise_id, func.max(func.coalesce(_sets.c.reps, _sets.c.seconds)))
        .select_from(_player_sets)
        .where(
            _workouts.c.user_id == _PLAYER,
            _sets.c.workout_id != bindparam("workout"),
            _sets.c.exercise_id.in_(bindparam("exercises", expanding=True)),
        )
        .group_by(_sets.c.exercise_id)
    )


def _avatars() -> Select[str, str, int]:
    return (
        select(_what("avatars"), _NO_KEY, func.count()).select_from(_purchases).where(_purchases.c.user_id == _PLAYER)
    )


@cache
def _after_workout(*volume_measures: str) -> CompoundSelect[str, str, int]:
    """One statement for a workout, with volume for the measures its families count in."""
    return union_all(
        _earned_slugs(),
        _workout_count().where(_while_unearned("workouts")),
        _variety().where(_while_unearned("variety")),
        *(_volume(measure).where(_while_unearned(measure)) for measure in volume_measures),
        _earlier_best().where(_while_unearned("records")),
    )


_AFTER_PURCHASE = union_all(_earned_slugs(), _avatars().where(_while_unearned("avatars")))
_PROGRESS = union_all(_workout_count(), _variety(), *(_volume(m) for m in MEASURES), _avatars())
_EARNED_AT = select(_earned.c.achievement_slug, _earned.c.earned_at).where(_earned.c.user_id == _PLAYER)


@dataclass
class _Read:
    earned: set[str]
    values: dict[str, int]  # metric -> number
    earlier_best: dict[str, int]  # exercise -> best set


def _gather(rows: Iterable[Any]) -> _Read:
    read = _Read(set(), {}, {})
    for what, key, value in rows:
        if what == "earned":
            read.earned.add(key)
        elif what == "best":
            read.earlier_best[key] = int(value)
        elif what in MEASURES:
            read.values[volume_metric(key, what)] = int(value or 0)
        else:
            read.values[what] = int(value or 0)
    return read


def _group(name: str, achievements: Sequence[Achievement]) -> dict[str, object]:
    """Parameters of `_while_unearned(name)`."""
    return {f"{name}_slugs": [a.slug for a in achievements], f"{name}_count": len(achievements)}


def _of(metrics: Iterable[str]) -> list[Achievement]:
    wanted = set(metrics)
    return [a for a in load_achievements() if a.metric in wanted]


# --- Awarding ------------------------------------------------------------------


async def _award(session: WriteSession, player_id: int, met: list[Achievement]) -> Awarded:
    """Insert what is met; pay only what the insert returns (a row that is already
    there, from this player's earlier or concurrent request, returns nothing)."""
    if not met:
        return Awarded((), None)
    claim = (
        insert_ignoring_duplicates(session, _earned, ["user_id", "achievement_slug"])
        .values([{"user_id": player_id, "achievement_slug": a.slug} for a in met])
        .returning(_earned.c.achievement_slug, _earned.c.earned_at)
    )
    inserted = {slug: at for slug, at in await session.execute(claim)}
    earned, coins = [], None
    for achievement in met:
        if achievement.slug not in inserted:
            continue
        coins = await change_coins(
            session, player_id, achievement.reward, "achievement", f"achievement:{achievement.slug}"
        )
        assert coins is not None  # a credit always fits
        earned.append(Earned(achievement, inserted[achievement.slug]))
    return Awarded(tuple(earned), coins)


async def after_workout(
    session: WriteSession, player_id: int, workout_id: int, workout: rules.WorkoutDone, *, level: int, best_streak: int
) -> Awarded:
    """Award what the workout just logged (already stored, with the player's new
    level and best streak) has earned."""
    catalogue = load_achievements()
    trained = {s.family for s in workout.sets}
    volume = {m: [a for a in catalogue if a.measure == m and a.family in trained] for m in MEASURES}
    measures = tuple(m for m in MEASURES if volume[m])
    parameters: dict[str, object] = {
        "player": player_id,
        "workout": workout_id,
        "exercises": sorted({s.exercise for s in workout.sets}),
        **_group("workouts", _of(["workouts"])),
        **_group("variety", _of(["variety"])),
        **_group("records", [a for a in catalogue if a.rule in rules.RECORD_RULES]),
    }
    for measure in measures:
        parameters |= _group(measure, volume[measure])
        parameters[f"{measure}_families"] = sorted({a.family for a in volume[measure] if a.family})
    read = _gather(await session.execute(_after_workout(*measures), parameters))
    values = {**read.values, "level": level, "streak": best_streak, **rules.feats(workout, read.earlier_best)}
    return await _award(session, player_id, rules.newly_met(catalogue, values, read.earned))


async def after_purchase(session: WriteSession, player_id: int) -> Awarded:
    """Award the shop's achievements the purchase just stored has earned."""
    parameters = {"player": player_id, **_group("avatars", _of(["avatars"]))}
    read = _gather(await session.execute(_AFTER_PURCHASE, parameters))
    return await _award(session, player_id, rules.newly_met(_of(["avatars"]), read.values, read.earned))


# --- Where a player stands ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Standing:
    achievement: Achievement
    current: int
    earned_at: datetime | None


async def standings(session: ReadSession, player_id: int, *, level: int, best_streak: int) -> list[Standing]:
    """Every achievement, in catalogue order, with the player's progress on it."""
    catalogue = load_achievements()
    earned: dict[str, datetime] = {slug: at for slug, at in await session.execute(_EARNED_AT, {"player": player_id})}
    parameters = {
        "player": player_id,
        **{f"{m}_families": sorted({a.family for a in catalogue if a.measure == m and a.family}) for m in MEASURES},
    }
    read = _gather(await session.execute(_PROGRESS, parameters))
    values = {**read.values, "level": level, "streak": best_streak}
    return [Standing(a, rules.current(a, values, a.slug in earned), earned.get(a.slug)) for a in catalogue]
