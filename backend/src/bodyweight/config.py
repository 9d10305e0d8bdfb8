"""One typed place for configuration, read from the environment or `backend/.env`."""

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import URL, make_url

# The package lives in backend/src/bodyweight, so backend/ is two levels up. Every
# path below is anchored here so the server, the CLI and `alembic` agree whatever
# the working directory.
BACKEND_DIR = Path(__file__).resolve().parents[2]
ALEMBIC_INI = BACKEND_DIR / "alembic.ini"
DEFAULT_SQLITE_PATH = BACKEND_DIR / "data" / "bodyweight.db"
# Where `npm --prefix frontend run build` puts the player's app in a source checkout.
DEFAULT_FRONTEND_DIST = BACKEND_DIR.parent / "frontend" / "dist"

DEVELOPMENT_SECRET = "development-only-secret-change-me"
# HS256 keys shorter than this can be brute-forced from one token (RFC 7518 asks
# for at least the hash's size).
MIN_SECRET_BYTES = 32
# Values that have been shipped as examples, here or in tutorials: a key anyone
# can read is no key.
KNOWN_EXAMPLE_SECRETS = frozenset(
    {
        DEVELOPMENT_SECRET,
        "change-me",
        "changeme",
        "change_me",
        "secret",
        "your-secret-key",
        "your-secret-key-here",
        "replace-me",
        "test-secret-key-that-is-long-enough-for-hs256",
    }
)
HOW_TO_MAKE_A_SECRET = 'make one with: python3 -c "import secrets; print(secrets.token_urlsafe(48))"'


def secret_problem(secret: str) -> str | None:
    """Why `secret` cannot sign production tokens, or None when it can."""
    if not secret.strip():
        return "SECRET_KEY is not set"
    if secret.strip().lower() in KNOWN_EXAMPLE_SECRETS or "change-me" in secret.lower():
        return "SECRET_KEY is an example value that anyone can read"
    if len(secret.encode()) < MIN_SECRET_BYTES:
        return f"SECRET_KEY is shorter than {MIN_SECRET_BYTES} bytes"
    if len(set(secret)) < 8:
        return "SECRET_KEY repeats a few characters: it is not random"
    return None


def normalize_database_url(raw: str) -> URL:
    """Accept URLs as operators paste them and pick the driver the app ships with.

    `postgres://` and `postgresql://` become psycopg 3; a relative SQLite path is
    resolved against backend/, like the embedded default.
    """
    url = make_url(raw.strip())
    if url.drivername in ("postgres", "postgresql"):
        url = url.set(drivername="postgresql+psycopg")
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        path = Path(url.database).expanduser()
        if not path.is_absolute():
            url = url.set(database=str(BACKEND_DIR / path))
    return url


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=BACKEND_DIR / ".env", env_file_encoding="utf-8", extra="ignore")

    environment: Literal["development", "production"] = Field("development", validation_alias="BODYWEIGHT_ENV")
    database_url: str = f"sqlite:///{DEFAULT_SQLITE_PATH}"
    # Empty means unset: the development secret in development, refused in production.
    secret_key: str = ""
    telegram_bot_token: str = ""
    log_format: Literal["auto", "json", "text"] = "auto"
    log_level: str = "INFO"
    # The built single-page app; the Docker image copies it elsewhere and says where.
    frontend_dist: Path = DEFAULT_FRONTEND_DIST

    # Migration safety (PostgreSQL): how long an upgrader waits for another to
    # finish, how long one DDL statement waits for a table lock, and how often a
    # step that timed out on a lock is retried.
    migration_lock_wait: float = Field(60.0, gt=0)
    migration_lock_timeout: float = Field(5.0, gt=0)
    migration_retries: int = Field(5, ge=0)
    backup_dir: Path = BACKEND_DIR / "backups"
    # A plain `alembic downgrade` that would drop rows backs the database up first,
    # as `bodyweight db downgrade` does; false turns that off.
    backup_before_downgrade: bool = True
    # /metrics (Prometheus): off unless asked for; scrape it on a private network.
    metrics_enabled: bool = False
    # How long a stored response to an Idempotency-Key stays replayable.
    idempotency_key_hours: int = Field(48, ge=1)

    # Telegram bot and reminders (telegram/). The Bot API's base URL is a setting
    # so tests (and a self-hosted Bot API server) can stand in for Telegram's.
    telegram_api_url: str = "https://api.telegram.org"
    # Where players open the app (the Mini App's URL, https in production): the
    # bot's WebApp buttons point here.
    webapp_url: str = ""
    # Telegram sends it back in X-Telegram-Bot-Api-Secret-Token on every webhook
    # call; without it the webhook route refuses everything.
    telegram_webhook_secret: str = ""
    # The Mini App's direct link (https://t.me/<bot>/<app>): invite links then
    # also open in Telegram, with startapp=friend-<code>.
    telegram_app_link: str = ""
    # How often `bodyweight worker` looks for due reminders and messages to send.
    worker_interval: float = Field(20.0, gt=0)
    # The evening notice for a streak that ends at midnight, in the player's time.
    streak_notice_time: str = Field("20:00", pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")
    # A reminder not sent within this many hours of its time is skipped (the
    # worker was down): a reminder at the wrong time is worse than none.
    reminder_window_hours: int = Field(3, ge=1, le=23)
    # Sending: attempts for a message on 5xx and network errors, with backoff
    # doubling from send_backoff seconds; one request's time limit.
    send_attempts: int = Field(6, ge=1)
    send_backoff: float = Field(2.0, gt=0)
    send_timeout: float = Field(5.0, gt=0)
    # Tests only: a file holding an ISO time the worker takes as "now", so a
    # whole simulated day runs in seconds. Refused in production.
    worker_clock_file: Path | None = None

    # Bounded work per request.
    max_body_bytes: int = Field(64 * 1024, ge=1024, description="Larger request bodies are refused (413)")
    request_read_timeout: float = Field(30.0, gt=0, description="Seconds a client has to send one whole request")
    db_lock_timeout: float = Field(5.0, gt=0, description="PostgreSQL: a statement waits this long for a row lock")
    db_statement_timeout: float = Field(15.0, gt=0, description="PostgreSQL: a statement runs at most this long")
    writes_in_flight_per_player: int = Field(4, ge=1, description="Per worker; more answer 429")
    requests_in_flight: int = Field(8, ge=1, description="Per worker; more wait their turn (web/admission.py)")

    # Sign-in rate limits: attempts per account and per client address within a
    # window, counted in the database (shared by every worker and replica) or in
    # Redis when REDIS_URL is set.
    login_attempts_per_account: int = Field(10, ge=1)
    login_attempts_per_address: int = Field(50, ge=1)
    login_window: float = Field(900.0, gt=0, description="Seconds")
    redis_url: str = ""

    # Headers: HSTS once the operator says the site is served over HTTPS only.
    https: bool = False
    # /docs, /redoc and /openapi.json: on in development, off in production unless asked.
    api_docs: bool | None = None

    @model_validator(mode="after")
    def _refuse_weak_secrets_in_production(self) -> "Settings":
        if self.environment == "production":
            problem = secret_problem(self.secret_key)
            if problem is not None:
                raise ValueError(
                    f"{problem}; production needs a random key of at least {MIN_SECRET_BYTES} bytes, "
                    f"{HOW_TO_MAKE_A_SECRET}"
                )
            if self.worker_clock_file is not None:
                raise ValueError("WORKER_CLOCK_FILE is for tests; refusing it in production")
        elif not self.secret_key.strip():
            self.secret_key = DEVELOPMENT_SECRET
        return self

    @property
    def serves_api_docs(self) -> bool:
        return self.environment == "development" if self.api_docs is None else self.api_docs

    @property
    def sqlalchemy_url(self) -> URL:
        return normalize_database_url(self.database_url)


@lru_cache
def get_settings() -> Settings:
    return Settings()
