"""`bodyweight serve` as an operator runs it, for the browser to play against."""

import re
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx2 as httpx
from sqlalchemy import Engine

from bodyweight.db import make_engine
from support.api import BOT_TOKEN, SECRET, World
from support.processes import BIN, free_port, operator_env, wait_for_http

PRINTED_ADDRESS = re.compile(r"open (http://\S+?)/?$", re.MULTILINE)


@dataclass
class LiveApp:
    address: str  # as `bodyweight serve` printed it, without the trailing slash
    database_url: str
    engine: Engine
    world: World  # arranges players through the live API and the database


@contextmanager
def serving(database_url: str, log_path: Path, *flags: str) -> Iterator[LiveApp]:
    """Serve the app on `database_url` (Telegram sign-in on) until the block ends."""
    port = free_port()
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [str(BIN / "bodyweight"), "serve", "--port", str(port), *flags],
            env=operator_env(database_url, SECRET_KEY=SECRET, TELEGRAM_BOT_TOKEN=BOT_TOKEN),
            stdout=log,
            stderr=subprocess.STDOUT,
            text=True,
        )
    engine = make_engine(database_url)
    try:
        wait_for_http(f"http://127.0.0.1:{port}/readyz", process, timeout=60)
        printed = PRINTED_ADDRESS.search(log_path.read_text())
        assert printed, f"`bodyweight serve` printed no address:\n{log_path.read_text()}"
        address = printed.group(1)
        with httpx.Client(base_url=address, timeout=30) as client:
            yield LiveApp(address, database_url, engine, World(client, engine))
    finally:
        process.terminate()
        process.wait(timeout=30)
        engine.dispose()
