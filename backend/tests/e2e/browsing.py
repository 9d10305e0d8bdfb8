"""What the browser tests do to pages: sign in, launch from Telegram, take pictures."""

import hashlib
import hmac
import json
import time
from pathlib import Path
from urllib.parse import urlencode

from playwright.sync_api import Page

from bodyweight.config import BACKEND_DIR
from support.api import BOT_TOKEN, Player

SCREENSHOTS = BACKEND_DIR.parent / "test-results" / "screenshots"
TOKEN_KEY = "bodyweight.token"  # where static/app/token.js keeps the bearer token


def screenshot(page: Page, name: str) -> Path:
    """What the screen shows now (sticky bars stay where they are, as on the device)."""
    path = SCREENSHOTS / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=path, animations="disabled")
    return path


def sign_in(page: Page, address: str, player: Player) -> None:
    """Hand the browser the player's token, as the sign-in page would have."""
    page.goto(f"{address}/healthz")
    page.evaluate("([key, token]) => localStorage.setItem(key, token)", [TOKEN_KEY, player.token])


def stored_token(page: Page) -> str | None:
    return page.evaluate("key => localStorage.getItem(key)", TOKEN_KEY)


def fits_the_screen(page: Page) -> bool:
    """Nothing sticks out sideways: the page never scrolls horizontally."""
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def telegram_init_data(telegram_id: int, username: str, first_name: str, bot_token: str = BOT_TOKEN) -> str:
    """initData signed the way Telegram signs a Mini App launch, with `bot_token`.

    https://core.telegram.org/bots/webapps#validating-data-received-via-the-mini-app
    """
    fields = {
        "auth_date": str(int(time.time())),
        "query_id": f"AAE{telegram_id}",
        "user": json.dumps({"id": telegram_id, "first_name": first_name, "username": username},
                           separators=(",", ":")),
    }
    data_check_string = "\n".join(f"{key}={value}" for key, value in sorted(fields.items()))
    secret_key = hmac.new(b"WebAppData", bot_token.encode(), hashlib.sha256).digest()
    fields["hash"] = hmac.new(secret_key, data_check_string.encode(), hashlib.sha256).hexdigest()
    return urlencode(fields)


def as_telegram_sdk(init_data: str) -> str:
    """A script that plays Telegram's telegram-web-app.js for the page."""
    web_app = f"{{initData: {json.dumps(init_data)}, ready() {{ window.telegramReady = true; }}, expand() {{}}}}"
    return f"window.Telegram = {{WebApp: {web_app}}};"
