"""Access tokens: HS256 JWTs naming the player and carrying the player's token key.

A token is accepted only while the key it carries is the player's current one
(see users.token_key), so replacing the key revokes every token at once.
"""

import hmac
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import jwt

from bodyweight.errors import NotAuthenticated

ALGORITHM = "HS256"
LIFETIME = timedelta(days=30)
MAX_PLAYER_ID = 2**31 - 1  # users.id is an INTEGER


@dataclass(frozen=True, slots=True)
class AccessToken:
    player_id: int
    key: str


def issue_access_token(player_id: int, key: str, secret: str, now: datetime | None = None) -> str:
    now = now or datetime.now(UTC)
    claims = {"sub": str(player_id), "key": key, "iat": now, "exp": now + LIFETIME}
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


def read_access_token(token: str, secret: str) -> AccessToken:
    try:
        claims = jwt.decode(token, secret, algorithms=[ALGORITHM], options={"require": ["exp", "sub"]})
    except jwt.ExpiredSignatureError as exc:
        raise NotAuthenticated("expired") from exc
    except jwt.InvalidTokenError as exc:
        raise NotAuthenticated() from exc
    subject, key = claims.get("sub"), claims.get("key")
    if not (isinstance(subject, str) and subject.isascii() and subject.isdigit() and len(subject) <= 10):
        raise NotAuthenticated()
    if not isinstance(key, str):
        raise NotAuthenticated()
    player_id = int(subject)
    if not 1 <= player_id <= MAX_PLAYER_ID:
        raise NotAuthenticated()
    return AccessToken(player_id, key)


def fits(token: AccessToken, current_key: str) -> bool:
    return bool(current_key) and hmac.compare_digest(token.key.encode(), current_key.encode())
