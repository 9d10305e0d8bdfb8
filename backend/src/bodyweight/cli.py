"""The `bodyweight` operator command: database, players, and the server."""

import argparse
import asyncio
import sys
from collections.abc import Awaitable, Callable, Sequence
from datetime import timedelta
from pathlib import Path
from typing import TypeVar

from alembic import command
from alembic.util import CommandError
from pydantic import ValidationError
from sqlalchemy import Engine, inspect, pool
from sqlalchemy.exc import SQLAlchemyError

from bodyweight.config import get_settings
from bodyweight.db import Database, is_sqlite, make_async_engine, make_engine
from bodyweight.dbops import adopt, backup, checksums, guard, locking, schema
from bodyweight.errors import DomainError
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


def users_grant_coins(args: argparse.Namespace) -> None:
    from bodyweight.ledger.service import grant_coins

    async def grant(database: Database) -> int:
        async with database.writing() as session:
            return await grant_coins(session, args.username, args.amount, args.reason)

    balance = run_use_case(grant)
    print(f"Granted {args.amount} coins to {args.username}; balance is now {balance}.")


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


# serve ------------------------------------------------------------------------


def serve(args: argparse.Namespace) -> None:
    from bodyweight import server
    from bodyweight.logs import configure_logging

    settings = get_settings()
    configure_logging(settings.log_level, settings.log_format)
    engine = _engine()
    pending = _pending(engine)
    if pending and (args.migrate or is_sqlite(engine)):
        command.upgrade(alembic_config(), "head")
    elif pending:
        raise CliError(
            f"the database schema is behind (pending: {', '.join(pending)}); refusing to "
            "serve. Back up, then run `bodyweight db upgrade` (or `bodyweight serve --migrate`)."
        )
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

    groups.add_parser("demo", help="add demo players with a week of workouts").set_defaults(handler=demo)

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
