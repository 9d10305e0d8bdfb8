"""Does the server's memory stay flat under a minute of mixed load?

Every worker's resident set size is sampled each second while all four scenarios
run at once; the report compares each worker's RSS at the end of the warm-up with
its RSS at the end of the run. A leak (a cache without bound, sessions kept
alive) shows as steady growth over the run.
"""

import time
from pathlib import Path

from bench.drive import drive
from bench.server import Server, rss_bytes
from bench.workload import Stream

SAMPLE_EVERY_S = 1.0
MIB = 1024 * 1024
# Allocators and caches settle over the first minute; growth within this much is
# noise, not a leak.
FLAT_WITHIN_MIB = 8


def soak(
    server: Server,
    streams: list[Stream],
    tokens: list[str],
    *,
    clients: int,
    warmup: float,
    duration: float,
    workdir: Path,
) -> dict:
    samples: list[tuple[float, dict[int, int]]] = []

    def sample() -> None:
        started = time.monotonic()
        until = started + warmup + duration
        while (now := time.monotonic()) < until:
            samples.append((now - started, {pid: rss_bytes(pid) for pid in server.worker_pids()}))
            time.sleep(SAMPLE_EVERY_S)

    outcome = drive(
        server, streams, tokens, clients=clients, warmup=warmup, duration=duration, workdir=workdir, during=sample
    )
    measured = [(t, rss) for t, rss in samples if t >= warmup] or samples[-1:]
    workers = []
    for pid in measured[0][1]:
        series = [rss[pid] for _, rss in measured if pid in rss]
        workers.append(
            {
                "pid": pid,
                "start_mib": series[0] / MIB,
                "end_mib": series[-1] / MIB,
                "max_mib": max(series) / MIB,
            }
        )
    return {
        "duration": duration,
        "clients": clients,
        "workers": workers,
        "flat": all(w["end_mib"] - w["start_mib"] <= FLAT_WITHIN_MIB for w in workers),
        "total_mib_over_time": [(round(t - warmup), sum(rss.values()) / MIB) for t, rss in measured],
        "throughput": {name: w["per_second"] for name, w in outcome["workloads"].items()},
        "statuses": {name: w["statuses"] for name, w in outcome["workloads"].items()},
    }
