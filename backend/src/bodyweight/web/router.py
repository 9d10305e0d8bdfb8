"""The web app's pages: one HTML shell per page, filled by the scripts in
static/app from the JSON API with the player's bearer token.

The shells hold no player data and no game rules, so the pages and the API cannot
disagree: whatever a page shows, the API said.
"""

from pathlib import Path

import fontpkg
from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.templating import Jinja2Templates

from bodyweight.web.assets import asset_url, import_map, script_hash

TEMPLATES_DIR = Path(__file__).resolve().parents[1] / "templates"
PIXEL_FONT = "Press Start 2P"

# path -> template (and the script in static/app/pages/ that drives it)
PAGES = {
    "/": "home",
    "/signin": "signin",
    "/workout": "workout",
    "/shop": "shop",
    "/history": "history",
}

# Telegram's own script may be loaded inside Telegram; nothing else comes from elsewhere.
TELEGRAM_SCRIPT_ORIGIN = "https://telegram.org"

templates = Jinja2Templates(directory=TEMPLATES_DIR)
templates.env.globals["asset"] = asset_url

router = APIRouter(include_in_schema=False)


def security_headers(inline_script: str) -> dict[str, str]:
    """The bearer token lives in localStorage, so scripts are locked down to ours."""
    policy = "; ".join((
        "default-src 'self'",
        f"script-src 'self' {script_hash(inline_script)} {TELEGRAM_SCRIPT_ORIGIN}",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
    ))
    return {
        "Content-Security-Policy": policy,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
        # Pages are revalidated so they always name the current asset versions.
        "Cache-Control": "no-cache",
    }


def _page(name: str):
    def render(request: Request) -> HTMLResponse:
        modules = import_map()
        return templates.TemplateResponse(
            request, f"{name}.html", {"page": name, "import_map": modules},
            headers=security_headers(modules),
        )

    render.__name__ = f"{name}_page"
    return render


for path, name in PAGES.items():
    router.add_api_route(path, _page(name), methods=["GET"], response_class=HTMLResponse)


@router.get("/fonts/press-start-2p.ttf")
def pixel_font() -> FileResponse:
    """The pixel font, from the fontpkg-press-start-2p package (OFL-1.1)."""
    return FileResponse(
        fontpkg.path(PIXEL_FONT), media_type="font/ttf",
        headers={"Cache-Control": "public, max-age=604800"},
    )
