"""Invariants of ingest → store → export for any text: raw text kept, re-ingest a no-op, offsets true."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from newsgraph.export import article_record
from newsgraph.pipeline import ingest_document
from newsgraph.records import Article, IngestOutcome, Metadata, RawDocument
from newsgraph.settings import Settings
from newsgraph.store import SQLiteStore

SETTINGS = Settings()
PROPERTY_SETTINGS = settings(max_examples=100, deadline=None,
                             suppress_health_check=[HealthCheck.too_slow])

# Pieces of invented copy-pasted news, with what cleaning has to cope with: headings, chips, boilerplate,
# comment sections, mojibake, entities, odd white space, invisible characters and every kind of line end.
FRAGMENTS = [
    "Harbour Bridge Reopens", "# Council Budget Vote", "## Live updates", "The mayor, Ines Halvorsen,",
    "said on Tuesday that repairs would take weeks.", "Ferry crews walked out at dawn.",
    "“We were not consulted,” one driver said.", "harbourwatch.example", "Avelin Gazette +2",
    "Share this story", "Follow us on Mastodon", "Related stories", "Read more: Tram fares rise",
    "Comments (4)", "Be the first to comment", "CafÃ© owners", "&amp; more", "naïve café", "Ñúñez",
    "\u00a0", "\u200b", "\ufffd", "\t", " ", "  ", "\u3000", "\u00ad", "1,200", "9 a.m.", "...", "—",
    "\n", "\n\n", "\r\n", "\r", "\u2028", "\u2029", "\x85", "\x0c",
]
news_like = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(min_size=1, max_size=12)), min_size=1, max_size=40
).map(" ".join)
any_text = st.one_of(news_like, st.text(min_size=1, max_size=300))
non_blank = any_text.filter(lambda text: text.strip() != "")


@contextmanager
def _stored(text: str) -> Iterator[tuple[SQLiteStore, IngestOutcome, RawDocument]]:
    document = RawDocument("property.txt", text.encode("utf-8"), "text/plain", Metadata(), text=text)
    with SQLiteStore(":memory:") as store:
        outcome = ingest_document(document, store, SETTINGS, Metadata())
        event(outcome.status)
        assert outcome.status == "stored" or (outcome.status, outcome.reason) == ("failed", "empty"), (
            outcome)
        yield store, outcome, document


def _article(store: SQLiteStore, outcome: IngestOutcome) -> Article | None:
    return None if outcome.article_id is None else store.get_article(outcome.article_id)


@PROPERTY_SETTINGS
@given(non_blank)
def test_export_keeps_the_raw_text_exactly(text: str) -> None:
    with _stored(text) as (store, outcome, _):
        article = _article(store, outcome)
        if article is not None:
            assert article_record(article)["raw_text"] == text
            assert store.raw_input(article.id)[1] == text.encode("utf-8")


@PROPERTY_SETTINGS
@given(non_blank)
def test_ingesting_the_same_document_again_adds_nothing(text: str) -> None:
    with _stored(text) as (store, outcome, document):
        before = store.stats().articles

        again = ingest_document(document, store, SETTINGS, Metadata())

        if outcome.status == "stored":
            assert (again.status, again.article_id) == ("already_stored", outcome.article_id)
        else:
            assert again.status == "failed"
        assert store.stats().articles == before


@PROPERTY_SETTINGS
@given(non_blank)
def test_offsets_point_at_the_raw_text_they_came_from(text: str) -> None:
    with _stored(text) as (store, outcome, _):
        article = _article(store, outcome)
        if article is None:
            return
        raw, cleaned, segments = article.raw_text, article.text, article.offsets.segments
        # the segments cover the cleaned text in order, and copied ones are equal to their raw span
        assert [s.start for s in segments[1:]] == [s.end for s in segments[:-1]]
        assert (segments[0].start, segments[-1].end) == (0, len(cleaned))
        for s in segments:
            assert 0 <= s.raw_start <= s.raw_end <= len(raw)
            if s.copied:
                assert cleaned[s.start:s.end] == raw[s.raw_start:s.raw_end]
        # every character of every paragraph in a copied segment maps to the same raw character
        for paragraph in article.paragraphs:
            raw_start, raw_end = article.offsets.span_to_raw(paragraph.start, paragraph.end)
            assert 0 <= raw_start <= raw_end <= len(raw)
            for s in segments:
                if s.copied:
                    for i in range(max(s.start, paragraph.start), min(s.end, paragraph.end)):
                        assert raw[article.offsets.to_raw(i)] == cleaned[i]
        for removal in article.removals:
            assert raw[removal.raw_start:removal.raw_end] == removal.text
