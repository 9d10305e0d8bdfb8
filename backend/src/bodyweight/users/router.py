from fastapi import APIRouter, Response

from bodyweight.deps import CurrentPlayer, LockedPlayer, ReadSession, WriteSession
from bodyweight.errors import NotAuthenticated, responses
from bodyweight.ledger import service as ledger
from bodyweight.schemas import InvalidCursor, Page, PageCursor, PageLimit, decode_cursor, page_of, reply, row_id
from bodyweight.shop import service as shop
from bodyweight.users import service
from bodyweight.users.schemas import CoinTransactionRead, EquipAvatar, Profile, ProfileUpdate, PurchaseRead

router = APIRouter(prefix="/api/users/me", tags=["me"], responses=responses(NotAuthenticated, validation=False))


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
