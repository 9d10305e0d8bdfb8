from fastapi import APIRouter, Query, Response

from bodyweight.deps import CurrentPlayer, ReadSession, WriteSession, WritingPlayer
from bodyweight.errors import NotAuthenticated, responses
from bodyweight.notifications import service
from bodyweight.notifications.schemas import MarkRead, NotificationList, NotificationRead, UnreadCount
from bodyweight.schemas import reply

router = APIRouter(
    prefix="/api/notifications", tags=["notifications"], responses=responses(NotAuthenticated, validation=False)
)


@router.get("", response_model=NotificationList, summary="The caller's latest notices and the unread count")
async def list_notifications(
    player: CurrentPlayer, session: ReadSession, limit: int = Query(30, ge=1, le=100)
) -> Response:
    items = await service.latest(session, player.id, limit)
    unread = await service.unread_count(session, player.id)
    return reply(NotificationList(items=[NotificationRead.model_validate(n) for n in items], unread=unread))


@router.get("/unread", response_model=UnreadCount, summary="How many notices the caller has not read")
async def unread(player: CurrentPlayer, session: ReadSession) -> Response:
    return reply(UnreadCount(unread=await service.unread_count(session, player.id)))


@router.post("/read", response_model=UnreadCount, responses=responses(), summary="Mark notices read (all by default)")
async def mark_read(data: MarkRead, player: WritingPlayer, session: WriteSession) -> Response:
    return reply(UnreadCount(unread=await service.mark_read(session, player.id, data.ids)))
