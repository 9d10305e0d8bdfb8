"""The hardening against a real `bodyweight serve --workers 2`, over real
connections, on each engine: bursts of writers, parallel guessing, oversized
headers, slow clients, sign-in rate limits shared by the workers, and a
PostgreSQL restart under load."""

import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import httpx2 as httpx
import pytest
from sqlalchemy import Engine, text

from support.api import SECRET, books_balance
from support.clock import reps, workout
from support.postgres import PostgresServer, ThrowawayCluster, _binaries
from support.processes import BIN, free_port, operator_env, wait_for_http
from support.schema import migrate

PASSWORD = "correct horse battery"
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@contextmanager
def serving(database_url: str, log_path: Path, **env: str) -> Iterator[str]:
    """`bodyweight serve --workers 2` on `database_url`, ready; stopped afterwards."""
    port = free_port()
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [str(BIN / "bodyweight"), "serve", "--port", str(port), "--workers", "2"],
            env=operator_env(database_url, SECRET_KEY=SECRET, LOG_LEVEL="WARNING", LOG_FORMAT="json", **env),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_http(f"{base}/readyz", process, timeout=60)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=60)


def register(base: str, username: str) -> dict[str, str]:
    response = httpx.post(f"{base}/api/auth/register", json={"username": username, "password": PASSWORD}, timeout=30)
    assert response.status_code == 201, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def fund(engine: Engine, username: str, coins: int, level: int) -> int:
    """Coins (with their ledger row) and a level, as support would grant them."""
    with engine.begin() as connection:
        user_id = connection.execute(text("SELECT id FROM users WHERE username = :u"), {"u": username}).scalar_one()
        connection.execute(
            text("UPDATE users SET level = :level, total_xp = :xp, coins = :coins WHERE id = :id"),
            {"level": level, "xp": 100 * (level - 1) ** 2, "coins": coins, "id": user_id},
        )
        connection.execute(
            text(
                "INSERT INTO coin_transactions (user_id, amount, balance_after, reason) "
                "VALUES (:id, :coins, :coins, 'support_grant')"
            ),
            {"id": user_id, "coins": coins},
        )
    return user_id


# Runs in a process of its own, so the burst's hundred client threads in this one
# cannot delay it: what it measures is the server.
_PROBE = """
import sys, time, json, threading
import httpx2 as httpx
durations, failures, stop = [], [], threading.Event()
threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
while not stop.is_set():
    started = time.monotonic()
    try:
        status = httpx.get(sys.argv[1] + "/healthz", timeout=10).status_code
        if status != 200:
            failures.append(str(status))
    except httpx.TransportError as exc:
        failures.append(repr(exc))
    durations.append(time.monotonic() - started)
    time.sleep(0.05)
print(json.dumps({"durations": durations, "failures": failures}))
"""


class HealthProbe:
    """GET /healthz on a new connection (so on either worker) every 50 ms, timing each."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.durations: list[float] = []
        self.failures: list[str] = []

    def __enter__(self) -> "HealthProbe":
        self._process = subprocess.Popen(
            [sys.executable, "-c", _PROBE, self.base], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        time.sleep(0.5)
        return self

    def __exit__(self, *exc: object) -> None:
        out, _ = self._process.communicate("", timeout=60)
        found = json.loads(out)
        self.durations, self.failures = found["durations"], found["failures"]


def all_at_once(requests: list[tuple[str, str, dict]]) -> list[httpx.Response | Exception]:
    """Every request at the same moment, each from its own thread and connection."""
    barrier = threading.Barrier(len(requests))
    with httpx.Client(timeout=60, limits=httpx.Limits(max_connections=len(requests))) as client:

        def send(request: tuple[str, str, dict]) -> httpx.Response | Exception:
            method, url, kwargs = request
            barrier.wait()
            try:
                return client.request(method, url, **kwargs)
            except httpx.TransportError as exc:
                return exc

        with ThreadPoolExecutor(len(requests)) as pool:
            return list(pool.map(send, requests))


# A /healthz answer slower than this means a worker stopped serving.
FROZEN_S = 3.0

PAID = ["phoenix", "griffin", "cerberus", "thunder-fang", "cyber-ape", "solar-lion", "hydra", "crystal-stag"]


@pytest.mark.parametrize("players", [1, 50])
def test_a_burst_of_a_hundred_writers_is_served_without_5xx_and_the_books_balance(
    migrated_url, migrated_engine, tmp_path, players, request
):
    with serving(migrated_url, tmp_path / "server.log") as base:
        names = [f"writer{n}" for n in range(players)]
        headers = {name: register(base, name) for name in names}
        for name in names:
            fund(migrated_engine, name, coins=1000, level=10)
        session = workout(timedelta(hours=1), 40, *[reps("push-up", 20)] * 3)
        requests = []
        for n in range(100):
            who = headers[names[n % players]]
            if n % 2:
                requests.append(("POST", f"{base}/api/workouts", {"headers": who, "json": session}))
            else:
                avatar = PAID[(n // 2) % len(PAID)]
                requests.append(("POST", f"{base}/api/avatars/{avatar}/purchase", {"headers": who}))

        # A serving worker has its connections open already: warm both up.
        all_at_once([("GET", f"{base}/api/users/me", {"headers": headers[names[0]]})] * 40)
        with HealthProbe(base) as probe:
            responses = all_at_once(requests)
            time.sleep(0.2)

        dropped = [r for r in responses if isinstance(r, Exception)]
        assert dropped == []
        statuses = Counter(r.status_code for r in responses if isinstance(r, httpx.Response))
        assert all(status < 500 for status in statuses), statuses
        # 422: the same workout again for the same player overlaps the one logged.
        assert set(statuses) <= {201, 402, 409, 422, 429}, statuses
        assert statuses[201] >= 1
        for response in responses:
            assert isinstance(response, httpx.Response)
            if response.status_code == 422:
                assert response.json()["error"]["code"] == "workout_overlaps"
            if response.status_code == 429:
                assert response.json()["error"]["code"] == "too_many_requests"
                assert int(response.headers["Retry-After"]) >= 1
        if players == 50:
            assert statuses[429] == 0, statuses  # two writes each: within everyone's share
        assert probe.failures == []
        books_balance(migrated_engine)
        # The bound is 1 s; measured 0.2-0.5 s on PostgreSQL with 50 players
        # (docs/architecture.md). Timing does not decide a test on a shared machine,
        # so this catches a frozen worker (30 s before the async path) and the
        # slowest answer is reported beside the result.
        slowest = max(probe.durations)
        request.node.user_properties.append(("healthz_slowest_s", round(slowest, 3)))
        assert slowest < FROZEN_S, slowest


def test_forty_parallel_wrong_passwords_on_sqlite_are_401_or_429_and_others_read_on(sqlite_url, tmp_path):
    migrate(sqlite_url)
    with serving(sqlite_url, tmp_path / "server.log") as base:
        register(base, "victim")
        reader = register(base, "reader")
        wrong = {"json": {"username": "victim", "password": "not the password"}}
        reads: list[float] = []
        done = threading.Event()

        def read_on() -> None:
            with httpx.Client(timeout=30) as client:
                while not done.is_set():
                    started = time.monotonic()
                    assert client.get(f"{base}/api/users/me", headers=reader).status_code == 200
                    reads.append(time.monotonic() - started)
                    time.sleep(0.05)

        thread = threading.Thread(target=read_on, daemon=True)
        thread.start()
        responses = all_at_once([("POST", f"{base}/api/auth/login", wrong)] * 40)
        done.set()
        thread.join()

    assert all(isinstance(r, httpx.Response) for r in responses), responses
    statuses = Counter(r.status_code for r in responses)
    # Each attempt is counted before its password is checked: the account's 10 are
    # checked (and fail), the other 30 are refused without a hash.
    assert statuses == {401: 10, 429: 30}, statuses
    assert reads and max(reads) < 2.0, max(reads)


@pytest.mark.parametrize("store", ["sqlite", "postgresql", "redis"])
def test_the_eleventh_wrong_password_is_429_on_any_worker_and_the_right_one_works_after_the_window(
    request, tmp_path, store
):
    env = {"LOGIN_WINDOW": "8"}
    if store == "redis":
        if not _redis_available():
            pytest.skip(f"no Redis at {REDIS_URL}")
        env["REDIS_URL"] = REDIS_URL
    url = request.getfixturevalue("sqlite_url" if store == "sqlite" else "postgresql_url")
    migrate(url)
    username = f"guessed{time.time_ns() % 10**9}"
    with serving(url, tmp_path / "server.log", **env) as base:
        register(base, username)

        def login(password: str) -> httpx.Response:
            # A new connection each time: the attempts land on both workers.
            return httpx.post(f"{base}/api/auth/login", json={"username": username, "password": password}, timeout=30)

        assert [login("wrong password").status_code for _ in range(10)] == [401] * 10
        refused = login(PASSWORD)

        assert refused.status_code == 429
        assert refused.json()["error"]["code"] == "rate_limited"
        retry_after = int(refused.headers["Retry-After"])
        assert 1 <= retry_after <= 8
        assert refused.json()["error"]["params"] == {"retry_after": retry_after}
        time.sleep(retry_after + 0.5)
        assert login(PASSWORD).status_code == 200


def _redis_available() -> bool:
    try:
        import redis

        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping())
    except Exception:
        return False


def _raw(port: int, data: bytes, pause: float = 0.0) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=20) as sock:
        sock.sendall(data)
        time.sleep(pause)
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
        return received


def test_a_hundred_kilobyte_header_is_431_and_a_slow_client_is_cut_off(sqlite_url, tmp_path):
    migrate(sqlite_url)
    with serving(sqlite_url, tmp_path / "server.log", REQUEST_READ_TIMEOUT="2") as base:
        response = httpx.get(f"{base}/healthz", headers={"X-Padding": "a" * 100_000}, timeout=30)
        assert response.status_code == 431
        assert response.json()["error"]["code"] == "headers_too_large"
        assert response.headers["X-Content-Type-Options"] == "nosniff"

        port = int(base.rsplit(":", 1)[1])
        started = time.monotonic()
        answer = _raw(port, b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: a")  # never finishes its headers
        assert answer.startswith(b"HTTP/1.1 408")
        assert b'"request_timeout"' in answer
        assert time.monotonic() - started < 15
        # The server is fine, and an ordinary request is not affected.
        assert httpx.get(f"{base}/healthz", timeout=10).status_code == 200


def test_postgresql_stopped_and_started_under_load_answers_503_in_the_shape_and_recovers(tmp_path):
    bindir = _binaries()
    if bindir is None:
        pytest.skip("no PostgreSQL server binaries for a throwaway cluster")
    cluster = ThrowawayCluster(bindir)
    server = PostgresServer(cluster.start(), cluster)
    try:
        url = server.create_database()
        migrate(url)
        with serving(url, tmp_path / "server.log") as base:
            headers = register(base, "steady")
            statuses: Counter[int] = Counter()
            bad: list[str] = []
            stop = threading.Event()

            def load() -> None:
                with httpx.Client(timeout=30) as client:
                    while not stop.is_set():
                        try:
                            response = client.get(f"{base}/api/users/me", headers=headers)
                        except httpx.TransportError as exc:
                            bad.append(repr(exc))
                            continue
                        statuses[response.status_code] += 1
                        if response.status_code == 503:
                            error = response.json()["error"]
                            if error["code"] != "database_unavailable" or not error["request_id"]:
                                bad.append(response.text)
                        elif response.status_code != 200:
                            bad.append(f"{response.status_code} {response.text}")
                        time.sleep(0.02)

            threads = [threading.Thread(target=load, daemon=True) for _ in range(6)]
            for thread in threads:
                thread.start()
            time.sleep(1)
            cluster.pause()
            time.sleep(2)
            cluster.resume()
            recovered = False
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and not recovered:
                recovered = httpx.get(f"{base}/api/users/me", headers=headers, timeout=10).status_code == 200
                time.sleep(0.2)
            time.sleep(1)
            stop.set()
            for thread in threads:
                thread.join()

            assert bad == []
            assert statuses[503] > 0 and statuses[200] > 0, statuses
            assert recovered
            # Every worker is back: a few fresh connections all get through.
            assert {httpx.get(f"{base}/api/users/me", headers=headers).status_code for _ in range(10)} == {200}
    finally:
        cluster.stop()
