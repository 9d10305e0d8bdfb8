"""Comparable snapshots of a live schema, and what differs between two of them."""

import re
from typing import Any

from sqlalchemy import Connection, inspect
from sqlalchemy.engine.interfaces import ReflectedPrimaryKeyConstraint

BOOKKEEPING = {"alembic_version"}


def snapshot(connection: Connection, schema: str | None = None) -> dict[str, Any]:
    """Everything reflection sees of each table but Alembic's own, in a form `==`
    can compare. Names that depend on where the schema lives are left out."""
    inspector = inspect(connection)
    tables: dict[str, Any] = {}
    for table in sorted(set(inspector.get_table_names(schema=schema)) - BOOKKEEPING):
        tables[table] = {
            "columns": [
                (c["name"], str(c["type"]), c["nullable"], _default(c.get("default")))
                for c in inspector.get_columns(table, schema=schema)
            ],
            "primary key": _pk(inspector.get_pk_constraint(table, schema=schema)),
            "foreign keys": sorted(
                (
                    fk["name"],
                    tuple(fk["constrained_columns"]),
                    fk["referred_table"],
                    tuple(fk["referred_columns"]),
                    fk.get("options", {}).get("ondelete"),
                )
                for fk in inspector.get_foreign_keys(table, schema=schema)
            ),
            "unique constraints": sorted(
                (u["name"], tuple(u["column_names"])) for u in inspector.get_unique_constraints(table, schema=schema)
            ),
            "indexes": sorted(
                (i["name"], tuple(i["column_names"]), bool(i["unique"]))
                for i in inspector.get_indexes(table, schema=schema)
            ),
            "check constraints": sorted(
                (c["name"], c["sqltext"]) for c in inspector.get_check_constraints(table, schema=schema)
            ),
        }
    return tables


def _pk(pk: ReflectedPrimaryKeyConstraint) -> tuple[str | None, tuple[str, ...]]:
    return pk.get("name"), tuple(pk.get("constrained_columns") or ())


def _default(value: str | None) -> str | None:
    # A serial's sequence may be schema-qualified; the sequence itself is what matters.
    return None if value is None else re.sub(r"nextval\('(?:[^'.]+\.)?", "nextval('", str(value))


def differences(expected: dict[str, Any], actual: dict[str, Any]) -> list[str]:
    """What `actual` has that `expected` lacks and the other way round, in words."""
    found = [f"missing table {t}" for t in sorted(expected.keys() - actual.keys())]
    found += [f"unexpected table {t}" for t in sorted(actual.keys() - expected.keys())]
    for table in sorted(expected.keys() & actual.keys()):
        for aspect, wanted in expected[table].items():
            have = actual[table][aspect]
            if have == wanted:
                continue
            wanted_items, have_items = _items(wanted), _items(have)
            thing = SINGULAR[aspect]
            found += [f"{table}: missing {thing} {i}" for i in wanted_items if i not in have_items]
            found += [f"{table}: unexpected {thing} {i}" for i in have_items if i not in wanted_items]
    return found


SINGULAR = {
    "columns": "column",
    "primary key": "primary key",
    "foreign keys": "foreign key",
    "unique constraints": "unique constraint",
    "indexes": "index",
    "check constraints": "check constraint",
}


def _items(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list) else [value]
