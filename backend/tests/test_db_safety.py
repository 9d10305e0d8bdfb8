"""Migration safety (operations): adopting, locking, backups, guarded downgrades,
tamper evidence, on real SQLite and PostgreSQL."""

import os
import shutil
import signal
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from bodyweight.db import make_engine
from bodyweight.dbops import checksums
from bodyweight.dbops.locking import MIGRATION_LOCK_KEY
from bodyweight.models import Base
from support.processes import bodyweight, run, start_bodyweight
from support.schema import BASE, CHAIN, HEAD, migrate, sql


def current(url: str) -> str:
    return bodyweight("db", "current", database_url=url).stdout.split(" ")[0].strip()


def create_all(url: str) -> None:
    """A database made the way the reference app made it: without Alembic."""
    engine = make_engine(url)
    Base.metadata.create_all(engine)
    engine.dispose()


# Adopting ---------------------------------------------------------------------


def test_adopt_stamps_head_on_a_create_all_database(database_url):
    create_all(database_url)
    result = bodyweight("db", "adopt", database_url=database_url)
    assert result.returncode == 0, result.stderr
    assert HEAD in result.stdout
    assert current(database_url) == HEAD
    # create_all made no exercise catalogue; adopting brings it, as the base revision would
    assert sql(database_url, "SELECT count(*) FROM exercises") == [(54,)]
    assert bodyweight("db", "check", database_url=database_url).returncode == 0


def test_adopt_finds_an_older_revision(database_url):
    migrate(database_url, BASE)
    sql(database_url, "DROP TABLE alembic_version")
    assert bodyweight("db", "adopt", database_url=database_url).returncode == 0
    assert current(database_url) == BASE
    assert bodyweight("db", "upgrade", "--no-backup", database_url=database_url).returncode == 0
    assert current(database_url) == HEAD


def test_adopt_refuses_a_hand_edited_schema_and_lists_the_differences(database_url):
    create_all(database_url)
    sql(database_url, "ALTER TABLE users ADD COLUMN nickname VARCHAR(20)")
    sql(database_url, "DROP INDEX ix_user_avatar_purchases_user_id")
    result = bodyweight("db", "adopt", database_url=database_url)
    assert result.returncode == 1
    assert "matches no revision" in result.stderr
    assert "users: unexpected column ('nickname'" in result.stderr
    assert "user_avatar_purchases: missing index ('ix_user_avatar_purchases_user_id'" in result.stderr
    assert current(database_url) == ""


def test_adopt_refuses_a_database_already_under_migrations(migrated_url):
    result = bodyweight("db", "adopt", database_url=migrated_url)
    assert result.returncode == 1 and "already at revision" in result.stderr


def test_plain_alembic_upgrade_on_a_create_all_database_names_adopt(database_url):
    create_all(database_url)
    result = run(["bash", "-c", "source venv/bin/activate && alembic upgrade head"], database_url)
    assert result.returncode != 0
    said = result.stdout + result.stderr
    assert "FAILED" in said and "bodyweight db adopt" in said
    assert "already exists" not in said


# Locks (PostgreSQL) -----------------------------------------------------------


@pytest.fixture
def admin(postgresql_url):
    """A separate connection, as another operator or the application would hold."""
    engine = make_engine(postgresql_url)
    connection = engine.connect()
    yield connection
    connection.rollback()
    connection.close()
    engine.dispose()


def read_until(process, event: str, timeout: float = 60) -> str:
    """The process's stderr up to the first log line with `event` (it keeps running)."""
    seen, deadline = [], time.monotonic() + timeout
    for line in process.stderr:
        seen.append(line)
        if f'"event": "{event}"' in line:
            return "".join(seen)
        assert time.monotonic() < deadline, "".join(seen)
    raise AssertionError(f"exited without {event}: {''.join(seen)}")


def steps_logged(*outputs: str) -> int:
    return sum(output.count('"message": "migration step"') for output in outputs)


def test_two_upgraders_at_once_apply_the_chain_once(postgresql_url, admin):
    admin.execute(text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
    admin.commit()
    upgraders = [start_bodyweight("db", "upgrade", "--no-backup", database_url=postgresql_url) for _ in range(2)]
    waited = [read_until(u, "migration_lock_wait") for u in upgraders]  # both wait for the lock
    assert current(postgresql_url) == ""  # `current` only looks: it does not wait
    admin.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATION_LOCK_KEY})
    admin.commit()
    outputs = [u.communicate(timeout=60) for u in upgraders]
    assert [u.returncode for u in upgraders] == [0, 0], outputs
    logs = [before + err for before, (_, err) in zip(waited, outputs, strict=True)]
    assert steps_logged(*logs) == len(CHAIN)  # every revision, applied once in all
    assert current(postgresql_url) == HEAD


def test_an_upgrader_gives_up_after_the_configured_wait(postgresql_url, admin):
    admin.execute(text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
    admin.commit()
    result = bodyweight("db", "upgrade", "--no-backup", database_url=postgresql_url, MIGRATION_LOCK_WAIT="1")
    assert result.returncode == 1
    assert "another migration" in result.stderr
    assert current(postgresql_url) == ""


def hold_access_exclusive(admin, table: str) -> None:
    admin.execute(text(f"LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE"))


def test_a_busy_table_makes_the_migration_wait_and_retry(postgresql_url, admin):
    migrate(postgresql_url, BASE)
    hold_access_exclusive(admin, "users")
    upgrade = start_bodyweight(
        "db",
        "upgrade",
        "--no-backup",
        database_url=postgresql_url,
        MIGRATION_LOCK_TIMEOUT="0.2",
        MIGRATION_RETRIES="20",
    )
    read_until(upgrade, "migration_lock_timeout")  # it timed out on the lock, and waits to retry
    admin.rollback()  # the long transaction ends; the next retry gets the lock
    _, err = upgrade.communicate(timeout=60)
    assert upgrade.returncode == 0, err
    assert current(postgresql_url) == HEAD


def test_a_table_that_stays_busy_fails_the_migration_cleanly(postgresql_url, admin):
    migrate(postgresql_url, BASE)
    hold_access_exclusive(admin, "users")
    result = bodyweight(
        "db",
        "upgrade",
        "--no-backup",
        database_url=postgresql_url,
        MIGRATION_LOCK_TIMEOUT="0.2",
        MIGRATION_RETRIES="1",
    )
    assert result.returncode == 1
    assert "lock timeout" in result.stderr
    admin.rollback()
    assert current(postgresql_url) == BASE


def test_sigkill_in_the_middle_of_an_upgrade_leaves_the_last_completed_revision(postgresql_url, admin):
    migrate(postgresql_url, BASE)
    sql(postgresql_url, "INSERT INTO users (username, coins) VALUES ('ada', 40)")
    sql(
        postgresql_url,
        "INSERT INTO coin_transactions (user_id, amount, balance_after, reason)"
        " SELECT id, 40, 40, 'support_grant' FROM users",
    )
    hold_access_exclusive(admin, "users")
    upgrade = start_bodyweight("db", "upgrade", "--no-backup", database_url=postgresql_url, MIGRATION_LOCK_TIMEOUT="60")
    waiting = (
        "SELECT count(*) FROM pg_stat_activity"
        " WHERE wait_event_type = 'Lock' AND query LIKE '%CREATE TABLE user_avatar_purchases%'"
    )
    deadline = time.monotonic() + 30
    while sql(postgresql_url, waiting) != [(1,)]:  # it is inside the purchases revision's transaction
        assert time.monotonic() < deadline and upgrade.poll() is None
        time.sleep(0.1)
    os.kill(upgrade.pid, signal.SIGKILL)
    upgrade.wait(timeout=30)
    admin.rollback()
    assert current(postgresql_url) == BASE
    assert sql(postgresql_url, "SELECT username, coins FROM users") == [("ada", 40)]
    assert "user_avatar_purchases" not in str(sql(postgresql_url, "SELECT tablename FROM pg_tables"))
    rerun = bodyweight("db", "upgrade", "--no-backup", database_url=postgresql_url)
    assert rerun.returncode == 0, rerun.stderr
    assert current(postgresql_url) == HEAD
    assert sql(postgresql_url, "SELECT username, coins FROM users") == [("ada", 40)]


# Backups ----------------------------------------------------------------------


def test_restore_drill(database_url, scratch_url, tmp_path):
    migrate(database_url)
    sql(database_url, "INSERT INTO users (username, coins) VALUES ('ada', 150), ('bo', 0)")
    sql(database_url, "INSERT INTO user_avatar_purchases (user_id, avatar_id) SELECT id, 'phoenix' FROM users")
    users_sql = "SELECT id, username, coins FROM users ORDER BY id"
    backed_up = sql(database_url, users_sql)

    saved = bodyweight("db", "backup", "--output-dir", str(tmp_path), database_url=database_url)
    assert saved.returncode == 0, saved.stderr
    path = Path(saved.stdout.strip())
    assert path.is_file() and path.parent == tmp_path

    sql(database_url, "DELETE FROM users WHERE username = 'ada'")
    sql(database_url, "UPDATE users SET coins = 999")

    refused = bodyweight("db", "restore", str(path), database_url=scratch_url)
    assert refused.returncode == 1 and "--yes" in refused.stderr
    restored = bodyweight("db", "restore", str(path), "--yes", database_url=scratch_url)
    assert restored.returncode == 0, restored.stderr
    assert current(scratch_url) == HEAD
    assert sql(scratch_url, users_sql) == backed_up
    assert sql(scratch_url, "SELECT count(*) FROM user_avatar_purchases") == [(2,)]


def test_upgrade_takes_a_backup_first_and_says_where(database_url, tmp_path):
    tmp_path = tmp_path / "backups"
    migrate(database_url, BASE)
    sql(database_url, "INSERT INTO users (username) VALUES ('ada')")
    result = bodyweight("db", "upgrade", database_url=database_url, BACKUP_DIR=str(tmp_path))
    assert result.returncode == 0, result.stderr
    (backup,) = tmp_path.iterdir()
    assert f"Backed up the database to {backup}" in result.stdout
    skipped = bodyweight(
        "db", "downgrade", "-1", "--no-backup", database_url=database_url, BACKUP_DIR=str(tmp_path / "none")
    )
    assert skipped.returncode == 0 and not (tmp_path / "none").exists()


# Guarded downgrades -----------------------------------------------------------


def test_a_downgrade_that_would_destroy_rows_needs_yes(migrated_url, tmp_path):
    tmp_path = tmp_path / "backups"
    sql(migrated_url, "INSERT INTO users (username) VALUES ('ada'), ('bo')")
    sql(migrated_url, "INSERT INTO user_avatar_purchases (user_id, avatar_id) SELECT id, 'phoenix' FROM users")
    refused = bodyweight("db", "downgrade", BASE, database_url=migrated_url, BACKUP_DIR=str(tmp_path))
    assert refused.returncode == 1
    assert "table user_avatar_purchases: 2 rows with data" in refused.stderr
    assert current(migrated_url) == HEAD
    assert sql(migrated_url, "SELECT count(*) FROM user_avatar_purchases") == [(2,)]
    assert not tmp_path.exists()  # refused before any backup

    agreed = bodyweight("db", "downgrade", BASE, "--yes", database_url=migrated_url, BACKUP_DIR=str(tmp_path))
    assert agreed.returncode == 0, agreed.stderr
    (backup,) = tmp_path.iterdir()
    assert str(backup) in agreed.stdout
    assert current(migrated_url) == BASE


def test_a_downgrade_that_destroys_nothing_goes_ahead(migrated_url, tmp_path):
    result = bodyweight("db", "downgrade", BASE, database_url=migrated_url, BACKUP_DIR=str(tmp_path / "b"))
    assert result.returncode == 0, result.stderr
    assert current(migrated_url) == BASE


# Tamper evidence and db check -------------------------------------------------


def test_every_revision_file_matches_the_committed_manifest():
    assert checksums.problems() == []


def test_a_modified_revision_file_is_detected(tmp_path):
    versions = tmp_path / "versions"
    shutil.copytree(checksums.VERSIONS_DIR, versions, ignore=shutil.ignore_patterns("__pycache__"))
    manifest = tmp_path / "checksums.json"
    shutil.copy(checksums.MANIFEST, manifest)
    assert checksums.problems(versions, manifest) == []
    revision = versions / "67aca3c3bf83_add_user_avatar_purchases_table.py"
    revision.write_text(revision.read_text().replace("length=50", "length=80"))
    (versions / "0000_sneaky.py").write_text("revision = '0000'\n")
    assert checksums.problems(versions, manifest) == [
        "67aca3c3bf83_add_user_avatar_purchases_table.py was modified after it was recorded",
        "0000_sneaky.py is not recorded (run `bodyweight db checksums --update`)",
    ]


def test_db_check_exit_codes(database_url):
    migrate(database_url, BASE)
    behind = bodyweight("db", "check", database_url=database_url)
    assert behind.returncode == 3 and f"pending revisions: {', '.join(CHAIN[1:])}" in behind.stdout
    migrate(database_url)
    assert bodyweight("db", "check", database_url=database_url).returncode == 0
    sql(database_url, "ALTER TABLE users ADD COLUMN nickname VARCHAR(20)")
    drifted = bodyweight("db", "check", database_url=database_url)
    assert drifted.returncode == 4 and "nickname" in drifted.stdout
    assert bodyweight("db", "checksums", database_url=database_url).returncode == 0
