"""How many requests a worker works on at once.

A worker is one event loop on one core: past a few requests in flight it gains no
throughput, while every extra one lengthens each turn of the loop, which all the
others (and a liveness probe) wait through. Requests past the limit wait, in
arrival order and costing nothing, for a place; `/healthz` never waits, so it
answers within a few turns of the loop however busy the worker is."""

import asyncio

from starlette.types import ASGIApp, Receive, Scope, Send

UNQUEUED_PATHS = frozenset({"/healthz"})


class InFlightLimit:
    def __init__(self, app: ASGIApp, *, limit: int) -> None:
        self.app = app
        self.places = asyncio.Semaphore(limit)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in UNQUEUED_PATHS:
            await self.app(scope, receive, send)
            return
        async with self.places:
            await self.app(scope, receive, send)
