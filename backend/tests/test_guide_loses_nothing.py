"""The guide's own commands lose nothing: a plain `alembic downgrade` that drops
rows backs the database up first and says how to restore it; after a downgrade and
an upgrade, nobody wears an avatar they no longer own."""

import re
import subprocess
from pathlib import Path

from bodyweight.config import BACKEND_DIR
from support.processes import bodyweight, operator_env
from support.schema import CHAIN, HEAD, PURCHASES_REVISION, migrate, sql
from test_migration_guide import guide_venv  # noqa: F401 (the fixture)

BEFORE_PURCHASES = CHAIN[CHAIN.index(PURCHASES_REVISION) - 1]


def current(url: str) -> str:
    return sql(url, "SELECT version_num FROM alembic_version")[0][0]


def with_purchases(url: str) -> None:
    """The guide's moment: 67aca3c3bf83 is the head and players have bought avatars."""
    migrate(url, PURCHASES_REVISION)
    sql(url, "INSERT INTO users (username, coins, avatar_id) VALUES ('ada', 50, 'phoenix'), ('bo', 0, 'iron-bear')")
    sql(url, "INSERT INTO user_avatar_purchases (user_id, avatar_id) SELECT id, 'phoenix' FROM users")


def alembic(line: str, url: str, backups: Path, **env: str) -> subprocess.CompletedProcess:
    """One of the guide's `alembic` lines, through bash, in backend/venv."""
    return subprocess.run(
        ["bash", "-c", f"cd backend && source venv/bin/activate && alembic {line}"],
        cwd=BACKEND_DIR.parent,
        env=operator_env(url, BACKUP_DIR=str(backups), **env),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_plain_downgrade_that_drops_purchases_backs_up_first_and_the_backup_restores(
    guide_venv,  # noqa: F811
    database_url,
    scratch_url,
    tmp_path,
):
    with_purchases(database_url)
    backups = tmp_path / "backups"
    down = alembic("downgrade -1", database_url, backups)
    assert down.returncode == 0, down.stderr
    assert current(database_url) == BEFORE_PURCHASES  # proceeds as the guide expects
    (backup,) = backups.iterdir()
    assert "table user_avatar_purchases: 2 rows with data" in down.stdout
    assert f"Backed up the database to {backup}" in down.stdout
    restore_line = re.search(r"To restore it: cd backend && (bodyweight db restore \S+ --yes)", down.stdout)
    assert restore_line is not None, down.stdout

    # The restore drill, into another database, with the command as printed.
    restored = bodyweight(*restore_line.group(1).split()[1:], database_url=scratch_url)
    assert restored.returncode == 0, restored.stderr
    assert current(scratch_url) == PURCHASES_REVISION
    assert sql(
        scratch_url,
        "SELECT u.username, p.avatar_id FROM user_avatar_purchases p JOIN users u ON u.id = p.user_id ORDER BY 1",
    ) == [
        ("ada", "phoenix"),
        ("bo", "phoenix"),
    ]


def test_plain_downgrade_that_drops_nothing_takes_no_backup(guide_venv, migrated_url, tmp_path):  # noqa: F811
    backups = tmp_path / "backups"
    down = alembic("downgrade -1", migrated_url, backups)
    assert down.returncode == 0, down.stderr
    assert not backups.exists() and "Backed up" not in down.stdout
    assert current(migrated_url) == CHAIN[-2]


def test_the_backup_before_a_plain_downgrade_can_be_turned_off(guide_venv, sqlite_url, tmp_path):  # noqa: F811
    with_purchases(sqlite_url)
    backups = tmp_path / "backups"
    down = alembic("downgrade -1", sqlite_url, backups, BACKUP_BEFORE_DOWNGRADE="false")
    assert down.returncode == 0, down.stderr
    assert not backups.exists()
    assert current(sqlite_url) == BEFORE_PURCHASES


def test_a_failed_backup_stops_the_downgrade_and_changes_nothing(guide_venv, sqlite_url, tmp_path):  # noqa: F811
    with_purchases(sqlite_url)
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    down = alembic("downgrade -1", sqlite_url, blocker)
    assert down.returncode != 0
    said = down.stdout + down.stderr  # Alembic prints its FAILED line on stdout
    assert "Nothing was changed" in said and "BACKUP_BEFORE_DOWNGRADE" in said
    assert current(sqlite_url) == PURCHASES_REVISION
    assert sql(sqlite_url, "SELECT count(*) FROM user_avatar_purchases") == [(2,)]


def test_after_downgrade_and_upgrade_an_avatar_no_longer_owned_falls_back_to_the_default(
    guide_venv,  # noqa: F811
    database_url,
    tmp_path,
):
    with_purchases(database_url)
    sql(database_url, "INSERT INTO users (username, avatar_id) VALUES ('cy', 'griffin')")  # never bought
    migrate(database_url)
    backups = tmp_path / "backups"
    # Back to the guide's moment and one step further, then up again.
    back = bodyweight("db", "downgrade", PURCHASES_REVISION, "--yes", "--no-backup", database_url=database_url)
    assert back.returncode == 0, back.stderr
    assert alembic("downgrade -1", database_url, backups).returncode == 0
    assert alembic("upgrade head", database_url, backups).returncode == 0
    assert current(database_url) == HEAD
    assert sql(database_url, "SELECT username, avatar_id FROM users ORDER BY username") == [
        ("ada", "shadow-wolf"),  # phoenix was paid for, but the purchase is gone
        ("bo", "iron-bear"),  # free avatars stay
        ("cy", "shadow-wolf"),
    ]


def test_an_owned_avatar_stays_equipped_through_the_revision(database_url):
    with_purchases(database_url)
    migrate(database_url)
    assert sql(database_url, "SELECT username, avatar_id FROM users ORDER BY username") == [
        ("ada", "phoenix"),
        ("bo", "iron-bear"),
    ]
