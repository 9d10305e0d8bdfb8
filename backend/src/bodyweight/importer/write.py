"""Bringing one player over, in the transaction the caller opened: everything of the
player or nothing. With `write=False` (the dry run) the same steps only look, so
the dry run's report is the import's, without a single write.

Idempotent: `imported_players` is written in the player's transaction, and a
player found there is not imported again (only their achievements are offered
again, insert-or-ignore, so a run after `user_achievements` appears adds them).
Coins move only through the ledger: one opening row per player with coins.
"""

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Column,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    and_,
    bindparam,
    func,
    insert,
    inspect,
    or_,
    select,
)

from bodyweight.auth.service import UsernameTaken, new_token_key
from bodyweight.db import ReadSession, WriteSession, insert_ignoring_duplicates
from bodyweight.importer.plan import FriendPair, PlannedWorkout, PlayerPlan
from bodyweight.importer.results import ALREADY, CREATED, MERGED, FriendResult, PlayerResult
from bodyweight.ledger.service import change_coins
from bodyweight.models import (
    Friendship,
    ImportedPlayer,
    ImportedUnmatchedSets,
    PlayerBlock,
    User,
    UserAvatarPurchase,
    UTCDateTime,
    Workout,
    WorkoutSet,
)
from bodyweight.social import scores
from bodyweight.social.service import pair
from bodyweight.users.player import load_player
from bodyweight.users.service import change_row
from bodyweight.workouts.service import set_rows

_users = User.__table__
_imported = ImportedPlayer.__table__
_unmatched = ImportedUnmatchedSets.__table__
_purchases = UserAvatarPurchase.__table__
_workouts = Workout.__table__
_sets = WorkoutSet.__table__
_friendships = Friendship.__table__
_blocks = PlayerBlock.__table__

LEDGER_REASON = "import"

# Being added by the achievements work (user_id, achievement_slug, earned_at, unique
# on the first two); written only where the table exists. Not in the models'
# metadata, so the schema checks do not expect it.
_achievements = Table(
    "user_achievements",
    MetaData(),
    Column("user_id", Integer, ForeignKey("users.id")),
    Column("achievement_slug", String(100)),
    Column("earned_at", UTCDateTime),
)


async def has_achievements_table(session: ReadSession) -> bool:
    return await session.run_sync(lambda connection: inspect(connection).has_table("user_achievements"))


@dataclass(frozen=True)
class Context:
    locale: str
    achievements_table: bool
    write: bool


_BY_TELEGRAM_ID = select(_users.c.id, _users.c.username).where(_users.c.telegram_id == bindparam("telegram_id"))
_IMPORTED = select(_imported).where(_imported.c.telegram_id == bindparam("telegram_id"))


async def bring_over(session: ReadSession, plan: PlayerPlan, context: Context) -> PlayerResult:
    """Import (or, not writing, preview) one player. `session` must be a
    WriteSession when `context.write`."""
    found = (await session.execute(_BY_TELEGRAM_ID, {"telegram_id": plan.earlier.telegram_id})).one_or_none()
    if found is not None:
        before = (await session.execute(_IMPORTED, {"telegram_id": plan.earlier.telegram_id})).one_or_none()
        if before is not None:
            result = PlayerResult(plan, ALREADY, found.id, found.username, changed_since=_changes(before, plan))
            await _achievements_of(session, result, context)
            return result
    if not context.write:  # what the write would decide, found as it would find it
        result = (
            PlayerResult(plan, CREATED, None, plan.username)
            if found is None
            else PlayerResult(plan, MERGED, found.id, found.username)
        )
    else:
        write = WriteSession(session)
        result = await (_create(write, plan, context) if found is None else _merge(write, plan, found.id))
    await _claim(session, result, context)
    await _coins(session, result, context)
    await _avatars(session, result, context)
    await _workouts_of(session, result, context)
    await _achievements_of(session, result, context)
    return result


class ImportedMeanwhile(Exception):
    """Another run imported this player while this one was at it: nothing of this
    run's attempt is kept (the transaction rolls back)."""


async def _create(session: WriteSession, plan: PlayerPlan, context: Context) -> PlayerResult:
    row = plan.new_player_row(context.locale, new_token_key())
    for username in plan.candidates:
        inserted = await session.execute(
            insert_ignoring_duplicates(session, _users).values(username=username, **row).returning(_users.c.id)
        )
        user_id = inserted.scalar()
        if user_id is not None:
            return PlayerResult(plan, CREATED, user_id, username)
        found = (await session.execute(_BY_TELEGRAM_ID, {"telegram_id": plan.earlier.telegram_id})).one_or_none()
        if found is not None:  # signed in here with Telegram since the plan was made
            return await _merge(session, plan, found.id)
    raise UsernameTaken(username=plan.candidates[-1])


async def _merge(session: WriteSession, plan: PlayerPlan, user_id: int) -> PlayerResult:
    player = await load_player(session, user_id, lock=True)
    assert player is not None  # found by its Telegram id in this transaction
    await change_row(session, user_id, plan.merged_into(player))
    return PlayerResult(plan, MERGED, user_id, player.username)


async def _claim(session: ReadSession, result: PlayerResult, context: Context) -> None:
    """Remember the player as imported, first, so that a concurrent run of the
    import waits for this transaction and then finds it."""
    plan = result.plan
    result.workouts = len(plan.workouts)
    result.sets = plan.sets
    result.kept_rows = sum(len(w.kept) for w in plan.workouts)
    result.kept_sets = sum(k.sets for w in plan.workouts for k in w.kept)
    result.xp = plan.total_xp
    if not context.write:
        return
    claimed = await session.execute(
        insert_ignoring_duplicates(session, _imported, ["telegram_id"])
        .values(
            telegram_id=plan.earlier.telegram_id,
            user_id=result.user_id,
            earlier_user_id=plan.earlier.id,
            merged=result.kind == MERGED,
            coins=plan.coins,
            total_xp=plan.total_xp,
            workouts=result.workouts,
            sets=result.sets,
        )
        .returning(_imported.c.telegram_id)
    )
    if claimed.first() is None:
        raise ImportedMeanwhile(plan.earlier.telegram_id)


async def _coins(session: ReadSession, result: PlayerResult, context: Context) -> None:
    """The earlier balance as one opening ledger row (none for a balance of 0)."""
    amount = result.plan.coins
    if amount and context.write:
        assert result.user_id is not None
        balance = await change_coins(
            WriteSession(session),
            result.user_id,
            amount,
            LEDGER_REASON,
            f"earlier app, player {result.plan.earlier.id}",
        )
        assert balance is not None  # a credit always fits
    result.coins = amount


async def _avatars(session: ReadSession, result: PlayerResult, context: Context) -> None:
    """Paid avatars bought in the earlier app: owned here, nothing charged again
    (the earlier balance is after their price)."""
    plan = result.plan
    if not plan.purchases:
        return
    owned: set[str] = set()
    if result.user_id is not None:
        query = select(_purchases.c.avatar_id).where(_purchases.c.user_id == result.user_id)
        owned = set((await session.execute(query)).scalars())
    for avatar_id, purchased_at in plan.purchases:
        if avatar_id in owned:
            result.purchases_owned += 1
            continue
        result.purchases += 1
        if context.write:
            values: dict[str, Any] = {"user_id": result.user_id, "avatar_id": avatar_id}
            if purchased_at is not None:
                values["purchased_at"] = purchased_at
            await session.execute(insert(_purchases).values(values))


async def _workouts_of(session: ReadSession, result: PlayerResult, context: Context) -> None:
    if not context.write or not result.plan.workouts:
        return
    assert result.user_id is not None
    listed = (
        await session.execute(select(_users.c.visibility).where(_users.c.id == result.user_id))
    ).scalar_one() == "public"
    for workout in result.plan.workouts:
        await _workout(WriteSession(session), result.user_id, workout)
    # The weekly boards count imported workouts like any other, in their own weeks.
    # Day by day: a player's score only grows within a week, so the week boards'
    # tally rows are then taken in ascending order, as every writer takes them
    # (social/tally.py: no deadlock with the workouts being logged meanwhile).
    for workout in sorted(result.plan.workouts, key=lambda w: w.local_date):
        await scores.record(WriteSession(session), result.user_id, listed, workout.local_date, workout.xp)


async def _workout(session: WriteSession, user_id: int, workout: PlannedWorkout) -> None:
    workout_id = (
        await session.execute(
            insert(_workouts)
            .values(
                user_id=user_id,
                started_at=workout.started_at,
                finished_at=workout.finished_at,
                local_date=workout.local_date,
                xp_earned=workout.xp,
                coins_earned=workout.coins,
            )
            .returning(_workouts.c.id)
        )
    ).scalar_one()
    if workout.sets:
        await session.execute(insert(_sets), set_rows(workout_id, workout.sets))
    if workout.kept:
        await session.execute(
            insert(_unmatched),
            [
                {
                    "user_id": user_id,
                    "workout_id": workout_id,
                    "earlier_exercise_id": k.earlier_exercise_id,
                    "earlier_exercise_slug": k.earlier_slug,
                    "reason": k.reason,
                    "sets": k.sets,
                    "reps": k.reps,
                    "seconds": k.seconds,
                    "xp": k.xp,
                }
                for k in workout.kept
            ],
        )


async def _achievements_of(session: ReadSession, result: PlayerResult, context: Context) -> None:
    if not context.achievements_table or not result.plan.achievements:
        return
    present: set[str] = set()
    if result.user_id is not None:
        query = select(_achievements.c.achievement_slug).where(_achievements.c.user_id == result.user_id)
        present = set((await session.execute(query)).scalars())
    for slug, earned_at in result.plan.achievements:
        if slug in present:
            result.achievements_present += 1
            continue
        result.achievements += 1
        if context.write:
            await session.execute(
                insert_ignoring_duplicates(session, _achievements, ["user_id", "achievement_slug"]).values(
                    user_id=result.user_id, achievement_slug=slug, earned_at=earned_at or datetime.now(UTC)
                )
            )


def _changes(before: Any, plan: PlayerPlan) -> list[str]:
    """What changed in the earlier app since the player was imported (not imported
    again: the operator decides)."""
    changes = []
    for label, then, now in (
        ("coins", before.coins, plan.coins),
        ("XP", before.total_xp, plan.total_xp),
        ("workouts", before.workouts, len(plan.workouts)),
    ):
        if then != now:
            changes.append(f"{label} {then} -> {now}")
    return changes


_PAIR = select(_friendships.c.status).where(
    _friendships.c.low_id == bindparam("low"), _friendships.c.high_id == bindparam("high")
)
_BLOCKED = select(func.count()).where(
    or_(
        and_(_blocks.c.blocker_id == bindparam("a"), _blocks.c.blocked_id == bindparam("b")),
        and_(_blocks.c.blocker_id == bindparam("b"), _blocks.c.blocked_id == bindparam("a")),
    )
)


async def bring_friends_over(
    session: ReadSession, pairs: list[FriendPair], ids: dict[int, int | None], context: Context
) -> FriendResult:
    """Friendships and open requests between imported players. `ids`: earlier user
    id -> id here (None for a player a dry run would create). A pair already linked
    here, or where one blocked the other, is left as it is."""
    result = FriendResult()
    for friends in pairs:
        if friends.first not in ids or friends.second not in ids:
            result.skipped["a player not imported"] += 1
            continue
        a, b = ids[friends.first], ids[friends.second]
        if a is not None and b is not None:
            low, high = pair(a, b)
            if (await session.execute(_PAIR, {"low": low, "high": high})).first() is not None:
                result.present += 1
                continue
            if (await session.execute(_BLOCKED, {"a": a, "b": b})).scalar():
                result.skipped["one blocked the other here"] += 1
                continue
        if friends.status == "accepted":
            result.accepted += 1
        else:
            result.pending += 1
        if context.write:
            assert a is not None and b is not None
            low, high = pair(a, b)
            values: dict[str, Any] = {
                "low_id": low,
                "high_id": high,
                "status": friends.status,
                "requested_by": ids[friends.requested_by],
                "accepted_at": friends.accepted_at,
            }
            if friends.created_at is not None:
                values["created_at"] = friends.created_at
            await session.execute(
                insert_ignoring_duplicates(session, _friendships, ["low_id", "high_id"]).values(values)
            )
    return result
