"""``/v1/articles``: the list (by publication date, or a full-text search) and one article with its
extraction and story."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path
from pydantic import BaseModel, Field

from newsgraph.api.deps import ReadAccess, StoreDep
from newsgraph.api.errors import BadParameter
from newsgraph.api.pagination import Page, Paging, paging
from newsgraph.api.params import Text
from newsgraph.api.records import ArticleRecord, Extraction
from newsgraph.export import article_record
from newsgraph.store import ArticleSummary

router = APIRouter(prefix="/v1/articles", tags=["articles"], dependencies=[ReadAccess])
# Search results are ranked, not stored in order: this many can be paged through, best first.
MAX_SEARCH_RESULTS = 10_000
ArticleId = Annotated[int, Path(ge=1, le=2**62, description="An article id, as listed.")]


class ArticleDetail(BaseModel):
    article: ArticleRecord
    extraction: Extraction | None = Field(description="What extraction found; null when never extracted.")
    story_id: int | None = Field(description="The article's story; null when not yet in one.")


@router.get("", summary="List articles, or search them")
def list_articles(store: StoreDep, page: Annotated[Paging, Depends(paging)], q: Text = None
                  ) -> Page[ArticleSummary]:
    """Articles by publication date (undated last); with `q`, those matching every word of it (case and
    accents ignored), best first, each with a snippet."""
    if q is None:
        return page.page(lambda offset, count: store.list_articles(limit=count, offset=offset))
    if page.offset + page.limit >= MAX_SEARCH_RESULTS:
        raise BadParameter(f"a search pages through its best {MAX_SEARCH_RESULTS:,} matches; add words to "
                           "'q' to narrow it")
    return page.page(lambda offset, count: store.search_articles(q, limit=offset + count)[offset:])


@router.get("/{article_id}", summary="One article with its extraction")
def get_article(store: StoreDep, article_id: ArticleId) -> ArticleDetail:
    """The export record of the article (text, paragraphs, cited sources, removals, offset map), what
    extraction found in it (null when never extracted) and its story."""
    article = store.get_article(article_id)  # an unknown id is a 404
    found = store.extraction(article_id)
    return ArticleDetail(article=ArticleRecord.model_validate(article_record(article)),
                         extraction=None if found is None else Extraction.model_validate(found),
                         story_id=store.story_of(article_id))
