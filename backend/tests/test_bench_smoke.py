"""The benchmark (backend/bench) end to end at a tiny scale, so it cannot rot: one
client count, a second or two per run, on a scratch PostgreSQL database. It checks
that the pipeline works and its numbers are sane, never how fast anything is."""

import glob
import json
import shutil
import subprocess
import sys

import pytest

from bodyweight.config import BACKEND_DIR

SCENARIOS = {"purchase", "my avatars", "profile", "workout", "week board", "friends board"}
BOARDS = {
    "week board": "GET /api/boards/week?scope=global",
    "friends board": "GET /api/boards/week?scope=friends",
}

pytestmark = pytest.mark.postgresql


@pytest.fixture(autouse=True)
def on_postgres(request):
    request.node.user_properties.append(("engine", "postgresql"))


@pytest.fixture(scope="module")
def bench_results(postgres_server, tmp_path_factory):
    """One tiny run of `python -m bench`, shared by the tests below: the report,
    the raw results and the console output."""
    if postgres_server is None:
        pytest.skip("PostgreSQL is not available")
    if not (shutil.which("pgbench") or glob.glob("/usr/lib/postgresql/*/bin/pgbench")):
        pytest.skip("pgbench is not installed (it comes with the PostgreSQL server binaries)")
    url = postgres_server.create_database()
    out = tmp_path_factory.mktemp("bench")
    report, raw = out / "benchmarks.md", out / "results.json"
    try:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "bench",
                "--database-url",
                url,
                "--players",
                "300",
                "--sets",
                "2000",
                "--clients",
                "2",
                "--workers",
                "2",
                "--warmup",
                "1",
                "--duration",
                "1",
                "--soak",
                "2",
                "--output",
                str(report),
                "--json",
                str(raw),
            ],
            cwd=BACKEND_DIR,
            capture_output=True,
            text=True,
            timeout=180,
        )
    finally:
        postgres_server.drop_database(url)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return report.read_text(), json.loads(raw.read_text()), done.stdout


def test_every_scenario_runs_against_its_raw_sql_limit(bench_results):
    _, results, _ = bench_results
    app_runs = {r["scenario"]: r["outcome"] for r in results["runs"] if r["side"] == "app"}
    raw_runs = {r["scenario"]: r["outcome"] for r in results["runs"] if r["side"] == "raw"}
    assert set(app_runs) == SCENARIOS
    assert set(raw_runs) == {"purchase", "listing", *BOARDS}
    for scenario, outcome in app_runs.items():
        figures = outcome["workloads"][scenario]
        assert figures["requests"] > 0, scenario
        assert set(figures["statuses"]) <= {"200", "201"}, (scenario, figures["statuses"])
        assert 0 < figures["p50_ms"] <= figures["p95_ms"] <= figures["p99_ms"] <= figures["max_ms"]
        assert outcome["connection_errors"] == 0
        assert outcome["server_cpu_ms_per_request"] > 0
        # The spread over the workers, from their log lines. With this smoke run's few
        # connections the kernel may hash them all to one worker; that both serve a
        # burst is test_serve_workers' proof.
        served = outcome["worker_requests"]
        assert 1 <= len(served) <= 2 and sum(served.values()) >= figures["requests"], (scenario, served)
    for outcome in raw_runs.values():
        assert outcome["requests"] > 0 and outcome["p50_ms"] <= outcome["p99_ms"]


def test_statements_stay_few_and_money_stays_exact(bench_results):
    _, results, _ = bench_results
    statements = results["statements"]
    # Issue 14 keeps the weekly score in the workout's transaction: one upsert more, and
    # for a public player (as counted) one more moving them in the week boards' tally.
    # Issue 13 reads the player's previous bests for the records the workout beats, and
    # what the player has earned and the numbers still needed for achievements: two
    # SELECTs more (the overlap check rides in the workout's INSERT).
    assert statements["workout, 10 sets"]["statements"] <= 10
    assert "INSERT weekly_score_tally" in statements["workout, 10 sets"]["kinds"]
    assert statements["workout, 10 sets, Idempotency-Key"]["statements"] <= 10 + 2
    assert statements["workout, 100 sets"]["statements"] == statements["workout, 10 sets"]["statements"]
    assert statements["purchase"]["statements"] <= 4 + 1
    # Earning achievements adds their award, payments and notices, and only then: a
    # statement each (one credit of their sum and one insert of their ledger rows, one
    # insert of their notices...), however many the workout earned.
    earning = statements["workout earning achievements"]["statements"]
    assert statements["workout, 10 sets"]["statements"] < earning <= statements["workout, 10 sets"]["statements"] + 6
    assert results["money_mismatches"] == 0
    assert results["dataset"]["players"] == 300 and results["dataset"]["sets"] >= 2000
    assert results["dataset"]["friendships"] > 0 and results["dataset"]["weekly_scores"] > 0
    for board in BOARDS:
        assert statements[board]["statements"] >= 2, statements[board]  # the caller, then the board


def test_the_report_has_every_table(bench_results):
    report, results, _ = bench_results
    for heading in (
        "## Targets",
        "## Throughput and latency",
        "## SQL statements per request",
        "## Memory",
        "## Machine and data",
    ):
        assert heading in report
    assert "| server CPU ms/req | requests per worker | non-2xx | load |" in report
    for endpoint in ("/api/avatars/{id}/purchase", "/api/users/me/avatars", "/api/users/me", "/api/workouts"):
        assert endpoint in report
    # The boards: a row each in the results table beside pgbench running the same SQL, and
    # the p99 at the highest client count with the server's CPU per request in the targets.
    for board, endpoint in BOARDS.items():
        row = next(line for line in report.splitlines() if line.startswith(f"| `{endpoint}` | 2 |"))
        raw_rate, cpu = row.split("|")[4].strip(), row.split("|")[9].strip()
        assert raw_rate != "–" and float(raw_rate) > 0 and float(cpu) > 0, row
        assert f"`{endpoint}`: p99 < 50 ms at 2 clients (server CPU" in report, board
    assert len(results["memory"]["workers"]) == 2
    assert all(worker["end_mib"] > 0 for worker in results["memory"]["workers"])


def test_the_console_shows_server_cpu_the_spread_over_workers_and_the_load(bench_results):
    _, results, console = bench_results
    lines = console.splitlines()
    for run in results["runs"]:
        if run["side"] == "app":
            line = next(line for line in lines if line.strip().startswith(f"{run['scenario']} x"))
            assert "server CPU" in line and "ms/req, workers" in line, line
    # The machine is shared: every run, raw or app, says the load it ran under.
    assert all(run["load_average"] >= 0 for run in results["runs"])
    assert sum(" load " in line for line in lines) == len(results["runs"])
