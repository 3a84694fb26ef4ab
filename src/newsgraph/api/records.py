"""Typed forms of the records the library builds as plain JSON dicts, so that the OpenAPI document
describes every part of a response: an article's export record (``export.article_record``,
docs/export.md), what extraction stored for it (``extraction.analysis_payload``,
docs/extract.schema.json), a role ledger entry (``ledger.ledger_record``) and an ingest outcome
(``records.IngestOutcome``).

They describe answers, they check no request. A field has a default only where an extraction stored
by an older version may lack it: a whole layer (an empty list: articles extracted before events were
coded have no ``events``), and the fields whose library record has a default (``Entity.kb_id``,
``Speaker.anonymous_id``, ``Place.role``, ``Event.designation``). Such an article still answers, with
the field filled in. Every field is in every answer, so the document marks each one required.

The types, enums and nullability are those of the code's records, and agree with
docs/extract.schema.json (tests/api/test_openapi.py checks it); its patterns and minimum lengths are
left out, since a stored value outside them would turn an answer into a server error.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from newsgraph.nlp.records import DatePrecision, EventStatus, EventType, QuoteKind, RoleStatus, TimeType
from newsgraph.records import ParagraphKind, Precision, Status

Offset = Annotated[int, Field(ge=0, description="A Python string index into the article's `text`.")]


class Record(BaseModel):
    """A record of an answer: a field with a default is still always sent, so it is required."""

    model_config = ConfigDict(json_schema_serialization_defaults_required=True)


# The article record --------------------------------------------------------------------------------

class Paragraph(Record):
    start: Offset
    end: Offset
    kind: ParagraphKind
    cited_sources: list[str] = Field(description="Outlet names from the paragraph's citation chips.")


class Removal(Record):
    raw_start: int = Field(ge=0, description="Where the dropped text starts in `raw_text`.")
    raw_end: int = Field(ge=0, description="Where it ends in `raw_text`.")
    reason: str = Field(description="Why cleaning dropped it: `citation-chip`, `comment-trailer` … "
                                    "(docs/cleaning.md).")
    text: str


Segment = Annotated[tuple[int, int, int, int, int], Field(
    description="`[start, end, raw_start, raw_end, copied]`: `text[start:end]` came from "
                "`raw_text[raw_start:raw_end]`; `copied` is 1 when character for character, else 0.")]


class ArticleRecord(Record):
    """An article as `newsgraph export` writes it (docs/export.md), without its extraction and story."""

    id: int
    source: str = Field(description="Where it came from: a path, a URL, `batch.jsonl:LINE` …")
    url: str | None
    title: str | None
    outlet: str | None
    author: str | None
    published: str | None = Field(description="ISO 8601, cut at its precision: `2026-01`, `2026-01-16`.")
    published_precision: Precision | None
    duplicate_of: int | None = Field(description="The original this article nearly duplicates.")
    media_type: str = Field(description="What the raw input was: `text/plain`, `text/html` …")
    ingested_at: str = Field(description="UTC timestamp, ISO 8601.")
    content_hash: str = Field(description="SHA-256 of the cleaned text.")
    text: str = Field(description="The cleaned text, paragraphs separated by a blank line.")
    raw_text: str = Field(description="The text before cleaning.")
    paragraphs: list[Paragraph]
    removed: list[Removal] = Field(description="What cleaning dropped from `raw_text`.")
    offset_map: list[Segment] = Field(description="Segments mapping `text` back to `raw_text`.")


# The extraction (docs/extract.schema.json, less its `article`) -------------------------------------

class Span(Record):
    start: Offset
    end: Offset


class Mention(Span):
    text: str


class ExtractedEntity(Record):
    id: str = Field(description="Stable across articles: `person:nicolas-maduro`.")
    name: str = Field(description="The fullest form of its name in the article.")
    type: str = Field(description="spaCy label: `PERSON`, `ORG`, `GPE`, `LOC`, `NORP` …")
    kb_id: str | None = Field(None, description="`geonames:N` for a place the gazetteer resolved.")
    mentions: list[Mention]


class ExtractedRole(Record):
    """A title the article gives a person; `start`/`end` span the evidence."""

    entity_id: str
    title: str
    organization: str | None
    status: RoleStatus
    as_of: str | None = Field(description="The publication date, at its precision.")
    start: Offset
    end: Offset


class Speaker(Record):
    entity_id: str | None = Field(description="The speaker's entity; null for an anonymous one.")
    text: str | None = Field(description="The words naming the speaker.")
    anonymous_id: str | None = Field(None, description="`anon:1` …: one anonymous source within the article.")


class Quote(Mention):
    kind: QuoteKind
    cue: str | None = Field(description="The speech verb.")
    speaker: Speaker


class Attribution(Span):
    """Whom a claim comes from; `start`/`end` span the sentence, or the paragraph for a chip."""

    chain: list[str] = Field(description="The article's outlet first when known, then each source.")
    cue: str = Field(description="`according to`, `told`, `reported`, `citation-chip` …")


class TimeExpression(Mention):
    type: TimeType
    value: str | None = Field(description="TIMEX3 value resolved against the publication date (`2026-01-15`, "
                                          "`2025-W48`, `P2H`), null when it cannot be.")


class ExtractedPlace(Mention):
    name: str = Field(description="The gazetteer's name.")
    country_code: str | None = Field(description="ISO 3166 alpha-2.")
    lat: float | None = Field(ge=-90, le=90)
    lon: float | None = Field(ge=-180, le=180)
    geonameid: int | None
    feature: str = Field(description="The kind of place: `capital`, `country`, `city` …")
    role: Literal["place", "government"] = Field(
        "place", description="`government` for a capital standing for its government (\"Washington said\").")


class Party(Record):
    """Who takes part: a named entity, or an unnamed group the text names, with its head phrase's span."""

    entity_id: str | None = Field(description="Null for an unnamed party (\"protesters\").")
    text: str
    start: Offset
    end: Offset


class ExtractedParticipant(Record):
    role: Literal["actor", "recipient"]
    entity_id: str | None = Field(description="Null for an unnamed participant (\"protesters\").")
    text: str
    start: Offset
    end: Offset


class EventDate(Record):
    """When an event happened; `start`/`end` span the time expression it came from."""

    value: str = Field(description="A TIMEX3 value: `2026-01-15`, `2026-W02` …")
    precision: DatePrecision
    start: Offset
    end: Offset


class Designation(Record):
    """A legal act naming a target: label "foreign terrorist organization", its authority and target."""

    label: str
    authority: Party | None
    target: Party | None
    effective: EventDate | None


class ExtractedEvent(Record):
    """A PLOVER event (docs/events.md)."""

    id: str = Field(description="`ev1`, `ev2` … in text order.")
    type: EventType
    mode: str | None
    contexts: list[str]
    cameo: str = Field(description="The CAMEO code the trigger maps to: `042`, or a root such as `04`.")
    trigger: Mention
    sentence: Span
    actors: list[str] = Field(description="Entity ids of the named actors.")
    recipients: list[str] = Field(description="Entity ids of the named recipients.")
    participants: list[ExtractedParticipant] = Field(description="Every actor and recipient, named or not.")
    place: int | None = Field(ge=0, description="An index into `places`.")
    date: EventDate | None
    status: EventStatus
    reported: bool = Field(description="Whether the outlet reports it from a source.")
    attribution: list[str] = Field(description="The outlet first, then the sources of a reported claim.")
    confidence: float = Field(ge=0, le=1)
    designation: Designation | None = None


class Extraction(Record):
    """Everything extraction found in an article, as stored (`newsgraph extract` prints it too)."""

    paragraphs: list[Paragraph] = []
    sentences: list[Span] = []
    entities: list[ExtractedEntity] = []
    roles: list[ExtractedRole] = []
    quotes: list[Quote] = []
    attributions: list[Attribution] = []
    times: list[TimeExpression] = []
    places: list[ExtractedPlace] = []
    events: list[ExtractedEvent] = []


# Entity pages and ingest jobs -----------------------------------------------------------------------

class EntityQuote(Quote):
    """A quote the entity is the speaker of, with its article."""

    article_id: int


class LedgerRecord(Record):
    """One title of an entity, as `newsgraph export --format ledger-jsonl` writes it."""

    entity_id: str
    name: str
    label: str = Field(description="Status and title as shown: `interim president`.")
    title: str
    status: str
    organizations: list[str]
    first: str | None = Field(description="The earliest date the title was asserted.")
    last: str | None = Field(description="The latest date the title was asserted.")
    outlets: list[str] = Field(description="The outlets that asserted it.")
    article_ids: list[int] = Field(description="The articles that asserted it.")


class IngestOutcomeRecord(Record):
    """What happened to one input, as `newsgraph ingest --json` gives it."""

    source: str
    status: Status
    article_id: int | None = Field(description="The article: stored now (`stored`, `duplicate`) or before "
                                               "(`already_stored`); null when `failed`.")
    duplicate_of: int | None = Field(description="The original a `duplicate` nearly repeats.")
    similarity: float | None = Field(description="How near a `duplicate` is to its original (0 to 1).")
    error: str | None = Field(description="Why the input `failed`.")
    reason: str | None = Field(description="A short, stable reason for a failure: `unsupported`, "
                                           "`blocked address` …")
    line: int | None = Field(description="The line of a JSON Lines batch that failed.")
