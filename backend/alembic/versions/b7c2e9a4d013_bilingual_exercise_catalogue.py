"""The bilingual exercise catalogue: 237 exercises in 9 categories, with Russian and
English names and instructions, muscles, equipment and progression ladders.

New columns: exercise_categories.name_ru and .icon; exercises.name_ru,
.description_ru (the English instructions go in the existing `description`),
.muscles (comma-separated), .equipment and .easier_id (the ladder: the harder
neighbour is the exercise naming this one as its easier, unique so a ladder never
forks).

The data is the frozen copy `b7c2e9a4d013_exercise_catalogue.toml` beside this
file (checksummed like the revision), not the shipped `exercises/data/exercises.toml`:
a revision must build the same database whenever it runs. Later catalogue changes
come as new revisions with their own frozen data; a test fails while the shipped
file and the database at head differ.

Upgrade upserts by slug: existing rows are updated in place (some of the first 54
move to another category), new ones inserted, none renumbered or deleted, so logged
sets point at the same exercises. Rows this catalogue does not name are left alone.

Downgrade puts back the catalogue f91f0456139b seeded (its 54 exercises and 7
categories, read from that revision, which never changes). Exercises this revision
added are deleted, except those logged sets point at: they stay (with their
category), so no workout is touched.

Revision ID: b7c2e9a4d013
Revises: 6b53b60b408b
Create Date: 2026-12-02 10:00:00
"""

import importlib.util
import tomllib
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "b7c2e9a4d013"
down_revision: str | None = "6b53b60b408b"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Filled from the frozen catalogue: upgrading again restores them, so the guarded
# downgrade (dbops/guard.py) does not count dropping them as losing data.
SHIPPED_DATA = {
    "exercise_categories": ("name_ru", "icon"),
    "exercises": ("name_ru", "description_ru", "muscles", "equipment", "easier_id"),
}

HERE = Path(__file__).resolve().parent
FROZEN = HERE / "b7c2e9a4d013_exercise_catalogue.toml"
BASE = HERE / "f91f0456139b_create_game_schema.py"

categories = sa.table(
    "exercise_categories",
    sa.column("id", sa.String),
    sa.column("name", sa.String),
    sa.column("position", sa.Integer),
    sa.column("name_ru", sa.String),
    sa.column("icon", sa.String),
)
exercises = sa.table(
    "exercises",
    sa.column("id", sa.String),
    sa.column("category_id", sa.String),
    sa.column("name", sa.String),
    sa.column("description", sa.Text),
    sa.column("difficulty", sa.Integer),
    sa.column("base_xp", sa.Integer),
    sa.column("is_timed", sa.Boolean),
    sa.column("position", sa.Integer),
    sa.column("name_ru", sa.String),
    sa.column("description_ru", sa.Text),
    sa.column("muscles", sa.String),
    sa.column("equipment", sa.String),
    sa.column("easier_id", sa.String),
)
workout_sets = sa.table("workout_sets", sa.column("exercise_id", sa.String))


def _text(value: str) -> str:
    return " ".join(value.split())


def frozen_catalogue() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The category and exercise rows of the frozen catalogue, in display order."""
    data = tomllib.loads(FROZEN.read_text(encoding="utf-8"))
    category_rows = [
        {
            "id": c["slug"],
            "name": c["name"]["en"],
            "name_ru": c["name"]["ru"],
            "position": c["position"],
            "icon": c["icon"],
        }
        for c in data["categories"]
    ]
    exercise_rows = [
        {
            "id": e["slug"],
            "category_id": e["category"],
            "name": e["name"]["en"],
            "name_ru": e["name"]["ru"],
            "description": _text(e["instructions"]["en"]),
            "description_ru": _text(e["instructions"]["ru"]),
            "difficulty": e["difficulty"],
            "base_xp": e["base_xp"],
            "is_timed": e["timed"],
            "position": n,
            "muscles": ",".join(e["muscles"]),
            "equipment": e["equipment"],
            "easier_id": e.get("easier"),
        }
        for n, e in enumerate(data["exercises"])
    ]
    return category_rows, exercise_rows


def base_revision() -> ModuleType:
    spec = importlib.util.spec_from_file_location("f91f0456139b_create_game_schema", BASE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _upsert(connection: sa.Connection, table: sa.TableClause, rows: list[dict[str, Any]]) -> None:
    """Update the rows whose id exists, insert the others (portable, no ON CONFLICT)."""
    existing = set(connection.scalars(sa.select(table.c.id)))
    # Bound names must differ from the column names an UPDATE sets.
    updates = [{f"new_{name}": value for name, value in row.items()} for row in rows if row["id"] in existing]
    inserts = [row for row in rows if row["id"] not in existing]
    if updates:
        values = {name: sa.bindparam(f"new_{name}") for name in rows[0] if name != "id"}
        connection.execute(table.update().where(table.c.id == sa.bindparam("new_id")).values(values), updates)
    if inserts:
        connection.execute(table.insert(), inserts)


def upgrade() -> None:
    with op.batch_alter_table("exercise_categories") as batch:
        batch.add_column(sa.Column("name_ru", sa.String(length=100), server_default="", nullable=False))
        batch.add_column(sa.Column("icon", sa.String(length=100), server_default="", nullable=False))
    with op.batch_alter_table("exercises") as batch:
        batch.add_column(sa.Column("name_ru", sa.String(length=100), server_default="", nullable=False))
        batch.add_column(sa.Column("description_ru", sa.Text(), server_default="", nullable=False))
        batch.add_column(sa.Column("muscles", sa.String(length=200), server_default="", nullable=False))
        batch.add_column(sa.Column("equipment", sa.String(length=30), server_default="none", nullable=False))
        batch.add_column(sa.Column("easier_id", sa.String(length=50), nullable=True))
        batch.create_foreign_key(op.f("fk_exercises_easier_id_exercises"), "exercises", ["easier_id"], ["id"])
        batch.create_unique_constraint(op.f("uq_exercises_easier_id"), ["easier_id"])

    if op.get_context().as_sql:  # offline SQL: nothing to read the existing rows from
        return
    connection = op.get_bind()
    category_rows, exercise_rows = frozen_catalogue()
    _upsert(connection, categories, category_rows)
    # Ladders last: a neighbour may be a row this very upsert inserts.
    _upsert(connection, exercises, [{**row, "easier_id": None} for row in exercise_rows])
    connection.execute(
        exercises.update().where(exercises.c.id == sa.bindparam("key")).values(easier_id=sa.bindparam("easier")),
        [{"key": row["id"], "easier": row["easier_id"]} for row in exercise_rows if row["easier_id"]],
    )


def downgrade() -> None:
    with op.batch_alter_table("exercises") as batch:
        batch.drop_constraint(op.f("uq_exercises_easier_id"), type_="unique")
        batch.drop_constraint(op.f("fk_exercises_easier_id_exercises"), type_="foreignkey")
        batch.drop_column("easier_id")
        batch.drop_column("equipment")
        batch.drop_column("muscles")
        batch.drop_column("description_ru")
        batch.drop_column("name_ru")
    with op.batch_alter_table("exercise_categories") as batch:
        batch.drop_column("icon")
        batch.drop_column("name_ru")

    if op.get_context().as_sql:
        return
    connection = op.get_bind()
    base = base_revision()
    base_categories, base_exercises = base.category_rows(), base.exercise_rows()
    frozen_categories, frozen_exercises = frozen_catalogue()
    _upsert(connection, categories, base_categories)
    _upsert(connection, exercises, base_exercises)

    # What this revision added, unless a logged set needs it.
    logged = set(connection.scalars(sa.select(workout_sets.c.exercise_id).distinct()))
    added = {row["id"] for row in frozen_exercises} - {row["id"] for row in base_exercises}
    doomed = sorted(added - logged)
    if doomed:
        connection.execute(exercises.delete().where(exercises.c.id.in_(doomed)))
    in_use = set(connection.scalars(sa.select(exercises.c.category_id).distinct()))
    added_categories = {row["id"] for row in frozen_categories} - {row["id"] for row in base_categories}
    empty = sorted(added_categories - in_use)
    if empty:
        connection.execute(categories.delete().where(categories.c.id.in_(empty)))
