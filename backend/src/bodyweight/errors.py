"""Domain errors carry their HTTP status and error code; one handler renders them."""

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException


class DomainError(Exception):
    status_code: int = 400
    code: str = "bad_request"
    message: str = "The request cannot be processed."

    def __init__(self, message: str | None = None, **details) -> None:
        super().__init__(message or self.message)
        self.message = message or self.message
        self.details = details


class NotFound(DomainError):
    status_code, code, message = 404, "not_found", "Not found."


class NotAuthenticated(DomainError):
    status_code, code, message = 401, "not_authenticated", "Sign in first."


class SchemaNotAtHead(DomainError):
    status_code, code = 503, "schema_not_at_head"


class DatabaseUnavailable(DomainError):
    status_code, code, message = 503, "database_unavailable", "The database cannot be reached."


def responses(*errors: type[DomainError], validation: bool = True) -> dict[int | str, dict]:
    """OpenAPI `responses=` for a route: each status with the codes it can carry."""
    by_status: dict[int, list[str]] = {}
    for error in errors:
        by_status.setdefault(error.status_code, []).append(error.code)
    if validation:
        by_status.setdefault(422, []).append("validation_error")
    return {
        status: {
            "model": ErrorResponse,
            "description": "Error codes: " + ", ".join(f"`{code}`" for code in codes),
        }
        for status, codes in sorted(by_status.items())
    }


class ErrorDetail(BaseModel):
    code: str
    message: str


class ErrorResponse(BaseModel):
    error: ErrorDetail


def error_body(code: str, message: str, **details) -> dict:
    return {"error": {"code": code, "message": message, **details}}


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(DomainError)
    async def _domain(_: Request, exc: DomainError) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if exc.status_code == 401 else None
        return JSONResponse(
            error_body(exc.code, exc.message, **exc.details),
            status_code=exc.status_code,
            headers=headers,
        )

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [
            {"field": ".".join(str(p) for p in e["loc"]), "problem": e["msg"]}
            for e in exc.errors()
        ]
        message = "; ".join(f"{p['field']}: {p['problem']}" for p in problems)
        return JSONResponse(
            error_body("validation_error", message, fields=problems), status_code=422
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 400:  # FastAPI could not decode the body at all
            return JSONResponse(
                error_body("validation_error", "The request body is not valid JSON."), status_code=422
            )
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        return JSONResponse(
            error_body(code, str(exc.detail)), status_code=exc.status_code, headers=exc.headers
        )
