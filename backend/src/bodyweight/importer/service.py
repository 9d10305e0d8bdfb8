"""`bodyweight import earlier`: read the source, plan, write (or only look), report.

One transaction per player: a player is all or nothing (user row, ledger row,
purchases, workouts, sets, the record that they were imported), a failure stops
only that player (reported; a later run retries it), and SQLite's write lock is
never held for long while the server may be running. Friendships need both
players, so they follow, in one transaction of their own.
"""

from sqlalchemy import bindparam, func, select
from sqlalchemy.exc import SQLAlchemyError

from bodyweight.db import Database, ReadSession
from bodyweight.errors import DomainError
from bodyweight.exercises import catalogue
from bodyweight.exercises.service import load_catalogue
from bodyweight.importer import source
from bodyweight.importer.mapping import ExerciseMatcher
from bodyweight.importer.plan import plan_friendships, plan_player
from bodyweight.importer.read import EarlierData, read
from bodyweight.importer.recognise import Shape, recognise
from bodyweight.importer.report import Report
from bodyweight.importer.results import ALREADY, CREATED, FAILED, MERGED, PlayerResult
from bodyweight.importer.write import (
    Context,
    ImportedMeanwhile,
    bring_friends_over,
    bring_over,
    has_achievements_table,
)
from bodyweight.models import CoinTransaction, User

_users = User.__table__
_ledger = CoinTransaction.__table__


def read_source(raw_url: str) -> tuple[str, Shape, EarlierData]:
    """The source, recognised and read in one read-only snapshot (or ImportRefused)."""
    url = source.source_url(raw_url)
    try:
        with source.snapshot(url) as connection:
            shape = recognise(connection)
            return source.shown(url), shape, read(connection, shape)
    except SQLAlchemyError as exc:  # e.g. a file that is not an SQLite database
        raise source.ImportRefused(f"cannot read {source.shown(url)}: {source.first_line(exc)}") from None


async def _matcher(session: ReadSession) -> ExerciseMatcher:
    ours = {e.id: e.is_timed for e in (await load_catalogue(session)).exercises.values()}
    aliases = {alias: e.slug for e in catalogue.load_exercises() for alias in e.aliases}
    return ExerciseMatcher(ours, aliases)


async def _telegram_ids_and_usernames(session: ReadSession) -> tuple[set[int], set[str]]:
    rows = (await session.execute(select(_users.c.telegram_id, _users.c.username))).all()
    return {r.telegram_id for r in rows if r.telegram_id is not None}, {r.username for r in rows}


_BY_TELEGRAM_ID = select(_users.c.id).where(_users.c.telegram_id == bindparam("telegram_id"))


async def run(
    database: Database, source_name: str, shape: Shape, data: EarlierData, *, dry_run: bool, locale: str, target: str
) -> Report:
    async with database.reading() as session:
        matcher = await _matcher(session)
        here, taken = await _telegram_ids_and_usernames(session)
        achievements_table = await has_achievements_table(session)
    plans = [plan_player(p, data, matcher, None if p.telegram_id in here else taken) for p in data.players]
    context = Context(locale=locale, achievements_table=achievements_table, write=not dry_run)

    results: list[PlayerResult] = []
    for plan in plans:
        if dry_run:
            async with database.reading() as session:
                results.append(await bring_over(session, plan, context))
            continue
        try:
            async with database.writing() as session:
                results.append(await bring_over(session, plan, context))
        except ImportedMeanwhile:
            async with database.reading() as session:
                found = await session.scalar(_BY_TELEGRAM_ID, {"telegram_id": plan.earlier.telegram_id})
            results.append(PlayerResult(plan, ALREADY, found))
        except (SQLAlchemyError, DomainError) as exc:
            results.append(PlayerResult(plan, FAILED, error=source.first_line(exc)))

    pairs, rows_skipped = plan_friendships(data)
    ids = {r.plan.earlier.id: r.user_id for r in results if r.kind != FAILED}
    if dry_run:
        async with database.reading() as session:
            friends = await bring_friends_over(session, pairs, ids, context)
    else:
        async with database.writing() as session:
            friends = await bring_friends_over(session, pairs, ids, context)

    report = Report(
        source=source_name,
        target=target,
        shape=shape,
        data=data,
        players=results,
        friends=friends,
        friend_rows_skipped=rows_skipped,
        dry_run=dry_run,
        achievements_table=achievements_table,
    )
    if not dry_run:
        touched = [r.user_id for r in results if r.kind in (CREATED, MERGED) and r.user_id is not None]
        async with database.reading() as session:
            report.ledger_mismatches = await _ledger_mismatches(session, touched)
    return report


async def _ledger_mismatches(session: ReadSession, player_ids: list[int]) -> list[str]:
    """Players whose coins differ from the sum of their ledger (none, after an import)."""
    if not player_ids:
        return []
    sums = (
        select(_ledger.c.user_id, func.sum(_ledger.c.amount).label("total"))
        .where(_ledger.c.user_id.in_(player_ids))
        .group_by(_ledger.c.user_id)
        .subquery()
    )
    query = (
        select(_users.c.username, _users.c.coins, func.coalesce(sums.c.total, 0))
        .outerjoin(sums, sums.c.user_id == _users.c.id)
        .where(_users.c.id.in_(player_ids))
    )
    return [
        f"{username}: balance {coins}, ledger sums to {total}"
        for username, coins, total in await session.execute(query)
        if coins != total
    ]
