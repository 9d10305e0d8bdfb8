"""docker-compose.yml and the Dockerfile, checked as far as a machine without a
Docker engine can: the guide's `docker compose exec backend alembic ...` and
`docker compose exec db psql/pg_dump ...` need these services and this layout."""

import re
from pathlib import Path

import pytest
import yaml

from bodyweight.config import BACKEND_DIR, normalize_database_url

ROOT = BACKEND_DIR.parent


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def dockerfile_instructions(path: Path) -> list[tuple[str, str]]:
    text = re.sub(r"\\\n", " ", path.read_text())
    return [
        (line.split(None, 1)[0].upper(), line.split(None, 1)[1].strip())
        for line in text.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]


def test_db_service_is_official_postgresql_with_healthcheck_and_named_volume(compose):
    db = compose["services"]["db"]
    assert re.fullmatch(r"postgres:\d+(\.\d+)?(-[a-z0-9]+)?", db["image"])
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])
    volume, _, mount = db["volumes"][0].partition(":")
    assert volume in compose["volumes"]
    assert mount == "/var/lib/postgresql/data"


def test_backend_is_built_from_backend_dockerfile_and_waits_for_a_healthy_db(compose):
    backend = compose["services"]["backend"]
    assert (ROOT / backend["build"]["context"] / "Dockerfile") == BACKEND_DIR / "Dockerfile"
    assert (ROOT / backend["build"]["additional_contexts"]["frontend"] / "package-lock.json").is_file()
    assert backend["depends_on"]["db"]["condition"] == "service_healthy"


def test_backend_working_directory_holds_alembic_ini(compose):
    steps = dockerfile_instructions(BACKEND_DIR / "Dockerfile")
    workdir = [arg for op, arg in steps if op == "WORKDIR"][-1]
    assert compose["services"]["backend"]["working_dir"] == workdir
    copied = {arg.split()[0]: arg.split()[1] for op, arg in steps if op == "COPY" and not arg.startswith("--from")}
    assert copied["alembic.ini"] in ("./", ".", workdir, f"{workdir}/")
    assert copied["alembic"] in ("./alembic", f"{workdir}/alembic")
    for source in copied:
        assert (BACKEND_DIR / source).exists(), f"the Dockerfile copies a missing {source}"
    ignored = (BACKEND_DIR / ".dockerignore").read_text().split()
    assert not {"alembic.ini", "alembic", "alembic/", "src", "src/"} & set(ignored)


def test_backend_talks_to_the_db_service_with_a_plain_postgresql_url(compose):
    environment = compose["services"]["backend"]["environment"]
    url = normalize_database_url(
        environment["DATABASE_URL"]
        .replace("${POSTGRES_PASSWORD}", "secret")
        .replace("${POSTGRES_USER:-bodyweight}", "bodyweight")
        .replace("${POSTGRES_DB:-bodyweight}", "bodyweight")
    )
    assert (url.drivername, url.host, url.port, url.database) == ("postgresql+psycopg", "db", 5432, "bodyweight")
    assert environment["BODYWEIGHT_ENV"] == "production"


def test_secrets_have_no_working_defaults(compose):
    text = (ROOT / "docker-compose.yml").read_text()
    assert "${POSTGRES_PASSWORD:?" in text
    assert "${SECRET_KEY:?" in text


def test_backend_image_has_the_postgresql_client_for_backups():
    steps = dockerfile_instructions(BACKEND_DIR / "Dockerfile")
    assert any(op == "RUN" and "postgresql-client" in arg for op, arg in steps)


def test_backend_image_builds_the_web_app_in_a_node_stage_and_serves_it():
    steps = dockerfile_instructions(BACKEND_DIR / "Dockerfile")
    assert ("FROM", "node:20-slim AS frontend") in steps
    assert ("RUN", "npm ci") in steps and ("RUN", "npm run build") in steps
    dist = [arg.split()[-1] for op, arg in steps if op == "COPY" and arg.startswith("--from=frontend /frontend/dist")]
    workdir = [arg for op, arg in steps if op == "WORKDIR"][-1]
    assert ("ENV", f"FRONTEND_DIST={workdir}/{dist[0].removeprefix('./')}") in steps
