"""Revision 67aca3c3bf83 creates exactly the table of the migration guide, keeps
every other row in both directions, and the database itself enforces its rules."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from bodyweight.db import make_engine
from support.schema import downgrade, migrate

PURCHASES = "67aca3c3bf83"
BEFORE_PURCHASES = "f91f0456139b"


def rows(engine, sql: str) -> list[tuple]:
    with engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(sql))]


def add_players_and_ledger(engine) -> None:
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO users (id, username, email, coins, total_xp, level, current_streak, max_streak)"
                " VALUES (1, 'ada', 'ada@example.org', 150, 450, 3, 2, 5),"
                " (2, 'бодибилдер', NULL, 0, 0, 1, 0, 0)"
            )
        )
        connection.execute(
            text(
                "INSERT INTO coin_transactions (user_id, amount, balance_after, reason, reference)"
                " VALUES (1, 200, 200, 'support_grant', 'welcome'), (1, -50, 150, 'purchase', 'x')"
            )
        )


@pytest.fixture
def at_base_with_data(database_url):
    migrate(database_url, BEFORE_PURCHASES)
    engine = make_engine(database_url)
    add_players_and_ledger(engine)
    yield database_url, engine
    engine.dispose()


def test_data_survives_upgrade_and_downgrade(at_base_with_data):
    url, engine = at_base_with_data
    users_sql = "SELECT * FROM users ORDER BY id"
    ledger_sql = "SELECT * FROM coin_transactions ORDER BY id"
    users, ledger = rows(engine, users_sql), rows(engine, ledger_sql)
    assert len(users) == 2 and len(ledger) == 2

    migrate(url, PURCHASES)
    assert rows(engine, users_sql) == users
    assert rows(engine, ledger_sql) == ledger

    with engine.begin() as connection:
        connection.execute(
            text("INSERT INTO user_avatar_purchases (user_id, avatar_id) VALUES (1, 'phoenix'), (1, 'griffin')")
        )
    downgrade(url, BEFORE_PURCHASES)
    assert rows(engine, users_sql) == users
    assert rows(engine, ledger_sql) == ledger
    assert "user_avatar_purchases" not in inspect(engine).get_table_names()

    migrate(url, PURCHASES)
    assert rows(engine, "SELECT * FROM user_avatar_purchases") == []
    assert rows(engine, users_sql) == users


def test_deleting_a_player_deletes_their_purchases(migrated_engine):
    with migrated_engine.begin() as connection:
        connection.execute(text("INSERT INTO users (id, username) VALUES (1, 'ada'), (2, 'bo')"))
        connection.execute(
            text(
                "INSERT INTO user_avatar_purchases (user_id, avatar_id)"
                " VALUES (1, 'phoenix'), (1, 'hydra'), (2, 'phoenix')"
            )
        )
        connection.execute(text("DELETE FROM users WHERE id = 1"))
    assert rows(migrated_engine, "SELECT user_id, avatar_id FROM user_avatar_purchases") == [(2, "phoenix")]


def test_a_second_purchase_of_the_same_avatar_is_refused(migrated_engine):
    with migrated_engine.begin() as connection:
        connection.execute(text("INSERT INTO users (id, username) VALUES (1, 'ada'), (2, 'bo')"))
        connection.execute(text("INSERT INTO user_avatar_purchases (user_id, avatar_id) VALUES (1, 'phoenix')"))
    with pytest.raises(IntegrityError), migrated_engine.begin() as connection:
        connection.execute(text("INSERT INTO user_avatar_purchases (user_id, avatar_id) VALUES (1, 'phoenix')"))
    with migrated_engine.begin() as connection:  # another player may buy it
        connection.execute(text("INSERT INTO user_avatar_purchases (user_id, avatar_id) VALUES (2, 'phoenix')"))
    assert rows(migrated_engine, "SELECT count(*) FROM user_avatar_purchases") == [(2,)]


def test_purchase_for_a_missing_player_is_refused(migrated_engine):
    with pytest.raises(IntegrityError), migrated_engine.begin() as connection:
        connection.execute(text("INSERT INTO user_avatar_purchases (user_id, avatar_id) VALUES (42, 'phoenix')"))


def test_purchased_at_defaults_to_the_current_utc_time(migrated_engine):
    with migrated_engine.begin() as connection:
        connection.execute(text("INSERT INTO users (id, username) VALUES (1, 'ada')"))
        connection.execute(text("INSERT INTO user_avatar_purchases (user_id, avatar_id) VALUES (1, 'phoenix')"))
    ((stored,),) = rows(migrated_engine, "SELECT purchased_at FROM user_avatar_purchases")
    if isinstance(stored, str):  # SQLite hands back the text it stored
        stored = datetime.fromisoformat(stored)
    assert stored.tzinfo is None
    assert abs((datetime.now(UTC).replace(tzinfo=None) - stored).total_seconds()) < 120


# PostgreSQL: the guide's DDL, column by column ------------------------------


def column_facts(engine) -> dict[str, tuple]:
    return {
        name: (data_type, length, nullable, default)
        for name, data_type, length, nullable, default in rows(
            engine,
            """
            SELECT column_name, data_type, character_maximum_length, is_nullable, column_default
            FROM information_schema.columns
            WHERE table_name = 'user_avatar_purchases' ORDER BY ordinal_position""",
        )
    }


def test_postgresql_table_is_exactly_the_guides(postgresql_url):
    migrate(postgresql_url, PURCHASES)
    engine = make_engine(postgresql_url)
    try:
        columns = column_facts(engine)
        assert list(columns) == ["id", "user_id", "avatar_id", "purchased_at"]
        assert columns["id"][:3] == ("integer", None, "NO")
        assert columns["id"][3].startswith("nextval(")  # auto-incrementing
        assert columns["user_id"] == ("integer", None, "NO", None)
        assert columns["avatar_id"] == ("character varying", 50, "NO", None)
        assert columns["purchased_at"] == ("timestamp without time zone", None, "YES", "now()")

        constraints = rows(
            engine,
            """
            SELECT contype, pg_get_constraintdef(oid) FROM pg_constraint
            WHERE conrelid = 'user_avatar_purchases'::regclass ORDER BY contype""",
        )
        assert sorted(constraints) == sorted(
            [
                ("f", "FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE"),
                ("p", "PRIMARY KEY (id)"),
                ("u", "UNIQUE (user_id, avatar_id)"),
            ]
        )

        indexes = dict(
            rows(
                engine,
                """
            SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'user_avatar_purchases'""",
            )
        )
        assert indexes["ix_user_avatar_purchases_user_id"] == (
            "CREATE INDEX ix_user_avatar_purchases_user_id ON public.user_avatar_purchases USING btree (user_id)"
        )
        # The primary key and the unique constraint bring their own; nothing else.
        assert len(indexes) == 3
    finally:
        engine.dispose()


def test_postgresql_downgrade_drops_that_index_and_table_and_nothing_else(postgresql_url):
    migrate(postgresql_url, BEFORE_PURCHASES)
    engine = make_engine(postgresql_url)
    catalog_sql = "SELECT relname, relkind FROM pg_class WHERE relnamespace = 'public'::regnamespace ORDER BY relname"
    try:
        before = rows(engine, catalog_sql)
        migrate(postgresql_url, PURCHASES)
        added = set(rows(engine, catalog_sql)) - set(before)
        assert {name for name, _ in added} == {
            "user_avatar_purchases",
            "user_avatar_purchases_id_seq",
            "pk_user_avatar_purchases",
            "uq_user_avatar_purchases_user_id_avatar_id",
            "ix_user_avatar_purchases_user_id",
        }
        downgrade(postgresql_url, BEFORE_PURCHASES)
        assert rows(engine, catalog_sql) == before
    finally:
        engine.dispose()
