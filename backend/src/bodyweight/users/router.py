from fastapi import APIRouter

from bodyweight.deps import CurrentUser, SessionDep
from bodyweight.errors import NotAuthenticated, responses
from bodyweight.schemas import InvalidCursor, Page, PageCursor, PageLimit
from bodyweight.shop import service as shop
from bodyweight.users import service
from bodyweight.users.schemas import (
    CoinTransactionRead,
    EquipAvatar,
    Profile,
    ProfileUpdate,
    PurchaseRead,
)

router = APIRouter(prefix="/api/users/me", tags=["me"], responses=responses(NotAuthenticated, validation=False))


@router.get("", response_model=Profile, summary="The caller's profile")
def read_me(user: CurrentUser) -> Profile:
    return service.profile(user)


@router.patch(
    "", response_model=Profile, responses=responses(service.InvalidTimezone),
    summary="Change the display name or time zone",
)
def update_me(changes: ProfileUpdate, user: CurrentUser, session: SessionDep) -> Profile:
    return service.profile(service.update_profile(session, user, changes))


@router.get("/avatars", response_model=list[PurchaseRead], summary="The avatars the caller bought")
def my_avatars(user: CurrentUser, session: SessionDep) -> list:
    return shop.purchases(session, user.id)


@router.put(
    "/avatar", response_model=Profile,
    responses=responses(shop.AvatarNotFound, shop.AvatarNotOwned),
    summary="Equip a free or owned avatar",
)
def equip(data: EquipAvatar, user: CurrentUser, session: SessionDep) -> Profile:
    return service.profile(service.equip_avatar(session, user, data.avatar_id))


@router.get(
    "/coins", response_model=Page[CoinTransactionRead], responses=responses(InvalidCursor),
    summary="The caller's coin ledger, newest first",
)
def my_coins(
    user: CurrentUser,
    session: SessionDep,
    limit: PageLimit = 20,
    cursor: PageCursor = None,
) -> Page[CoinTransactionRead]:
    return service.coin_history(session, user, limit, cursor)
