"""Sign-in rate limits: attempts per account and per client address in a fixed
window, counted where every worker and replica sees them.

An attempt is counted before its password is checked, so a burst of parallel
guesses is bounded as well as a sequence of them. A successful sign-in clears
the account's count and gives the address its attempt back. The counts live in
the database (`sign_in_attempts`) by default, or in Redis when REDIS_URL is set.
"""

import hashlib
import logging
import math
import random
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any, Protocol

from fastapi import Depends, Request
from sqlalchemy import bindparam, case, delete, update
from sqlalchemy.dialects import postgresql, sqlite

from bodyweight.config import Settings
from bodyweight.db import Database
from bodyweight.errors import DatabaseUnavailable, RateLimited
from bodyweight.models import SignInAttempt, UTCDateTime
from bodyweight.schemas import normalize_username

log = logging.getLogger("bodyweight.auth")

_attempts = SignInAttempt.__table__
# Expired windows are deleted now and then, by whichever attempt draws the lot.
PRUNE_PROBABILITY = 0.01


class Counter(Protocol):
    async def hit(self, keys: Sequence[str], window: float) -> list[tuple[int, float]]:
        """Count one attempt for each key: (attempts in its window, seconds left)."""
        ...

    async def forget(self, key: str) -> None:
        """The key starts afresh."""
        ...

    async def give_back(self, key: str) -> None:
        """Take one attempt off the key's count."""
        ...

    async def close(self) -> None: ...


class DatabaseCounter:
    """Fixed windows in `sign_in_attempts`, one short write transaction per call."""

    def __init__(self, database: Database) -> None:
        self.database = database

    async def hit(self, keys: Sequence[str], window: float) -> list[tuple[int, float]]:
        now = datetime.now(UTC)
        ends = now + timedelta(seconds=window)
        counted = []
        async with self.database.writing() as session:
            dialect = postgresql if session.dialect.name == "postgresql" else sqlite
            moment = bindparam("now", now, type_=UTCDateTime())
            for key in sorted(keys):  # one order everywhere: no deadlock between two sign-ins
                insert = dialect.insert(_attempts).values(key=key, attempts=1, window_ends=ends)
                expired = _attempts.c.window_ends <= moment
                statement = insert.on_conflict_do_update(
                    index_elements=[_attempts.c.key],
                    set_={
                        "attempts": case((expired, 1), else_=_attempts.c.attempts + 1),
                        "window_ends": case((expired, insert.excluded.window_ends), else_=_attempts.c.window_ends),
                    },
                ).returning(_attempts.c.attempts, _attempts.c.window_ends)
                attempts, window_ends = (await session.execute(statement)).one()
                counted.append((key, attempts, (window_ends - now).total_seconds()))
            if random.random() < PRUNE_PROBABILITY:
                await session.execute(delete(_attempts).where(_attempts.c.window_ends <= moment))
        by_key = {key: (attempts, left) for key, attempts, left in counted}
        return [by_key[key] for key in keys]

    async def forget(self, key: str) -> None:
        async with self.database.writing() as session:
            await session.execute(delete(_attempts).where(_attempts.c.key == key))

    async def give_back(self, key: str) -> None:
        async with self.database.writing() as session:
            await session.execute(
                update(_attempts)
                .where(_attempts.c.key == key, _attempts.c.attempts > 0)
                .values(attempts=_attempts.c.attempts - 1)
            )

    async def close(self) -> None:
        pass


# INCR, and start the window on the first attempt; answers the count and the
# milliseconds the window has left. One script, so it is atomic.
_HIT = """
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {count, redis.call('PTTL', KEYS[1])}
"""
_GIVE_BACK = """
if redis.call('GET', KEYS[1]) and tonumber(redis.call('GET', KEYS[1])) > 0 then
  return redis.call('DECR', KEYS[1])
end
return 0
"""


class RedisCounter:
    """Fixed windows as Redis keys that expire with their window."""

    PREFIX = "bodyweight:sign-in:"

    def __init__(self, url: str) -> None:
        from redis import asyncio as redis  # only when configured

        self.client: Any = redis.from_url(url, socket_timeout=5, socket_connect_timeout=5)
        self.errors: tuple[type[Exception], ...] = (redis.RedisError, OSError)

    async def hit(self, keys: Sequence[str], window: float) -> list[tuple[int, float]]:
        results = []
        try:
            for key in keys:
                count, left_ms = await self.client.eval(_HIT, 1, self.PREFIX + key, max(1, round(window * 1000)))
                results.append((int(count), max(int(left_ms), 0) / 1000))
        except self.errors as exc:
            log.warning("rate-limit store unavailable", extra={"error": type(exc).__name__})
            raise DatabaseUnavailable() from exc
        return results

    async def forget(self, key: str) -> None:
        try:
            await self.client.delete(self.PREFIX + key)
        except self.errors as exc:
            raise DatabaseUnavailable() from exc

    async def give_back(self, key: str) -> None:
        try:
            await self.client.eval(_GIVE_BACK, 1, self.PREFIX + key)
        except self.errors as exc:
            raise DatabaseUnavailable() from exc

    async def close(self) -> None:
        await self.client.aclose()


def _key(kind: str, value: str) -> str:
    """Fixed length whatever the input (a crafted username or address)."""
    return f"{kind}:{hashlib.sha256(value.encode('utf-8', 'surrogatepass')).hexdigest()[:40]}"


class SignInLimits:
    def __init__(self, counter: Counter, settings: Settings) -> None:
        self.counter = counter
        self.window = settings.login_window
        self.per_account = settings.login_attempts_per_account
        self.per_address = settings.login_attempts_per_address

    def _keys(self, username: str, address: str) -> tuple[str, str]:
        return _key("account", normalize_username(username)), _key("address", address)

    async def attempt(self, username: str, address: str) -> None:
        """Count the attempt; RateLimited when the account or the address has had
        its share of this window."""
        account, origin = self._keys(username, address)
        (on_account, account_left), (from_address, address_left) = await self.counter.hit(
            [account, origin], self.window
        )
        waits = [account_left] if on_account > self.per_account else []
        waits += [address_left] if from_address > self.per_address else []
        if waits:
            retry_after = max(1, math.ceil(max(waits)))
            log.warning(
                "sign-in refused: too many attempts",
                extra={"username": username, "address": address, "retry_after": retry_after},
            )
            raise RateLimited(retry_after=retry_after)

    async def failed(self, username: str, address: str) -> None:
        log.warning("sign-in failed", extra={"username": username, "address": address})

    async def succeeded(self, username: str, address: str) -> None:
        account, origin = self._keys(username, address)
        await self.counter.forget(account)
        await self.counter.give_back(origin)

    async def close(self) -> None:
        await self.counter.close()


def make_sign_in_limits(settings: Settings, database: Database) -> SignInLimits:
    counter: Counter = RedisCounter(settings.redis_url) if settings.redis_url else DatabaseCounter(database)
    return SignInLimits(counter, settings)


def client_address(request: Request) -> str:
    """The peer's address (uvicorn puts a trusted proxy's X-Forwarded-For here)."""
    return request.client.host if request.client else "unknown"


async def _sign_in_limits(request: Request) -> SignInLimits:
    return request.app.state.sign_in_limits  # type: ignore[no-any-return]


SignInLimitsDep = Annotated[SignInLimits, Depends(_sign_in_limits)]
