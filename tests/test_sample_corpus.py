"""The bundled fictional corpus ingests as the demo expects: one syndicated copy, every format read."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.inputs.fetch import FakeFetcher
from newsgraph.pipeline import ingest
from newsgraph.records import IngestOutcome
from newsgraph.settings import Settings
from newsgraph.store import SQLiteStore

SAMPLE = Path(__file__).resolve().parent.parent / "sample"


@pytest.fixture
def outcomes(memory_store: SQLiteStore) -> dict[str, IngestOutcome]:
    results = ingest([str(SAMPLE)], memory_store, settings=Settings(), fetcher=FakeFetcher({}))
    return {Path(o.source).name: o for o in results}


def test_every_sample_article_is_stored_once(outcomes: dict[str, IngestOutcome]) -> None:
    statuses = [o.status for o in outcomes.values()]
    assert statuses.count("stored") == 17
    assert statuses.count("duplicate") == 1
    assert "failed" not in statuses


def test_syndicated_copy_is_a_near_duplicate_of_the_wire_original(
    outcomes: dict[str, IngestOutcome],
) -> None:
    copy = outcomes["05_southern-post_crew-consular-visit-syndicated.txt"]
    original = outcomes["04_andes-wire_crew-consular-visit.txt"]
    assert copy.status == "duplicate"
    assert copy.duplicate_of == original.article_id
    assert copy.similarity is not None and copy.similarity >= 0.8


def test_dates_keep_their_precision(outcomes: dict[str, IngestOutcome],
                                    memory_store: SQLiteStore) -> None:
    def published(name: str) -> tuple[str, str]:
        article_id = outcomes[name].article_id
        assert article_id is not None
        date = memory_store.get_article(article_id).metadata.published
        assert date is not None
        return date.iso, date.precision

    assert published("batch.jsonl:1") == ("2026-04-02T14:05:00+00:00", "second")
    assert published("batch.jsonl:2") == ("2026-04-07", "day")
    assert published("batch.jsonl:3") == ("2026-04", "month")
    assert published("01_andes-wire_trawler-seized.txt") == ("2026-03-02", "day")
    assert published("feed.xml#entry-1")[1] == "second"


def test_manifest_metadata_reaches_the_text_articles(outcomes: dict[str, IngestOutcome],
                                                      memory_store: SQLiteStore) -> None:
    article_id = outcomes["08_andes-wire_echeverria-resigns.txt"].article_id
    assert article_id is not None
    meta = memory_store.get_article(article_id).metadata
    assert meta.outlet == "Andes Wire"
    assert meta.url is not None and meta.url.startswith("https://andeswire.example/")


def test_noisy_article_comes_out_clean(outcomes: dict[str, IngestOutcome],
                                       memory_store: SQLiteStore) -> None:
    article_id = outcomes["11_southern-post_arica-fishermen-protest.txt"].article_id
    assert article_id is not None
    article = memory_store.get_article(article_id)
    cited = [name for p in article.paragraphs for name in p.cited_sources]
    assert cited == ["Andes Wire", "Coastal Tribune", "Meridian Business", "Pacific Ledger",
                     "coastaltribune.example"]
    assert "\ufffd" not in article.text
    assert "Comments" not in article.text and "Share this article" not in article.text
    headings = [article.text[p.start:p.end] for p in article.paragraphs if p.kind == "heading"]
    assert "What the protest is about" in headings


def test_html_page_loses_navigation_and_comments(outcomes: dict[str, IngestOutcome],
                                                 memory_store: SQLiteStore) -> None:
    article_id = outcomes["09_lima-courier_lima-talks.html"].article_id
    assert article_id is not None
    article = memory_store.get_article(article_id)
    assert article.metadata.outlet == "Lima Courier"
    assert article.metadata.author == "Diego Sotomayor"
    assert article.metadata.published is not None
    assert article.metadata.published.precision == "second"
    assert "Torre Tagle" in article.text
    for noise in ("Subscribe", "Share on", "cookie", "Related stories"):
        assert noise.casefold() not in article.text.casefold(), noise
