from fastapi import APIRouter, Response

from bodyweight.deps import CurrentPlayer, ReadSession, WriteSession, WritingPlayer
from bodyweight.errors import SIGNED_IN, responses
from bodyweight.goals import service
from bodyweight.goals.schemas import WeeklyGoalRead, WeeklyGoalSet
from bodyweight.schemas import reply

router = APIRouter(prefix="/api/goals", tags=["goals"], responses=responses(*SIGNED_IN, validation=False))


@router.get("/weekly", response_model=WeeklyGoalRead, summary="The weekly goal and this week's progress")
async def read_weekly_goal(player: CurrentPlayer, session: ReadSession) -> Response:
    return reply(WeeklyGoalRead.of(await service.this_week(session, player)))


@router.put(
    "/weekly",
    response_model=WeeklyGoalRead,
    responses=responses(service.GoalTargetOutOfRange),
    summary="Set or change the weekly goal; a week's reward is paid once, whatever the target does after",
)
async def set_weekly_goal(data: WeeklyGoalSet, player: WritingPlayer, session: WriteSession) -> Response:
    changed = await service.set_goal(session, player, data.metric, data.target)
    return reply(WeeklyGoalRead.of(await service.this_week(session, changed)))


@router.delete("/weekly", status_code=204, summary="Drop the weekly goal (rewards already paid stay paid)")
async def clear_weekly_goal(player: WritingPlayer, session: WriteSession) -> Response:
    await service.clear_goal(session, player.id)
    return Response(status_code=204)
