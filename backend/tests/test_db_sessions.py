"""The sessions the app serves with, on both engines: reads run in autocommit,
take no write lock and refuse to write; writes are one transaction; a pooled
connection the server dropped costs at most one failed request."""

import sqlite3

import psycopg
import pytest
from sqlalchemy import insert, select, text
from sqlalchemy.exc import DBAPIError

from bodyweight.db import Database, WriteInReadSession, make_async_engine
from bodyweight.models import User
from support.aio import run

users = User.__table__


async def _with_database(url, work):
    database = Database(make_async_engine(url))
    try:
        return await work(database)
    finally:
        await database.dispose()


def test_a_read_session_refuses_to_write(migrated_url):
    async def work(database):
        async with database.reading() as session:
            with pytest.raises(WriteInReadSession):
                await session.execute(insert(users).values(username="writer", token_key="k"))
        async with database.reading() as session:
            return (await session.execute(select(users.c.id).where(users.c.username == "writer"))).first()

    assert run(_with_database(migrated_url, work)) is None


def test_a_write_session_commits_on_success_and_rolls_back_on_error(migrated_url):
    async def work(database):
        async with database.writing() as session:
            await session.execute(insert(users).values(username="kept", token_key="k1"))
        with pytest.raises(RuntimeError):
            async with database.writing() as session:
                await session.execute(insert(users).values(username="undone", token_key="k2"))
                raise RuntimeError("the use case failed")
        async with database.reading() as session:
            return set((await session.execute(select(users.c.username))).scalars())

    assert run(_with_database(migrated_url, work)) == {"kept"}


def test_postgresql_reads_run_outside_a_transaction(postgresql_url):
    from support.schema import migrate

    migrate(postgresql_url)

    async def work(database):
        async with database.reading() as session:
            await session.execute(select(users.c.id).limit(1))
            raw = await session.get_raw_connection()
            return raw.driver_connection.is_in_transaction()

    assert run(_with_database(postgresql_url, work)) is False


def test_sqlite_reads_do_not_wait_for_a_writer(sqlite_template, tmp_path):
    """A writer holds SQLite's write lock (as a request in a write transaction
    does); reads carry on instead of queueing behind it."""
    path = tmp_path / "bodyweight.db"
    path.write_bytes(sqlite_template.read_bytes())
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO users (username, token_key) VALUES ('uncommitted', 'k')")

    async def work(database):
        async with database.reading() as session:
            return (await session.execute(text("SELECT count(*) FROM users"))).scalar()

    try:
        assert run(_with_database(f"sqlite:///{path}", work)) == 0
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_a_connection_the_server_dropped_costs_at_most_one_request(postgresql_url):
    async def work(database):
        async with database.reading() as session:
            dropped = (await session.execute(text("SELECT pg_backend_pid()"))).scalar()
        with psycopg.connect(postgresql_url, autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", [dropped])
        failures = 0
        for _ in range(3):
            try:
                async with database.reading() as session:
                    now_serving = (await session.execute(text("SELECT pg_backend_pid()"))).scalar()
            except DBAPIError as error:
                assert error.connection_invalidated
                failures += 1
        return dropped, now_serving, failures

    dropped, now_serving, failures = run(_with_database(postgresql_url, work))
    assert now_serving != dropped
    assert failures <= 1
