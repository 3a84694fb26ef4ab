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


EventType = Literal["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]
EVENT_TYPES: tuple[EventType, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
EventStatus = Literal["happened", "ongoing", "planned", "threatened", "negated", "hypothetical", "denied"]
EVENT_STATUSES: tuple[EventStatus, ...] = (
    "happened", "ongoing", "planned", "threatened", "negated", "hypothetical", "denied")
DatePrecision = Literal["century", "decade", "year", "half", "quarter", "season", "month", "week", "day",
                        "time"]


@dataclass(frozen=True)
class Participant:
    """Who takes part in an event: a named entity (``entity_id``) or an unnamed group the text names
    ("U.S. forces", "protesters"), with the span of its head phrase."""

    entity_id: str | None
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class EventDate:
    """When an event happened (or is to happen), from the time layer: a TIMEX3 ``value`` at its
    ``precision``; ``start``/``end`` span the time expression it came from."""

    value: str
    precision: DatePrecision
    start: int
    end: int


@dataclass(frozen=True)
class Designation:
    """A legal act naming a target: "the United States designated the Cartel de los Soles a foreign
    terrorist organization" is (label "foreign terrorist organization", authority the United States,
    target the Cartel de los Soles)."""

    label: str
    authority: Participant | None
    target: Participant | None
    effective: EventDate | None


@dataclass(frozen=True)
class Event:
    """One PLOVER event a sentence reports, happened or not.

    ``id`` is ``ev1``, ``ev2`` … in text order within the article. ``cameo`` is the CAMEO code the
    trigger maps to (``"042"``, or the root ``"04"`` when nothing finer is known). ``place`` indexes
    ``Analysis.places``. ``attribution`` is the chain the claim comes from (nearest source first),
    empty when the outlet asserts it itself. ``confidence`` is in [0, 1].
    """

    id: str
    type: EventType
    mode: str | None
    contexts: tuple[str, ...]
    cameo: str
    trigger: Mention
    sentence: Sentence
    actors: tuple[Participant, ...]
    recipients: tuple[Participant, ...]
    place: int | None
    date: EventDate | None
    status: EventStatus
    attribution: tuple[str, ...]
    confidence: float
    designation: Designation | None = None


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
    events: tuple[Event, ...] = ()
    # Components that raised on this text ("newsgraph_quotes: IndexError: …"); an analysis with
    # failures is incomplete and is never stored.
    failures: tuple[str, ...] = ()
