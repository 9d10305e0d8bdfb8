"""The benchmark, end to end: `cd backend && venv/bin/python -m bench`.

1. a fresh PostgreSQL database, built by the migrations and bulk-loaded;
2. statements per request, counted in-process;
3. `bodyweight serve --workers N`, driven by the load generator at each client
   count, interleaved with pgbench running the same SQL (the raw limit), so that
   each ratio compares figures taken minutes apart at most;
4. a minute of mixed load with the workers' memory sampled;
5. the ledger checked against the balances, and the report written.
"""

import argparse
import json
import secrets
import shutil
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bench import database, dataset, machine, memory, pgbench, report, statements, workload
from bench.drive import drive
from bench.server import Server
from bodyweight.config import BACKEND_DIR

ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
# Two workers for two cores: the workers are CPU-bound Python, and PostgreSQL
# and the load generator need the rest (see docs/benchmarks.md for 1 to 4).
DEFAULT_WORKERS = 2

# Each client count: the raw-SQL limit next to the endpoints that do that work.
SEQUENCE = (
    ("raw", "purchase"),
    ("app", "purchase"),
    ("raw", "listing"),
    ("app", "my avatars"),
    ("app", "profile"),
    ("app", "workout"),
    ("raw", "week board"),
    ("app", "week board"),
    ("raw", "friends board"),
    ("app", "friends board"),
)
SCENARIOS = tuple(name for side, name in SEQUENCE if side == "app")


def sequence(scenarios: list[str]) -> list[tuple[str, str]]:
    """SEQUENCE for the chosen scenarios: each with the raw-SQL limit it is compared to."""
    limits = {report.RAW_LIMIT_OF.get(name) for name in scenarios}
    return [(side, name) for side, name in SEQUENCE if name in (scenarios if side == "app" else limits)]


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--admin-url",
        default=ADMIN_URL,
        help="a PostgreSQL server to create the benchmark database on (default: %(default)s)",
    )
    where.add_argument("--database-url", help="use this existing, empty database instead")
    parser.add_argument(
        "--database-name",
        default="bodyweight_bench",
        help="recreated on --admin-url for each run (default: %(default)s)",
    )
    parser.add_argument("--keep-database", action="store_true", help="keep the loaded database afterwards")
    parser.add_argument("--players", type=int, default=100_000)
    parser.add_argument("--sets", type=int, default=1_000_000)
    parser.add_argument("--clients", default="1,8,32", help="client counts (default: %(default)s)")
    parser.add_argument(
        "--scenarios",
        default=",".join(SCENARIOS),
        help="the endpoints to drive, each beside its raw-SQL limit (default: %(default)s)",
    )
    parser.add_argument("--workers", type=int, default=DEFAULT_WORKERS)
    parser.add_argument("--warmup", type=float, default=3, help="seconds before measuring each run")
    parser.add_argument("--duration", type=float, default=12, help="measured seconds per run")
    parser.add_argument("--soak", type=float, default=60, help="seconds of mixed load for memory")
    parser.add_argument("--output", type=Path, default=BACKEND_DIR.parent / "docs" / "benchmarks.md")
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    options = parser.parse_args(argv)
    options.clients = [int(n) for n in options.clients.split(",")]
    options.scenarios = [name.strip() for name in options.scenarios.split(",")]
    unknown = set(options.scenarios) - set(SCENARIOS)
    if unknown:
        parser.error(f"unknown scenarios: {', '.join(sorted(unknown))} (known: {', '.join(SCENARIOS)})")
    return options


def say(message: str) -> None:
    print(message, flush=True)


def main(argv: list[str] | None = None) -> dict:
    options = parse(argv)
    started = time.monotonic()
    load_before = machine.load_average()
    workdir = Path(tempfile.mkdtemp(prefix="bodyweight-bench-"))
    created = options.database_url is None
    url = (
        database.recreate(options.admin_url, options.database_name)
        if created
        else database.libpq_url(options.database_url)
    )
    try:
        say(f"database: {url.rsplit('/', 1)[-1]}; migrating and loading")
        database.migrate(url)
        loaded = dataset.load(url, options.players, options.sets, log=say)
        say(f"loaded in {loaded.seconds:.1f} s: {loaded}")

        secret_key = secrets.token_urlsafe(32)
        tokens = workload.mint_tokens(options.players, secret_key)
        streams = workload.scenarios(url, options.players)
        counts = statements.count(url, secret_key, streams)
        say("statements per request: " + ", ".join(f"{k} {v['statements']}" for k, v in counts.items()))

        runs = []
        with Server(url, options.workers, secret_key, workdir / "server.log") as server:
            timing = {"warmup": options.warmup, "duration": options.duration, "workdir": workdir}
            for clients in options.clients:
                for side, name in sequence(options.scenarios):
                    # Other work on the shared cores, just before each run.
                    load = machine.load_average()
                    if side == "raw":
                        outcome = pgbench.run(url, name, clients=clients, players=options.players, **timing)
                    else:
                        outcome = drive(server, [streams[name]], tokens, clients=clients, **timing)
                    runs.append(
                        {"side": side, "scenario": name, "clients": clients, "load_average": load, "outcome": outcome}
                    )
                    say(report.run_line(runs[-1]))
            soak = memory.soak(
                server,
                [streams[name] for name in options.scenarios],
                tokens,
                clients=max(options.clients),
                warmup=options.warmup,
                duration=options.soak,
                workdir=workdir,
            )
            say(f"memory over {options.soak:.0f} s: " + report.memory_line(soak))
        results = {
            "machine": machine.describe(database.server_version(url)),
            "load_average_before": load_before,
            "load_average_after": machine.load_average(),
            "options": {
                "players": options.players,
                "sets": options.sets,
                "clients": options.clients,
                "scenarios": options.scenarios,
                "workers": options.workers,
                "warmup": options.warmup,
                "duration": options.duration,
                "soak": options.soak,
            },
            "dataset": loaded.__dict__,
            "statements": counts,
            "runs": runs,
            "memory": soak,
            "money_mismatches": database.money_mismatches(url),
            "minutes": (time.monotonic() - started) / 60,
            "measured_at": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        }
        report.write(options.output, results)
        if options.json:
            options.json.write_text(json.dumps(results, indent=1, default=str))
        say(f"wrote {options.output} ({results['minutes']:.1f} min)")
        shutil.rmtree(workdir, ignore_errors=True)
        return results
    except BaseException:
        say(f"the benchmark failed; its server log and files are in {workdir}")
        raise
    finally:
        if created and not options.keep_database:
            database.drop(options.admin_url, options.database_name)
