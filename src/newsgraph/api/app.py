"""The FastAPI application: ``create_app`` wires settings, routes, errors, the guard and the web UI.

    app = create_app(Settings(db=Path("story.db")))          # loopback: reads open, writes need a
                                                             # token once one exists
    app = create_app(settings, ApiOptions(public=True))      # beyond loopback: every request needs one
"""

from __future__ import annotations

import importlib.util
import logging
import re
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
# uvicorn's access log (one line a request, with its path and query string).
ACCESS_LOGGER = "uvicorn.access"
# What is blanked out of logged request lines: any token (``ng_…``, tokens.PREFIX), and the value of a
# query parameter whose name says it carries a secret. Tokens are only read from the Authorization
# header, which uvicorn does not log; a request with one in its URL is refused (guard.py), and the
# token is still kept out of the log.
SECRET_IN_URL = re.compile(r"ng_[A-Za-z0-9_-]{32,}|((?:^|[?&;])[^=&;]*(?:token|key|secret|auth|password)"
                           r"[^=&;]*=)[^&;\s]*", re.IGNORECASE)
REDACTED = "[redacted]"


def create_app(settings: Settings | None = None, options: ApiOptions | None = None,
               fetcher: Fetcher | None = None) -> FastAPI:
    """The application over ``settings.db`` (default: from the environment). ``fetcher`` stands in for
    the network in URL ingest (tests); by default URLs are fetched with ``HttpFetcher``."""
    settings = settings or Settings.from_env()
    options = options or ApiOptions()
    board = JobBoard(settings, options.kept_jobs)

    redact = RedactSecrets()

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        logging.getLogger(ACCESS_LOGGER).addFilter(redact)
        try:
            yield
        finally:
            board.shutdown()  # the running ingest job stops after its article; queued ones are cancelled
            logging.getLogger(ACCESS_LOGGER).removeFilter(redact)

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


class RedactSecrets(logging.Filter):
    """Blank out tokens and secret-named query parameters from a log record's message and arguments."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.msg) if isinstance(record.msg, str) else record.msg
        if isinstance(record.args, tuple):
            record.args = tuple(redact(a) if isinstance(a, str) else a for a in record.args)
        return True


def redact(text: str) -> str:
    """``text`` with every token and secret query value replaced by ``[redacted]``."""
    return SECRET_IN_URL.sub(lambda m: (m.group(1) or "") + REDACTED, text)


def _include_web(app: FastAPI) -> None:
    """Include the web UI's pages and static files when ``newsgraph.web.routes`` exists."""
    if importlib.util.find_spec("newsgraph.web") is None or importlib.util.find_spec(WEB_MODULE) is None:
        logger.info("no web UI (%s is not installed): serving the JSON API only", WEB_MODULE)
        return
    from fastapi.staticfiles import StaticFiles

    from newsgraph.web.routes import STATIC_DIR, install  # type: ignore[import-not-found,unused-ignore]

    install(app)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
