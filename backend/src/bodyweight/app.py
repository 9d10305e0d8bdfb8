"""The application factory: routers, error handlers, and the database it serves."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from bodyweight.auth.router import router as auth_router
from bodyweight.config import Settings, get_settings
from bodyweight.db import Database, make_async_engine
from bodyweight.errors import install_error_handlers
from bodyweight.exercises.router import router as exercises_router
from bodyweight.health.router import router as health_router
from bodyweight.idempotency import install_replay_handler
from bodyweight.logs import RequestLogMiddleware, configure_logging
from bodyweight.records.router import router as records_router
from bodyweight.routines.router import router as routines_router
from bodyweight.shop.router import router as shop_router
from bodyweight.users.router import router as users_router
from bodyweight.web.frontend import FrontEnd
from bodyweight.web.router import install_web
from bodyweight.workouts.router import router as workouts_router


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    configure_logging(settings.log_level, settings.log_format)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.database = Database(make_async_engine(settings.sqlalchemy_url))
        app.state.catalogue = None  # read on first use: see exercises.router
        yield
        await app.state.database.dispose()

    app = FastAPI(title="BodyWeight", version="0.1.0", lifespan=lifespan)
    app.state.settings = settings
    install_error_handlers(app)
    install_replay_handler(app)
    app.add_middleware(RequestLogMiddleware)
    for router in (
        health_router,
        auth_router,
        users_router,
        exercises_router,
        workouts_router,
        records_router,
        routines_router,
        shop_router,
    ):
        app.include_router(router)
    install_web(app, FrontEnd(settings.frontend_dist))
    return app
