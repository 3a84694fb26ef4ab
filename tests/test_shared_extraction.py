"""Issue 3's acceptance on ../shared/corpus: what a careful reader takes from the two real articles.

Only facts are asserted here (ids, titles, dates, coordinates); the articles' text stays in ../shared.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newsgraph.dates import parse_date
from newsgraph.extraction import ExtractionRun, extraction_record
from newsgraph.records import Metadata
from newsgraph.settings import Settings

pytestmark = [pytest.mark.shared, pytest.mark.model]


def _extract(path: Path, published: str) -> dict[str, Any]:
    run = ExtractionRun(Settings(), overrides=Metadata(published=parse_date(published)))
    [extracted] = run.from_inputs([str(path)])
    return extraction_record(extracted)


@pytest.fixture(scope="module")
def report(shared_corpus_dir: Path) -> dict[str, Any]:
    return _extract(shared_corpus_dir / "004_3dc869a13cd3b395.txt", "2025-11-24")


@pytest.fixture(scope="module")
def blog(shared_corpus_dir: Path) -> dict[str, Any]:
    return _extract(shared_corpus_dir / "000_19cdef130871e71b.txt", "2026-01-16")


@pytest.fixture(scope="module")
def shared_corpus_dir() -> Path:
    corpus = Path(__file__).resolve().parents[2] / "shared" / "corpus"
    if not corpus.is_dir():
        pytest.skip("../shared/corpus is not present")
    return corpus


def _roles(record: dict[str, Any]) -> set[tuple[str, str, str | None, str]]:
    return {(r["entity_id"], r["title"], r["organization"], r["status"]) for r in record["roles"]}


def _times(record: dict[str, Any]) -> dict[str, str | None]:
    return {t["text"].lower(): t["value"] for t in record["times"]}


def test_the_people_keep_one_identity_across_both_articles(report: dict[str, Any],
                                                           blog: dict[str, Any]) -> None:
    later = {e["id"]: e["name"] for e in blog["entities"]}
    earlier = {e["id"]: e["name"] for e in report["entities"]}
    for person in ("person:john-ratcliffe", "person:delcy-rodriguez", "person:cilia-flores",
                   "person:maria-corina-machado", "person:donald-trump"):
        assert person in later, person
    assert later["person:nicolas-maduro"] == "Nicolás Maduro"
    assert earlier["person:nicolas-maduro"] == "Nicolas Maduro"  # the same id without the accent
    assert later["org:central-intelligence-agency"] == "Central Intelligence Agency"


def test_titles_then_and_now(report: dict[str, Any], blog: dict[str, Any]) -> None:
    assert ("person:nicolas-maduro", "president", "Venezuelan", "current") in _roles(report)
    later = _roles(blog)
    assert ("person:nicolas-maduro", "president", None, "former") in later
    assert ("person:john-ratcliffe", "director", "CIA", "current") in later
    assert ("person:delcy-rodriguez", "president", None, "interim") in later
    assert ("person:delcy-rodriguez", "vice president", "Maduro", "previous") in later
    assert ("person:maria-corina-machado", "opposition leader", "Venezuela", "current") in later
    assert all(r["as_of"] == "2026-01-16" for r in blog["roles"])


def test_quotes_keep_their_anonymous_speaker(report: dict[str, Any]) -> None:
    direct = [q for q in report["quotes"] if q["kind"] == "direct"]
    speakers = {q["speaker"]["anonymous_id"] for q in direct}
    assert speakers == {"anon:1"}
    assert direct[0]["speaker"]["text"] == "One administration official"
    assert len(direct) == 3  # the first quote, the "added" one, and the one about boats
    partial = {q["text"] for q in report["quotes"] if q["kind"] == "partial"}
    assert "face-to-face" in partial
    trump = [q for q in report["quotes"] if q["speaker"]["entity_id"] == "person:donald-trump"]
    assert trump and trump[0]["kind"] == "indirect"


def test_claims_carry_their_sources(report: dict[str, Any], blog: dict[str, Any]) -> None:
    chains = {tuple(a["chain"]) for a in report["attributions"]}
    assert ("Axios", "administration officials") in chains
    assert ("Axios", "Officials") in chains
    chips = {a["chain"][-1] for a in blog["attributions"] if a["cue"] == "citation-chip"}
    assert chips == {"CBS News", "Daily Sabah", "Reuters", "AP News", "MercoPress", "latimes.com",
                     "Financial Times"}


def test_dates_resolve_against_the_publication_day(report: dict[str, Any],
                                                   blog: dict[str, Any]) -> None:
    earlier = _times(report)
    assert earlier["this week"] == "2025-W48"
    assert earlier["friday"] == "2025-11-21"
    assert earlier["recent months"] == "PAST_REF"
    later = _times(blog)
    assert later["thursday"] == "2026-01-15"
    assert later["earlier this month"] == "2026-01"
    assert later["two-hour"] == "PT2H"


def test_places_have_coordinates(blog: dict[str, Any]) -> None:
    caracas = next(p for p in blog["places"] if p["name"] == "Caracas")
    assert caracas["country_code"] == "VE"
    assert abs(caracas["lat"] - 10.49) < 0.2 and abs(caracas["lon"] + 66.88) < 0.2
    assert {p["country_code"] for p in blog["places"]} >= {"VE", "US"}
