"""Serving the player's app: its pages, its assets, the pixel font, and the app's
own 404 page for any other address outside the API.

The app holds no player data and no game rules: whatever it shows, the API said.
"""

from pathlib import Path

import fontpkg
from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import FileResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from bodyweight.web.frontend import APP_ROUTES, FrontEnd, wants_page

STATIC_DIR = Path(__file__).resolve().parents[1] / "static"  # the avatar images
PIXEL_FONT = "Press Start 2P"


def make_router(front_end: FrontEnd) -> APIRouter:
    router = APIRouter(include_in_schema=False)

    def app_page() -> Response:
        return front_end.page()

    for path in APP_ROUTES:
        router.add_api_route(path, app_page, methods=["GET"], name=f"page:{path}")

    @router.get("/assets/{name:path}")
    def asset(name: str) -> Response:
        found = front_end.asset(name)
        if found is None:
            raise StarletteHTTPException(404)
        return found

    @router.get("/fonts/press-start-2p.ttf")
    def pixel_font() -> FileResponse:
        """The pixel font, from the fontpkg-press-start-2p package (OFL-1.1)."""
        return FileResponse(
            fontpkg.path(PIXEL_FONT),
            media_type="font/ttf",
            headers={"Cache-Control": "public, max-age=604800"},
        )

    return router


def install_web(app: FastAPI, front_end: FrontEnd) -> None:
    """Pages, assets and avatars; unknown addresses outside /api get the app's 404 page."""
    app.include_router(make_router(front_end))
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    render_json = app.exception_handlers[StarletteHTTPException]

    # A handler for the status 404 runs before the one for its exception class.
    async def not_found(request: Request, exc: Exception) -> Response:
        if isinstance(exc, StarletteHTTPException) and wants_page(request):
            return front_end.page(status_code=404)
        response = render_json(request, exc)
        return response if isinstance(response, Response) else await response

    app.add_exception_handler(404, not_found)
