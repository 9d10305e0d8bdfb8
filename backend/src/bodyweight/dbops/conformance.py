"""Does the live schema have the tables and columns its revision promises?

`alembic_version` is only a label: a database of another app stamped with one of
our revision ids, or a table altered by hand, would serve 500s on the first query
that touches the difference. The server checks before it serves (`serve`) and while
it serves (`/readyz`, cached per revision).

At head the expected schema is the models' metadata, so the check is one cheap
reflection: on PostgreSQL a single catalogue query for every table's columns, on
SQLite one `PRAGMA table_info` per table. For an older revision (a database about
to be migrated) the expected schema is rebuilt by running the chain where it cannot
touch the live tables (see `dbops.adopt.revision_schemas`).
"""

from collections.abc import Mapping

from sqlalchemy import Connection, Engine, inspect

from bodyweight.dbops import schema
from bodyweight.models import Base

Columns = Mapping[str, frozenset[str]]
MAX_LISTED = 20


def expected_at_head() -> dict[str, frozenset[str]]:
    return {name: frozenset(table.columns.keys()) for name, table in Base.metadata.tables.items()}


def live_columns(connection: Connection) -> dict[str, frozenset[str]]:
    inspector = inspect(connection)
    if connection.dialect.name == "postgresql":
        found = inspector.get_multi_columns()  # one query for every table
        return {
            name: frozenset(c["name"] for c in columns)
            for (_, name), columns in found.items()
            if name not in schema.BOOKKEEPING
        }
    return {
        name: frozenset(c["name"] for c in inspector.get_columns(name))
        for name in inspector.get_table_names()
        if name not in schema.BOOKKEEPING
    }


def compare(expected: Columns, live: Columns) -> list[str]:
    """The differences in words, missing things first."""
    found = [f"missing table {t}" for t in sorted(expected.keys() - live.keys())]
    for table in sorted(expected.keys() & live.keys()):
        found += [f"missing column {table}.{c}" for c in sorted(expected[table] - live[table])]
    found += [f"unexpected table {t}" for t in sorted(live.keys() - expected.keys())]
    for table in sorted(expected.keys() & live.keys()):
        found += [f"unexpected column {table}.{c}" for c in sorted(live[table] - expected[table])]
    return found


def differences_from_head(connection: Connection) -> list[str]:
    return compare(expected_at_head(), live_columns(connection))


def differences_at(engine: Engine, revision: str) -> list[str]:
    """Differences between the live schema and what `revision` builds (a rehearsal of
    the chain, run only before migrating, never per request)."""
    from bodyweight.dbops.adopt import revision_schemas

    with engine.connect() as connection:
        live = live_columns(connection)
    for rev, built in revision_schemas(engine, until=revision):
        if rev == revision:
            expected = {table: frozenset(c[0] for c in aspects["columns"]) for table, aspects in built.items()}
            return compare(expected, live)
    raise ValueError(f"unknown revision {revision}")


def summary(differences: list[str]) -> str:
    """One line for a message: the first differences and how many more."""
    shown = "; ".join(differences[:MAX_LISTED])
    more = len(differences) - MAX_LISTED
    return shown + (f"; and {more} more" if more > 0 else "")


ADVICE = (
    "If this is a database of the earlier BodyWeight app, start from an empty database and run "
    "`bodyweight import earlier SOURCE_DATABASE_URL`; if its tables were made outside the migrations, "
    "`bodyweight db adopt` finds the revision they match; `bodyweight db check` lists every difference."
)
