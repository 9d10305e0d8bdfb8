"""Liveness and readiness for load balancers and orchestrators."""

from fastapi import APIRouter, Request
from sqlalchemy.exc import SQLAlchemyError

from bodyweight.errors import DatabaseUnavailable, SchemaNotAtHead, error_body
from bodyweight.migrations import current_revisions, pending_revisions

router = APIRouter(tags=["health"])


@router.get("/healthz", summary="The process is alive")
def healthz() -> dict:
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
                        "schema_not_at_head", "Pending migrations: 67aca3c3bf83", pending=["67aca3c3bf83"]
                    )
                }
            },
        }
    },
)
def readyz(request: Request) -> dict:
    try:
        with request.app.state.engine.connect() as connection:
            current = current_revisions(connection)
            pending = pending_revisions(connection)
    except SQLAlchemyError as exc:
        raise DatabaseUnavailable() from exc
    if pending:
        raise SchemaNotAtHead(
            f"The database schema is behind: pending migrations {', '.join(pending)}. "
            "Run `bodyweight db upgrade`.",
            pending=pending,
        )
    return {"status": "ready", "revision": current[0] if current else None}
