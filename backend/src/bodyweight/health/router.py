"""Liveness and readiness for load balancers and orchestrators."""

from fastapi import APIRouter
from sqlalchemy import Connection
from sqlalchemy.exc import SQLAlchemyError

from bodyweight.deps import DatabaseDep
from bodyweight.errors import DatabaseUnavailable, SchemaNotAtHead, error_body
from bodyweight.migrations import current_revisions, pending_revisions

router = APIRouter(tags=["health"])


@router.get("/healthz", summary="The process is alive")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get(
    "/readyz",
    summary="The database is reachable and its schema is at head",
    responses={
        503: {
            "description": "Database unreachable or migrations pending",
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
async def readyz(database: DatabaseDep) -> dict[str, str | None]:
    def revisions(connection: Connection) -> tuple[tuple[str, ...], list[str]]:
        return current_revisions(connection), pending_revisions(connection)

    try:
        async with database.reading() as session:
            current, pending = await session.run_sync(revisions)
    except (SQLAlchemyError, OSError) as exc:
        raise DatabaseUnavailable() from exc
    if pending:
        raise SchemaNotAtHead(pending=", ".join(pending))
    return {"status": "ready", "revision": current[0] if current else None}
