"""Latency percentiles, the same way for the server's requests and pgbench's transactions."""

import math
from collections.abc import Sequence


def percentile(ordered: Sequence[float], share: float) -> float:
    """Nearest-rank percentile of an already sorted, non-empty sequence."""
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


def summarize(latencies_s: Sequence[float], duration_s: float) -> dict:
    """Throughput and p50/p95/p99 (in ms) of the requests completed in the window."""
    ordered = sorted(latencies_s)
    if not ordered:
        return {"requests": 0, "per_second": 0.0, "p50_ms": None, "p95_ms": None, "p99_ms": None, "max_ms": None}
    return {
        "requests": len(ordered),
        "per_second": len(ordered) / duration_s,
        **{f"p{int(share * 100)}_ms": percentile(ordered, share) * 1000 for share in (0.50, 0.95, 0.99)},
        "max_ms": ordered[-1] * 1000,
    }
