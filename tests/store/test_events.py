"""Events in the store: written with their extraction, listed by date with filters, replaced whole."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from newsgraph.dyads import DyadRule
from newsgraph.errors import StoreError
from newsgraph.store import EventQuery, EventRow, SQLiteStore
from newsgraph.store.event_rows import readable_date

StoryRecord = Callable[[str, str, str | None], dict[str, Any]]


@pytest.fixture
def store() -> Iterator[SQLiteStore]:
    with SQLiteStore(":memory:") as opened:
        yield opened


@pytest.fixture
def story(store: SQLiteStore, store_story: Callable[[SQLiteStore], dict[str, int]]) -> dict[str, int]:
    return store_story(store)


def keys(rows: list[EventRow]) -> list[tuple[int, str]]:
    return [(row.article_id, row.event_id) for row in rows]


def named(story: dict[str, int], events: list[str]) -> list[tuple[int, str]]:
    """``talks.txt/ev2`` → (the article id of talks.txt, ``ev2``)."""
    return [(story[source], event) for source, event in (item.split("/") for item in events)]


def test_events_are_listed_by_when_then_article_and_undated_last(
    store: SQLiteStore, story: dict[str, int]
) -> None:
    talks, envoy, cartel = story["talks.txt"], story["envoy.txt"], story["cartel.txt"]

    rows = store.events()

    # the week 2026-W02 starts on 5 January; the talks on the 15th; two undated events take the
    # publication day (16th); the cartel article has neither date nor publication date
    assert keys(rows) == [(envoy, "ev1"), (talks, "ev1"), (talks, "ev2"), (talks, "ev3"), (cartel, "ev1")]
    assert [(r.when_start, r.when_end, r.dated_by) for r in rows] == [
        ("2026-01-05", "2026-01-11", "event"), ("2026-01-15", "2026-01-15", "event"),
        ("2026-01-16", "2026-01-16", "published"), ("2026-01-16", "2026-01-16", "published"),
        (None, None, None)]


def test_an_event_row_holds_what_the_record_says(store: SQLiteStore, story: dict[str, int]) -> None:
    [row] = store.events(EventQuery(types=("CONSULT",)))

    assert (row.type, row.mode, row.cameo, row.status, row.reported, row.confidence) == (
        "CONSULT", "visit", "042", "happened", False, 0.8)
    assert (row.date, row.date_precision) == ("2026-01-15", "day")
    assert [(p.role, p.entity_id, p.name, p.text) for p in row.participants] == [
        ("actor", "person:tomas-elland", "Tomas Elland", "Tomas Elland"),
        ("recipient", "person:marta-quiroga", "Marta Quiroga", "Marta Quiroga")]
    assert row.place is not None
    assert (row.place.name, row.place.country_code, row.place.geonameid) == ("Caracas", "VE", 3646738)
    assert (row.outlet, row.url, row.published, row.source) == (
        "Harbour Ledger", "https://ledger.example/talks", "2026-01-16", "talks.txt")
    assert row.in_lead and row.extraction_version == "test 1" and row.extracted_at


def test_trigger_and_sentence_offsets_point_at_the_article_text(
    store: SQLiteStore, story: dict[str, int]
) -> None:
    for row in store.events():
        text = store.get_article(row.article_id).text
        assert text[row.trigger_start:row.trigger_end] == row.trigger
        assert text[row.sentence_start:row.sentence_end] == row.sentence
        assert row.trigger in row.sentence


def test_a_reported_event_keeps_its_attribution_chain(store: SQLiteStore, story: dict[str, int]) -> None:
    [row] = store.events(EventQuery(statuses=("planned",)))

    assert row.reported and row.attribution == ("Harbour Ledger", "officials")
    assert not row.in_lead  # the third paragraph


def test_a_designation_round_trips(store: SQLiteStore, story: dict[str, int]) -> None:
    [row] = store.events(EventQuery(article_id=story["cartel.txt"]))

    assert row.designation is not None
    assert (row.designation.label, row.designation.authority_id, row.designation.target_id) == (
        "foreign terrorist organization", "place:united-states", "org:cartel-del-norte")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (EventQuery(types=("SANCTION",)), ["talks.txt/ev2", "talks.txt/ev3", "cartel.txt/ev1"]),
        (EventQuery(types=("SANCTION",), statuses=("happened",)), ["talks.txt/ev2", "cartel.txt/ev1"]),
        (EventQuery(statuses=("threatened", "planned")), ["envoy.txt/ev1", "talks.txt/ev3"]),
        (EventQuery(entity_ids=("place:venezuela",)), ["envoy.txt/ev1", "talks.txt/ev2"]),
        (EventQuery(entity_ids=("place:venezuela", "place:united-states")), ["talks.txt/ev2"]),
        (EventQuery(entity_ids=("person:nobody",)), []),
        (EventQuery(outlet="coast wire"), ["envoy.txt/ev1"]),
        (EventQuery(place="caracas"), ["talks.txt/ev1"]),
        (EventQuery(place="ve"), ["talks.txt/ev1"]),
        (EventQuery(types=("ASSAULT",)), []),
        # a named actor and recipient each; "the envoy" is a new actor of two words
        (EventQuery(dyads=DyadRule()), ["talks.txt/ev1", "talks.txt/ev2", "cartel.txt/ev1"]),
        (EventQuery(dyads=DyadRule(2)),
         ["envoy.txt/ev1", "talks.txt/ev1", "talks.txt/ev2", "cartel.txt/ev1"]),
        (EventQuery(dyads=DyadRule(2), statuses=("threatened",)), ["envoy.txt/ev1"]),
    ],
)
def test_filters(store: SQLiteStore, story: dict[str, int], query: EventQuery, expected: list[str]) -> None:
    assert keys(store.events(query)) == named(story, expected)


@pytest.mark.parametrize(
    ("since", "until", "expected"),
    [
        # the week-dated threat (5–11 January) overlaps a filter on any of its days
        ("2026-01-10", None, ["envoy.txt/ev1", "talks.txt/ev1", "talks.txt/ev2", "talks.txt/ev3"]),
        ("2026-01-12", None, ["talks.txt/ev1", "talks.txt/ev2", "talks.txt/ev3"]),
        (None, "2026-01-15", ["envoy.txt/ev1", "talks.txt/ev1"]),
        ("2026-01-16", "2026-01-16", ["talks.txt/ev2", "talks.txt/ev3"]),
        ("2026-01", "2026-01", ["envoy.txt/ev1", "talks.txt/ev1", "talks.txt/ev2", "talks.txt/ev3"]),
        ("2026-02", None, []),
        (None, "2025", []),
    ],
)
def test_date_filters_match_overlap_and_skip_events_with_no_date_at_all(
    store: SQLiteStore, story: dict[str, int], since: str | None, until: str | None, expected: list[str]
) -> None:
    rows = store.events(EventQuery(since=since, until=until))

    assert keys(rows) == named(story, expected)


def test_a_bad_date_filter_is_a_store_error(store: SQLiteStore, story: dict[str, int]) -> None:
    with pytest.raises(StoreError, match="not a date"):
        store.events(EventQuery(since="last week"))


def test_limit_and_offset_page_through_the_same_order(store: SQLiteStore, story: dict[str, int]) -> None:
    everything = keys(store.events())

    pages = [keys(store.events(EventQuery(limit=2, offset=offset))) for offset in (0, 2, 4)]

    assert pages == [everything[0:2], everything[2:4], everything[4:]]


def test_iter_events_streams_in_pages(
    store: SQLiteStore, story: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsgraph.store import sqlite as sqlite_store

    monkeypatch.setattr(sqlite_store, "_EVENT_PAGE", 2)

    rows = list(store.iter_events())

    assert keys(rows) == keys(store.events()) and len(rows) == 5
    assert all(row.participants for row in rows)


# Writes ---------------------------------------------------------------------------------------------

@pytest.fixture
def record_of(store: SQLiteStore, story_record: StoryRecord) -> Callable[[int, str], dict[str, Any]]:
    """The record the story saved for an article, built again to be changed by a test."""
    return lambda article_id, source: story_record(store.get_article(article_id).text, source,
                                                   "Harbour Ledger")


def test_extracting_again_replaces_the_events_of_that_article_only(
    store: SQLiteStore, story: dict[str, int], record_of: Callable[[int, str], dict[str, Any]]
) -> None:
    talks = story["talks.txt"]
    record = record_of(talks, "talks.txt")
    record["events"] = record["events"][:1]

    store.save_extraction(talks, "test 2", record)

    assert keys(store.events(EventQuery(article_id=talks))) == [(talks, "ev1")]
    assert len(store.events()) == 3
    assert store.events(EventQuery(article_id=talks))[0].extraction_version == "test 2"


def test_a_failing_event_write_leaves_the_earlier_extraction_whole(
    store: SQLiteStore, story: dict[str, int], record_of: Callable[[int, str], dict[str, Any]]
) -> None:
    talks = story["talks.txt"]
    before, stored = store.events(), store.extraction(talks)
    record = record_of(talks, "talks.txt")
    broken = copy.deepcopy(record)
    broken["events"][2]["participants"][0]["role"] = "witness"  # refused by the table's CHECK

    with pytest.raises(StoreError, match=f"article {talks}"):
        store.save_extraction(talks, "test 2", broken)

    assert store.events() == before
    assert store.extraction(talks) == stored
    store.save_extraction(talks, "test 2", record)  # and the store goes on working
    assert len(store.events()) == len(before)


def test_a_malformed_event_is_refused_by_name_before_anything_is_written(
    store: SQLiteStore, story: dict[str, int], record_of: Callable[[int, str], dict[str, Any]]
) -> None:
    talks = story["talks.txt"]
    before = store.events()
    record = record_of(talks, "talks.txt")
    del record["events"][1]["trigger"]

    with pytest.raises(StoreError, match="event ev2 is malformed"):
        store.save_extraction(talks, "test 2", record)

    assert store.events() == before


def test_a_record_without_events_stores_none(
    store: SQLiteStore, story: dict[str, int], record_of: Callable[[int, str], dict[str, Any]]
) -> None:
    talks = story["talks.txt"]
    record = record_of(talks, "talks.txt")
    del record["events"]

    store.save_extraction(talks, "test 2", record)

    assert store.events(EventQuery(article_id=talks)) == []


def test_events_survive_reopening_a_file_store(
    tmp_path: Path, store_story: Callable[[SQLiteStore], dict[str, int]]
) -> None:
    path = tmp_path / "news.db"
    with SQLiteStore(path) as first:
        story = store_story(first)

    with SQLiteStore(path) as second:
        assert len(second.events()) == 5
        [threat] = second.events(EventQuery(article_id=story["envoy.txt"]))
        assert threat.sentence == "Venezuela threatened to expel the envoy."


# The days a date stands for -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-03-31TMO", "2026-03-31 morning"),
        ("2026-03-02TNI", "2026-03-02 night"),
        ("2026-03-02T14:30", "2026-03-02 14:30"),
        ("2026-03-02T14:30:05Z", "2026-03-02 14:30"),
        ("2026-SU", "summer 2026"),
        ("2025-WI", "winter 2025"),
        ("202", "the 2020s"),
        ("2026-01-15", "2026-01-15"),
        ("2026-W02", "2026-W02"),
        ("PRESENT_REF", "PRESENT_REF"),
        ("2026-03-02TXX", "2026-03-02TXX"),
    ],
)
def test_readable_date(value: str, expected: str) -> None:
    assert readable_date(value) == expected
