"""Accounts: username and password, or Telegram; each sign-in yields a token.

Password hashing is slow on purpose (Argon2id), so it runs in a worker thread
with no connection held: a sign-in never holds a pooled connection, let alone
SQLite's write lock, while it hashes.
"""

import logging
import re
import secrets
import unicodedata
from typing import Any

from anyio import to_thread
from sqlalchemy import bindparam, select

from bodyweight import i18n
from bodyweight.auth.passwords import hash_password, verify_password
from bodyweight.auth.telegram import TelegramUser
from bodyweight.db import ReadSession, WriteSession, insert_ignoring_duplicates
from bodyweight.errors import DomainError
from bodyweight.models import User
from bodyweight.schemas import normalize_username
from bodyweight.users.player import PLAYER_COLUMNS, Player, admit
from bodyweight.users.service import change_row

_users = User.__table__
log = logging.getLogger("bodyweight.auth")


class UsernameTaken(DomainError):
    status_code, code = 409, "username_taken"


class InvalidCredentials(DomainError):
    status_code, code = 401, "invalid_credentials"


def new_token_key() -> str:
    return secrets.token_hex(16)


async def _insert(session: WriteSession, values: dict[str, Any]) -> Player | None:
    """Add the player; None when a unique column (username, email, Telegram id)
    is already taken."""
    statement = (
        insert_ignoring_duplicates(session, _users)
        .values(token_key=new_token_key(), **values)
        .returning(*PLAYER_COLUMNS)
    )
    row = (await session.execute(statement)).one_or_none()
    return None if row is None else Player(*row)


async def hash_in_thread(password: str) -> str:
    return await to_thread.run_sync(hash_password, password)


async def register(
    session: WriteSession, username: str, password_hash: str, email: str | None, locale: i18n.Locale
) -> Player:
    """A new player. An email another player already has is not linked, and the
    reply does not say so: sign-up must not tell anyone whose email is registered
    (the email is not used for anything yet; linking it will need a proof of
    ownership)."""
    values: dict[str, Any] = {
        "username": username,
        "display_name": username,
        "email": email.lower() if email else None,
        "password_hash": password_hash,
        "locale": locale,
    }
    player = await _insert(session, values)
    if player is None and await find_account(session, username) is not None:
        raise UsernameTaken(username=username)
    if player is None and values["email"] is not None:
        log.info("sign-up with an email already in use: not linked", extra={"username": username})
        player = await _insert(session, {**values, "email": None})
    if player is None:  # the username was taken between the two statements
        raise UsernameTaken(username=username)
    return player


_CREDENTIALS = select(_users.c.password_hash, *PLAYER_COLUMNS).where(_users.c.username == bindparam("username"))


async def find_account(session: ReadSession, username: str) -> tuple[str | None, Player] | None:
    """The password hash and the player of a username, if there is such a player."""
    username = normalize_username(username)
    # No username holds a NUL, and PostgreSQL refuses one in a query parameter.
    if "\x00" in username:
        return None
    row = (await session.execute(_CREDENTIALS, {"username": username})).one_or_none()
    return None if row is None else (row[0], Player(*row[1:]))


async def check_password(account: tuple[str | None, Player] | None, password: str) -> Player:
    """The player, if the password is theirs. Verified even when there is no such
    player, so timing reveals nothing; in a worker thread, with no connection held."""
    password_hash, player = account if account is not None else (None, None)
    if not await to_thread.run_sync(verify_password, password, password_hash) or player is None:
        raise InvalidCredentials()
    return admit(player)  # only once the password proved who is asking


async def revoke_tokens(session: WriteSession, player_id: int) -> None:
    """Every token issued to the player so far stops working: sign-out everywhere,
    and the hook for whatever else must end a player's sessions (password change,
    ban, deletion)."""
    await change_row(session, player_id, {"token_key": new_token_key()})


# Random suffixes tried after the predictable names, each with 2^32 choices: an
# attacker cannot pre-register them all.
RANDOM_NAME_TRIES = 5


def telegram_usernames(handle: str | None, telegram_id: int) -> list[str]:
    """Usernames for a Telegram user, in the order they are tried: the Telegram
    handle, then `handle_<id>`, then `tg<id>`: predictable, so anyone may have
    registered them first. Random ones follow, so a squatter can never lock a
    Telegram user out. (The earlier app's importer names its players the same way.)"""
    handle = re.sub(r"[^a-z0-9_]", "", (handle or "").lower())[:32]
    fallback = f"tg{telegram_id}"[:32]
    predictable = [fallback] if not handle else [handle, f"{handle}_{telegram_id}"[:32], fallback]
    stem = (handle or fallback)[:23]
    random_names = [f"{stem}_{secrets.token_hex(4)}" for _ in range(RANDOM_NAME_TRIES)]
    return [c for c in predictable if len(c) >= 3] + random_names


_INVISIBLE = ("Cc", "Cf", "Cs", "Co", "Cn")  # control, format, surrogate, private, unassigned


def telegram_display_name(first_name: str | None) -> str | None:
    """Telegram's first name, without the control and invisible characters a display
    name may not hold (PostgreSQL cannot even store NUL), at most 64 characters."""
    name = unicodedata.normalize("NFC", first_name or "")
    name = "".join(ch for ch in name if unicodedata.category(ch) not in _INVISIBLE).strip()
    return name[:64] or None


_BY_TELEGRAM_ID = select(*PLAYER_COLUMNS).where(_users.c.telegram_id == bindparam("telegram_id"))


async def sign_in_with_telegram(session: WriteSession, telegram_user: TelegramUser) -> Player:
    """The player behind a verified Telegram user, created on first sight in the
    language their Telegram speaks."""
    find = {"telegram_id": telegram_user.id}
    row = (await session.execute(_BY_TELEGRAM_ID, find)).one_or_none()
    if row is not None:
        return admit(Player(*row))
    locale = i18n.locale_of(telegram_user.language_code) or i18n.DEFAULT_LOCALE
    for username in telegram_usernames(telegram_user.username, telegram_user.id):
        player = await _insert(
            session,
            {
                "username": username,
                "display_name": telegram_display_name(telegram_user.first_name) or username,
                "telegram_id": telegram_user.id,
                "locale": locale,
            },
        )
        if player is not None:
            return player
        row = (await session.execute(_BY_TELEGRAM_ID, find)).one_or_none()
        if row is not None:  # a concurrent first sign-in won the race
            return Player(*row)
    raise UsernameTaken(username=username)
