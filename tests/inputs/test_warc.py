"""WARC archives, written here with warcio's own writer, then cut short and corrupted by hand."""

from __future__ import annotations

import gzip
import io
from dataclasses import dataclass, field

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsgraph.errors import (
    BinaryInputError,
    EmptyInputError,
    InputError,
    InputTooLargeError,
    MalformedInputError,
    UnsupportedInputError,
)
from newsgraph.inputs.warc import looks_like_warc, read_warc
from newsgraph.records import Metadata, RawDocument

LIMIT = 1000
ARTICLE = (
    "<html><head><title>Flood</title></head><body><p>Café owners bailed water.</p></body></html>"
)
ARTICLE_URL = "https://news.example/flood"
OVERSIZED = b"<html><body>" + b"<p>long</p>" * LIMIT + b"</body></html>"


@dataclass
class Archive:
    """A WARC file built in memory, with the byte offset at which each record ends."""

    gzip: bool
    data: bytes = b""
    ends: list[int] = field(default_factory=list)
    _buffer: io.BytesIO = field(default_factory=io.BytesIO)

    def __post_init__(self) -> None:
        self._writer = WARCWriter(self._buffer, gzip=self.gzip)

    def request(self, url: str) -> Archive:
        headers = StatusAndHeaders(
            "GET / HTTP/1.1", [("Host", "news.example")], is_http_request=True
        )
        return self._write(self._writer.create_warc_record(url, "request", http_headers=headers))

    def response(
        self, url: str, body: bytes, content_type: str | None = "text/html; charset=utf-8",
        status: str = "200 OK", extra: list[tuple[str, str]] | None = None,
    ) -> Archive:
        headers = [("Content-Type", content_type)] if content_type else []
        http = StatusAndHeaders(status, headers + (extra or []), protocol="HTTP/1.1")
        record = self._writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), http_headers=http
        )
        return self._write(record)

    def metadata(self, url: str) -> Archive:
        record = self._writer.create_warc_record(
            url, "metadata", payload=io.BytesIO(b"outlinks: none\r\n"),
            warc_content_type="application/warc-fields",
        )
        return self._write(record)

    def _write(self, record: object) -> Archive:
        self._writer.write_record(record)
        self.ends.append(self._buffer.tell())
        self.data = self._buffer.getvalue()
        return self


def mixed_archive(compressed: bool) -> Archive:
    """Record 1 a request, 2 an HTML article, 3 a PDF, 4 a 404 page, 5 an oversized HTML page."""
    return (
        Archive(compressed)
        .request(ARTICLE_URL)
        .response(ARTICLE_URL, ARTICLE.encode("utf-8"))
        .response("https://news.example/report.pdf", b"%PDF-1.7\n...", "application/pdf")
        .response("https://news.example/gone", b"<p>Not found</p>", status="404 Not Found")
        .response("https://news.example/long", OVERSIZED)
    )


def three_articles(compressed: bool) -> Archive:
    archive = Archive(compressed)
    for number in (1, 2, 3):
        body = f"<html><body><p>Article {number}.</p></body></html>".encode() * 20
        archive.response(f"https://news.example/{number}", body)
    return archive


def _read(source: str, data: bytes, limit: int = LIMIT) -> list[RawDocument | InputError]:
    return list(read_warc(source, io.BytesIO(data), limit))


@pytest.mark.parametrize("compressed", [False, True], ids=["warc", "warc.gz"])
def test_only_the_html_200_response_becomes_a_document(compressed: bool) -> None:
    source = "crawl.warc.gz" if compressed else "crawl.warc"
    document, too_large = _read(source, mixed_archive(compressed).data)
    assert document == RawDocument(
        source=f"{source}#record-2",
        raw_input=ARTICLE.encode("utf-8"),
        media_type="text/html",
        metadata=Metadata(url=ARTICLE_URL),
        html=ARTICLE,
    )
    assert isinstance(too_large, InputTooLargeError)
    assert too_large.source == f"{source}#record-5"
    assert too_large.message == f"the HTTP body is over the limit of {LIMIT} bytes"


def test_body_of_exactly_the_limit_is_read() -> None:
    body = b"<p>" + b"x" * (LIMIT - 7) + b"</p>"
    [document] = _read("a.warc", Archive(False).response("https://a.example/", body).data)
    assert isinstance(document, RawDocument)
    assert document.raw_input == body


def test_body_is_decoded_with_the_http_charset() -> None:
    body = "<p>Café à Noël</p>".encode("latin-1")
    archive = Archive(False).response("https://a.example/", body, "text/html; charset=ISO-8859-1")
    [document] = _read("a.warc", archive.data)
    assert isinstance(document, RawDocument)
    assert document.raw_input == body
    assert document.html == "<p>Café à Noël</p>"


def test_content_encoding_is_undone_in_raw_input() -> None:
    archive = Archive(False).response(
        "https://a.example/", gzip.compress(ARTICLE.encode()), extra=[("Content-Encoding", "gzip")]
    )
    [document] = _read("a.warc", archive.data)
    assert isinstance(document, RawDocument)
    assert document.raw_input == ARTICLE.encode()


@pytest.mark.parametrize(
    ("content_type", "read"),
    [
        ("text/html", True),
        ("TEXT/HTML; Charset=UTF-8", True),
        ('application/xhtml+xml; charset="utf-8"', True),
        ("text/plain", False),
        ("application/json", False),
        (None, False),
    ],
)
def test_html_content_types_are_read_and_others_skipped(
    content_type: str | None, read: bool
) -> None:
    archive = Archive(False).response("https://a.example/", ARTICLE.encode(), content_type)
    assert len(_read("a.warc", archive.data)) == (1 if read else 0)


def test_records_that_are_not_articles_are_skipped_and_still_counted() -> None:
    archive = (
        Archive(True)
        .metadata("https://a.example/")
        .response("https://a.example/moved", b"", status="301 Moved Permanently")
        .request("https://a.example/")
        .response("https://a.example/", ARTICLE.encode())
    )
    [document] = _read("a.warc.gz", archive.data)
    assert isinstance(document, RawDocument)
    assert document.source == "a.warc.gz#record-4"
    assert document.metadata.published is None


@pytest.mark.parametrize(
    ("body", "error", "message"),
    [
        (b"", EmptyInputError, "the input is empty"),
        (b"\x00\x01\x02\x03" * 50, BinaryInputError, "the input looks like binary data, not text"),
    ],
    ids=["empty", "binary"],
)
def test_body_that_is_not_text_is_yielded_as_an_error(
    body: bytes, error: type[InputError], message: str
) -> None:
    archive = Archive(False).response("https://a.example/1", body).response(
        "https://a.example/2", ARTICLE.encode()
    )
    bad, good = _read("a.warc", archive.data)
    assert type(bad) is error
    assert bad.source == "a.warc#record-1"
    assert bad.message == message
    assert isinstance(good, RawDocument)


@pytest.mark.parametrize("compressed", [False, True], ids=["warc", "warc.gz"])
def test_archive_cut_inside_a_record_yields_what_came_before_then_an_error(
    compressed: bool
) -> None:
    archive = three_articles(compressed)
    cut = (archive.ends[1] + archive.ends[2]) // 2
    first, second, error = _read("cut.warc", archive.data[:cut])
    assert [first.source, second.source] == ["cut.warc#record-1", "cut.warc#record-2"]
    assert isinstance(first, RawDocument) and isinstance(second, RawDocument)
    assert isinstance(error, MalformedInputError)
    assert error.source == "cut.warc#record-3"
    assert error.message.startswith("WARC record 3 is cut short")
    assert error.hint == (
        "the archive is truncated or corrupt; the records before this one were read"
    )


@pytest.mark.parametrize("compressed", [False, True], ids=["warc", "warc.gz"])
def test_archive_cut_inside_a_record_header_is_found(compressed: bool) -> None:
    archive = three_articles(compressed)
    results = _read("cut.warc", archive.data[: archive.ends[1] + 40])
    assert [type(result) for result in results] == [RawDocument, RawDocument, MalformedInputError]
    assert results[2].source == "cut.warc#record-3"


def test_short_body_reports_the_missing_bytes() -> None:
    archive = three_articles(False)
    *_, error = _read("cut.warc", archive.data[: archive.ends[2] - 104])
    assert isinstance(error, MalformedInputError)
    assert error.message.startswith("WARC record 3 is cut short: 100 of its ")


def test_archive_cut_between_records_reads_as_complete() -> None:
    archive = three_articles(True)
    results = _read("a.warc.gz", archive.data[: archive.ends[1]])
    assert [type(result) for result in results] == [RawDocument, RawDocument]


@pytest.mark.parametrize("compressed", [False, True], ids=["warc", "warc.gz"])
def test_archive_cut_inside_its_first_record_is_raised(compressed: bool) -> None:
    archive = three_articles(compressed)
    with pytest.raises(MalformedInputError) as caught:
        _read("cut.warc", archive.data[: archive.ends[0] // 2])
    assert caught.value.source == "cut.warc"
    assert caught.value.message.startswith("WARC record 1 ")
    assert caught.value.hint == "the file is not a readable WARC archive"


@pytest.mark.parametrize(
    "data",
    [b"hello world\n", b"<html><body>not an archive</body></html>", gzip.compress(b"plain text\n")],
    ids=["text", "html", "gzipped-text"],
)
def test_file_that_is_not_a_warc_is_raised(data: bytes) -> None:
    with pytest.raises(MalformedInputError) as caught:
        _read("fake.warc", data)
    assert caught.value.source == "fake.warc"
    assert caught.value.message.startswith("WARC record 1 cannot be read (ArchiveLoadFailed: ")


def test_arc_file_is_unsupported() -> None:
    arc = b"http://a.example/ 192.0.2.1 20260116000000 text/html 5\nhello\n"
    with pytest.raises(UnsupportedInputError) as caught:
        _read("old.arc", arc)
    assert caught.value.source == "old.arc"
    assert caught.value.message == "this is an ARC file, not WARC"


def test_empty_file_is_raised_as_empty() -> None:
    with pytest.raises(EmptyInputError) as caught:
        _read("empty.warc", b"")
    assert caught.value.message == "the WARC file is empty"


def test_unseekable_stream_is_read() -> None:
    class PipeLike:
        def __init__(self, data: bytes) -> None:
            self._inner = io.BytesIO(data)

        def read(self, size: int = -1) -> bytes:
            return self._inner.read(size)

    stream = PipeLike(mixed_archive(True).data)
    results = list(read_warc("-", stream, LIMIT))  # type: ignore[arg-type]
    assert [result.source for result in results] == ["-#record-2", "-#record-5"]


@settings(max_examples=60, deadline=None)
@given(compressed=st.booleans(), fraction=st.floats(0.0, 1.0))
def test_a_cut_archive_never_yields_a_document_with_a_short_body(
    compressed: bool, fraction: float
) -> None:
    archive = three_articles(compressed)
    complete = _read("a.warc", archive.data)
    cut = int(len(archive.data) * fraction)
    try:
        results = _read("a.warc", archive.data[:cut])
    except InputError:
        return
    documents = [result for result in results if isinstance(result, RawDocument)]
    assert documents == complete[: len(documents)]
    if not _between_records(archive, cut):
        assert isinstance(results[-1], MalformedInputError)


def _between_records(archive: Archive, cut: int) -> bool:
    """Whether ``cut`` falls where a record is complete: at its end, or (uncompressed) in the blank
    lines after its block, which a reader cannot tell from the end of the file."""
    separator = 0 if archive.gzip else len(b"\r\n\r\n")
    return cut == 0 or any(end - separator <= cut <= end for end in archive.ends)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (three_articles(False).data, True),
        (three_articles(True).data, True),
        (b"WARC/1.1\r\nWARC-Type: warcinfo\r\n", True),
        (gzip.compress(b"WARC/1.0\r\n")[:20], True),  # a gzip member cut short still sniffs
        (gzip.compress(b"<html></html>"), False),
        (b"\x1f\x8b\x08\x00 not really gzip", False),
        (b"<html>WARC/1.0</html>", False),
        (b"", False),
    ],
    ids=["warc", "warc.gz", "header-only", "gzip-cut-short", "gzipped-html", "broken-gzip",
         "html", "empty"],
)
def test_looks_like_warc(data: bytes, expected: bool) -> None:
    assert looks_like_warc(data) is expected
