"""The earlier app's database, opened so that nothing can write to it.

SQLite files open in read-only mode (a missing file is an error, never a new empty
database); PostgreSQL sessions are read-only transactions. Every read of one
import runs in one transaction, so the source is one consistent snapshot even if
the earlier app is still running.
"""

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Connection, create_engine, event, pool
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

# The async drivers the earlier app's URLs name, and the plain ones read here.
_DRIVERS = {
    "postgres": "postgresql+psycopg",
    "postgresql": "postgresql+psycopg",
    "postgresql+asyncpg": "postgresql+psycopg",
    "postgresql+psycopg": "postgresql+psycopg",
    "postgresql+psycopg2": "postgresql+psycopg",
    "sqlite": "sqlite",
    "sqlite+aiosqlite": "sqlite",
    "sqlite+pysqlite": "sqlite",
}


class ImportRefused(Exception):
    """The import cannot start; the message says why and what to do. Nothing was written."""


def source_url(raw: str) -> URL:
    """A URL as the earlier app's settings held it (async drivers included), a
    plain one, or a bare path to an SQLite file (relative to where the command runs)."""
    text = raw.strip()
    if "://" not in text:
        return URL.create("sqlite", database=str(Path(text).expanduser().resolve()))
    try:
        url = make_url(text)
    except ArgumentError:
        raise ImportRefused(f"{text!r} is neither a database URL nor a file path") from None
    driver = _DRIVERS.get(url.drivername)
    if driver is None:
        raise ImportRefused(f"unsupported database {url.drivername!r}: the earlier app ran on PostgreSQL or SQLite")
    url = url.set(drivername=driver)
    if driver == "sqlite":
        if url.database in (None, "", ":memory:"):
            raise ImportRefused("name the earlier app's SQLite file")
        url = url.set(database=str(Path(url.database).expanduser().resolve()))
    return url


def shown(url: URL) -> str:
    """The source as the report names it: a file, or a URL without its password."""
    if url.get_backend_name() == "sqlite":
        return f"SQLite file {url.database}"
    return f"PostgreSQL {url.render_as_string(hide_password=True)}"


def _sqlite_reader(path: str) -> sqlite3.Connection:
    if not Path(path).is_file():
        raise ImportRefused(f"cannot read SQLite file {path}: no such file")
    connection = sqlite3.connect(f"file:{quote(path)}?mode=ro", uri=True, check_same_thread=False)
    connection.isolation_level = None  # transactions are begun below, for reads too
    return connection


def _begin_read(connection: Connection) -> None:
    connection.exec_driver_sql("BEGIN")


@contextmanager
def snapshot(url: URL) -> Iterator[Connection]:
    """A read-only connection to the source inside one transaction (one snapshot),
    rolled back at the end."""
    kwargs: dict[str, Any] = {"poolclass": pool.NullPool}
    if url.get_backend_name() == "sqlite":
        database = str(url.database)
        engine = create_engine("sqlite://", creator=lambda: _sqlite_reader(database), **kwargs)
        event.listen(engine, "begin", _begin_read)
    else:
        engine = create_engine(
            url,
            connect_args={"options": "-c default_transaction_read_only=on -c timezone=UTC", "connect_timeout": 10},
            isolation_level="REPEATABLE READ",
            **kwargs,
        )
    try:
        try:
            connection = engine.connect()
        except DBAPIError as exc:
            raise ImportRefused(f"cannot read {shown(url)}: {first_line(exc)}") from None
        with connection, connection.begin():
            yield connection
    finally:
        engine.dispose()


def first_line(exc: Exception) -> str:
    """The driver's own message, first line (SQLAlchemy's adds the statement)."""
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
