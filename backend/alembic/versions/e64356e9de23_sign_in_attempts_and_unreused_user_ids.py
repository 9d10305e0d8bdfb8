"""Count sign-in attempts (rate limits shared by every worker and replica), and
never reuse a deleted player's id on SQLite.

`sign_in_attempts` holds one fixed window per key (an account or a client
address): how many attempts it has seen and when the window ends.

On SQLite, `users` is rebuilt with AUTOINCREMENT, so a new player never gets the
id of a deleted one (plain INTEGER PRIMARY KEY reuses the highest id once its row
is gone). PostgreSQL's sequence never reuses ids, so nothing changes there.

Revision ID: e64356e9de23
Revises: e5a83f1c9b26
Create Date: 2026-12-01 10:00:00
"""

import re
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "e64356e9de23"
down_revision: str | None = "e5a83f1c9b26"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sign_in_attempts",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("window_ends", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_sign_in_attempts")),
    )
    op.create_index(op.f("ix_sign_in_attempts_window_ends"), "sign_in_attempts", ["window_ends"])
    _users_autoincrement(True)


def downgrade() -> None:
    _users_autoincrement(False)
    op.drop_index(op.f("ix_sign_in_attempts_window_ends"), table_name="sign_in_attempts")
    op.drop_table("sign_in_attempts")


# How SQLAlchemy writes the two forms of the users table's id (create_all of the
# models writes the AUTOINCREMENT form, so an adopted database matches too).
PLAIN_ID = re.compile(r"(\bid INTEGER NOT NULL)(,)")
NAMED_PK = re.compile(r",\s*CONSTRAINT pk_users PRIMARY KEY \(id\)")
AUTOINCREMENT_ID = re.compile(r"\bid INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,")


def _with_autoincrement(ddl: str) -> str:
    if not (PLAIN_ID.search(ddl) and NAMED_PK.search(ddl)):
        raise RuntimeError(f"users is not laid out as the earlier revisions made it:\n{ddl}")
    return NAMED_PK.sub("", PLAIN_ID.sub(r"\1 PRIMARY KEY AUTOINCREMENT\2", ddl, count=1), count=1)


def _without_autoincrement(ddl: str) -> str:
    if not AUTOINCREMENT_ID.search(ddl):
        raise RuntimeError(f"users is not laid out as this revision made it:\n{ddl}")
    ddl = AUTOINCREMENT_ID.sub("id INTEGER NOT NULL,", ddl, count=1)
    # The named primary key goes back where the first revision put it: before the checks.
    first_constraint = ddl.index(", \n\tCONSTRAINT ")
    return ddl[:first_constraint] + ", \n\tCONSTRAINT pk_users PRIMARY KEY (id)" + ddl[first_constraint:]


def _users_autoincrement(on: bool) -> None:
    """SQLite only: rebuild users with or without AUTOINCREMENT (SQLite's own
    recipe: new table, copy, drop, rename), every row and id kept; the migration
    runs with foreign keys off, so the players' other rows stay as they are.
    The table's DDL is changed in place rather than rebuilt by batch mode, which
    would reorder its constraints. After the upgrade sqlite_sequence starts from
    the highest id there is."""
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    ddl = bind.exec_driver_sql("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'users'").scalar_one()
    others = bind.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE tbl_name = 'users' AND type IN ('index', 'trigger') AND sql IS NOT NULL"
    ).scalars().all()
    rebuilt = (_with_autoincrement if on else _without_autoincrement)(ddl)
    rebuilt = re.sub(r'^CREATE TABLE "?users"?', "CREATE TABLE _users_rebuilt", rebuilt, count=1)
    bind.exec_driver_sql(rebuilt)
    bind.exec_driver_sql("INSERT INTO _users_rebuilt SELECT * FROM users")
    bind.exec_driver_sql("DROP TABLE users")
    bind.exec_driver_sql("ALTER TABLE _users_rebuilt RENAME TO users")
    for statement in others:
        bind.exec_driver_sql(statement)
