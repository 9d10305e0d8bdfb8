"""The player's own settings, avatar and coin history."""

from datetime import time
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from sqlalchemy import bindparam, update

from bodyweight import rules
from bodyweight.db import WriteSession
from bodyweight.errors import DomainError
from bodyweight.models import User
from bodyweight.shop import service as shop
from bodyweight.users.player import PLAYER_COLUMNS, Player

_users = User.__table__


class InvalidTimezone(DomainError):
    status_code, code = 422, "invalid_timezone"


def validate_timezone(name: str) -> str:
    if name not in available_timezones():
        raise InvalidTimezone(timezone=name)
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise InvalidTimezone(timezone=name) from exc
    return name


async def change_row(session: WriteSession, player_id: int, values: dict[str, Any]) -> Player:
    """Change columns of the player's row; the row as it now is."""
    statement = update(_users).where(_users.c.id == bindparam("player")).values(values).returning(*PLAYER_COLUMNS)
    return Player(*(await session.execute(statement, {"player": player_id})).one())


async def update_settings(session: WriteSession, player: Player, changes: dict[str, Any]) -> Player:
    """`changes` holds only what the player sent: display_name, timezone, locale,
    reminder_time, streak_notice. A null display name or reminder time clears it."""
    if changes.get("timezone") is not None:
        validate_timezone(changes["timezone"])
    if changes.get("reminder_time") is not None:
        changes = {**changes, "reminder_time": time.fromisoformat(changes["reminder_time"])}
    clearable = ("display_name", "reminder_time")
    values = {name: value for name, value in changes.items() if value is not None or name in clearable}
    if values.get("timezone", player.timezone) != player.timezone:
        # The streak's days so far were counted in the old zone: it goes on counting
        # there until the next workout (rules.zone_after_move).
        values["last_workout_zone"] = rules.zone_after_move(
            player.last_workout_date, player.last_workout_zone, player.timezone, values["timezone"]
        )
    return await change_row(session, player.id, values) if values else player


async def equip_avatar(session: WriteSession, player: Player, avatar_id: str) -> Player:
    avatar = shop.require_avatar(avatar_id)
    if not avatar.is_free and not await shop.owns(session, player.id, avatar_id):
        raise shop.AvatarNotOwned(avatar_id=avatar_id)
    return await change_row(session, player.id, {"avatar_id": avatar_id})
