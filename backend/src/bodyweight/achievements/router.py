from fastapi import APIRouter, Response

from bodyweight.achievements import service
from bodyweight.achievements.schemas import AchievementRead, EarnedAchievementRead
from bodyweight.deps import CurrentPlayer, ReadSession, RequestLocale
from bodyweight.errors import SIGNED_IN, responses
from bodyweight.exercises.router import CatalogueDep
from bodyweight.schemas import reply

router = APIRouter(prefix="/api/achievements", tags=["achievements"], responses=responses(*SIGNED_IN, validation=False))


@router.get(
    "",
    response_model=list[AchievementRead],
    summary="Every achievement, with the caller's progress and when each was earned",
)
async def list_achievements(
    player: CurrentPlayer, session: ReadSession, locale: RequestLocale, catalogue: CatalogueDep
) -> Response:
    families = {e.id: e.category_id for e in catalogue.exercises.values()}
    standings = await service.standings(session, player.id, families, level=player.level, best_streak=player.max_streak)
    response = reply(
        [
            AchievementRead(
                **EarnedAchievementRead.of(s.achievement, locale).model_dump(),
                kind=s.achievement.kind,  # type: ignore[arg-type]  # the loader kept it to the closed list
                description=s.achievement.description.of(locale),
                current=s.current,
                target=s.achievement.target,
                earned_at=s.earned_at,
            )
            for s in standings
        ]
    )
    response.headers["Vary"] = "Accept-Language"  # names and descriptions come in the caller's language
    return response
