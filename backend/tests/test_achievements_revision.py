"""Revision f53acdad065f adds user_achievements: up, down and up again with data on
both engines, the guarded downgrade naming the earned achievements it would drop."""

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from bodyweight.db import make_engine
from bodyweight.dbops.guard import downgrade_losses
from bodyweight.migrations import script_directory
from support.schema import downgrade, migrate

ACHIEVEMENTS = "f53acdad065f"
BEFORE = str(script_directory().get_revision(ACHIEVEMENTS).down_revision)
KEPT = ("users", "workouts", "workout_sets", "coin_transactions")


def rows(engine, sql: str) -> list[tuple]:
    with engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(sql))]


def kept(engine) -> dict[str, list[tuple]]:
    return {table: rows(engine, f"SELECT * FROM {table} ORDER BY 1") for table in KEPT}


def test_achievements_revision_up_down_up_with_data(database_url):
    migrate(database_url, BEFORE)
    engine = make_engine(database_url)
    try:
        with engine.begin() as connection:
            connection.execute(text("INSERT INTO users (id, username) VALUES (1, 'ада'), (2, 'bob')"))
            connection.execute(
                text(
                    "INSERT INTO workouts (id, user_id, started_at, finished_at, local_date, xp_earned, coins_earned)"
                    " VALUES (1, 1, '2026-11-20 05:00:00', '2026-11-20 05:30:00', '2026-11-20', 30, 1)"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO workout_sets (workout_id, position, exercise_id, reps, xp)"
                    " VALUES (1, 0, 'push-up', 10, 18)"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO coin_transactions (user_id, amount, balance_after, reason, reference)"
                    " VALUES (1, 1, 1, 'workout', 'workout:1')"
                )
            )
        before = kept(engine)

        migrate(database_url, ACHIEVEMENTS)
        assert kept(engine) == before
        assert rows(engine, "SELECT count(*) FROM user_achievements") == [(0,)]
        indexes = {ix["name"] for ix in inspect(engine).get_indexes("user_achievements")}
        assert "ix_user_achievements_user_id" in indexes
        uniques = {u["name"]: u["column_names"] for u in inspect(engine).get_unique_constraints("user_achievements")}
        assert uniques == {"uq_user_achievement": ["user_id", "achievement_slug"]}
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO user_achievements (user_id, achievement_slug, earned_at)"
                    " VALUES (1, 'first-blood', '2026-11-20 05:30:00'), (1, 'early-bird', '2026-11-20 05:30:00')"
                )
            )
            connection.execute(
                text("INSERT INTO user_achievements (user_id, achievement_slug) VALUES (2, 'first-blood')")
            )
        stamped = rows(engine, "SELECT earned_at FROM user_achievements WHERE user_id = 2")[0][0]
        assert stamped is not None  # the server's default
        with pytest.raises(IntegrityError), engine.begin() as connection:
            connection.execute(
                text("INSERT INTO user_achievements (user_id, achievement_slug) VALUES (1, 'first-blood')")
            )
        with engine.begin() as connection:  # a player's achievements go with the player
            connection.execute(text("DELETE FROM users WHERE id = 2"))
        assert rows(engine, "SELECT user_id, achievement_slug FROM user_achievements ORDER BY 2") == [
            (1, "early-bird"),
            (1, "first-blood"),
        ]
        before = kept(engine)

        # The guarded downgrade names what would go: the earned achievements.
        assert [str(loss) for loss in downgrade_losses(engine, BEFORE)] == ["table user_achievements: 2 rows with data"]

        downgrade(database_url, BEFORE)
        assert kept(engine) == before
        assert "user_achievements" not in inspect(engine).get_table_names()

        migrate(database_url, ACHIEVEMENTS)
        assert kept(engine) == before
        assert rows(engine, "SELECT count(*) FROM user_achievements") == [(0,)]
        with engine.begin() as connection:
            connection.execute(
                text("INSERT INTO user_achievements (user_id, achievement_slug) VALUES (1, 'night-owl')")
            )
        assert rows(engine, "SELECT user_id, achievement_slug FROM user_achievements") == [(1, "night-owl")]
    finally:
        engine.dispose()
