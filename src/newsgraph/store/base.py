"""What a newsgraph store does, whatever database holds it.

SQL lives only in this package. ``SQLiteStore`` is the embedded default; a PostgreSQL store satisfies the
same ``Store`` protocol.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from newsgraph.dyads import DyadRule
from newsgraph.records import Article, CleanText, Metadata
from newsgraph.stories import ArticleProfile, StoryOptions


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
    """A role as stored, with the article and outlet that asserted it, and the evidence: its words and
    their offsets (``start``, ``end``) into the article's cleaned text."""

    title: str
    organization: str | None
    status: str
    as_of: str | None
    article_id: int
    outlet: str | None
    evidence: str
    entity_id: str | None = None
    name: str | None = None
    start: int | None = None
    end: int | None = None


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


@dataclass(frozen=True)
class EventQuery:
    """Which events to list. Filters combine: an event must pass every one given.

    ``entity_ids``: every one of them takes part (as actor or recipient). ``since``/``until``: ISO 8601
    dates at any precision; an event passes when its *when* (its own date, or its article's publication
    date when the text gives none) overlaps them, so events with neither never pass a date filter.
    ``place``: a place name or an ISO 3166 alpha-2 country code, case ignored. ``article_ids``: only
    events of these articles (a story's), read through the index on the article. ``dyads``: only the
    events that rule calls dyadic, a participant being known when it is a named entity (``entity_id``;
    see ``newsgraph.dyads``). ``limit`` None: all.
    """

    types: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    entity_ids: tuple[str, ...] = ()
    outlet: str | None = None
    place: str | None = None
    since: str | None = None
    until: str | None = None
    article_id: int | None = None
    article_ids: tuple[int, ...] | None = None
    dyads: DyadRule | None = None
    limit: int | None = None
    offset: int = 0


@dataclass(frozen=True)
class EventParticipant:
    """An actor or recipient: ``entity_id``, ``name`` and ``kb_id`` (``geonames:N`` for a resolved place)
    when it is a named entity, and the words the text names it with."""

    role: str
    entity_id: str | None
    name: str | None
    kb_id: str | None
    text: str


@dataclass(frozen=True)
class EventPlace:
    """Where an event happened, copied from the extraction's places layer."""

    name: str | None
    country_code: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    feature: str | None


@dataclass(frozen=True)
class EventDesignation:
    """A legal act's label, who made it and whom it names (texts and entity ids), and from when."""

    label: str
    authority: str | None
    authority_id: str | None
    target: str | None
    target_id: str | None
    effective: str | None


@dataclass(frozen=True)
class EventRow:
    """One stored event with its article's citation details.

    ``date``/``date_precision`` are the event's own date as the text gives it. ``when_start``/``when_end``
    are the days it covers (``YYYY-MM-DD``), from that date or, with ``dated_by`` ``published``, from the
    article's publication date; all three are None when neither is known. Offsets index the article's
    cleaned text; ``sentence`` is the text of the sentence reporting the event.
    """

    article_id: int
    event_id: str
    type: str
    mode: str | None
    contexts: tuple[str, ...]
    cameo: str | None
    status: str
    reported: bool
    attribution: tuple[str, ...]
    confidence: float
    date: str | None
    date_precision: str | None
    when_start: str | None
    when_end: str | None
    dated_by: str | None
    place: EventPlace | None
    trigger: str
    trigger_start: int
    trigger_end: int
    sentence: str
    sentence_start: int
    sentence_end: int
    in_lead: bool
    participants: tuple[EventParticipant, ...]
    designation: EventDesignation | None
    outlet: str | None
    url: str | None
    title: str | None
    published: str | None
    source: str
    extracted_at: str
    extraction_version: str

    @property
    def actors(self) -> tuple[EventParticipant, ...]:
        return tuple(p for p in self.participants if p.role == "actor")

    @property
    def recipients(self) -> tuple[EventParticipant, ...]:
        return tuple(p for p in self.participants if p.role == "recipient")


@dataclass(frozen=True)
class StorySummary:
    """One story: its generated label, the days its articles cover (``YYYY-MM-DD``), how many articles
    it holds, and the story it was merged into, if it was."""

    id: int
    label: str
    first: str | None
    last: str | None
    articles: int
    merged_into: int | None = None


@dataclass(frozen=True)
class StoryEntity:
    """An entity of a story, with how many of the story's articles name it."""

    id: str
    name: str
    articles: int


@dataclass(frozen=True)
class StoryDetail:
    """A story with its articles (by publication), main entities and events (``article:event`` ids)."""

    story: StorySummary
    articles: tuple[ArticleSummary, ...]
    entities: tuple[StoryEntity, ...]
    event_ids: tuple[str, ...]

    @property
    def article_ids(self) -> tuple[int, ...]:
        return tuple(a.id for a in self.articles)


@dataclass(frozen=True)
class TokenInfo:
    """An API token as listed: its name and when it was created. The token itself is never stored."""

    name: str
    created_at: str


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
        """Store what extraction found in an article (its events included), replacing what an earlier
        run stored, in one transaction."""
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

    def roles(self, article_ids: Sequence[int] | None = None) -> list[EntityRole]:
        """Every role asserted in these articles (default: all), with its entity's id and name, by
        as-of date, article and position."""
        ...

    def events(self, query: EventQuery | None = None) -> list[EventRow]:
        """Events matching ``query`` (default: all), by when they happened, then article and text order."""
        ...

    def iter_events(self, query: EventQuery | None = None) -> Iterator[EventRow]:
        """As ``events``, streamed: for exports of any size."""
        ...

    def file_story(self, profile: ArticleProfile, options: StoryOptions) -> int:
        """Assign the article of ``profile`` to a story (taking it, and its near-duplicates, out of any
        earlier one) and return the story id, in one transaction."""
        ...

    def check_twins(self, story_id: int, options: StoryOptions) -> int | None:
        """If ``story_id`` is due a twin check and holds two groups of articles about different
        events (``stories.twin_split``), move the smaller group (with its near-duplicates) to a new story
        and return its id, in one transaction; else None. A story another was merged into is never
        split."""
        ...

    def stories(self) -> list[StorySummary]:
        """Stories not merged away, by first date."""
        ...

    def story(self, story_id: int) -> StoryDetail | None: ...

    def story_of(self, article_id: int) -> int | None: ...

    def story_article_ids(self, story_id: int) -> list[int]:
        """The story's article ids, by publication date (undated last), then id."""
        ...

    def story_view(self, story_id: int, name: str) -> tuple[int, str | None]:
        """The story's stamp (raised by every change to its articles or their extractions) and its view
        ``name`` (a computed timeline or changes, as JSON text) kept at that stamp, or None."""
        ...

    def save_story_view(self, story_id: int, name: str, stamp: int, data: str) -> bool:
        """Keep a view computed when the story's stamp was ``stamp``; not kept (False) when the story
        changed since or does not exist."""
        ...

    def merge_stories(self, keep: int, other: int) -> StorySummary:
        """Move every article of ``other`` into ``keep``; ``other`` keeps its id, marked merged."""
        ...

    def split_story(self, story_id: int, article_ids: Sequence[int]) -> int:
        """Move ``article_ids`` out of ``story_id`` into a new story; its id."""
        ...

    def add_token(self, name: str, digest: str) -> None:
        """Record an API token by ``name`` and the SHA-256 ``digest`` of its value; a name in use fails."""
        ...

    def revoke_token(self, name: str) -> bool:
        """Delete the token ``name``; whether it existed."""
        ...

    def tokens(self) -> list[TokenInfo]:
        """Every API token's name and creation time, by name."""
        ...

    def token_name(self, digest: str) -> str | None:
        """The name of the token whose value has this SHA-256 ``digest``, or None."""
        ...

    def token_count(self) -> int: ...

    def close(self) -> None: ...
