"""A stand-in for Telegram's Bot API: a small real HTTP server on 127.0.0.1.

It answers the methods the bot uses, records every call it answers, and can be
told to refuse: `script(...)` queues answers (403, 429 with retry_after, 500)
for the next calls, `block(chat_id)` answers 403 for one chat for good, and
`hold_after(n)` keeps every call after the n-th answered one waiting unanswered
and unrecorded, as if the network held it (for killing a sender mid-batch).
"""

import json
import threading
import time
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    status: int
    at: float = field(default_factory=time.monotonic)

    @property
    def text(self) -> str:
        return str(self.params.get("text", ""))

    @property
    def chat_id(self) -> int:
        return int(self.params["chat_id"])

    @property
    def markup(self) -> dict[str, Any]:
        raw = self.params.get("reply_markup")
        return json.loads(raw) if isinstance(raw, str) else (raw or {})


def _form(content_type: str, body: bytes) -> dict[str, Any]:
    if content_type.startswith("application/json"):
        return json.loads(body or b"{}")
    if content_type.startswith("multipart/form-data"):
        message = BytesParser(policy=HTTP).parsebytes(f"Content-Type: {content_type}\r\n\r\n".encode() + body)
        return {
            part.get_param("name", header="content-disposition"): part.get_content() for part in message.iter_parts()
        }
    return dict(parse_qsl(body.decode()))


class FakeTelegram:
    def __init__(self, token: str) -> None:
        self.token = token
        self.calls: list[Call] = []
        self.lock = threading.Lock()
        self.scripted: list[tuple[int, dict[str, Any]]] = []
        self.blocked: set[int] = set()
        self.held = 0
        self._hold_after: int | None = None
        self._release = threading.Event()
        self._message_id = 0
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> "FakeTelegram":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._release.set()
        self.server.shutdown()
        self.server.server_close()

    # --- what the test arranges -------------------------------------------------

    def script(self, *answers: int | tuple[int, dict[str, Any]]) -> None:
        """Answers for the next sendMessage calls: 403, 500, or (429, {"retry_after": 1})."""
        with self.lock:
            for answer in answers:
                self.scripted.append(answer if isinstance(answer, tuple) else (answer, {}))

    def block(self, chat_id: int) -> None:
        self.blocked.add(chat_id)

    def hold_after(self, answered: int) -> None:
        self._hold_after = answered

    def release(self) -> None:
        self._hold_after = None
        self._release.set()

    # --- what the test checks ------------------------------------------------------

    def sent(self, chat_id: int | None = None) -> list[Call]:
        """Messages delivered (answered with ok)."""
        with self.lock:
            return [
                c
                for c in self.calls
                if c.method == "sendMessage" and c.status == 200 and (chat_id is None or c.chat_id == chat_id)
            ]

    def attempts(self) -> list[Call]:
        with self.lock:
            return [c for c in self.calls if c.method == "sendMessage"]

    # --- the server ------------------------------------------------------------------

    def _answer(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        with self.lock:
            status, extra = (200, {})
            if method == "sendMessage":
                if int(params.get("chat_id", 0)) in self.blocked:
                    status = 403
                elif self.scripted:
                    status, extra = self.scripted.pop(0)
            call = Call(method, params, status)
            self.calls.append(call)
            if status == 403:
                return 403, {"ok": False, "error_code": 403, "description": "Forbidden: bot was blocked by the user"}
            if status == 429:
                retry = extra.get("retry_after", 1)
                return 429, {
                    "ok": False,
                    "error_code": 429,
                    "description": f"Too Many Requests: retry after {retry}",
                    "parameters": {"retry_after": retry},
                }
            if status >= 500:
                return status, {"ok": False, "error_code": status, "description": "Internal Server Error"}
            if method == "sendMessage":
                self._message_id += 1
                chat = {"id": int(params["chat_id"]), "type": "private", "first_name": "Player"}
                return 200, {
                    "ok": True,
                    "result": {
                        "message_id": self._message_id,
                        "date": int(time.time()),
                        "chat": chat,
                        "text": params.get("text", ""),
                    },
                }
            if method == "getMe":
                bot = {"id": 42, "is_bot": True, "first_name": "BodyWeight", "username": "bodyweight_test_bot"}
                return 200, {"ok": True, "result": bot}
            return 200, {"ok": True, "result": True}

    def _should_hold(self) -> bool:
        with self.lock:
            answered = sum(1 for c in self.calls if c.method == "sendMessage")
            if self._hold_after is not None and answered >= self._hold_after:
                self.held += 1
                return True
            return False

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802 (the standard library's name)
                prefix = f"/bot{fake.token}/"
                if not self.path.startswith(prefix):
                    self._reply(404, {"ok": False, "error_code": 404, "description": "Not Found"})
                    return
                method = self.path[len(prefix) :]
                length = int(self.headers.get("Content-Length") or 0)
                params = _form(self.headers.get("Content-Type", ""), self.rfile.read(length))
                if method == "sendMessage" and fake._should_hold():
                    fake._release.wait(60)
                    self.close_connection = True
                    return  # never answered, never recorded: the request "did not arrive"
                status, body = fake._answer(method, params)
                self._reply(status, body)

            do_GET = do_POST  # noqa: N815

            def _reply(self, status: int, body: dict[str, Any]) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        return Handler
