"""Prometheus metrics at /metrics, off unless METRICS_ENABLED=true (never public by
accident: put it behind the proxy's allow-list or scrape it on the private network).

Several workers: `bodyweight serve` points PROMETHEUS_MULTIPROC_DIR at a fresh
directory before the workers start (unless the operator set one); each worker
writes its samples there and /metrics, answered by any worker, adds them up.

Labels carry no personal data: route templates (`/api/avatars/{avatar_id}/purchase`),
methods, status codes and outcomes, never paths, ids or names.
"""

import os
import time

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
UNMATCHED = "unmatched"

REQUESTS = Counter("bodyweight_http_requests", "HTTP requests answered", ["method", "route", "status"])
LATENCY = Histogram(
    "bodyweight_http_request_duration_seconds",
    "Time to answer an HTTP request",
    ["method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0),
)
PURCHASES = Counter("bodyweight_purchases", "Avatar purchase attempts by outcome", ["outcome"])
WORKOUTS = Counter("bodyweight_workouts", "Workout submissions by outcome", ["outcome"])
COINS = Counter("bodyweight_coins", "Coins moved through the ledger", ["direction"])
SCHEMA_REVISION = Gauge(
    "bodyweight_schema_revision",
    "The schema revision the app serves (1 on its label)",
    ["revision"],
    multiprocess_mode="max",
)
POOL_IN_USE = Gauge(
    "bodyweight_db_pool_connections_in_use", "Database connections checked out", multiprocess_mode="livesum"
)
POOL_OPEN = Gauge(
    "bodyweight_db_pool_connections_open", "Database connections open in the pool", multiprocess_mode="livesum"
)

PURCHASE_ROUTE = "/api/avatars/{avatar_id}/purchase"
WORKOUT_ROUTE = "/api/workouts"
# The status of a purchase or workout says its outcome (one code per status, see the API).
PURCHASE_OUTCOMES = {
    201: "purchased",
    401: "not_authenticated",
    402: "insufficient_coins",
    403: "level_too_low",
    404: "avatar_not_found",
    409: "already_owned",
    422: "invalid",
}
WORKOUT_OUTCOMES = {201: "recorded", 401: "not_authenticated", 409: "conflict", 422: "rejected"}


def record_coins(amount: int) -> None:
    """Called by the ledger for every change of a balance."""
    if amount > 0:
        COINS.labels("earned").inc(amount)
    elif amount < 0:
        COINS.labels("spent").inc(-amount)


def set_schema_revision(revision: str | None) -> None:
    SCHEMA_REVISION.labels(revision or "none").set(1)


def _route_template(scope: Scope) -> str:
    route = scope.get("route")
    if route is not None and hasattr(route, "path"):
        return str(route.path)
    for candidate in getattr(scope.get("app"), "routes", ()):
        match, _ = candidate.matches(scope)
        if match == Match.FULL and hasattr(candidate, "path"):
            return str(candidate.path)
    return UNMATCHED


class MetricsMiddleware:
    """Counts and times every request by its route template; purchases and
    workouts by outcome; samples the database pool."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        status, replayed = 500, False
        started = time.perf_counter()

        async def watch(message: Message) -> None:
            nonlocal status, replayed
            if message["type"] == "http.response.start":
                status = message["status"]
                replayed = any(k.lower() == b"idempotent-replayed" for k, _ in message.get("headers", []))
            await send(message)

        try:
            await self.app(scope, receive, watch)
        finally:
            route = _route_template(scope)
            method = scope["method"]
            REQUESTS.labels(method, route, str(status)).inc()
            LATENCY.labels(method, route).observe(time.perf_counter() - started)
            if method == "POST" and route == PURCHASE_ROUTE:
                PURCHASES.labels("replayed" if replayed else PURCHASE_OUTCOMES.get(status, "error")).inc()
            elif method == "POST" and route == WORKOUT_ROUTE:
                WORKOUTS.labels("replayed" if replayed else WORKOUT_OUTCOMES.get(status, "error")).inc()
            _sample_pool(scope)


def _sample_pool(scope: Scope) -> None:
    database = getattr(getattr(scope.get("app"), "state", None), "database", None)
    pool = getattr(getattr(getattr(database, "engine", None), "sync_engine", None), "pool", None)
    if pool is None or not hasattr(pool, "checkedout"):
        return
    POOL_IN_USE.set(pool.checkedout())
    POOL_OPEN.set(pool.checkedout() + pool.checkedin())


def exposition() -> bytes:
    if os.environ.get(MULTIPROC_ENV):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return generate_latest(registry)
    return generate_latest()


async def metrics_endpoint(_request: Request) -> Response:
    return Response(exposition(), media_type=CONTENT_TYPE_LATEST)
