"""`bodyweight worker` as operators run it, next to `bodyweight serve --workers 2`:
every due message is sent exactly once, however many senders run, and a sender
killed mid-batch loses nothing and doubles nothing after a restart."""

import signal
import subprocess
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx2 as httpx
import pytest
from sqlalchemy import update

from bodyweight.db import make_engine
from bodyweight.models import User
from support.api import BOT_TOKEN, SECRET
from support.clock import reps, workout
from support.fake_telegram import FakeTelegram
from support.processes import BIN, free_port, operator_env, wait_for_http
from support.telegram import outbox_rows, write_clock


def telegram_env(fake: FakeTelegram, clock_file: Path) -> dict[str, str]:
    return {
        "SECRET_KEY": SECRET,
        "TELEGRAM_BOT_TOKEN": BOT_TOKEN,
        "TELEGRAM_API_URL": fake.url,
        "WORKER_CLOCK_FILE": str(clock_file),
        "WORKER_INTERVAL": "0.2",
        "LOG_FORMAT": "json",
    }


@contextmanager
def process(args: list[str], database_url: str, env: dict[str, str], log: Path) -> Iterator[subprocess.Popen]:
    with log.open("a") as out:
        running = subprocess.Popen(
            [str(BIN / "bodyweight"), *args], env=operator_env(database_url, **env), stdout=out, stderr=out
        )
    try:
        yield running
    finally:
        if running.poll() is None:
            running.send_signal(signal.SIGTERM)
        running.wait(timeout=60)


def wait_until(condition: Callable[[], bool], what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


def sent_count(engine) -> int:
    return sum(row.status == "sent" for row in outbox_rows(engine))


def test_two_api_workers_and_two_senders_send_every_message_exactly_once(
    postgres_server, postgresql_template, tmp_path
):
    if postgres_server is None:
        pytest.skip("PostgreSQL is not available")
    url = postgres_server.create_database(template=postgresql_template)
    engine = make_engine(url)
    clock = tmp_path / "clock"
    # The simulated day is the day the workouts below count for.
    today = (datetime.now(UTC) - timedelta(minutes=1)).date()
    midnight = datetime.combine(today, datetime.min.time(), UTC)
    write_clock(clock, midnight)
    try:
        with FakeTelegram(BOT_TOKEN) as fake:
            env = telegram_env(fake, clock)
            port = free_port()
            with process(["serve", "--port", str(port), "--workers", "2"], url, env, tmp_path / "serve.log") as api:
                base = f"http://127.0.0.1:{port}"
                wait_for_http(f"{base}/readyz", api, timeout=60)
                # Players choose their reminder in the app (the API); some train today.
                zones = ["UTC", "Europe/Moscow", "America/New_York", "Asia/Tokyo"]
                expected: dict[int, datetime] = {}
                trained: list[int] = []
                with httpx.Client(base_url=base, timeout=30) as http:
                    for n in range(16):
                        body = {"username": f"sender{n}", "password": "correct horse battery"}
                        signed = http.post("/api/auth/register", json=body).json()
                        headers = {"Authorization": f"Bearer {signed['access_token']}"}
                        zone = zones[n % len(zones)]
                        at = f"{10 + n % 6 // 2:02d}:{30 * (n % 2):02d}"  # 10:00 to 12:30 local
                        answer = http.patch(
                            "/api/users/me", json={"timezone": zone, "reminder_time": at}, headers=headers
                        )
                        assert answer.status_code == 200, answer.text
                        player_id = signed["user"]["id"]
                        due = datetime.combine(today, datetime.strptime(at, "%H:%M").time(), ZoneInfo(zone))
                        if zone == "UTC" and n % 8 == 0:
                            logged = http.post(
                                "/api/workouts",
                                json=workout(timedelta(minutes=1), 10, reps("push-up", 10)),
                                headers=headers,
                            )
                            assert logged.status_code == 201, logged.text
                            trained.append(9000 + n)
                        else:
                            expected[9000 + n] = due.astimezone(UTC)
                        # Linked to Telegram after the workout, so the bot has only reminders
                        # to send (not the notices of the achievements it earned).
                        with engine.begin() as connection:
                            connection.execute(update(User).where(User.id == player_id).values(telegram_id=9000 + n))
                assert trained and len(expected) >= 8

                logs = tmp_path / "workers.log"
                with process(["worker"], url, env, logs), process(["worker"], url, env, logs):
                    moment = midnight
                    while moment < midnight + timedelta(days=1):
                        moment += timedelta(minutes=30)
                        write_clock(clock, moment)
                        due_now = sum(at <= moment for at in expected.values())
                        wait_until(lambda n=due_now: len(fake.sent()) >= n, f"{due_now} messages by {moment}")
                    # Both senders pass over the whole outbox a few more times.
                    time.sleep(2)
                sent = Counter(call.chat_id for call in fake.attempts())
                assert sent == Counter(expected.keys())
                assert not set(trained) & set(sent)
                rows = outbox_rows(engine)
                assert all(row.status == "sent" for row in rows)
                assert sorted(row.sent_at for row in rows) == sorted(expected.values())
    finally:
        engine.dispose()
        postgres_server.drop_database(url)


def test_a_sender_killed_mid_batch_loses_nothing_and_doubles_nothing(migrated_url, migrated_engine, tmp_path):
    clock = tmp_path / "clock"
    nine = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)
    write_clock(clock, nine)
    with migrated_engine.begin() as connection:
        for n in range(20):
            connection.execute(
                User.__table__.insert().values(
                    username=f"batch{n}", telegram_id=7000 + n, timezone="UTC", reminder_time=nine.time()
                )
            )
    with FakeTelegram(BOT_TOKEN) as fake:
        env = telegram_env(fake, clock)
        log = tmp_path / "worker.log"
        fake.hold_after(7)  # the eighth message hangs in the network
        with process(["worker"], migrated_url, env, log) as first:
            wait_until(lambda: fake.held >= 1, "the sender to be in the middle of its batch")
            first.send_signal(signal.SIGKILL)
            first.wait(timeout=30)
        assert first.returncode == -signal.SIGKILL
        assert len(fake.sent()) == 7 and sent_count(migrated_engine) == 7
        fake.release()
        with process(["worker"], migrated_url, env, log):
            wait_until(lambda: sent_count(migrated_engine) == 20, "the restarted sender to finish")
        delivered = Counter(call.chat_id for call in fake.attempts())
        assert delivered == Counter(range(7000, 7020))
