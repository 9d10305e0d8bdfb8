"""`bodyweight serve --workers N` as operators run it: every worker gets its share
of a burst of keep-alive connections, a busy port is one clear line, a stop signal
stops every worker, and a worker that dies is replaced (within a budget)."""

import http.client
import json
import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import pytest

from bodyweight import server
from support.processes import BIN, bodyweight, free_port, operator_env, wait_for_http

CONNECTIONS = 32
REQUESTS_PER_CONNECTION = 4


@contextmanager
def serving(database_url: str, log_path: Path) -> Iterator[tuple[subprocess.Popen, int]]:
    """`bodyweight serve --workers 2`, ready, logging JSON to `log_path`; stopped afterwards."""
    port = free_port()
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [str(BIN / "bodyweight"), "serve", "--port", str(port), "--workers", "2"],
            env=operator_env(database_url, LOG_FORMAT="json"),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_for_http(f"http://127.0.0.1:{port}/readyz", process, timeout=60)
        yield process, port
    finally:
        stop(process)


def stop(process: subprocess.Popen, sig: int = signal.SIGTERM) -> int:
    if process.poll() is None:
        process.send_signal(sig)
    return process.wait(timeout=60)


def worker_pids(process: subprocess.Popen) -> set[int]:
    """The serving children (the supervisor also has multiprocessing's resource tracker)."""
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()
    pids = set()
    for pid in children:
        try:
            if b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes():
                pids.add(int(pid))
        except OSError:
            continue  # it just ended
    return pids


def running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def request_lines(log_path: Path) -> list[dict]:
    lines = (json.loads(line) for line in log_path.read_text().splitlines() if line.startswith("{"))
    return [line for line in lines if line["message"] == "request"]


def keep_alive_burst(port: int) -> dict[int, list[str]]:
    """Open every connection first (the burst the kernel must deal out), then send
    several requests on each; returns the request ids sent per connection."""
    connections = [http.client.HTTPConnection("127.0.0.1", port, timeout=60) for _ in range(CONNECTIONS)]
    for connection in connections:
        connection.connect()

    def use(n: int) -> list[str]:
        ids = [f"burst-{n}-{i}" for i in range(REQUESTS_PER_CONNECTION)]
        for request_id in ids:
            connections[n].request("GET", "/healthz", headers={"X-Request-ID": request_id})
            reply = connections[n].getresponse()
            reply.read()
            assert reply.status == 200 and not reply.will_close
        connections[n].close()
        return ids

    with ThreadPoolExecutor(CONNECTIONS) as pool:
        return dict(enumerate(pool.map(use, range(CONNECTIONS))))


def test_a_burst_of_keep_alive_connections_reaches_both_workers(migrated_url, tmp_path):
    log_path = tmp_path / "server.log"
    with serving(migrated_url, log_path) as (process, port):
        workers = worker_pids(process)
        sent = keep_alive_burst(port)
    served_by = {line["request_id"]: line["worker"] for line in request_lines(log_path)}
    per_connection = [{served_by[request_id] for request_id in ids} for ids in sent.values()]
    assert all(len(pids) == 1 for pids in per_connection)  # each connection kept to its worker
    assert set().union(*per_connection) == workers and len(workers) == 2


@pytest.mark.parametrize("workers", ["1", "2"])
@pytest.mark.parametrize("taken_by", ["a plain listener", "a listener sharing the port with SO_REUSEPORT"])
def test_a_port_in_use_is_one_clear_line_and_exit_status_1(sqlite_url, workers, taken_by):
    with socket.socket() as squatter:
        if "SO_REUSEPORT" in taken_by:
            squatter.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        squatter.bind(("127.0.0.1", 0))
        squatter.listen()
        port = squatter.getsockname()[1]
        result = bodyweight("serve", "--port", str(port), "--workers", workers, database_url=sqlite_url)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert [line for line in result.stderr.splitlines() if not line.startswith("{")] == [  # beside JSON logs
        f"bodyweight: error: port {port} on 127.0.0.1 is already in use (another server?); "
        "stop it or choose another --port"
    ]
    assert "running" not in result.stdout  # the address is printed only once the port is ours


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_stop_signal_stops_every_worker(sqlite_url, tmp_path, sig):
    with serving(sqlite_url, tmp_path / "server.log") as (process, _):
        workers = worker_pids(process)
        assert len(workers) == 2
        status = stop(process, sig)
    assert status == (-signal.SIGTERM if sig == signal.SIGTERM else 0)  # as uvicorn ends, by the signal
    assert not any(running(pid) for pid in workers)
    assert "Traceback" not in (tmp_path / "server.log").read_text()


def test_a_worker_that_dies_is_replaced(sqlite_url, tmp_path):
    log_path = tmp_path / "server.log"
    with serving(sqlite_url, log_path) as (process, port):
        victim = min(worker_pids(process))
        os.kill(victim, signal.SIGKILL)
        deadline = time.monotonic() + 60
        while len(worker_pids(process) - {victim}) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
        replaced = worker_pids(process)
        assert victim not in replaced and len(replaced) == 2
        assert wait_for_http(f"http://127.0.0.1:{port}/healthz", process).status_code == 200
    assert '"message": "worker died; starting another"' in log_path.read_text()


@pytest.mark.parametrize(
    ("app", "complaint"),
    [
        ("bodyweight.no_such_module:create_app", "could not start the app"),
        ("support.dying_app:create_app", "the workers keep dying (6 deaths within 60 s"),
    ],
)
def test_workers_that_cannot_stay_up_stop_the_server(app, complaint):
    sockets = server.listen("127.0.0.1", 0, 2)
    options = {**server.uvicorn_options("127.0.0.1", sockets[0].getsockname()[1]), "app": app}
    try:
        with pytest.raises(server.ServeError, match=complaint.replace("(", r"\(")):
            server.Supervisor(options, sockets).run()
    finally:
        for sock in sockets:
            sock.close()
