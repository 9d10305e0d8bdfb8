"""Engines and sessions. Built by whoever needs them (app factory, CLI), never at import."""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session, sessionmaker

from bodyweight.config import normalize_database_url


def is_sqlite(url: URL | Engine) -> bool:
    url = url.url if isinstance(url, Engine) else url
    return url.get_backend_name() == "sqlite"

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
    return create_engine(url, connect_args=connect_args, pool_pre_ping=True, **kwargs)

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


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)

@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One unit of work: commit on success, roll back on any error."""
    with factory() as session, session.begin():
        yield session


def insert_ignoring_duplicates(session: Session, model, unique_columns: list[str]):
    """`INSERT ... ON CONFLICT (...) DO NOTHING` in the session's dialect: with
    RETURNING, no row back means the row already existed (or a concurrent
    transaction just committed it)."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    return dialect.insert(model).on_conflict_do_nothing(index_elements=unique_columns)
