"""``newsgraph timeline``, ``newsgraph changes`` and the role ledger of ``newsgraph entity``, over the
invented story of conftest.py (hand-built extractions: no model)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from tests.test_cli import invoke, one_line

from newsgraph.pipeline import ingest_document
from newsgraph.records import Metadata, PartialDate, RawDocument
from newsgraph.settings import Settings
from newsgraph.store import SQLiteStore

LATER = "Former foreign minister Marta Quiroga met Tomas Elland again on Sunday."


def lines(result: Result) -> list[str]:
    assert (result.exit_code, result.stderr) == (0, ""), result.stderr
    return [one_line(line) for line in result.stdout.splitlines()]


def loads(result: Result) -> Any:
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def story_db(tmp_path: Path, store_story_with_role: Any) -> Path:
    """The invented story, with Marta Quiroga foreign minister in its first article and former foreign
    minister in a later one (published 2026-02-02) where she meets Elland again (on 2026-02-01)."""
    path = tmp_path / "story.db"
    with SQLiteStore(path) as store:
        store_story_with_role(store)
        _store_later(store)
    return path


def _store_later(store: SQLiteStore) -> None:
    metadata = Metadata(outlet="Coast Wire", published=PartialDate("2026-02-02", "day"))
    outcome = ingest_document(RawDocument("later.txt", LATER.encode(), "text/plain", metadata, text=LATER),
                              store, Settings(), Metadata())
    assert outcome.article_id is not None
    quiroga, elland = LATER.index("Marta Quiroga"), LATER.index("Tomas Elland")
    people = [("person:marta-quiroga", "Marta Quiroga", quiroga, "actor"),
              ("person:tomas-elland", "Tomas Elland", elland, "recipient")]
    store.save_extraction(outcome.article_id, "test 1", {
        "paragraphs": [{"start": 0, "end": len(LATER), "kind": "body", "cited_sources": []}],
        "sentences": [{"start": 0, "end": len(LATER)}],
        "entities": [{"id": e, "name": n, "type": "PERSON", "kb_id": None,
                      "mentions": [{"start": s, "end": s + len(n), "text": n}]} for e, n, s, _ in people],
        "roles": [{"entity_id": "person:marta-quiroga", "title": "foreign minister", "organization": None,
                   "status": "former", "as_of": "2026-02-02", "start": 0, "end": quiroga + 13}],
        "quotes": [], "attributions": [], "times": [], "places": [],
        "events": [{"id": "ev1", "type": "CONSULT", "mode": None, "cameo": "040", "contexts": [],
                    "trigger": {"start": LATER.index("met"), "end": LATER.index("met") + 3, "text": "met"},
                    "sentence": {"start": 0, "end": len(LATER)}, "actors": [], "recipients": [],
                    "participants": [{"role": r, "entity_id": e, "start": s, "end": s + len(n), "text": n}
                                     for e, n, s, r in people],
                    "place": None, "status": "happened", "reported": False,
                    "date": {"value": "2026-02-01", "precision": "day", "start": 0, "end": 0},
                    "attribution": ["Coast Wire"], "confidence": 0.8, "designation": None}],
    })


def test_timeline_lists_grouped_events_by_when_they_happened(event_db: Path) -> None:
    assert lines(invoke(["timeline", "--db", str(event_db)])) == [
        "2026-W02 THREATEN threatened Venezuela → the envoy “threatened” "
        "Coast Wire · 1 confirmation · 1 report · 2-ev1",
        "2026-01-15 CONSULT/visit happened Tomas Elland → Marta Quiroga @ Caracas “met” "
        "Harbour Ledger · 1 confirmation · 1 report · 1-ev1",
        "2026-01-16 (rep.) SANCTION happened United States → Venezuela “sanctioned” "
        "Harbour Ledger · 1 confirmation · 1 report · 1-ev2",
        "2026-01-16 (rep.) SANCTION planned United States “sanctions” "
        "Harbour Ledger · 1 confirmation · 1 report · 1-ev3",
        "undated SANCTION happened United States → Cartel del Norte “designated” "
        "unknown outlet · 1 confirmation · 1 report · 3-ev1",
    ]


def test_timeline_json_groups_the_reports_of_one_meeting(story_db: Path) -> None:
    entries = loads(invoke(["timeline", "--json", "--entity", "Quiroga", "--db", str(story_db)]))

    [meeting, again] = entries
    assert (meeting["date"], meeting["precision"], meeting["dated_by"]) == ("2026-01-15", "day", "event")
    assert (again["date"], again["dated_by"], again["sources"]) == ("2026-02-01", "event", ["Coast Wire"])
    assert meeting["group_id"] == "1-ev1" and meeting["place"] == "Caracas"


@pytest.mark.parametrize(("args", "expected"), [
    (["--since", "2026-01-16"], ["1-ev2", "1-ev3"]),
    (["--until", "2026-01-12"], ["2-ev1"]),
    (["--entity", "Venezuela"], ["2-ev1", "1-ev2"]),
    (["Elland"], ["1-ev1", "1-ev2", "1-ev3"]),
    (["nothing-matches-this"], []),
])
def test_timeline_selects_by_entity_query_and_dates(event_db: Path, args: list[str],
                                                     expected: list[str]) -> None:
    entries = loads(invoke(["timeline", "--json", "--db", str(event_db), *args]))

    assert [e["group_id"] for e in entries] == expected


def test_timeline_of_a_story(event_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(SQLiteStore, "story_article_ids", lambda self, story_id: [2, 3])

    entries = loads(invoke(["timeline", "--story", "7", "--json", "--db", str(event_db)]))

    assert [e["group_id"] for e in entries] == ["2-ev1", "3-ev1"]


def test_timeline_of_an_unknown_story_is_a_usage_error(event_db: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(SQLiteStore, "story_article_ids", lambda self, story_id: [])

    result = invoke(["timeline", "--story", "99", "--db", str(event_db)])

    assert result.exit_code == 2 and "no story 99" in one_line(result.stderr)


def test_timeline_takes_one_selection_only(event_db: Path) -> None:
    result = invoke(["timeline", "Elland", "--entity", "Venezuela", "--db", str(event_db)])

    assert result.exit_code == 2 and "give one of --story, --entity and QUERY" in one_line(result.stderr)


def test_changes_lists_the_role_change_with_evidence_on_both_sides(story_db: Path) -> None:
    found = loads(invoke(["changes", "--json", "--db", str(story_db)]))

    [role] = [c for c in found if c["kind"] == "role"]
    assert (role["detail"], role["as_of"]) == ("foreign minister → former foreign minister", "2026-02-02")
    assert [(e["article_id"], e["outlet"], e["text"]) for e in role["before"]] == [
        (1, "Harbour Ledger", "Marta Quiroga")]
    assert [(e["article_id"], e["outlet"]) for e in role["after"]] == [(4, "Coast Wire")]
    new = [c["as_of"] for c in found if c["kind"] == "new"]
    assert new == ["2026-01-01", "2026-01-16", "2026-02-02", None]


def test_changes_since_and_text(story_db: Path) -> None:
    output = lines(invoke(["changes", "--since", "2026-02", "--db", str(story_db)]))

    assert output[0].startswith("2026-02-02 role foreign minister → former foreign minister Marta Quiroga:")
    assert output[1].startswith("before: #1 Harbour Ledger 2026-01-16 “Marta Quiroga”")
    assert output[-1] == "2026-02-02 new article #4 (Coast Wire) adds 1 event(s), 1 title(s)"


def test_changes_on_an_empty_database(tmp_path: Path) -> None:
    assert lines(invoke(["changes", "--db", str(tmp_path / "empty.db")])) == ["no changes"]


def test_entity_shows_the_role_ledger(story_db: Path) -> None:
    output = lines(invoke(["entity", "Quiroga", "--db", str(story_db)]))

    assert "titles held:" in output
    assert "foreign minister 2026-01-16 Harbour Ledger" in output
    assert "former foreign minister 2026-02-02 Coast Wire" in output
    ledger = loads(invoke(["entity", "Quiroga", "--json", "--db", str(story_db)]))["ledger"]
    assert [(e["label"], e["first"], e["article_ids"]) for e in ledger] == [
        ("foreign minister", "2026-01-16", [1]), ("former foreign minister", "2026-02-02", [4])]


def test_entity_shows_status_changes_caused_by_events(event_db: Path) -> None:
    output = lines(invoke(["entity", "Cartel del Norte", "--db", str(event_db)]))

    assert "status changes:" in output
    assert any(line.startswith("undated designated foreign terrorist organization “designated”")
               for line in output)


def test_export_event_groups(event_db: Path) -> None:
    result = invoke(["export", "--format", "event-groups-jsonl", "--db", str(event_db)])

    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in records] == ["2-ev1", "1-ev1", "1-ev2", "1-ev3", "3-ev1"]
    assert records[1]["mentions"][0] | {"sentence_start": 0} == {
        "article_id": 1, "event_id": "ev1", "outlet": "Harbour Ledger", "published": "2026-01-16",
        "status": "happened", "type": "CONSULT", "mode": "visit", "date": "2026-01-15", "trigger": "met",
        "trigger_start": 13, "trigger_end": 16, "sentence_start": 0, "sentence_end": 56,
        "attribution": ["Harbour Ledger"]}
