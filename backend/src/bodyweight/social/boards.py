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
`ix_users_visibility_total_xp`; the top of a board is one index range, the
caller's rank one index-only count.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Literal

from sqlalchemy import Select, and_, func, or_, select, union_all

from bodyweight import rules
from bodyweight.db import ReadSession
from bodyweight.models import PlayerBlock, User, WeeklyScore
from bodyweight.social import scores
from bodyweight.social.service import PlayerRef, friend_ids
from bodyweight.users.player import Player

BOARD_SIZE = 50
Period = Literal["week", "all"]
Scope = Literal["global", "friends"]

_users = User.__table__
_scores = WeeklyScore.__table__
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


def _blocked_either(me: int) -> Any:
    return union_all(
        select(_blocks.c.blocked_id).where(_blocks.c.blocker_id == me),
        select(_blocks.c.blocker_id).where(_blocks.c.blocked_id == me),
    )


_NAME = func.coalesce(_users.c.display_name, _users.c.username)


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
    me = player.id
    blocked = _blocked_either(me)
    top: Select[Any]
    if period == "week":
        top = (
            select(_users.c.public_id, _NAME, _users.c.avatar_id, _users.c.level, _scores.c.score)
            .select_from(_scores.join(_users, _users.c.id == _scores.c.user_id))
            .where(
                _scores.c.week_start == week,
                _scores.c.listed,
                _scores.c.score > 0,
                _scores.c.user_id.not_in(blocked),
            )
            .order_by(_scores.c.score.desc(), _scores.c.user_id.desc())
            .limit(BOARD_SIZE)
        )
        mine = (
            await session.execute(select(_scores.c.score).where(_scores.c.user_id == me, _scores.c.week_start == week))
        ).scalar_one_or_none() or 0
        better_all = select(func.count()).where(_scores.c.week_start == week, _scores.c.listed, _scores.c.score > mine)
        better_blocked = select(func.count()).where(
            _scores.c.week_start == week,
            _scores.c.listed,
            _scores.c.score > mine,
            _scores.c.user_id.in_(blocked),
        )
    else:
        top = (
            select(_users.c.public_id, _NAME, _users.c.avatar_id, _users.c.level, _users.c.total_xp)
            .where(_users.c.visibility == "public", _users.c.id.not_in(blocked))
            .order_by(_users.c.total_xp.desc(), _users.c.id.desc())
            .limit(BOARD_SIZE)
        )
        mine = player.total_xp
        better_all = select(func.count()).where(_users.c.visibility == "public", _users.c.total_xp > mine)
        better_blocked = select(func.count()).where(
            _users.c.visibility == "public", _users.c.total_xp > mine, _users.c.id.in_(blocked)
        )
    rows: list[tuple[PlayerRef, int, int]] = [
        (PlayerRef(*row[:3]), row[3], row[4]) for row in await session.execute(top)
    ]
    # Blocks are few: counting all, then taking those away, keeps the count index-only.
    difference = select(better_all.scalar_subquery() - better_blocked.scalar_subquery())
    better = (await session.execute(difference)).scalar_one()
    return Board(period, "global", week, ranked(rows), _me_entry(player, int(better) + 1, mine))


async def _friends_board(session: ReadSession, player: Player, period: Period, week: date | None) -> Board:
    me = player.id
    friends = friend_ids(me).subquery()
    members = or_(
        _users.c.id == me,
        and_(_users.c.id.in_(select(friends.c.friend_id)), _users.c.visibility != "hidden"),
    )
    score: Any
    source: Any
    if period == "week":
        score = func.coalesce(_scores.c.score, 0)
        source = _users.outerjoin(_scores, and_(_scores.c.user_id == _users.c.id, _scores.c.week_start == week))
    else:
        score, source = _users.c.total_xp, _users
    statement = (
        select(_users.c.id, _users.c.public_id, _NAME, _users.c.avatar_id, _users.c.level, score.label("score"))
        .select_from(source)
        .where(members)
        .order_by(score.desc(), _users.c.id.desc())
    )
    rows = list(await session.execute(statement))
    entries = ranked([(PlayerRef(row[1], row[2], row[3]), row[4], row[5]) for row in rows])
    mine = next(entry for row, entry in zip(rows, entries, strict=True) if row[0] == me)
    return Board(period, "friends", week, entries[:BOARD_SIZE], mine)
