"""The results as docs/benchmarks.md: generated tables, then the hand-written notes
(analysis, profiles, before/after), which a new run keeps as they are."""

from datetime import UTC, datetime
from pathlib import Path

NOTES_MARKER = "<!-- Notes below are written by hand; `python -m bench` keeps them. -->"

# Which raw-SQL script is the limit of which endpoint.
RAW_LIMIT_OF = {
    "purchase": "purchase",
    "my avatars": "listing",
    "profile": "listing",
    "week board": "week board",
    "friends board": "friends board",
}
ENDPOINTS = {
    "purchase": "POST /api/avatars/{id}/purchase",
    "my avatars": "GET /api/users/me/avatars",
    "profile": "GET /api/users/me",
    "workout": "POST /api/workouts (10 sets)",
    "week board": "GET /api/boards/week?scope=global",
    "friends board": "GET /api/boards/week?scope=friends",
}
RAW_SCRIPTS = {
    "purchase": "purchase transaction (SELECT caller FOR UPDATE, INSERT purchase, conditional UPDATE, INSERT ledger)",
    "listing": "purchases listing (SELECT caller, SELECT purchases by user_id)",
    "week board": "this week's global board (SELECT caller, top 50 public scores, own score, count of better ones)",
    "friends board": "this week's friends board (SELECT caller, the caller and their friends with their scores)",
}
# Issue 9's targets.
TARGET_PURCHASE_SHARE = 0.25
TARGET_PURCHASE_CPU_MS = 1.0
TARGET_PURCHASE_P99_MS = 60
TARGET_PROFILE_CPU_MS = 0.5
TARGET_WORKOUT_STATEMENTS = 8
TARGET_WORKOUT_CPU_MS = 2.0
# Issue 14's target for the boards.
TARGET_BOARD_P99_MS = 50
BOARDS = ("week board", "friends board")


def _ms(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}" if value < 100 else f"{value:.0f}"


def _load(run: dict) -> str:
    """The 1-minute load average just before the run (the cores are shared)."""
    return f"{run['load_average']:.1f}" if "load_average" in run else "–"


def _errors(statuses: dict[str, int]) -> int:
    return sum(count for status, count in statuses.items() if not status.startswith("2"))


def _raw(results: dict, script: str, clients: int) -> dict | None:
    return next(
        (
            r["outcome"]
            for r in results["runs"]
            if r["side"] == "raw" and r["scenario"] == script and r["clients"] == clients
        ),
        None,
    )


def share_of_raw(results: dict, scenario: str, clients: int) -> float | None:
    app = next(
        r["outcome"]
        for r in results["runs"]
        if r["side"] == "app" and r["scenario"] == scenario and r["clients"] == clients
    )
    raw = _raw(results, RAW_LIMIT_OF.get(scenario, ""), clients)
    if raw is None or not raw["per_second"]:
        return None
    return app["workloads"][scenario]["per_second"] / raw["per_second"]


def spread(outcome: dict) -> str:
    """Each worker's share of the run's requests, largest first: "52/48%"."""
    counts = sorted(outcome["worker_requests"].values(), reverse=True)
    total = sum(counts) or 1
    return "/".join(f"{100 * count / total:.0f}" for count in counts) + "%"


def run_line(run: dict) -> str:
    outcome = run["outcome"]
    if run["side"] == "raw":
        figures = outcome
        label = f"pgbench {run['scenario']}"
        server = ""
    else:
        figures = outcome["workloads"][run["scenario"]]
        label = run["scenario"]
        server = f"  server CPU {outcome['server_cpu_ms_per_request']:.2f} ms/req, workers {spread(outcome)}"
    load = f"  load {run['load_average']:.1f}" if "load_average" in run else ""
    return (
        f"{label:>18} x{run['clients']:<3} {figures['per_second']:8.0f}/s  "
        f"p50 {_ms(figures['p50_ms'])}  p99 {_ms(figures['p99_ms'])} ms" + server + load
    )


def memory_line(soak: dict) -> str:
    return ", ".join(f"worker {w['pid']} {w['start_mib']:.0f} -> {w['end_mib']:.0f} MiB" for w in soak["workers"])


def _results_table(results: dict) -> list[str]:
    lines = [
        "| endpoint | clients | req/s | raw SQL tx/s | share of raw | p50 ms | p95 ms | p99 ms "
        "| server CPU ms/req | requests per worker | non-2xx | load |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for scenario, endpoint in ENDPOINTS.items():
        for run in results["runs"]:
            if run["side"] != "app" or run["scenario"] != scenario:
                continue
            clients, outcome = run["clients"], run["outcome"]
            figures = outcome["workloads"][scenario]
            raw = _raw(results, RAW_LIMIT_OF.get(scenario, ""), clients)
            share = share_of_raw(results, scenario, clients)
            raw_rate = f"{raw['per_second']:.0f}" if raw else "–"
            share_text = f"{share:.0%}" if share is not None else "–"
            lines.append(
                f"| `{endpoint}` | {clients} | {figures['per_second']:.0f} | {raw_rate} | {share_text} "
                f"| {_ms(figures['p50_ms'])} | {_ms(figures['p95_ms'])} | {_ms(figures['p99_ms'])} "
                f"| {outcome['server_cpu_ms_per_request']:.2f} | {spread(outcome)} | {_errors(figures['statuses'])} "
                f"| {_load(run)} |"
            )
    return lines


def _raw_table(results: dict) -> list[str]:
    lines = [
        "| pgbench script | clients | tx/s | p50 ms | p95 ms | p99 ms | load |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for run in results["runs"]:
        if run["side"] == "raw":
            o = run["outcome"]
            lines.append(
                f"| {RAW_SCRIPTS[run['scenario']]} | {run['clients']} | {o['per_second']:.0f} "
                f"| {_ms(o['p50_ms'])} | {_ms(o['p95_ms'])} | {_ms(o['p99_ms'])} | {_load(run)} |"
            )
    return lines


def _statements_table(results: dict) -> list[str]:
    lines = ["| request | statements | what they are |", "|---|---:|---|"]
    for request, counted in results["statements"].items():
        lines.append(f"| {request} | {counted['statements']} | {', '.join(counted['kinds'])} |")
    return lines


def _memory_section(results: dict) -> list[str]:
    soak = results["memory"]
    lines = [
        f"All {len(soak['throughput'])} scenarios at once, {soak['clients']} clients, for {soak['duration']:.0f} s "
        f"(after the warm-up); resident set size of each server worker:",
        "",
        "| worker | RSS at start | RSS at end | max | growth |",
        "|---|---:|---:|---:|---:|",
    ]
    for n, w in enumerate(soak["workers"], 1):
        lines.append(
            f"| {n} | {w['start_mib']:.1f} MiB | {w['end_mib']:.1f} MiB | {w['max_mib']:.1f} MiB "
            f"| {w['end_mib'] - w['start_mib']:+.1f} MiB |"
        )
    series = soak["total_mib_over_time"]
    step = max(1, len(series) // 6)
    shown = series[::step] + ([series[-1]] if (len(series) - 1) % step else [])
    lines += [
        "",
        "All workers together: " + ", ".join(f"{mib:.0f} MiB at {t} s" for t, mib in shown) + ".",
        "Throughput meanwhile: "
        + ", ".join(f"{name} {rate:.0f}/s" for name, rate in soak["throughput"].items())
        + f"; non-2xx answers: {sum(_errors(s) for s in soak['statuses'].values())}.",
    ]
    return lines


def _app_runs(results: dict, scenario: str) -> list[dict]:
    return [r for r in results["runs"] if r["side"] == "app" and r["scenario"] == scenario]


def _worst_cpu(results: dict, scenario: str) -> float:
    """Server CPU per request, the highest over the client counts (steadier than
    throughput on a shared machine)."""
    return max(r["outcome"]["server_cpu_ms_per_request"] for r in _app_runs(results, scenario))


def targets(results: dict) -> list[tuple[str, str, bool]]:
    """(target, what was measured, met) for each target of the benchmark whose
    scenarios were run (`--scenarios` may choose a few)."""
    ran = {r["scenario"] for r in results["runs"] if r["side"] == "app"}
    top = max(results["options"]["clients"])
    rows = []
    if "purchase" in ran:
        rows += _purchase_targets(results, top)
    for scenario in BOARDS:
        if scenario not in ran:
            continue
        board = next(r["outcome"]["workloads"][scenario] for r in _app_runs(results, scenario) if r["clients"] == top)
        rows.append(
            (
                f"`{ENDPOINTS[scenario]}`: p99 < {TARGET_BOARD_P99_MS} ms at {top} clients "
                f"(server CPU {_worst_cpu(results, scenario):.2f} ms per request)",
                f"{_ms(board['p99_ms'])} ms",
                (board["p99_ms"] or 1e9) < TARGET_BOARD_P99_MS,
            )
        )
    for scenario, limit in (
        ("purchase", TARGET_PURCHASE_CPU_MS),
        ("profile", TARGET_PROFILE_CPU_MS),
        ("workout", TARGET_WORKOUT_CPU_MS),
    ):
        if scenario in ran:
            cpu = _worst_cpu(results, scenario)
            rows.append(
                (f"`{ENDPOINTS[scenario]}`: server CPU ≤ {limit} ms per request", f"{cpu:.2f} ms", cpu <= limit)
            )
    workout = max(v["statements"] for k, v in results["statements"].items() if k.startswith("workout, 10 sets"))
    rows.append(
        (
            f"a 10-set workout: ≤ {TARGET_WORKOUT_STATEMENTS} SQL statements",
            f"{workout} (with Idempotency-Key; {results['statements']['workout, 10 sets']['statements']} without)",
            workout <= TARGET_WORKOUT_STATEMENTS,
        )
    )
    soak = results["memory"]
    growth = max(w["end_mib"] - w["start_mib"] for w in soak["workers"])
    rows.append(
        (
            f"server memory flat over {soak['duration']:.0f} s",
            f"largest growth {growth:+.1f} MiB per worker",
            soak["flat"],
        )
    )
    rows.append(
        (
            "money exact after the run: every balance equals its ledger",
            f"{results['money_mismatches']} mismatches",
            results["money_mismatches"] == 0,
        )
    )
    return rows


def _purchase_targets(results: dict, top: int) -> list[tuple[str, str, bool]]:
    rows = []
    for clients in sorted(c for c in results["options"]["clients"] if c >= 8):
        share = share_of_raw(results, "purchase", clients) or 0.0
        rows.append(
            (
                f"buying an avatar: ≥ {TARGET_PURCHASE_SHARE:.0%} of raw-SQL purchases at {clients} clients",
                f"{share:.0%}",
                share >= TARGET_PURCHASE_SHARE,
            )
        )
    purchase = next(
        r["outcome"]["workloads"]["purchase"] for r in _app_runs(results, "purchase") if r["clients"] == top
    )
    rows.append(
        (
            f"buying an avatar: p99 < {TARGET_PURCHASE_P99_MS} ms at {top} clients",
            f"{_ms(purchase['p99_ms'])} ms",
            (purchase["p99_ms"] or 1e9) < TARGET_PURCHASE_P99_MS,
        )
    )
    return rows


def _machine_section(results: dict) -> list[str]:
    m, o, d = results["machine"], results["options"], results["dataset"]
    packages = ", ".join(f"{name} {version}" for name, version in m["packages"].items())
    generator = max(r["outcome"]["cpu_share"] for r in results["runs"] if r["side"] == "app")
    return [
        f"- CPU: {m['cpu']}, {m['cores']} cores; memory {m['memory_gib']:.0f} GiB; {m['os']}",
        f"- PostgreSQL {m['postgresql']} on the same machine; Python {m['python']}; {packages}",
        f"- Server: `bodyweight serve --workers {o['workers']}` (uvicorn with uvloop and httptools, "
        "one SO_REUSEPORT listening socket per worker), "
        "production mode, JSON request logs on; asyncpg through SQLAlchemy Core",
        f"- Load generator: `bench/loadgen.py` in its own process, at most {generator:.0%} of a core in any run",
        f"- Load average (1 min) {results['load_average_before']:.1f} before the run, "
        f"{results['load_average_after']:.1f} after: the server, PostgreSQL, the load generator "
        "and any other work share the cores",
        f"- Data: {d['players']:,} players, {d['workouts']:,} workouts, {d['sets']:,} sets, "
        f"{d['purchases']:,} purchases, {d['ledger_rows']:,} ledger rows, {d['friendships']:,} friendships, "
        f"{d['weekly_scores']:,} weekly scores (a third of the workouts in the current week), "
        f"bulk-loaded in {d['seconds']:.0f} s",
        f"- Each run: {o['warmup']:.0f} s warm-up, then {o['duration']:.0f} s measured; "
        f"whole benchmark {results['minutes']:.1f} min",
    ]


def markdown(results: dict) -> str:
    date = results.get("measured_at") or datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "# Benchmarks",
        "",
        f"Measured {date} by `cd backend && venv/bin/python -m bench`, which rewrites the tables "
        "below (the notes at the end are kept).",
        "",
        "Each client sends its next request as soon as the previous one is answered. The raw-SQL "
        "limit is pgbench running the same SQL, with prepared statements and no application, at "
        "the same client count, minutes apart at most; *share of raw* is the endpoint's throughput "
        "as a fraction of it. *Requests per worker* is each worker's share of the run's "
        "requests (warm-up included, largest first), counted from the `worker` field of the "
        "request log lines. *Load* is the machine's 1-minute load average just before the run: "
        "other work shares the cores.",
        "",
        "## Targets",
        "",
        "| target | measured | met |",
        "|---|---|---|",
        *[f"| {target} | {measured} | {'yes' if met else '**no**'} |" for target, measured, met in targets(results)],
        "",
        "## Throughput and latency",
        "",
        *_results_table(results),
        "",
        "The raw-SQL limit, measured in the same run:",
        "",
        *_raw_table(results),
        "",
        "## SQL statements per request",
        "",
        "Counted with a `before_cursor_execute` listener on the app's engine (BEGIN and COMMIT "
        "are not statements and are not counted):",
        "",
        *_statements_table(results),
        "",
        "## Memory",
        "",
        *_memory_section(results),
        "",
        "## Machine and data",
        "",
        *_machine_section(results),
        "",
    ]
    return "\n".join(lines)


def write(path: Path, results: dict) -> None:
    """Write the generated report, keeping any hand-written notes already there."""
    notes = path.read_text().partition(NOTES_MARKER)[2] if path.exists() else ""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(markdown(results) + "\n" + NOTES_MARKER + (notes or "\n"))
