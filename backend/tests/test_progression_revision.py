"""Revision 52ee3f5aa21d (streak freezes, the zone a streak counts in, weekly goals
and their rewards) up, down and up again with rows present, on both engines:
players, workouts and the ledger are kept both ways; what it adds goes with it on
the way down, and the guarded downgrade names exactly the rows that would go."""

from bodyweight.db import make_engine
from bodyweight.dbops.guard import downgrade_losses
from bodyweight.migrations import script_directory
from support.schema import downgrade, migrate, sql

PROGRESSION = "52ee3f5aa21d"
BEFORE = str(script_directory().get_revision(PROGRESSION).down_revision)
KEPT = {
    "users": "SELECT id, username, coins, total_xp, level, current_streak, max_streak, last_workout_date FROM users",
    "workouts": "SELECT id, user_id, local_date, xp_earned FROM workouts",
    "coin_transactions": "SELECT id, user_id, amount, balance_after, reason FROM coin_transactions",
}
NEW_TABLES = {"streak_freeze_uses", "weekly_goal_rewards"}
NEW_COLUMNS = {"streak_freezes", "last_workout_zone", "weekly_goal_metric", "weekly_goal_target"}


def kept(url: str) -> dict[str, list[tuple]]:
    return {name: sql(url, f"{query} ORDER BY 1") for name, query in KEPT.items()}


def tables_and_user_columns(url: str) -> tuple[set[str], set[str]]:
    from sqlalchemy import inspect

    engine = make_engine(url)
    try:
        inspector = inspect(engine)
        return set(inspector.get_table_names()), {c["name"] for c in inspector.get_columns("users")}
    finally:
        engine.dispose()


def add_players(url: str) -> None:
    sql(
        url,
        "INSERT INTO users (id, username, coins, total_xp, level, current_streak, max_streak, last_workout_date)"
        " VALUES (1, 'ada', 20, 400, 3, 4, 6, '2026-03-10'), (2, 'бодибилдер', 0, 0, 1, 0, 0, NULL)",
    )
    sql(
        url,
        "INSERT INTO workouts (id, user_id, started_at, finished_at, local_date, xp_earned, coins_earned)"
        " VALUES (1, 1, '2026-03-10 07:00:00', '2026-03-10 07:30:00', '2026-03-10', 60, 3)",
    )
    sql(
        url,
        "INSERT INTO coin_transactions (id, user_id, amount, balance_after, reason, reference)"
        " VALUES (1, 1, 120, 120, 'support_grant', 'x'), (2, 1, -100, 20, 'purchase', 'avatar:phoenix')",
    )


def use_the_revision(url: str) -> None:
    """What players do once it is in: ada holds a freeze, moved zone, set a goal,
    spent a freeze and was paid a week's reward; bo holds nothing."""
    sql(
        url,
        "UPDATE users SET streak_freezes = 1, last_workout_zone = 'Europe/Berlin',"
        " weekly_goal_metric = 'workouts', weekly_goal_target = 3 WHERE id = 1",
    )
    sql(url, "INSERT INTO streak_freeze_uses (user_id, day, workout_id) VALUES (1, '2026-03-09', 1)")
    sql(
        url,
        "INSERT INTO weekly_goal_rewards (user_id, week_start, metric, target, coins)"
        " VALUES (1, '2026-03-09', 'workouts', 3, 15)",
    )


def test_progression_revision_up_down_up_with_data(database_url):
    migrate(database_url, BEFORE)
    add_players(database_url)
    before = kept(database_url)

    migrate(database_url, PROGRESSION)
    assert kept(database_url) == before
    tables, columns = tables_and_user_columns(database_url)
    assert NEW_TABLES <= tables and NEW_COLUMNS <= columns
    # Everyone starts holding no freeze, counting in their own zone, with no goal.
    assert sql(
        database_url,
        "SELECT id, streak_freezes, last_workout_zone, weekly_goal_metric, weekly_goal_target FROM users ORDER BY id",
    ) == [(1, 0, None, None, None), (2, 0, None, None, None)]

    engine = make_engine(database_url)
    try:
        # Nothing of the revision's is in use yet: a downgrade would lose nothing
        # (a player holding no freeze loses nothing when the column goes).
        assert downgrade_losses(engine, BEFORE) == []
        use_the_revision(database_url)
        assert [str(loss) for loss in downgrade_losses(engine, BEFORE)] == [
            "table streak_freeze_uses: 1 row with data",
            "column users.last_workout_zone: 1 row with data",
            "column users.streak_freezes: 1 row with data",
            "column users.weekly_goal_metric: 1 row with data",
            "column users.weekly_goal_target: 1 row with data",
            "table weekly_goal_rewards: 1 row with data",
        ]
    finally:
        engine.dispose()

    downgrade(database_url, BEFORE)
    assert kept(database_url) == before
    tables, columns = tables_and_user_columns(database_url)
    assert tables.isdisjoint(NEW_TABLES) and columns.isdisjoint(NEW_COLUMNS)

    migrate(database_url, PROGRESSION)
    assert kept(database_url) == before
    assert sql(database_url, "SELECT count(*) FROM streak_freeze_uses") == [(0,)]
    assert sql(database_url, "SELECT streak_freezes FROM users ORDER BY id") == [(0,), (0,)]
    # The CHECKs hold on both engines: no third freeze, no goal without a target.
    for statement in (
        "UPDATE users SET streak_freezes = 3 WHERE id = 1",
        "UPDATE users SET weekly_goal_metric = 'workouts' WHERE id = 1",
        "UPDATE users SET weekly_goal_metric = 'laps', weekly_goal_target = 3 WHERE id = 1",
    ):
        try:
            sql(database_url, statement)
        except Exception as refused:  # IntegrityError, by the driver's name for it
            assert "check" in str(refused).lower(), refused
        else:
            raise AssertionError(f"accepted: {statement}")
