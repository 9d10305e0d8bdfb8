from typing import Literal

from fastapi import APIRouter, Query, Response

from bodyweight.deps import CurrentPlayer, DatabaseDep, LockedPlayer, ReadSession, WriteSession
from bodyweight.errors import SIGNED_IN, NotAuthenticated, responses
from bodyweight.ledger import service as ledger
from bodyweight.schemas import InvalidCursor, Page, PageCursor, PageLimit, decode_cursor, page_of, reply, row_id
from bodyweight.shop import service as shop
from bodyweight.users import account, service
from bodyweight.users.schemas import (
    AccountDeletion,
    AccountExport,
    CoinTransactionRead,
    EquipAvatar,
    Profile,
    ProfileUpdate,
    PurchaseRead,
    sets_csv,
)

router = APIRouter(prefix="/api/users/me", tags=["me"], responses=responses(*SIGNED_IN, validation=False))


@router.get("", response_model=Profile, summary="The caller's profile")
async def read_me(player: CurrentPlayer) -> Response:
    return reply(Profile.of(player))


@router.patch(
    "",
    response_model=Profile,
    responses=responses(service.InvalidTimezone),
    summary="Change the display name, time zone, language or reminders",
)
async def update_me(changes: ProfileUpdate, player: LockedPlayer, session: WriteSession) -> Response:
    sent = changes.model_dump(include=changes.model_fields_set)
    return reply(Profile.of(await service.update_settings(session, player, sent)))


@router.get("/avatars", response_model=list[PurchaseRead], summary="The avatars the caller bought")
async def my_avatars(player: CurrentPlayer, session: ReadSession) -> Response:
    return reply([PurchaseRead.model_validate(owned) for owned in await shop.purchases(session, player.id)])


@router.put(
    "/avatar",
    response_model=Profile,
    responses=responses(shop.AvatarNotFound, shop.AvatarNotOwned),
    summary="Equip a free or owned avatar",
)
async def equip(data: EquipAvatar, player: LockedPlayer, session: WriteSession) -> Response:
    return reply(Profile.of(await service.equip_avatar(session, player, data.avatar_id)))


@router.get(
    "/coins",
    response_model=Page[CoinTransactionRead],
    responses=responses(InvalidCursor),
    summary="The caller's coin ledger, newest first",
)
async def my_coins(
    player: CurrentPlayer, session: ReadSession, limit: PageLimit = 20, cursor: PageCursor = None
) -> Response:
    before = decode_cursor(cursor, row_id)[0] if cursor is not None else None
    entries = await ledger.history(session, player.id, limit + 1, before)
    return reply(page_of(entries, limit, CoinTransactionRead, lambda entry: (entry.id,)))


@router.get(
    "/export",
    response_model=AccountExport,
    responses={200: {"content": {"text/csv": {"schema": {"type": "string"}}}}},
    summary="Everything the server holds about the caller, to download (JSON), or the sets as CSV",
)
async def export_me(
    player: CurrentPlayer,
    session: ReadSession,
    format: Literal["json", "csv"] = Query("json", description="json: everything; csv: one line per set"),
) -> Response:
    data = await account.export_account(session, player.id)
    if data is None:  # deleted by a concurrent request
        raise NotAuthenticated()
    if format == "csv":
        body, media_type = sets_csv(data), "text/csv; charset=utf-8"
    else:
        body, media_type = AccountExport.of(data).model_dump_json(indent=2), "application/json"
    disposition = f'attachment; filename="bodyweight-{player.id}.{format}"'
    return Response(body, media_type=media_type, headers={"Content-Disposition": disposition})


@router.delete(
    "",
    status_code=204,
    responses=responses(account.DeletionNotConfirmed),
    summary="Delete the caller's account and everything it holds (the password, or the username typed again)",
)
async def delete_me(
    data: AccountDeletion, player: CurrentPlayer, session: ReadSession, database: DatabaseDep
) -> Response:
    await account.confirm_deletion(session, player, data.password, data.username)
    async with database.writing() as writing:
        await account.delete_account(writing, player.id)
    return Response(status_code=204)
