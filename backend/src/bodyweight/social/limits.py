"""The search quota: SEARCHES_PER_WINDOW searches by username per player per
SEARCH_WINDOW, counted in the database so that every worker of every replica
counts against one number. A window opens with the first search after the last
one closed.
"""

import math
from datetime import UTC, datetime, timedelta

from sqlalchemy import Insert, bindparam, case
from sqlalchemy.dialects import postgresql, sqlite

from bodyweight.db import WriteSession
from bodyweight.errors import DomainError
from bodyweight.models import SearchQuota, UTCDateTime

SEARCHES_PER_WINDOW = 20
SEARCH_WINDOW = timedelta(minutes=10)

_quotas = SearchQuota.__table__


class TooManySearches(DomainError):
    """`retry_after`: seconds until the next search is allowed."""

    status_code, code = 429, "too_many_searches"


def _take(dialect: str) -> Insert:
    statement = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(_quotas)
    current = _quotas.c.window_start > bindparam("opened_after", type_=UTCDateTime())
    return statement.on_conflict_do_update(
        index_elements=[_quotas.c.user_id],
        set_={
            "used": case((current, _quotas.c.used + 1), else_=1),
            "window_start": case((current, _quotas.c.window_start), else_=statement.excluded.window_start),
        },
    ).returning(_quotas.c.used, _quotas.c.window_start)


_TAKE = {dialect: _take(dialect) for dialect in ("postgresql", "sqlite")}


async def take_search(session: WriteSession, player_id: int, now: datetime | None = None) -> None:
    """Count one search; TooManySearches once the window's quota is used up. Run
    it in a transaction of its own: a refused or failed search still counts."""
    now = now or datetime.now(UTC)
    used, window_start = (
        await session.execute(
            _TAKE[session.dialect.name],
            {"user_id": player_id, "window_start": now, "used": 1, "opened_after": now - SEARCH_WINDOW},
        )
    ).one()
    if used > SEARCHES_PER_WINDOW:
        raise TooManySearches(retry_after=max(1, math.ceil((window_start + SEARCH_WINDOW - now).total_seconds())))
