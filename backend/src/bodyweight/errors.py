"""Domain errors carry their HTTP status, a stable code and the parameters a client
needs to say it in its own words; one set of handlers renders every failure as
`{"error": {"code", "message", "params", "request_id"}}`, the message in the
caller's language (Accept-Language)."""

import logging
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, ClassVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import BaseRoute, Match

from bodyweight import i18n

log = logging.getLogger("bodyweight.errors")


class DomainError(Exception):
    """A refusal the API documents. Subclasses set the status and code; the
    parameters are keyword arguments, part of the contract like the code."""

    status_code: ClassVar[int] = 400
    code: ClassVar[str] = "bad_request"

    def __init__(self, **params: Any) -> None:
        super().__init__(self.code, params)
        self.params = params

    def response_headers(self) -> dict[str, str]:
        """Headers the refusal needs beyond the body (Retry-After, ...)."""
        return {}

    def message(self, locale: i18n.Locale = "en") -> str:
        return i18n.text(locale, f"errors.{self.code}", self.params)

    def __str__(self) -> str:
        return self.message()


class NotAuthenticated(DomainError):
    """`reason`: not_signed_in (no valid token), or expired (sign in again)."""

    status_code, code = 401, "not_authenticated"

    def __init__(self, reason: str = "not_signed_in") -> None:
        super().__init__(reason=reason)


class AccountSuspended(DomainError):
    """An operator banned the player (`bodyweight users ban`): every request and
    sign-in is refused until the ban is lifted. The operator's reason stays private."""

    status_code, code = 403, "account_suspended"


SIGNED_IN = (NotAuthenticated, AccountSuspended)
"""What any route that needs a signed-in player may answer, for `responses()`."""


class SchemaNotAtHead(DomainError):
    status_code, code = 503, "schema_not_at_head"


class SchemaMismatch(DomainError):
    """The live tables or columns differ from what the stamped revision builds:
    `revision`, and `differences` in words (see dbops.conformance)."""

    status_code, code = 503, "schema_mismatch"


class DatabaseUnavailable(DomainError):
    """The database cannot be reached, or is too busy to answer in time."""

    status_code, code = 503, "database_unavailable"

    def response_headers(self) -> dict[str, str]:
        return {"Retry-After": "1"}


class PayloadTooLarge(DomainError):
    status_code, code = 413, "payload_too_large"

    def __init__(self, limit: int) -> None:
        super().__init__(limit=limit)


class HeadersTooLarge(DomainError):
    status_code, code = 431, "headers_too_large"

    def __init__(self, limit: int) -> None:
        super().__init__(limit=limit)


class RequestTimeout(DomainError):
    """The client took longer than the read timeout to send its request."""

    status_code, code = 408, "request_timeout"

    def __init__(self, seconds: float) -> None:
        super().__init__(seconds=seconds)


class _RetryLater(DomainError):
    """A refusal that names when to try again: `retry_after` seconds, also sent
    as the Retry-After header."""

    status_code = 429

    def __init__(self, retry_after: int) -> None:
        super().__init__(retry_after=max(1, retry_after))

    def response_headers(self) -> dict[str, str]:
        return {"Retry-After": str(self.params["retry_after"])}


class TooManyRequests(_RetryLater):
    """The caller already has as many writes in flight as one player may."""

    code = "too_many_requests"


class RateLimited(_RetryLater):
    """Too many sign-in attempts for this account or from this address."""

    code = "rate_limited"


class ValidationFailed(DomainError):
    status_code, code = 422, "validation_error"


# --- OpenAPI ------------------------------------------------------------------


class ErrorDetail(BaseModel):
    code: str = Field(description="Stable, snake_case; what a client switches on")
    message: str = Field(description="For people, in the language of Accept-Language")
    params: dict[str, Any] = Field(description="What the code needs to be said in any language")
    request_id: str | None = Field(None, description="Quote it when reporting a problem")


class ErrorResponse(BaseModel):
    error: ErrorDetail


def responses(*errors: type[DomainError], validation: bool = True) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses=` for a route: each status with the codes it can carry."""
    by_status: dict[int, list[str]] = {}
    for error in errors:
        by_status.setdefault(error.status_code, []).append(error.code)
    if validation:
        by_status.setdefault(422, []).append(ValidationFailed.code)
    return {
        status: {
            "model": ErrorResponse,
            "description": "Error codes: " + ", ".join(f"`{code}`" for code in codes),
        }
        for status, codes in sorted(by_status.items())
    }


# --- Rendering ----------------------------------------------------------------


def error_body(
    code: str, message: str, params: Mapping[str, Any] | None = None, request_id: str | None = None
) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "params": dict(params or {}), "request_id": request_id}}


def request_locale(request: Request) -> i18n.Locale:
    return i18n.negotiate(request.headers.get("accept-language"))


def render(request: Request, error: DomainError, headers: Mapping[str, str] | None = None) -> JSONResponse:
    headers = {**error.response_headers(), **(headers or {})}
    if error.status_code == 401:
        headers = {"WWW-Authenticate": "Bearer", **headers}
    body = error_body(
        error.code,
        error.message(request_locale(request)),
        error.params,
        getattr(request.state, "request_id", None),
    )
    return JSONResponse(body, status_code=error.status_code, headers=headers)


# Pydantic's error types, grouped into the few problems a client needs to tell apart.
_PROBLEMS = {
    "missing": "missing",
    "greater_than": "too_small",
    "greater_than_equal": "too_small",
    "less_than": "too_large",
    "less_than_equal": "too_large",
    "too_short": "too_short",
    "string_too_short": "too_short",
    "too_long": "too_long",
    "string_too_long": "too_long",
    "string_pattern_mismatch": "invalid_format",
    "timezone_aware": "invalid_format",
    "extra_forbidden": "unexpected",
    "json_invalid": "invalid_json",
}
_LIMIT_KEYS = ("ge", "gt", "le", "lt", "min_length", "max_length")
MAX_REPORTED_ERRORS = 20
# A field name is echoed back; a crafted key of thousands of characters is not.
MAX_FIELD_CHARS = 100


def _problem(error: Mapping[str, Any]) -> dict[str, Any]:
    kind = str(error.get("type", ""))
    problem = _PROBLEMS.get(kind) or ("wrong_type" if kind.endswith(("_type", "_parsing")) else "invalid")
    location = [str(part) for part in error.get("loc", ())]
    if location and location[0] in ("body", "query", "path", "header"):
        location = location[1:]
    found: dict[str, Any] = {"field": ".".join(location)[:MAX_FIELD_CHARS], "problem": problem}
    context = error.get("ctx") or {}
    for key in _LIMIT_KEYS:
        if isinstance(context.get(key), int | float):
            found["limit"] = context[key]
            break
    return found


def validation_error(errors: Sequence[Mapping[str, Any]]) -> ValidationFailed:
    """At most MAX_REPORTED_ERRORS problems, so a huge bad body gets a small reply."""
    reported = [_problem(error) for error in errors[:MAX_REPORTED_ERRORS]]
    first = reported[0] if reported else {"field": "", "problem": "invalid"}
    return ValidationFailed(errors=reported, field=first["field"], problem=first["problem"], count=len(errors))


def _every_route(routes: Iterable[BaseRoute]) -> Iterator[BaseRoute]:
    for route in routes:
        included = getattr(route, "original_router", None)  # FastAPI's included routers
        yield from _every_route(included.routes) if included is not None else (route,)


def _allowed_methods(request: Request) -> list[str]:
    """Every method some route serves at this path (RFC 9110: the Allow header lists all)."""
    methods: set[str] = set()
    for route in _every_route(request.app.router.routes):
        match, _ = route.matches({**request.scope, "method": "\0"})
        if match is Match.PARTIAL:
            methods |= set(getattr(route, "methods", None) or ())
    return sorted(methods)


class _HttpFailure(DomainError):
    """Starlette's own refusals (no such route, wrong method), in our shape."""

    def __init__(self, status_code: int, code: str, **params: Any) -> None:
        super().__init__(**params)
        # The one error whose status and code vary per instance (Starlette's refusals).
        self.status_code, self.code = status_code, code  # type: ignore[misc]


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(DomainError)
    async def _domain(request: Request, exc: DomainError) -> JSONResponse:
        return render(request, exc)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        return render(request, validation_error(exc.errors()))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 400:  # FastAPI could not decode the body at all
            return render(request, validation_error([{"type": "json_invalid", "loc": ("body",)}]))
        if exc.status_code == 405:
            allowed = _allowed_methods(request)
            return render(
                request, _HttpFailure(405, "method_not_allowed", allowed=allowed), headers={"Allow": ", ".join(allowed)}
            )
        if exc.status_code == 413:
            return render(request, PayloadTooLarge(limit=request.app.state.settings.max_body_bytes))
        code = {404: "not_found"}.get(exc.status_code, "http_error")
        return render(request, _HttpFailure(exc.status_code, code), headers=exc.headers)

    # The drivers raise OSError (refused, reset) when they cannot reach the server
    # at all; SQLAlchemy wraps what goes wrong on a connection it already had.
    @app.exception_handler(OSError)
    @app.exception_handler(PoolTimeout)
    @app.exception_handler(DBAPIError)
    async def _database(request: Request, exc: Exception) -> JSONResponse:
        if (
            isinstance(exc, DBAPIError)
            and not exc.connection_invalidated
            and not _is_connection_error(exc)
            and not _is_busy(exc)
        ):
            raise exc  # a bug, not an outage: the catch-all below answers it
        log.warning("database unavailable", extra={"error": type(exc).__name__, "detail": str(exc)[:200]})
        return render(request, DatabaseUnavailable())

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        # Rendered outside the request-id middleware: the id goes on here.
        request_id = getattr(request.state, "request_id", None)
        log.error("unexpected failure", exc_info=exc, extra={"request_id": request_id})
        headers = {"X-Request-ID": request_id} if request_id else None
        return render(request, _HttpFailure(500, "internal_error"), headers=headers)


# PostgreSQL: lock_timeout (55P03), statement_timeout or cancel (57014), a
# deadlock (40P01), the server shutting down or starting (57P01..57P03).
_BUSY_SQLSTATES = {"55P03", "57014", "40P01", "57P01", "57P02", "57P03"}


def _is_busy(exc: DBAPIError) -> bool:
    """The database is there but could not serve in time: a lock or statement
    timeout, SQLite still locked after its busy timeout. Worth a retry, not a 500."""
    orig = exc.orig
    sqlstate = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
    if sqlstate in _BUSY_SQLSTATES:
        return True
    message = str(orig).lower()
    return "database is locked" in message or "database table is locked" in message


def _is_connection_error(exc: DBAPIError) -> bool:
    """The driver could not reach the server (refused, reset, shutting down)."""
    return isinstance(exc.orig, OSError | ConnectionError) or "connect" in type(exc.orig).__name__.lower()
