"""Databases shaped like the earlier BodyWeight app's, built from its published
description (tables as its `create_all` made them), for the refusal tests."""

from sqlalchemy import text

from bodyweight.db import make_engine

# The earlier app's tables at its newest revision (67aca3c3bf83), the columns that
# matter here; types are the portable subset of both engines.
EARLIER_TABLES = (
    """CREATE TABLE exercise_categories (
        id INTEGER PRIMARY KEY, slug VARCHAR(50) NOT NULL UNIQUE, name VARCHAR(100) NOT NULL,
        name_ru VARCHAR(100) NOT NULL, icon VARCHAR(50), color VARCHAR(7), sort_order INTEGER NOT NULL)""",
    """CREATE TABLE users (
        id INTEGER PRIMARY KEY, telegram_id BIGINT NOT NULL, username VARCHAR(255),
        first_name VARCHAR(255), last_name VARCHAR(255), avatar_id VARCHAR(50) NOT NULL,
        level INTEGER NOT NULL, total_xp INTEGER NOT NULL, coins INTEGER NOT NULL,
        current_streak INTEGER NOT NULL, max_streak INTEGER NOT NULL, last_workout_date DATE,
        notification_time TIME, notifications_enabled BOOLEAN NOT NULL, is_onboarded BOOLEAN NOT NULL,
        created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
        updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)""",
    """CREATE TABLE workout_sessions (
        id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        started_at TIMESTAMP NOT NULL, finished_at TIMESTAMP, duration_seconds INTEGER,
        total_xp_earned INTEGER NOT NULL, total_coins_earned INTEGER NOT NULL, total_reps INTEGER NOT NULL,
        total_duration_seconds INTEGER NOT NULL, streak_multiplier NUMERIC(3, 2) NOT NULL,
        status VARCHAR(20) NOT NULL)""",
    """CREATE TABLE user_avatar_purchases (
        id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        avatar_id VARCHAR(50) NOT NULL, purchased_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
        CONSTRAINT uq_user_avatar_purchase UNIQUE (user_id, avatar_id))""",
    "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)",
)


def build_earlier_database(url: str, stamped: str = "67aca3c3bf83") -> None:
    """The earlier app's tables with one player, stamped `stamped` (the earlier
    app's operators stamped by hand; the value may be any revision id)."""
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            for statement in EARLIER_TABLES:
                connection.execute(text(statement))
            connection.execute(
                text(
                    "INSERT INTO users (id, telegram_id, username, avatar_id, level, total_xp, coins, "
                    "current_streak, max_streak, notifications_enabled, is_onboarded) "
                    "VALUES (1, 5000000001, 'ada', 'phoenix', 3, 450, 120, 2, 5, true, true)"
                )
            )
            connection.execute(text("INSERT INTO alembic_version VALUES (:rev)"), {"rev": stamped})
    finally:
        engine.dispose()
