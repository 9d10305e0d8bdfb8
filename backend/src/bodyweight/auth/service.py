"""Accounts: username and password, or Telegram; each sign-in yields a token."""

import re
import unicodedata

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bodyweight.auth.passwords import hash_password, verify_password
from bodyweight.auth.schemas import RegisterRequest
from bodyweight.auth.telegram import TelegramUser
from bodyweight.errors import DomainError
from bodyweight.models import User


class UsernameTaken(DomainError):
    status_code, code = 409, "username_taken"


class EmailTaken(DomainError):
    status_code, code = 409, "email_taken"


class InvalidCredentials(DomainError):
    status_code, code, message = 401, "invalid_credentials", "Wrong username or password."


def _insert(session: Session, user: User) -> bool:
    """Add the player; False when a unique column is already taken."""
    try:
        with session.begin_nested():
            session.add(user)
        return True
    except IntegrityError:
        return False


def register(session: Session, data: RegisterRequest) -> User:
    user = User(
        username=data.username,
        display_name=data.username,
        email=data.email.lower() if data.email else None,
        password_hash=hash_password(data.password),
    )
    if _insert(session, user):
        return user
    if session.scalar(select(User.id).where(User.username == data.username)) is not None:
        raise UsernameTaken(f"The username {data.username!r} is taken.")
    raise EmailTaken("An account with this email already exists.")


def login(session: Session, username: str, password: str) -> User:
    username = username.strip().lower()
    # No username holds a NUL, and PostgreSQL refuses one in a query parameter.
    find = select(User).where(User.username == username)
    user = None if "\x00" in username else session.scalar(find)
    # Verify even when there is no such player, so timing reveals nothing.
    if not verify_password(password, user.password_hash if user else None):
        raise InvalidCredentials()
    return user


def _username_candidates(telegram_user: TelegramUser) -> list[str]:
    handle = re.sub(r"[^a-z0-9_]", "", (telegram_user.username or "").lower())[:32]
    fallback = f"tg{telegram_user.id}"[:32]
    if not handle:  # no Telegram username: not "_<id>", but the fallback
        return [fallback]
    return [c for c in (handle, f"{handle}_{telegram_user.id}"[:32], fallback) if len(c) >= 3]


_INVISIBLE = ("Cc", "Cf", "Cs", "Co", "Cn")  # control, format, surrogate, private, unassigned


def _display_name(first_name: str | None) -> str | None:
    """Telegram's first name, without the control and invisible characters a display
    name may not hold (PostgreSQL cannot even store NUL), at most 64 characters."""
    name = unicodedata.normalize("NFC", first_name or "")
    name = "".join(ch for ch in name if unicodedata.category(ch) not in _INVISIBLE).strip()
    return name[:64] or None


def sign_in_with_telegram(session: Session, telegram_user: TelegramUser) -> User:
    """The player behind a verified Telegram user, created on first sight."""
    find = select(User).where(User.telegram_id == telegram_user.id)
    user = session.scalar(find)
    if user is not None:
        return user
    for username in _username_candidates(telegram_user):
        user = User(
            username=username,
            display_name=_display_name(telegram_user.first_name) or username,
            telegram_id=telegram_user.id,
        )
        if _insert(session, user):
            return user
        existing = session.scalar(find)  # a concurrent first sign-in won the race
        if existing is not None:
            return existing
    raise UsernameTaken("No free username could be derived from this Telegram account.")
