"""Backups before migrations, and restores: `pg_dump` custom format for PostgreSQL,
SQLite's online backup API for the embedded file."""

import os
import shutil
import sqlite3
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import URL

from bodyweight.db import is_sqlite


class BackupFailed(RuntimeError):
    pass


def backup(url: URL, directory: Path, label: str) -> Path:
    """Write a backup of the database at `url` into `directory`; returns its path."""
    directory.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    name = Path(url.database or "database").stem
    if is_sqlite(url):
        target = directory / f"{name}-{label}-{stamp}.sqlite3"
        with sqlite3.connect(_sqlite_file(url)) as source, sqlite3.connect(target) as copy:
            source.backup(copy)
        copy.close()
        return target
    target = directory / f"{name}-{label}-{stamp}.dump"
    _run_client("pg_dump", "--format=custom", f"--file={target}", url=url)
    return target


def restore(path: Path, url: URL) -> None:
    """Replace the contents of the database at `url` with the backup at `path`."""
    if not path.is_file():
        raise BackupFailed(f"no backup at {path}")
    if is_sqlite(url):
        database = _sqlite_file(url)
        Path(database).parent.mkdir(parents=True, exist_ok=True)
        with sqlite3.connect(path) as source, sqlite3.connect(database) as target:
            source.backup(target)
        target.close()
        return
    _run_client(
        "pg_restore",
        "--clean",
        "--if-exists",
        "--no-owner",
        "--no-privileges",
        "--single-transaction",
        "--exit-on-error",
        str(path),
        url=url,
    )


def _sqlite_file(url: URL) -> str:
    if url.database is None:
        raise BackupFailed("an in-memory SQLite database has no file to back up or restore")
    return url.database


def _run_client(program: str, *args: str, url: URL) -> None:
    """Run a PostgreSQL client with the connection in libpq's environment variables,
    so the password never shows in the process list."""
    executable = shutil.which(program)
    if executable is None:
        raise BackupFailed(f"{program} is not installed (Debian: apt-get install postgresql-client)")
    env = {
        **os.environ,
        "PGHOST": url.host or "localhost",
        "PGPORT": str(url.port or 5432),
        "PGUSER": url.username or "",
        "PGDATABASE": url.database or "",
    }
    if url.password:
        env["PGPASSWORD"] = url.password
    # pg_restore names its target with --dbname; pg_dump reads PGDATABASE.
    if program == "pg_restore":
        args = (f"--dbname={url.database}", *args)
    result = subprocess.run([executable, *args], env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupFailed(f"{program} failed: {result.stderr.strip()}")
