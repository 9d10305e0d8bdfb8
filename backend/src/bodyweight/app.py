"""The application factory: routers, error handlers, and the database it serves."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from sqlalchemy.exc import SQLAlchemyError

from bodyweight.achievements.router import router as achievements_router
from bodyweight.auth.limits import make_sign_in_limits
from bodyweight.auth.router import router as auth_router
from bodyweight.config import Settings, get_settings
from bodyweight.db import Database, make_async_engine
from bodyweight.errors import install_error_handlers
from bodyweight.exercises.router import router as exercises_router
from bodyweight.freezes.router import router as freezes_router
from bodyweight.goals.router import router as goals_router
from bodyweight.health.router import router as health_router
from bodyweight.idempotency import install_replay_handler
from bodyweight.logs import RequestLogMiddleware, configure_logging
from bodyweight.notifications.router import router as notifications_router
from bodyweight.records.router import router as records_router
from bodyweight.routines.router import router as routines_router
from bodyweight.shop.router import router as shop_router
from bodyweight.social.router import router as social_router
from bodyweight.stats.router import router as stats_router
from bodyweight.telegram import router as telegram
from bodyweight.throttle import WriteSlots
from bodyweight.users.router import router as users_router
from bodyweight.web.admission import InFlightLimit
from bodyweight.web.docs import install_docs
from bodyweight.web.frontend import FrontEnd
from bodyweight.web.limits import BodyLimit
from bodyweight.web.router import install_web
from bodyweight.web.security import SecurityHeaders
from bodyweight.workouts.router import router as workouts_router


async def _publish_schema_revision(database: Database) -> None:
    from bodyweight import metrics
    from bodyweight.migrations import current_revisions

    try:
        async with database.reading() as session:
            revisions = await session.run_sync(current_revisions)
    except (SQLAlchemyError, OSError):
        return  # /readyz says what is wrong with the database
    metrics.set_schema_revision(revisions[0] if revisions else None)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    configure_logging(settings.log_level, settings.log_format)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine = make_async_engine(
            settings.sqlalchemy_url,
            lock_timeout=settings.db_lock_timeout,
            statement_timeout=settings.db_statement_timeout,
        )
        app.state.database = Database(engine)
        app.state.write_slots = WriteSlots(settings.writes_in_flight_per_player)
        app.state.sign_in_limits = make_sign_in_limits(settings, app.state.database)
        app.state.catalogue = None  # read on first use: see exercises.router
        if settings.metrics_enabled:
            await _publish_schema_revision(app.state.database)
        app.state.telegram = None  # the bot, made on the first webhook call
        yield
        await telegram.close(app.state)
        await app.state.sign_in_limits.close()
        await app.state.database.dispose()

    # /docs and /redoc, when served, come from install_docs with assets from an
    # installed package; in production only when the operator asks (API_DOCS).
    docs = settings.serves_api_docs
    app = FastAPI(
        title="BodyWeight",
        version="0.1.0",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json" if docs else None,
    )
    app.state.settings = settings
    install_error_handlers(app)
    install_replay_handler(app)
    if settings.metrics_enabled:
        from bodyweight import metrics

        app.add_middleware(metrics.MetricsMiddleware)
        app.add_route("/metrics", metrics.metrics_endpoint, include_in_schema=False)
    # The last added is the outermost: headers on every response, then the
    # request id and log line, then the body limit (whose 413 names the id), then
    # the place in line (a refused body never waits for one).
    app.add_middleware(InFlightLimit, limit=settings.requests_in_flight)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(RequestLogMiddleware)
    app.add_middleware(SecurityHeaders, https=settings.https)
    for router in (
        health_router,
        auth_router,
        users_router,
        exercises_router,
        workouts_router,
        achievements_router,
        records_router,
        stats_router,
        routines_router,
        shop_router,
        freezes_router,
        goals_router,
        notifications_router,
        telegram.router,
        social_router,
    ):
        app.include_router(router)
    if docs:
        install_docs(app)
    install_web(app, FrontEnd(settings.frontend_dist))
    return app
