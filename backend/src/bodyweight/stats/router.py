from fastapi import APIRouter, Response

from bodyweight.deps import CurrentPlayer, ReadSession
from bodyweight.errors import SIGNED_IN, responses
from bodyweight.exercises.router import CatalogueDep
from bodyweight.schemas import reply
from bodyweight.stats import service
from bodyweight.stats.schemas import StatsRead

router = APIRouter(prefix="/api/users/me", tags=["me"], responses=responses(*SIGNED_IN, validation=False))


@router.get(
    "/stats",
    response_model=StatsRead,
    summary="The caller's charts: XP per day, volume per movement family per week, a year of training days",
)
async def my_stats(player: CurrentPlayer, session: ReadSession, catalogue: CatalogueDep) -> Response:
    return reply(StatsRead.model_validate(await service.player_stats(session, player, catalogue)))
