"""A real multi-process `bodyweight serve` on a fresh PostgreSQL database at head."""

import subprocess
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine

from bodyweight.db import make_engine
from support.api import SECRET
from support.postgres import PostgresServer
from support.processes import BIN, free_port, operator_env, wait_for_http
from support.schema import migrate


@contextmanager
def serving(
    postgres_server: PostgresServer, workers: int = 4, startup: float = 120, **settings: str
) -> Iterator[tuple[str, Engine]]:
    """(base URL, engine on its database); `startup` seconds for the workers to
    answer; `settings` as environment variables of the server."""
    url = postgres_server.create_database()
    migrate(url)
    port = free_port()
    process = subprocess.Popen(
        [str(BIN / "bodyweight"), "serve", "--port", str(port), "--workers", str(workers)],
        env=operator_env(url, SECRET_KEY=SECRET, LOG_LEVEL="WARNING", **settings),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    engine = make_engine(url)
    try:
        wait_for_http(f"{base}/healthz", process, timeout=startup)
        yield base, engine
    finally:
        process.terminate()
        process.wait(timeout=30)
        engine.dispose()
        postgres_server.drop_database(url)
