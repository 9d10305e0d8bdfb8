"""The server under test, started the way production starts it: `bodyweight serve
--workers N` (uvicorn with uvloop and httptools) in production mode, JSON request
logs on, on its own port."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

BIN = Path(sys.executable).parent
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
# Starting two workers took 50 s while other engineers' suites loaded the shared
# cores (load average 15); a quiet machine needs a few seconds.
START_TIMEOUT_S = 180


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _parent_of(pid: str) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name is in parentheses and may hold spaces: fields follow the last ")".
    return int(stat.rsplit(")", 1)[1].split()[1])


def rss_bytes(pid: int) -> int:
    return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_SIZE


class Server:
    def __init__(self, database_url: str, workers: int, secret_key: str, log_path: Path) -> None:
        self.database_url = database_url
        self.workers = workers
        self.secret_key = secret_key
        self.log_path = log_path
        self.port = free_port()
        self.host = "127.0.0.1"
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = START_TIMEOUT_S) -> None:
        env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SECRET_KEY")}
        env.update(
            DATABASE_URL=self.database_url,
            SECRET_KEY=self.secret_key,
            BODYWEIGHT_ENV="production",
            LOG_FORMAT="json",
            LOG_LEVEL="INFO",
        )
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                [
                    str(BIN / "bodyweight"),
                    "serve",
                    "--host",
                    self.host,
                    "--port",
                    str(self.port),
                    "--workers",
                    str(self.workers),
                ],
                env=env,
                stdout=log,
                stderr=log,
            )
        try:
            self._wait_until_ready(timeout)
        except BaseException:
            self.stop()  # `with` calls stop() only once start() has returned
            raise

    def _wait_until_ready(self, timeout: float) -> None:
        assert self.process is not None
        deadline = time.monotonic() + timeout
        answer = "no answer"
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited with {self.process.returncode}; see {self.log_path}")
            ready, answer = self._ready()
            if ready and len(self.worker_pids()) == self.workers:
                return
            time.sleep(0.2)
        raise TimeoutError(
            f"the server did not become ready in {timeout:.0f} s (last /readyz: {answer}); see {self.log_path}"
        )

    def _ready(self) -> tuple[bool, str]:
        """Whether /readyz says ready, and what it said."""
        try:
            with urllib.request.urlopen(f"http://{self.host}:{self.port}/readyz", timeout=2) as reply:
                return reply.status == 200, f"{reply.status}"
        except urllib.error.HTTPError as error:
            return False, f"{error.code} {error.read()[:500].decode(errors='replace')}"
        except (urllib.error.URLError, OSError) as error:
            return False, str(error)

    def worker_pids(self) -> list[int]:
        """The processes that serve requests: uvicorn's spawned workers, or the
        server process itself when it runs a single worker in-process."""
        if self.workers == 1:
            return [self.process.pid]
        children = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit() and _parent_of(entry.name) == self.process.pid:
                cmdline = (entry / "cmdline").read_bytes()
                if b"spawn_main" in cmdline:
                    children.append(int(entry.name))
        return sorted(children)

    def log_size(self) -> int:
        return self.log_path.stat().st_size

    def requests_by_worker(self, since: int) -> dict[int, int]:
        """Requests served per worker pid, from the request log lines written after
        byte `since` of the server's log."""
        counts: dict[int, int] = {}
        with self.log_path.open("rb") as log:
            log.seek(since)
            for line in log:
                if line.startswith(b"{") and b'"message": "request"' in line:
                    pid = json.loads(line)["worker"]
                    counts[pid] = counts.get(pid, 0) + 1
        return counts

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def __enter__(self) -> "Server":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time the process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
