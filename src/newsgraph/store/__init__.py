"""Storage. ``open_store`` picks the implementation from the location it is given."""

from __future__ import annotations

from pathlib import Path

from newsgraph.errors import StoreError
from newsgraph.store.base import (
    ArticleSummary,
    EntityOverview,
    EntityRole,
    EventDesignation,
    EventParticipant,
    EventPlace,
    EventQuery,
    EventRow,
    NewArticle,
    Store,
    StoreStats,
    StoryDetail,
    StoryEntity,
    StorySummary,
    TokenInfo,
)
from newsgraph.store.sqlite import SQLiteStore

__all__ = [
    "ArticleSummary",
    "EntityOverview",
    "EntityRole",
    "EventDesignation",
    "EventParticipant",
    "EventPlace",
    "EventQuery",
    "EventRow",
    "NewArticle",
    "SQLiteStore",
    "Store",
    "StoreStats",
    "StoryDetail",
    "StoryEntity",
    "StorySummary",
    "TokenInfo",
    "open_store",
]


def open_store(location: str | Path) -> Store:
    """Open (creating and migrating as needed) the store at ``location``: a file path or ``:memory:``."""
    text = str(location)
    if text.startswith(("postgres://", "postgresql://")):
        raise StoreError(
            f"{text.split('@')[-1]}: PostgreSQL stores are not available in this version; "
            "use a SQLite file path"
        )
    if text != ":memory:":
        parent = Path(text).parent
        if not parent.exists():
            raise StoreError(f"{text}: the folder {parent} does not exist; create it or pick another --db")
    return SQLiteStore(text)
