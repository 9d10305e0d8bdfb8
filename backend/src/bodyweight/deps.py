"""What a route needs, said by the type of its parameter: the kind of session,
the caller, the settings, the caller's language."""

from collections.abc import AsyncIterator
from contextlib import nullcontext
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from bodyweight import db, i18n
from bodyweight.auth import tokens
from bodyweight.config import Settings
from bodyweight.errors import NotAuthenticated, request_locale
from bodyweight.users.player import Player, admit, load_player


async def _read_session(request: Request) -> AsyncIterator[db.ReadSession]:
    async with request.app.state.database.reading() as session:
        yield session


def _bearer_player_id(request: Request, settings: Settings) -> int | None:
    """The player a valid bearer token names, if the request carries one."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token:
        return None
    try:
        return tokens.read_access_token(token.strip(), settings.secret_key).player_id
    except NotAuthenticated:
        return None  # the route's own caller dependency refuses it, if it needs one


async def _write_session(request: Request) -> AsyncIterator[db.WriteSession]:
    """A player's write holds one of the player's slots (throttle.py) before it
    takes a connection: more than a few at once are refused with 429."""
    player_id = _bearer_player_id(request, request.app.state.settings)
    slot = request.app.state.write_slots.hold(player_id) if player_id is not None else nullcontext()
    with slot:
        async with request.app.state.database.writing() as session:
            yield session


# scope="function": the transaction commits before the response is sent, so a
# client never sees success for a transaction that then fails to commit.
ReadSession = Annotated[db.ReadSession, Depends(_read_session, scope="function")]
WriteSession = Annotated[db.WriteSession, Depends(_write_session, scope="function")]


async def _database(request: Request) -> db.Database:
    return request.app.state.database  # type: ignore[no-any-return]  # Starlette's State is untyped


DatabaseDep = Annotated[db.Database, Depends(_database)]
"""For the few routes that must open sessions around part of their work only."""


async def _settings(request: Request) -> Settings:
    return request.app.state.settings  # type: ignore[no-any-return]  # Starlette's State is untyped


SettingsDep = Annotated[Settings, Depends(_settings)]
RequestLocale = Annotated[i18n.Locale, Depends(request_locale)]

_bearer = HTTPBearer(auto_error=False, description="The access_token from sign-in")
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]


async def _caller(
    session: db.ReadSession, settings: Settings, credentials: HTTPAuthorizationCredentials | None, *, lock: bool = False
) -> Player:
    if credentials is None:
        raise NotAuthenticated()
    token = tokens.read_access_token(credentials.credentials, settings.secret_key)
    player = await load_player(session, token.player_id, lock=lock)
    if player is None:
        raise NotAuthenticated()
    # A ban revokes the player's tokens; their signed tokens still say why they
    # no longer work (account_suspended) rather than asking them to sign in.
    admit(player)
    if not tokens.fits(token, player.token_key):
        raise NotAuthenticated()
    return player


async def _current_player(session: ReadSession, settings: SettingsDep, credentials: Credentials) -> Player:
    return await _caller(session, settings, credentials)


async def _writing_player(session: WriteSession, settings: SettingsDep, credentials: Credentials) -> Player:
    return await _caller(session, settings, credentials)


async def _locked_player(session: WriteSession, settings: SettingsDep, credentials: Credentials) -> Player:
    return await _caller(session, settings, credentials, lock=True)


CurrentPlayer = Annotated[Player, Depends(_current_player)]
"""The caller, read in the request's ReadSession."""
WritingPlayer = Annotated[Player, Depends(_writing_player)]
"""The caller, read inside the request's WriteSession transaction."""
LockedPlayer = Annotated[Player, Depends(_locked_player)]
"""The caller's row, locked until the transaction ends: for use cases that compute
the player's new state from the old (workouts)."""
