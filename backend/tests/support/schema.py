"""Run migrations and take comparable snapshots of a live schema."""

from typing import Any

from alembic import command
from sqlalchemy import Engine, inspect

from bodyweight.db import make_engine
from bodyweight.migrations import alembic_config


def migrate(url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(url), revision)


def downgrade(url: str, revision: str) -> None:
    command.downgrade(alembic_config(url), revision)


def snapshot(url: str) -> dict[str, Any]:
    """Everything reflection sees of every table but Alembic's own bookkeeping,
    in a form `==` can compare."""
    engine = make_engine(url)
    try:
        return _snapshot(engine)
    finally:
        engine.dispose()


def _snapshot(engine: Engine) -> dict[str, Any]:
    inspector = inspect(engine)
    tables: dict[str, Any] = {}
    for table in sorted(set(inspector.get_table_names()) - {"alembic_version"}):
        tables[table] = {
            "columns": [
                (c["name"], str(c["type"]), c["nullable"], _default(c.get("default")))
                for c in inspector.get_columns(table)
            ],
            "primary_key": inspector.get_pk_constraint(table),
            "foreign_keys": sorted(
                (fk["name"], tuple(fk["constrained_columns"]), fk["referred_table"],
                 tuple(fk["referred_columns"]), fk.get("options", {}).get("ondelete"))
                for fk in inspector.get_foreign_keys(table)
            ),
            "unique": sorted(
                (u["name"], tuple(u["column_names"])) for u in inspector.get_unique_constraints(table)
            ),
            "indexes": sorted(
                (i["name"], tuple(i["column_names"]), bool(i["unique"]))
                for i in inspector.get_indexes(table)
            ),
            "checks": sorted(
                (c["name"], c["sqltext"]) for c in inspector.get_check_constraints(table)
            ),
        }
    return tables


def _default(value: str | None) -> str | None:
    # PostgreSQL names each serial's sequence after its table; the text is what matters.
    return None if value is None else str(value)
