"""/metrics: off by default; when on, Prometheus text that the official parser
reads, counting requests by route template across every worker, purchases and
workouts by outcome, coins earned and spent, the schema revision, the pool."""

import subprocess
from datetime import UTC, datetime, timedelta

import httpx2 as httpx
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import text

from bodyweight.db import make_engine
from support.processes import bodyweight, free_port, start_bodyweight, wait_for_http
from support.schema import HEAD, migrate


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    found = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


def value(found: dict, name: str, **labels: str) -> float:
    return found.get((name, tuple(sorted(labels.items()))), 0.0)


def serve(url: str, *flags: str, **env: str) -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = start_bodyweight("serve", "--port", str(port), *flags, database_url=url, **env)
    address = f"http://127.0.0.1:{port}"
    wait_for_http(f"{address}/healthz", process)
    return process, address


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    process.communicate(timeout=60)


def scrape(address: str) -> dict:
    with httpx.Client() as fresh:  # a new connection: any worker may answer
        response = fresh.get(f"{address}/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    return samples(response.text)


def test_metrics_are_off_by_default(migrated_url):
    process, address = serve(migrated_url)
    try:
        assert httpx.get(f"{address}/metrics").status_code == 404
    finally:
        stop(process)


def test_metrics_add_up_every_workers_requests_and_outcomes(migrated_url):
    process, address = serve(migrated_url, "--workers", "2", METRICS_ENABLED="true")
    try:
        before = scrape(address)
        for _ in range(40):  # each on a new connection, so both workers answer some
            assert httpx.get(f"{address}/api/exercises/categories").status_code == 200
        token = httpx.post(
            f"{address}/api/auth/register", json={"username": "metric_ada", "password": "correct horse 1"}
        ).json()["access_token"]
        auth = {"Authorization": f"Bearer {token}"}
        now = datetime.now(UTC)
        workout = {
            "started_at": (now - timedelta(minutes=50)).isoformat(),
            "finished_at": (now - timedelta(minutes=1)).isoformat(),
            "sets": [{"exercise": "push-up", "reps": 20}] * 10,
        }
        assert httpx.post(f"{address}/api/workouts", json=workout, headers=auth).status_code == 201
        assert httpx.post(f"{address}/api/workouts", json={"sets": []}, headers=auth).status_code == 422
        assert httpx.post(f"{address}/api/avatars/titan/purchase", headers=auth).status_code in (402, 403)
        assert httpx.post(f"{address}/api/avatars/nope/purchase", headers=auth).status_code == 404
        httpx.get(f"{address}/api/users/by-name/metric_ada")  # an unknown path: one label for all

        scrapes = [scrape(address) for _ in range(6)]
    finally:
        stop(process)
    route = {"method": "GET", "route": "/api/exercises/categories", "status": "200"}
    for after in scrapes:  # whichever worker answered, the sum is everyone's
        served = value(after, "bodyweight_http_requests_total", **route) - value(
            before, "bodyweight_http_requests_total", **route
        )
        assert served == 40
    after = scrapes[-1]
    assert value(after, "bodyweight_http_request_duration_seconds_count", method="GET", route=route["route"]) >= 40
    assert value(after, "bodyweight_workouts_total", outcome="recorded") == 1
    assert value(after, "bodyweight_workouts_total", outcome="rejected") == 1
    assert value(after, "bodyweight_purchases_total", outcome="avatar_not_found") == 1
    assert (
        value(after, "bodyweight_purchases_total", outcome="level_too_low")
        + value(after, "bodyweight_purchases_total", outcome="insufficient_coins")
        == 1
    )
    assert value(after, "bodyweight_coins_total", direction="earned") > 0
    assert value(after, "bodyweight_schema_revision", revision=HEAD) == 1
    assert ("bodyweight_db_pool_connections_in_use", ()) in after
    # No personal data and no raw paths in any label.
    everything = repr(after)
    assert "metric_ada" not in everything and "/api/users/by-name" not in everything
    assert value(after, "bodyweight_http_requests_total", method="GET", route="unmatched", status="404") == 1


def test_metrics_count_coins_earned_and_spent(sqlite_url):
    migrate(sqlite_url)
    process, address = serve(sqlite_url, METRICS_ENABLED="true")
    try:
        token = httpx.post(
            f"{address}/api/auth/register", json={"username": "metric_bo", "password": "correct horse 1"}
        ).json()["access_token"]
        engine = make_engine(sqlite_url)
        with engine.begin() as connection:
            connection.execute(text("UPDATE users SET level = 3 WHERE username = 'metric_bo'"))
        engine.dispose()
        granted = bodyweight("users", "grant-coins", "metric_bo", "150", "--reason", "test", database_url=sqlite_url)
        assert granted.returncode == 0, granted.stderr
        before = scrape(address)  # the grant ran in another process: not this server's coins
        bought = httpx.post(f"{address}/api/avatars/phoenix/purchase", headers={"Authorization": f"Bearer {token}"})
        assert bought.status_code == 201
        after = scrape(address)
    finally:
        stop(process)
    assert value(after, "bodyweight_purchases_total", outcome="purchased") == 1
    assert (
        value(after, "bodyweight_coins_total", direction="spent")
        - value(before, "bodyweight_coins_total", direction="spent")
        == 100
    )
