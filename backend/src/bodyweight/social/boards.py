"""Leaderboards: this week and all time, of public players or of the caller's friends.

- **This week** ranks the weekly score (social.scores) of the caller's current ISO
  week: the week holding today in the caller's time zone. Each player's score
  for that week is the XP of their own local days Monday to Sunday, so near the
  boundary a player far east may already be scoring the next week.
- **All time** ranks total XP (the level follows from it).
- **Global** boards list only `public` players; **friends** boards the caller and
  their friends who are not hidden. A block, either way, hides each from the other.

Ranks are shared on ties (1, 2, 2, 4): a rank is one more than the number of
players on the board with a strictly higher score. The caller's own rank comes
with every board, even outside the top BOARD_SIZE, counted the same way (and
as the rank they would hold when they are not on it themselves).

Reads come from indexes: `ix_weekly_scores_board` (week, listed, score) and
`ix_users_visibility_total_xp`; the top of a board is one index range. The
caller's week rank sums `weekly_score_tally` (how many listed players hold each
score of the week, social.tally) over the scores above theirs: a range of at most
a few thousand rows of one small table, whatever the number of players. Their
all-time rank is one index-only count (see docs/benchmarks.md for the costs at
100,000 players). A friends board looks up the caller's friends by primary key.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Literal

from sqlalchemy import Date, Integer, Select, and_, bindparam, func, or_, select, true, union_all

from bodyweight import rules
from bodyweight.db import ReadSession
from bodyweight.models import PlayerBlock, User, WeeklyScore, WeeklyScoreTally
from bodyweight.social import scores
from bodyweight.social.service import PlayerRef, friend_ids
from bodyweight.users.player import Player

BOARD_SIZE = 50
Period = Literal["week", "all"]
Scope = Literal["global", "friends"]

_users = User.__table__
_scores = WeeklyScore.__table__
_tally = WeeklyScoreTally.__table__
_blocks = PlayerBlock.__table__


@dataclass(frozen=True, slots=True)
class Entry:
    rank: int
    player: PlayerRef
    level: int
    score: int


@dataclass(frozen=True, slots=True)
class Board:
    period: Period
    scope: Scope
    week_start: date | None  # the week ranked (period "week")
    entries: list[Entry]
    me: Entry


def ranked(rows: list[tuple[PlayerRef, int, int]]) -> list[Entry]:
    """(player, level, score) in board order, best first, ranked with shared ties."""
    entries: list[Entry] = []
    for position, (player, level, score) in enumerate(rows, start=1):
        rank = entries[-1].rank if entries and entries[-1].score == score else position
        entries.append(Entry(rank, player, level, score))
    return entries


# The statements are built once, with the caller (`me`), the week and the caller's
# all-time score (`mine`) as parameters, so SQLAlchemy reuses their compiled form.
# The benchmark's pgbench scripts are rendered from these very objects
# (bench/pgbench.py), so they run exactly what the app runs.
_ME = bindparam("me", type_=Integer)
_WEEK = bindparam("week", type_=Date)
_MINE = bindparam("mine", type_=Integer)

_BLOCKED_EITHER = union_all(
    select(_blocks.c.blocked_id).where(_blocks.c.blocker_id == _ME),
    select(_blocks.c.blocker_id).where(_blocks.c.blocked_id == _ME),
)
_NAME = func.coalesce(_users.c.display_name, _users.c.username)
_LISTED_THIS_WEEK = (_scores.c.week_start == _WEEK, _scores.c.listed)
_PUBLIC = (_users.c.visibility == "public",)


def _better(listed: tuple[Any, ...], score: Any, player_id: Any, mine: Any, better_all: Any = None) -> Any:
    """How many listed players outside the caller's blocks score above `mine`.
    Blocks are few: counting all (`better_all`, by default one count over the
    board's index), then taking the blocked away, keeps the count off the players'
    rows."""
    if better_all is None:
        better_all = select(func.count()).where(*listed, score > mine).scalar_subquery()
    better_blocked = select(func.count()).where(*listed, score > mine, player_id.in_(_BLOCKED_EITHER)).scalar_subquery()
    return better_all - better_blocked


# The caller's own score of the week (PostgreSQL looks it up once, before the count).
_MY_WEEK_SCORE = func.coalesce(
    select(_scores.c.score).where(_scores.c.user_id == _ME, _scores.c.week_start == _WEEK).scalar_subquery(), 0
)


def _whole_board(top: Select[Any], mine: Any, better: Any) -> Select[Any]:
    """The top of a board with the caller's score and rank count beside each row:
    one round trip (each costs the server CPU; see docs/benchmarks.md) and one
    snapshot, so the rank is counted against the very rows shown. An empty top
    still gives one row, its board columns null."""
    ranking = select(mine.label("mine"), better.label("better")).subquery("ranking")
    rows = top.subquery("top")
    return (
        select(ranking, rows)
        .select_from(ranking.outerjoin(rows, true()))
        .order_by(rows.c.score.desc(), rows.c.player_id.desc())
    )


WEEK_BOARD = _whole_board(
    select(
        _users.c.public_id,
        _NAME.label("name"),
        _users.c.avatar_id,
        _users.c.level,
        _scores.c.score,
        _scores.c.user_id.label("player_id"),
    )
    .select_from(_scores.join(_users, _users.c.id == _scores.c.user_id))
    .where(*_LISTED_THIS_WEEK, _scores.c.score > 0, _scores.c.user_id.not_in(_BLOCKED_EITHER))
    .order_by(_scores.c.score.desc(), _scores.c.user_id.desc())
    .limit(BOARD_SIZE),
    _MY_WEEK_SCORE,
    _better(
        _LISTED_THIS_WEEK,
        _scores.c.score,
        _scores.c.user_id,
        _MY_WEEK_SCORE,
        # All the listed players above: the tally's rows of the week above the caller's score.
        select(func.coalesce(func.sum(_tally.c.players), 0))
        .where(_tally.c.week_start == _WEEK, _tally.c.score > _MY_WEEK_SCORE)
        .scalar_subquery(),
    ),
)
ALL_TIME_BOARD = _whole_board(
    select(
        _users.c.public_id,
        _NAME.label("name"),
        _users.c.avatar_id,
        _users.c.level,
        _users.c.total_xp.label("score"),
        _users.c.id.label("player_id"),
    )
    .where(*_PUBLIC, _users.c.id.not_in(_BLOCKED_EITHER))
    .order_by(_users.c.total_xp.desc(), _users.c.id.desc())
    .limit(BOARD_SIZE),
    _MINE,
    _better(_PUBLIC, _users.c.total_xp, _users.c.id, _MINE),
)

# The friends board's players: the caller and their friends who are not hidden.
# An id list to look up (the primary key, a dozen probes), not a condition with
# OR to test on every player, which PostgreSQL can only answer by reading them all.
_FRIENDS = friend_ids(_ME).subquery()
_MEMBERS = (
    _users.c.id.in_(union_all(select(_ME.label("id")), select(_FRIENDS.c.friend_id))),
    or_(_users.c.id == _ME, _users.c.visibility != "hidden"),
)


def _friends(score: Any, source: Any) -> Select[Any]:
    return (
        select(_users.c.id, _users.c.public_id, _NAME, _users.c.avatar_id, _users.c.level, score.label("score"))
        .select_from(source)
        .where(*_MEMBERS)
        .order_by(score.desc(), _users.c.id.desc())
    )


FRIENDS_WEEK = _friends(
    func.coalesce(_scores.c.score, 0),
    _users.outerjoin(_scores, and_(_scores.c.user_id == _users.c.id, _scores.c.week_start == _WEEK)),
)
FRIENDS_ALL_TIME = _friends(_users.c.total_xp, _users)


def _current_week(player: Player, now: datetime | None) -> date:
    return scores.week_start(rules.local_date(now or datetime.now(UTC), player.timezone))


async def board(
    session: ReadSession, player: Player, period: Period, scope: Scope, now: datetime | None = None
) -> Board:
    week = _current_week(player, now) if period == "week" else None
    if scope == "friends":
        return await _friends_board(session, player, period, week)
    return await _global_board(session, player, period, week)


def _me_entry(player: Player, rank: int, score: int) -> Entry:
    # Every player has a public id from sign-up (a row written outside the app
    # gets one on its first social use; until then it has nothing to link to).
    ref = PlayerRef(player.public_id or "", player.display_name or player.username, player.avatar_id)
    return Entry(rank, ref, player.level, score)


async def _global_board(session: ReadSession, player: Player, period: Period, week: date | None) -> Board:
    if period == "week":
        statement, params = WEEK_BOARD, {"me": player.id, "week": week}
    else:
        statement, params = ALL_TIME_BOARD, {"me": player.id, "mine": player.total_xp}
    rows = (await session.execute(statement, params)).all()
    mine, better = rows[0][:2]
    on_board = [(PlayerRef(*row[2:5]), row[5], row[6]) for row in rows if row[7] is not None]
    return Board(period, "global", week, ranked(on_board), _me_entry(player, int(better) + 1, int(mine)))


async def _friends_board(session: ReadSession, player: Player, period: Period, week: date | None) -> Board:
    me = player.id
    statement, params = (FRIENDS_WEEK, {"me": me, "week": week}) if period == "week" else (FRIENDS_ALL_TIME, {"me": me})
    rows = list(await session.execute(statement, params))
    entries = ranked([(PlayerRef(row[1], row[2], row[3]), row[4], row[5]) for row in rows])
    mine = next(entry for row, entry in zip(rows, entries, strict=True) if row[0] == me)
    return Board(period, "friends", week, entries[:BOARD_SIZE], mine)
