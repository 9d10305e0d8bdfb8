"""Achievements: awarding them inside the transaction of the workout or purchase that
earned them, and where a player stands on each.

Exactly once comes from the database: the award is one `INSERT ... ON CONFLICT DO
NOTHING RETURNING` into user_achievements, whose unique (player, slug) pair lets a
slug in only once, and only an achievement that insert returns is paid, through the
ledger, in the same transaction.

Cheap: after a workout, one statement reads what the player has earned and the
numbers still needed: the workouts logged (an index-only count), and one pass over
the player's sets (their workouts by user_id, the sets by workout_id) giving a row
per exercise done, from which variety, volume per family and earlier bests follow.
A branch every achievement of which the player has earned reads no row at all (its
guard is false before the scan starts).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeAlias

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Select,
    Table,
    bindparam,
    case,
    func,
    literal_column,
    select,
    union_all,
)

from bodyweight.achievements import rules
from bodyweight.achievements.catalogue import Achievement, load_achievements, volume_metric
from bodyweight.db import ReadSession, WriteSession, insert_ignoring_duplicates
from bodyweight.ledger.service import Credit, credit_each
from bodyweight.models import UserAchievement, UserAvatarPurchase, Workout, WorkoutSet

_earned = UserAchievement.__table__
_workouts = Workout.__table__
_sets = WorkoutSet.__table__
_purchases = UserAvatarPurchase.__table__


@dataclass(frozen=True, slots=True)
class Earned:
    achievement: Achievement
    earned_at: datetime


@dataclass(frozen=True, slots=True)
class Awarded:
    earned: tuple[Earned, ...]
    coins: int | None  # the balance after the rewards; None when nothing was earned


# --- The read: rows of (what, key, reps, seconds, best) ----------------------------

_PLAYER: BindParameter[int] = bindparam("player")
_NO_KEY: ColumnElement[str] = literal_column("''")
_ZERO: ColumnElement[int] = literal_column("0")
_player_sets = _sets.join(_workouts, _workouts.c.id == _sets.c.workout_id)
Row5: TypeAlias = "Select[str, str, int, int, int]"  # what, key, reps, seconds, best


def _what(name: str) -> ColumnElement[str]:
    return literal_column(f"'{name}'")


def _while_unearned(group: str) -> ColumnElement[bool]:
    """True while some achievement of the group (slugs in `<group>_slugs`, as many as
    `<group>_count`) is not earned yet: once all are, the branch reads no row."""
    slugs: BindParameter[list[str]] = bindparam(f"{group}_slugs", expanding=True)
    earned = (
        select(func.count())
        .select_from(_earned)
        .where(_earned.c.user_id == _PLAYER, _earned.c.achievement_slug.in_(slugs))
        .scalar_subquery()
    )
    return earned < bindparam(f"{group}_count")


def _earned_slugs() -> Row5:
    return select(_what("earned"), _earned.c.achievement_slug, _ZERO, _ZERO, _ZERO).where(_earned.c.user_id == _PLAYER)


def _count(table: Table, what: str) -> Row5:
    return select(_what(what), _NO_KEY, func.count(), _ZERO, _ZERO).select_from(table).where(table.c.user_id == _PLAYER)


def _per_exercise() -> Row5:
    """One pass over the player's sets, a row per exercise ever done: its reps and its
    seconds (volume per family and variety follow from them) and its best set over
    every workout but `workout` (the one just logged)."""
    earlier = case((_sets.c.workout_id != bindparam("workout"), func.coalesce(_sets.c.reps, _sets.c.seconds)))
    return (
        select(
            _what("exercise"),
            _sets.c.exercise_id,
            func.coalesce(func.sum(_sets.c.reps), 0),
            func.coalesce(func.sum(_sets.c.seconds), 0),
            func.max(earlier),
        )
        .select_from(_player_sets)
        .where(_workouts.c.user_id == _PLAYER)
        .group_by(_sets.c.exercise_id)
    )


_AFTER_WORKOUT = union_all(
    _earned_slugs(),
    _count(_workouts, "workouts").where(_while_unearned("workouts")),
    _per_exercise().where(_while_unearned("exercises")),
)
_AFTER_PURCHASE = union_all(_earned_slugs(), _count(_purchases, "avatars").where(_while_unearned("avatars")))
_PROGRESS = union_all(_count(_workouts, "workouts"), _per_exercise(), _count(_purchases, "avatars"))
_EARNED_AT = select(_earned.c.achievement_slug, _earned.c.earned_at).where(_earned.c.user_id == _PLAYER)
# Numbers the per-exercise rows give.
_FROM_EXERCISES = frozenset({"variety", "volume", *rules.RECORD_RULES})


@dataclass
class _Read:
    earned: set[str]
    values: dict[str, int]  # metric -> number
    earlier_best: dict[str, int]  # exercise -> best set before this workout


def _gather(rows: Iterable[Any], family_of: Mapping[str, str]) -> _Read:
    read = _Read(set(), {}, {})
    for what, key, amount, seconds, best in rows:
        if what == "earned":
            read.earned.add(key)
        elif what == "exercise":
            read.values["variety"] = read.values.get("variety", 0) + 1
            for measure, total in (("reps", amount), ("seconds", seconds)):
                metric = volume_metric(family_of.get(key, ""), measure)
                read.values[metric] = read.values.get(metric, 0) + int(total)
            if best is not None:
                read.earlier_best[key] = int(best)
        else:
            read.values[what] = int(amount)
    return read


def _group(name: str, achievements: Sequence[Achievement]) -> dict[str, object]:
    """Parameters of `_while_unearned(name)`."""
    return {f"{name}_slugs": [a.slug for a in achievements], f"{name}_count": len(achievements)}


def _with_rules(rule_names: Iterable[str]) -> list[Achievement]:
    wanted = set(rule_names)
    return [a for a in load_achievements() if a.rule in wanted]


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
    earned = [Earned(a, inserted[a.slug]) for a in met if a.slug in inserted]
    credits = [
        Credit(e.achievement.reward, "achievement", f"achievement:{e.achievement.slug}")
        for e in earned
        if e.achievement.reward > 0
    ]
    return Awarded(tuple(earned), await credit_each(session, player_id, credits))


async def after_workout(
    session: WriteSession,
    player_id: int,
    workout_id: int,
    workout: rules.WorkoutDone,
    family_of: Mapping[str, str],
    *,
    level: int,
    best_streak: int,
) -> Awarded:
    """Award what the workout just logged (already stored, with the player's new
    level and best streak) has earned. `family_of`: each exercise's category."""
    parameters = {
        "player": player_id,
        "workout": workout_id,
        **_group("workouts", _with_rules(["workouts"])),
        **_group("exercises", _with_rules(_FROM_EXERCISES)),
    }
    read = _gather(await session.execute(_AFTER_WORKOUT, parameters), family_of)
    values = {**read.values, "level": level, "streak": best_streak, **rules.feats(workout, read.earlier_best)}
    return await _award(session, player_id, rules.newly_met(load_achievements(), values, read.earned))


async def after_purchase(session: WriteSession, player_id: int) -> Awarded:
    """Award the shop's achievements the purchase just stored has earned."""
    shop = _with_rules(["avatars"])
    read = _gather(await session.execute(_AFTER_PURCHASE, {"player": player_id, **_group("avatars", shop)}), {})
    return await _award(session, player_id, rules.newly_met(shop, read.values, read.earned))


# --- Where a player stands ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Standing:
    achievement: Achievement
    current: int
    earned_at: datetime | None


async def standings(
    session: ReadSession, player_id: int, family_of: Mapping[str, str], *, level: int, best_streak: int
) -> list[Standing]:
    """Every achievement, in catalogue order, with the player's progress on it."""
    earned: dict[str, datetime] = {slug: at for slug, at in await session.execute(_EARNED_AT, {"player": player_id})}
    read = _gather(await session.execute(_PROGRESS, {"player": player_id, "workout": 0}), family_of)
    values = {**read.values, "level": level, "streak": best_streak}
    return [Standing(a, rules.current(a, values, a.slug in earned), earned.get(a.slug)) for a in load_achievements()]
