"""`Idempotency-Key` for requests that spend or earn: a retry with the same key and
body gets the first response and changes nothing.

A route takes the `Idempotent` dependency and answers through it. The key is
claimed with an insert in the request's own transaction, so the claim, the effect
and the stored response commit together. A concurrent duplicate waits on the
claim (PostgreSQL's unique index; SQLite's write lock) and then replays the stored
response. Only successes are stored: a failed request changed nothing, so
retrying it simply tries again. Stored responses expire: `bodyweight idempotency
prune` deletes those older than IDEMPOTENCY_KEY_HOURS.
"""

import hashlib
from datetime import UTC, datetime, timedelta
from typing import Annotated

from fastapi import Depends, FastAPI, Header, Request, Response
from pydantic import BaseModel
from sqlalchemy import bindparam, delete, select, update

from bodyweight.db import WriteSession, insert_ignoring_duplicates
from bodyweight.deps import LockedPlayer
from bodyweight.deps import WriteSession as WriteSessionDep
from bodyweight.errors import DomainError
from bodyweight.models import IdempotencyKey
from bodyweight.users.player import Player

_keys = IdempotencyKey.__table__

KeyHeader = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        min_length=1,
        max_length=255,
        pattern=r"^[\x21-\x7e]+$",
        description="Any unique string (a UUID): retries with it return the first response",
    ),
]


class IdempotencyKeyReused(DomainError):
    status_code, code = 422, "idempotency_key_reused"


class _Replay(Exception):
    """The first response to this key, to be sent again instead of running the route."""

    def __init__(self, status_code: int, body: str) -> None:
        self.status_code, self.body = status_code, body


_STORE_RESPONSE = (
    update(_keys)
    .where(_keys.c.user_id == bindparam("player"), _keys.c.key == bindparam("idempotency_key"))
    .values(status_code=bindparam("status"), response_body=bindparam("body"))
)
_FIRST_USE = select(_keys.c.request_fingerprint, _keys.c.status_code, _keys.c.response_body).where(
    _keys.c.user_id == bindparam("player"), _keys.c.key == bindparam("idempotency_key")
)


class Idempotent:
    """The request's write transaction and locked caller, with its key (if it
    has one) claimed; `respond` stores the answer with the effect."""

    def __init__(self, session: WriteSession, player: Player, key: str | None, status_code: int) -> None:
        self.session, self.player, self.key, self.status_code = session, player, key, status_code

    async def respond(self, result: BaseModel) -> Response:
        """The route's answer, serialised once: sent, and stored for retries."""
        body = result.model_dump_json()
        if self.key is not None:
            await self.session.execute(
                _STORE_RESPONSE,
                {
                    "player": self.player.id,
                    "idempotency_key": self.key,
                    "status": self.status_code,
                    "body": body,
                },
            )
        return Response(body, status_code=self.status_code, media_type="application/json")


async def _idempotent(
    request: Request, session: WriteSessionDep, player: LockedPlayer, key: KeyHeader = None
) -> Idempotent:
    route = request.scope["route"]
    once = Idempotent(session, player, key, route.status_code or 200)
    if key is None:
        return once
    fingerprint = hashlib.sha256(
        b"\n".join((request.method.encode(), request.url.path.encode(), await request.body()))
    ).hexdigest()
    claim = (
        insert_ignoring_duplicates(session, _keys, ["user_id", "key"])
        .values(
            user_id=bindparam("player"),
            key=bindparam("idempotency_key"),
            request_fingerprint=bindparam("fingerprint"),
            status_code=0,
            response_body="",
        )
        .returning(_keys.c.key)
    )
    parameters = {"player": player.id, "idempotency_key": key}
    if (await session.execute(claim, {**parameters, "fingerprint": fingerprint})).first() is not None:
        return once
    first = (await session.execute(_FIRST_USE, parameters)).one()
    if first.request_fingerprint != fingerprint:
        raise IdempotencyKeyReused()
    raise _Replay(first.status_code, first.response_body)


Once = Annotated[Idempotent, Depends(_idempotent)]


def install_replay_handler(app: FastAPI) -> None:
    @app.exception_handler(_Replay)
    async def _send_again(_: Request, replay: _Replay) -> Response:
        return Response(
            replay.body,
            status_code=replay.status_code,
            media_type="application/json",
            headers={"Idempotent-Replayed": "true"},
        )


async def prune(session: WriteSession, older_than: timedelta, now: datetime | None = None) -> int:
    """Forget stored responses older than `older_than`; how many were deleted."""
    cutoff = (now or datetime.now(UTC)) - older_than
    result = await session.execute(delete(_keys).where(_keys.c.created_at < cutoff))
    return result.rowcount
