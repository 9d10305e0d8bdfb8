"""Shared fixtures: every database test runs on a real SQLite file and a real
PostgreSQL database, each built by the migrations.

PostgreSQL comes from tests/support/postgres.py. When none can be found or started
the PostgreSQL tests are skipped with a loud notice, unless
BODYWEIGHT_REQUIRE_POSTGRES=1 (as in CI), which makes that an error.
"""

import os
import shutil
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from bodyweight.db import make_engine
from support.api import World, make_client
from support.postgres import PostgresServer
from support.schema import migrate

ENGINES = ("sqlite", "postgresql")
REQUIRE_POSTGRES = os.environ.get("BODYWEIGHT_REQUIRE_POSTGRES") == "1"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tag each PostgreSQL test (in the JUnit report too) so CI can prove they ran."""
    for item in items:
        params = getattr(item, "callspec", None)
        on_postgres = "postgresql_url" in item.fixturenames or (
            params is not None
            and "postgresql" in (params.params.get("database_url"), params.params.get("migrated_url"))
        )
        if on_postgres:
            item.add_marker("postgresql")
            item.user_properties.append(("engine", "postgresql"))


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer | None]:
    server = PostgresServer.find_or_start()
    if server is None:
        message = (
            "NO POSTGRESQL: set TEST_DATABASE_URL, run a server on 127.0.0.1:5432, or install "
            "the PostgreSQL server binaries; the PostgreSQL tests are SKIPPED."
        )
        if REQUIRE_POSTGRES:
            pytest.exit(message + " (BODYWEIGHT_REQUIRE_POSTGRES=1)", returncode=3)
        warnings.warn(message, stacklevel=2)
    yield server
    if server is not None:
        server.stop()


@pytest.fixture
def postgresql_url(postgres_server: PostgresServer | None) -> Iterator[str]:
    """A fresh, empty PostgreSQL database, dropped after the test."""
    if postgres_server is None:
        pytest.skip("PostgreSQL is not available")
    url = postgres_server.create_database()
    yield url
    postgres_server.drop_database(url)


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    """A fresh, empty SQLite file."""
    return f"sqlite:///{tmp_path / 'bodyweight.db'}"


@pytest.fixture(params=ENGINES)
def database_url(request) -> str:
    """A fresh, empty database on each engine in turn."""
    return request.getfixturevalue(f"{request.param}_url")


@pytest.fixture
def scratch_url(request, database_url, tmp_path):
    """Another empty database of the same engine as `database_url`."""
    if database_url.startswith("sqlite"):
        return f"sqlite:///{tmp_path / 'restored.db'}"
    server = request.getfixturevalue("postgres_server")
    url = server.create_database()
    request.addfinalizer(lambda: server.drop_database(url))
    return url


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "bodyweight.db"
    migrate(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def postgresql_template(postgres_server: PostgresServer | None) -> Iterator[str]:
    if postgres_server is None:
        pytest.skip("PostgreSQL is not available")
    url = postgres_server.create_database()
    migrate(url)
    yield url
    postgres_server.drop_database(url)


@pytest.fixture(params=ENGINES)
def migrated_url(request, tmp_path) -> Iterator[str]:
    """A fresh database at head on each engine in turn: a copy of one the migrations
    built at the start of the session (copying is much faster than migrating)."""
    if request.param == "sqlite":
        path = tmp_path / "bodyweight.db"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite:///{path}"
        return
    server = request.getfixturevalue("postgres_server")
    url = server.create_database(template=request.getfixturevalue("postgresql_template"))
    yield url
    server.drop_database(url)


@pytest.fixture
def migrated_engine(migrated_url: str) -> Iterator[Engine]:
    engine = make_engine(migrated_url)
    yield engine
    engine.dispose()


@pytest.fixture
def client(migrated_url: str) -> Iterator[TestClient]:
    """The app on a database at head; its lifespan runs like the server's."""
    with make_client(migrated_url) as client:
        yield client


@pytest.fixture
def world(client: TestClient, migrated_engine: Engine) -> World:
    return World(client, migrated_engine)
