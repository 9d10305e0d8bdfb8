"""Run migrations and take comparable snapshots of a live schema."""

from typing import Any

from alembic import command
from sqlalchemy import text

from bodyweight.db import make_engine
from bodyweight.dbops import schema
from bodyweight.migrations import alembic_config


def migrate(url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(url), revision)


def downgrade(url: str, revision: str) -> None:
    command.downgrade(alembic_config(url), revision)


def sql(url: str, statement: str, **params: Any) -> list[tuple]:
    """Run one statement in its own transaction; its rows, if it returns any."""
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            result = connection.execute(text(statement), params)
            return [tuple(row) for row in result] if result.returns_rows else []
    finally:
        engine.dispose()


def snapshot(url: str) -> dict[str, Any]:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return schema.snapshot(connection)
    finally:
        engine.dispose()


def chain() -> list[str]:
    """Revision ids from base to head, as the script directory has them: tests
    never pin the head, which moves with every new revision."""
    from bodyweight.migrations import script_directory

    return [r.revision for r in reversed(list(script_directory().walk_revisions("base", "heads")))]


CHAIN = chain()
BASE, HEAD = CHAIN[0], CHAIN[-1]
PURCHASES_REVISION = "67aca3c3bf83"  # the guide's revision; later ones follow it
