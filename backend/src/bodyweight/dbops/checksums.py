"""Tamper evidence: the SHA-256 of every revision file, recorded when it is written.

A released revision must never change: databases that already ran it would differ
from databases that run the new text. The manifest is committed beside the
revisions; the tests, `bodyweight db check` and every migration run compare.
"""

import hashlib
import json
from pathlib import Path

from alembic.util import CommandError

from bodyweight.config import BACKEND_DIR

VERSIONS_DIR = BACKEND_DIR / "alembic" / "versions"
MANIFEST = BACKEND_DIR / "alembic" / "checksums.json"


class TamperedRevision(CommandError):
    pass


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# A revision may read data frozen beside it (the exercise catalogue's TOML): that
# data is part of the revision, and recorded the same way.
RECORDED_SUFFIXES = (".py", ".toml")


def current(versions_dir: Path = VERSIONS_DIR) -> dict[str, str]:
    return {
        path.name: digest(path)
        for path in sorted(versions_dir.iterdir())
        if path.is_file() and path.suffix in RECORDED_SUFFIXES
    }


def recorded(manifest: Path = MANIFEST) -> dict[str, str]:
    return json.loads(manifest.read_text()) if manifest.exists() else {}


def problems(versions_dir: Path = VERSIONS_DIR, manifest: Path = MANIFEST) -> list[str]:
    """Revision files that differ from, are missing from, or are absent in the manifest."""
    files, expected = current(versions_dir), recorded(manifest)
    found = [
        f"{name} was modified after it was recorded"
        for name in sorted(files.keys() & expected.keys())
        if files[name] != expected[name]
    ]
    found += [f"{name} is recorded but missing" for name in sorted(expected.keys() - files.keys())]
    found += [
        f"{name} is not recorded (run `bodyweight db checksums --update`)"
        for name in sorted(files.keys() - expected.keys())
    ]
    return found


def update(versions_dir: Path = VERSIONS_DIR, manifest: Path = MANIFEST) -> dict[str, str]:
    files = current(versions_dir)
    manifest.write_text(json.dumps(files, indent=2) + "\n")
    return files


def refuse_tampered_revisions() -> None:
    """Migrating with a modified released revision would build a different schema;
    refuse. (A new, unrecorded revision is allowed: it is being written.)"""
    modified = [p for p in problems() if "modified" in p or "missing" in p]
    if modified:
        raise TamperedRevision("; ".join(modified) + ". Restore the files from version control.")
