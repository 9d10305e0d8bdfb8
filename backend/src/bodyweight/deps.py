"""Request-scoped dependencies: the session (one transaction) and the caller."""

from collections.abc import AsyncIterator
from typing import Annotated

import anyio.to_thread
from anyio import CancelScope, CapacityLimiter
from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from bodyweight.auth import tokens
from bodyweight.config import Settings
from bodyweight.errors import NotAuthenticated
from bodyweight.models import User

READ_ONLY_METHODS = frozenset({"GET", "HEAD"})


async def get_session(request: Request) -> AsyncIterator[Session]:
    """One transaction per request: committed when the handler returns, rolled back
    when it raises. Services only flush. A GET only reads: on PostgreSQL it gets a
    session `for_reading` instead (no transaction, see db.SessionFactory), closed
    here without I/O.

    Async because opening a session does no I/O: only the commit or rollback needs
    a worker thread, one trip to the thread pool where a sync generator costs two.
    """
    factory = request.app.state.session_factory
    if request.method in READ_ONLY_METHODS and factory.for_reading is not None:
        with factory.for_reading() as session:
            yield session
        return
    session = factory()
    session.begin()
    try:
        yield session
    except BaseException as error:
        await _end_in_thread(session, error)
        raise
    await _end_in_thread(session, None)


async def _end_in_thread(session: Session, error: BaseException | None) -> None:
    # Like FastAPI's own sync-generator exit: shielded from cancellation, and with
    # a limiter of its own, so returning a connection to the pool never waits for
    # a thread held by a request that is itself waiting for a connection.
    with CancelScope(shield=True):
        await anyio.to_thread.run_sync(_end, session, error, limiter=CapacityLimiter(1))


def _end(session: Session, error: BaseException | None) -> None:
    with session:
        if error is None:
            session.commit()
        else:
            session.rollback()


# scope="function": commit before the response is sent, so a client never sees
# success for a transaction that then fails to commit.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]


async def get_settings(request: Request) -> Settings:  # async: no I/O, no thread
    return request.app.state.settings


SettingsDep = Annotated[Settings, Depends(get_settings)]

_bearer = HTTPBearer(auto_error=False, description="The access_token from sign-in")


Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]


# Built once and run with parameters (see db.once_per_dialect for why).
_USER_BY_ID = select(User).where(User.id == bindparam("user_id"))
_USER_BY_ID_LOCKED = _USER_BY_ID.with_for_update()


def _caller(session: Session, settings: Settings, credentials, *, lock: bool) -> User:
    if credentials is None:
        raise NotAuthenticated()
    user_id = tokens.read_access_token(credentials.credentials, settings.secret_key)
    user = session.scalar(_USER_BY_ID_LOCKED if lock else _USER_BY_ID, {"user_id": user_id})
    if user is None:
        raise NotAuthenticated("This account no longer exists.")
    return user


def get_current_user(session: SessionDep, settings: SettingsDep, credentials: Credentials) -> User:
    return _caller(session, settings, credentials, lock=False)


def get_current_user_for_update(
    session: SessionDep, settings: SettingsDep, credentials: Credentials
) -> User:
    """The caller's row, locked until the request's transaction ends: for use cases
    that compute the player's new state from the old (workouts)."""
    return _caller(session, settings, credentials, lock=True)


CurrentUser = Annotated[User, Depends(get_current_user)]
LockedUser = Annotated[User, Depends(get_current_user_for_update)]
