"""The player's own profile, settings, avatars and coin history."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from sqlalchemy import select
from sqlalchemy.orm import Session

from bodyweight import rules
from bodyweight.errors import DomainError
from bodyweight.models import CoinTransaction, User
from bodyweight.schemas import Page, decode_cursor, page_of
from bodyweight.shop import service as shop
from bodyweight.users.schemas import CoinTransactionRead, Profile, ProfileUpdate


class InvalidTimezone(DomainError):
    status_code, code = 422, "invalid_timezone"


def profile(user: User, now: datetime | None = None) -> Profile:
    today = rules.local_date(now or datetime.now(UTC), user.timezone)
    return Profile(
        id=user.id,
        username=user.username,
        display_name=user.display_name,
        level=user.level,
        total_xp=user.total_xp,
        level_xp=rules.xp_for_level(user.level),
        next_level_xp=rules.xp_for_level(user.level + 1),
        xp_to_next_level=rules.xp_to_next_level(user.total_xp),
        coins=user.coins,
        current_streak=rules.live_streak(user.last_workout_date, user.current_streak, today),
        max_streak=user.max_streak,
        avatar_id=user.avatar_id,
        timezone=user.timezone,
        created_at=user.created_at,
    )


def validate_timezone(name: str) -> str:
    if name not in available_timezones():
        raise InvalidTimezone(f"{name!r} is not an IANA time zone name, such as 'Europe/Berlin'.")
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise InvalidTimezone(f"{name!r} is not a usable time zone.") from exc
    return name


def update_profile(session: Session, user: User, changes: ProfileUpdate) -> User:
    if changes.timezone is not None:
        user.timezone = validate_timezone(changes.timezone)
    if "display_name" in changes.model_fields_set:
        user.display_name = changes.display_name
    session.flush()
    return user


def equip_avatar(session: Session, user: User, avatar_id: str) -> User:
    avatar = shop.require_avatar(avatar_id)
    if not avatar.is_free and not shop.owns(session, user.id, avatar_id):
        raise shop.AvatarNotOwned(f"Buy {avatar.name} in the shop before equipping it.")
    user.avatar_id = avatar_id
    session.flush()
    return user


def coin_history(
    session: Session, user: User, limit: int, cursor: str | None
) -> Page[CoinTransactionRead]:
    query = select(CoinTransaction).where(CoinTransaction.user_id == user.id)
    if cursor is not None:
        (before_id,) = decode_cursor(cursor, int)
        query = query.where(CoinTransaction.id < before_id)
    rows = session.scalars(query.order_by(CoinTransaction.id.desc()).limit(limit + 1)).all()
    return page_of(rows, limit, CoinTransactionRead, lambda row: (row.id,))
