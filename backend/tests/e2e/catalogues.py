"""The app's message catalogues (frontend/src/i18n/*.ts), read for the browser tests:
what English text could leak into a Russian screen."""

import re
from functools import cache

from bodyweight.config import BACKEND_DIR

I18N = BACKEND_DIR.parent / "frontend" / "src" / "i18n"
ENTRY = re.compile(r'^\s*"([\w.-]+)":\s*(.+?),?\s*$', re.MULTILINE)
TEXT = re.compile(r'"((?:[^"\\]|\\.)*)"')
PLACEHOLDER = re.compile(r"\{\w+\}")


@cache
def catalogue(language: str) -> dict[str, list[str]]:
    """key -> its texts (one, or one per plural form)."""
    source = (I18N / f"{language}.ts").read_text(encoding="utf-8")
    entries = {}
    for key, value in ENTRY.findall(source):
        entries[key] = TEXT.findall(value)
    return entries


def english_only_fragments() -> set[str]:
    """Pieces of English texts (between placeholders) that the Russian catalogue does not share."""
    russian = {text for texts in catalogue("ru").values() for text in texts}
    fragments = set()
    for texts in catalogue("en").values():
        for text in texts:
            if text in russian:
                continue  # the same in both languages (the app's name, language names)
            for piece in PLACEHOLDER.split(text):
                piece = piece.strip(" .,:;!?()+·—-")
                if len(re.findall(r"[A-Za-z]", piece)) >= 3 and piece not in russian:
                    fragments.add(piece)
    return fragments


def english_on(text: str) -> list[str]:
    """The English-only catalogue fragments that appear, as words, in `text`."""
    return sorted(f for f in english_only_fragments() if re.search(rf"(?<!\w){re.escape(f)}(?!\w)", text))
