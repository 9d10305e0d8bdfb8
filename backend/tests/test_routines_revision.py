"""Revision e5a83f1c9b26 adds the routines tables and re-indexes workout sets:
up, down and up again with data, every workout row kept on both engines."""

import uuid

from sqlalchemy import inspect, text

from bodyweight.db import make_engine
from bodyweight.dbops.guard import downgrade_losses
from bodyweight.migrations import script_directory
from support.schema import downgrade, migrate

ROUTINES = "e5a83f1c9b26"
BEFORE = "b7c2e9a4d013"
KEPT = ("users", "workouts", "workout_sets", "exercises", "exercise_categories")


def rows(engine, sql: str) -> list[tuple]:
    with engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(sql))]


def kept(engine) -> dict[str, list[tuple]]:
    return {table: rows(engine, f"SELECT * FROM {table} ORDER BY 1") for table in KEPT}


def test_routines_revision_up_down_up_with_data(database_url):
    migrate(database_url, BEFORE)
    engine = make_engine(database_url)
    try:
        with engine.begin() as connection:
            connection.execute(text("INSERT INTO users (id, username) VALUES (1, 'ада')"))
            connection.execute(
                text(
                    "INSERT INTO workouts (id, user_id, started_at, finished_at, local_date, xp_earned, coins_earned)"
                    " VALUES (1, 1, '2026-11-20 07:00:00', '2026-11-20 07:30:00', '2026-11-20', 30, 1)"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO workout_sets (workout_id, position, exercise_id, reps, xp)"
                    " VALUES (1, 0, 'push-up', 10, 18), (1, 1, 'pull-up', 5, 12)"
                )
            )
        before = kept(engine)

        migrate(database_url, ROUTINES)
        assert kept(engine) == before
        indexes = {ix["name"] for ix in inspect(engine).get_indexes("workout_sets")}
        assert "ix_workout_sets_workout_id_exercise_id" in indexes and "ix_workout_sets_workout_id" not in indexes
        routine = uuid.uuid4()
        value = routine.hex if engine.dialect.name == "sqlite" else str(routine)
        with engine.begin() as connection:
            connection.execute(text("INSERT INTO routines (id, user_id, name) VALUES (:id, 1, 'Вечер')"), {"id": value})
            connection.execute(
                text(
                    "INSERT INTO routine_steps (routine_id, position, exercise_id, sets, reps, rest_seconds)"
                    " VALUES (:id, 0, 'push-up', 3, 10, 60)"
                ),
                {"id": value},
            )

        # The guarded downgrade names what would go: the routine, not the catalogue.
        assert [str(loss) for loss in downgrade_losses(engine, BEFORE)] == [
            "table routine_steps: 1 row with data",
            "table routines: 1 row with data",
        ]
        before_catalogue = str(script_directory().get_revision(BEFORE).down_revision)
        assert [str(loss) for loss in downgrade_losses(engine, before_catalogue)] == [
            "table routine_steps: 1 row with data",
            "table routines: 1 row with data",
        ]

        downgrade(database_url, BEFORE)
        assert kept(engine) == before
        assert {"routines", "routine_steps"}.isdisjoint(inspect(engine).get_table_names())
        assert "ix_workout_sets_workout_id" in {ix["name"] for ix in inspect(engine).get_indexes("workout_sets")}

        migrate(database_url, ROUTINES)
        assert kept(engine) == before
        assert rows(engine, "SELECT count(*) FROM routines") == [(0,)]
    finally:
        engine.dispose()
