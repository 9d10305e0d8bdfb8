"""Every text the bot sends, in the player's language, as Telegram HTML.

Values are escaped here, in one place, before they meet the catalogue's markup:
a player called `<b>Tom & Jerry</b>` is shown as such, never as bold text.
"""

import html
import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup, WebAppInfo

from bodyweight import i18n

# What Telegram allows in a /start or startapp payload.
PAYLOAD = re.compile(r"[A-Za-z0-9_-]{1,64}")


def locale(code: str | None) -> i18n.Locale:
    return i18n.locale_of(code) or i18n.DEFAULT_LOCALE


def say(lang: i18n.Locale, key: str, params: Mapping[str, Any] | None = None) -> str:
    """The catalogue's text with every string value HTML-escaped."""
    safe = {name: html.escape(value) if isinstance(value, str) else value for name, value in (params or {}).items()}
    return i18n.text(lang, key, safe)


def notice(kind: str, lang: i18n.Locale, name: str, params: Mapping[str, Any]) -> str:
    """An outbox message: a reminder, a streak notice, or one of notify()'s kinds."""
    return say(lang, f"messages.{kind}", {**params, "name": name})


def app_url(base: str, start_param: str | None = None) -> str | None:
    """The Mini App's address, carrying a /start payload (an invite) as `startapp`."""
    if not base:
        return None
    if start_param is None or not PAYLOAD.fullmatch(start_param):
        return base
    return f"{base}{'&' if '?' in base else '?'}{urlencode({'startapp': start_param})}"


def open_app_button(lang: i18n.Locale, url: str | None) -> InlineKeyboardMarkup | None:
    if url is None:
        return None
    button = InlineKeyboardButton(text=i18n.text(lang, "bot.open_app"), web_app=WebAppInfo(url=url))
    return InlineKeyboardMarkup(inline_keyboard=[[button]])


def language_choice() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        inline_keyboard=[
            [
                InlineKeyboardButton(text="Русский", callback_data="lang:ru"),
                InlineKeyboardButton(text="English", callback_data="lang:en"),
            ]
        ]
    )
