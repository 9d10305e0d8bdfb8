"""What a downgrade would destroy, found by running it in a transaction that is
then rolled back (both engines have transactional DDL here).

A revision that fills columns with data shipped with the app (the exercise
catalogue's translations) names them in `SHIPPED_DATA = {table: (column, ...)}`:
upgrading again puts that data back, so dropping those columns loses nothing of
the operator's and is not reported. One that adds a column whose rows mostly hold
its default names it in `DEFAULT_VALUES = {table: {column: value}}`: only rows
holding something else count as lost (a player holding no streak freeze loses
nothing when the column goes). One that adds a table computed wholly from other
tables (the weekly score tally) names it in `DERIVED_TABLES = (table, ...)`:
upgrading again rebuilds it, so dropping it loses nothing."""

from collections.abc import Callable
from dataclasses import dataclass

from alembic import command
from sqlalchemy import ColumnElement, Connection, Engine, column, func, inspect, select, table, text

from bodyweight.db import is_sqlite
from bodyweight.migrations import alembic_config, current_revisions, script_directory


@dataclass(frozen=True)
class Loss:
    table: str
    column: str | None  # None: the whole table goes
    rows: int

    def __str__(self) -> str:
        what = f"table {self.table}" if self.column is None else f"column {self.table}.{self.column}"
        return f"{what}: {self.rows} row{'s' if self.rows != 1 else ''} with data"


def _columns(connection: Connection) -> dict[str, set[str]]:
    inspector = inspect(connection)
    return {t: {c["name"] for c in inspector.get_columns(t)} for t in inspector.get_table_names()}


def _applied(heads: tuple[str, ...]) -> set[str]:
    """The revisions a database at `heads` has applied."""
    script = script_directory()
    return {r.revision for r in script.iterate_revisions(heads, "base")} if heads else set()


def _shipped(undone: set[str]) -> set[tuple[str, str]]:
    script = script_directory()
    return {
        (name, column_name)
        for revision in undone
        for name, columns in getattr(script.get_revision(revision).module, "SHIPPED_DATA", {}).items()
        for column_name in columns
    }


def _derived(undone: set[str]) -> set[str]:
    script = script_directory()
    return {name for revision in undone for name in getattr(script.get_revision(revision).module, "DERIVED_TABLES", ())}


def _defaults(undone: set[str]) -> dict[tuple[str, str], object]:
    script = script_directory()
    return {
        (name, column_name): value
        for revision in undone
        for name, columns in getattr(script.get_revision(revision).module, "DEFAULT_VALUES", {}).items()
        for column_name, value in columns.items()
    }


def downgrade_losses(
    engine: Engine,
    revision: str,
    lock_timeout: float = 5.0,
    rehearse: Callable[[Connection], None] | None = None,
) -> list[Loss]:
    """Tables and columns with data that downgrading to `revision` would drop.

    `rehearse` runs the downgrade on the connection it is given (inside a
    transaction that is rolled back); by default a fresh Alembic command does. From
    inside a running Alembic environment (a plain `alembic downgrade`), pass one that
    reuses that environment: Alembic's environments do not nest."""
    with engine.connect() as connection, connection.begin() as transaction:
        if is_sqlite(engine):
            # Batch mode rebuilds tables, which foreign keys would refuse mid-way for a
            # parent table; the real run turns them off (alembic/env.py). Deferred,
            # they are checked only at a commit this rehearsal never makes.
            connection.execute(text("PRAGMA defer_foreign_keys = ON"))
        else:  # never queue behind the application's locks
            connection.execute(text(f"SET LOCAL lock_timeout = {int(lock_timeout * 1000)}"))
        before = _columns(connection)
        applied = _applied(current_revisions(connection))
        if rehearse is None:
            config = alembic_config(engine.url)
            config.attributes["connection"] = connection
            command.downgrade(config, revision)
        else:
            rehearse(connection)
        after = _columns(connection)
        undone = applied - _applied(current_revisions(connection))
        shipped, defaults, derived = _shipped(undone), _defaults(undone), _derived(undone)
        transaction.rollback()
    losses = []
    with engine.connect() as connection:
        for name, columns in sorted(before.items()):
            if name == "alembic_version" or (name in derived and name not in after):
                continue
            if name not in after:
                rows = connection.scalar(select(func.count()).select_from(table(name))) or 0
                losses.append(Loss(name, None, rows))
                continue
            for dropped in sorted(columns - after[name] - {c for t, c in shipped if t == name}):
                holding: ColumnElement[bool] = column(dropped).is_not(None)
                if (name, dropped) in defaults:
                    holding = holding & (column(dropped) != defaults[name, dropped])
                rows = connection.scalar(select(func.count()).select_from(table(name)).where(holding)) or 0
                losses.append(Loss(name, dropped, rows))
    return [loss for loss in losses if loss.rows]
