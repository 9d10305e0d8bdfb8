"""The `bodyweight` operator command: database, players, and the server."""

import argparse
import asyncio
import sys
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from alembic import command
from alembic.util import CommandError
from pydantic import ValidationError
from sqlalchemy import Engine, func, inspect, pool, select, table
from sqlalchemy.exc import SQLAlchemyError

from bodyweight.config import get_settings
from bodyweight.db import Database, is_sqlite, make_async_engine, make_engine
from bodyweight.dbops import adopt, backup, checksums, conformance, guard, locking, schema
from bodyweight.errors import DomainError
from bodyweight.importer.source import ImportRefused
from bodyweight.migrations import (
    alembic_config,
    current_revisions,
    pending_revisions,
    schema_drift,
)


class CliError(Exception):
    """A failure explained to the operator; the command exits with status 1."""


T = TypeVar("T")


def _engine() -> Engine:
    return make_engine(get_settings().sqlalchemy_url, poolclass=pool.NullPool)


def run_use_case(work: Callable[[Database], Awaitable[T]]) -> T:
    """Run an async use case (the same code the API runs) on the configured
    database, once its schema is at head."""
    require_schema_at_head(_engine())

    async def run() -> T:
        database = Database(make_async_engine(get_settings().sqlalchemy_url, poolclass=pool.NullPool))
        try:
            return await work(database)
        finally:
            await database.dispose()

    return asyncio.run(run())


def _pending(engine: Engine) -> list[str]:
    with engine.connect() as connection:
        return pending_revisions(connection)


def require_schema_at_head(engine: Engine) -> None:
    pending = _pending(engine)
    if pending:
        raise CliError(
            f"the database schema is behind (pending: {', '.join(pending)}); run `bodyweight db upgrade` first"
        )


# db ---------------------------------------------------------------------------


def _has_tables(engine: Engine) -> bool:
    with engine.connect() as connection:
        return bool(set(inspect(connection).get_table_names()) - schema.BOOKKEEPING)


def _backup_first(engine: Engine, args: argparse.Namespace, label: str) -> None:
    if args.no_backup or args.sql or not _has_tables(engine):
        return
    path = backup.backup(engine.url, get_settings().backup_dir, label)
    print(f"Backed up the database to {path}", flush=True)


def db_upgrade(args: argparse.Namespace) -> None:
    if not args.sql:
        engine = _engine()
        if _pending(engine):
            _backup_first(engine, args, "before-upgrade")
    command.upgrade(alembic_config(), args.revision, sql=args.sql)


def db_downgrade(args: argparse.Namespace) -> None:
    if not args.sql:
        engine = _engine()
        losses = guard.downgrade_losses(engine, args.revision, get_settings().migration_lock_timeout)
        if losses and not args.yes:
            raise CliError(
                "this downgrade would destroy data:\n  "
                + "\n  ".join(str(loss) for loss in losses)
                + "\nRun again with --yes to go ahead (a backup is taken first)."
            )
        _backup_first(engine, args, "before-downgrade")
    command.downgrade(alembic_config(), args.revision, sql=args.sql)


def db_current(args: argparse.Namespace) -> None:
    command.current(alembic_config(), verbose=args.verbose)


def db_history(args: argparse.Namespace) -> None:
    command.history(alembic_config(), verbose=args.verbose, indicate_current=True)


def db_adopt(args: argparse.Namespace) -> None:
    revision = adopt.adopt(_engine())
    print(f"The schema matches revision {revision}; stamped it. `bodyweight db upgrade` goes on from there.")


def db_backup(args: argparse.Namespace) -> None:
    path = backup.backup(_engine().url, args.output_dir or get_settings().backup_dir, "manual")
    print(path)


def db_restore(args: argparse.Namespace) -> None:
    url = get_settings().sqlalchemy_url
    if not args.yes:
        raise CliError(f"restoring replaces everything in {url.render_as_string()}; run again with --yes")
    backup.restore(args.path, url)
    print(f"Restored {args.path} into {url.render_as_string()}.")


# Exit codes of `db check`, worst last; scripts can tell them apart.
CHECK_PENDING, CHECK_DRIFT, CHECK_TAMPERED = 3, 4, 5


def db_check(args: argparse.Namespace) -> int:
    status = 0
    tampered = checksums.problems()
    for problem in tampered:
        print(f"revision files: {problem}")
    if tampered:
        status = CHECK_TAMPERED
    with _engine().connect() as connection:
        current = current_revisions(connection)
        pending = pending_revisions(connection)
        drift = [] if pending else schema_drift(connection)
    print(f"current revision: {', '.join(current) or 'none'}")
    print(f"pending revisions: {', '.join(pending) or 'none'}")
    for difference in drift:
        print(f"schema drift: {difference}")
    if drift:
        status = max(status, CHECK_DRIFT)
    if pending:
        status = max(status, CHECK_PENDING)
    print("ok" if status == 0 else "problems found")
    return status


def db_checksums(args: argparse.Namespace) -> int:
    if args.update:
        for name, digest in checksums.update().items():
            print(f"{digest}  {name}")
        return 0
    problems = checksums.problems()
    for problem in problems:
        print(problem)
    return CHECK_TAMPERED if problems else 0


# users ------------------------------------------------------------------------


def _reading(use_case: Callable[..., Awaitable[T]], *args: Any, **kwargs: Any) -> T:
    """Run a use case that reads, in a ReadSession, on the configured database."""

    async def work(database: Database) -> T:
        async with database.reading() as session:
            return await use_case(session, *args, **kwargs)

    return run_use_case(work)


def _writing(use_case: Callable[..., Awaitable[T]], *args: Any) -> T:
    """Run a use case that writes, in one transaction, on the configured database."""

    async def work(database: Database) -> T:
        async with database.writing() as session:
            return await use_case(session, *args)

    return run_use_case(work)


def _audit(action: str, username: str, **details: object) -> None:
    from bodyweight.admin.service import audit
    from bodyweight.logs import configure_logging

    settings = get_settings()
    configure_logging(settings.log_level, settings.log_format)
    audit(action, username, **details)


def users_grant_coins(args: argparse.Namespace) -> None:
    from bodyweight.ledger.service import grant_coins

    balance = _writing(grant_coins, args.username, args.amount, args.reason)
    _audit("grant_coins", args.username, amount=args.amount, reason=args.reason.strip()[:200], balance=balance)
    print(f"Granted {args.amount} coins to {args.username}; balance is now {balance}.")


def _when(moment: datetime | None) -> str:
    return "-" if moment is None else moment.strftime("%Y-%m-%d %H:%M")


def users_list(args: argparse.Namespace) -> None:
    from bodyweight.admin.service import list_players

    total, players = _reading(
        list_players, search=args.search, banned=args.banned, limit=args.limit, offset=args.offset
    )
    print(f"{'id':>7}  {'username':<32}  {'level':>5}  {'coins':>8}  {'telegram':>12}  {'joined':<16}  status")
    for p in players:
        status = f"banned {_when(p.banned_at)}" if p.banned_at else "active"
        telegram = "-" if p.telegram_id is None else str(p.telegram_id)
        joined = _when(p.created_at)
        print(f"{p.id:>7}  {p.username:<32}  {p.level:>5}  {p.coins:>8}  {telegram:>12}  {joined:<16}  {status}")
    shown = f"{args.offset + 1}-{args.offset + len(players)}" if players else "none"
    more = f"; next page: --offset {args.offset + len(players)}" if args.offset + len(players) < total else ""
    print(f"{total} player{'s' if total != 1 else ''} match; showing {shown}{more}")


def users_show(args: argparse.Namespace) -> None:
    from bodyweight.admin.service import show_player

    d = _reading(show_player, args.username)
    p = d.player
    balance_note = "equals the ledger" if d.ledger_sum == p.coins else f"LEDGER SUMS TO {d.ledger_sum}"
    lines = [
        ("id", p.id),
        ("username", p.username),
        ("display name", p.display_name or "-"),
        ("email", d.email or "-"),
        ("telegram id", d.telegram_id or "-"),
        ("signs in with", ", ".join(w for w, on in (("password", d.has_password), ("telegram", d.telegram_id)) if on)),
        ("joined", _when(p.created_at)),
        ("status", f"banned since {_when(p.banned_at)}: {d.ban_reason}" if p.banned_at else "active"),
        ("level", f"{p.level} ({p.total_xp} XP)"),
        ("streak", f"{p.current_streak} (best {p.max_streak}, last workout {d.last_workout_date or '-'})"),
        ("coins", f"{p.coins} ({balance_note})"),
        ("avatar", p.avatar_id),
        ("language, time zone", f"{p.locale}, {p.timezone}"),
        ("workouts", d.workouts),
        ("sets", d.sets),
        ("ledger rows", d.ledger_rows),
        ("avatars bought", d.purchases),
    ]
    for label, value in lines:
        print(f"{label + ':':<21} {value}")


def users_ban(args: argparse.Namespace) -> None:
    from bodyweight.admin.service import ban

    player = _writing(ban, args.username, args.reason)
    _audit("ban", player.username, player_id=player.id, reason=args.reason.strip()[:200])
    print(f"Banned {player.username}: signed out everywhere; every request and sign-in is refused.")


def users_unban(args: argparse.Namespace) -> None:
    from bodyweight.admin.service import unban

    player = _writing(unban, args.username)
    _audit("unban", player.username, player_id=player.id)
    print(f"{player.username} may sign in again.")


def users_rename(args: argparse.Namespace) -> None:
    from bodyweight.admin.service import rename

    player = _writing(rename, args.username, args.new_username)
    _audit("rename", args.username, player_id=player.id, new_username=player.username)
    print(f"Renamed {args.username} to {player.username}.")


def users_delete(args: argparse.Namespace) -> None:
    from bodyweight.admin.service import find_player, show_player
    from bodyweight.users.account import delete_account

    async def erase(database: Database) -> Any:
        async with database.reading() as session:
            details = await show_player(session, args.username)
        if not args.yes:
            return details
        async with database.writing() as session:
            player = await find_player(session, args.username)
            await delete_account(session, player.id)
        return details

    d = run_use_case(erase)
    what = f"{d.workouts} workouts, {d.sets} sets, {d.ledger_rows} ledger rows, {d.purchases} avatars"
    if not args.yes:
        raise CliError(
            f"deleting {d.player.username} erases the player and everything they own ({what}); "
            "export it first if it is wanted (`bodyweight users export`), then run again with --yes"
        )
    _audit("delete", d.player.username, player_id=d.player.id, workouts=d.workouts, ledger_rows=d.ledger_rows)
    print(f"Deleted {d.player.username} and everything they owned ({what}).")


def users_export(args: argparse.Namespace) -> None:
    from bodyweight.admin.service import find_player
    from bodyweight.users.account import export_account
    from bodyweight.users.schemas import AccountExport, sets_csv

    async def gather(database: Database) -> Any:
        async with database.reading() as session:
            player = await find_player(session, args.username)
            return player, await export_account(session, player.id)

    player, data = run_use_case(gather)
    if data is None:  # deleted in between
        raise CliError(f"{args.username} no longer exists")
    body = sets_csv(data) if args.format == "csv" else AccountExport.of(data).model_dump_json(indent=2) + "\n"
    if args.output is None or str(args.output) == "-":
        sys.stdout.write(body)
        where = "stdout"
    else:
        args.output.write_text(body, encoding="utf-8", newline="")
        where = str(args.output)
        print(f"Exported {player.username} ({args.format}) to {where}.")
    _audit("export", player.username, player_id=player.id, format=args.format, to=where)


def idempotency_prune(args: argparse.Namespace) -> None:
    from bodyweight.idempotency import prune

    async def forget(database: Database) -> int:
        async with database.writing() as session:
            return await prune(session, timedelta(hours=args.older_than_hours))

    print(f"Forgot {run_use_case(forget)} stored responses older than {args.older_than_hours} h.")


def demo(args: argparse.Namespace) -> None:
    from bodyweight import demo as demo_data

    if get_settings().environment == "production":
        raise CliError("demo players are for development; refusing in production")
    created = run_use_case(demo_data.fill)
    if not created:
        print("The demo players already exist.")
    for username, password in created.items():
        print(f"{username}  password: {password}")


# import -----------------------------------------------------------------------


def import_earlier(args: argparse.Namespace) -> int:
    """Bring the players of the earlier BodyWeight app over (docs/importing-the-earlier-app.md)."""
    from bodyweight.importer import service

    require_schema_at_head(_engine())
    source_name, shape, data = service.read_source(args.source)
    target = get_settings().sqlalchemy_url.render_as_string(hide_password=True)
    report = run_use_case(
        lambda database: service.run(
            database, source_name, shape, data, dry_run=args.dry_run, locale=args.locale, target=target
        )
    )
    for line in report.lines():
        print(line)
    return 0 if report.ok else 1


# telegram ---------------------------------------------------------------------


def _telegram_use_case(work: Callable[[Database, Any], Awaitable[None]]) -> None:
    """Run `work(database, bot)` with the configured bot, closing its session after."""
    from bodyweight.logs import configure_logging
    from bodyweight.telegram.client import make_bot

    settings = get_settings()
    configure_logging(settings.log_level, settings.log_format)

    async def with_bot(database: Database) -> None:
        bot = make_bot(settings)
        try:
            await work(database, bot)
        finally:
            await bot.session.close()

    run_use_case(with_bot)


def bot_poll(args: argparse.Namespace) -> None:
    from bodyweight.telegram.bot import poll

    _telegram_use_case(lambda database, bot: poll(bot, database, get_settings()))


def bot_webhook(args: argparse.Namespace) -> None:
    settings = get_settings()
    if not settings.telegram_webhook_secret:
        raise CliError("set TELEGRAM_WEBHOOK_SECRET first: Telegram sends it with every update")

    async def set_webhook(database: Database, bot: Any) -> None:
        await bot.set_webhook(args.url, secret_token=settings.telegram_webhook_secret)

    _telegram_use_case(set_webhook)
    print(f"Telegram now sends updates to {args.url}.")


def worker(args: argparse.Namespace) -> None:
    from bodyweight.telegram import worker as sender

    _telegram_use_case(lambda database, bot: sender.run(database, bot, get_settings(), once=args.once))


# serve ------------------------------------------------------------------------


def refuse_foreign_schema(engine: Engine) -> None:
    """Refuse a database whose tables are not what its revision builds: another
    app's, or ours edited by hand. At head this is one cheap reflection; behind head
    (about to migrate) the revision's schema is rehearsed first."""
    with engine.connect() as connection:
        current = current_revisions(connection)
        pending = pending_revisions(connection)
        if not pending:
            differences = conformance.differences_from_head(connection)
        elif not current:
            live = conformance.live_columns(connection)
            differences = [f"unexpected table {name}" for name in sorted(live)]
    if pending and current:
        differences = conformance.differences_at(engine, current[0])
    if differences:
        where = f"revision {current[0]}" if current else "no revision (an empty database was expected)"
        raise CliError(
            f"refusing to serve: the database's tables do not match {where}:\n  "
            + "\n  ".join(differences)
            + f"\n{conformance.ADVICE}"
        )


def _share_metrics_between_workers() -> None:
    """Prometheus's multiprocess mode: every worker writes its samples into one
    directory, fresh for this run, that /metrics adds up (set before any worker or
    the app imports prometheus_client). An operator's own PROMETHEUS_MULTIPROC_DIR
    is used as it is."""
    import atexit
    import os
    import shutil
    import tempfile

    if "bodyweight.metrics" in sys.modules:
        raise RuntimeError("bodyweight.metrics was imported before its multiprocess directory was set")
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        return
    directory = tempfile.mkdtemp(prefix="bodyweight-metrics-")
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = directory
    atexit.register(shutil.rmtree, directory, ignore_errors=True)


def _holds_players(engine: Engine) -> bool:
    with engine.connect() as connection:
        if "users" not in inspect(connection).get_table_names():
            return False
        return bool(connection.scalar(select(func.count()).select_from(table("users"))))


def serve(args: argparse.Namespace) -> None:
    from bodyweight import server
    from bodyweight.logs import configure_logging

    settings = get_settings()
    configure_logging(settings.log_level, settings.log_format)
    engine = _engine()
    refuse_foreign_schema(engine)
    pending = _pending(engine)
    if pending and (args.migrate or is_sqlite(engine)):
        if is_sqlite(engine) and _holds_players(engine):
            path = backup.backup(engine.url, settings.backup_dir, "before-upgrade")
            print(f"Backed up the database to {path} before migrating it", flush=True)
        command.upgrade(alembic_config(), "head")
        refuse_foreign_schema(engine)
    elif pending:
        raise CliError(
            f"the database schema is behind (pending: {', '.join(pending)}); refusing to "
            "serve. Back up, then run `bodyweight db upgrade` (or `bodyweight serve --migrate`)."
        )
    if settings.metrics_enabled:
        _share_metrics_between_workers()
    shown_host = "127.0.0.1" if args.host in ("0.0.0.0", "::") else args.host
    if ":" in shown_host:
        shown_host = f"[{shown_host}]"

    def announce(port: int) -> None:
        print(f"BodyWeight is running: open http://{shown_host}:{port}/", flush=True)

    try:
        server.serve(args.host, args.port, args.workers, announce, settings.request_read_timeout)
    except server.ServeError as exc:
        raise CliError(str(exc)) from None


# wiring -----------------------------------------------------------------------


def positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be a positive whole number")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bodyweight", description=__doc__)
    groups = parser.add_subparsers(dest="group", required=True, metavar="COMMAND")

    db = groups.add_parser("db", help="schema migrations (same as `alembic ...` in backend/)")
    db_commands = db.add_subparsers(dest="command", required=True, metavar="SUBCOMMAND")
    up = db_commands.add_parser("upgrade", help="apply migrations up to REV (default: head)")
    up.add_argument("revision", nargs="?", default="head")
    down = db_commands.add_parser("downgrade", help="revert migrations down to REV (e.g. -1)")
    down.add_argument("revision")
    down.add_argument("--yes", action="store_true", help="go ahead even if data would be destroyed")
    for sub, handler in ((up, db_upgrade), (down, db_downgrade)):
        sub.add_argument("--sql", action="store_true", help="print the SQL for review instead of running it")
        sub.add_argument("--no-backup", action="store_true", help="skip the backup taken first")
        sub.set_defaults(handler=handler)
    db_commands.add_parser(
        "adopt", help="stamp the revision a database made outside the migrations matches"
    ).set_defaults(handler=db_adopt)
    save = db_commands.add_parser("backup", help="back the database up (pg_dump / SQLite backup)")
    save.add_argument("--output-dir", type=Path, help="where (default: BACKUP_DIR, backend/backups)")
    save.set_defaults(handler=db_backup)
    load = db_commands.add_parser("restore", help="replace the database with a backup")
    load.add_argument("path", type=Path)
    load.add_argument("--yes", action="store_true", help="confirm: the current contents are replaced")
    load.set_defaults(handler=db_restore)
    db_commands.add_parser(
        "check", help="revision files, current and pending revisions, drift from the models"
    ).set_defaults(handler=db_check)
    sums = db_commands.add_parser("checksums", help="verify (or --update) the revision checksums")
    sums.add_argument("--update", action="store_true", help="record the current revision files")
    sums.set_defaults(handler=db_checksums)
    for name, handler, text in (
        ("current", db_current, "show the database's revision"),
        ("history", db_history, "list the revisions"),
    ):
        sub = db_commands.add_parser(name, help=text)
        sub.add_argument("-v", "--verbose", action="store_true")
        sub.set_defaults(handler=handler)

    users = groups.add_parser("users", help="manage players")
    user_commands = users.add_subparsers(dest="command", required=True, metavar="SUBCOMMAND")
    grant = user_commands.add_parser("grant-coins", help="credit coins, recorded in the ledger")
    grant.add_argument("username")
    grant.add_argument("amount", type=positive_int)
    grant.add_argument("--reason", required=True, help="why (kept in the ledger)")
    grant.set_defaults(handler=users_grant_coins)

    listing = user_commands.add_parser("list", help="players by id, with filters and paging")
    listing.add_argument("--search", help="a part of the username or display name")
    state = listing.add_mutually_exclusive_group()
    state.add_argument("--banned", dest="banned", action="store_const", const=True, help="banned players only")
    state.add_argument("--active", dest="banned", action="store_const", const=False, help="players not banned")
    listing.add_argument("--limit", type=positive_int, default=50, help="players per page (default: 50)")
    listing.add_argument("--offset", type=int, default=0, help="players to skip (default: 0)")
    listing.set_defaults(handler=users_list)
    show = user_commands.add_parser("show", help="one player's profile, balance and counts")
    show.add_argument("username")
    show.set_defaults(handler=users_show)
    ban = user_commands.add_parser("ban", help="suspend a player: signed out, every request refused")
    ban.add_argument("username")
    ban.add_argument("--reason", required=True, help="why (kept with the player, never shown to them)")
    ban.set_defaults(handler=users_ban)
    unban = user_commands.add_parser("unban", help="lift a ban")
    unban.add_argument("username")
    unban.set_defaults(handler=users_unban)
    rename = user_commands.add_parser("rename", help="change a username (the rules of sign-up apply)")
    rename.add_argument("username")
    rename.add_argument("new_username")
    rename.set_defaults(handler=users_rename)
    erase = user_commands.add_parser("delete", help="erase a player and all they own, as their own deletion does")
    erase.add_argument("username")
    erase.add_argument("--yes", action="store_true", help="confirm: nothing of the player is kept")
    erase.set_defaults(handler=users_delete)
    export = user_commands.add_parser("export", help="a player's data, as their own export gives it")
    export.add_argument("username")
    export.add_argument("--format", choices=("json", "csv"), default="json", help="json: everything; csv: the sets")
    export.add_argument("--output", "-o", type=Path, help="a file (default: stdout)")
    export.set_defaults(handler=users_export)

    keys = groups.add_parser("idempotency", help="stored responses to Idempotency-Key retries")
    key_commands = keys.add_subparsers(dest="command", required=True, metavar="SUBCOMMAND")
    prune = key_commands.add_parser(
        "prune", help="forget stored responses older than the given age (schedule it, e.g. daily)"
    )
    prune.add_argument(
        "--older-than-hours",
        type=positive_int,
        default=get_settings().idempotency_key_hours,
        help="age in hours (default: IDEMPOTENCY_KEY_HOURS, 48)",
    )
    prune.set_defaults(handler=idempotency_prune)

    bring = groups.add_parser("import", help="bring players over from another database")
    bring_commands = bring.add_subparsers(dest="command", required=True, metavar="SUBCOMMAND")
    earlier = bring_commands.add_parser(
        "earlier", help="every player of the earlier BodyWeight app: progress, coins, avatars, workouts, friends"
    )
    earlier.add_argument(
        "source", metavar="SOURCE_DATABASE_URL", help="its DATABASE_URL (async forms too), or its SQLite file's path"
    )
    earlier.add_argument("--dry-run", action="store_true", help="report what would happen; write nothing")
    earlier.add_argument(
        "--locale",
        choices=("ru", "en"),
        default="ru",
        help="the language of the players it creates (default: ru, the earlier app's)",
    )
    earlier.set_defaults(handler=import_earlier)

    groups.add_parser("demo", help="add demo players with a week of workouts").set_defaults(handler=demo)

    bot = groups.add_parser("bot", help="the Telegram bot: long polling for development (default), or set a webhook")
    bot.set_defaults(handler=bot_poll)
    bot_commands = bot.add_subparsers(dest="command", metavar="SUBCOMMAND")
    hook = bot_commands.add_parser("webhook", help="have Telegram call URL (the API's /api/telegram/webhook)")
    hook.add_argument("url")
    hook.set_defaults(handler=bot_webhook)
    bot_commands.add_parser("poll", help="long polling (the default)").set_defaults(handler=bot_poll)

    work = groups.add_parser(
        "worker", help="schedule reminders and send the bot's messages (not inside the API workers)"
    )
    work.add_argument("--once", action="store_true", help="schedule and send what is due now, then exit")
    work.set_defaults(handler=worker)

    srv = groups.add_parser("serve", help="run the API and web app")
    srv.add_argument("--host", default="127.0.0.1")
    srv.add_argument("--port", type=int, default=8000)
    srv.add_argument(
        "--workers",
        type=positive_int,
        default=1,
        help="worker processes, each with its own socket, new connections spread over them (default: 1)",
    )
    srv.add_argument("--migrate", action="store_true", help="apply pending migrations first (PostgreSQL)")
    srv.set_defaults(handler=serve)
    return parser


# Failures the operator can act on: explained in one line, exit status 1.
EXPLAINED = (
    CliError,
    CommandError,
    ImportRefused,
    adopt.AdoptRefused,
    backup.BackupFailed,
    checksums.TamperedRevision,
    locking.MigrationLockBusy,
    SQLAlchemyError,
)


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        return args.handler(args) or 0
    except DomainError as exc:
        print(f"bodyweight: error: {exc.message()}", file=sys.stderr)
    except EXPLAINED as exc:
        reason = getattr(exc, "orig", None) or exc
        print(f"bodyweight: error: {reason}", file=sys.stderr)
    except ValidationError as exc:  # the settings: one line per problem, no traceback
        for problem in exc.errors():
            print(f"bodyweight: error: {problem['msg'].removeprefix('Value error, ')}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
