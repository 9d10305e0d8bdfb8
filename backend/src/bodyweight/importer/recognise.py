"""Which shape of the earlier app's database is this, or why it is not one.

The earlier app made its tables with SQLAlchemy's `create_all` and stamped its
Alembic revision by hand, so `alembic_version` is a hint, not proof: the tables
and columns decide. Every recognised database has the tables of the app's model of
2025-12-28 (which its first revision, `001_add_is_onboarded`, builds on); the
columns and tables added after that are read when present and treated as empty
when not. Anything else (the first-day schema, a newer app that added accounts
without Telegram, another program's database, this app's own) is refused with
the differences.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import Connection, inspect, text

from bodyweight.importer.source import ImportRefused

# The earlier app's revisions this importer reads, oldest first. 004 and 005 only
# rewrote data; 006 and 007 add and normalise `users.leaderboard_visible`.
REVISIONS = (
    "001_add_is_onboarded",
    "002_add_equipment",
    "003_tags_favorites_routines",
    "004_update_gif_urls",
    "005_update_achievement_slugs",
    "67aca3c3bf83",
    "006_add_leaderboard_visible",
    "007_normalize_leaderboard_visible",
)
# Newer revisions of the earlier app, named so the refusal can say so.
NEWER_REVISIONS = (
    "008_add_web_auth_fields",
    "009_add_monthly_bosses",
    "010_add_boss_image_url",
    "011_add_challenges",
    "012_add_streak_freezes",
    "013_add_activity_norms",
    "014_add_exercise_records",
    "015_add_sound_enabled",
)


def _columns(names: str) -> frozenset[str]:
    return frozenset(names.split())


# The model of 2025-12-28 00:11: eleven tables, with these columns at least.
BASE_TABLES: Mapping[str, frozenset[str]] = {
    "users": _columns(
        "id telegram_id username first_name last_name level total_xp coins current_streak max_streak"
        " last_workout_date notification_time notifications_enabled created_at updated_at"
    ),
    "exercise_categories": _columns("id slug name name_ru icon color sort_order"),
    "exercises": _columns(
        "id category_id slug name name_ru description description_ru difficulty base_xp required_level"
        " gif_url thumbnail_url easier_exercise_id harder_exercise_id is_active created_at"
    ),
    "workout_sessions": _columns(
        "id user_id started_at finished_at duration_seconds total_xp_earned total_coins_earned total_reps"
        " streak_multiplier status"
    ),
    "workout_exercises": _columns(
        "id workout_session_id exercise_id sets_completed total_reps xp_earned coins_earned completed_at"
    ),
    "user_achievements": _columns("id user_id achievement_slug unlocked_at"),
    "user_exercise_progress": _columns(
        "id user_id exercise_id total_reps_ever best_single_set times_performed last_performed_at recommended_upgrade"
    ),
    "user_goals": _columns(
        "id user_id goal_type target_value current_value start_date end_date completed completed_at created_at"
    ),
    "friendships": _columns("id user_id friend_id status created_at"),
    "shop_items": _columns("id slug name name_ru item_type price_coins required_level sprite_url is_active"),
    "user_purchases": _columns("id user_id shop_item_id purchased_at is_equipped"),
}

# Columns added later, and the revision of the earlier app that added each (None:
# only its model did, and `create_all` made them with a new table).
ADDED_COLUMNS: Mapping[tuple[str, str], str | None] = {
    ("users", "avatar_id"): None,
    ("users", "is_onboarded"): "001_add_is_onboarded",
    ("exercises", "equipment"): "002_add_equipment",
    ("exercises", "is_timed"): None,
    ("workout_sessions", "total_duration_seconds"): None,
    ("workout_exercises", "total_duration_seconds"): None,
    ("exercises", "tags"): "003_tags_favorites_routines",
    ("users", "leaderboard_visible"): "006_add_leaderboard_visible",
}
# The first model's avatar column: `create_all` never dropped it.
LEGACY_COLUMNS = frozenset({("users", "photo_url")})

ADDED_TABLES: Mapping[str, tuple[frozenset[str], str | None]] = {
    "notifications": (
        _columns("id user_id notification_type title message is_read related_user_id created_at"),
        None,
    ),
    "user_favorite_exercises": (_columns("id user_id exercise_id created_at"), "003_tags_favorites_routines"),
    "user_custom_routines": (
        _columns("id user_id name description routine_type duration_minutes is_active created_at updated_at"),
        "003_tags_favorites_routines",
    ),
    "user_custom_routine_exercises": (
        _columns("id routine_id exercise_id sort_order target_reps target_duration rest_seconds"),
        "003_tags_favorites_routines",
    ),
    "user_avatar_purchases": (_columns("id user_id avatar_id purchased_at"), "67aca3c3bf83"),
}

# What the newer revisions (008 onwards) added: their data has no place here.
NEWER_COLUMNS = frozenset(
    {
        ("users", "email"),
        ("users", "password_hash"),
        ("users", "streak_freezes"),
        ("users", "daily_activity_norm"),
        ("users", "sound_enabled"),
        ("user_exercise_progress", "best_workout_reps"),
        ("user_exercise_progress", "best_single_day"),
    }
)
NEWER_TABLES = frozenset(
    {
        "monthly_bosses",
        "boss_contributions",
        "challenges",
        "challenge_exercises",
        "challenge_participants",
        "challenge_progress",
        "user_activity_norms",
    }
)
# The first-day schema (2025-12-27), which no later app could run on.
FIRST_DAY_USERS = frozenset({"experience", "streak_days", "total_workouts", "reminder_time"})
# Tables only this app has: the source is one of ours, not the earlier app's.
OURS = frozenset({"coin_transactions", "workout_sets", "idempotency_keys"})


@dataclass(frozen=True)
class Shape:
    """A recognised database: its tables' columns, the stamped revision (None when
    there is no `alembic_version`), the revision the tables show, and notes for
    the report where the two disagree."""

    columns: Mapping[str, frozenset[str]]
    stamped: str | None
    built: str | None  # None: the model of 2025-12-28, before revision 001
    ignored_tables: tuple[str, ...] = ()
    notes: list[str] = field(default_factory=list)

    def has(self, table: str, column: str | None = None) -> bool:
        if column is None:
            return table in self.columns
        return column in self.columns.get(table, ())


def _live(connection: Connection) -> dict[str, frozenset[str]]:
    inspector = inspect(connection)
    return {name: frozenset(c["name"] for c in inspector.get_columns(name)) for name in inspector.get_table_names()}


def _stamped(connection: Connection, live: Mapping[str, frozenset[str]]) -> list[str]:
    if "alembic_version" not in live:
        return []
    return [row[0] for row in connection.execute(text("SELECT version_num FROM alembic_version"))]


def differences(live: Mapping[str, frozenset[str]]) -> list[str]:
    """Why `live` is not a database of the earlier app this importer reads; empty
    when it is one."""
    found: list[str] = []
    if OURS & live.keys():
        found.append(
            f"tables {', '.join(sorted(OURS & live.keys()))} are this app's: this is a BodyWeight database of "
            "this version, not the earlier app's"
        )
    users = live.get("users", frozenset())
    if FIRST_DAY_USERS & users:
        found.append(
            f"users has {', '.join(sorted(FIRST_DAY_USERS & users))}: the earlier app's first-day schema "
            "(2025-12-27), which none of its later versions could read"
        )
    for table in sorted(BASE_TABLES.keys() - live.keys()):
        found.append(f"missing table {table}")
    for table, needed in sorted(BASE_TABLES.items()):
        if table in live:
            found += [f"missing column {table}.{c}" for c in sorted(needed - live[table])]
    for table, (needed, _) in sorted(ADDED_TABLES.items()):
        if table in live:
            found += [f"missing column {table}.{c}" for c in sorted(needed - live[table])]
    newer = [f"table {t}" for t in sorted(NEWER_TABLES & live.keys())]
    newer += [f"column {t}.{c}" for t, c in sorted(NEWER_COLUMNS) if c in live.get(t, ())]
    if newer:
        found.append(
            f"{'; '.join(newer)}: from the earlier app's revisions 008 and later, whose data (accounts "
            "without Telegram, bosses, challenges...) has no place here"
        )
    known = {**BASE_TABLES, **{t: c for t, (c, _) in ADDED_TABLES.items()}}
    for table, columns in sorted(live.items()):
        if table not in known:
            continue
        # Known later and legacy columns are fine; newer ones were listed above.
        later = {c for t, c in (*ADDED_COLUMNS, *LEGACY_COLUMNS, *NEWER_COLUMNS) if t == table}
        allowed = known[table] | later
        extra = sorted(columns - allowed - (FIRST_DAY_USERS if table == "users" else frozenset()))
        found += [f"unexpected column {table}.{c}" for c in extra]
    return found


def _built(live: Mapping[str, frozenset[str]]) -> str | None:
    """The newest revision whose schema changes are all present."""
    marks: dict[str, list[bool]] = {}
    for (table, column), revision in ADDED_COLUMNS.items():
        if revision is not None:
            marks.setdefault(revision, []).append(column in live.get(table, ()))
    for table, (_, revision) in ADDED_TABLES.items():
        if revision is not None:
            marks.setdefault(revision, []).append(table in live)
    built = None
    for revision in REVISIONS:
        present = marks.get(revision)
        if present is None:  # a data-only revision: the tables cannot tell
            continue
        if not all(present):
            break
        built = revision
    return built


def recognise(connection: Connection) -> Shape:
    live = _live(connection)
    stamped_rows = _stamped(connection, live)
    problems = differences(live)
    stamped = stamped_rows[0] if len(stamped_rows) == 1 else None
    if len(stamped_rows) > 1:
        problems.append(f"alembic_version holds {len(stamped_rows)} revisions; the earlier app's chain had one head")
    elif stamped is not None and stamped not in REVISIONS:
        if stamped in NEWER_REVISIONS:
            problems.append(f"stamped {stamped}, a revision of the earlier app newer than this importer reads")
        else:
            problems.append(
                f"stamped {stamped}, which is not a revision of the earlier app (known: {', '.join(REVISIONS)})"
            )
    if problems:
        raise ImportRefused(
            "this is not a database of the earlier BodyWeight app that can be imported:\n  " + "\n  ".join(problems)
        )
    columns = {t: c for t, c in live.items() if t in BASE_TABLES or t in ADDED_TABLES}
    ignored = tuple(sorted(live.keys() - columns.keys() - {"alembic_version"}))
    built = _built(live)
    notes = []
    if stamped is None:
        notes.append("no alembic_version: never migrated; recognised by its tables alone")
    elif _order(stamped) < _order(built):
        notes.append(f"stamped {stamped}, but its tables are those of {built} (the app made them itself)")
    elif _order(stamped) > _order(built):
        notes.append(
            f"stamped {stamped}, but its tables are those of {built or 'the model before revision 001'}: "
            "read as they are"
        )
    if ignored:
        notes.append(f"tables not read (left over from older versions or not the app's): {', '.join(ignored)}")
    return Shape(columns, stamped, built, ignored, notes)


def _order(revision: str | None) -> int:
    """Position in the chain as tables show it: the data-only revisions (004, 005,
    007) rank with the one before them."""
    if revision is None:
        return -1
    same_tables = {
        "004_update_gif_urls": "003_tags_favorites_routines",
        "005_update_achievement_slugs": "003_tags_favorites_routines",
        "007_normalize_leaderboard_visible": "006_add_leaderboard_visible",
    }
    return REVISIONS.index(same_tables.get(revision, revision))
