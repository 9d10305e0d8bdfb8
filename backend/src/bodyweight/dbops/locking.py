"""PostgreSQL locks around migrations: one upgrader at a time, and DDL that waits
briefly for a busy table, then retries, instead of stalling the application."""

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from alembic.util import CommandError
from psycopg.errors import LockNotAvailable
from sqlalchemy import Connection, text
from sqlalchemy.exc import OperationalError

log = logging.getLogger("bodyweight.migrations")

# The advisory lock key: the eight bytes "bodywght" read as a signed 64-bit integer.
MIGRATION_LOCK_KEY = int.from_bytes(b"bodywght", "big", signed=True)


class MigrationLockBusy(CommandError):
    pass


@contextmanager
def migration_lock(connection: Connection, wait_seconds: float) -> Iterator[None]:
    """Hold the session-level advisory lock for the whole run; wait for it at most
    `wait_seconds`, then give up."""
    deadline = time.monotonic() + wait_seconds
    announced = False
    while not connection.scalar(text("SELECT pg_try_advisory_lock(:key)"), {"key": MIGRATION_LOCK_KEY}):
        if time.monotonic() >= deadline:
            connection.rollback()
            raise MigrationLockBusy(
                f"another migration has held the lock for over {wait_seconds:g} s; "
                "try again when it has finished (MIGRATION_LOCK_WAIT sets the wait)"
            )
        if not announced:
            log.info("waiting for another migration to finish", extra={"event": "migration_lock_wait"})
            announced = True
        time.sleep(0.2)
    connection.commit()  # the lock is the session's; Alembic starts its own transactions
    try:
        yield
    finally:
        connection.rollback()
        connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATION_LOCK_KEY})
        connection.commit()


def set_lock_timeout(connection: Connection, seconds: float) -> None:
    connection.execute(text(f"SET lock_timeout = {int(seconds * 1000)}"))
    connection.commit()


def is_lock_timeout(exc: BaseException) -> bool:
    return isinstance(exc, OperationalError) and isinstance(exc.orig, LockNotAvailable)


def retrying_lock_timeouts(run: Callable[[], None], connection: Connection, retries: int) -> None:
    """Run the migrations; when a step times out waiting for a lock, its transaction
    rolls back and the run starts again from the last revision that completed."""
    for attempt in range(retries + 1):
        try:
            run()
            return
        except OperationalError as exc:
            if not is_lock_timeout(exc) or attempt == retries:
                raise
            connection.rollback()
            delay = min(0.5 * 2**attempt, 5.0)
            log.warning(
                "migration step timed out waiting for a lock; retrying",
                extra={"event": "migration_lock_timeout", "attempt": attempt + 1, "retry_in_s": delay},
            )
            time.sleep(delay)
