"""Engines and sessions. Built by whoever needs them (app factory, CLI), never at import.

The request path is async: asyncpg on PostgreSQL, aiosqlite on SQLite, through
SQLAlchemy Core on an `AsyncConnection` (docs/architecture.md has the figures
behind that choice). Migrations, the operator commands and the tests' own checks
use the plain synchronous engine (psycopg, sqlite3) from `make_engine`.

A route says what it does by the session type it takes:

- `ReadSession`: statements run in autocommit, each with its own snapshot. No
  BEGIN/COMMIT round trips on PostgreSQL; on SQLite no lock beyond the reading
  statement's own, so reads never queue behind writers. A statement that writes
  raises `WriteInReadSession`.
- `WriteSession`: one transaction, committed when the request succeeds and rolled
  back when it fails. On SQLite it begins with `BEGIN IMMEDIATE`, so two writers
  wait for each other instead of deadlocking on a lock upgrade.

A `WriteSession` is also a `ReadSession`: a use case that only reads can run in
either.
"""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, NewType

from sqlalchemy import Engine, Insert, Table, create_engine, event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import URL, Connection
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

from bodyweight.config import normalize_database_url

ReadSession = NewType("ReadSession", AsyncConnection)
WriteSession = NewType("WriteSession", ReadSession)

READ_ONLY_OPTION = "bodyweight_read_only"
ASYNC_DRIVERS = {"postgresql": "postgresql+asyncpg", "sqlite": "sqlite+aiosqlite"}

# Keep as many connections as a worker has requests in flight under load (they
# open on demand): with the default 5, every request past the fifth opened and
# closed one of its own, a new PostgreSQL backend each time.
POOL_SIZE = 20
POOL_OVERFLOW = 10
# A request that cannot get a connection fails fast (503) instead of holding a
# worker's attention for the default 30 s.
POOL_TIMEOUT_S = 5.0
# A SQLite writer waits this long for its turn in the process (then 503).
SQLITE_WRITE_TURN_TIMEOUT_S = 10.0


class WriteInReadSession(RuntimeError):
    """A statement that writes ran in a `ReadSession`: outside a transaction it
    would not be atomic, so the route must take a `WriteSession`."""


def is_sqlite(url: URL | Engine | AsyncEngine) -> bool:
    url = url if isinstance(url, URL) else url.url
    return url.get_backend_name() == "sqlite"


def _prepare(url: URL | str) -> URL:
    url = normalize_database_url(url) if isinstance(url, str) else url
    if is_sqlite(url) and url.database not in (None, "", ":memory:"):
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    return url


def make_engine(url: URL | str, **kwargs: Any) -> Engine:
    """The synchronous engine, for migrations, operator commands and tests."""
    url = _prepare(url)
    if is_sqlite(url):
        engine = create_engine(url, **kwargs)
    else:
        connect_args = {"options": "-c timezone=UTC", **kwargs.pop("connect_args", {})}
        engine = create_engine(url, connect_args=connect_args, **kwargs)
    _configure(engine)
    return engine


def make_async_engine(
    url: URL | str, *, lock_timeout: float | None = None, statement_timeout: float | None = None, **kwargs: Any
) -> AsyncEngine:
    """The engine the server runs on, with the same per-connection settings.

    On PostgreSQL, `lock_timeout` and `statement_timeout` (seconds) bound every
    statement of the connection: a request waiting on a row lock, or a query that
    runs away, fails (503) instead of holding a connection and a worker's
    attention indefinitely."""
    url = _prepare(url)
    url = url.set(drivername=ASYNC_DRIVERS[url.get_backend_name()])
    if is_sqlite(url):
        engine = create_async_engine(url, **kwargs)
    else:
        if kwargs.get("poolclass") is None:
            kwargs.setdefault("pool_size", POOL_SIZE)
            kwargs.setdefault("max_overflow", POOL_OVERFLOW)
            kwargs.setdefault("pool_timeout", POOL_TIMEOUT_S)
        # No ping on checkout (a round trip per request): a connection the server
        # dropped fails its request with 503, and SQLAlchemy then recycles every
        # connection of the pool that predates the failure.
        server_settings = {"timezone": "UTC"}
        if lock_timeout is not None:
            server_settings["lock_timeout"] = str(round(lock_timeout * 1000))
        if statement_timeout is not None:
            server_settings["statement_timeout"] = str(round(statement_timeout * 1000))
        connect_args = {"server_settings": server_settings, **kwargs.pop("connect_args", {})}
        engine = create_async_engine(url, connect_args=connect_args, **kwargs)
    _configure(engine.sync_engine)
    return engine


def _configure(engine: Engine) -> None:
    """SQLite enforces foreign keys (ON DELETE CASCADE) only when asked, on every
    connection, and leaves where transactions begin to SQLAlchemy only when told
    (its documented recipe, for transactional DDL and SAVEPOINTs). PostgreSQL
    sessions run in UTC (set in the connect arguments) so `now()` in a `timestamp
    without time zone` column stores UTC, as the schema promises."""
    if is_sqlite(engine):
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_on_begin)


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    # Readers keep reading while a writer commits; a writer waits its turn
    # instead of failing.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def _sqlite_on_begin(connection: Connection) -> None:
    if connection.get_execution_options().get(READ_ONLY_OPTION):
        return  # autocommit: each statement is its own read transaction
    # Take the write lock up front: two transactions that read then write would
    # otherwise deadlock on the lock upgrade, and one would fail with "locked".
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def _refuse_writes(_conn: Connection, _cursor: Any, statement: str, _params: Any, context: Any, _many: bool) -> None:
    if context.isinsert or context.isupdate or context.isdelete:
        raise WriteInReadSession(f"writes need a WriteSession: {statement[:80]}")


class Database:
    """The app's async engine and the two kinds of session it hands out."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        options: dict[str, Any] = {READ_ONLY_OPTION: True}
        if not is_sqlite(engine):
            options["isolation_level"] = "AUTOCOMMIT"
        self._reader = engine.execution_options(**options)
        self._sqlite_writes = asyncio.Lock() if is_sqlite(engine) else None
        event.listen(self._reader.sync_engine, "before_cursor_execute", _refuse_writes)

    @asynccontextmanager
    async def reading(self) -> AsyncIterator[ReadSession]:
        async with self._reader.connect() as connection:
            yield ReadSession(connection)

    @asynccontextmanager
    async def writing(self) -> AsyncIterator[WriteSession]:
        """One transaction: committed on success, rolled back on any error."""
        async with self._write_turn(), self.engine.begin() as connection:
            yield WriteSession(ReadSession(connection))

    @asynccontextmanager
    async def _write_turn(self) -> AsyncIterator[None]:
        """SQLite has one writer at a time. Its writers in this process take turns
        here, waiting in the event loop with no connection held; otherwise a burst
        of writers each takes a pooled connection to wait on the lock in SQLite's
        busy handler, and the writer holding the lock can starve for a connection
        it needs (a read on first use), until everyone times out. Other processes'
        writers are still waited for by the busy timeout."""
        if self._sqlite_writes is None:
            yield
            return
        try:
            async with asyncio.timeout(SQLITE_WRITE_TURN_TIMEOUT_S):
                await self._sqlite_writes.acquire()
        except TimeoutError:
            raise PoolTimeout(f"no turn to write within {SQLITE_WRITE_TURN_TIMEOUT_S} s") from None
        try:
            yield
        finally:
            self._sqlite_writes.release()

    async def dispose(self) -> None:
        await self.engine.dispose()


def insert_ignoring_duplicates(
    session: AsyncConnection, table: Table, unique_columns: list[str] | None = None
) -> Insert:
    """`INSERT ... ON CONFLICT (...) DO NOTHING` in the session's dialect (any
    unique conflict without `unique_columns`): with RETURNING, no row back means
    the row already existed (or a concurrent transaction just committed it)."""
    if session.dialect.name == "postgresql":
        return postgresql.insert(table).on_conflict_do_nothing(index_elements=unique_columns)
    return sqlite.insert(table).on_conflict_do_nothing(index_elements=unique_columns)
