"""The front end's API types are generated from a committed snapshot of the OpenAPI
document; a server change must refresh it, so that `npm run build` type-checks the
client against the API it will really talk to."""

import json

from bodyweight.app import create_app
from bodyweight.config import BACKEND_DIR, Settings

SNAPSHOT = BACKEND_DIR.parent / "frontend" / "src" / "api" / "openapi.json"
REGENERATE = "npm --prefix frontend run api"


def test_the_front_ends_openapi_snapshot_matches_the_server():
    served = create_app(Settings(_env_file=None, database_url="sqlite://")).openapi()
    committed = json.loads(SNAPSHOT.read_text(encoding="utf-8"))

    changed = sorted(
        f"{method.upper()} {path}"
        for path in served["paths"].keys() | committed["paths"].keys()
        for method in (served["paths"].get(path, {}).keys() | committed["paths"].get(path, {}).keys())
        if served["paths"].get(path, {}).get(method) != committed["paths"].get(path, {}).get(method)
    )
    assert served == committed, (
        f"frontend/src/api/openapi.json is stale (changed: {', '.join(changed) or 'schemas'}). "
        f"Regenerate it with `{REGENERATE}`, then fix what `npm --prefix frontend run build` reports."
    )
