"""A worker's requests in flight: past the limit they wait their turn, in order,
and /healthz never waits."""

import asyncio
from concurrent.futures import ThreadPoolExecutor

from bodyweight.web.admission import InFlightLimit


def run(coroutine_function):
    """Run in a loop of its own, on a thread of its own: the browser tests' sync
    Playwright keeps a loop running on this one for the whole session."""
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, coroutine_function()).result()


def test_requests_past_the_limit_wait_their_turn_and_healthz_does_not() -> None:
    async def scenario() -> None:
        release = asyncio.Event()
        started: list[str] = []

        async def app(scope, receive, send):
            started.append(scope["path"])
            if scope["path"] != "/healthz":
                await release.wait()

        limited = InFlightLimit(app, limit=2)

        def request(path: str) -> asyncio.Task:
            return asyncio.create_task(limited({"type": "http", "path": path}, None, None))

        waiting = [request(f"/api/{n}") for n in range(4)]
        await asyncio.sleep(0)
        assert started == ["/api/0", "/api/1"]

        await request("/healthz")  # answers while every place is taken
        assert started[-1] == "/healthz"

        release.set()
        await asyncio.gather(*waiting)
        assert started == ["/api/0", "/api/1", "/healthz", "/api/2", "/api/3"]

    run(scenario)


def test_a_lifespan_scope_passes_straight_through() -> None:
    async def scenario() -> list[str]:
        seen: list[str] = []

        async def app(scope, receive, send):
            seen.append(scope["type"])

        limited = InFlightLimit(app, limit=1)
        await limited({"type": "lifespan"}, None, None)
        return seen

    assert run(scenario) == ["lifespan"]
