"""Revision 182794fd8163 adds the import's records (`imported_players`,
`imported_unmatched_sets`): up, down and up again with rows present on both
engines; players and workouts are kept both ways, the guarded downgrade names the
import's rows, and both tables go with a deleted player."""

from sqlalchemy import inspect, text

from bodyweight.db import make_engine
from bodyweight.dbops.guard import downgrade_losses
from bodyweight.migrations import script_directory
from support.schema import downgrade, migrate

IMPORT = "182794fd8163"
BEFORE = str(script_directory().get_revision(IMPORT).down_revision)
KEPT = ("users", "workouts", "workout_sets", "coin_transactions")
TABLES = {"imported_players", "imported_unmatched_sets"}


def rows(engine, sql: str) -> list[tuple]:
    with engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(sql))]


def kept(engine) -> dict[str, list[tuple]]:
    return {table: rows(engine, f"SELECT * FROM {table} ORDER BY 1") for table in KEPT}


def add_imported_player(engine) -> None:
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO imported_players (telegram_id, user_id, earlier_user_id, merged, coins, total_xp,"
                " workouts, sets) VALUES (5000000002, 1, 3, :no, 130, 5200, 1, 2)"
            ),
            {"no": False},
        )
        connection.execute(
            text(
                "INSERT INTO imported_unmatched_sets (user_id, workout_id, earlier_exercise_id,"
                " earlier_exercise_slug, reason, sets, reps, seconds, xp)"
                " VALUES (1, 1, 34, 'superman-twist', 'unknown_exercise', 2, 24, 0, 18)"
            )
        )


def test_import_revision_up_down_up_with_data(database_url):
    migrate(database_url, BEFORE)
    engine = make_engine(database_url)
    try:
        with engine.begin() as connection:
            connection.execute(text("INSERT INTO users (id, username, telegram_id) VALUES (1, 'iron_vet', 5000000002)"))
            connection.execute(
                text(
                    "INSERT INTO workouts (id, user_id, started_at, finished_at, local_date, xp_earned, coins_earned)"
                    " VALUES (1, 1, '2025-12-30 09:00:00', '2025-12-30 09:30:00', '2025-12-30', 40, 0)"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO workout_sets (workout_id, position, exercise_id, reps, xp)"
                    " VALUES (1, 0, 'lunge', 15, 11), (1, 1, 'lunge', 15, 11)"
                )
            )
        before = kept(engine)

        migrate(database_url, IMPORT)
        assert kept(engine) == before
        assert TABLES <= set(inspect(engine).get_table_names())
        add_imported_player(engine)

        assert [str(loss) for loss in downgrade_losses(engine, BEFORE)] == [
            "table imported_players: 1 row with data",
            "table imported_unmatched_sets: 1 row with data",
        ]
        downgrade(database_url, BEFORE)
        assert kept(engine) == before
        assert TABLES.isdisjoint(inspect(engine).get_table_names())

        migrate(database_url, IMPORT)
        assert kept(engine) == before
        add_imported_player(engine)

        # The records belong to the player: deleting the player deletes them.
        with engine.begin() as connection:
            connection.execute(text("DELETE FROM users WHERE id = 1"))
        assert rows(engine, "SELECT count(*) FROM imported_players") == [(0,)]
        assert rows(engine, "SELECT count(*) FROM imported_unmatched_sets") == [(0,)]
    finally:
        engine.dispose()
