"""The FastAPI application: ``create_app`` wires settings, routes, errors, the guard and the web UI.

    app = create_app(Settings(db=Path("story.db")))          # loopback: reads open, writes need a
                                                             # token once one exists
    app = create_app(settings, ApiOptions(public=True))      # beyond loopback: every request needs one
"""

from __future__ import annotations

import importlib.util
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from newsgraph.api import articles, entities, events, export, ingest, stories
from newsgraph.api.deps import ApiOptions
from newsgraph.api.errors import ERROR_RESPONSES, install_handlers
from newsgraph.api.guard import MULTIPART_OVERHEAD, Guard, TokenBucket
from newsgraph.api.jobs import JobBoard
from newsgraph.inputs.fetch import Fetcher
from newsgraph.settings import Settings

logger = logging.getLogger(__name__)
API_VERSION = "1"
DESCRIPTION = ("The JSON API of newsgraph: articles, entities, stories, timelines, events, changes, "
               "exports and ingest. Errors are `{\"error\": {\"code\", \"message\"}}`. See docs/api.md.")
# The web UI (another module of this package's sibling, newsgraph.web), included when it is installed.
WEB_MODULE = "newsgraph.web.routes"


def create_app(settings: Settings | None = None, options: ApiOptions | None = None,
               fetcher: Fetcher | None = None) -> FastAPI:
    """The application over ``settings.db`` (default: from the environment). ``fetcher`` stands in for
    the network in URL ingest (tests); by default URLs are fetched with ``HttpFetcher``."""
    settings = settings or Settings.from_env()
    options = options or ApiOptions()
    board = JobBoard(settings, options.kept_jobs)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        board.shutdown()

    app = FastAPI(title="newsgraph", version=API_VERSION, description=DESCRIPTION, lifespan=lifespan,
                  responses=ERROR_RESPONSES, docs_url=None, redoc_url=None, openapi_url="/openapi.json")
    app.state.settings, app.state.options, app.state.jobs, app.state.fetcher = (
        settings, options, board, fetcher)
    install_handlers(app)
    for module in (articles, entities, stories, events, export, ingest):
        app.include_router(module.router)
    _include_web(app)
    limiter = (TokenBucket(options.rate_per_minute, options.burst) if options.rate_per_minute > 0
               else None)
    app.add_middleware(Guard, limiter=limiter, max_body=settings.max_document_bytes + MULTIPART_OVERHEAD)
    return app


def _include_web(app: FastAPI) -> None:
    """Include the web UI's pages and static files when ``newsgraph.web.routes`` exists."""
    if importlib.util.find_spec("newsgraph.web") is None or importlib.util.find_spec(WEB_MODULE) is None:
        logger.info("no web UI (%s is not installed): serving the JSON API only", WEB_MODULE)
        return
    from fastapi.staticfiles import StaticFiles

    from newsgraph.web.routes import STATIC_DIR, router  # type: ignore[import-not-found,unused-ignore]

    app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
