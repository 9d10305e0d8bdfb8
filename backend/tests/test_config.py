"""DATABASE_URL handling, shared by the server, the CLI and alembic."""

import secrets
import subprocess
import sys

import pytest
from pydantic import ValidationError

from bodyweight.config import BACKEND_DIR, DEFAULT_SQLITE_PATH, DEVELOPMENT_SECRET, Settings, normalize_database_url
from support.processes import bodyweight


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


@pytest.mark.parametrize(
    "secret",
    [
        None,  # not set at all
        "",
        "   ",
        "change-me",
        "CHANGE-ME",
        DEVELOPMENT_SECRET,
        "k" * 40,  # long, but not random
        secrets.token_urlsafe(48)[:31],  # 31 bytes
        "please-change-me-" + secrets.token_hex(16),
    ],
)
def test_production_refuses_a_missing_short_or_example_secret_and_says_how_to_make_one(monkeypatch, secret):
    monkeypatch.setenv("BODYWEIGHT_ENV", "production")
    if secret is None:
        monkeypatch.delenv("SECRET_KEY", raising=False)
    else:
        monkeypatch.setenv("SECRET_KEY", secret)
    with pytest.raises(ValidationError, match="SECRET_KEY") as refused:
        Settings(_env_file=None)
    assert "secrets.token_urlsafe" in str(refused.value)


def test_production_accepts_a_generated_secret(monkeypatch):
    monkeypatch.setenv("BODYWEIGHT_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", secrets.token_urlsafe(32))
    assert Settings(_env_file=None).environment == "production"


def test_the_shipped_env_example_has_no_usable_secret(monkeypatch):
    example = BACKEND_DIR.parent / ".env.example"
    monkeypatch.setenv("BODYWEIGHT_ENV", "production")
    for name in ("SECRET_KEY", "POSTGRES_PASSWORD", "DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    with pytest.raises(ValidationError, match="SECRET_KEY"):
        Settings(_env_file=example)


def test_development_without_a_secret_uses_the_development_one(monkeypatch):
    monkeypatch.delenv("BODYWEIGHT_ENV", raising=False)
    monkeypatch.setenv("SECRET_KEY", "")
    assert Settings(_env_file=None).secret_key == DEVELOPMENT_SECRET


def test_serve_in_production_with_the_example_secret_refuses_in_one_line(sqlite_url):
    result = bodyweight("serve", database_url=sqlite_url, BODYWEIGHT_ENV="production", SECRET_KEY="change-me")
    assert result.returncode == 1
    assert "SECRET_KEY is an example value" in result.stderr
    assert "Traceback" not in result.stderr
