"""The pages of the web UI. Each handler reads the store through one function of ``pages`` and renders a
template; templates escape everything (autoescape is on) and carry no inline script.

Pages follow the API's read rule: open on loopback, a token needed on a public server. A browser sends
none while following links, so a page that needs one answers with the sign-in form (401); signing in
keeps the token in an HttpOnly, SameSite=Strict cookie (``deps.session_credentials``) until sign-out or
the browser closes. A revoked token stops working at its next request. ``install`` adds the handlers
that answer a page's errors as pages."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader

from newsgraph.api.deps import Credentials, StoreDep, require_read
from newsgraph.api.errors import Unauthorized
from newsgraph.api.tokens import SESSION_COOKIE, token_name
from newsgraph.errors import ArticleNotFoundError
from newsgraph.store.event_rows import readable_date
from newsgraph.web import pages

HERE = Path(__file__).resolve().parent
STATIC_DIR = HERE / "static"
TEMPLATES_DIR = HERE / "templates"

# autoescape=True for every template, whatever its file name: article text is hostile input.
templates = Jinja2Templates(env=Environment(loader=FileSystemLoader(TEMPLATES_DIR), autoescape=True))
# ``{{ e.date|when }}``: ``2026-03-31 morning`` for TIMEX3's ``2026-03-31TMO``.
templates.env.filters["when"] = readable_date


# Longer than any token or address a page makes: refused in words on the form, not by a JSON 422.
MAX_TOKEN, MAX_PATH = 200, 2000


class PageError(Exception):
    """An error a page answers as a page, with ``message`` shown on it."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class SignInNeeded(PageError):
    """A page needs a token the browser has not given (or gave one no longer valid)."""


class PageNotFound(PageError):
    """No such story, article or entity."""


def page_access(request: Request, credentials: Credentials, store: StoreDep) -> str | None:
    """``require_read``, answered with the sign-in form instead of a JSON error."""
    try:
        return require_read(request, credentials, store)
    except Unauthorized as refused:
        raise SignInNeeded(refused.message) from None


router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse,
                   dependencies=[Depends(page_access)])
# The sign-in page itself must be reachable without a token.
session_router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


def install(app: FastAPI) -> None:
    """Include the pages and the handlers that answer their errors as pages."""
    app.include_router(router)
    app.include_router(session_router)
    app.add_exception_handler(SignInNeeded, _sign_in_needed)
    app.add_exception_handler(PageNotFound, _not_found)


def _page(request: Request, name: str, context: dict[str, Any], status_code: int = 200) -> HTMLResponse:
    signed_in = bool(request.cookies.get(SESSION_COOKIE))
    return templates.TemplateResponse(request, name, {**context, "signed_in": signed_in},
                                      status_code=status_code)


async def _sign_in_needed(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, SignInNeeded)
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    reason = ("That token is no longer valid: sign in with another." if request.cookies.get(SESSION_COOKIE)
              else "This server needs an API token to show its pages.")
    response = _page(request, "signin.html", {"next": local_path(target), "reason": reason}, 401)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


async def _not_found(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, PageNotFound)
    return _page(request, "error.html", {"message": exc.message}, 404)


def local_path(target: str) -> str:
    """``target`` when it is a path on this server, else ``/``: signing in never sends a browser to
    another site (``//evil.example``, ``/\\evil.example``, ``https://…`` are refused)."""
    if (len(target) > MAX_PATH or not target.startswith("/") or target.startswith(("//", "/\\"))
            or any(c in target for c in "\r\n")):
        return "/"
    return target


@session_router.get("/signin")
def sign_in_page(request: Request, next: str = "/") -> HTMLResponse:
    return _page(request, "signin.html", {"next": local_path(next), "reason": None})


@session_router.post("/signin", response_model=None)
def sign_in(request: Request, store: StoreDep, token: Annotated[str, Form()] = "",
            next: Annotated[str, Form()] = "/") -> Response:
    """Check the token and keep it in the session cookie; a wrong one shows the form again (401)."""
    token = token.strip()
    if len(token) > MAX_TOKEN or token_name(store, token) is None:
        reason = ("Paste a token first." if not token else
                  "That token is not valid (revoked, mistyped or from another database).")
        return _page(request, "signin.html", {"next": local_path(next), "reason": reason}, 401)
    response = RedirectResponse(local_path(next), status_code=303)
    response.set_cookie(SESSION_COOKIE, token, httponly=True, samesite="strict", path="/",
                        secure=request.url.scheme == "https")
    return response


@session_router.post("/signout", response_model=None)
def sign_out() -> Response:
    response = RedirectResponse("/signin", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/")
def stories_page(request: Request, store: StoreDep) -> HTMLResponse:
    return _page(request, "stories.html", {"stories": store.stories()})


@router.get("/stories/{story_id}")
def story_page(request: Request, story_id: int, store: StoreDep) -> HTMLResponse:
    story = pages.story_page(store, story_id)
    if story is None:
        raise PageNotFound(f"No story {story_id}: see the stories list.")
    return _page(request, "story.html", story)


@router.get("/articles/{article_id}")
def article_page(request: Request, article_id: int, store: StoreDep,
                 hl: Annotated[str | None, Query(pattern=r"^\d+-\d+$")] = None) -> HTMLResponse:
    try:
        article = pages.article_page(store, article_id, pages.parse_range(hl))
    except ArticleNotFoundError:
        raise PageNotFound(f"No article {article_id}: search for one.") from None
    return _page(request, "article.html", article)


@router.get("/entities/{entity_id:path}")
def entity_page(request: Request, entity_id: str, store: StoreDep) -> HTMLResponse:
    entity = pages.entity_page(store, entity_id)
    if entity is None:
        raise PageNotFound(f"No entity {entity_id!r}: find one from a story or an article.")
    return _page(request, "entity.html", entity)


@router.get("/map")
def map_page(request: Request, store: StoreDep) -> HTMLResponse:
    return _page(request, "map.html", pages.map_page(store))


@router.get("/search")
def search_page(request: Request, store: StoreDep,
                q: Annotated[str, Query(max_length=500)] = "") -> HTMLResponse:
    return _page(request, "search.html", pages.search_page(store, q))


@router.get("/ingest")
def ingest_page(request: Request) -> HTMLResponse:
    return _page(request, "ingest.html", {})
