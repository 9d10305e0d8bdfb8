"""Revision d931f8c1ccaf adds the week boards' tally (`weekly_score_tally`): up, down
and up again with weekly scores present, on both engines. The upgrade fills it from
the listed scores above 0 (ties counted together, weeks apart); the guarded downgrade
counts nothing lost (every row follows from `weekly_scores`) and keeps every weekly
score; the next upgrade counts what was written meanwhile."""

from datetime import date, timedelta

from sqlalchemy import inspect, text

from bodyweight.db import make_engine
from bodyweight.dbops.guard import downgrade_losses
from bodyweight.migrations import script_directory
from support.schema import downgrade, migrate
from support.social import recounted_tally, week_tally

TALLY = "d931f8c1ccaf"
BEFORE = str(script_directory().get_revision(TALLY).down_revision)
MONDAY = date(2026, 3, 2)
NEXT = MONDAY + timedelta(days=7)
SCORES_SQL = "SELECT user_id, week_start, score, listed, day1_xp FROM weekly_scores ORDER BY user_id, week_start"

# (user, week, score, listed): a tie, an unlisted score above everyone, a listed 0.
SCORES = [
    (1, MONDAY, 300, True),
    (2, MONDAY, 300, True),
    (3, MONDAY, 120, True),
    (4, MONDAY, 900, False),
    (5, MONDAY, 0, True),
    (1, NEXT, 40, True),
    (4, NEXT, 40, False),
]
TALLIED = {(MONDAY, 300): 2, (MONDAY, 120): 1, (NEXT, 40): 1}


def add_scores(engine, scores) -> None:
    with engine.begin() as connection:
        for user, week, score, listed in scores:
            connection.execute(
                text(
                    "INSERT INTO weekly_scores (user_id, week_start, score, listed, day1_xp)"
                    " VALUES (:user, :week, :score, :listed, :score)"
                ),
                {"user": user, "week": week, "score": score, "listed": listed},
            )


def tally(engine) -> dict[tuple[date, int], int]:
    with engine.connect() as connection:
        stored = week_tally(connection)
        assert stored == recounted_tally(connection)
        return stored


def kept(engine) -> list[tuple]:
    with engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(SCORES_SQL))]


def test_tally_revision_up_down_up_with_data(database_url):
    migrate(database_url, BEFORE)
    engine = make_engine(database_url)
    try:
        with engine.begin() as connection:
            for user in range(1, 7):
                connection.execute(
                    text("INSERT INTO users (id, username, public_id) VALUES (:id, :name, :pid)"),
                    {"id": user, "name": f"player{user}", "pid": f"public-id-{user:06d}"},
                )
        add_scores(engine, SCORES)
        scores = kept(engine)

        # Up: the listed scores above 0, counted by week and score.
        migrate(database_url, TALLY)
        assert tally(engine) == TALLIED
        assert kept(engine) == scores

        # The guarded downgrade names no loss: the tally is rebuilt from weekly_scores.
        assert downgrade_losses(engine, BEFORE) == []
        downgrade(database_url, BEFORE)
        assert "weekly_score_tally" not in inspect(engine).get_table_names()
        assert kept(engine) == scores

        # Scores written while it was away are counted by the next upgrade.
        add_scores(engine, [(6, MONDAY, 120, True), (6, NEXT, 75, False)])
        migrate(database_url, TALLY)
        assert tally(engine) == {**TALLIED, (MONDAY, 120): 2}
        with engine.connect() as connection:
            constraints = {c["name"] for c in inspect(connection).get_check_constraints("weekly_score_tally")}
        assert constraints == {
            "ck_weekly_score_tally_score_positive",
            "ck_weekly_score_tally_players_non_negative",
        }
    finally:
        engine.dispose()
