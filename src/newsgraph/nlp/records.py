"""What extraction finds, as plain records: the one boundary where spaCy objects become data.

Offsets are Python string indices into the text that was analysed (an article's cleaned text, or the
raw input with ``extract --raw``). Nothing outside ``newsgraph.nlp`` imports spaCy.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

TimeType = Literal["DATE", "TIME", "DURATION", "SET"]
Tense = Literal["past", "present", "future"]


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Entity:
    """One real-world thing an article names, with every mention of it."""

    id: str
    name: str
    type: str
    mentions: tuple[Mention, ...]
    kb_id: str | None = None


@dataclass(frozen=True)
class TimeExpression:
    """A TIMEX3-style time expression: ``value`` is ISO-like (``2026-01-15``, ``2025-W48``, ``P2H``,
    ``PRESENT_REF``) resolved against the publication date, or ``None`` when it cannot be resolved."""

    start: int
    end: int
    text: str
    type: TimeType
    value: str | None


@dataclass(frozen=True)
class Place:
    """A toponym resolved to a gazetteer entry; ``role`` is ``government`` for a capital standing for
    its government ("Washington said")."""

    start: int
    end: int
    text: str
    name: str
    country_code: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    feature: str
    role: Literal["place", "government"] = "place"


RoleStatus = Literal["current", "former", "previous", "interim", "acting"]


@dataclass(frozen=True)
class Role:
    """A title the article gives a person: ``CIA Director John Ratcliffe`` is (ratcliffe, "director",
    "CIA", current). ``as_of`` is the article's date; ``start``/``end`` span the evidence."""

    entity_id: str
    title: str
    organization: str | None
    status: RoleStatus
    as_of: str | None
    start: int
    end: int


QuoteKind = Literal["direct", "partial", "indirect"]


@dataclass(frozen=True)
class Speaker:
    """Who a quote is from: an entity, or an anonymous source kept as its own speaker
    (``anonymous_id`` ``anon:1`` for "one administration official", reused by "the official")."""

    entity_id: str | None
    text: str | None
    anonymous_id: str | None = None


@dataclass(frozen=True)
class Quote:
    start: int
    end: int
    text: str
    speaker: Speaker
    cue: str | None
    kind: QuoteKind


@dataclass(frozen=True)
class Attribution:
    """Whom a claim comes from: ``chain`` runs from the nearest source to the origin, e.g.
    ("Axios", "administration officials"); ``start``/``end`` span the sentence making the claim."""

    start: int
    end: int
    chain: tuple[str, ...]
    cue: str


@dataclass(frozen=True)
class Analysis:
    """Everything extraction found in one text."""

    sentences: tuple[Sentence, ...]
    entities: tuple[Entity, ...]
    times: tuple[TimeExpression, ...] = ()
    places: tuple[Place, ...] = ()
    roles: tuple[Role, ...] = ()
    quotes: tuple[Quote, ...] = ()
    attributions: tuple[Attribution, ...] = ()
