"""The server's own texts in Russian and English: error messages, names it sends.

Each language is one TOML catalogue beside this file, with the same keys and the
same placeholders (a test holds them to that). A placeholder may name a noun
for its number, `{price:coins}`, which renders as "5 монет" / "5 coins" by the
CLDR plural rules of the language, or a table that words a code, as
`{reason:workout_time}` does.

Clients get codes and parameters too, and may render their own text; the message
is for those that don't.
"""

import string
import tomllib
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import Any, Literal, get_args

Locale = Literal["ru", "en"]
LOCALES: tuple[Locale, ...] = get_args(Locale)
# For a caller that states no language at all (scripts, curl): every browser and
# Telegram client states one, so players get theirs.
DEFAULT_LOCALE: Locale = "en"

CATALOGUE_DIR = Path(__file__).resolve().parent


def _russian_plural(n: int) -> str:
    """CLDR plural category of an integer in Russian."""
    n = abs(n)
    if n % 10 == 1 and n % 100 != 11:
        return "one"
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return "few"
    return "many"


def _english_plural(n: int) -> str:
    return "one" if n == 1 else "other"


PLURAL_RULES: dict[Locale, Callable[[int], str]] = {"ru": _russian_plural, "en": _english_plural}


@cache
def catalogue(locale: Locale) -> dict[str, Any]:
    with (CATALOGUE_DIR / f"{locale}.toml").open("rb") as file:
        return tomllib.load(file)


class _Formatter(string.Formatter):
    """str.format, where a format spec naming a noun puts the number before the
    noun in its plural form, and one naming a table words the value from it."""

    def __init__(self, locale: Locale) -> None:
        self.tables: dict[str, Any] = catalogue(locale)
        self.nouns: dict[str, dict[str, str]] = self.tables.get("nouns", {})
        self.plural = PLURAL_RULES[locale]

    def format_field(self, value: Any, format_spec: str) -> str:
        forms = self.nouns.get(format_spec)
        if forms is not None and isinstance(value, int):
            return f"{value} {forms[self.plural(value)]}"
        table = self.tables.get(format_spec)
        if isinstance(table, dict):
            return str(table.get(value, value))
        return str(super().format_field(value, format_spec))


@cache
def _formatter(locale: Locale) -> _Formatter:
    return _Formatter(locale)


def text(locale: Locale, key: str, params: Mapping[str, Any] | None = None) -> str:
    """The text under a dotted `key` ("errors.level_too_low"), with `params`
    filled in; the key itself when the catalogue has no such text."""
    node: Any = catalogue(locale)
    for part in key.split("."):
        if not isinstance(node, dict) or part not in node:
            return key
        node = node[part]
    if not isinstance(node, str):
        return key
    try:
        return _formatter(locale).vformat(node, (), dict(params or {}))
    except (KeyError, IndexError, ValueError):
        return node


def negotiate(accept_language: str | None) -> Locale:
    """The best of our languages for an `Accept-Language` header (RFC 9110 weights)."""
    best: tuple[float, Locale] | None = None
    for position, item in enumerate((accept_language or "").split(",")[:20]):
        tag, _, weight = item.strip().partition(";q=")
        language = tag.split("-")[0].strip().lower()
        try:
            quality = float(weight) if weight else 1.0
        except ValueError:
            continue
        if language in LOCALES and quality > 0:
            candidate = (quality - position * 1e-6, language)
            if best is None or candidate > best:
                best = candidate
    return best[1] if best else DEFAULT_LOCALE


def locale_of(code: str | None) -> Locale | None:
    """Our locale for a language code such as Telegram's `language_code` ("ru", "en-GB")."""
    language = (code or "").split("-")[0].strip().lower()
    return language if language in LOCALES else None
