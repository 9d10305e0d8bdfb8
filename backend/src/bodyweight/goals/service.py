"""Weekly goals: a target of workouts, minutes or XP for the player's local ISO
week, progress read from the workouts they logged (never sent by a client), and
a reward paid once per week through the ledger.

The goal lives on the player's row (`users.weekly_goal_metric`, `_target`), so a
workout of a player without one costs no query for it. `settle` runs inside the
workout's transaction, with the player's row locked: one query reads the week's
progress and whether its reward was paid; reaching the target inserts the
week's `weekly_goal_rewards` row, whose primary key (user_id, week_start) is what
makes the reward once per week, whatever happens to the target afterwards.

A week's workouts are those whose `local_date` (their day, as logged) falls in
it. They are read through ix_workouts_user_id_finished_at: a workout of local
day D ended within a day either side of D's midnight in UTC, whatever its zone,
so the index range is nine days at most.
"""

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Select, and_, bindparam, exists, extract, func, select, update

from bodyweight import rules
from bodyweight.db import ReadSession, WriteSession, insert_ignoring_duplicates
from bodyweight.errors import DomainError
from bodyweight.i18n import text
from bodyweight.ledger.service import change_coins
from bodyweight.models import User, WeeklyGoalReward, Workout
from bodyweight.notifications.service import notify
from bodyweight.users.player import Player

_users = User.__table__
_workouts = Workout.__table__
_rewards = WeeklyGoalReward.__table__


class GoalTargetOutOfRange(DomainError):
    """`metric`, `target`, and the bounds `min_target` and `max_target` of that metric."""

    status_code, code = 422, "goal_target_out_of_range"


@dataclass(frozen=True, slots=True)
class Goal:
    metric: str
    target: int

    @property
    def reward(self) -> int:
        return rules.GOAL_TERMS[self.metric].reward(self.target)


def goal_of(player: Player) -> Goal | None:
    if player.weekly_goal_metric is None or player.weekly_goal_target is None:
        return None
    return Goal(player.weekly_goal_metric, player.weekly_goal_target)


def week_of(moment: datetime, tz_name: str) -> date:
    """The Monday of the player's local ISO week at `moment`."""
    return rules.week_start(rules.local_date(moment, tz_name))


_SET_GOAL = (
    update(_users)
    .where(_users.c.id == bindparam("player"))
    .values(weekly_goal_metric=bindparam("metric"), weekly_goal_target=bindparam("target"))
)


async def set_goal(session: WriteSession, player: Player, metric: str, target: int) -> Player:
    """Set or change the goal (within rules.GOAL_TERMS); the player with it."""
    terms = rules.GOAL_TERMS[metric]
    if not terms.min_target <= target <= terms.max_target:
        raise GoalTargetOutOfRange(
            metric=metric, target=target, min_target=terms.min_target, max_target=terms.max_target
        )
    await session.execute(_SET_GOAL, {"player": player.id, "metric": metric, "target": target})
    return replace(player, weekly_goal_metric=metric, weekly_goal_target=target)


async def clear_goal(session: WriteSession, player_id: int) -> None:
    await session.execute(_SET_GOAL, {"player": player_id, "metric": None, "target": None})


# --- A week's progress ------------------------------------------------------------


def _week_bounds(monday: date) -> dict[str, Any]:
    midnight = datetime.combine(monday, time(), UTC)
    return {
        "monday": monday,
        "sunday": monday + timedelta(days=6),
        "from": midnight - timedelta(days=1),
        "until": midnight + timedelta(days=8),
    }


_in_week = and_(
    _workouts.c.user_id == bindparam("player"),
    _workouts.c.finished_at >= bindparam("from", type_=_workouts.c.finished_at.type),
    _workouts.c.finished_at < bindparam("until", type_=_workouts.c.finished_at.type),
    _workouts.c.local_date.between(bindparam("monday"), bindparam("sunday")),
)
_duration = {
    "postgresql": extract("epoch", _workouts.c.finished_at - _workouts.c.started_at),
    "sqlite": (func.julianday(_workouts.c.finished_at) - func.julianday(_workouts.c.started_at)) * 86400,
}
_paid = exists().where(_rewards.c.user_id == bindparam("player"), _rewards.c.week_start == bindparam("monday"))


def _progress_query(dialect: str) -> Select[Any]:
    """The week's workouts, seconds (as a float: SQLite counts in days) and XP,
    and whether its reward was paid."""
    return select(
        func.count(),
        func.coalesce(func.sum(_duration[dialect]), 0),
        func.coalesce(func.sum(_workouts.c.xp_earned), 0),
        _paid,
    ).where(_in_week)


_PROGRESS = {dialect: _progress_query(dialect) for dialect in _duration}


async def _progress(session: ReadSession, player_id: int, monday: date) -> tuple[rules.WeekProgress, bool]:
    query = _PROGRESS[session.dialect.name]
    workouts, seconds, xp, paid = (await session.execute(query, {"player": player_id, **_week_bounds(monday)})).one()
    return rules.WeekProgress(workouts=workouts, seconds=round(seconds), xp=xp), bool(paid)


@dataclass(frozen=True, slots=True)
class Reward:
    """A week's reward, as paid: the goal as it stood then, and the coins."""

    week_start: date
    metric: str
    target: int
    coins: int
    rewarded_at: datetime


_REWARD_OF_WEEK = select(
    _rewards.c.week_start, _rewards.c.metric, _rewards.c.target, _rewards.c.coins, _rewards.c.rewarded_at
).where(_rewards.c.user_id == bindparam("player"), _rewards.c.week_start == bindparam("monday"))


@dataclass(frozen=True, slots=True)
class Week:
    """The player's goal and the current week, as the goals page shows them."""

    goal: Goal | None
    week_start: date
    progress: rules.WeekProgress
    reward: Reward | None  # paid this week


async def this_week(session: ReadSession, player: Player, now: datetime | None = None) -> Week:
    monday = week_of(now or datetime.now(UTC), player.timezone)
    progress, paid = await _progress(session, player.id, monday)
    reward = None
    if paid:
        row = (await session.execute(_REWARD_OF_WEEK, {"player": player.id, "monday": monday})).one()
        reward = Reward(*row)
    return Week(goal_of(player), monday, progress, reward)


# --- The reward, in the workout's transaction ----------------------------------------


@dataclass(frozen=True, slots=True)
class Paid:
    week_start: date
    goal: Goal
    coins: int
    balance: int


async def settle(session: WriteSession, player: Player, now: datetime) -> Paid | None:
    """Pay this week's reward if the goal is now reached and was not paid yet.
    Run after the workout is stored; the player's row is locked (`player` is its
    snapshot, so the goal is the one in force for this workout)."""
    goal = goal_of(player)
    if goal is None:
        return None
    monday = week_of(now, player.timezone)
    progress, paid = await _progress(session, player.id, monday)
    if paid or progress.of(goal.metric) < goal.target:
        return None
    claim = (
        insert_ignoring_duplicates(session, _rewards, ["user_id", "week_start"])
        .values(user_id=player.id, week_start=monday, metric=goal.metric, target=goal.target, coins=goal.reward)
        .returning(_rewards.c.week_start)
    )
    if (await session.execute(claim)).first() is None:
        return None  # paid by a transaction that committed meanwhile: the key holds
    balance = await change_coins(session, player.id, goal.reward, "weekly_goal", f"week:{monday.isoformat()}")
    assert balance is not None  # a credit always fits
    title = text(player.locale, f"goals.{goal.metric}", {"target": goal.target})  # type: ignore[arg-type]
    await notify(session, player.id, "goal_reached", {"title": title}, f"weekly_goal:{monday.isoformat()}", now=now)
    return Paid(monday, goal, goal.reward, balance)
