"""The built single-page app (frontend/dist): its index.html and hashed assets.

`npm run build` writes index.html plus /assets/<name>-<hash>.<ext>; an asset's
name changes with its content, so assets are cached for a year and the page that
names them is revalidated on every load.
"""

from dataclasses import dataclass
from pathlib import Path

from fastapi import Request
from fastapi.responses import FileResponse, HTMLResponse, PlainTextResponse, Response

from bodyweight.web.security import page_headers

BUILD_COMMAND = "npm --prefix frontend ci && npm --prefix frontend run build"
ASSET_CACHE = "public, max-age=31536000, immutable"

# The app's own routes: the page is served with 200 and the app draws the screen.
APP_ROUTES = (
    "/",
    "/signin",
    "/workout",
    "/shop",
    "/history",
    "/settings",
    "/notifications",
    "/friends",
    "/invite",
    "/boards",
    "/progress",
)


@dataclass(frozen=True)
class FrontEnd:
    dist: Path

    @property
    def index(self) -> Path:
        return self.dist / "index.html"

    def page(self, status_code: int = 200) -> Response:
        """index.html, or a plain note saying how to build it when it is missing."""
        if not self.index.is_file():
            return PlainTextResponse(
                f"The web app is not built yet ({self.index} is missing).\n"
                f"From the repository root, run: {BUILD_COMMAND}\n"
                "then reload this page. The API works meanwhile: see /docs.\n",
                status_code=503 if status_code == 200 else status_code,
                headers={"Cache-Control": "no-store"},
            )
        return HTMLResponse(self.index.read_bytes(), status_code=status_code, headers=page_headers())

    def asset(self, name: str) -> Response | None:
        """A file under dist/assets/, or None if there is no such file there."""
        assets = (self.dist / "assets").resolve()
        path = (assets / name).resolve()
        if not path.is_file() or not path.is_relative_to(assets):
            return None
        return FileResponse(path, headers={"Cache-Control": ASSET_CACHE, "X-Content-Type-Options": "nosniff"})


def wants_page(request: Request) -> bool:
    """A browser asking for a page: any GET outside the API (API paths keep JSON errors)."""
    path = request.url.path
    return request.method in ("GET", "HEAD") and not (path == "/api" or path.startswith("/api/"))
