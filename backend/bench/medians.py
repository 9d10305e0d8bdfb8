"""Medians over repeated runs, for a shared machine where one run says little:
`python -m bench.medians results.json [more.json ...]` (files written by
`python -m bench --json`; a run repeats a client count with `--clients 32,32,32`).

Prints a Markdown table: for each endpoint and client count, the median of its
runs' throughput, p50, p99 and server CPU per request, beside the median of the
pgbench runs of the same SQL, with the range of load averages they ran under.
"""

import json
import statistics
import sys
from collections import defaultdict
from pathlib import Path

from bench.report import ENDPOINTS, RAW_LIMIT_OF, _ms


def _median(values: list[float]) -> float:
    return statistics.median(values)


def _loads(runs: list[dict]) -> str:
    loads = [run["load_average"] for run in runs if "load_average" in run]
    return f"{min(loads):.1f}–{max(loads):.1f}" if loads else "–"


def table(results: list[dict]) -> list[str]:
    app: dict[tuple[str, int], list[dict]] = defaultdict(list)
    raw: dict[tuple[str, int], list[dict]] = defaultdict(list)
    for result in results:
        for run in result["runs"]:
            (app if run["side"] == "app" else raw)[(run["scenario"], run["clients"])].append(run)
    lines = [
        "| endpoint | clients | runs | req/s | p50 ms | p99 ms | server CPU ms/req | load "
        "| pgbench same SQL: tx/s | p50 ms | p99 ms | load |",
        "|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---|",
    ]
    for (scenario, clients), runs in app.items():
        figures = [run["outcome"]["workloads"][scenario] for run in runs]
        raws = raw.get((RAW_LIMIT_OF.get(scenario, ""), clients), [])
        raw_cells = (
            f"{_median([r['outcome']['per_second'] for r in raws]):.0f} "
            f"| {_ms(_median([r['outcome']['p50_ms'] for r in raws]))} "
            f"| {_ms(_median([r['outcome']['p99_ms'] for r in raws]))} | {_loads(raws)}"
            if raws
            else "– | – | – | –"
        )
        lines.append(
            f"| `{ENDPOINTS[scenario]}` | {clients} | {len(runs)} "
            f"| {_median([f['per_second'] for f in figures]):.0f} "
            f"| {_ms(_median([f['p50_ms'] for f in figures]))} | {_ms(_median([f['p99_ms'] for f in figures]))} "
            f"| {_median([run['outcome']['server_cpu_ms_per_request'] for run in runs]):.2f} | {_loads(runs)} "
            f"| {raw_cells} |"
        )
    return lines


def main(paths: list[str]) -> None:
    print("\n".join(table([json.loads(Path(path).read_text()) for path in paths])))


if __name__ == "__main__":
    main(sys.argv[1:])
