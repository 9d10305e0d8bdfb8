"""Adopting a database whose schema was made outside the migrations (by
`metadata.create_all`, or by hand): find the revision it matches and stamp it.

Each revision's schema is rebuilt where it cannot touch the live tables: on
PostgreSQL in a scratch schema inside a transaction that is rolled back; on SQLite
in a temporary file. The live schema must match one of them exactly.
"""

import tempfile
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.util import CommandError
from sqlalchemy import (
    Connection,
    Engine,
    column,
    func,
    insert,
    inspect,
    select,
    table,
    text,
)

from bodyweight.db import is_sqlite, make_engine
from bodyweight.dbops import schema
from bodyweight.migrations import alembic_config, current_revisions, script_directory

PROBE_SCHEMA = "bodyweight_adopt_probe"
BASE_REVISION = "f91f0456139b"


class AdoptRefused(CommandError):
    pass


def refuse_if_created_outside_migrations(connection: Connection) -> None:
    """Called by the base revision: creating tables that already exist would fail
    with "already exists"; say what to do instead."""
    if set(inspect(connection).get_table_names()) - schema.BOOKKEEPING:
        raise AdoptRefused(
            "this database already has tables but no migration revision: it was created "
            "outside the migrations. Run `bodyweight db adopt` to stamp the revision it "
            "matches, then upgrade."
        )


def revision_schemas(engine: Engine, until: str | None = None) -> list[tuple[str, dict[str, Any]]]:
    """(revision, schema) for every revision, oldest first, built on `engine`'s kind;
    with `until`, only as far as that revision."""
    chain = [r.revision for r in reversed(list(script_directory().walk_revisions("base", "heads")))]
    if until is not None and until in chain:
        chain = chain[: chain.index(until) + 1]
    if is_sqlite(engine):
        with tempfile.TemporaryDirectory() as scratch:
            url = f"sqlite:///{Path(scratch) / 'probe.db'}"
            probe = make_engine(url)
            config = alembic_config(url)
            config.attributes["quiet"] = True  # a rehearsal, not a migration of the database
            try:
                return [(rev, _migrate_and_snapshot(config, probe, rev)) for rev in chain]
            finally:
                probe.dispose()
    with engine.connect() as connection, connection.begin() as transaction:
        connection.execute(text(f"CREATE SCHEMA {PROBE_SCHEMA}"))
        connection.execute(text(f"SET LOCAL search_path TO {PROBE_SCHEMA}"))
        config = alembic_config()
        config.attributes["connection"] = connection
        built = []
        for rev in chain:
            command.upgrade(config, rev)
            built.append((rev, schema.snapshot(connection, schema=PROBE_SCHEMA)))
        transaction.rollback()
        return built


def _migrate_and_snapshot(config: Config, engine: Engine, revision: str) -> dict[str, Any]:
    command.upgrade(config, revision)
    with engine.connect() as connection:
        return schema.snapshot(connection)


def adopt(engine: Engine) -> str:
    """Stamp the newest revision whose schema the live one matches; returns it."""
    with engine.connect() as connection:
        if current_revisions(connection):
            raise AdoptRefused(
                f"the database is already at revision {', '.join(current_revisions(connection))}; nothing to adopt"
            )
        live = schema.snapshot(connection)
    if not live:
        raise AdoptRefused("the database is empty: run `bodyweight db upgrade` to create it")
    candidates = revision_schemas(engine)
    for revision, expected in candidates[::-1]:  # newest first (reversed() would type it Any)
        if expected == live:
            command.stamp(alembic_config(engine.url), revision)
            _restore_reference_data(engine)
            return revision
    # Nearest = fewest differences; on a tie, the newest revision.
    closest, expected = min(reversed(candidates), key=lambda c: len(schema.differences(c[1], live)))
    listed = "\n  ".join(schema.differences(expected, live))
    raise AdoptRefused(f"the schema matches no revision; nearest is {closest}, which differs in:\n  {listed}")


def _restore_reference_data(engine: Engine) -> None:
    """`create_all` makes tables but not the exercise catalogue the base revision
    seeds; put it in when it is missing."""
    seed = script_directory().get_revision(BASE_REVISION).module
    categories = table("exercise_categories", column("id"), column("name"), column("position"))
    exercises = table(
        "exercises",
        column("id"),
        column("category_id"),
        column("name"),
        column("difficulty"),
        column("base_xp"),
        column("is_timed"),
        column("description"),
        column("position"),
    )
    with engine.begin() as connection:
        if connection.scalar(select(func.count()).select_from(exercises)):
            return
        if not connection.scalar(select(func.count()).select_from(categories)):
            connection.execute(insert(categories), seed.category_rows())
        connection.execute(insert(exercises), seed.exercise_rows())
