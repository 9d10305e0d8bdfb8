"""Alembic environment shared by `alembic`, `bodyweight db` and the tests.

The database is DATABASE_URL (see bodyweight.config) unless the caller put another
URL in `config.attributes["database_url"]`, or an open connection in
`config.attributes["connection"]` (then the caller owns the transaction: used to
try migrations and roll them back).

On PostgreSQL every run holds an advisory lock (one upgrader at a time) and runs
its DDL under a short lock_timeout, retrying a step that timed out.
"""

import logging
import sqlite3
import time

from alembic import context
from alembic.util import CommandError
from sqlalchemy import Connection, pool

from bodyweight.config import get_settings, normalize_database_url
from bodyweight.db import is_sqlite, make_engine
from bodyweight.dbops import backup, checksums, guard, locking
from bodyweight.logs import configure_logging
from bodyweight.models import Base

config = context.config
settings = get_settings()
configure_logging(settings.log_level, settings.log_format)
log = logging.getLogger("bodyweight.migrations")


def database_url():
    url = config.attributes.get("database_url") or settings.database_url
    return normalize_database_url(url) if isinstance(url, str) else url


def configure(**kwargs) -> None:
    context.configure(
        target_metadata=Base.metadata,
        render_as_batch=is_sqlite(database_url()),
        compare_type=True,
        # Each revision commits on its own: an interrupted upgrade stops at the last
        # revision that completed, never halfway through one.
        transaction_per_migration=True,
        **kwargs,
    )


class StepLogger:
    """One structured log line per applied revision, with its duration."""

    def __init__(self) -> None:
        self.last = time.perf_counter()

    def __call__(self, *, step, **_) -> None:
        now = time.perf_counter()
        log.info(
            "migration step",
            extra={
                "revision": step.up_revision_id,
                "direction": "stamp" if step.is_stamp else "upgrade" if step.is_upgrade else "downgrade",
                "duration_ms": round((now - self.last) * 1000, 1),
            },
        )
        self.last = now


def run_offline() -> None:
    configure(url=database_url(), literal_binds=True)
    migrate()


def plain_downgrade_target() -> str | None:
    """The target of `alembic downgrade REV` typed at the command line (the guide's
    command); None for every other run, `bodyweight db downgrade` included, which
    takes its own backup after asking."""
    options = config.cmd_opts
    command = getattr(options, "cmd", None)
    if not command or getattr(command[0], "__name__", "") != "downgrade" or getattr(options, "sql", False):
        return None
    return str(options.revision)


def back_up_before_losing_rows(engine, target: str) -> None:
    """Take the backup `bodyweight db downgrade` takes when the downgrade would drop
    rows, say where it is and how to restore it; then the downgrade proceeds."""
    if not settings.backup_before_downgrade:
        return

    def rehearse(connection: Connection) -> None:
        configure(connection=connection)
        context.run_migrations()

    losses = guard.downgrade_losses(engine, target, settings.migration_lock_timeout, rehearse)
    if not losses:
        return
    try:
        path = backup.backup(engine.url, settings.backup_dir, "before-downgrade")
    except (backup.BackupFailed, OSError, sqlite3.Error) as exc:
        raise CommandError(
            f"this downgrade drops rows ({'; '.join(map(str, losses))}) and the backup taken first failed: "
            f"{exc}. Nothing was changed. (BACKUP_BEFORE_DOWNGRADE=false skips the backup.)"
        ) from None
    print(
        "This downgrade drops data:\n  "
        + "\n  ".join(map(str, losses))
        + f"\nBacked up the database to {path} first."
        + f"\nTo restore it: cd backend && bodyweight db restore {path} --yes",
        flush=True,
    )
    log.info(
        "backup before downgrade",
        extra={"event": "backup_before_downgrade", "path": str(path), "target": target},
    )


def run_online() -> None:
    checksums.refuse_tampered_revisions()
    borrowed = config.attributes.get("connection")
    if borrowed is not None:
        configure(connection=borrowed)
        context.run_migrations()  # inside the caller's transaction
        return
    engine = make_engine(database_url(), poolclass=pool.NullPool)
    target = plain_downgrade_target()
    if target is not None:
        back_up_before_losing_rows(engine, target)
    try:
        with engine.connect() as connection:
            if is_sqlite(engine):
                run_on_sqlite(connection)
            else:
                run(connection)
    finally:
        engine.dispose()


def run(connection: Connection, **kwargs) -> None:
    if not config.attributes.get("quiet"):
        kwargs["on_version_apply"] = StepLogger()
    configure(connection=connection, **kwargs)
    if is_sqlite(connection.engine) or context.get_context().opts.get("dont_mutate"):
        # SQLite's own write lock serialises writers; `alembic current` only looks.
        migrate()
        return
    with locking.migration_lock(connection, settings.migration_lock_wait):
        locking.set_lock_timeout(connection, settings.migration_lock_timeout)
        locking.retrying_lock_timeouts(migrate, connection, settings.migration_retries)


def migrate() -> None:
    with context.begin_transaction():
        context.run_migrations()


def run_on_sqlite(connection: Connection) -> None:
    """Batch mode rebuilds tables; with foreign keys on, dropping the old copy of a
    parent table would cascade-delete its children. So they are off during the run
    and checked once it is over. The pragma only works outside a transaction, hence
    the raw DBAPI connection before anything begins."""
    raw = connection.connection.driver_connection
    raw.execute("PRAGMA foreign_keys=OFF")
    try:
        # Our engine emits BEGIN itself, so SQLite DDL is transactional here.
        run(connection, transactional_ddl=True)
        violations = raw.execute("PRAGMA foreign_key_check").fetchall()
        if violations:
            raise RuntimeError(f"migration left rows with broken foreign keys: {violations}")
    finally:
        raw.execute("PRAGMA foreign_keys=ON")


if context.is_offline_mode():
    run_offline()
else:
    run_online()
