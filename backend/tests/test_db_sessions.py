"""The engine and sessions the app serves with, on PostgreSQL: reads without a
transaction that refuse to write, and pooled connections that survive the server
dropping them while idle."""

import time

import psycopg
import pytest
from sqlalchemy import select, text

from bodyweight import db
from bodyweight.db import WriteInReadSession, make_engine, make_session_factory
from bodyweight.models import User
from support.schema import migrate


@pytest.fixture
def engine(postgresql_url):
    migrate(postgresql_url)
    engine = make_engine(postgresql_url)
    yield engine
    engine.dispose()


def test_a_read_session_runs_outside_a_transaction(engine):
    with make_session_factory(engine).for_reading() as session:
        session.scalar(select(User.id).limit(1))
        in_transaction = session.connection().connection.dbapi_connection.info.transaction_status
    assert in_transaction == psycopg.pq.TransactionStatus.IDLE


def test_a_read_session_refuses_to_write(engine):
    with make_session_factory(engine).for_reading() as session:
        session.add(User(username="writer"))
        with pytest.raises(WriteInReadSession):
            session.flush()
    with make_session_factory(engine)() as session:
        assert session.scalar(select(User).where(User.username == "writer")) is None


def test_a_connection_dropped_while_idle_is_replaced(engine, postgresql_url, monkeypatch):
    monkeypatch.setattr(db, "PING_AFTER_IDLE_S", 0.1)
    with engine.connect() as connection:
        dropped = connection.scalar(text("SELECT pg_backend_pid()"))
    with psycopg.connect(postgresql_url, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [dropped])
    time.sleep(0.2)
    with engine.connect() as connection:
        assert connection.scalar(text("SELECT pg_backend_pid()")) != dropped
