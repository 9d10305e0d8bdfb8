"""uvicorn's httptools protocol with the two limits it lacks.

- Header size: uvicorn's `h11_max_incomplete_event_size` binds only its h11
  parser; with httptools (the faster one, which `uvicorn[standard]` brings) any
  header size is accepted and kept in memory. Here the request line and headers
  are counted as they arrive, and past `MAX_HEADER_BYTES` the request is answered
  431 in the API's error shape and the connection closed.
- Read time: uvicorn times out idle keep-alive connections but never a client
  that sends its request slowly (a byte every few seconds holds a connection for
  ever). Here each request must arrive whole within the read timeout, counted
  from its first byte, or from the connection's start for the first request;
  otherwise the connection is closed (408 when no part of the request reached the
  app yet).
"""

import asyncio
import json
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from bodyweight import i18n
from bodyweight.errors import HeadersTooLarge, RequestTimeout, error_body

MAX_HEADER_BYTES = 16 * 1024
READ_TIMEOUT_S = 30.0


def _error_response(status_line: bytes, body: dict[str, Any]) -> bytes:
    content = json.dumps(body).encode()
    return b"".join(
        [
            status_line,
            b"content-type: application/json\r\n",
            b"x-content-type-options: nosniff\r\n",
            b"content-length: " + str(len(content)).encode() + b"\r\n",
            b"connection: close\r\n\r\n",
            content,
        ]
    )


class _HeadersTooLargeSignal(Exception):
    """Raised inside a parser callback: httptools then stops parsing."""


class BoundedHttpToolsProtocol(HttpToolsProtocol):
    def __init__(
        self,
        *args: Any,
        max_header_bytes: int = MAX_HEADER_BYTES,
        read_timeout: float = READ_TIMEOUT_S,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.max_header_bytes = max_header_bytes
        self.read_timeout = read_timeout
        self._header_bytes = 0
        self._headers_too_large = False
        self._reading = False  # a request has begun and not yet fully arrived
        self._read_deadline: asyncio.TimerHandle | None = None

    # Read time ---------------------------------------------------------------

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm_read_deadline()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm_read_deadline()
        super().connection_lost(exc)

    def _arm_read_deadline(self) -> None:
        self._disarm_read_deadline()
        self._read_deadline = self.loop.call_later(self.read_timeout, self._read_timed_out)

    def _disarm_read_deadline(self) -> None:
        if self._read_deadline is not None:
            self._read_deadline.cancel()
            self._read_deadline = None

    def _read_timed_out(self) -> None:
        self._read_deadline = None
        if self.transport.is_closing():
            return
        app_has_it = self.cycle is not None and not self.cycle.response_complete
        if self._reading and not app_has_it:
            error = RequestTimeout(seconds=self.read_timeout)
            locale = i18n.negotiate(dict(self.headers or []).get(b"accept-language", b"").decode("latin-1"))
            body = error_body(error.code, error.message(locale), error.params)
            self.transport.write(_error_response(b"HTTP/1.1 408 Request Timeout\r\n", body))
        self.transport.close()

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._header_bytes = 0
        self._reading = True
        if self._read_deadline is None:  # a pipelined request: its own allowance
            self._arm_read_deadline()

    def on_message_complete(self) -> None:
        self._reading = False
        self._disarm_read_deadline()
        super().on_message_complete()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        # Idle keep-alive connections are uvicorn's own timeout's business.
        self._disarm_read_deadline()

    # Header size -------------------------------------------------------------

    def _count(self, size: int) -> None:
        self._header_bytes += size
        if self._header_bytes > self.max_header_bytes:
            self._headers_too_large = True
            raise _HeadersTooLargeSignal()

    def on_url(self, url: bytes) -> None:
        self._count(len(url))
        super().on_url(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        self._count(len(name) + len(value) + 4)
        super().on_header(name, value)

    def send_400_response(self, msg: str) -> None:
        if not self._headers_too_large:
            super().send_400_response(msg)
            return
        error = HeadersTooLarge(limit=self.max_header_bytes)
        body = error_body(error.code, error.message(), error.params)
        self.transport.write(_error_response(b"HTTP/1.1 431 Request Header Fields Too Large\r\n", body))
        self.transport.close()
