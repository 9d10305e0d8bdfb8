"""The weekly score: XP from workouts, at most DAILY_SCORE_CAP of it per local day.

A week is an ISO week (Monday to Sunday) of the player's own calendar, in the
time zone on their profile, exactly as their days are for streaks and the coin
cap: a workout counts in the week of its `local_date`. The cap makes a score
that cannot be padded: one long (or invented) workout adds at most one day's
worth, and the best possible week is 7 * DAILY_SCORE_CAP.

`record` keeps `weekly_scores` up to date inside the workout's own transaction,
with one INSERT ... ON CONFLICT DO UPDATE: the row keeps each day's raw XP, so a
back-dated workout lands on its own day and week and the cap holds per day. When
the score is listed and changed, one more statement moves the player in the week's
tally (social.tally) from the old score to the new one.
"""

from datetime import date, timedelta
from typing import Any

from sqlalchemy import Insert, case, literal
from sqlalchemy.dialects import postgresql, sqlite

from bodyweight.db import WriteSession
from bodyweight.models import WeeklyScore
from bodyweight.social import tally

DAILY_SCORE_CAP = 500
"""XP a player's local day can add to a weekly score. An honest hard workout
earns 100-300 XP; 500 leaves room for two, and no more."""

_scores = WeeklyScore.__table__


def week_start(day: date) -> date:
    """The Monday of the ISO week holding `day`."""
    return day - timedelta(days=day.isoweekday() - 1)


def day_column(day: date) -> str:
    return f"day{day.isoweekday()}_xp"


def capped(xp: int) -> int:
    return min(xp, DAILY_SCORE_CAP)


def week_score(xp_per_day: dict[date, int]) -> dict[date, int]:
    """Scores by week start from raw XP by local day: the rule, stated once, that
    the aggregate keeps and the tests recompute."""
    weeks: dict[date, int] = {}
    for day, xp in xp_per_day.items():
        weeks[week_start(day)] = weeks.get(week_start(day), 0) + capped(xp)
    return weeks


def _capped_sql(value: Any) -> Any:
    return case((value > DAILY_SCORE_CAP, literal(DAILY_SCORE_CAP)), else_=value)


def _upsert(dialect: str, column: str) -> Insert:
    statement = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(_scores)
    old, added = _scores.c[column], statement.excluded[column]
    return statement.on_conflict_do_update(
        index_elements=[_scores.c.user_id, _scores.c.week_start],
        set_={
            column: old + added,
            # Every SET reads the row as it was: the day's capped XP before and after.
            "score": _scores.c.score + _capped_sql(old + added) - _capped_sql(old),
            "listed": statement.excluded.listed,
        },
    ).returning(_scores.c.score, _scores.c[column])  # as they are now: the score before follows


_UPSERTS = {
    (dialect, f"day{n}_xp"): _upsert(dialect, f"day{n}_xp") for dialect in ("postgresql", "sqlite") for n in range(1, 8)
}


async def record(session: WriteSession, player_id: int, listed: bool, local_date: date, xp: int) -> None:
    """Add a workout's XP to its week (in the workout's transaction; the player's
    row is locked, so `listed` is the visibility as it stands, and the row's too)."""
    column = day_column(local_date)
    week = week_start(local_date)
    score, day_xp = (
        await session.execute(
            _UPSERTS[(session.dialect.name, column)],
            {"user_id": player_id, "week_start": week, "listed": listed, "score": capped(xp), column: xp},
        )
    ).one()
    if listed:
        # A new row held 0 of everything: its day's XP before is 0, and so its score.
        before = score - (capped(day_xp) - capped(day_xp - xp))
        await tally.move(session, week, before, score)
