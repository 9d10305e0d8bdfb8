"""One measured run against the server: the load generator in its own process,
and the server workers' CPU time over the same run."""

import json
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from bench.server import Server, cpu_seconds
from bench.workload import Stream, write_spec

# Items handed to the load generator per workload: more than the fastest endpoint
# can use in the run (fresh purchase pairs must not run out in the middle of it).
MAX_REQUESTS_PER_SECOND = 6000


def drive(
    server: Server,
    streams: list[Stream],
    tokens: list[str],
    *,
    clients: int,
    warmup: float,
    duration: float,
    workdir: Path,
    during: Callable[[], None] | None = None,
) -> dict:
    """Run `clients` clients over `streams` (dealt in turn); returns the load
    generator's result with the server's CPU per request and the requests each
    worker served (warm-up included) added. `during`, if given, runs in a thread
    alongside (memory sampling)."""
    spec, result = workdir / "loadgen-spec.json", workdir / "loadgen-result.json"
    write_spec(
        spec,
        streams,
        tokens,
        host=server.host,
        port=server.port,
        clients=clients,
        warmup=warmup,
        duration=duration,
        limit=int((warmup + duration) * MAX_REQUESTS_PER_SECOND),
    )
    workers = server.worker_pids()
    cpu_before = sum(cpu_seconds(pid) for pid in workers)
    log_before = server.log_size()
    side = threading.Thread(target=during, daemon=True) if during else None
    if side:
        side.start()
    subprocess.run(
        [sys.executable, "-m", "bench.loadgen", str(spec), str(result)],
        check=True,
        timeout=warmup + duration + 60,
        cwd=Path(__file__).resolve().parent.parent,
    )
    if side:
        side.join()
    cpu_used = sum(cpu_seconds(pid) for pid in workers) - cpu_before
    outcome = json.loads(result.read_text())
    sent = 0
    for stream in streams:
        used = outcome["workloads"][stream.name]["used"]
        stream.consume(used)
        sent += used
    outcome["server_cpu_ms_per_request"] = 1000 * cpu_used / max(sent, 1)
    outcome["worker_requests"] = {pid: 0 for pid in workers} | server.requests_by_worker(log_before)
    return outcome
