"""The ingest recipe: outcomes per document, batches that go on past bad inputs, metadata precedence,
resuming an interrupted batch, and store failures that stop it."""

from __future__ import annotations

import io
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsgraph import pipeline
from newsgraph.clean import clean
from newsgraph.errors import StoreError
from newsgraph.inputs.fetch import FakeFetcher, Fetched
from newsgraph.pipeline import ingest, ingest_document
from newsgraph.records import CleanText, IngestOutcome, Metadata, PartialDate, RawDocument
from newsgraph.settings import Settings
from newsgraph.store import NewArticle, SQLiteStore

SETTINGS = Settings()
NO_OVERRIDES = Metadata()

# Invented stories. STORY is long enough for a changed line to leave it a near-duplicate.
STORY = """\
Saltmere Tidal Barrier Holds Back Spring Surge

The new tidal barrier on the Saltmere estuary held back a surge of almost two metres on Sunday night, \
the first real test since its six steel gates were installed last autumn.

Harbour engineers closed the gates at nine in the evening as the spring tide met a strong westerly \
wind, and reopened them shortly after two in the morning once the water in the outer harbour had \
fallen back below the quay wall.

"It did exactly what it was built to do," said chief engineer Amara Lindqvist, who added that divers \
would inspect the rubber seals on every gate during the coming week before the next spring tide.

Residents of the low-lying Fennick Street district, which flooded twice in the past five years, said \
they had slept through the night for the first time in a long while. The town council plans a public \
meeting in June to discuss the cost of running the barrier."""
NEAR_COPY = STORY + "\n\nDistributed by Meridian Wire Services."
OTHER = """\
Orchard Growers Count Frost Losses

Apple growers in the Dunvale hills lost up to a third of their blossom to a late frost on Wednesday, \
the regional growers' cooperative said, warning that prices for early varieties could rise."""

PAGE = """<!doctype html>
<html><head>
<title>Tidal Barrier Passes First Test | Saltmere Observer</title>
<meta property="og:title" content="Tidal barrier passes first test">
<meta property="og:site_name" content="Saltmere Observer">
<meta name="author" content="Tomasz Heller">
<meta property="article:published_time" content="2026-05-03T08:00:00+00:00">
</head><body><article>
<h1>Tidal barrier passes first test</h1>
<p>The new tidal barrier on the Saltmere estuary held back a surge of almost two metres on Sunday
night, the first real test since its gates were installed in the autumn.</p>
<p>Harbour engineers closed all six gates at nine in the evening as the spring tide met a strong
westerly wind, and reopened them shortly after two in the morning once the water had fallen.</p>
<p>"It did exactly what it was built to do," said chief engineer Amara Lindqvist, adding that crews
would inspect the seals during the week.</p>
</article></body></html>"""
UNDATED_PAGE = """<html><head><title>Ferry timetable</title></head><body><article>
<p>The winter ferry timetable between Saltmere and the Orlen Islands adds an early crossing on
weekdays and drops the last Sunday sailing, the island transport board announced.</p>
<p>Islanders had asked for an earlier boat so that workers could reach the mainland before eight,
board chair Wendell Osei said, and the Sunday sailing carried fewer than ten passengers a week.</p>
</article></body></html>"""


@pytest.fixture
def store() -> Iterator[SQLiteStore]:
    with SQLiteStore(":memory:") as opened:
        yield opened


def _text(text: str, source: str = "story.txt", metadata: Metadata | None = None,
          raw_input: bytes | None = None) -> RawDocument:
    data = text.encode("utf-8") if raw_input is None else raw_input
    return RawDocument(source, data, "text/plain", metadata or Metadata(), text=text)


def _html(html: str, source: str = "page.html", metadata: Metadata | None = None) -> RawDocument:
    return RawDocument(source, html.encode("utf-8"), "text/html", metadata or Metadata(), html=html)


def _ingest(document: RawDocument, store: SQLiteStore, overrides: Metadata = NO_OVERRIDES
            ) -> IngestOutcome:
    return ingest_document(document, store, SETTINGS, overrides)


def _summary(outcomes: list[IngestOutcome]) -> list[tuple[str, str, str | None, int | None]]:
    return [(o.source, o.status, o.reason, o.line) for o in outcomes]


# One document ---------------------------------------------------------------------------------------

def test_a_new_document_is_stored(store: SQLiteStore) -> None:
    outcome = _ingest(_text(STORY), store)

    assert (outcome.source, outcome.status, outcome.duplicate_of, outcome.error) == (
        "story.txt", "stored", None, None)
    assert outcome.article_id is not None
    article = store.get_article(outcome.article_id)
    assert article.raw_text == STORY
    assert article.text.startswith("Saltmere Tidal Barrier Holds Back Spring Surge\n\n")
    assert store.raw_input(outcome.article_id) == ("text/plain", STORY.encode("utf-8"))


def test_the_same_bytes_again_are_already_stored(store: SQLiteStore) -> None:
    first = _ingest(_text(STORY), store)

    again = _ingest(_text(STORY, source="copy-of-story.txt"), store)

    assert (again.status, again.article_id) == ("already_stored", first.article_id)
    assert store.stats().articles == 1


@pytest.mark.parametrize(
    "variant",
    [
        STORY.replace("\n", "\r\n"),
        STORY + "\n\n\n",
        STORY.replace("the first real test", "the first  real test"),
        STORY.replace("Sunday night", "Sunday\u00a0night"),
    ],
    ids=["windows line ends", "trailing blank lines", "double space", "no-break space"],
)
def test_different_bytes_with_the_same_cleaned_text_are_already_stored(
    store: SQLiteStore, variant: str
) -> None:
    first = _ingest(_text(STORY), store)

    again = _ingest(_text(variant, source="variant.txt"), store)

    assert (again.status, again.article_id) == ("already_stored", first.article_id)
    assert store.stats().articles == 1


def test_a_near_copy_is_stored_as_a_duplicate_of_the_original(store: SQLiteStore) -> None:
    original = _ingest(_text(STORY), store)

    copy = _ingest(_text(NEAR_COPY, source="wire.txt"), store)

    assert copy.status == "duplicate"
    assert copy.duplicate_of == original.article_id
    assert copy.similarity is not None and SETTINGS.near_duplicate_threshold <= copy.similarity <= 1.0
    assert copy.article_id is not None and copy.article_id != original.article_id
    assert store.get_article(copy.article_id).duplicate_of == original.article_id
    assert (store.stats().originals, store.stats().duplicates) == (1, 1)


def test_a_copy_of_a_duplicate_points_at_the_original(store: SQLiteStore) -> None:
    original = _ingest(_text(STORY), store)
    _ingest(_text(NEAR_COPY, source="wire.txt"), store)

    second = _ingest(_text(NEAR_COPY + "\n\nReprinted with permission.", source="reprint.txt"), store)

    assert (second.status, second.duplicate_of) == ("duplicate", original.article_id)


def test_a_different_story_is_stored_as_an_original(store: SQLiteStore) -> None:
    _ingest(_text(STORY), store)

    other = _ingest(_text(OTHER, source="orchard.txt"), store)

    assert (other.status, other.duplicate_of, other.similarity) == ("stored", None, None)


def test_a_document_of_only_boilerplate_fails_as_empty(store: SQLiteStore) -> None:
    outcome = _ingest(_text("Share this story\nFollow us on Instagram\n", source="chrome.txt"), store)

    assert (outcome.source, outcome.status, outcome.reason) == ("chrome.txt", "failed", "empty")
    assert outcome.error is not None and "chrome.txt" in outcome.error
    assert store.stats().articles == 0


def test_html_without_article_text_fails_as_malformed(store: SQLiteStore) -> None:
    page = "<html><head><title>Loading</title></head><body><div id='app'></div></body></html>"

    outcome = _ingest(_html(page), store)

    assert (outcome.status, outcome.reason) == ("failed", "malformed")


# Metadata -------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("overrides", "container", "expected"),
    [
        (Metadata(title="Override title"), Metadata(title="Container title"), "Override title"),
        (Metadata(), Metadata(title="Container title"), "Container title"),
        (Metadata(outlet="Override outlet"), Metadata(), "Tidal barrier passes first test"),
        (Metadata(), Metadata(), "Tidal barrier passes first test"),
    ],
)
def test_title_precedence_is_overrides_then_container_then_page(
    store: SQLiteStore, overrides: Metadata, container: Metadata, expected: str
) -> None:
    outcome = _ingest(_html(PAGE, metadata=container), store, overrides)

    assert outcome.article_id is not None
    assert store.get_article(outcome.article_id).metadata.title == expected


@pytest.mark.parametrize(
    ("overrides", "container", "expected"),
    [
        (Metadata(outlet="Estuary Weekly"), Metadata(outlet="Coastline Wire"), "Estuary Weekly"),
        (Metadata(), Metadata(outlet="Coastline Wire"), "Coastline Wire"),
        (Metadata(), Metadata(), "Saltmere Observer"),
    ],
)
def test_outlet_precedence_is_overrides_then_container_then_page(
    store: SQLiteStore, overrides: Metadata, container: Metadata, expected: str
) -> None:
    outcome = _ingest(_html(PAGE, metadata=container), store, overrides)

    assert outcome.article_id is not None
    assert store.get_article(outcome.article_id).metadata.outlet == expected


@pytest.mark.parametrize(
    ("overrides", "container", "expected"),
    [
        (PartialDate("2026-05", "month"), PartialDate("2026-05-04", "day"), PartialDate("2026-05", "month")),
        (None, PartialDate("2026-05-04", "day"), PartialDate("2026-05-04", "day")),
        (None, None, PartialDate("2026-05-03T08:00:00+00:00", "second")),
    ],
)
def test_published_precedence_is_overrides_then_container_then_page(
    store: SQLiteStore, overrides: PartialDate | None, container: PartialDate | None, expected: PartialDate
) -> None:
    outcome = _ingest(_html(PAGE, metadata=Metadata(published=container)), store,
                      Metadata(published=overrides))

    assert outcome.article_id is not None
    assert store.get_article(outcome.article_id).metadata.published == expected


def test_fields_no_layer_overrides_come_from_the_page(store: SQLiteStore) -> None:
    outcome = _ingest(_html(PAGE, metadata=Metadata(title="Container title")), store,
                      Metadata(outlet="Estuary Weekly"))

    assert outcome.article_id is not None
    metadata = store.get_article(outcome.article_id).metadata
    assert (metadata.title, metadata.outlet, metadata.author) == (
        "Container title", "Estuary Weekly", "Tomasz Heller")


def test_title_falls_back_to_the_cleaned_headline(store: SQLiteStore) -> None:
    outcome = _ingest(_text("## Orchard Growers Count Frost Losses\n\n" + OTHER.split("\n\n")[1]), store)

    assert outcome.article_id is not None
    assert store.get_article(outcome.article_id).metadata.title == "Orchard Growers Count Frost Losses"


def test_a_given_title_wins_over_the_headline(store: SQLiteStore) -> None:
    outcome = _ingest(_text(OTHER, metadata=Metadata(title="Frost hits Dunvale")), store)

    assert outcome.article_id is not None
    assert store.get_article(outcome.article_id).metadata.title == "Frost hits Dunvale"


def test_a_text_without_headline_has_no_title(store: SQLiteStore) -> None:
    outcome = _ingest(_text(OTHER.split("\n\n")[1]), store)

    assert outcome.article_id is not None
    assert store.get_article(outcome.article_id).metadata.title is None


@pytest.mark.parametrize(
    "document",
    [_text(STORY), _html(UNDATED_PAGE)],
    ids=["text", "html"],
)
def test_a_missing_date_stays_missing(store: SQLiteStore, document: RawDocument) -> None:
    outcome = _ingest(document, store)

    assert outcome.article_id is not None
    assert store.get_article(outcome.article_id).metadata.published is None
    assert store.stats().undated == 1


# Batches through ingest() ---------------------------------------------------------------------------

def _files(folder: Path, files: dict[str, str | bytes]) -> list[str]:
    for name, content in files.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        (folder / name).write_bytes(data)
    return [str(folder / name) for name in files]


def _run(inputs: list[str], store: Any, **kwargs: Any) -> list[IngestOutcome]:
    kwargs.setdefault("fetcher", FakeFetcher({}))
    return list(ingest(inputs, store, settings=SETTINGS, **kwargs))


def test_a_batch_goes_on_past_bad_inputs_and_names_each(tmp_path: Path, store: SQLiteStore) -> None:
    batch = (
        '{"text": "Dunvale growers expect a smaller apple harvest after the frost.", "outlet": "Vale Post"}\n'
        '{"text": "unterminated\n'
        "\n"
        '{"title": "No body here"}\n'
        '{"text": "Saltmere council will meet in June to discuss the barrier."}\n'
    )
    paths = _files(tmp_path, {"a.txt": STORY, "empty.txt": b"", "batch.jsonl": batch,
                              "scan.txt": b"\x00\x01\x02\x03PK\x00\x00" * 40, "z.txt": OTHER})
    missing = str(tmp_path / "missing.txt")
    a, empty, jsonl, scan, z = paths

    outcomes = _run([a, missing, empty, jsonl, scan, z], store)

    assert _summary(outcomes) == [
        (a, "stored", None, None),
        (missing, "failed", "unreadable", None),
        (empty, "failed", "empty", None),
        (f"{jsonl}:1", "stored", None, None),
        (jsonl, "failed", "malformed", 2),
        (jsonl, "failed", "malformed", 4),
        (f"{jsonl}:5", "stored", None, None),
        (scan, "failed", "binary", None),
        (z, "stored", None, None),
    ]
    failures = [o for o in outcomes if o.status == "failed"]
    assert all(o.error and o.source in o.error for o in failures)
    assert f"{jsonl}:2" in (failures[2].error or "")
    assert store.stats().articles == 4


def test_jsonl_fields_are_the_container_metadata(tmp_path: Path, store: SQLiteStore) -> None:
    page = PAGE.replace("\n", " ").replace('"', '\\"')
    line = (f'{{"html": "{page}", "title": "Barrier holds", "published": "2026-05-04", '
            f'"url": "https://coastline-wire.example/barrier"}}\n')
    [jsonl] = _files(tmp_path, {"wire.jsonl": line})

    [outcome] = _run([jsonl], store, overrides=Metadata(outlet="Estuary Weekly"))

    assert outcome.article_id is not None
    metadata = store.get_article(outcome.article_id).metadata
    assert metadata == Metadata(title="Barrier holds", url="https://coastline-wire.example/barrier",
                                outlet="Estuary Weekly", author="Tomasz Heller",
                                published=PartialDate("2026-05-04", "day"))


def test_standard_input_is_read_as_one_document(store: SQLiteStore) -> None:
    [outcome] = _run(["-"], store, stdin=io.BytesIO(OTHER.encode("utf-8")))

    assert (outcome.source, outcome.status) == ("-", "stored")
    assert outcome.article_id is not None
    assert store.raw_input(outcome.article_id)[1] == OTHER.encode("utf-8")


def test_standard_input_of_json_lines_is_a_batch(store: SQLiteStore) -> None:
    lines = b'{"text": "Ferry fares frozen in Brindle Cove."}\n{"text": "Quarry blast shakes Elmstead."}\n'

    outcomes = _run(["-"], store, stdin=io.BytesIO(lines))

    assert _summary(outcomes) == [("-:1", "stored", None, None), ("-:2", "stored", None, None)]


def test_urls_are_fetched_through_the_fetcher(store: SQLiteStore) -> None:
    url = "https://saltmere-observer.example/barrier"
    final = "https://saltmere-observer.example/2026/05/barrier-test"
    fetcher = FakeFetcher({url: Fetched(url, final, 200, "text/html", "utf-8", PAGE.encode("utf-8"))})
    gone = "https://saltmere-observer.example/removed"

    outcomes = _run([url, gone], store, fetcher=fetcher)

    assert _summary(outcomes) == [(url, "stored", None, None), (gone, "failed", "http error", None)]
    assert fetcher.requested == [url, gone]
    assert outcomes[0].article_id is not None
    metadata = store.get_article(outcomes[0].article_id).metadata
    assert (metadata.url, metadata.outlet) == (final, "Saltmere Observer")


def test_running_a_batch_twice_stores_nothing_new(tmp_path: Path, store: SQLiteStore) -> None:
    inputs = _files(tmp_path, {"a.txt": STORY, "b.txt": OTHER})
    first = _run(inputs, store)

    second = _run(inputs, store)

    assert [o.status for o in second] == ["already_stored", "already_stored"]
    assert [o.article_id for o in second] == [o.article_id for o in first]
    assert store.stats().articles == 2


# Interruptions and failures -------------------------------------------------------------------------

class _WrappedStore:
    """The real store, except that ``add_article`` runs ``before_add`` with the call's number first."""

    def __init__(self, store: SQLiteStore, before_add: Any) -> None:
        self._store = store
        self._before_add = before_add
        self.calls = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    def add_article(self, article: NewArticle) -> int:
        self.calls += 1
        self._before_add(self.calls)
        return self._store.add_article(article)


def _interrupt_on_third(call: int) -> None:
    if call == 3:
        raise KeyboardInterrupt


STORIES = {
    "1-barrier.txt": STORY,
    "2-orchard.txt": OTHER,
    "3-ferry.txt": "Ferry Fares Frozen\n\nBrindle Cove councillors voted to keep ferry fares at last "
                   "year's level until the new boats arrive.",
    "4-quarry.txt": "Quarry Blast Shakes Elmstead\n\nA planned blast at the Greyfold quarry rattled "
                    "windows across Elmstead on Friday morning.",
    "5-library.txt": "Library Opens Late\n\nThe Tallow Hill library will stay open until nine on "
                     "Thursdays from next month, the trust said.",
}


def test_an_interrupted_batch_resumes_where_it_stopped(tmp_path: Path) -> None:
    inputs = _files(tmp_path, STORIES)
    db_path = tmp_path / "news.db"
    seen: list[IngestOutcome] = []
    with SQLiteStore(db_path) as real, pytest.raises(KeyboardInterrupt):
        for outcome in ingest(inputs, _WrappedStore(real, _interrupt_on_third),  # type: ignore[arg-type]
                              settings=SETTINGS, fetcher=FakeFetcher({})):
            seen.append(outcome)
    assert [o.status for o in seen] == ["stored", "stored"]

    with SQLiteStore(db_path) as real:
        resumed = _run(inputs, real)
        stats = real.stats()

    assert [o.status for o in resumed] == ["already_stored"] * 2 + ["stored"] * 3
    assert [o.article_id for o in resumed[:2]] == [o.article_id for o in seen]
    assert stats.articles == len(inputs)
    with sqlite3.connect(db_path) as db:
        for table in ("paragraphs", "removals", "minhash_bands"):
            orphans = db.execute(
                f"SELECT count(*) FROM {table} WHERE article_id NOT IN (SELECT id FROM articles)"
            ).fetchone()[0]
            assert orphans == 0, table
        assert db.execute("SELECT count(DISTINCT article_id) FROM paragraphs").fetchone()[0] == len(inputs)


def test_an_unexpected_error_fails_one_document_and_the_batch_goes_on(
    tmp_path: Path, store: SQLiteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    def clean_or_break(raw: str) -> CleanText:
        if "Dunvale" in raw:
            raise ZeroDivisionError("a bug in a cleaning rule")
        return clean(raw)

    monkeypatch.setattr(pipeline, "clean", clean_or_break)
    a, b, c = _files(tmp_path, {"a.txt": STORY, "b.txt": OTHER, "c.txt": STORIES["3-ferry.txt"]})

    outcomes = _run([a, b, c], store)

    assert _summary(outcomes) == [(a, "stored", None, None), (b, "failed", "unexpected error", None),
                                  (c, "stored", None, None)]
    assert outcomes[1].error is not None
    assert b in outcomes[1].error and "ZeroDivisionError" in outcomes[1].error
    assert store.stats().articles == 2


def _refuse_writes(call: int) -> None:
    raise StoreError("news.db: database or disk is full")


def test_a_store_error_stops_the_batch(tmp_path: Path, store: SQLiteStore) -> None:
    inputs = _files(tmp_path, {"a.txt": STORY, "b.txt": OTHER})
    outcomes: list[IngestOutcome] = []

    with pytest.raises(StoreError, match="disk is full"):
        outcomes.extend(ingest(inputs, _WrappedStore(store, _refuse_writes),  # type: ignore[arg-type]
                               settings=SETTINGS, fetcher=FakeFetcher({})))

    assert outcomes == []


def test_a_store_error_is_not_turned_into_a_failed_outcome(store: SQLiteStore) -> None:
    with pytest.raises(StoreError, match="disk is full"):
        ingest_document(_text(STORY), _WrappedStore(store, _refuse_writes),  # type: ignore[arg-type]
                        SETTINGS, NO_OVERRIDES)


@pytest.mark.parametrize(
    ("canonical", "expected"),
    [
        ('<link rel="canonical" href="https://harbour.example/story">', "https://harbour.example/story"),
        ("", "https://harbour.example/story?utm_source=feed"),
    ],
    ids=["canonical-wins", "fetched-url-otherwise"],
)
def test_a_fetched_page_is_known_by_its_canonical_url_first(canonical: str, expected: str) -> None:
    from newsgraph.inputs.fetch import FakeFetcher, Fetched

    url = "https://harbour.example/story?utm_source=feed"
    page = (f"<html><head><title>Crew home</title>{canonical}</head><body><article>"
            "<p>The fourteen crew members crossed the border at dawn on Tuesday, officials said.</p>"
            "<p>Their families waited at the checkpoint for most of the night before the release.</p>"
            "</article></body></html>")
    fake = FakeFetcher({url: Fetched(url, url, 200, "text/html", "utf-8", page.encode())})
    store = SQLiteStore(":memory:")
    [outcome] = ingest([url], store, settings=Settings(), fetcher=fake)
    assert outcome.article_id is not None
    assert store.get_article(outcome.article_id).metadata.url == expected
