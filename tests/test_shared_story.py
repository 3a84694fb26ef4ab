"""Issues 4 and 5 on ../shared/corpus: the events a careful reader sees, and the story they make.

The two real articles (a November 2025 report and a January 2026 blog post on US–Venezuela relations)
are ingested with the publication dates their README gives. Only facts are asserted here (types,
statuses, ids, dates); the articles' text stays in ../shared.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newsgraph.cli import cli

pytestmark = [pytest.mark.shared, pytest.mark.model]

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
ARTICLES = (("004_3dc869a13cd3b395.txt", "2025-11-24"), ("000_19cdef130871e71b.txt", "2026-01-16"))


def _run(*args: str) -> Any:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout) if "--json" in args else result.stdout


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present")
    path = str(tmp_path_factory.mktemp("shared") / "story.db")
    for name, published in ARTICLES:
        _run("ingest", str(CORPUS / name), "--published", published, "--db", path)
    return path


@pytest.fixture(scope="module")
def events(db: str) -> list[dict[str, Any]]:
    return _run("events", "--json", "--limit", "500", "--db", db)


def _ids(event: dict[str, Any], role: str) -> set[str]:
    return {p["entity_id"] for p in event["participants"] if p["role"] == role and p["entity_id"]}


def _actors(event: dict[str, Any]) -> set[str]:
    return _ids(event, "actor")


def _recipients(event: dict[str, Any]) -> set[str]:
    return _ids(event, "recipient")


def _find(events: list[dict[str, Any]], **want: Any) -> list[dict[str, Any]]:
    return [e for e in events if all(e.get(k) == v for k, v in want.items())]


# --- issue 4: every event a careful reader sees --------------------------------------------------

def test_the_planned_call_between_trump_and_maduro(events: list[dict[str, Any]]) -> None:
    calls = [e for e in _find(events, type="CONSULT", status="planned")
             if "person:donald-trump" in _actors(e) and "person:nicolas-maduro" in _recipients(e)]
    assert calls


def test_the_plan_not_to_snatch_him_is_negated_and_reported(events: list[dict[str, Any]]) -> None:
    [snatch] = [e for e in events if e["trigger"] == "snatch"]
    assert (snatch["type"], snatch["status"], snatch["reported"]) == ("ASSAULT", "negated", True)


def test_the_terrorist_designation(events: list[dict[str, Any]]) -> None:
    designations = [e for e in _find(events, type="SANCTION", status="happened") if e["designation"]]
    labels = {e["designation"]["label"] for e in designations}
    assert any("terrorist organization" in label for label in labels)
    assert any("place:united-states" in _actors(e) or "gpe:united-states" in _actors(e)
               for e in designations)


def test_the_military_build_up(events: list[dict[str, Any]]) -> None:
    assert [e for e in _find(events, type="MOBILIZE", status="happened") if e["mode"] == "troops"]


def test_the_threat_to_blow_up_drug_boats(events: list[dict[str, Any]]) -> None:
    boats = [e for e in _find(events, type="ASSAULT") if e["trigger"] == "blow up"]
    assert boats and boats[0]["status"] == "planned"


def test_the_capture_of_maduro_and_cilia_flores_in_january(events: list[dict[str, Any]]) -> None:
    captures = [e for e in _find(events, type="COERCE", mode="arrest", status="happened")
                if {"person:nicolas-maduro", "person:cilia-flores"} <= _recipients(e)]
    assert captures and {e["date"] for e in captures} == {"2026-01"}


def test_the_ratcliffe_rodriguez_meeting_in_caracas_on_the_fifteenth(events: list[dict[str, Any]]) -> None:
    meetings = [e for e in _find(events, type="CONSULT", status="happened")
                if {"person:john-ratcliffe", "person:delcy-rodriguez"}
                <= _actors(e) | _recipients(e)]
    assert any(e["date"] == "2026-01-15" and (e["place"] or {}).get("name") == "Caracas" for e in meetings)


def test_machado_presents_her_medal_at_the_white_house(events: list[dict[str, Any]]) -> None:
    presented = [e for e in events if e["trigger"] == "presented"
                 and "person:maria-corina-machado" in _actors(e)]
    assert presented and "person:donald-trump" in _recipients(presented[0])
    assert (presented[0]["place"] or {}).get("name") == "White House"


# --- issue 5: one story, its role changes, and the plan that the capture overtook ---------------

@pytest.fixture(scope="module")
def story(db: str) -> dict[str, Any]:
    stories = _run("stories", "--json", "--db", db)
    assert len(stories) == 1, stories
    return stories[0]


@pytest.fixture(scope="module")
def changes(db: str, story: dict[str, Any]) -> list[dict[str, Any]]:
    return _run("changes", "--story", str(story["id"]), "--json", "--db", db)


def test_the_two_articles_form_one_story(story: dict[str, Any]) -> None:
    assert story["articles"] == 2
    assert (story["first"], story["last"]) == ("2025-11-24", "2026-01-16")


def test_maduro_and_rodriguez_show_their_role_changes(changes: list[dict[str, Any]]) -> None:
    roles = {(c["entity_id"], c["detail"]) for c in changes if c["kind"] == "role"}
    assert ("person:nicolas-maduro", "president → former president") in roles
    assert ("person:delcy-rodriguez", "vice president → interim president") in roles


def test_the_november_plan_is_linked_to_the_january_capture(changes: list[dict[str, Any]]) -> None:
    outcomes = [c for c in changes if c["kind"] == "outcome"]
    linked = [c for c in outcomes
              if any(e["text"] == "snatch" and e["published"] == "2025-11-24" for e in c["before"])
              and any(e["text"] == "capture" and e["published"] == "2026-01-16" for e in c["after"])]
    assert linked
