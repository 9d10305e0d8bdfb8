"""Request-scoped dependencies: the session (one transaction) and the caller."""

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import select
from sqlalchemy.orm import Session

from bodyweight.auth import tokens
from bodyweight.config import Settings
from bodyweight.errors import NotAuthenticated
from bodyweight.models import User


def get_session(request: Request) -> Iterator[Session]:
    """One transaction per request: committed when the handler returns, rolled back
    when it raises. Services only flush."""
    with request.app.state.session_factory() as session, session.begin():
        yield session


# scope="function": commit before the response is sent, so a client never sees
# success for a transaction that then fails to commit.
SessionDep = Annotated[Session, Depends(get_session, scope="function")]


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


SettingsDep = Annotated[Settings, Depends(get_settings)]

_bearer = HTTPBearer(auto_error=False, description="The access_token from sign-in")


Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]


def _caller(session: Session, settings: Settings, credentials, *, lock: bool) -> User:
    if credentials is None:
        raise NotAuthenticated()
    user_id = tokens.read_access_token(credentials.credentials, settings.secret_key)
    query = select(User).where(User.id == user_id)
    if lock:
        query = query.with_for_update()
    user = session.scalar(query)
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
