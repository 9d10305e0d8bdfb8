"""The earlier app's rows as plain values, decoded the same way from both engines.

On SQLite the earlier app's values come back as it stored them: timestamps as text
(with or without fractions), booleans as 0/1 or, where one of its migrations
filled a column, as the text 'false'. All of its timestamps are naive UTC.
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import Connection, column, func, select, table

from bodyweight.importer.recognise import Shape
from bodyweight.importer.source import ImportRefused

_TRUE = {"1", "true", "t", "yes", "y", "on"}
_FALSE = {"0", "false", "f", "no", "n", "off", ""}


def as_bool(value: Any, default: bool) -> bool:
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return value != 0
    word = str(value).strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise ValueError(f"{value!r} is not a boolean")


def as_datetime(value: Any) -> datetime | None:
    """Aware UTC (the earlier app stored naive UTC everywhere)."""
    if value is None or value == "":
        return None
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value).strip())
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def as_date(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value).strip()[:10])


def as_time(value: Any) -> time | None:
    if value is None or value == "":
        return None
    if isinstance(value, time):
        return value
    return time.fromisoformat(str(value).strip())


def as_int(value: Any, default: int = 0) -> int:
    if value is None or value == "":
        return default
    if isinstance(value, bool):
        return int(value)
    return int(value) if isinstance(value, int) else int(float(str(value)))


@dataclass(frozen=True, slots=True)
class EarlierPlayer:
    id: int
    telegram_id: int
    username: str | None
    first_name: str | None
    avatar_id: str | None  # None: the first model, which had no avatar column
    level: int
    total_xp: int
    coins: int
    current_streak: int
    max_streak: int
    last_workout_date: date | None
    notification_time: time | None
    notifications_enabled: bool
    leaderboard_visible: bool | None  # None: before revision 006, which asked for it
    created_at: datetime | None


@dataclass(frozen=True, slots=True)
class EarlierExercise:
    id: int
    slug: str
    is_timed: bool | None  # None: the first model, which did not say


@dataclass(frozen=True, slots=True)
class EarlierExerciseRow:
    """One exercise of one workout: the earlier app kept no single sets."""

    id: int
    exercise_id: int
    sets: int
    reps: int  # the sum over the sets
    seconds: int  # the sum over the sets
    xp: int


@dataclass(frozen=True, slots=True)
class EarlierSession:
    id: int
    user_id: int
    started_at: datetime | None
    finished_at: datetime | None
    duration_seconds: int | None
    xp: int
    coins: int
    status: str
    rows: tuple[EarlierExerciseRow, ...]

    @property
    def sets(self) -> int:
        return sum(max(row.sets, 0) for row in self.rows)


@dataclass(frozen=True, slots=True)
class Earned:
    """An achievement (slug as stored, perhaps an underscore name) or a bought avatar."""

    user_id: int
    slug: str
    at: datetime | None


@dataclass(frozen=True, slots=True)
class EarlierFriendship:
    user_id: int
    friend_id: int
    status: str
    created_at: datetime | None


@dataclass
class EarlierData:
    players: list[EarlierPlayer]
    exercises: dict[int, EarlierExercise]
    sessions: dict[int, list[EarlierSession]]  # by user id, oldest first
    achievements: dict[int, list[Earned]]
    purchases: dict[int, list[Earned]]
    friendships: list[EarlierFriendship]
    # Rows whose player does not exist (SQLite never enforced the foreign keys).
    orphans: dict[str, int] = field(default_factory=dict)
    # Rows of tables with no counterpart here, counted for the report.
    not_carried: dict[str, int] = field(default_factory=dict)


# Tables read only to be counted, and what the report calls them.
NOT_CARRIED = (
    ("notifications", "notifications (in-app inbox)"),
    ("user_goals", "goals"),
    ("user_custom_routines", "custom routines"),
    ("user_custom_routine_exercises", "custom routine steps"),
    ("user_favorite_exercises", "favourite exercises"),
    ("user_exercise_progress", "per-exercise totals (derived from workouts)"),
    ("user_purchases", "generic shop purchases"),
)


class _Reader:
    def __init__(self, connection: Connection, shape: Shape) -> None:
        self.connection = connection
        self.shape = shape

    def rows(self, name: str, wanted: Iterable[str]) -> Iterator[dict[str, Any]]:
        """The table's rows in id order, with the wanted columns that exist (the
        others read as None)."""
        wanted = list(wanted)
        present = [c for c in wanted if self.shape.has(name, c)]
        source = table(name, *(column(c) for c in present))
        order = source.c.id if "id" in present else None
        query = select(*source.c).order_by(order)
        for row in self.connection.execute(query).mappings():
            values = dict.fromkeys(wanted)
            values.update(row)
            yield values

    def count(self, name: str) -> int:
        if not self.shape.has(name):
            return 0
        return self.connection.scalar(select(func.count()).select_from(table(name))) or 0


def _decoded(name: str, row: dict[str, Any], decode: Any) -> Any:
    try:
        return decode(row)
    except (TypeError, ValueError) as exc:
        raise ImportRefused(f"{name} row {row.get('id')}: a value this importer cannot read ({exc})") from None


def _player(row: dict[str, Any]) -> EarlierPlayer:
    return EarlierPlayer(
        id=as_int(row["id"]),
        telegram_id=as_int(row["telegram_id"]),
        username=row["username"],
        first_name=row["first_name"],
        avatar_id=row["avatar_id"],
        level=as_int(row["level"], 1),
        total_xp=as_int(row["total_xp"]),
        coins=as_int(row["coins"]),
        current_streak=as_int(row["current_streak"]),
        max_streak=as_int(row["max_streak"]),
        last_workout_date=as_date(row["last_workout_date"]),
        notification_time=as_time(row["notification_time"]),
        notifications_enabled=as_bool(row["notifications_enabled"], True),
        leaderboard_visible=None if row["leaderboard_visible"] is None else as_bool(row["leaderboard_visible"], False),
        created_at=as_datetime(row["created_at"]),
    )


def read(connection: Connection, shape: Shape) -> EarlierData:
    reader = _Reader(connection, shape)
    players = [
        _decoded("users", row, _player)
        for row in reader.rows(
            "users",
            "id telegram_id username first_name avatar_id level total_xp coins current_streak max_streak"
            " last_workout_date notification_time notifications_enabled leaderboard_visible created_at".split(),
        )
    ]
    known = {p.id for p in players}
    orphans: dict[str, int] = {}

    def owned(name: str, user_id: int) -> bool:
        if user_id in known:
            return True
        orphans[name] = orphans.get(name, 0) + 1
        return False

    exercises = {
        e.id: e
        for e in (
            _decoded(
                "exercises",
                row,
                lambda r: EarlierExercise(
                    as_int(r["id"]), str(r["slug"]), None if r["is_timed"] is None else as_bool(r["is_timed"], False)
                ),
            )
            for row in reader.rows("exercises", ["id", "slug", "is_timed"])
        )
    }
    rows_by_session: dict[int, list[EarlierExerciseRow]] = {}
    for row in reader.rows(
        "workout_exercises",
        "id workout_session_id exercise_id sets_completed total_reps total_duration_seconds xp_earned".split(),
    ):
        decoded = _decoded(
            "workout_exercises",
            row,
            lambda r: EarlierExerciseRow(
                as_int(r["id"]),
                as_int(r["exercise_id"]),
                as_int(r["sets_completed"]),
                as_int(r["total_reps"]),
                as_int(r["total_duration_seconds"]),
                as_int(r["xp_earned"]),
            ),
        )
        rows_by_session.setdefault(as_int(row["workout_session_id"]), []).append(decoded)
    sessions: dict[int, list[EarlierSession]] = {}
    session_ids: set[int] = set()
    for row in reader.rows(
        "workout_sessions",
        "id user_id started_at finished_at duration_seconds total_xp_earned total_coins_earned status".split(),
    ):
        session = _decoded(
            "workout_sessions",
            row,
            lambda r: EarlierSession(
                id=as_int(r["id"]),
                user_id=as_int(r["user_id"]),
                started_at=as_datetime(r["started_at"]),
                finished_at=as_datetime(r["finished_at"]),
                duration_seconds=None if r["duration_seconds"] is None else as_int(r["duration_seconds"]),
                xp=as_int(r["total_xp_earned"]),
                coins=as_int(r["total_coins_earned"]),
                status=str(r["status"] or ""),
                rows=tuple(rows_by_session.get(as_int(r["id"]), ())),
            ),
        )
        session_ids.add(session.id)
        if owned("workout_sessions", session.user_id):
            sessions.setdefault(session.user_id, []).append(session)
    stray_rows = sum(len(rows) for sid, rows in rows_by_session.items() if sid not in session_ids)
    if stray_rows:
        orphans["workout_exercises"] = stray_rows
    for player_sessions in sessions.values():
        player_sessions.sort(key=lambda s: (s.finished_at or s.started_at or datetime.min.replace(tzinfo=UTC), s.id))

    def earned(name: str, slug_column: str, at_column: str) -> dict[int, list[Earned]]:
        found: dict[int, list[Earned]] = {}
        if not shape.has(name):
            return found
        for row in reader.rows(name, ["id", "user_id", slug_column, at_column]):
            item = _decoded(
                name, row, lambda r: Earned(as_int(r["user_id"]), str(r[slug_column]), as_datetime(r[at_column]))
            )
            if owned(name, item.user_id):
                found.setdefault(item.user_id, []).append(item)
        return found

    friendships = []
    for row in reader.rows("friendships", ["id", "user_id", "friend_id", "status", "created_at"]):
        friendship = _decoded(
            "friendships",
            row,
            lambda r: EarlierFriendship(
                as_int(r["user_id"]), as_int(r["friend_id"]), str(r["status"] or ""), as_datetime(r["created_at"])
            ),
        )
        if owned("friendships", friendship.user_id) and owned("friendships", friendship.friend_id):
            friendships.append(friendship)

    return EarlierData(
        players=players,
        exercises=exercises,
        sessions=sessions,
        achievements=earned("user_achievements", "achievement_slug", "unlocked_at"),
        purchases=earned("user_avatar_purchases", "avatar_id", "purchased_at"),
        friendships=friendships,
        orphans=orphans,
        not_carried={label: n for name, label in NOT_CARRIED if (n := reader.count(name))},
    )
