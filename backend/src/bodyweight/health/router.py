"""Liveness and readiness for load balancers and orchestrators."""

import time
from dataclasses import dataclass

from fastapi import APIRouter, Request
from sqlalchemy import Connection
from sqlalchemy.exc import SQLAlchemyError

from bodyweight.dbops import conformance
from bodyweight.deps import DatabaseDep
from bodyweight.errors import DatabaseUnavailable, SchemaMismatch, SchemaNotAtHead, error_body
from bodyweight.migrations import current_revisions, pending_revisions

router = APIRouter(tags=["health"])

# How long a verdict on the live tables stands before readiness looks again (a
# change of revision always looks again).
SCHEMA_CHECK_SECONDS = 60.0


@dataclass(frozen=True)
class SchemaVerdict:
    revision: str | None
    differences: list[str]
    checked_at: float


def _cached_verdict(request: Request, revision: str | None) -> SchemaVerdict | None:
    verdict: SchemaVerdict | None = getattr(request.app.state, "schema_verdict", None)
    if verdict is None or verdict.revision != revision:
        return None
    return verdict if time.monotonic() - verdict.checked_at < SCHEMA_CHECK_SECONDS else None


@router.get("/healthz", summary="The process is alive")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get(
    "/readyz",
    summary="The database is reachable and its schema is at head",
    responses={
        503: {
            "description": "Database unreachable, migrations pending (`schema_not_at_head`), or tables "
            "that differ from the revision's (`schema_mismatch`, naming the differences)",
            "content": {
                "application/json": {
                    "example": error_body(
                        "schema_not_at_head", "Pending migrations: 67aca3c3bf83", {"pending": ["67aca3c3bf83"]}
                    )
                }
            },
        }
    },
)
async def readyz(request: Request, database: DatabaseDep) -> dict[str, str | None]:
    def revisions(connection: Connection) -> tuple[tuple[str, ...], list[str]]:
        return current_revisions(connection), pending_revisions(connection)

    try:
        async with database.reading() as session:
            current, pending = await session.run_sync(revisions)
            revision = current[0] if current else None
            verdict = None if pending else _cached_verdict(request, revision)
            if verdict is None and not pending:
                differences = await session.run_sync(conformance.differences_from_head)
                verdict = SchemaVerdict(revision, differences, time.monotonic())
                request.app.state.schema_verdict = verdict
    except (SQLAlchemyError, OSError) as exc:
        raise DatabaseUnavailable() from exc
    if pending:
        raise SchemaNotAtHead(pending=", ".join(pending))
    if verdict is not None and verdict.differences:
        raise SchemaMismatch(revision=revision, differences=conformance.summary(verdict.differences))
    return {"status": "ready", "revision": revision}
