"""The weekly score tally: for each week and score, how many listed players hold it.

`weekly_score_tally` lets the global week board count the players above the caller
as the sum of a few hundred tally rows (social.boards) instead of counting every
listed score of the week. Only scores above 0 are tallied: a score of 0 ranks above
no one, and a row that did not exist scores 0.

It is kept exact in the transaction of each write that changes a listed score or
whether a score is listed, by an upsert that adds a change to `players`:

- a workout (social.scores.record) moves its player from the old score to the new
  one: -1 at the old, +1 at the new, in one statement;
- a change of visibility (social.service.set_visibility) adds or takes away all of
  the player's weekly scores;
- deleting an account (users.account) takes them away before the rows cascade.

Lock order: every statement touches its rows in ascending (week_start, score)
order (a workout's old score is below its new one; the others sort), and no
transaction takes a tally row after one above it, so two writers on PostgreSQL
wait for each other instead of deadlocking. Each writer holds its player's row
(deps.LockedPlayer, or the row locked in users.account), so the player's weekly
scores cannot change under it.
"""

from datetime import date

from sqlalchemy import Date, Insert, Integer, bindparam, case, literal, select
from sqlalchemy.dialects import postgresql, sqlite

from bodyweight.db import WriteSession
from bodyweight.models import WeeklyScore, WeeklyScoreTally

_tally = WeeklyScoreTally.__table__
_scores = WeeklyScore.__table__
DIALECTS = ("postgresql", "sqlite")


# A change is sent as the row it would insert, and both engines check a row's CHECK
# constraints before looking for a conflict: one player less is sent as `players`
# 0, which the update reads as -1 (a row is never inserted to hold 0 on purpose).
LESS = 0


def _adding(dialect: str, rows: Insert) -> Insert:
    """`rows` (week_start, score, players) added to the tally: players more, or
    one player less for `LESS`. A row not there yet is inserted as sent (`LESS`
    inserts 0 where one player should have been taken away: never when the tally
    is exact, and harmless to the counts)."""
    assert isinstance(rows, postgresql.Insert | sqlite.Insert)
    sent = rows.excluded.players
    return rows.on_conflict_do_update(
        index_elements=[_tally.c.week_start, _tally.c.score],
        set_={"players": _tally.c.players + case((sent == LESS, literal(-1)), else_=sent)},
    )


def _insert(dialect: str) -> Insert:
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(_tally)


def _moves(dialect: str, scores: int) -> Insert:
    """One change at each of `scores` scores of one week: bind week, score0,
    change0, score1, change1, ... (a change is 1 or `LESS`), the scores in
    ascending order."""
    week = bindparam("week", type_=Date)
    rows = [
        {
            "week_start": week,
            "score": bindparam(f"score{n}", type_=Integer),
            "players": bindparam(f"change{n}", type_=Integer),
        }
        for n in range(scores)
    ]
    return _adding(dialect, _insert(dialect).values(rows))


# A workout: (new, +1) for a player's first points of the week, (old, -1), (new, +1) after.
_MOVES = {(dialect, scores): _moves(dialect, scores) for dialect in DIALECTS for scores in (1, 2)}


def _all_of_player(dialect: str, listed: bool, change: int) -> Insert:
    """`change` (1 or `LESS`) at each of the player's weekly scores above 0 that
    are `listed`: bind player."""
    rows = (
        select(_scores.c.week_start, _scores.c.score, literal(change, Integer))
        .where(
            _scores.c.user_id == bindparam("player", type_=Integer),
            _scores.c.listed if listed else ~_scores.c.listed,
            _scores.c.score > 0,
        )
        .order_by(_scores.c.week_start, _scores.c.score)
    )
    return _adding(dialect, _insert(dialect).from_select(["week_start", "score", "players"], rows))


# (player, week) is the primary key of weekly_scores, so no tally row comes twice.
_JOIN = {dialect: _all_of_player(dialect, listed=False, change=1) for dialect in DIALECTS}
_LEAVE = {dialect: _all_of_player(dialect, listed=True, change=LESS) for dialect in DIALECTS}


async def move(session: WriteSession, week: date, old: int, new: int) -> None:
    """A listed player's score of `week` went from `old` to `new`."""
    if old == new:
        return
    changes = [(score, change) for score, change in sorted(((old, LESS), (new, 1))) if score > 0]
    if not changes:
        return
    params: dict[str, object] = {"week": week}
    for n, (score, change) in enumerate(changes):
        params[f"score{n}"], params[f"change{n}"] = score, change
    await session.execute(_MOVES[(session.dialect.name, len(changes))], params)


async def join(session: WriteSession, player_id: int) -> None:
    """The player's unlisted weekly scores become listed: count them (before the
    rows say so)."""
    await session.execute(_JOIN[session.dialect.name], {"player": player_id})


async def leave(session: WriteSession, player_id: int) -> None:
    """The player's listed weekly scores stop being listed or are deleted: stop
    counting them (before the rows change)."""
    await session.execute(_LEAVE[session.dialect.name], {"player": player_id})
