"""The request body limit: larger bodies are refused with 413 in the error shape
before anything reads or parses them (MAX_BODY_BYTES, default 64 KiB)."""

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bodyweight.errors import PayloadTooLarge, render


class BodyTooLarge(HTTPException):
    """Raised from `receive` when a body without a (truthful) Content-Length grows
    past the limit: FastAPI passes HTTP exceptions from body reading through to
    the handlers, which render it as `payload_too_large`."""

    def __init__(self) -> None:
        super().__init__(413)


class BodyLimit:
    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.max_bytes:
            # Answered at once; the connection closes, so the body is never read.
            response = render(Request(scope), PayloadTooLarge(limit=self.max_bytes), {"Connection": "close"})
            await response(scope, receive, send)
            return
        received = 0

        async def receive_within_limit() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge()
            return message

        await self.app(scope, receive_within_limit, send)
