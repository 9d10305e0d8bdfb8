"""The `bodyweight` operator command: database, players, and the server."""

import argparse
import sys
from collections.abc import Sequence

from alembic import command
from alembic.util import CommandError
from sqlalchemy import Engine, pool

from bodyweight.config import get_settings
from bodyweight.db import is_sqlite, make_engine, make_session_factory, transaction
from bodyweight.errors import DomainError
from bodyweight.migrations import alembic_config, pending_revisions


class CliError(Exception):
    """A failure explained to the operator; the command exits with status 1."""


def _engine() -> Engine:
    return make_engine(get_settings().sqlalchemy_url, poolclass=pool.NullPool)


def _pending(engine: Engine) -> list[str]:
    with engine.connect() as connection:
        return pending_revisions(connection)


def require_schema_at_head(engine: Engine) -> None:
    pending = _pending(engine)
    if pending:
        raise CliError(
            f"the database schema is behind (pending: {', '.join(pending)}); "
            "run `bodyweight db upgrade` first"
        )


# db ---------------------------------------------------------------------------


def db_upgrade(args: argparse.Namespace) -> None:
    command.upgrade(alembic_config(), args.revision, sql=args.sql)


def db_downgrade(args: argparse.Namespace) -> None:
    command.downgrade(alembic_config(), args.revision, sql=args.sql)


def db_current(args: argparse.Namespace) -> None:
    command.current(alembic_config(), verbose=args.verbose)


def db_history(args: argparse.Namespace) -> None:
    command.history(alembic_config(), verbose=args.verbose, indicate_current=True)


# users ------------------------------------------------------------------------


def users_grant_coins(args: argparse.Namespace) -> None:
    from bodyweight.coins.service import grant_coins

    engine = _engine()
    require_schema_at_head(engine)
    with transaction(make_session_factory(engine)) as session:
        balance = grant_coins(session, args.username, args.amount, args.reason)
    print(f"Granted {args.amount} coins to {args.username}; balance is now {balance}.")


def demo(args: argparse.Namespace) -> None:
    from bodyweight import demo as demo_data

    if get_settings().environment == "production":
        raise CliError("demo players are for development; refusing in production")
    engine = _engine()
    require_schema_at_head(engine)
    with transaction(make_session_factory(engine)) as session:
        created = demo_data.fill(session)
    if not created:
        print("The demo players already exist.")
    for username, password in created.items():
        print(f"{username}  password: {password}")


# serve ------------------------------------------------------------------------


def serve(args: argparse.Namespace) -> None:
    import uvicorn

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
    print(f"BodyWeight is running: open http://{shown_host}:{args.port}/", flush=True)
    uvicorn.run(
        "bodyweight.app:create_app",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_level="warning",
        access_log=False,
    )


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
    up.add_argument("--sql", action="store_true", help="print the SQL instead of running it")
    up.set_defaults(handler=db_upgrade)
    down = db_commands.add_parser("downgrade", help="revert migrations down to REV (e.g. -1)")
    down.add_argument("revision")
    down.add_argument("--sql", action="store_true", help="print the SQL instead of running it")
    down.set_defaults(handler=db_downgrade)
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

    groups.add_parser("demo", help="add demo players with a week of workouts").set_defaults(
        handler=demo
    )

    srv = groups.add_parser("serve", help="run the API and web app")
    srv.add_argument("--host", default="127.0.0.1")
    srv.add_argument("--port", type=int, default=8000)
    srv.add_argument("--workers", type=positive_int, default=1)
    srv.add_argument(
        "--migrate", action="store_true", help="apply pending migrations first (PostgreSQL)"
    )
    srv.set_defaults(handler=serve)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        args.handler(args)
    except (CliError, CommandError) as exc:
        print(f"bodyweight: error: {exc}", file=sys.stderr)
        return 1
    except DomainError as exc:
        print(f"bodyweight: error: {exc.message}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
