"""Dependencies of the routes: the per-request store, the settings, the token checks and paging.

``get_store`` opens the configured SQLite store for one request and closes it after; the web UI's pages
use it too. ``require_read`` and ``require_write`` enforce the token rules of docs/api.md.

A browser cannot send an ``Authorization`` header while following links, so the web UI's sign-in page
keeps a token in the ``newsgraph_session`` cookie (HttpOnly, SameSite=Strict). Reads accept it. Writes
accept it only with the ``X-Newsgraph-Request`` header, which a page on another site cannot add to a
request here (no CORS): the standard defence against cross-site request forgery.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from newsgraph.api.errors import Unauthorized
from newsgraph.api.tokens import SESSION_COOKIE, token_name
from newsgraph.settings import Settings
from newsgraph.store import Store, open_store

bearer = HTTPBearer(auto_error=False, description="An API token from `newsgraph token create NAME`.")
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
# Sent by the web UI's own scripts with a write; a cross-site form or image cannot send it.
PAGE_REQUEST_HEADER = "x-newsgraph-request"


@dataclass(frozen=True)
class ApiOptions:
    """How the API is served. ``public``: bound beyond loopback, so reads need a token as writes do.
    ``rate_per_minute`` and ``burst``: the token bucket of each token (or client address without one);
    ``rate_per_minute`` 0 turns rate limiting off. ``kept_jobs``: finished ingest jobs remembered."""

    public: bool = False
    rate_per_minute: int = 600
    burst: int = 60
    kept_jobs: int = 100


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_options(request: Request) -> ApiOptions:
    options: ApiOptions = request.app.state.options
    return options


def get_store(request: Request) -> Iterator[Store]:
    """The configured store, opened for this request and closed after it."""
    store = open_store(get_settings(request).db)
    try:
        yield store
    finally:
        store.close()


StoreDep = Annotated[Store, Depends(get_store)]
_CHALLENGE = {"WWW-Authenticate": "Bearer"}


def require_read(request: Request, credentials: Credentials, store: StoreDep) -> str | None:
    """Reads need a valid token when the server is public; a token given is always checked."""
    credentials = credentials or session_credentials(request)
    if credentials is None:
        if get_options(request).public:
            raise Unauthorized("this server needs a token for every request: send `Authorization: Bearer "
                               "TOKEN` (its operator makes one with `newsgraph token create NAME`)",
                               headers=_CHALLENGE)
        return None
    return _checked(store, credentials)


def require_write(request: Request, credentials: Credentials, store: StoreDep) -> str | None:
    """Writes need a valid token whenever one is configured (always when the server is public)."""
    if credentials is None and request.headers.get(PAGE_REQUEST_HEADER):
        credentials = session_credentials(request)
    if credentials is None:
        if get_options(request).public or store.token_count() > 0:
            raise Unauthorized("writes need a token: send `Authorization: Bearer TOKEN` (made with "
                               "`newsgraph token create NAME`)", headers=_CHALLENGE)
        return None
    return _checked(store, credentials)


def session_credentials(request: Request) -> HTTPAuthorizationCredentials | None:
    """The token the web UI's sign-in page kept in its cookie, as if sent in the header."""
    token = request.cookies.get(SESSION_COOKIE, "").strip()
    return HTTPAuthorizationCredentials(scheme="Bearer", credentials=token) if token else None


def _checked(store: Store, credentials: HTTPAuthorizationCredentials) -> str:
    name = token_name(store, credentials.credentials)
    if name is None:
        raise Unauthorized("the token is not valid (revoked, mistyped or from another database); ask "
                           "for a new one (`newsgraph token create NAME`)", headers=_CHALLENGE)
    return name


ReadAccess = Depends(require_read)
WriteAccess = Depends(require_write)
