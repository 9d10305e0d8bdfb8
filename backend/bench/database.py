"""The benchmark's database: made fresh for every run and built by the migrations."""

import psycopg
from alembic import command
from psycopg import sql
from sqlalchemy.engine import make_url

from bodyweight.migrations import alembic_config


def libpq_url(url: str) -> str:
    """The URL as libpq (psycopg, pgbench) spells it, whatever driver suffix it had."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def recreate(admin_url: str, name: str) -> str:
    """Drop `name` if it exists and create it empty; returns its URL."""
    drop(admin_url, name)
    with psycopg.connect(libpq_url(admin_url), autocommit=True) as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return libpq_url(make_url(admin_url).set(database=name).render_as_string(hide_password=False))


def drop(admin_url: str, name: str) -> None:
    with psycopg.connect(libpq_url(admin_url), autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def migrate(database_url: str) -> None:
    command.upgrade(alembic_config(database_url), "head")


def server_version(database_url: str) -> str:
    with psycopg.connect(database_url) as conn:
        return conn.execute("SHOW server_version").fetchone()[0]


def money_mismatches(database_url: str) -> int:
    """Players whose balance is not the sum of their ledger: must stay 0 after the
    benchmark's purchases, workouts and raw-SQL transactions."""
    with psycopg.connect(database_url) as conn:
        return conn.execute(
            """
            SELECT count(*) FROM users u
            LEFT JOIN (SELECT user_id, sum(amount) AS total FROM coin_transactions GROUP BY user_id) l
                ON l.user_id = u.id
            WHERE u.coins <> coalesce(l.total, 0)
            """
        ).fetchone()[0]
