"""Versioned URLs for the web app's stylesheet and scripts.

A file's URL carries a digest of its content, so an upgraded server never has a
browser run yesterday's JavaScript. Modules import each other by relative path
("./api.js"); the page's import map sends each of those to its versioned URL too.
"""

import base64
import hashlib
import json
from functools import lru_cache
from pathlib import Path

STATIC_DIR = Path(__file__).resolve().parents[1] / "static"
APP_DIR = STATIC_DIR / "app"


@lru_cache(maxsize=256)
def _digest(path: Path, modified_ns: int) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def asset_url(relative_path: str) -> str:
    """`/static/<relative_path>?v=<digest>`; the digest follows edits without a restart."""
    path = STATIC_DIR / relative_path
    return f"/static/{relative_path}?v={_digest(path, path.stat().st_mtime_ns)}"


def import_map() -> str:
    """The JSON of an import map from every module's plain URL to its versioned one."""
    modules = sorted(p.relative_to(STATIC_DIR).as_posix() for p in APP_DIR.rglob("*.js"))
    return json.dumps({"imports": {f"/static/{m}": asset_url(m) for m in modules}})


def script_hash(script: str) -> str:
    """The CSP source that allows exactly this inline script."""
    digest = hashlib.sha256(script.encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"
