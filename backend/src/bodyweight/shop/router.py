from fastapi import APIRouter, Path, Response

from bodyweight.achievements.schemas import EarnedAchievementRead
from bodyweight.deps import CurrentPlayer, ReadSession, RequestLocale
from bodyweight.errors import SIGNED_IN, responses
from bodyweight.i18n import text
from bodyweight.idempotency import IdempotencyKeyReused, Once
from bodyweight.schemas import reply
from bodyweight.shop import flows, service
from bodyweight.shop.schemas import AvatarRead, PurchaseResult

router = APIRouter(prefix="/api/avatars", tags=["shop"], responses=responses(*SIGNED_IN, validation=False))


@router.get("", response_model=list[AvatarRead], summary="The avatar catalogue, for the caller")
async def list_avatars(player: CurrentPlayer, session: ReadSession, locale: RequestLocale) -> Response:
    offers = await service.offers_for(session, player)
    return reply(
        [
            AvatarRead(
                id=offer.avatar.id,
                name=text(locale, f"avatars.{offer.avatar.id}"),
                price=offer.avatar.price,
                required_level=offer.avatar.required_level,
                image_url=service.image_url(offer.avatar.id),
                owned=offer.owned,
                equipped=offer.equipped,
                unlocked=offer.unlocked,
                affordable=offer.affordable,
            )
            for offer in offers
        ]
    )


@router.post(
    "/{avatar_id}/purchase",
    status_code=201,
    response_model=PurchaseResult,
    responses=responses(
        service.AvatarNotFound,
        service.LevelTooLow,
        service.InsufficientCoins,
        service.AlreadyOwned,
        IdempotencyKeyReused,
    ),
    summary="Buy an avatar, exactly once",
)
async def purchase(once: Once, locale: RequestLocale, avatar_id: str = Path(max_length=50)) -> Response:
    bought = await flows.purchase(once.session, once.player, avatar_id)
    return await once.respond(
        PurchaseResult(
            avatar_id=bought.purchase.avatar_id,
            purchased_at=bought.purchase.purchased_at,
            coins=bought.coins,
            achievements=[EarnedAchievementRead.of(e.achievement, locale) for e in bought.achievements],
        )
    )
