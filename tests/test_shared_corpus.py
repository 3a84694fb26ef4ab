"""The two real articles in ../shared/corpus ingest clean: chips become sources, no noise is left."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.pipeline import ingest
from newsgraph.records import Metadata
from newsgraph.settings import Settings
from newsgraph.store import SQLiteStore

pytestmark = pytest.mark.shared

BLOG = "000_19cdef130871e71b.txt"
REPORT = "004_3dc869a13cd3b395.txt"
CHIP_OUTLETS = {"CBS News", "Daily Sabah", "Reuters", "AP News", "MercoPress", "latimes.com",
                "Financial Times"}


def _ingest(store: SQLiteStore, path: Path, published: str) -> int:
    from newsgraph.dates import parse_date

    overrides = Metadata(published=parse_date(published))
    [outcome] = ingest([str(path)], store, settings=Settings(), overrides=overrides)
    assert outcome.status == "stored", outcome
    assert outcome.article_id is not None
    return outcome.article_id


def test_blog_repost_chips_become_paragraph_sources(shared_corpus: Path,
                                                     memory_store: SQLiteStore) -> None:
    article = memory_store.get_article(_ingest(memory_store, shared_corpus / BLOG, "2026-01-16"))
    cited = {name for p in article.paragraphs for name in p.cited_sources}
    assert cited == CHIP_OUTLETS
    first_body = next(p for p in article.paragraphs if p.kind == "body")
    assert first_body.cited_sources == ("CBS News",)
    # the line before the first chip line, read from the file: no article text in the repository
    raw_lines = (shared_corpus / BLOG).read_text("utf-8").splitlines()
    before_chip = raw_lines[raw_lines.index("CBS News +1") - 1]
    assert article.text[first_body.start:first_body.end] == before_chip.removesuffix(" \ufffd")
    assert all(not p.cited_sources for p in article.paragraphs if p.kind == "heading")


def test_blog_repost_keeps_no_noise(shared_corpus: Path, memory_store: SQLiteStore) -> None:
    article = memory_store.get_article(_ingest(memory_store, shared_corpus / BLOG, "2026-01-16"))
    lines = article.text.split("\n\n")
    assert "\ufffd" not in article.text
    assert not any(line in CHIP_OUTLETS or line.endswith("+1") for line in lines)
    assert "Comments" not in lines
    assert "no comments" not in article.text and "Be the first" not in article.text
    reasons = {r.reason for r in article.removals}
    assert reasons == {"citation-chip", "replacement-character", "comment-trailer"}
    headline = (shared_corpus / BLOG).read_text("utf-8").splitlines()[0]
    assert article.metadata.title == headline
    assert article.metadata.published is not None and article.metadata.published.iso == "2026-01-16"


def test_blog_repost_headings_stay_headings(shared_corpus: Path, memory_store: SQLiteStore) -> None:
    article = memory_store.get_article(_ingest(memory_store, shared_corpus / BLOG, "2026-01-16"))
    headings = [article.text[p.start:p.end] for p in article.paragraphs if p.kind == "heading"]
    raw_lines = set((shared_corpus / BLOG).read_text("utf-8").splitlines())
    assert len(headings) == 12  # the headline, a subheadline and ten section headings
    assert all(h in raw_lines and not h.endswith(".") for h in headings)
    assert all(h not in CHIP_OUTLETS for h in headings)


def test_offsets_point_back_at_raw_characters(shared_corpus: Path, memory_store: SQLiteStore) -> None:
    article = memory_store.get_article(_ingest(memory_store, shared_corpus / BLOG, "2026-01-16"))
    for segment in article.offsets.segments:
        if segment.copied:
            assert (article.text[segment.start:segment.end]
                    == article.raw_text[segment.raw_start:segment.raw_end])
    for removal in article.removals:
        assert article.raw_text[removal.raw_start:removal.raw_end] == removal.text


def test_report_is_stored_whole(shared_corpus: Path, memory_store: SQLiteStore) -> None:
    article = memory_store.get_article(_ingest(memory_store, shared_corpus / REPORT, "2025-11-24"))
    assert article.removals == ()
    assert [p.kind for p in article.paragraphs] == ["body"] * 9
    assert article.text.split("\n\n") == article.raw_text.strip().split("\n")


def test_the_two_articles_are_not_duplicates(shared_corpus: Path, memory_store: SQLiteStore) -> None:
    _ingest(memory_store, shared_corpus / REPORT, "2025-11-24")
    _ingest(memory_store, shared_corpus / BLOG, "2026-01-16")
    numbers = memory_store.stats()
    assert (numbers.originals, numbers.duplicates) == (2, 0)
    assert (numbers.earliest, numbers.latest) == ("2025-11-24", "2026-01-16")
