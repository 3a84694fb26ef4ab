"""``/v1/stories``: the stories, and one story with its articles, main entities and events."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path

from newsgraph.api.deps import ReadAccess, StoreDep
from newsgraph.api.errors import NotFound
from newsgraph.api.pagination import Page, Paging, paging
from newsgraph.store import StoryDetail, StorySummary

router = APIRouter(prefix="/v1/stories", tags=["stories"], dependencies=[ReadAccess])
StoryId = Annotated[int, Path(ge=1, le=2**62, description="A story id, as listed.")]


@router.get("", summary="List stories")
def list_stories(store: StoreDep, page: Annotated[Paging, Depends(paging)]) -> Page[StorySummary]:
    """Stories not merged away, oldest first: label, days covered, number of articles."""
    return page.window(store.stories())


@router.get("/{story_id}", summary="One story")
def get_story(store: StoreDep, story_id: StoryId) -> StoryDetail:
    """The story's label and period, its articles by publication date (copies marked), its main
    entities and its events (`ARTICLE:EVENT` ids). A story merged away says where it went
    (`merged_into`)."""
    detail = store.story(story_id)
    if detail is None:
        raise NotFound(f"there is no story {story_id}; list them at /v1/stories")
    return detail


def known_story(store: StoreDep, story_id: int) -> list[int]:
    """The story's article ids; a 404 for a story that does not exist."""
    ids = store.story_article_ids(story_id)
    if not ids and store.story(story_id) is None:
        raise NotFound(f"there is no story {story_id}; list them at /v1/stories")
    return ids
