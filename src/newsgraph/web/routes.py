"""The pages of the web UI. Each handler reads the store through one function of ``pages`` and renders a
template; templates escape everything (autoescape is on) and carry no inline script."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader

from newsgraph.api.deps import ReadAccess, StoreDep
from newsgraph.errors import ArticleNotFoundError
from newsgraph.web import pages

HERE = Path(__file__).resolve().parent
STATIC_DIR = HERE / "static"
TEMPLATES_DIR = HERE / "templates"

# autoescape=True for every template, whatever its file name: article text is hostile input.
templates = Jinja2Templates(env=Environment(loader=FileSystemLoader(TEMPLATES_DIR), autoescape=True))
# Pages follow the API's read rule: open on loopback, a token needed on a public server.
router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse, dependencies=[ReadAccess])


def _page(request: Request, name: str, context: dict[str, Any]) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context)


@router.get("/")
def stories_page(request: Request, store: StoreDep) -> HTMLResponse:
    return _page(request, "stories.html", {"stories": store.stories()})


@router.get("/stories/{story_id}")
def story_page(request: Request, story_id: int, store: StoreDep) -> HTMLResponse:
    story = pages.story_page(store, story_id)
    if story is None:
        raise HTTPException(404, f"no story {story_id}: see the stories list at /")
    return _page(request, "story.html", story)


@router.get("/articles/{article_id}")
def article_page(request: Request, article_id: int, store: StoreDep,
                 hl: Annotated[str | None, Query(pattern=r"^\d+-\d+$")] = None) -> HTMLResponse:
    try:
        article = pages.article_page(store, article_id, pages.parse_range(hl))
    except ArticleNotFoundError:
        raise HTTPException(404, f"no article {article_id}: search for one at /search") from None
    return _page(request, "article.html", article)


@router.get("/entities/{entity_id:path}")
def entity_page(request: Request, entity_id: str, store: StoreDep) -> HTMLResponse:
    entity = pages.entity_page(store, entity_id)
    if entity is None:
        raise HTTPException(404, f"no entity {entity_id!r}: find one from a story or an article")
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
