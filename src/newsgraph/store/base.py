"""What a newsgraph store does, whatever database holds it.

SQL lives only in this package. ``SQLiteStore`` is the embedded default; a PostgreSQL store satisfies the
same ``Store`` protocol.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from newsgraph.records import Article, CleanText, Metadata


@dataclass(frozen=True)
class NewArticle:
    """Everything written for one article, in one transaction."""

    source: str
    media_type: str
    raw_input: bytes
    raw_text: str
    cleaned: CleanText
    metadata: Metadata
    input_digest: str
    content_hash: str
    signature: bytes
    band_keys: tuple[int, ...]
    duplicate_of: int | None = None
    similarity: float | None = None


@dataclass(frozen=True)
class ArticleSummary:
    """One row of an article listing."""

    id: int
    title: str | None
    outlet: str | None
    published: str | None
    source: str
    duplicate_of: int | None
    snippet: str | None = None


@dataclass(frozen=True)
class StoreStats:
    articles: int
    originals: int
    duplicates: int
    outlets: dict[str, int]
    earliest: str | None
    latest: str | None
    undated: int
    removals: dict[str, int]
    cited_sources: dict[str, int]
    migrations: tuple[str, ...]


@dataclass(frozen=True)
class EntityRole:
    """A role as stored, with the article and outlet that asserted it."""

    title: str
    organization: str | None
    status: str
    as_of: str | None
    article_id: int
    outlet: str | None
    evidence: str


@dataclass(frozen=True)
class EntityOverview:
    """What the store knows of one entity across articles."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    roles: tuple[EntityRole, ...]
    articles: tuple[ArticleSummary, ...]
    mentions: int


class Store(Protocol):
    """Persistence of articles. Every write is one transaction: all of an article, or none of it."""

    def add_article(self, article: NewArticle) -> int:
        """Store ``article`` and return its id."""
        ...

    def article_for_input(self, input_digest: str) -> int | None:
        """The id of an article stored from exactly these input bytes."""
        ...

    def article_for_content(self, content_hash: str) -> int | None:
        """The id of an article with exactly this cleaned text."""
        ...

    def near_duplicate_candidates(self, band_keys: Sequence[int]) -> list[tuple[int, bytes]]:
        """``(id, MinHash signature)`` of original articles sharing any LSH band key."""
        ...

    def get_article(self, article_id: int) -> Article: ...

    def raw_input(self, article_id: int) -> tuple[str, bytes]:
        """The media type and exact bytes an article was ingested from."""
        ...

    def list_articles(self, *, limit: int = 50, offset: int = 0) -> list[ArticleSummary]: ...

    def search_articles(self, query: str, *, limit: int = 50) -> list[ArticleSummary]: ...

    def iter_articles(self) -> Iterator[Article]: ...

    def stats(self) -> StoreStats: ...

    def save_extraction(self, article_id: int, version: str, record: dict[str, Any]) -> None:
        """Store what extraction found in an article, replacing what an earlier run stored."""
        ...

    def extraction(self, article_id: int) -> dict[str, Any] | None:
        """The stored extraction of an article, or None if it was never extracted."""
        ...

    def articles_to_extract(self, version: str | None = None) -> list[int]:
        """Originals (not near-duplicates) with no extraction, or one made by another ``version``;
        with ``version`` None, every original."""
        ...

    def find_entities(self, query: str) -> list[tuple[str, str, str, int]]:
        """``(id, name, type, mentions)`` of entities whose id, name or a mention matches ``query``."""
        ...

    def entity_overview(self, entity_id: str) -> EntityOverview | None: ...

    def close(self) -> None: ...
