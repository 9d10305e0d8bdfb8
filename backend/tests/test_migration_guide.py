"""The user's migration guide, command by command, as written.

`cd backend && source venv/bin/activate && alembic ...` against a scratch database
on each engine, through a real shell, in the virtualenv at backend/venv that the
README's set-up command creates.
"""

import subprocess
import sys
from pathlib import Path

import pytest

from bodyweight.config import BACKEND_DIR
from support.processes import operator_env
from support.schema import CHAIN, HEAD

VENV = BACKEND_DIR / "venv"


@pytest.fixture(scope="module")
def guide_venv() -> Path:
    """backend/venv as the guide expects it; made the README's way if missing."""
    if not (VENV / "bin" / "alembic").exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(VENV / "bin" / "pip"), "install", "-q", "-e", str(BACKEND_DIR)], check=True)
    return VENV


def shell(line: str, database_url: str) -> subprocess.CompletedProcess:
    """One of the guide's lines, run by bash from the repository root."""
    return subprocess.run(
        ["bash", "-c", line],
        cwd=BACKEND_DIR.parent,
        env=operator_env(database_url),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_guides_commands_work_as_written(guide_venv, database_url):
    upgrade = shell("cd backend && source venv/bin/activate && alembic upgrade head", database_url)
    assert upgrade.returncode == 0, upgrade.stderr

    current = shell("cd backend && source venv/bin/activate && alembic current", database_url)
    assert current.returncode == 0, current.stderr
    assert current.stdout.split()[0] == HEAD  # the guide's 67aca3c3bf83, or a later one

    down = shell("cd backend && source venv/bin/activate && alembic downgrade -1", database_url)
    assert down.returncode == 0, down.stderr
    after = shell("cd backend && source venv/bin/activate && alembic current", database_url)
    assert after.stdout.split()[0] == CHAIN[-2]

    again = shell("cd backend && source venv/bin/activate && alembic upgrade head", database_url)
    assert again.returncode == 0, again.stderr
    assert shell("cd backend && venv/bin/alembic current", database_url).stdout.split()[0] == HEAD


def test_psql_shows_the_table_as_the_guide_says(guide_venv, postgresql_url):
    assert shell("cd backend && source venv/bin/activate && alembic upgrade head", postgresql_url).returncode == 0
    psql = subprocess.run(
        ["psql", postgresql_url, "-c", r"\dt user_avatar_purchases", "-c", r"\d user_avatar_purchases"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    if psql.returncode == 127 or "not found" in psql.stderr:
        pytest.fail("psql is needed for the guide's checks")
    assert psql.returncode == 0, psql.stderr
    assert "user_avatar_purchases | table" in psql.stdout
    assert '"ix_user_avatar_purchases_user_id" btree (user_id)' in psql.stdout
    assert "ON DELETE CASCADE" in psql.stdout


def test_pg_dump_backup_as_the_guide_says(guide_venv, postgresql_url, tmp_path):
    assert shell("cd backend && venv/bin/alembic upgrade head", postgresql_url).returncode == 0
    backup = tmp_path / "backup.sql"
    result = subprocess.run(
        f"pg_dump {postgresql_url} > {backup}", shell=True, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    dump = backup.read_text()
    assert "CREATE TABLE public.user_avatar_purchases" in dump
    assert HEAD in dump  # the revision travels with the backup
