"""Friends and privacy: requests, invite links, blocks, and who may see whom.

Who sees a player (`users.visibility`):

| visibility | search by exact username | global boards | friends' boards | card |
|---|---|---|---|---|
| hidden | nobody | nobody | nobody | nobody |
| friends (default) | everyone | nobody | friends | friends |
| public | everyone | everyone | friends | everyone |

A block, either way, hides each player from the other everywhere, ends their
friendship and refuses requests between them. Whatever is not visible answers
exactly as a player who does not exist does (`player_not_found`), so nobody can
tell a hidden or blocking player from a wrong address. The player always sees
themselves.
"""

import secrets
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any, Literal

from sqlalchemy import ColumnElement, and_, bindparam, delete, func, or_, select, union_all, update

from bodyweight import rules
from bodyweight.db import ReadSession, WriteSession, insert_ignoring_duplicates
from bodyweight.errors import DomainError
from bodyweight.models import FriendInvite, Friendship, PlayerBlock, User, WeeklyScore
from bodyweight.models.users import new_public_id
from bodyweight.notifications.service import notify
from bodyweight.schemas import normalize_username
from bodyweight.social import scores, tally
from bodyweight.users.player import Player

Visibility = Literal["hidden", "friends", "public"]
FriendshipState = Literal["none", "outgoing", "incoming", "friends", "blocked"]
"""From the caller's side: `outgoing` they asked, `incoming` the other player
asked, `blocked` the caller blocked the other player."""

_users = User.__table__
_friendships = Friendship.__table__
_blocks = PlayerBlock.__table__
_invites = FriendInvite.__table__
_scores = WeeklyScore.__table__


class PlayerNotFound(DomainError):
    """No such player, or none the caller may see: the two are one answer."""

    status_code, code = 404, "player_not_found"


class FriendRequestNotFound(DomainError):
    status_code, code = 404, "friend_request_not_found"


class FriendNotFound(DomainError):
    status_code, code = 404, "friend_not_found"


class InviteNotFound(DomainError):
    status_code, code = 404, "invite_not_found"


class CannotBefriendSelf(DomainError):
    status_code, code = 422, "cannot_befriend_self"


class PlayerBlocked(DomainError):
    """The caller blocked this player: unblock first."""

    status_code, code = 409, "player_blocked"


@dataclass(frozen=True, slots=True)
class PlayerRef:
    """How one player is named to another: the random public id, the name, the avatar."""

    id: str
    display_name: str
    avatar_id: str


@dataclass(frozen=True, slots=True)
class Relation:
    player: PlayerRef
    friendship: FriendshipState


@dataclass(frozen=True, slots=True)
class Card:
    """What a player who may see another learns: nothing beyond these."""

    id: str
    display_name: str
    avatar_id: str
    level: int
    current_streak: int
    week_score: int


@dataclass(frozen=True, slots=True)
class FriendLists:
    friends: list[PlayerRef]
    incoming: list[PlayerRef]
    outgoing: list[PlayerRef]
    blocked: list[PlayerRef]
    cards: list[Card]  # of the friends who are not hidden, in the order of `friends`


@dataclass(frozen=True, slots=True)
class Invite:
    code: str


@dataclass(frozen=True, slots=True)
class _Other:
    """Another player's row, as the social use cases need it."""

    id: int
    public_id: str | None  # see ensure_public_id
    username: str
    display_name: str | None
    avatar_id: str
    visibility: str
    level: int
    current_streak: int
    last_workout_date: Any
    timezone: str
    last_workout_zone: str | None
    streak_freezes: int

    def ref(self) -> PlayerRef:
        assert self.public_id is not None  # found by it, or given one (search)
        return PlayerRef(self.public_id, self.display_name or self.username, self.avatar_id)


_OTHER_COLUMNS = (
    _users.c.id,
    _users.c.public_id,
    _users.c.username,
    _users.c.display_name,
    _users.c.avatar_id,
    _users.c.visibility,
    _users.c.level,
    _users.c.current_streak,
    _users.c.last_workout_date,
    _users.c.timezone,
    _users.c.last_workout_zone,
    _users.c.streak_freezes,
)


def _other_of(row: Any) -> "_Other":
    return _Other(*row)  # the columns are _Other's fields, in order


_BY_PUBLIC_ID = select(*_OTHER_COLUMNS).where(_users.c.public_id == bindparam("public_id"))
_BY_USERNAME = select(*_OTHER_COLUMNS).where(_users.c.username == bindparam("username"))
_BY_ID = select(*_OTHER_COLUMNS).where(_users.c.id == bindparam("player"))


def pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def ref_of(player: Player) -> PlayerRef:
    assert player.public_id is not None  # see ensure_public_id
    return PlayerRef(player.public_id, player.display_name or player.username, player.avatar_id)


async def ensure_public_id(session: WriteSession, player_id: int) -> str:
    """The player's public id, given now to a row written outside the app."""
    await session.execute(
        update(_users).where(_users.c.id == player_id, _users.c.public_id.is_(None)).values(public_id=new_public_id())
    )
    return str((await session.execute(select(_users.c.public_id).where(_users.c.id == player_id))).scalar_one())


async def _me(session: WriteSession, player: Player) -> Player:
    if player.public_id is not None:
        return player
    return replace(player, public_id=await ensure_public_id(session, player.id))


async def _other(session: ReadSession, public_id: str) -> _Other | None:
    if "\x00" in public_id or len(public_id) > 32:
        return None
    row = (await session.execute(_BY_PUBLIC_ID, {"public_id": public_id})).one_or_none()
    return None if row is None else _other_of(row)


_PAIR = select(_friendships.c.status, _friendships.c.requested_by).where(
    _friendships.c.low_id == bindparam("low"), _friendships.c.high_id == bindparam("high")
)
_BLOCKERS = select(_blocks.c.blocker_id).where(
    or_(
        and_(_blocks.c.blocker_id == bindparam("a"), _blocks.c.blocked_id == bindparam("b")),
        and_(_blocks.c.blocker_id == bindparam("b"), _blocks.c.blocked_id == bindparam("a")),
    )
)


@dataclass(frozen=True, slots=True)
class _Between:
    friendship: FriendshipState
    i_blocked: bool
    they_blocked: bool


async def _between(session: ReadSession, me: int, other: int) -> _Between:
    low, high = pair(me, other)
    row = (await session.execute(_PAIR, {"low": low, "high": high})).one_or_none()
    blockers = set((await session.execute(_BLOCKERS, {"a": me, "b": other})).scalars())
    state: FriendshipState = "none"
    if me in blockers:
        state = "blocked"
    elif row is not None:
        state = "friends" if row.status == "accepted" else ("outgoing" if row.requested_by == me else "incoming")
    return _Between(state, me in blockers, other in blockers)


def may_see(viewer_id: int, target_id: int, visibility: str, friends: bool, blocked_either: bool) -> bool:
    """Whether the viewer may see the target's card (and find them on boards)."""
    if viewer_id == target_id:
        return True
    if blocked_either or visibility == "hidden":
        return False
    return visibility == "public" or friends


# --- Finding and seeing -------------------------------------------------------


async def search(session: WriteSession, player: Player, username: str) -> Relation:
    """The player with exactly this username, unless hidden or blocked either way.
    (The caller has used up one search of their quota already: see limits.)"""
    name = normalize_username(username)
    row = None if "\x00" in name else (await session.execute(_BY_USERNAME, {"username": name})).one_or_none()
    if row is None:
        raise PlayerNotFound()
    other = _other_of(row)
    if other.id == player.id:
        return Relation(ref_of(await _me(session, player)), "none")
    between = await _between(session, player.id, other.id)
    if other.visibility == "hidden" or between.they_blocked:
        raise PlayerNotFound()
    if other.public_id is None:
        other = replace(other, public_id=await ensure_public_id(session, other.id))
    return Relation(other.ref(), between.friendship)


async def card(session: ReadSession, viewer: Player, public_id: str, now: datetime | None = None) -> Card:
    other = await _other(session, public_id)
    if other is None:
        raise PlayerNotFound()
    between = await _between(session, viewer.id, other.id)
    blocked = between.i_blocked or between.they_blocked
    if not may_see(viewer.id, other.id, other.visibility, between.friendship == "friends", blocked):
        raise PlayerNotFound()
    now = now or datetime.now(UTC)
    week = scores.week_start(rules.local_date(now, viewer.timezone))
    week_score = (
        await session.execute(
            select(_scores.c.score).where(_scores.c.user_id == other.id, _scores.c.week_start == week)
        )
    ).scalar_one_or_none()
    return Card(
        id=public_id,
        display_name=other.display_name or other.username,
        avatar_id=other.avatar_id,
        level=other.level,
        current_streak=rules.streak_now(
            now,
            other.timezone,
            other.last_workout_date,
            other.last_workout_zone,
            other.current_streak,
            other.streak_freezes,
        ),
        week_score=week_score or 0,
    )


async def set_visibility(session: WriteSession, player: Player, visibility: Visibility) -> Visibility:
    """`player` is locked (deps.LockedPlayer): a workout writing its weekly score
    waits, so `weekly_scores.listed` always says what `users.visibility` says, and
    the week boards' tally counts what the rows say (social.tally)."""
    await session.execute(update(_users).where(_users.c.id == player.id).values(visibility=visibility))
    listed, was_listed = visibility == "public", player.visibility == "public"
    if listed != was_listed:
        await (tally.join if listed else tally.leave)(session, player.id)
    await session.execute(update(_scores).where(_scores.c.user_id == player.id).values(listed=visibility == "public"))
    if visibility != "hidden":
        await _me(session, player)
    return visibility


# --- Requests ------------------------------------------------------------------


async def _reachable(session: WriteSession, player: Player, public_id: str) -> tuple[_Other, _Between]:
    """The other player, if the caller may ask them anything."""
    other = await _other(session, public_id)
    if other is None:
        raise PlayerNotFound()
    if other.id == player.id:
        raise CannotBefriendSelf()
    between = await _between(session, player.id, other.id)
    if between.they_blocked:
        raise PlayerNotFound()
    if between.i_blocked:
        raise PlayerBlocked()
    return other, between


async def _accept_pair(session: WriteSession, me: int, other: int, now: datetime) -> bool:
    """Turn the other player's pending request to the caller into a friendship."""
    low, high = pair(me, other)
    result = await session.execute(
        update(_friendships)
        .where(
            _friendships.c.low_id == low,
            _friendships.c.high_id == high,
            _friendships.c.status == "pending",
            _friendships.c.requested_by == other,
        )
        .values(status="accepted", accepted_at=now)
    )
    return result.rowcount == 1


async def request(session: WriteSession, player: Player, public_id: str, now: datetime | None = None) -> Relation:
    """Ask to be friends. Asking again changes nothing; asking a player who already
    asked you accepts, so two players who ask each other at once end up friends
    once (the pair's primary key: the second INSERT waits for the first)."""
    now = now or datetime.now(UTC)
    me = await _me(session, player)
    other, between = await _reachable(session, me, public_id)
    if between.friendship in ("friends", "outgoing"):
        return Relation(other.ref(), between.friendship)
    if between.friendship == "none" and other.visibility == "hidden":
        raise PlayerNotFound()  # a hidden player is reached only by their invite link
    low, high = pair(me.id, other.id)
    for _ in range(3):
        inserted = await session.execute(
            insert_ignoring_duplicates(session, _friendships, ["low_id", "high_id"])
            .values(low_id=low, high_id=high, status="pending", requested_by=me.id, created_at=now)
            .returning(_friendships.c.low_id)
        )
        if inserted.first() is not None:
            await notify(
                session,
                other.id,
                "friend_request",
                {"from_name": me.display_name or me.username},
                f"friend_request:{me.public_id}",
                now=now,
            )
            return Relation(other.ref(), "outgoing")
        row = (await session.execute(_PAIR, {"low": low, "high": high})).one_or_none()
        if row is None:
            continue  # withdrawn between the two statements: ask again
        if row.status == "accepted":
            return Relation(other.ref(), "friends")
        if row.requested_by == me.id:
            return Relation(other.ref(), "outgoing")
        if await _accept_pair(session, me.id, other.id, now):
            return Relation(other.ref(), "friends")
    raise PlayerNotFound()  # pragma: no cover - the pair changed under us three times


async def accept(session: WriteSession, player: Player, public_id: str, now: datetime | None = None) -> Relation:
    me = await _me(session, player)
    other = await _other(session, public_id)
    if other is None or not await _accept_pair(session, me.id, other.id, now or datetime.now(UTC)):
        raise FriendRequestNotFound()
    return Relation(other.ref(), "friends")


async def _delete_pair(session: WriteSession, me: int, other: int, status: str, requested_by: int | None) -> bool:
    low, high = pair(me, other)
    statement = delete(_friendships).where(
        _friendships.c.low_id == low, _friendships.c.high_id == high, _friendships.c.status == status
    )
    if requested_by is not None:
        statement = statement.where(_friendships.c.requested_by == requested_by)
    return (await session.execute(statement)).rowcount == 1


async def decline(session: WriteSession, player: Player, public_id: str) -> Relation:
    other = await _other(session, public_id)
    if other is None or not await _delete_pair(session, player.id, other.id, "pending", other.id):
        raise FriendRequestNotFound()
    return Relation(other.ref(), "none")


async def cancel(session: WriteSession, player: Player, public_id: str) -> Relation:
    other = await _other(session, public_id)
    if other is None or not await _delete_pair(session, player.id, other.id, "pending", player.id):
        raise FriendRequestNotFound()
    return Relation(other.ref(), "none")


async def remove(session: WriteSession, player: Player, public_id: str) -> Relation:
    other = await _other(session, public_id)
    if other is None or not await _delete_pair(session, player.id, other.id, "accepted", None):
        raise FriendNotFound()
    return Relation(other.ref(), "none")


async def block(session: WriteSession, player: Player, public_id: str) -> Relation:
    """Block a player: any friendship or request between the two ends."""
    other = await _other(session, public_id)
    if other is None:
        raise PlayerNotFound()
    if other.id == player.id:
        raise CannotBefriendSelf()
    await session.execute(
        insert_ignoring_duplicates(session, _blocks, ["blocker_id", "blocked_id"]).values(
            blocker_id=player.id, blocked_id=other.id
        )
    )
    low, high = pair(player.id, other.id)
    await session.execute(delete(_friendships).where(_friendships.c.low_id == low, _friendships.c.high_id == high))
    return Relation(other.ref(), "blocked")


async def unblock(session: WriteSession, player: Player, public_id: str) -> Relation:
    other = await _other(session, public_id)
    if other is None:
        raise PlayerNotFound()
    await session.execute(delete(_blocks).where(_blocks.c.blocker_id == player.id, _blocks.c.blocked_id == other.id))
    return Relation(other.ref(), "none")


# --- Lists -----------------------------------------------------------------------


def friend_ids(player_id: int | ColumnElement[int], status: str = "accepted") -> Any:
    """The ids of the player's friends (or pending pairs), from either side of the pair
    (`player_id` may be a bound parameter, for a statement built once)."""
    return union_all(
        select(_friendships.c.high_id.label("friend_id")).where(
            _friendships.c.low_id == player_id, _friendships.c.status == status
        ),
        select(_friendships.c.low_id.label("friend_id")).where(
            _friendships.c.high_id == player_id, _friendships.c.status == status
        ),
    )


_REF_COLUMNS = (_users.c.public_id, func.coalesce(_users.c.display_name, _users.c.username), _users.c.avatar_id)


async def friend_lists(session: ReadSession, player: Player, now: datetime | None = None) -> FriendLists:
    """Friends, requests both ways and blocks; and the cards of the friends the
    caller may see (a hidden friend is named, never described), in one read."""
    me = player.id
    now = now or datetime.now(UTC)
    week = scores.week_start(rules.local_date(now, player.timezone))
    friends = friend_ids(me).subquery()
    pending = friend_ids(me, "pending").subquery()
    asked_by = select(_friendships.c.requested_by).where(
        or_(
            and_(_friendships.c.low_id == me, _friendships.c.high_id == _users.c.id),
            and_(_friendships.c.high_id == me, _friendships.c.low_id == _users.c.id),
        )
    )
    by_name = func.lower(func.coalesce(_users.c.display_name, _users.c.username))

    async def refs(statement: Any) -> list[PlayerRef]:
        return [PlayerRef(*row) for row in await session.execute(statement.order_by(by_name, _users.c.public_id))]

    seen = (
        select(
            *_REF_COLUMNS,
            _users.c.level,
            _users.c.current_streak,
            _users.c.last_workout_date,
            _users.c.timezone,
            _users.c.last_workout_zone,
            _users.c.streak_freezes,
            func.coalesce(_scores.c.score, 0),
        )
        .select_from(_users.outerjoin(_scores, and_(_scores.c.user_id == _users.c.id, _scores.c.week_start == week)))
        .where(_users.c.id.in_(select(friends.c.friend_id)), _users.c.visibility != "hidden")
        .order_by(by_name, _users.c.public_id)
    )
    cards = [
        Card(
            id=public_id,
            display_name=name,
            avatar_id=avatar_id,
            level=level,
            current_streak=rules.streak_now(now, timezone, last_day, streak_zone, streak, freezes),
            week_score=week_score,
        )
        for (
            public_id,
            name,
            avatar_id,
            level,
            streak,
            last_day,
            timezone,
            streak_zone,
            freezes,
            week_score,
        ) in await session.execute(seen)
    ]
    return FriendLists(
        cards=cards,
        friends=await refs(select(*_REF_COLUMNS).where(_users.c.id.in_(select(friends.c.friend_id)))),
        incoming=await refs(
            select(*_REF_COLUMNS).where(
                _users.c.id.in_(select(pending.c.friend_id)), asked_by.scalar_subquery() == _users.c.id
            )
        ),
        outgoing=await refs(
            select(*_REF_COLUMNS).where(_users.c.id.in_(select(pending.c.friend_id)), asked_by.scalar_subquery() == me)
        ),
        blocked=await refs(
            select(*_REF_COLUMNS).where(_users.c.id.in_(select(_blocks.c.blocked_id).where(_blocks.c.blocker_id == me)))
        ),
    )


# --- Invite links ------------------------------------------------------------------


def new_invite_code() -> str:
    """URL-safe, and within what Telegram's `startapp` accepts (A-Z a-z 0-9 _ -)."""
    return secrets.token_urlsafe(12)


async def my_invite(session: WriteSession, player: Player) -> Invite:
    await _me(session, player)
    await session.execute(
        insert_ignoring_duplicates(session, _invites, ["user_id"]).values(user_id=player.id, code=new_invite_code())
    )
    code = (await session.execute(select(_invites.c.code).where(_invites.c.user_id == player.id))).scalar_one()
    return Invite(code)


async def renew_invite(session: WriteSession, player: Player) -> Invite:
    """A new link; the old one stops working."""
    await session.execute(delete(_invites).where(_invites.c.user_id == player.id))
    return await my_invite(session, player)


async def _invite_owner(session: ReadSession, player: Player, code: str) -> tuple[_Other, _Between]:
    if "\x00" in code or len(code) > 32:
        raise InviteNotFound()
    owner = (await session.execute(select(_invites.c.user_id).where(_invites.c.code == code))).scalar_one_or_none()
    row = None if owner is None else (await session.execute(_BY_ID, {"player": owner})).one_or_none()
    if row is None:
        raise InviteNotFound()
    other = _other_of(row)
    between = await _between(session, player.id, other.id)
    if between.they_blocked:
        raise InviteNotFound()
    return other, between


async def invite_preview(session: ReadSession, player: Player, code: str) -> Relation:
    """Whose link this is: the owner chose to share it, so even a hidden owner shows."""
    other, between = await _invite_owner(session, player, code)
    return Relation(other.ref(), between.friendship)


async def accept_invite(session: WriteSession, player: Player, code: str, now: datetime | None = None) -> Relation:
    """Become friends with the link's owner at once: the link was their invitation."""
    now = now or datetime.now(UTC)
    me = await _me(session, player)
    other, between = await _invite_owner(session, me, code)
    if other.id == me.id:
        raise CannotBefriendSelf()
    if between.i_blocked:
        raise PlayerBlocked()
    low, high = pair(me.id, other.id)
    statement = (
        insert_ignoring_duplicates(session, _friendships, ["low_id", "high_id"])
        .values(low_id=low, high_id=high, status="accepted", requested_by=other.id, created_at=now, accepted_at=now)
        .returning(_friendships.c.low_id)
    )
    if (await session.execute(statement)).first() is None:
        await session.execute(
            update(_friendships)
            .where(_friendships.c.low_id == low, _friendships.c.high_id == high, _friendships.c.status == "pending")
            .values(status="accepted", accepted_at=now)
        )
    return Relation(other.ref(), "friends")
