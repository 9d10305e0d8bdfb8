"""Alembic, driven from Python: one configuration for the CLI, the server and tests."""

from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection
from sqlalchemy.engine import URL

from bodyweight.config import ALEMBIC_INI
from bodyweight.models import Base


def alembic_config(database_url: URL | str | None = None) -> Config:
    """The `backend/alembic.ini` configuration, optionally aimed at another database."""
    config = Config(str(ALEMBIC_INI))
    if database_url is not None:
        config.attributes["database_url"] = database_url
    return config


def script_directory() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def current_revisions(connection: Connection) -> tuple[str, ...]:
    return MigrationContext.configure(connection).get_current_heads()


def pending_revisions(connection: Connection) -> list[str]:
    """Revisions not yet applied, oldest first; empty when the schema is at head."""
    script = script_directory()
    current = current_revisions(connection)
    ahead = script.iterate_revisions(tuple(script.get_heads()), current or "base")
    return [revision.revision for revision in reversed(list(ahead))]


def schema_drift(connection: Connection) -> list[str]:
    """Differences between the live schema and the models (what `alembic check` finds)."""
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return [str(diff) for diff in compare_metadata(context, Base.metadata)]
