"""Bad inputs through the whole ingest: each fails with its own reason and a message naming it, the
batch goes on (a good file after the bad one is stored), and nothing of the bad one is stored."""

from __future__ import annotations

import os
import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.cli import cli
from newsgraph.errors import FetchTimeoutError, HTTPStatusError, UnsupportedInputError
from newsgraph.inputs.fetch import FakeFetcher, Fetched
from newsgraph.pipeline import ingest
from newsgraph.records import IngestOutcome
from newsgraph.settings import Settings
from newsgraph.store import SQLiteStore

GOOD = (
    "Harbour pilots end strike in Valparaíso\n\n"
    "Harbour pilots in Valparaíso ended a two-day strike on Friday after the port authority agreed to "
    "review night-shift rules, the pilots' union said.\n\n"
    "Ships that had waited at anchor began entering the port in the afternoon.\n"
)
PNG_HEADER = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x02\x00\x00\x00"
    b"\xd3\x10?1\x00\x00\x00\tpHYs\x00\x00\x0b\x13\x00\x00\x0b\x13\x01\x00\x9a\x9c\x18"
)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SQLiteStore]:
    with SQLiteStore(tmp_path / "news.db") as store:
        yield store


def run(store: SQLiteStore, *inputs: str | Path, settings: Settings | None = None,
        fetcher: FakeFetcher | None = None) -> list[IngestOutcome]:
    return list(ingest([str(i) for i in inputs], store, settings=settings or Settings(),
                       fetcher=fetcher or FakeFetcher({})))


def good_file(tmp_path: Path) -> Path:
    path = tmp_path / "zz_good.txt"
    path.write_text(GOOD, "utf-8")
    return path


def assert_failed_then_stored(
    store: SQLiteStore, outcomes: list[IngestOutcome], reason: str, names: str, *fragments: str
) -> IngestOutcome:
    """The first outcome failed for ``reason`` naming ``names``; the last one (the good file) is stored
    and is the only article in the store."""
    failed, *_, stored = outcomes
    assert failed.status == "failed", failed
    assert failed.reason == reason
    assert failed.error is not None and failed.error.startswith(f"{names}: "), failed.error
    for fragment in fragments:
        assert fragment in failed.error
    assert failed.article_id is None
    assert stored.status == "stored" and stored.source.endswith("zz_good.txt")
    numbers = store.stats()
    assert numbers.articles == sum(o.status == "stored" for o in outcomes)
    assert [a.source for a in store.list_articles()][-1] == stored.source
    return failed


# Files ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("content", [b"", b"   \n\t\n"], ids=["no-bytes", "whitespace"])
def test_empty_file(store: SQLiteStore, tmp_path: Path, content: bytes) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(content)
    outcomes = run(store, empty, good_file(tmp_path))
    assert_failed_then_stored(store, outcomes, "empty", str(empty), "the input is empty")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("logo", PNG_HEADER),
        ("noise.txt", random.Random(7).randbytes(3000)),
        ("records.dat", b"ID\x00\x00\x01\x07NAME\x00\x00\x00\x02VALUE\x00\x00\x00" * 40),
    ],
    ids=["png-header", "random-bytes", "nul-bytes"],
)
def test_binary_file(store: SQLiteStore, tmp_path: Path, name: str, content: bytes) -> None:
    binary = tmp_path / name
    binary.write_bytes(content)
    outcomes = run(store, binary, good_file(tmp_path))
    assert_failed_then_stored(store, outcomes, "binary", str(binary), "give text, HTML")


def test_a_png_by_its_suffix_is_unsupported(store: SQLiteStore, tmp_path: Path) -> None:
    image = tmp_path / "logo.png"
    image.write_bytes(PNG_HEADER)
    outcomes = run(store, image, good_file(tmp_path))
    assert_failed_then_stored(store, outcomes, "unsupported", str(image), "cannot read image files")


def test_latin1_text_is_decoded(store: SQLiteStore, tmp_path: Path) -> None:
    old = tmp_path / "old.txt"
    old.write_bytes("Lluvia en Concepción\n\nLa lluvia cerró el puerto de Concepción el lunes.\n"
                    .encode("latin-1"))
    [outcome] = run(store, old)
    assert outcome.status == "stored"
    assert outcome.article_id is not None
    article = store.get_article(outcome.article_id)
    assert "Concepción" in article.text
    assert article.metadata.title == "Lluvia en Concepción"


def test_utf16_with_a_byte_order_mark_is_decoded(store: SQLiteStore, tmp_path: Path) -> None:
    wide = tmp_path / "wide.txt"
    wide.write_bytes(GOOD.replace("Valparaíso", "Concepción").encode("utf-16"))
    [outcome] = run(store, wide)
    assert outcome.status == "stored" and outcome.article_id is not None
    text = store.get_article(outcome.article_id).text
    assert "Harbour pilots in Concepción ended a two-day strike" in text
    assert "\x00" not in text


def test_truncated_html_stores_the_text_it_has(store: SQLiteStore, tmp_path: Path) -> None:
    page = tmp_path / "cut.html"
    page.write_text(
        "<html><head><title>Pilots end strike</title></head><body><article>"
        "<p>Harbour pilots in Valparaíso ended a two-day strike on Friday after the port authority "
        "agreed to review night-shift rules.</p><p>Ships that had waited at anch", "utf-8")
    [outcome] = run(store, page)
    assert outcome.status == "stored" and outcome.article_id is not None
    article = store.get_article(outcome.article_id)
    assert "agreed to review night-shift rules" in article.text
    assert article.metadata.title == "Pilots end strike"


@pytest.mark.parametrize(
    "html",
    ["<html><head><title>Nothing</title></head><body></body></html>",
     "<html><head><title>Cut</title></head><body><div class=",
     "<!DOCTYPE html><html><body><script>render()</script></body></html>"],
    ids=["empty-body", "cut-in-a-tag", "script-only"],
)
def test_html_without_text(store: SQLiteStore, tmp_path: Path, html: str) -> None:
    page = tmp_path / "blank.html"
    page.write_text(html, "utf-8")
    outcomes = run(store, page, good_file(tmp_path))
    assert_failed_then_stored(store, outcomes, "malformed", str(page), "no article text found")


def test_malformed_json_lines_line(store: SQLiteStore, tmp_path: Path) -> None:
    batch = tmp_path / "batch.jsonl"
    batch.write_text(
        '{"text": "Storm closes the port of Punta Arenas for a second day."}\n'
        '{"text": "This line never ends\n'
        '{"text": "Ferries resume sailings across the Strait of Magellan."}\n', "utf-8")
    first, failed, third, good = run(store, batch, good_file(tmp_path))
    assert (first.status, third.status, good.status) == ("stored", "stored", "stored")
    assert (failed.status, failed.reason) == ("failed", "malformed")
    assert (failed.source, failed.line) == (str(batch), 2)
    assert failed.error is not None and failed.error.startswith(f"{batch}:2: not valid JSON")
    assert store.stats().articles == 3


def test_bad_date_on_a_json_lines_line(store: SQLiteStore, tmp_path: Path) -> None:
    batch = tmp_path / "batch.jsonl"
    batch.write_text('{"text": "Ferries resume sailings.", "published": "soon"}\n', "utf-8")
    outcomes = run(store, batch, good_file(tmp_path))
    failed = assert_failed_then_stored(store, outcomes, "malformed", f"{batch}:1", "'published' 'soon'")
    assert failed.line == 1


_ENTITY_LEVELS = "".join(f'<!ENTITY w{n} "{f"&w{n - 1};" * 10}">' for n in range(1, 10))
HOSTILE_FEEDS = {
    "billion-laughs": (f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY w0 "ha">{_ENTITY_LEVELS}]>'
                       '<rss version="2.0"><channel><title>&w9;</title><item><title>x</title>'
                       "<description>y</description></item></channel></rss>"),
    "external-entity": ('<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY local SYSTEM "file:///etc/passwd">]>'
                        '<rss version="2.0"><channel><title>&local;</title><item><title>x</title>'
                        "<description>y</description></item></channel></rss>"),
}


@pytest.mark.parametrize("kind", sorted(HOSTILE_FEEDS))
def test_hostile_feed(store: SQLiteStore, tmp_path: Path, kind: str) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_text(HOSTILE_FEEDS[kind], "utf-8")
    outcomes = run(store, feed, good_file(tmp_path))
    assert_failed_then_stored(store, outcomes, "hostile", str(feed), "declares entities")


@pytest.mark.parametrize("name", ["big.txt", "big.html", "big"])
def test_oversized_file(store: SQLiteStore, tmp_path: Path, name: str) -> None:
    big = tmp_path / name
    big.write_text("The harbour stayed closed. " * 60, "utf-8")
    outcomes = run(store, big, good_file(tmp_path), settings=Settings(max_document_bytes=1000))
    assert_failed_then_stored(store, outcomes, "too large", str(big), "over the limit of 1,000",
                              "NEWSGRAPH_MAX_DOCUMENT_BYTES")


def test_oversized_json_lines_line(store: SQLiteStore, tmp_path: Path) -> None:
    batch = tmp_path / "batch.jsonl"
    batch.write_text('{"text": "' + "The harbour stayed closed. " * 60 + '"}\n', "utf-8")
    outcomes = run(store, batch, good_file(tmp_path), settings=Settings(max_document_bytes=1000))
    failed = assert_failed_then_stored(store, outcomes, "too large", f"{batch}:1", "1,000 bytes")
    assert failed.line == 1


def test_missing_file(store: SQLiteStore, tmp_path: Path) -> None:
    missing = tmp_path / "not-there.txt"
    outcomes = run(store, missing, good_file(tmp_path))
    assert_failed_then_stored(store, outcomes, "unreadable", str(missing), "No such file or directory")


def test_file_without_read_permission(store: SQLiteStore, tmp_path: Path) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text(GOOD.upper(), "utf-8")
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("running with privileges that read a mode-000 file (root)")
        outcomes = run(store, locked, good_file(tmp_path))
        assert_failed_then_stored(store, outcomes, "unreadable", str(locked), "Permission denied")
    finally:
        locked.chmod(0o644)


# URLs -----------------------------------------------------------------------------------------------

SLOW, GONE, IMAGE = ("https://slow.example/story", "https://gazette.example/gone",
                     "https://gazette.example/photo.jpg")
FAKE_ERRORS = {
    SLOW: FetchTimeoutError(SLOW, "no answer within 15 s", hint="the server is slow or unreachable"),
    GONE: HTTPStatusError(GONE, 404, "HTTP 404 Not Found", hint="check the URL"),
    IMAGE: UnsupportedInputError(IMAGE, "the content type image/jpeg is not read"),
}


@pytest.mark.parametrize(
    ("url", "reason", "fragment"),
    [(SLOW, "timeout", "no answer within 15 s"), (GONE, "http error", "HTTP 404 Not Found"),
     (IMAGE, "unsupported", "image/jpeg")],
    ids=["timeout", "404", "not-html"],
)
def test_url_failures(store: SQLiteStore, tmp_path: Path, url: str, reason: str, fragment: str) -> None:
    outcomes = run(store, url, good_file(tmp_path), fetcher=FakeFetcher(FAKE_ERRORS))
    assert_failed_then_stored(store, outcomes, reason, url, fragment)


def test_a_fetched_body_that_is_binary(store: SQLiteStore, tmp_path: Path) -> None:
    url = "https://gazette.example/odd"
    fake = FakeFetcher({url: Fetched(url, url, 200, "text/plain", None, PNG_HEADER)})
    outcomes = run(store, url, good_file(tmp_path), fetcher=fake)
    assert_failed_then_stored(store, outcomes, "binary", url)


# Through the command line ---------------------------------------------------------------------------

def test_cli_reports_a_binary_file_and_stores_the_rest(tmp_path: Path) -> None:
    binary = tmp_path / "logo"
    binary.write_bytes(PNG_HEADER)
    db = tmp_path / "news.db"
    result = CliRunner().invoke(cli, ["ingest", str(binary), str(good_file(tmp_path)), "--db", str(db),
                                       "--no-extract"])
    assert result.exit_code == 1
    assert result.stdout.strip() == "1 stored, 0 already stored, 0 near-duplicate, 1 failed"
    assert "1 input failed:" in result.stderr
    assert f"[binary] {binary}: the bytes are not text in any known encoding" in result.stderr
    with SQLiteStore(db) as store:
        assert store.stats().articles == 1


def test_cli_reports_a_malformed_json_lines_line(tmp_path: Path) -> None:
    batch = tmp_path / "batch.jsonl"
    batch.write_text('{"text": "Ferries resume sailings across the strait."}\n{"text": 3}\n', "utf-8")
    db = tmp_path / "news.db"
    result = CliRunner().invoke(cli, ["ingest", str(batch), str(good_file(tmp_path)), "--db", str(db),
                                       "--no-extract"])
    assert result.exit_code == 1
    assert result.stdout.strip() == "2 stored, 0 already stored, 0 near-duplicate, 1 failed"
    assert f"[malformed] {batch}:2: 'text' must be a string, not int" in result.stderr
    with SQLiteStore(db) as store:
        assert store.stats().articles == 2
