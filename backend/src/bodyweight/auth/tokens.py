"""Access tokens: HS256 JWTs whose subject is the player's id."""

from datetime import UTC, datetime, timedelta

import jwt

from bodyweight.errors import NotAuthenticated

ALGORITHM = "HS256"
LIFETIME = timedelta(days=30)


def issue_access_token(user_id: int, secret: str, now: datetime | None = None) -> str:
    now = now or datetime.now(UTC)
    claims = {"sub": str(user_id), "iat": now, "exp": now + LIFETIME}
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


def read_access_token(token: str, secret: str) -> int:
    try:
        claims = jwt.decode(token, secret, algorithms=[ALGORITHM], options={"require": ["exp", "sub"]})
        return int(claims["sub"])
    except jwt.ExpiredSignatureError as exc:
        raise NotAuthenticated("The session has expired; sign in again.") from exc
    except (jwt.InvalidTokenError, ValueError) as exc:
        raise NotAuthenticated("The access token is not valid.") from exc
