from datetime import datetime
from typing import Any, Literal

from pydantic import Field

from bodyweight.schemas import RowId, Schema

NoticeKind = Literal["achievement", "goal_reached", "friend_request"]


class NotificationRead(Schema):
    id: int
    kind: NoticeKind
    params: dict[str, Any] = Field(description="What the kind's text needs: title, from_name")
    created_at: datetime
    read_at: datetime | None


class NotificationList(Schema):
    items: list[NotificationRead] = Field(description="The newest first")
    unread: int = Field(description="Unread notices in all")


class MarkRead(Schema):
    ids: list[RowId] | None = Field(None, max_length=100, description="Which to mark read; all when left out")


class UnreadCount(Schema):
    unread: int
