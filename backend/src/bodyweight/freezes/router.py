from fastapi import APIRouter, Response

from bodyweight import rules
from bodyweight.deps import CurrentPlayer, ReadSession
from bodyweight.errors import SIGNED_IN, responses
from bodyweight.freezes import service
from bodyweight.freezes.schemas import FreezePurchaseResult, FrozenDayRead, StreakFreezesRead
from bodyweight.idempotency import IdempotencyKeyReused, Once
from bodyweight.progress.service import frozen_days
from bodyweight.schemas import reply

router = APIRouter(prefix="/api/streak-freezes", tags=["shop"], responses=responses(*SIGNED_IN, validation=False))

RECENT_USES = 50


@router.get("", response_model=StreakFreezesRead, summary="The caller's streak freezes and the days they bridged")
async def read_freezes(player: CurrentPlayer, session: ReadSession) -> Response:
    uses = await frozen_days(session, player.id, RECENT_USES)
    return reply(
        StreakFreezesRead(
            held=player.streak_freezes,
            max_held=rules.MAX_STREAK_FREEZES,
            price=rules.STREAK_FREEZE_PRICE,
            uses=[FrozenDayRead.model_validate(use) for use in uses],
        )
    )


@router.post(
    "/purchase",
    status_code=201,
    response_model=FreezePurchaseResult,
    responses=responses(service.StreakFreezesFull, service.FreezeUnaffordable, IdempotencyKeyReused),
    summary="Buy one streak freeze (at most two held)",
)
async def purchase_freeze(once: Once) -> Response:
    bought = await service.purchase(once.session, once.player)
    return await once.respond(
        FreezePurchaseResult(held=bought.held, price=rules.STREAK_FREEZE_PRICE, coins=bought.coins)
    )
