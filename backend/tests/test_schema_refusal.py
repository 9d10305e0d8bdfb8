"""A foreign or drifted schema is refused before it can serve: `serve` exits naming
the differences and the command that helps, `/readyz` answers 503 with them."""

import re
import socket
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import inspect

from bodyweight.db import make_engine
from support.earlier import build_earlier_database
from support.processes import bodyweight, free_port
from support.schema import BASE, HEAD, migrate, sql
from test_health import client_for


def serve_once(url: str, **env: str):
    """`bodyweight serve` on a database it must refuse: it exits at once."""
    return bodyweight("serve", "--port", str(free_port()), database_url=url, **env)


def test_readyz_refuses_an_earlier_app_database_stamped_as_head(database_url):
    build_earlier_database(database_url, stamped=HEAD)
    with client_for(database_url) as client:
        response = client.get("/readyz", headers={"Accept-Language": "en"})
        in_russian = client.get("/readyz", headers={"Accept-Language": "ru"})
    assert response.status_code == 503
    error = response.json()["error"]
    assert error["code"] == "schema_mismatch"
    assert error["params"]["revision"] == HEAD
    differences = error["params"]["differences"]
    # The 500 the issue saw was "no such column exercises.position": the exercises
    # table's missing columns are named (which of them fit in the first 20 depends on
    # how many tables ours has that the earlier app lacks).
    assert "missing column exercises." in differences
    assert "missing table coin_transactions" in differences
    # The earlier app lacks many of our tables: the first 20 differences are listed,
    # then how many more (bodyweight db check lists them all).
    assert re.search(r"; and \d+ more$", differences)
    assert "bodyweight import earlier" in error["message"] and "bodyweight db adopt" in error["message"]
    assert in_russian.json()["error"]["message"].startswith("Таблицы базы данных")


def test_serve_refuses_an_earlier_app_database_stamped_as_head(database_url):
    build_earlier_database(database_url, stamped=HEAD)
    result = serve_once(database_url)
    assert result.returncode == 1
    assert "refusing to serve" in result.stderr
    assert "unexpected column users.first_name" in result.stderr
    assert "bodyweight import earlier" in result.stderr and "bodyweight db adopt" in result.stderr
    assert "running" not in result.stdout


def test_serve_refuses_the_earlier_app_at_its_own_head_before_migrating_anything(database_url, tmp_path):
    """Stamped 67aca3c3bf83 (its head, an old revision of ours): the schema that
    revision builds is rehearsed aside, and the live one differs; nothing is run."""
    build_earlier_database(database_url)
    result = serve_once(database_url, BACKUP_DIR=str(tmp_path / "backups"))
    assert result.returncode == 1, result.stderr
    assert "do not match revision 67aca3c3bf83" in result.stderr
    assert "unexpected table workout_sessions" in result.stderr
    assert sql(database_url, "SELECT version_num FROM alembic_version") == [("67aca3c3bf83",)]
    assert "token_key" not in str(sql_columns(database_url, "users"))
    assert not (tmp_path / "backups").exists()


def sql_columns(url: str, table: str) -> list[str]:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return [c["name"] for c in inspect(connection).get_columns(table)]
    finally:
        engine.dispose()


def test_a_column_dropped_by_hand_is_refused_by_readyz_and_serve(migrated_url):
    sql(migrated_url, "ALTER TABLE users DROP COLUMN locale")
    sql(migrated_url, "ALTER TABLE users ADD COLUMN nickname VARCHAR(20)")
    with client_for(migrated_url) as client:
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["error"]["params"]["differences"] == (
        "missing column users.locale; unexpected column users.nickname"
    )
    refused = serve_once(migrated_url)
    assert refused.returncode == 1
    assert "missing column users.locale\n  unexpected column users.nickname\n" in refused.stderr


def test_tables_made_outside_the_migrations_without_a_revision_are_refused(sqlite_url):
    build_earlier_database(sqlite_url)
    sql(sqlite_url, "DROP TABLE alembic_version")
    result = serve_once(sqlite_url)
    assert result.returncode == 1
    assert "no revision" in result.stderr and "unexpected table users" in result.stderr


def test_a_healthy_database_at_head_is_ready(migrated_url):
    with client_for(migrated_url) as client:
        assert client.get("/readyz").json() == {"status": "ready", "revision": HEAD}


def test_serve_on_sqlite_backs_up_a_database_with_players_before_migrating(sqlite_url, tmp_path):
    migrate(sqlite_url, BASE)
    sql(sqlite_url, "INSERT INTO users (username, coins) VALUES ('ada', 40)")
    backups = tmp_path / "backups"
    with taken_port() as port:  # serve stops right after migrating: what matters is before
        result = bodyweight("serve", "--port", str(port), database_url=sqlite_url, BACKUP_DIR=str(backups))
    (backup,) = backups.iterdir()
    assert f"Backed up the database to {backup}" in result.stdout
    assert sql(f"sqlite:///{backup}", "SELECT username, coins FROM users") == [("ada", 40)]
    assert sql(f"sqlite:///{backup}", "SELECT version_num FROM alembic_version") == [(BASE,)]
    assert sql(sqlite_url, "SELECT version_num FROM alembic_version") == [(HEAD,)]


def test_serve_on_an_empty_sqlite_file_takes_no_backup(sqlite_url, tmp_path):
    with taken_port() as port:
        result = bodyweight("serve", "--port", str(port), database_url=sqlite_url, BACKUP_DIR=str(tmp_path / "b"))
    assert result.returncode == 1 and "Backed up" not in result.stdout
    assert sql(sqlite_url, "SELECT version_num FROM alembic_version") == [(HEAD,)]
    assert not (tmp_path / "b").exists()


@contextmanager
def taken_port() -> Iterator[int]:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        yield taken.getsockname()[1]
