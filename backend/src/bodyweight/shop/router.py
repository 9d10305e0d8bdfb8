from fastapi import APIRouter, Path

from bodyweight.deps import CurrentUser, SessionDep
from bodyweight.errors import NotAuthenticated, responses
from bodyweight.idempotency import IdempotencyKeyHeader, IdempotencyKeyReused, run_once
from bodyweight.shop import service
from bodyweight.shop.schemas import AvatarRead, PurchaseResult

router = APIRouter(prefix="/api/avatars", tags=["shop"], responses=responses(NotAuthenticated, validation=False))


@router.get("", response_model=list[AvatarRead], summary="The avatar catalogue, for the caller")
def list_avatars(user: CurrentUser, session: SessionDep) -> list[AvatarRead]:
    return service.catalogue_for(session, user)


@router.post(
    "/{avatar_id}/purchase", status_code=201, response_model=PurchaseResult,
    responses=responses(
        service.AvatarNotFound, service.LevelTooLow, service.InsufficientCoins,
        service.AlreadyOwned, IdempotencyKeyReused,
    ),
    summary="Buy an avatar, exactly once",
)
def purchase(
    user: CurrentUser,
    session: SessionDep,
    idempotency_key: IdempotencyKeyHeader = None,
    avatar_id: str = Path(max_length=50),
):
    return run_once(
        session, user.id, idempotency_key, f"POST /api/avatars/{avatar_id}/purchase",
        lambda: service.purchase(session, user, avatar_id), status_code=201,
    )
