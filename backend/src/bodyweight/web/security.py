"""Headers that keep the bearer token's page running only our own scripts, and the
ones every response carries."""

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Telegram's script may be loaded inside Telegram; nothing else comes from elsewhere.
TELEGRAM_SCRIPT_ORIGIN = "https://telegram.org"
# Telegram's web clients show a Mini App in a frame; nobody else may frame it.
TELEGRAM_FRAME_ANCESTORS = "https://web.telegram.org https://*.telegram.org"

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        f"script-src 'self' {TELEGRAM_SCRIPT_ORIGIN}",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        f"frame-ancestors 'self' {TELEGRAM_FRAME_ANCESTORS}",
    )
)


def page_headers() -> dict[str, str]:
    return {
        "Content-Security-Policy": CONTENT_SECURITY_POLICY,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
        # The page names the hashed assets of this build; revalidate it every time.
        "Cache-Control": "no-cache",
    }


# Browsers keep to HTTPS for a year once they have seen this over HTTPS.
HSTS = "max-age=31536000; includeSubDomains"


class SecurityHeaders:
    """Headers every response carries, API and pages alike: `nosniff` (a JSON reply
    is never run as a script or style), and HSTS when the operator says the site is
    served over HTTPS only (setting HTTPS)."""

    def __init__(self, app: ASGIApp, *, https: bool = False) -> None:
        self.app = app
        extra = [(b"x-content-type-options", b"nosniff")]
        if https:
            extra.append((b"strict-transport-security", HSTS.encode()))
        self.extra = extra

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = message.setdefault("headers", [])
                present = {name.lower() for name, _ in headers}
                headers.extend(header for header in self.extra if header[0] not in present)
            await send(message)

        await self.app(scope, receive, send_with_headers)
