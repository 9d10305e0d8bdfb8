"""DATABASE_URL handling, shared by the server, the CLI and alembic."""

import subprocess
import sys

import pytest
from pydantic import ValidationError

from bodyweight.config import BACKEND_DIR, DEFAULT_SQLITE_PATH, Settings, normalize_database_url


@pytest.mark.parametrize(
    ("pasted", "driver"),
    [
        ("postgresql://user:pass@db:5432/bodyweight", "postgresql+psycopg"),
        ("postgres://user:pass@db:5432/bodyweight", "postgresql+psycopg"),
        ("postgresql+psycopg://user:pass@db:5432/bodyweight", "postgresql+psycopg"),
        ("  postgresql://user:pass@db/bodyweight\n", "postgresql+psycopg"),
        ("sqlite:////srv/bodyweight.db", "sqlite"),
    ],
)
def test_pasted_urls_get_the_shipped_driver(pasted, driver):
    url = normalize_database_url(pasted)
    assert url.drivername == driver
    assert url.database in ("bodyweight", "/srv/bodyweight.db")


def test_relative_sqlite_paths_are_anchored_in_backend():
    assert normalize_database_url("sqlite:///data/x.db").database == str(BACKEND_DIR / "data/x.db")


def test_default_is_the_embedded_sqlite_file(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    settings = Settings(_env_file=None)
    assert settings.sqlalchemy_url.database == str(BACKEND_DIR / "data" / "bodyweight.db")
    assert DEFAULT_SQLITE_PATH == BACKEND_DIR / "data" / "bodyweight.db"


def test_default_is_the_same_whatever_the_working_directory(tmp_path):
    probe = "from bodyweight.config import Settings; print(Settings(_env_file=None).sqlalchemy_url.database)"
    env = {"PATH": "/usr/bin:/bin"}
    printed = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, env=env, capture_output=True, text=True, check=True
    ).stdout.strip()
    assert printed == str(DEFAULT_SQLITE_PATH)


def test_database_url_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://u:p@h:5432/d")
    assert Settings(_env_file=None).sqlalchemy_url.render_as_string(hide_password=False) == (
        "postgresql+psycopg://u:p@h:5432/d"
    )


def test_database_url_comes_from_a_dotenv_file(tmp_path, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    env_file = tmp_path / ".env"
    env_file.write_text("DATABASE_URL=postgresql://from:file@h/d\n")
    assert Settings(_env_file=env_file).sqlalchemy_url.username == "from"


def test_production_refuses_the_development_secret(monkeypatch):
    monkeypatch.setenv("BODYWEIGHT_ENV", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ValidationError, match="SECRET_KEY"):
        Settings(_env_file=None)
    monkeypatch.setenv("SECRET_KEY", "a-real-secret-from-the-operator-0123456789")
    assert Settings(_env_file=None).environment == "production"
