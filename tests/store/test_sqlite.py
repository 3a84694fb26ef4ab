"""The SQLite store: every field round-trips; look-ups, listing, search, stats; atomic writes."""

from __future__ import annotations

import hashlib
import sqlite3
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsgraph.clean import clean
from newsgraph.errors import ArticleNotFoundError, StoreError
from newsgraph.records import CleanText, Metadata, PartialDate, Removal
from newsgraph.store import NewArticle, SQLiteStore, open_store

# Invented for these tests: a markdown headline, a repaired mojibake "é", a no-break space, a citation chip
# after the first paragraph, a zero-width space and a share line, with Windows line ends.
RAW = (
    "# Ferry Strike Ends In Port Avelin\r\n\r\n"
    "Dockworkers in Port Avelin returned to work on Monday after a nine-day strike, the Avelin\u00a0"
    "Harbour Union said.\r\n"
    "harbourwatch.example\r\n\r\n"
    "Union leader Ros\u00c3\u00a9 Tamberlin called the deal a fair start.\u200b\r\n\r\n"
    "Share this story\r\n"
)
SIGNATURE = bytes(range(16))


def _article(
    raw: str = RAW,
    *,
    source: str = "avelin.txt",
    metadata: Metadata | None = None,
    raw_input: bytes | None = None,
    duplicate_of: int | None = None,
    similarity: float | None = None,
    band_keys: tuple[int, ...] = (11, -22, 33),
    cleaned: CleanText | None = None,
) -> NewArticle:
    cleaned = cleaned or clean(raw)
    data = raw.encode("utf-8") if raw_input is None else raw_input
    return NewArticle(
        source=source,
        media_type="text/plain",
        raw_input=data,
        raw_text=raw,
        cleaned=cleaned,
        metadata=metadata or Metadata(),
        input_digest=hashlib.sha256(data).hexdigest(),
        content_hash=hashlib.sha256(cleaned.text.encode("utf-8")).hexdigest(),
        signature=SIGNATURE,
        band_keys=band_keys,
        duplicate_of=duplicate_of,
        similarity=similarity,
    )


def _story(headline: str, body: str, **kwargs: Any) -> NewArticle:
    return _article(f"{headline}\n\n{body}\n", **kwargs)


def _count(path: Path, table: str) -> int:
    with sqlite3.connect(path) as db:
        return int(db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


@pytest.fixture
def store() -> Iterator[SQLiteStore]:
    with SQLiteStore(":memory:") as opened:
        yield opened


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "news.db"


# Round trips ----------------------------------------------------------------------------------------

def test_get_article_returns_every_field_written(store: SQLiteStore) -> None:
    metadata = Metadata(title="Ferry strike ends", url="https://avelin-gazette.example/ferry",
                        outlet="Avelin Gazette", author="Nadia Oyelaran",
                        published=PartialDate("2026-03-09T07:15+01:00", "minute"))
    new = _article(metadata=metadata)

    article = store.get_article(store.add_article(new))

    assert article.source == "avelin.txt"
    assert article.media_type == "text/plain"
    assert article.metadata == metadata
    assert article.text == new.cleaned.text
    assert article.raw_text == RAW
    assert article.paragraphs == new.cleaned.paragraphs
    assert article.removals == new.cleaned.removals
    assert article.offsets == new.cleaned.offsets
    assert article.content_hash == new.content_hash
    assert article.duplicate_of is None
    assert article.ingested_at


def test_round_trip_keeps_cited_sources_headings_and_removal_reasons(store: SQLiteStore) -> None:
    article = store.get_article(store.add_article(_article()))

    assert [p.kind for p in article.paragraphs] == ["heading", "body", "body"]
    assert article.paragraphs[1].cited_sources == ("harbourwatch.example",)
    assert {r.reason for r in article.removals} == {
        "markdown-markup", "citation-chip", "invisible-character", "share-boilerplate"}
    assert any(not s.copied for s in article.offsets.segments)


@pytest.mark.parametrize(
    ("iso", "precision"),
    [
        ("2026", "year"),
        ("2026-03", "month"),
        ("2026-03-09", "day"),
        ("2026-03-09T07:15+00:00", "minute"),
        ("2026-03-09T07:15:42-05:00", "second"),
    ],
)
def test_published_date_keeps_its_precision(store: SQLiteStore, iso: str, precision: str) -> None:
    published = PartialDate(iso, precision)  # type: ignore[arg-type]
    article_id = store.add_article(_article(metadata=Metadata(published=published)))

    assert store.get_article(article_id).metadata.published == published


def test_missing_metadata_stays_none(store: SQLiteStore) -> None:
    metadata = store.get_article(store.add_article(_article())).metadata

    assert metadata == Metadata()


def test_near_duplicate_keeps_its_original(store: SQLiteStore) -> None:
    original = store.add_article(_article())
    copy = store.add_article(_article(RAW + "Distributed by Wirehouse Media.\n", duplicate_of=original,
                                      similarity=0.91))

    assert store.get_article(copy).duplicate_of == original


def test_duplicate_of_an_unknown_article_is_refused(store: SQLiteStore) -> None:
    with pytest.raises(StoreError, match=r"avelin\.txt"):
        store.add_article(_article(duplicate_of=404))


@pytest.mark.parametrize(
    "data",
    [
        RAW.encode("utf-8"),
        b"\xef\xbb\xbfBOM first\r\nthen Windows line ends\r\n",
        "Caf\u00e9 owners in Ribarra".encode("latin-1"),
        b"trailing NUL and high bytes \x00\xff\xfe",
    ],
)
def test_raw_input_returns_the_exact_bytes(store: SQLiteStore, data: bytes) -> None:
    article_id = store.add_article(_article(raw_input=data))

    assert store.raw_input(article_id) == ("text/plain", data)


@pytest.mark.parametrize("method", ["get_article", "raw_input"])
def test_unknown_id_raises_article_not_found(store: SQLiteStore, method: str) -> None:
    with pytest.raises(ArticleNotFoundError, match="42"):
        getattr(store, method)(42)


# Look-ups -------------------------------------------------------------------------------------------

def test_article_for_input_finds_the_same_bytes_only(store: SQLiteStore) -> None:
    new = _article()
    article_id = store.add_article(new)

    assert store.article_for_input(new.input_digest) == article_id
    assert store.article_for_input(hashlib.sha256(b"other bytes").hexdigest()) is None


def test_article_for_content_finds_the_same_cleaned_text_only(store: SQLiteStore) -> None:
    new = _article()
    article_id = store.add_article(new)

    assert store.article_for_content(new.content_hash) == article_id
    assert store.article_for_content(hashlib.sha256(b"other text").hexdigest()) is None


def test_the_same_content_is_not_stored_twice(store: SQLiteStore) -> None:
    store.add_article(_article())

    with pytest.raises(StoreError, match="could not store"):
        store.add_article(_article(raw_input=b"different bytes, same cleaned text"))


def test_near_duplicate_candidates_are_originals_sharing_a_band(store: SQLiteStore) -> None:
    original = store.add_article(_story("Tram fares rise", "Fares on the Ostrava Line go up.",
                                        band_keys=(1, 2, 3)))
    store.add_article(_story("Tram fares rise again", "Fares on the Ostrava Line go up.",
                             band_keys=(1, 2, 3), duplicate_of=original, similarity=0.85))
    store.add_article(_story("Harbour dredging", "Dredging starts in May.", band_keys=(7, 8, 9)))

    assert store.near_duplicate_candidates([3, 99]) == [(original, SIGNATURE)]
    assert store.near_duplicate_candidates([99]) == []
    assert store.near_duplicate_candidates([]) == []


# Listing and search ---------------------------------------------------------------------------------

def test_list_articles_orders_by_published_date_undated_last(store: SQLiteStore) -> None:
    dates = {
        "Undated feature": None,
        "Spring storm": PartialDate("2026-04-02", "day"),
        "Winter budget": PartialDate("2026-01", "month"),
        "Annual review": PartialDate("2025", "year"),
        "Second undated": None,
    }
    for title, published in dates.items():
        store.add_article(_story(title, f"Body of {title.lower()}.",
                                 metadata=Metadata(title=title, published=published)))

    titles = [summary.title for summary in store.list_articles()]

    assert titles == ["Annual review", "Winter budget", "Spring storm", "Undated feature",
                      "Second undated"]


def test_list_articles_pages_with_limit_and_offset(store: SQLiteStore) -> None:
    ids = [store.add_article(_story(f"Bulletin {n}", f"Update number {n} from the coast.")) for n in range(5)]

    assert [s.id for s in store.list_articles(limit=2, offset=1)] == ids[1:3]


def test_list_articles_summary_fields(store: SQLiteStore) -> None:
    metadata = Metadata(title="Ferry strike ends", outlet="Avelin Gazette",
                        published=PartialDate("2026-03-09", "day"))
    article_id = store.add_article(_article(metadata=metadata))

    [summary] = store.list_articles()

    assert (summary.id, summary.title, summary.outlet, summary.published, summary.source,
            summary.duplicate_of) == (article_id, "Ferry strike ends", "Avelin Gazette", "2026-03-09",
                                      "avelin.txt", None)


@pytest.fixture
def searchable(store: SQLiteStore) -> SQLiteStore:
    store.add_article(_story("Mayor Echeverría opens the crew depot",
                             "Mayor Lucía Echeverría cut the ribbon at the new tram crew depot.",
                             metadata=Metadata(title="Depot opens", outlet="Vallmora Post")))
    store.add_article(_story("Flood defences tested", "Engineers flooded the test basin at Korvel.",
                             metadata=Metadata(title="Flood test", outlet="Korvel Courier")))
    return store


@pytest.mark.parametrize(
    "query",
    [
        "Echeverria",
        "echeverría",
        "ECHEVERRIA",
        unicodedata.normalize("NFD", "Echeverría"),  # a decomposed é, as some keyboards and PDFs give it
        "lucia echeverria depot",
    ],
)
def test_search_ignores_accents_and_case(searchable: SQLiteStore, query: str) -> None:
    assert [s.title for s in searchable.search_articles(query)] == ["Depot opens"]


def test_search_matches_every_word(searchable: SQLiteStore) -> None:
    assert searchable.search_articles("Echeverria basin") == []


def test_search_matches_outlet_and_gives_a_snippet(searchable: SQLiteStore) -> None:
    [summary] = searchable.search_articles("Korvel courier")

    assert summary.title == "Flood test"
    assert summary.snippet is not None and "[Korvel]" in summary.snippet


@pytest.mark.parametrize(
    "query",
    ['"crew" OR -x*', "crew AND", "NEAR(crew depot)", "title:crew", "(((", '"', "*", "crew^2", "-",
     "depot'; DROP TABLE articles; --"],
)
def test_search_treats_query_syntax_as_plain_words(searchable: SQLiteStore, query: str) -> None:
    searchable.search_articles(query)  # must not raise

    assert len(searchable.list_articles()) == 2


@pytest.mark.parametrize("query", ["", "   ", "?!", "--"])
def test_search_without_words_finds_nothing(searchable: SQLiteStore, query: str) -> None:
    assert searchable.search_articles(query) == []


def test_search_respects_limit(store: SQLiteStore) -> None:
    for n in range(4):
        store.add_article(_story(f"Crew change {n}", f"The relief crew number {n} landed."))

    assert len(store.search_articles("crew", limit=3)) == 3


# Stats ----------------------------------------------------------------------------------------------

def test_stats_of_an_empty_store(store: SQLiteStore) -> None:
    stats = store.stats()

    assert (stats.articles, stats.originals, stats.duplicates, stats.undated) == (0, 0, 0, 0)
    assert (stats.earliest, stats.latest) == (None, None)
    assert stats.outlets == stats.removals == stats.cited_sources == {}
    assert stats.migrations


def test_stats_count_articles_outlets_dates_removals_and_sources(store: SQLiteStore) -> None:
    gazette = Metadata(outlet="Avelin Gazette", published=PartialDate("2026-03-09", "day"))
    original = store.add_article(_article(metadata=gazette))
    store.add_article(_article(RAW + "Distributed by Wirehouse Media.\n", duplicate_of=original,
                               similarity=0.9,
                               metadata=Metadata(outlet="Avelin Gazette",
                                                 published=PartialDate("2026-03", "month"))))
    store.add_article(_story("Tram fares rise", "Fares on the Ostrava Line go up in June.",
                             metadata=Metadata(outlet="Ostrava Daily")))
    store.add_article(_story("Harbour dredging", "Dredging starts in May."))

    stats = store.stats()

    assert (stats.articles, stats.originals, stats.duplicates, stats.undated) == (4, 3, 1, 2)
    assert (stats.earliest, stats.latest) == ("2026-03", "2026-03-09")
    assert stats.outlets == {"Avelin Gazette": 2, "(unknown)": 1, "Ostrava Daily": 1}
    assert stats.removals == {"citation-chip": 2, "invisible-character": 2, "markdown-markup": 2,
                              "share-boilerplate": 2}
    assert stats.cited_sources == {"harbourwatch.example": 2}


# Atomic writes --------------------------------------------------------------------------------------

def _assert_empty(path: Path) -> None:
    for table in ("articles", "paragraphs", "removals", "minhash_bands", "articles_fts"):
        assert _count(path, table) == 0, table


def test_a_removal_the_schema_refuses_leaves_nothing_behind(db_path: Path) -> None:
    cleaned = clean(RAW)
    broken = Removal(0, 2, "markdown-markup", None)  # type: ignore[arg-type]  # NOT NULL text
    new = _article(cleaned=CleanText(cleaned.text, cleaned.paragraphs, (broken,), cleaned.offsets,
                                     cleaned.headline))

    with SQLiteStore(db_path) as store, pytest.raises(StoreError, match=r"avelin\.txt"):
        store.add_article(new)

    _assert_empty(db_path)


def test_a_database_error_after_every_insert_rolls_the_article_back(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    insert_parts = SQLiteStore._insert_parts

    def fail_after_parts(self: SQLiteStore, db: sqlite3.Connection, article_id: int,
                         article: NewArticle) -> None:
        insert_parts(self, db, article_id, article)
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(SQLiteStore, "_insert_parts", fail_after_parts)
    with SQLiteStore(db_path) as store, pytest.raises(StoreError, match="disk I/O error"):
        store.add_article(_article())

    _assert_empty(db_path)


def test_an_interrupt_mid_write_rolls_back_and_propagates(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    insert_parts = SQLiteStore._insert_parts

    def interrupted(self: SQLiteStore, db: sqlite3.Connection, article_id: int,
                    article: NewArticle) -> None:
        insert_parts(self, db, article_id, article)
        raise KeyboardInterrupt

    monkeypatch.setattr(SQLiteStore, "_insert_parts", interrupted)
    with SQLiteStore(db_path) as store, pytest.raises(KeyboardInterrupt):
        store.add_article(_article())

    _assert_empty(db_path)


def test_the_store_keeps_working_after_a_failed_write(store: SQLiteStore) -> None:
    with pytest.raises(StoreError):
        store.add_article(_article(duplicate_of=404))

    article_id = store.add_article(_article())

    assert store.get_article(article_id).raw_text == RAW
    assert [s.id for s in store.search_articles("Tamberlin")] == [article_id]


def test_open_store_gives_a_working_store(db_path: Path) -> None:
    store = open_store(db_path)
    try:
        article_id = store.add_article(_article())
    finally:
        store.close()

    reopened = open_store(db_path)
    try:
        assert reopened.get_article(article_id).raw_text == RAW
    finally:
        reopened.close()
