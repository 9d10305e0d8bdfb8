"""`Idempotency-Key` for requests that spend or earn: a retry with the same key and
body gets the first response and changes nothing.

The key is claimed with an insert in the request's own transaction, so the claim,
the effect and the stored response commit together. A concurrent duplicate waits on
the claim (PostgreSQL's unique index; SQLite's write lock) and then replays the
stored response. Only successes are stored: a failed request changed nothing, so
retrying it simply tries again.
"""

import hashlib
import json
from collections.abc import Callable
from typing import Annotated

from fastapi import Header
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy import bindparam, update
from sqlalchemy.orm import Session

from bodyweight.db import insert_ignoring_duplicates, once_per_dialect
from bodyweight.errors import DomainError
from bodyweight.models import IdempotencyKey

IdempotencyKeyHeader = Annotated[
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
    message = "This Idempotency-Key was already used for a different request."


def run_once(
    session: Session,
    user_id: int,
    key: str | None,
    request: str,
    action: Callable[[], BaseModel],
    status_code: int,
) -> BaseModel | JSONResponse:
    """Run `action` unless this key already ran `request` (method, path and body)."""
    if key is None:
        return action()
    fingerprint = hashlib.sha256(request.encode()).hexdigest()
    claimed = session.execute(
        _claim(session), {"player": user_id, "idempotency_key": key, "fingerprint": fingerprint}
    ).scalar_one_or_none()
    if claimed is None:
        first = session.get(IdempotencyKey, (user_id, key))
        if first.request_fingerprint != fingerprint:
            raise IdempotencyKeyReused()
        return JSONResponse(
            json.loads(first.response_body),
            status_code=first.status_code,
            headers={"Idempotent-Replayed": "true"},
        )
    result = action()
    session.execute(
        _STORE_RESPONSE,
        {"player": user_id, "idempotency_key": key, "status": status_code, "body": result.model_dump_json()},
    )
    return result


# Built once and run with parameters (see db.once_per_dialect for why).
@once_per_dialect
def _claim(session: Session):
    keys = IdempotencyKey.__table__  # Core: see coins.service
    return (
        insert_ignoring_duplicates(session, keys, ["user_id", "key"])
        .values(
            user_id=bindparam("player"), key=bindparam("idempotency_key"),
            request_fingerprint=bindparam("fingerprint"),
            status_code=0, response_body="",
        )
        .returning(keys.c.key)
    )


_STORE_RESPONSE = (
    update(IdempotencyKey.__table__)
    .where(IdempotencyKey.user_id == bindparam("player"), IdempotencyKey.key == bindparam("idempotency_key"))
    .values(status_code=bindparam("status"), response_body=bindparam("body"))
)
