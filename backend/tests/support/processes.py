"""Run the project's commands as an operator would: separate processes, real env."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx2 as httpx

from bodyweight.config import BACKEND_DIR

BIN = Path(sys.executable).parent


def operator_env(database_url: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    return {**env, "DATABASE_URL": database_url, **extra}


def run(args: list[str], database_url: str, cwd: Path = BACKEND_DIR, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        args, cwd=cwd, env=operator_env(database_url, **env), capture_output=True, text=True, timeout=120
    )


def bodyweight(*args: str, database_url: str, **env: str) -> subprocess.CompletedProcess:
    """`bodyweight ARGS` as an operator runs it; `env` adds environment variables."""
    return run([str(BIN / "bodyweight"), *args], database_url, **env)


def start_bodyweight(*args: str, database_url: str, **env: str) -> subprocess.Popen:
    return subprocess.Popen(
        [str(BIN / "bodyweight"), *args],
        cwd=BACKEND_DIR,
        env=operator_env(database_url, **env),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_http(url: str, process: subprocess.Popen, timeout: float = 120) -> httpx.Response:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            return httpx.get(url, timeout=2)
        except httpx.TransportError:
            time.sleep(0.2)
    raise TimeoutError(url)
