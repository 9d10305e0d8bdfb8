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
TOKEN_KEY = "bodyweight.token"  # where the app (frontend/src/state/storage.ts) keeps the bearer token
DRAFT_KEY = "bodyweight.workout"  # ...and the workout in progress


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


def telegram_init_data(
    telegram_id: int, username: str, first_name: str, bot_token: str = BOT_TOKEN, language_code: str = "en"
) -> str:
    """initData signed the way Telegram signs a Mini App launch, with `bot_token`.

    https://core.telegram.org/bots/webapps#validating-data-received-via-the-mini-app
    """
    fields = {
        "auth_date": str(int(time.time())),
        "query_id": f"AAE{telegram_id}",
        "user": json.dumps(
            {"id": telegram_id, "first_name": first_name, "username": username, "language_code": language_code},
            separators=(",", ":"),
            ensure_ascii=False,
        ),
    }
    data_check_string = "\n".join(f"{key}={value}" for key, value in sorted(fields.items()))
    secret_key = hmac.new(b"WebAppData", bot_token.encode(), hashlib.sha256).digest()
    fields["hash"] = hmac.new(secret_key, data_check_string.encode(), hashlib.sha256).hexdigest()
    return urlencode(fields)


def as_telegram_sdk(init_data: str) -> str:
    """A script that plays Telegram's telegram-web-app.js for the page, recording
    what the app asks of Telegram in window.telegramCalls."""
    return """
    (() => {
      const calls = window.telegramCalls = [];
      const button = (name) => {
        const handlers = [];
        return {
          handlers,
          setText: (text) => { calls.push(`${name}.setText:${text}`); button[name + "Text"] = text; },
          show: () => calls.push(`${name}.show`), hide: () => calls.push(`${name}.hide`),
          enable: () => {}, disable: () => {}, showProgress: () => {}, hideProgress: () => {},
          onClick: (h) => handlers.push(h),
          offClick: (h) => { const i = handlers.indexOf(h); if (i >= 0) handlers.splice(i, 1); },
        };
      };
      window.Telegram = { WebApp: {
        initData: __INIT_DATA__,
        themeParams: { bg_color: "#102030" },
        viewportStableHeight: 700,
        BackButton: button("BackButton"),
        MainButton: button("MainButton"),
        HapticFeedback: { notificationOccurred: (kind) => calls.push(`haptic:${kind}`) },
        ready: () => { window.telegramReady = true; calls.push("ready"); },
        expand: () => calls.push("expand"),
        onEvent: () => {},
      } };
    })();
    """.replace("__INIT_DATA__", json.dumps(init_data))


def press_telegram_button(page: Page, name: str) -> None:
    """What a tap on Telegram's BackButton or MainButton does: call the app's handlers."""
    page.evaluate("name => window.Telegram.WebApp[name].handlers.forEach(h => h())", name)


def visible_text(page: Page) -> str:
    """The page's text without what the server wrote (exercise names), as a player reads it."""
    return page.evaluate("""() => {
      const copy = document.body.cloneNode(true);
      copy.querySelectorAll("[data-from-server], script, style").forEach(e => e.remove());
      return copy.innerText;
    }""")


def buttons_smaller_than(page: Page, size: int = 44) -> list[str]:
    """Visible buttons and links styled as buttons that are smaller than a fingertip."""
    return page.evaluate(
        """size => [...document.querySelectorAll(
        "button, a.button, .tabbar a, input, [role=tab]")]
      .filter(e => e.offsetParent !== null)
      .map(e => [e, e.getBoundingClientRect()])
      .filter(([, r]) => r.width < size || r.height < size)
      .map(([e, r]) => `${e.outerHTML.slice(0, 80)} ${Math.round(r.width)}x${Math.round(r.height)}`)""",
        size,
    )


# Every element that shows text of its own, with its computed size and colours; the
# background is the first opaque one up the tree (the page's if none).
_TEXTS = """() => {
  const rgba = (css) => (css.match(/[\\d.]+/g) || []).map(Number);
  const background = (element) => {
    for (let e = element; e; e = e.parentElement) {
      const [r, g, b, a = 1] = rgba(getComputedStyle(e).backgroundColor);
      if (a >= 0.99) return [r, g, b];
    }
    return [255, 255, 255];
  };
  return [...document.querySelectorAll("body *")]
    .filter((e) => e.offsetParent !== null && getComputedStyle(e).visibility === "visible")
    .filter((e) => [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()))
    .map((e) => ({
      text: e.textContent.trim().slice(0, 40),
      size: parseFloat(getComputedStyle(e).fontSize),
      color: rgba(getComputedStyle(e).color),
      background: background(e),
      disabled: e.closest("button:disabled, [aria-disabled=true]") !== null,
    }));
}"""


def _luminance(rgb: list[float]) -> float:
    def channel(value: float) -> float:
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(foreground: list[float], background: list[float]) -> float:
    """WCAG 2 contrast ratio of two sRGB colours (1 to 21)."""
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def hard_to_read(page: Page, min_px: float = 12, min_contrast: float = 4.5) -> list[str]:
    """Visible text smaller than `min_px` or with less than `min_contrast` against its
    background (disabled controls excepted, as WCAG excepts them)."""
    problems = []
    for text in page.evaluate(_TEXTS):
        ratio = contrast(text["color"], text["background"])
        if text["size"] < min_px:
            problems.append(f"{text['text']!r}: {text['size']} px")
        if ratio < min_contrast and not text["disabled"]:
            problems.append(f"{text['text']!r}: contrast {ratio:.2f}")
    return problems


def earned_achievements(client, player: Player) -> dict[str, int]:
    """slug -> coins of every achievement the player has earned (some depend on the
    time of day the test runs at, so tests read them rather than guess)."""
    listed = client.get("/api/achievements", headers=player.headers)
    assert listed.status_code == 200, listed.text
    return {a["slug"]: a["reward_coins"] for a in listed.json() if a["earned_at"]}
