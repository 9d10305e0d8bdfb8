"""Headers that keep the bearer token's page running only our own scripts."""

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
