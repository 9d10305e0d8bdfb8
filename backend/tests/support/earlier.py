"""Databases of the earlier BodyWeight app, built from its published description
(../shared/reference/earlier-app-database.md: §2 tables, §3 revisions, §6 rows):
tables as its `create_all` made them, on either engine, at its oldest recognised
shape (the model of 2025-12-28 that its revision 001 builds on, never migrated)
or its newest (revision 67aca3c3bf83), filled with the rows of §6.2 plus one
workout of iron_vet's that names an exercise this app does not have.

Values are written in each engine's own form (§4.10): on SQLite, timestamps the
app wrote carry six fraction digits and server-default ones none, booleans are
1/0, JSON is text; on PostgreSQL they are native.
"""

import json
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import create_engine, text

from bodyweight.config import normalize_database_url

NEWEST = "67aca3c3bf83"
OLDEST = "oldest"  # the model before revision 001: no alembic_version
SHAPES = (OLDEST, NEWEST)

# Column: (name, type, NOT NULL, server default now(), in which shapes). Types:
# id, int, bigint, str:N, text, bool, date, time, ts, num, json.
BOTH, LATER, FIRST = (OLDEST, NEWEST), (NEWEST,), (OLDEST,)


def col(name: str, kind: str, notnull: bool = False, now: bool = False, shapes: tuple[str, ...] = BOTH) -> tuple:
    return (name, kind, notnull, now, shapes)


TABLES: dict[str, dict[str, Any]] = {
    "exercise_categories": {
        "columns": [
            col("id", "id"),
            col("slug", "str:50", True),
            col("name", "str:100", True),
            col("name_ru", "str:100", True),
            col("icon", "str:50"),
            col("color", "str:7"),
            col("sort_order", "int", True),
        ],
        "constraints": ["UNIQUE (slug)"],
    },
    "shop_items": {
        "columns": [
            col("id", "id"),
            col("slug", "str:100", True),
            col("name", "str:255", True),
            col("name_ru", "str:255", True),
            col("item_type", "str:50", True),
            col("price_coins", "int", True),
            col("required_level", "int", True),
            col("sprite_url", "str:255"),
            col("is_active", "bool", True),
        ],
        "constraints": ["UNIQUE (slug)"],
    },
    "users": {
        "columns": [
            col("id", "id"),
            col("telegram_id", "bigint", True),
            col("username", "str:255"),
            col("first_name", "str:255"),
            col("last_name", "str:255"),
            col("photo_url", "str:500", shapes=FIRST),
            col("avatar_id", "str:50", True, shapes=LATER),
            col("level", "int", True),
            col("total_xp", "int", True),
            col("coins", "int", True),
            col("current_streak", "int", True),
            col("max_streak", "int", True),
            col("last_workout_date", "date"),
            col("notification_time", "time"),
            col("notifications_enabled", "bool", True),
            col("is_onboarded", "bool", True, shapes=LATER),
            col("created_at", "ts", True, True),
            col("updated_at", "ts", True, True),
        ],
        "indexes": ["CREATE UNIQUE INDEX ix_users_telegram_id ON users (telegram_id)"],
    },
    "exercises": {
        "columns": [
            col("id", "id"),
            col("category_id", "int", True),
            col("slug", "str:100", True),
            col("name", "str:255", True),
            col("name_ru", "str:255", True),
            col("description", "text"),
            col("description_ru", "text"),
            col("tags", "json", True, shapes=LATER),
            col("difficulty", "int", True),
            col("base_xp", "int", True),
            col("required_level", "int", True),
            col("equipment", "str:20", True, shapes=LATER),
            col("is_timed", "bool", True, shapes=LATER),
            col("gif_url", "str:255"),
            col("thumbnail_url", "str:255"),
            col("easier_exercise_id", "int"),
            col("harder_exercise_id", "int"),
            col("is_active", "bool", True),
            col("created_at", "ts", True, True),
        ],
        "constraints": [
            "UNIQUE (slug)",
            "CONSTRAINT check_difficulty_range CHECK (difficulty >= 1 AND difficulty <= 5)",
            "FOREIGN KEY (category_id) REFERENCES exercise_categories (id)",
            "FOREIGN KEY (easier_exercise_id) REFERENCES exercises (id)",
            "FOREIGN KEY (harder_exercise_id) REFERENCES exercises (id)",
        ],
    },
    "friendships": {
        "columns": [
            col("id", "id"),
            col("user_id", "int", True),
            col("friend_id", "int", True),
            col("status", "str:20", True),
            col("created_at", "ts", True, True),
        ],
        "constraints": [
            "CONSTRAINT uq_friendship UNIQUE (user_id, friend_id)",
            "FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE",
            "FOREIGN KEY (friend_id) REFERENCES users (id) ON DELETE CASCADE",
        ],
        "indexes": ["CREATE INDEX idx_friendships_user_status ON friendships (user_id, status)"],
    },
    "notifications": {
        "shapes": LATER,
        "columns": [
            col("id", "id"),
            col("user_id", "int", True),
            col("notification_type", "str:50", True),
            col("title", "str:255", True),
            col("message", "text", True),
            col("is_read", "bool", True),
            col("related_user_id", "int"),
            col("created_at", "ts", True, True),
        ],
        "constraints": [
            "FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE",
            "FOREIGN KEY (related_user_id) REFERENCES users (id) ON DELETE SET NULL",
        ],
        "indexes": [
            "CREATE INDEX ix_notifications_user_id ON notifications (user_id)",
            "CREATE INDEX ix_notifications_is_read ON notifications (is_read)",
            "CREATE INDEX idx_notifications_user_unread ON notifications (user_id, is_read)",
        ],
    },
    "user_achievements": {
        "columns": [
            col("id", "id"),
            col("user_id", "int", True),
            col("achievement_slug", "str:100", True),
            col("unlocked_at", "ts", True, True),
        ],
        "constraints": [
            "CONSTRAINT uq_user_achievement UNIQUE (user_id, achievement_slug)",
            "FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE",
        ],
        "indexes": ["CREATE INDEX ix_user_achievements_user_id ON user_achievements (user_id)"],
    },
    "user_avatar_purchases": {
        "shapes": LATER,
        "columns": [
            col("id", "id"),
            col("user_id", "int", True),
            col("avatar_id", "str:50", True),
            col("purchased_at", "ts", True, True),
        ],
        "constraints": [
            "CONSTRAINT uq_user_avatar_purchase UNIQUE (user_id, avatar_id)",
            "FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE",
        ],
        "indexes": ["CREATE INDEX ix_user_avatar_purchases_user_id ON user_avatar_purchases (user_id)"],
    },
    "user_custom_routines": {
        "shapes": LATER,
        "columns": [
            col("id", "id"),
            col("user_id", "int", True),
            col("name", "str:255", True),
            col("description", "text"),
            col("routine_type", "str:50", True),
            col("duration_minutes", "int", True),
            col("is_active", "bool", True),
            col("created_at", "ts", True, True),
            col("updated_at", "ts", True, True),
        ],
        "constraints": ["FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE"],
        "indexes": ["CREATE INDEX ix_user_custom_routines_user_id ON user_custom_routines (user_id)"],
    },
    "user_goals": {
        "columns": [
            col("id", "id"),
            col("user_id", "int", True),
            col("goal_type", "str:50", True),
            col("target_value", "int", True),
            col("current_value", "int", True),
            col("start_date", "date", True),
            col("end_date", "date", True),
            col("completed", "bool", True),
            col("completed_at", "ts"),
            col("created_at", "ts", True, True),
        ],
        "constraints": ["FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE"],
    },
    "user_purchases": {
        "columns": [
            col("id", "id"),
            col("user_id", "int", True),
            col("shop_item_id", "int", True),
            col("purchased_at", "ts", True, True),
            col("is_equipped", "bool", True),
        ],
        "constraints": [
            "CONSTRAINT uq_user_purchase UNIQUE (user_id, shop_item_id)",
            "FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE",
            "FOREIGN KEY (shop_item_id) REFERENCES shop_items (id)",
        ],
    },
    "workout_sessions": {
        "columns": [
            col("id", "id"),
            col("user_id", "int", True),
            col("started_at", "ts", True),
            col("finished_at", "ts"),
            col("duration_seconds", "int"),
            col("total_xp_earned", "int", True),
            col("total_coins_earned", "int", True),
            col("total_reps", "int", True),
            col("total_duration_seconds", "int", True, shapes=LATER),
            col("streak_multiplier", "num", True),
            col("status", "str:20", True),
        ],
        "constraints": ["FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE"],
        "indexes": [
            "CREATE INDEX ix_workout_sessions_user_id ON workout_sessions (user_id)",
            "CREATE INDEX ix_workout_sessions_started_at ON workout_sessions (started_at)",
        ],
    },
    "user_custom_routine_exercises": {
        "shapes": LATER,
        "columns": [
            col("id", "id"),
            col("routine_id", "int", True),
            col("exercise_id", "int", True),
            col("sort_order", "int", True),
            col("target_reps", "int"),
            col("target_duration", "int"),
            col("rest_seconds", "int", True),
        ],
        "constraints": [
            "FOREIGN KEY (routine_id) REFERENCES user_custom_routines (id) ON DELETE CASCADE",
            "FOREIGN KEY (exercise_id) REFERENCES exercises (id) ON DELETE CASCADE",
        ],
        "indexes": [
            "CREATE INDEX ix_user_custom_routine_exercises_routine_id ON user_custom_routine_exercises (routine_id)"
        ],
    },
    "user_exercise_progress": {
        "columns": [
            col("id", "id"),
            col("user_id", "int", True),
            col("exercise_id", "int", True),
            col("total_reps_ever", "int", True),
            col("best_single_set", "int", True),
            col("times_performed", "int", True),
            col("last_performed_at", "ts"),
            col("recommended_upgrade", "bool", True),
        ],
        "constraints": [
            "CONSTRAINT uq_user_exercise_progress UNIQUE (user_id, exercise_id)",
            "FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE",
            "FOREIGN KEY (exercise_id) REFERENCES exercises (id)",
        ],
    },
    "user_favorite_exercises": {
        "shapes": LATER,
        "columns": [
            col("id", "id"),
            col("user_id", "int", True),
            col("exercise_id", "int", True),
            col("created_at", "ts", True, True),
        ],
        "constraints": [
            "CONSTRAINT uq_user_favorite_exercise UNIQUE (user_id, exercise_id)",
            "FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE",
            "FOREIGN KEY (exercise_id) REFERENCES exercises (id) ON DELETE CASCADE",
        ],
        "indexes": ["CREATE INDEX ix_user_favorite_exercises_user_id ON user_favorite_exercises (user_id)"],
    },
    "workout_exercises": {
        "columns": [
            col("id", "id"),
            col("workout_session_id", "int", True),
            col("exercise_id", "int", True),
            col("sets_completed", "int", True),
            col("total_reps", "int", True),
            col("total_duration_seconds", "int", True, shapes=LATER),
            col("xp_earned", "int", True),
            col("coins_earned", "int", True),
            col("completed_at", "ts", True, True),
        ],
        "constraints": [
            "FOREIGN KEY (workout_session_id) REFERENCES workout_sessions (id) ON DELETE CASCADE",
            "FOREIGN KEY (exercise_id) REFERENCES exercises (id)",
        ],
        "indexes": ["CREATE INDEX ix_workout_exercises_workout_session_id ON workout_exercises (workout_session_id)"],
    },
}

_TYPES = {
    "postgresql": {
        "id": "SERIAL",
        "int": "INTEGER",
        "bigint": "BIGINT",
        "text": "TEXT",
        "bool": "BOOLEAN",
        "date": "DATE",
        "time": "TIME WITHOUT TIME ZONE",
        "ts": "TIMESTAMP WITHOUT TIME ZONE",
        "num": "NUMERIC(3, 2)",
        "json": "JSON",
    },
    "sqlite": {
        "id": "INTEGER",
        "int": "INTEGER",
        "bigint": "BIGINT",
        "text": "TEXT",
        "bool": "BOOLEAN",
        "date": "DATE",
        "time": "TIME",
        "ts": "DATETIME",
        "num": "NUMERIC(3, 2)",
        "json": "JSON",
    },
}
_NOW = {"postgresql": "DEFAULT now()", "sqlite": "DEFAULT (CURRENT_TIMESTAMP)"}


def _type(dialect: str, kind: str) -> str:
    if kind.startswith("str:"):
        return f"VARCHAR({kind[4:]})"
    return _TYPES[dialect][kind]


def columns_of(name: str, shape: str) -> list[tuple]:
    return [c for c in TABLES[name]["columns"] if shape in c[4]]


def tables_of(shape: str) -> list[str]:
    """The tables of a shape, in an order foreign keys accept (§2.16)."""
    return [name for name, spec in TABLES.items() if shape in spec.get("shapes", BOTH)]


def ddl(dialect: str, shape: str) -> list[str]:
    statements = []
    for name in tables_of(shape):
        spec = TABLES[name]
        lines = []
        for column_name, kind, notnull, now, _ in columns_of(name, shape):
            line = f"{column_name} {_type(dialect, kind)}"
            if notnull or kind == "id":
                line += " NOT NULL"
            if now:
                line += f" {_NOW[dialect]}"
            lines.append(line)
        lines.append("PRIMARY KEY (id)")
        lines += spec.get("constraints", [])
        statements.append(f"CREATE TABLE {name} (\n\t" + ",\n\t".join(lines) + "\n)")
        statements += spec.get("indexes", [])
    return statements


# ---------------------------------------------------------------- rows (§6.2)

EXERCISE_CREATED = datetime(2025, 12, 28, 0, 20)
# iron_vet's workout: lunge-regular (a historical slug this catalogue lists as an
# alias of its lunge) and superman-twist (which it does not have).
UNMATCHED_SLUG = "superman-twist"


def _exercise(eid, category, slug, difficulty, base_xp, timed, tags, level=1):
    return {
        "id": eid,
        "category_id": category,
        "slug": slug,
        "name": slug.replace("-", " ").title(),
        "name_ru": slug,
        "description": None,
        "description_ru": None,
        "tags": tags,
        "difficulty": difficulty,
        "base_xp": base_xp,
        "required_level": level,
        "equipment": "none",
        "is_timed": timed,
        "gif_url": f"/sprites/exercises/{slug}.svg",
        "thumbnail_url": None,
        "easier_exercise_id": None,
        "harder_exercise_id": None,
        "is_active": True,
        "created_at": EXERCISE_CREATED,
    }


def _user(uid, tg, username, first, last, avatar, level, xp, coins, streak, best, last_day, at, updated=None, **more):
    return {
        "id": uid,
        "telegram_id": tg,
        "username": username,
        "first_name": first,
        "last_name": last,
        "photo_url": None,
        "avatar_id": avatar,
        "level": level,
        "total_xp": xp,
        "coins": coins,
        "current_streak": streak,
        "max_streak": best,
        "last_workout_date": last_day,
        "notification_time": more.get("notification_time"),
        "notifications_enabled": more.get("notifications_enabled", True),
        "is_onboarded": more.get("is_onboarded", True),
        "created_at": at,
        "updated_at": updated or at,
    }


def _session(sid, uid, started, finished, duration, xp, coins, reps, seconds, multiplier, status):
    return {
        "id": sid,
        "user_id": uid,
        "started_at": started,
        "finished_at": finished,
        "duration_seconds": duration,
        "total_xp_earned": xp,
        "total_coins_earned": coins,
        "total_reps": reps,
        "total_duration_seconds": seconds,
        "streak_multiplier": multiplier,
        "status": status,
    }


def _exercise_row(rid, sid, eid, sets, reps, seconds, xp, done):
    return {
        "id": rid,
        "workout_session_id": sid,
        "exercise_id": eid,
        "sets_completed": sets,
        "total_reps": reps,
        "total_duration_seconds": seconds,
        "xp_earned": xp,
        "coins_earned": 0,
        "completed_at": done,
    }


S1_END = datetime(2025, 12, 31, 6, 35, 0, 412000)
S3_END = datetime(2026, 1, 1, 19, 50, 0, 250000)
S4_END = datetime(2025, 12, 30, 9, 30)


def rows(shape: str) -> dict[str, list[dict[str, Any]]]:
    """The rows of §6.2 (and iron_vet's workout), as the shape holds them."""
    oldest = shape == OLDEST
    category = [(1, "strength", 1), (2, "cardio", 2), (3, "static", 3), (4, "dynamic-stretch", 4)]
    category += [(5, "static-stretch", 5), (6, "legs", 3)]
    no_tags: list[str] = []
    # fmt: off
    users = [
        _user(1, 100000001, "alice", "Alice", None, "fire-fox", 2, 367, 81, 2, 2, date(2026, 1, 1),
              datetime(2025, 12, 30, 21), datetime(2026, 1, 1, 19, 50)),
        _user(2, 5000000002, None, "Борис", None, "shadow-wolf", 1, 0, 0, 0, 0, None,
              datetime(2026, 1, 1, 10), is_onboarded=False),
        _user(3, 200000003, "iron_vet", "Viktor", "V", "griffin", 8, 5200, 130, 4, 12, date(2025, 12, 30),
              datetime(2025, 12, 28, 2), datetime(2026, 1, 1, 18, 31), notification_time=time(8, 0)),
        _user(4, 300000004, "old_timer", "Old", None, "wolf", 0, 0, 0, 0, 0, None,
              datetime(2025, 12, 28, 3, 50), notifications_enabled=False, is_onboarded=False),
    ]
    user_exercise_progress = [
        {"id": 1, "user_id": 1, "exercise_id": 7, "total_reps_ever": 64, "best_single_set": 12,
         "times_performed": 2, "last_performed_at": S3_END, "recommended_upgrade": False},
        {"id": 2, "user_id": 1, "exercise_id": 20, "total_reps_ever": 0, "best_single_set": 0,
         "times_performed": 1, "last_performed_at": S1_END, "recommended_upgrade": False},
        {"id": 3, "user_id": 1, "exercise_id": 12, "total_reps_ever": 40, "best_single_set": 20,
         "times_performed": 1, "last_performed_at": S1_END, "recommended_upgrade": False},
        {"id": 4, "user_id": 1, "exercise_id": 15, "total_reps_ever": 20, "best_single_set": 10,
         "times_performed": 1, "last_performed_at": S3_END, "recommended_upgrade": False},
    ]
    notifications = [
        {"id": i, "user_id": u, "notification_type": kind, "title": "Уведомление", "message": "Текст",
         "is_read": read, "related_user_id": related, "created_at": at}
        for i, u, kind, read, related, at in (
            (1, 2, "welcome", False, None, datetime(2026, 1, 1, 10)),
            (2, 1, "friend_request", False, 2, datetime(2026, 1, 1, 10, 5)),
            (3, 1, "friend_accepted", True, 3, datetime(2025, 12, 31, 8)),
            (4, 1, "achievement", True, None, datetime(2025, 12, 31, 6, 35)),
            (5, 1, "level_up", False, None, datetime(2026, 1, 1, 19, 50)),
            (6, 3, "inactivity_reminder", False, None, datetime(2026, 1, 2, 12)),
        )
    ]
    user_goals = [
        {"id": 1, "user_id": 3, "goal_type": "weekly_workouts", "target_value": 5, "current_value": 0,
         "start_date": date(2025, 12, 29), "end_date": date(2026, 1, 5), "completed": False,
         "completed_at": None, "created_at": datetime(2025, 12, 29, 9)},
    ]
    user_custom_routines = [
        {"id": 1, "user_id": 3, "name": "Morning set", "description": None, "routine_type": "morning",
         "duration_minutes": 2, "is_active": True, "created_at": datetime(2025, 12, 30, 8),
         "updated_at": datetime(2025, 12, 30, 8)},
        {"id": 2, "user_id": 3, "name": "Old plan", "description": None, "routine_type": "workout",
         "duration_minutes": 1, "is_active": False, "created_at": datetime(2025, 12, 29, 8),
         "updated_at": datetime(2025, 12, 30, 8, 5)},
    ]
    user_custom_routine_exercises = [
        {"id": i, "routine_id": r, "exercise_id": e, "sort_order": o, "target_reps": reps,
         "target_duration": secs, "rest_seconds": 30}
        for i, r, e, o, reps, secs in ((1, 1, 7, 0, 15, None), (2, 1, 20, 1, None, 60), (3, 1, 12, 2, 20, None),
                                       (4, 2, 15, 0, 10, None))
    ]
    # fmt: on
    return {
        "exercise_categories": [
            {"id": i, "slug": s, "name": s.title(), "name_ru": s, "icon": s, "color": "#00a800", "sort_order": o}
            for i, s, o in category
        ],
        "users": users,
        "exercises": [
            _exercise(7, 1, "pushup-regular", 2, 10, False, ["chest", "triceps", "shoulders", "intermediate", "home"]),
            _exercise(12, 1, "squat-regular", 1, 8, False, ["quads", "glutes", "hamstrings", "beginner", "home"]),
            _exercise(15, 2, "burpee", 3, 15, False, ["full-body", "chest", "core", "intermediate", "home"], 2),
            _exercise(20, 3, "plank", 1, 8, True, ["core", "shoulders", "beginner", "home"]),
            _exercise(33, 6, "lunge-regular", 2, 10, False, no_tags),
            _exercise(34, 6, UNMATCHED_SLUG, 2, 10, False, no_tags),
        ],
        "workout_sessions": [
            _session(1, 1, datetime(2025, 12, 31, 6, 10, 0, 412000), S1_END, 1500, 99, 75, 68, 105, 1.00, "completed"),
            _session(2, 1, datetime(2026, 1, 1, 18), datetime(2026, 1, 1, 18, 55), None, 0, 0, 0, 0, 1.02, "cancelled"),
            _session(3, 1, datetime(2026, 1, 1, 19, 0, 0, 250000), S3_END, 3000, 118, 6, 56, 0, 1.02, "completed"),
            _session(4, 3, datetime(2025, 12, 30, 9), S4_END, 1800, 40, 0, 54, 0, 1.05, "completed"),
        ],
        "workout_exercises": [
            _exercise_row(1, 1, 7, 3, 28, 0, 53, S1_END.replace(microsecond=0)),
            # Before 2025-12-28 04:40 the earlier app kept a timed exercise's seconds in total_reps.
            _exercise_row(2, 1, 20, 2, 105 if oldest else 0, 105, 20, S1_END.replace(microsecond=0)),
            _exercise_row(3, 1, 12, 2, 40, 0, 26, S1_END.replace(microsecond=0)),
            _exercise_row(4, 3, 7, 3, 36, 0, 54, S3_END.replace(microsecond=0)),
            _exercise_row(5, 3, 15, 2, 20, 0, 64, S3_END.replace(microsecond=0)),
            _exercise_row(6, 4, 33, 2, 30, 0, 22, S4_END),
            _exercise_row(7, 4, 34, 2, 24, 0, 18, S4_END),
        ],
        "user_exercise_progress": user_exercise_progress,
        # Before revision 005 the achievements had underscore names (§5.3).
        "user_achievements": [
            {"id": i, "user_id": u, "achievement_slug": old if oldest else new, "unlocked_at": at}
            for i, u, new, old, at in (
                (1, 1, "first-blood", "first_workout", datetime(2025, 12, 31, 6, 35)),
                (2, 1, "early-bird", "early_bird", datetime(2025, 12, 31, 6, 35)),
                (3, 3, "first-blood", "first_workout", datetime(2025, 12, 28, 2, 30)),
                (4, 3, "streak-3", "streak_3", datetime(2025, 12, 30, 9)),
                (5, 3, "level-5", "level_5", datetime(2025, 12, 29, 12)),
                (6, 3, "xp-1000", "xp_1000", datetime(2025, 12, 29, 12)),
            )
        ],
        "user_avatar_purchases": [
            {"id": 1, "user_id": 3, "avatar_id": "phoenix", "purchased_at": datetime(2026, 1, 1, 18, 30)},
            {"id": 2, "user_id": 3, "avatar_id": "griffin", "purchased_at": datetime(2026, 1, 1, 18, 31)},
        ],
        "friendships": [
            {"id": 1, "user_id": 1, "friend_id": 3, "status": "accepted", "created_at": datetime(2025, 12, 31, 7)},
            {"id": 2, "user_id": 3, "friend_id": 1, "status": "accepted", "created_at": datetime(2025, 12, 31, 8)},
            {"id": 3, "user_id": 2, "friend_id": 1, "status": "pending", "created_at": datetime(2026, 1, 1, 10, 5)},
        ],
        "notifications": notifications,
        "user_goals": user_goals,
        "user_favorite_exercises": [
            {"id": 1, "user_id": 1, "exercise_id": 7, "created_at": datetime(2025, 12, 31, 7, 10)},
            {"id": 2, "user_id": 1, "exercise_id": 20, "created_at": datetime(2025, 12, 31, 7, 11)},
        ],
        "user_custom_routines": user_custom_routines,
        "user_custom_routine_exercises": user_custom_routine_exercises,
    }


def _native(dialect: str, kind: str, now: bool, value: Any) -> Any:
    """A value as the earlier app's engine stored it (§4.10)."""
    if value is None:
        return None
    if kind == "json":
        return json.dumps(value)
    if dialect != "sqlite":
        return value
    if kind == "bool":
        return 1 if value else 0
    if kind == "ts":
        # Server defaults (CURRENT_TIMESTAMP) have no fraction; the app wrote six digits.
        return value.strftime("%Y-%m-%d %H:%M:%S" if now else "%Y-%m-%d %H:%M:%S.%f")
    if kind == "time":
        return value.strftime("%H:%M:%S.%f")
    if kind in ("date",):
        return value.isoformat()
    if kind == "num":
        return float(value)
    return value


def insert_rows(connection, dialect: str, shape: str, name: str, items: list[dict[str, Any]]) -> None:
    columns = columns_of(name, shape)
    names = [c[0] for c in columns]
    holders = [f"CAST(:{c[0]} AS JSON)" if c[1] == "json" and dialect == "postgresql" else f":{c[0]}" for c in columns]
    statement = text(f"INSERT INTO {name} ({', '.join(names)}) VALUES ({', '.join(holders)})")
    for item in items:
        connection.execute(statement, {c[0]: _native(dialect, c[1], c[3], item.get(c[0])) for c in columns})
    if dialect == "postgresql" and items:
        connection.execute(text(f"SELECT setval('{name}_id_seq', (SELECT max(id) FROM {name}))"))


def build_earlier_database(url: str, stamped: str | None = NEWEST, shape: str = NEWEST) -> None:
    """The earlier app's database at `shape` with the rows of §6.2, stamped
    `stamped` (its operators stamped by hand: any value, or None for no
    alembic_version)."""
    # A plain engine: no WAL journal, no foreign keys enforced on SQLite, as the earlier app ran.
    engine = create_engine(normalize_database_url(url))
    dialect = engine.dialect.name
    try:
        with engine.begin() as connection:
            for statement in ddl(dialect, shape):
                connection.execute(text(statement))
            for name, items in rows(shape).items():
                if name in tables_of(shape):
                    insert_rows(connection, dialect, shape, name, items)
            if stamped is not None:
                connection.execute(
                    text(
                        "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
                        "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"
                    )
                )
                connection.execute(text("INSERT INTO alembic_version VALUES (:rev)"), {"rev": stamped})
    finally:
        engine.dispose()


def build_shape(url: str, shape: str) -> None:
    """The shape as it is found in the wild: the newest stamped with its revision,
    the oldest never migrated."""
    build_earlier_database(url, stamped=NEWEST if shape == NEWEST else None, shape=shape)


def _execute(url: str, *statements: str) -> None:
    engine = create_engine(normalize_database_url(url))
    try:
        with engine.begin() as connection:
            for statement in statements:
                connection.execute(text(statement))
    finally:
        engine.dispose()


def derive(url: str, variant: str) -> None:
    """One variant of §6.3 from the newest database (built first)."""
    sqlite = url.startswith("sqlite")
    if variant == "A":  # revision 005: no purchases table yet; iron_vet wears griffin unpaid
        _execute(
            url,
            "DROP TABLE user_avatar_purchases",
            "UPDATE alembic_version SET version_num = '005_update_achievement_slugs'",
        )
    elif variant == "B":  # stamped head, 005's renaming never ran
        when = "'2025-12-31 10:00:00'" if sqlite else "TIMESTAMP '2025-12-31 10:00:00'"
        _execute(
            url,
            "UPDATE user_achievements SET achievement_slug = 'first_workout' WHERE id = 3",
            "UPDATE user_achievements SET achievement_slug = 'streak_3' WHERE id = 4",
            "INSERT INTO user_achievements (id, user_id, achievement_slug, unlocked_at)"
            f" VALUES (7, 3, 'first-blood', {when})",
        )
    elif variant == "C":  # SQLite only: booleans a migration filled are the text 'false'
        _execute(
            url,
            "UPDATE users SET is_onboarded = 'false' WHERE id IN (2, 4)",
            "UPDATE users SET notifications_enabled = 'false' WHERE id = 3",
        )
    elif variant == "D":  # never migrated
        _execute(url, "DROP TABLE alembic_version")
    elif variant == "E":  # revision 006: the public-leaderboard opt-in
        default = "'false'" if sqlite else "false"
        _execute(
            url,
            f"ALTER TABLE users ADD COLUMN leaderboard_visible BOOLEAN NOT NULL DEFAULT {default}",
            f"UPDATE users SET leaderboard_visible = {'1' if sqlite else 'true'} WHERE id = 1",
            "UPDATE alembic_version SET version_num = '006_add_leaderboard_visible'",
        )
    else:
        raise ValueError(variant)


def build_first_day(url: str) -> None:
    """The first-day schema (2025-12-27), which no later version of the app read."""
    _execute(
        url,
        "CREATE TABLE users (id INTEGER PRIMARY KEY, telegram_id BIGINT NOT NULL, username VARCHAR(255), "
        "experience INTEGER NOT NULL, streak_days INTEGER NOT NULL, total_workouts INTEGER NOT NULL)",
        "CREATE TABLE workouts (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL)",
        "INSERT INTO users VALUES (1, 100000001, 'alice', 40, 1, 1)",
    )
