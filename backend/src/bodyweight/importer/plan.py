"""What every earlier row becomes here, decided without writing anything: the same
decisions back the dry run's report and the import itself.

Rules (docs/importing-the-earlier-app.md explains them to operators):
- A player keeps their Telegram id; the username is their Telegram handle, or the
  next name Telegram sign-in would give them when it is taken here.
- XP, coins and streaks are the earlier values (negative ones read as 0); the level
  is recomputed from XP by this app's rules (the earlier app's could lag).
- Only completed workouts come over. The earlier app kept one row per exercise
  (sets, total reps, total seconds); its sets are rebuilt by splitting the totals
  evenly (28 reps in 3 sets: 10, 9, 9), XP likewise. A row that cannot become sets
  (unknown exercise, reps for an exercise measured in seconds here or the reverse,
  values outside this app's bounds) is kept in `imported_unmatched_sets`.
"""

import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from bodyweight import rules
from bodyweight.auth.service import telegram_display_name, telegram_usernames
from bodyweight.importer import mapping
from bodyweight.importer.read import (
    EarlierData,
    EarlierExerciseRow,
    EarlierFriendship,
    EarlierPlayer,
    EarlierSession,
)
from bodyweight.users.player import Player


@dataclass(frozen=True, slots=True)
class PlannedSet:
    exercise_id: str
    reps: int | None
    seconds: int | None
    xp: int


@dataclass(frozen=True, slots=True)
class KeptRow:
    """An exercise row kept aside (imported_unmatched_sets), and why."""

    earlier_exercise_id: int
    earlier_slug: str | None
    reason: str
    sets: int
    reps: int
    seconds: int
    xp: int


@dataclass(frozen=True, slots=True)
class PlannedWorkout:
    earlier_id: int
    started_at: datetime
    finished_at: datetime
    local_date: date
    xp: int
    coins: int
    sets: tuple[PlannedSet, ...]
    kept: tuple[KeptRow, ...]
    matched_rows: int
    aliases: tuple[tuple[str, str], ...]  # (earlier slug, this app's) of rows matched by an alias
    corrected: bool  # it ended before it started (a client-reported duration): starts when it ends


@dataclass
class PlayerPlan:
    earlier: EarlierPlayer
    username: str  # the first free candidate when planned; the write tries the rest too
    candidates: list[str]
    renamed_from: str | None  # the name it would have had (the Telegram handle), taken here
    display_name: str | None
    total_xp: int
    level: int
    coins: int
    current_streak: int
    max_streak: int
    avatar_id: str
    avatar_note: str | None
    purchases: list[tuple[str, datetime | None]]
    purchases_refused: list[str]
    workouts: list[PlannedWorkout]
    sessions_not_completed: Counter[str]
    achievements: list[tuple[str, datetime | None]]
    achievements_unmapped: list[str]
    achievements_renamed: int  # underscore names (005 never ran) read through its renaming
    achievements_duplicates: int  # the same achievement twice once renamed: the earliest kept
    visibility: str
    reminder_time: time | None
    notes: list[str] = field(default_factory=list)

    @property
    def sets(self) -> int:
        return sum(len(w.sets) for w in self.workouts)

    @property
    def aliases_used(self) -> list[tuple[str, str]]:
        return [alias for w in self.workouts for alias in w.aliases]

    def new_player_row(self, locale: str, token_key: str) -> dict[str, object]:
        """The users row of a player new here (the username is added by the write)."""
        earlier = self.earlier
        row: dict[str, object] = {
            "display_name": self.display_name,
            "telegram_id": earlier.telegram_id,
            "timezone": rules.DEFAULT_TIME_ZONE,  # the earlier app counted days in UTC
            "locale": locale,
            "token_key": token_key,
            "level": self.level,
            "total_xp": self.total_xp,
            "current_streak": self.current_streak,
            "max_streak": self.max_streak,
            "last_workout_date": earlier.last_workout_date,
            "avatar_id": self.avatar_id,
            "reminder_time": self.reminder_time,
            "visibility": self.visibility,
        }
        if earlier.created_at is not None:
            row["created_at"] = earlier.created_at
        return row

    def merged_into(self, player: Player) -> dict[str, object]:
        """The columns that change when this player is added to `player`, who signed
        in here with the same Telegram id before the import: XP adds up, the newer
        streak wins, the best streak is the best of both; what they chose here
        (name, avatar, visibility, reminders) stays. Coins go through the ledger."""
        total_xp = player.total_xp + self.total_xp
        current, last = player.current_streak, player.last_workout_date
        earlier_last = self.earlier.last_workout_date
        if earlier_last is not None and (last is None or earlier_last > last):
            current, last = self.current_streak, earlier_last
        return {
            "total_xp": total_xp,
            "level": rules.level_for_xp(total_xp),
            "current_streak": current,
            "last_workout_date": last,
            "max_streak": max(player.max_streak, self.max_streak, current),
        }


def split(total: int, parts: int) -> list[int]:
    """`total` in `parts` as even as whole numbers go, larger ones first."""
    share, extra = divmod(total, parts)
    return [share + 1 if n < extra else share for n in range(parts)]


def _measured(row: EarlierExerciseRow, earlier_timed: bool | None, ours_timed: bool) -> tuple[int, str | None]:
    """The amount the sets of `row` hold in this app's measure, or why there is none.

    Rows written before 2025-12-28 04:40 kept a timed exercise's seconds in the
    reps column; the earlier exercise's `is_timed` (unknown in the first model)
    tells them from reps of an exercise measured differently there."""
    if ours_timed:
        if row.seconds > 0:
            return row.seconds, None
        if row.reps > 0 and earlier_timed is not False:
            return row.reps, None
    elif row.reps > 0:
        return row.reps, None
    return 0, "measure_differs" if row.reps > 0 or row.seconds > 0 else "nothing_recorded"


def rebuild_sets(
    row: EarlierExerciseRow, slug: str | None, earlier_timed: bool | None, matcher: mapping.ExerciseMatcher
) -> tuple[list[PlannedSet], KeptRow | None]:
    def kept(reason: str) -> tuple[list[PlannedSet], KeptRow]:
        return [], KeptRow(row.exercise_id, slug, reason, max(row.sets, 0), row.reps, row.seconds, max(row.xp, 0))

    match = matcher.match(slug)
    if match is None:
        return kept("unknown_exercise")
    amount, problem = _measured(row, earlier_timed, match.timed)
    if problem is not None:
        return kept(problem)
    bound = rules.MAX_SECONDS if match.timed else rules.MAX_REPS
    if row.sets < 1 or amount < row.sets or math.ceil(amount / row.sets) > bound:
        return kept("out_of_range")
    xp = split(max(row.xp, 0), row.sets)
    return [
        PlannedSet(match.exercise_id, None if match.timed else value, value if match.timed else None, set_xp)
        for value, set_xp in zip(split(amount, row.sets), xp, strict=True)
    ], None


def plan_workout(
    session: EarlierSession, exercises: Mapping[int, tuple[str, bool | None]], matcher: mapping.ExerciseMatcher
) -> PlannedWorkout:
    duration = timedelta(seconds=max(session.duration_seconds or 0, 0))
    finished = session.finished_at or (session.started_at + duration if session.started_at else None)
    started = session.started_at or (finished - duration if finished else None)
    assert started is not None and finished is not None  # started_at is NOT NULL in every earlier schema
    corrected = finished < started
    if corrected:
        started = finished
    sets: list[PlannedSet] = []
    kept: list[KeptRow] = []
    matched = 0
    aliases: list[tuple[str, str]] = []
    for row in session.rows:
        slug, earlier_timed = exercises.get(row.exercise_id, (None, None))
        rebuilt, aside = rebuild_sets(row, slug, earlier_timed, matcher)
        sets += rebuilt
        if aside is None:
            matched += 1
            if slug is not None and rebuilt[0].exercise_id != slug:
                aliases.append((slug, rebuilt[0].exercise_id))
        else:
            kept.append(aside)
    return PlannedWorkout(
        earlier_id=session.id,
        started_at=started,
        finished_at=finished,
        local_date=rules.local_date(finished),
        xp=max(session.xp, 0),
        coins=max(session.coins, 0),
        sets=tuple(sets),
        kept=tuple(kept),
        matched_rows=matched,
        aliases=tuple(aliases),
        corrected=corrected,
    )


def plan_player(
    earlier: EarlierPlayer,
    data: EarlierData,
    matcher: mapping.ExerciseMatcher,
    taken: set[str] | None,
) -> PlayerPlan:
    """The plan of one player. `taken` holds the usernames in use here (and those
    planned for players before this one); the chosen one is added to it. None: the
    player is here already (same Telegram id), no name is needed."""
    candidates = telegram_usernames(earlier.username, earlier.telegram_id)
    username = candidates[0] if taken is None else next(name for name in candidates if name not in taken)
    if taken is not None:
        taken.add(username)
    notes: list[str] = []
    total_xp = max(earlier.total_xp, 0)
    coins = max(earlier.coins, 0)
    if earlier.total_xp < 0:
        notes.append(f"XP {earlier.total_xp} read as 0")
    if earlier.coins < 0:
        notes.append(f"coins {earlier.coins} read as 0")
    current = max(earlier.current_streak, 0)

    purchases: list[tuple[str, datetime | None]] = []
    refused: list[str] = []
    for bought in data.purchases.get(earlier.id, []):
        why_not = mapping.bought_avatar(bought.slug)
        if why_not is None:
            purchases.append((bought.slug, bought.at))
        else:
            refused.append(why_not)
    avatar_id, avatar_note = mapping.equipped_avatar(earlier.avatar_id, {a for a, _ in purchases})

    exercises = {e.id: (e.slug, e.is_timed) for e in data.exercises.values()}
    workouts = []
    not_completed: Counter[str] = Counter()
    for session in data.sessions.get(earlier.id, []):
        if session.status == "completed":
            workouts.append(plan_workout(session, exercises, matcher))
        else:
            not_completed[session.status or "unknown"] += 1

    earned: dict[str, datetime | None] = {}
    unmapped: list[str] = []
    renamed = duplicates = 0
    for item in sorted(data.achievements.get(earlier.id, []), key=lambda a: (a.at is None, a.at)):
        ours, was_renamed = mapping.achievement(item.slug)
        renamed += was_renamed
        if ours is None:
            unmapped.append(item.slug)
        elif ours in earned:
            duplicates += 1
        else:
            earned[ours] = item.at

    reminder = earlier.notification_time
    return PlayerPlan(
        earlier=earlier,
        username=username,
        candidates=[username, *(c for c in candidates if c != username)],
        renamed_from=candidates[0] if username != candidates[0] else None,
        display_name=telegram_display_name(earlier.first_name) or username,
        total_xp=total_xp,
        level=rules.level_for_xp(total_xp),
        coins=coins,
        current_streak=current,
        max_streak=max(earlier.max_streak, current),
        avatar_id=avatar_id,
        avatar_note=avatar_note,
        purchases=purchases,
        purchases_refused=refused,
        workouts=workouts,
        sessions_not_completed=not_completed,
        achievements=list(earned.items()),
        achievements_unmapped=unmapped,
        achievements_renamed=renamed,
        achievements_duplicates=duplicates,
        # The earlier app's opt-in to the public leaderboard (its revision 006);
        # everyone else keeps this app's default, seen by friends only.
        visibility="public" if earlier.leaderboard_visible else "friends",
        # The earlier app compared only the hour with its UTC clock.
        reminder_time=reminder.replace(minute=0, second=0, microsecond=0)
        if reminder is not None and earlier.notifications_enabled
        else None,
        notes=notes,
    )


@dataclass(frozen=True, slots=True)
class FriendPair:
    """One pair of earlier players as this app keeps friends: one row per pair."""

    first: int  # earlier user ids
    second: int
    status: str  # accepted or pending
    requested_by: int
    created_at: datetime | None
    accepted_at: datetime | None


def plan_friendships(data: EarlierData) -> tuple[list[FriendPair], Counter[str]]:
    """The earlier app's directed rows (an accepted friendship is two rows, a request
    one) as pairs. Two requests in opposite directions make friends, as asking back
    does here. Also the rows that make no pair, by why."""
    by_pair: dict[tuple[int, int], list[EarlierFriendship]] = {}
    skipped: Counter[str] = Counter()
    for row in data.friendships:
        if row.user_id == row.friend_id:
            skipped["a player befriending themselves"] += 1
        elif row.status not in ("accepted", "pending"):
            skipped[f"status {row.status!r}"] += 1
        else:
            by_pair.setdefault((min(row.user_id, row.friend_id), max(row.user_id, row.friend_id)), []).append(row)
    pairs = []
    for (low, high), rows in sorted(by_pair.items()):
        rows.sort(key=lambda r: (r.created_at is None, r.created_at))
        first = rows[0]
        directions = {r.user_id for r in rows}
        accepted = any(r.status == "accepted" for r in rows) or len(directions) == 2
        pairs.append(
            FriendPair(
                first=low,
                second=high,
                status="accepted" if accepted else "pending",
                requested_by=first.user_id,
                created_at=first.created_at,
                accepted_at=(rows[-1].created_at or first.created_at) if accepted else None,
            )
        )
    return pairs, skipped
