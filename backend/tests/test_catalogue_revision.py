"""Revision b7c2e9a4d013 brings the bilingual catalogue: upserted by slug over the 54
exercises the base revision seeded, with logged workouts pointing at the same
exercises before and after, and a downgrade that restores the old catalogue
without touching a workout."""

import shutil
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, text

from bodyweight.db import make_engine
from bodyweight.dbops import checksums
from bodyweight.exercises.catalogue import load_categories, load_exercises
from bodyweight.migrations import script_directory
from support.schema import downgrade, migrate

CATALOGUE = "b7c2e9a4d013"
# The revision just before it, whichever that is in the chain.
BEFORE = str(script_directory().get_revision(CATALOGUE).down_revision)

WORKOUT_TABLES = ("users", "workouts", "workout_sets", "coin_transactions")
# Base-revision exercises, some of which the new catalogue moves to another category.
LOGGED = ["push-up", "plank", "bird-dog", "superman", "dead-hang", "wall-sit", "pull-up"]


def rows(engine: Engine, sql: str) -> list[tuple]:
    with engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(sql))]


def tables(engine: Engine) -> dict[str, list[tuple]]:
    return {table: rows(engine, f"SELECT * FROM {table} ORDER BY 1") for table in WORKOUT_TABLES}


def catalogue(engine: Engine) -> dict[str, list[tuple]]:
    return {
        "exercise_categories": rows(engine, "SELECT * FROM exercise_categories ORDER BY id"),
        "exercises": rows(engine, "SELECT * FROM exercises ORDER BY id"),
    }


def log_workout(engine: Engine, workout_id: int, exercises: list[str]) -> None:
    """A workout of one set per exercise, written as the app writes them."""
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO workouts (id, user_id, started_at, finished_at, local_date, xp_earned, coins_earned)"
                " VALUES (:id, 1, '2026-11-20 07:00:00', '2026-11-20 07:30:00', '2026-11-20', 120, 6)"
            ),
            {"id": workout_id},
        )
        for position, exercise in enumerate(exercises):
            timed = connection.execute(text("SELECT is_timed FROM exercises WHERE id = :e"), {"e": exercise}).scalar()
            measure = "seconds" if timed else "reps"
            connection.execute(
                text(
                    f"INSERT INTO workout_sets (workout_id, position, exercise_id, {measure}, xp)"
                    " VALUES (:w, :p, :e, :n, 10)"
                ),
                {"w": workout_id, "p": position, "e": exercise, "n": 12 + position},
            )


@pytest.fixture
def before_with_workouts(database_url: str) -> Iterator[tuple[str, Engine]]:
    migrate(database_url, BEFORE)
    engine = make_engine(database_url)
    with engine.begin() as connection:
        connection.execute(
            text("INSERT INTO users (id, username, coins, total_xp) VALUES (1, 'ада', 6, 120), (2, 'bo', 0, 0)")
        )
        connection.execute(
            text(
                "INSERT INTO coin_transactions (user_id, amount, balance_after, reason, reference)"
                " VALUES (1, 6, 6, 'workout', 'workout:1')"
            )
        )
    log_workout(engine, 1, LOGGED)
    yield database_url, engine
    engine.dispose()


def test_upgrade_keeps_every_logged_set_on_its_exercise_and_downgrade_restores_the_old_catalogue(
    before_with_workouts,
):
    url, engine = before_with_workouts
    workouts, old_catalogue = tables(engine), catalogue(engine)
    assert len(old_catalogue["exercises"]) == 54 and len(old_catalogue["exercise_categories"]) == 7
    sets_sql = (
        "SELECT s.id, s.exercise_id, e.id FROM workout_sets s JOIN exercises e ON e.id = s.exercise_id ORDER BY 1"
    )
    logged = rows(engine, sets_sql)
    assert [exercise for _, exercise, _ in logged] == LOGGED

    migrate(url, CATALOGUE)
    assert tables(engine) == workouts
    assert rows(engine, sets_sql) == logged
    assert rows(engine, "SELECT count(*) FROM exercises") == [(237,)]
    assert rows(engine, "SELECT count(*) FROM exercise_categories") == [(9,)]
    moved = dict(rows(engine, "SELECT id, category_id FROM exercises WHERE id IN ('plank', 'bird-dog', 'superman')"))
    assert moved == {"plank": "static", "bird-dog": "core", "superman": "pull"}
    # The 54 keep how they are measured and scored.
    kept = "SELECT id, difficulty, base_xp, is_timed FROM exercises WHERE id IN ({}) ORDER BY id"
    old_ids = ", ".join(f"'{row[0]}'" for row in old_catalogue["exercises"])
    assert rows(engine, kept.format(old_ids)) == [(row[0], *row[4:7]) for row in sorted(old_catalogue["exercises"])]
    upgraded = catalogue(engine)

    downgrade(url, BEFORE)
    assert tables(engine) == workouts
    assert rows(engine, sets_sql) == logged
    assert catalogue(engine) == old_catalogue

    migrate(url, CATALOGUE)
    assert tables(engine) == workouts
    assert catalogue(engine) == upgraded


def test_downgrade_keeps_new_exercises_that_logged_sets_point_at(before_with_workouts):
    url, engine = before_with_workouts
    old_catalogue = catalogue(engine)
    migrate(url, CATALOGUE)
    # Sets on exercises only the new catalogue has, one of them in a new category.
    log_workout(engine, 2, ["plank-high", "chest-to-bar-pull-up", "push-up"])
    workouts = tables(engine)
    new_category = rows(engine, "SELECT category_id FROM exercises WHERE id = 'plank-high'")
    assert new_category == [("static",)]

    downgrade(url, BEFORE)
    assert tables(engine) == workouts
    after = catalogue(engine)
    assert {row[0] for row in after["exercises"]} == {row[0] for row in old_catalogue["exercises"]} | {
        "plank-high",
        "chest-to-bar-pull-up",
    }
    assert {row[0] for row in after["exercise_categories"]} == {"push", "pull", "legs", "core", "cardio"} | {
        "mobility",
        "skills",
        "static",
    }
    old = set(old_catalogue["exercises"]) | set(old_catalogue["exercise_categories"])
    assert old <= set(after["exercises"]) | set(after["exercise_categories"])

    migrate(url, CATALOGUE)
    assert tables(engine) == workouts
    assert rows(engine, "SELECT count(*) FROM exercises") == [(237,)]


def test_the_database_at_head_holds_the_shipped_catalogue(migrated_engine):
    """Edit exercises.toml and this fails until a new revision brings the change."""
    stored = {
        row[0]: row
        for row in rows(
            migrated_engine,
            "SELECT id, category_id, name, name_ru, description, description_ru, difficulty, base_xp,"
            " is_timed, muscles, equipment, easier_id FROM exercises",
        )
    }
    shipped = {
        e.slug: (
            e.slug,
            e.category,
            e.name.en,
            e.name.ru,
            e.instructions.en,
            e.instructions.ru,
            e.difficulty,
            e.base_xp,
            e.timed,
            ",".join(e.muscles),
            e.equipment,
            e.easier,
        )
        for e in load_exercises()
    }
    differ = sorted(slug for slug in shipped if stored.get(slug) != shipped[slug])
    assert differ == [], f"exercises.toml and the database at head differ for {differ}: write a revision"
    categories = rows(migrated_engine, "SELECT id, name, name_ru, position, icon FROM exercise_categories ORDER BY 4")
    assert categories == [(c.slug, c.name.en, c.name.ru, c.position, c.icon) for c in load_categories()]


def test_the_frozen_catalogue_is_checksummed_like_its_revision(tmp_path):
    versions = tmp_path / "versions"
    shutil.copytree(checksums.VERSIONS_DIR, versions, ignore=shutil.ignore_patterns("__pycache__"))
    manifest = tmp_path / "checksums.json"
    shutil.copy(checksums.MANIFEST, manifest)
    frozen = versions / f"{CATALOGUE}_exercise_catalogue.toml"
    assert checksums.problems(versions, manifest) == []
    frozen.write_text(frozen.read_text(encoding="utf-8").replace("base_xp = 10", "base_xp = 11"), encoding="utf-8")
    assert checksums.problems(versions, manifest) == [f"{frozen.name} was modified after it was recorded"]
