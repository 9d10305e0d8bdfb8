"""Verifying a Telegram Mini App's `initData`, as Telegram's Bot API specifies.

secret = HMAC-SHA256(key="WebAppData", msg=bot_token); the data is genuine when
HMAC-SHA256(key=secret, msg=data_check_string) equals its `hash`, where the
data-check-string is every other field as `key=value`, sorted by key, joined by
newlines.
"""

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl

from bodyweight.errors import DomainError

MAX_AGE = timedelta(hours=24)
# A client clock a little ahead of ours is not an attack.
ALLOWED_CLOCK_SKEW = timedelta(minutes=5)


class InvalidInitData(DomainError):
    """`reason` says what was wrong, for logs and support: malformed,
    repeated_field, no_hash, bad_signature, expired."""

    status_code, code = 401, "invalid_init_data"


class TelegramNotConfigured(DomainError):
    status_code, code = 503, "telegram_not_configured"


@dataclass(frozen=True)
class TelegramUser:
    id: int
    username: str | None
    first_name: str | None
    language_code: str | None = None


def verify_init_data(init_data: str, bot_token: str, now: datetime | None = None) -> TelegramUser:
    if not bot_token:
        raise TelegramNotConfigured()
    try:
        pairs = parse_qsl(init_data, keep_blank_values=True, strict_parsing=True)
    except ValueError as exc:
        raise InvalidInitData(reason="malformed") from exc
    fields = dict(pairs)
    if len(fields) != len(pairs):
        raise InvalidInitData(reason="repeated_field")
    received_hash = fields.pop("hash", None)
    if not received_hash:
        raise InvalidInitData(reason="no_hash")

    data_check_string = "\n".join(f"{key}={fields[key]}" for key in sorted(fields))
    secret = hmac.new(b"WebAppData", bot_token.encode(), hashlib.sha256).digest()
    expected = hmac.new(secret, data_check_string.encode(), hashlib.sha256).hexdigest()
    # Compared as bytes: compare_digest refuses str with non-ASCII characters.
    if not hmac.compare_digest(expected.encode(), received_hash.lower().encode()):
        raise InvalidInitData(reason="bad_signature")

    now = now or datetime.now(UTC)
    try:
        signed_at = datetime.fromtimestamp(int(fields["auth_date"]), UTC)
        telegram_user = _telegram_user(json.loads(fields["user"]))
    except (KeyError, ValueError, TypeError, OverflowError) as exc:
        raise InvalidInitData(reason="malformed") from exc
    if not now - MAX_AGE <= signed_at <= now + ALLOWED_CLOCK_SKEW:
        raise InvalidInitData(reason="expired")
    return telegram_user


def _telegram_user(user: object) -> TelegramUser:
    """The user object of initData; shapes Telegram never sends are refused, not stored."""
    if not isinstance(user, dict):
        raise TypeError("user is not an object")
    user_id = user["id"]
    # A positive integer that fits the BIGINT column (not a bool, float or string).
    if type(user_id) is not int or not 0 < user_id < 2**63:
        raise ValueError("user.id is not a Telegram user id")

    def text(key: str) -> str | None:
        value = user.get(key)
        return value if isinstance(value, str) else None

    return TelegramUser(
        id=user_id,
        username=text("username"),
        first_name=text("first_name"),
        language_code=text("language_code"),
    )
