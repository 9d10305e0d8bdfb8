"""Running `bodyweight import earlier` in-process, and what the tests compare."""

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import inspect, pool, text

from bodyweight.db import Database, make_async_engine, make_engine
from bodyweight.importer import service
from bodyweight.importer.report import Report
from support.aio import run


def run_import(source_url: str, target_url: str, *, dry_run: bool = False, locale: str = "ru") -> Report:
    """The command's own steps, on `target_url` (which must be at head)."""
    name, shape, data = service.read_source(source_url)

    async def work() -> Report:
        database = Database(make_async_engine(target_url, poolclass=pool.NullPool))
        try:
            return await service.run(database, name, shape, data, dry_run=dry_run, locale=locale, target="target")
        finally:
            await database.dispose()

    return run(work())


def contents(url: str) -> dict[str, Any]:
    """Every row of every table, in a stable order, and on PostgreSQL every
    sequence's position: "nothing was written" is checked against this."""
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            found: dict[str, Any] = {}
            for name in sorted(inspect(connection).get_table_names()):
                width = len(inspect(connection).get_columns(name))
                order = ", ".join(str(n) for n in range(1, width + 1))
                found[name] = [tuple(row) for row in connection.execute(text(f"SELECT * FROM {name} ORDER BY {order}"))]
            if engine.dialect.name == "postgresql":
                found["sequences"] = connection.execute(
                    text("SELECT sequencename, last_value FROM pg_sequences ORDER BY 1")
                ).all()
            return found
    finally:
        engine.dispose()


def rows(url: str, statement: str, **params: Any) -> list[tuple]:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(text(statement), params)]
    finally:
        engine.dispose()


def numbers(report: Report) -> list[tuple[str, int, list[int]]]:
    """The report's balances as numbers: a dry run's must equal the import's."""
    return [(b.what, b.source, [n for _, n in b.parts]) for b in report.balances()]


def migrated_target(request: Any, engine: str, tmp_path: Path, name: str = "target.db") -> str:
    """A database at head on `engine`, copied from the session's template."""
    if engine == "sqlite":
        path = tmp_path / name
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite:///{path}"
    server = request.getfixturevalue("postgres_server")
    url = server.create_database(template=request.getfixturevalue("postgresql_template"))
    request.addfinalizer(lambda: server.drop_database(url))
    return url


def empty_database(request: Any, engine: str, tmp_path: Path, name: str = "earlier.db") -> str:
    if engine == "sqlite":
        return f"sqlite:///{tmp_path / name}"
    server = request.getfixturevalue("postgres_server")
    if server is None:
        import pytest

        pytest.skip("PostgreSQL is not available")
    url = server.create_database()
    request.addfinalizer(lambda: server.drop_database(url))
    return url


def on(url: str, work: Callable[[Any], None]) -> None:
    """Run `work(connection)` in one transaction of `url`."""
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            work(connection)
    finally:
        engine.dispose()
