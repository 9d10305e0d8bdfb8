"""Engines and sessions. Built by whoever needs them (app factory, CLI), never at import."""

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, exc
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.sql import Executable

from bodyweight.config import normalize_database_url


def is_sqlite(url: URL | Engine) -> bool:
    url = url.url if isinstance(url, Engine) else url
    return url.get_backend_name() == "sqlite"


POOL_SIZE = 20
POOL_OVERFLOW = 10
PING_AFTER_IDLE_S = 2.0


def make_engine(url: URL | str, **kwargs) -> Engine:
    """An engine with the per-connection settings the schema relies on.

    SQLite enforces foreign keys (ON DELETE CASCADE) only when asked, on every
    connection. PostgreSQL sessions run in UTC so `now()` in a `timestamp without
    time zone` column stores UTC, as the schema promises.
    """
    url = normalize_database_url(url) if isinstance(url, str) else url
    if is_sqlite(url):
        if url.database not in (None, "", ":memory:"):
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_on_begin)
        return engine
    connect_args = {"options": "-c timezone=UTC", **kwargs.pop("connect_args", {})}
    if kwargs.get("poolclass") is None:
        # Keep as many connections as a worker has requests in flight under load
        # (they open on demand): with the default 5, every request past the fifth
        # opened and closed one of its own, a new PostgreSQL backend each time.
        kwargs.setdefault("pool_size", POOL_SIZE)
        kwargs.setdefault("max_overflow", POOL_OVERFLOW)
    engine = create_engine(url, connect_args=connect_args, **kwargs)
    _ping_connections_that_sat_idle(engine)
    return engine


def _ping_connections_that_sat_idle(engine: Engine) -> None:
    """A pooled connection that sat idle may have been cut (server restart,
    failover, idle timeout): ping it before use, and let the pool replace it if it
    is dead. One that another request returned moments ago is alive; pinging it
    too, as `pool_pre_ping` does, would add a round trip to every request."""
    dialect = engine.dialect

    @event.listens_for(engine, "checkin")
    def remember_when_returned(_dbapi_connection, record) -> None:
        record.info["returned_at"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def ping_if_idle(dbapi_connection, record, _proxy) -> None:
        returned_at = record.info.get("returned_at")
        if returned_at is None or time.monotonic() - returned_at < PING_AFTER_IDLE_S:
            return
        try:
            dialect.do_ping(dbapi_connection)
        except dialect.loaded_dbapi.Error as error:
            raise exc.DisconnectionError() from error  # the pool retries with another


def _sqlite_on_connect(dbapi_connection, _record) -> None:
    # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin, so
    # DDL is transactional and SAVEPOINTs work (SQLAlchemy's documented recipe).
    dbapi_connection.isolation_level = None
    dbapi_connection.execute("PRAGMA foreign_keys=ON")
    # Readers keep reading while a writer commits; a writer waits instead of failing.
    dbapi_connection.execute("PRAGMA journal_mode=WAL")
    dbapi_connection.execute("PRAGMA busy_timeout=5000")


def _sqlite_on_begin(connection) -> None:
    # Take the write lock up front: two transactions that read then write would
    # otherwise deadlock on the lock upgrade, and one would fail with "locked".
    connection.exec_driver_sql("BEGIN IMMEDIATE")


class SessionFactory(sessionmaker[Session]):
    """Makes sessions, one unit of work each. On PostgreSQL, `for_reading` makes
    sessions for requests that only read (GET): their statements run in
    autocommit, so the request costs no BEGIN and COMMIT round trips and ending
    it does no I/O. Under READ COMMITTED every statement takes its own snapshot,
    in a transaction or not, so a read sees exactly what it saw before."""

    def __init__(self, engine: Engine) -> None:
        super().__init__(engine, expire_on_commit=False)
        self.for_reading: sessionmaker[Session] | None = (
            None if is_sqlite(engine) else sessionmaker(_autocommit_reads(engine), expire_on_commit=False)
        )


class WriteInReadSession(RuntimeError):
    """A statement that writes ran in a session `for_reading`: outside a
    transaction, it would not be atomic."""


def _autocommit_reads(engine: Engine) -> Engine:
    reads = engine.execution_options(isolation_level="AUTOCOMMIT")

    @event.listens_for(reads, "before_cursor_execute")
    def refuse_writes(_conn, _cursor, statement, _parameters, context, _executemany) -> None:
        if context.isinsert or context.isupdate or context.isdelete:
            raise WriteInReadSession(f"writes need a transaction: {statement[:80]}")

    return reads


def make_session_factory(engine: Engine) -> SessionFactory:
    return SessionFactory(engine)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One unit of work: commit on success, roll back on any error."""
    with factory() as session, session.begin():
        yield session


def insert_ignoring_duplicates(session: Session, target, unique_columns: list[str]):
    """`INSERT ... ON CONFLICT (...) DO NOTHING` into `target` (a model or a table)
    in the session's dialect: with RETURNING, no row back means the row already
    existed (or a concurrent transaction just committed it)."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    return dialect.insert(target).on_conflict_do_nothing(index_elements=unique_columns)


def once_per_dialect(build: Callable[[Session], Executable]) -> Callable[[Session], Executable]:
    """A statement built on first use for each dialect, then reused with new
    parameters: SQLAlchemy memoizes a statement object's cache key, so a hot path
    skips rebuilding and re-keying its SQL on every request."""
    built: dict[str, Executable] = {}

    @wraps(build)
    def statement(session: Session) -> Executable:
        name = session.get_bind().dialect.name
        if name not in built:
            built[name] = build(session)
        return built[name]

    return statement
