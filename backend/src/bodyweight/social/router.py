"""Friends, invite links, players' cards, search, visibility and the leaderboards.

Players are addressed by their random public id; whatever the caller may not
see answers 404 `player_not_found`, the very answer for an id nobody has.
"""

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response

from bodyweight.deps import (
    CurrentPlayer,
    DatabaseDep,
    LockedPlayer,
    ReadSession,
    SettingsDep,
    WriteSession,
    WritingPlayer,
)
from bodyweight.errors import NotAuthenticated, responses
from bodyweight.schemas import reply
from bodyweight.social import boards, limits, scores, service
from bodyweight.social.schemas import (
    BoardEntry,
    BoardRead,
    FriendLists,
    FriendRequestCreate,
    InviteRead,
    PlayerCard,
    PlayerRef,
    Relation,
    SearchQuery,
    VisibilityRead,
    VisibilityUpdate,
)

router = APIRouter(tags=["social"], responses=responses(NotAuthenticated, validation=False))

PlayerId = Annotated[str, Path(max_length=64, description="The player's public id")]
InviteCode = Annotated[str, Path(max_length=64)]


def _relation(found: service.Relation) -> Response:
    return reply(Relation(player=PlayerRef.model_validate(found.player), friendship=found.friendship))


# --- Players: search, cards, visibility --------------------------------------


@router.post(
    "/api/players/search",
    response_model=Relation,
    responses=responses(service.PlayerNotFound, limits.TooManySearches),
    summary="Find a player by exact username (rate-limited)",
)
async def search(query: SearchQuery, player: CurrentPlayer, database: DatabaseDep) -> Response:
    # The quota is counted in a transaction of its own, so a search that finds
    # nobody (404) still counts.
    async with database.writing() as session:
        await limits.take_search(session, player.id)
    async with database.writing() as session:
        return _relation(await service.search(session, player, query.username))


@router.get(
    "/api/players/{player_id}",
    response_model=PlayerCard,
    responses=responses(service.PlayerNotFound, validation=False),
    summary="A player's card: only for friends, public players and the caller",
)
async def card(player_id: PlayerId, player: CurrentPlayer, session: ReadSession) -> Response:
    return reply(PlayerCard.model_validate(await service.card(session, player, player_id)))


@router.put(
    "/api/users/me/visibility",
    response_model=VisibilityRead,
    responses=responses(),
    summary="Who may see the caller: hidden, friends or public",
)
async def set_visibility(data: VisibilityUpdate, player: LockedPlayer, session: WriteSession) -> Response:
    return reply(VisibilityRead(visibility=await service.set_visibility(session, player, data.visibility)))


# --- Friends ---------------------------------------------------------------------


@router.get("/api/friends", response_model=FriendLists, summary="Friends, requests both ways, and blocked players")
async def friends(player: CurrentPlayer, session: ReadSession) -> Response:
    lists = await service.friend_lists(session, player)
    return reply(FriendLists.model_validate(lists))


@router.post(
    "/api/friends/requests",
    response_model=Relation,
    responses=responses(service.PlayerNotFound, service.CannotBefriendSelf, service.PlayerBlocked),
    summary="Ask a player to be friends (accepts their request if they asked first)",
)
async def ask(data: FriendRequestCreate, player: WritingPlayer, session: WriteSession) -> Response:
    return _relation(await service.request(session, player, data.player_id))


@router.post(
    "/api/friends/requests/{player_id}/accept",
    response_model=Relation,
    responses=responses(service.FriendRequestNotFound, validation=False),
    summary="Accept a player's request",
)
async def accept(player_id: PlayerId, player: WritingPlayer, session: WriteSession) -> Response:
    return _relation(await service.accept(session, player, player_id))


@router.post(
    "/api/friends/requests/{player_id}/decline",
    response_model=Relation,
    responses=responses(service.FriendRequestNotFound, validation=False),
    summary="Decline a player's request",
)
async def decline(player_id: PlayerId, player: WritingPlayer, session: WriteSession) -> Response:
    return _relation(await service.decline(session, player, player_id))


@router.delete(
    "/api/friends/requests/{player_id}",
    response_model=Relation,
    responses=responses(service.FriendRequestNotFound, validation=False),
    summary="Withdraw the caller's request",
)
async def cancel(player_id: PlayerId, player: WritingPlayer, session: WriteSession) -> Response:
    return _relation(await service.cancel(session, player, player_id))


@router.delete(
    "/api/friends/{player_id}",
    response_model=Relation,
    responses=responses(service.FriendNotFound, validation=False),
    summary="End a friendship",
)
async def remove(player_id: PlayerId, player: WritingPlayer, session: WriteSession) -> Response:
    return _relation(await service.remove(session, player, player_id))


@router.put(
    "/api/friends/blocks/{player_id}",
    response_model=Relation,
    responses=responses(service.PlayerNotFound, service.CannotBefriendSelf, validation=False),
    summary="Block a player: they can no longer ask or see the caller",
)
async def block(player_id: PlayerId, player: WritingPlayer, session: WriteSession) -> Response:
    return _relation(await service.block(session, player, player_id))


@router.delete(
    "/api/friends/blocks/{player_id}",
    response_model=Relation,
    responses=responses(service.PlayerNotFound, validation=False),
    summary="Unblock a player",
)
async def unblock(player_id: PlayerId, player: WritingPlayer, session: WriteSession) -> Response:
    return _relation(await service.unblock(session, player, player_id))


# --- Invite links ------------------------------------------------------------------


def _invite(invite: service.Invite, app_link: str) -> Response:
    link = f"{app_link}?startapp=friend-{invite.code}" if app_link else None
    return reply(InviteRead(code=invite.code, telegram_link=link))


@router.get("/api/friends/invite", response_model=InviteRead, summary="The caller's personal invite link")
async def my_invite(player: WritingPlayer, session: WriteSession, settings: SettingsDep) -> Response:
    return _invite(await service.my_invite(session, player), settings.telegram_app_link)


@router.post("/api/friends/invite", response_model=InviteRead, summary="A new invite link; the old one stops working")
async def renew_invite(player: WritingPlayer, session: WriteSession, settings: SettingsDep) -> Response:
    return _invite(await service.renew_invite(session, player), settings.telegram_app_link)


@router.get(
    "/api/friends/invites/{code}",
    response_model=Relation,
    responses=responses(service.InviteNotFound, validation=False),
    summary="Whose invite link this is",
)
async def invite_preview(code: InviteCode, player: CurrentPlayer, session: ReadSession) -> Response:
    return _relation(await service.invite_preview(session, player, code))


@router.post(
    "/api/friends/invites/{code}/accept",
    response_model=Relation,
    responses=responses(service.InviteNotFound, service.CannotBefriendSelf, service.PlayerBlocked, validation=False),
    summary="Become friends with the link's owner",
)
async def accept_invite(code: InviteCode, player: WritingPlayer, session: WriteSession) -> Response:
    return _relation(await service.accept_invite(session, player, code))


# --- Boards --------------------------------------------------------------------------


def _entry(entry: boards.Entry) -> BoardEntry:
    return BoardEntry(
        rank=entry.rank, player=PlayerRef.model_validate(entry.player), level=entry.level, score=entry.score
    )


@router.get("/api/boards/{period}", response_model=BoardRead, summary="A leaderboard: this week or all time")
async def board(
    period: boards.Period,
    player: CurrentPlayer,
    session: ReadSession,
    scope: Annotated[boards.Scope, Query(description="global (public players) or friends")] = "global",
) -> Response:
    found = await boards.board(session, player, period, scope)
    return reply(
        BoardRead(
            period=found.period,
            scope=found.scope,
            week_start=found.week_start,
            daily_cap=scores.DAILY_SCORE_CAP,
            entries=[_entry(entry) for entry in found.entries],
            me=_entry(found.me),
        )
    )
