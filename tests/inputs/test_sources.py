"""Inputs to raw documents: files by suffix or content, folders, standard input and URLs (faked)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsgraph.errors import (
    EmptyInputError,
    FetchTimeoutError,
    HostileInputError,
    HTTPStatusError,
    InputError,
    InputTooLargeError,
    UnreadableInputError,
    UnsupportedInputError,
)
from newsgraph.inputs.fetch import FakeFetcher, Fetched
from newsgraph.inputs.sources import InputReader, is_url
from newsgraph.records import Metadata, PartialDate, RawDocument
from newsgraph.settings import Settings

TEXT = (
    "Storm warning for the northern coast.\n\n"
    "Ferries stay in port until Friday, the harbour master said.\n"
)
HTML = (
    "<!DOCTYPE html><html><head><title>Ferries stay in port</title></head><body><article>"
    "<p>Ferries will stay in port until Friday, the harbour master of Punta Arenas said on Monday.</p>"
    "</article></body></html>"
)
RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
  <title>Harbour Gazette</title>
  <link>https://gazette.example/</link>
  <item>
    <title>Storm closes port</title>
    <link>https://gazette.example/storm</link>
    <pubDate>Mon, 03 Feb 2025 07:00:00 GMT</pubDate>
    <description>The port of Punta Arenas closed at dawn as the storm arrived.</description>
  </item>
  <item>
    <title>Ferries wait</title>
    <description>Ferries waited at anchor for a second day.</description>
  </item>
</channel></rss>
"""
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Coast Notes</title>
  <id>urn:coast-notes</id>
  <updated>2025-02-03T08:00:00Z</updated>
  <entry>
    <title>Tide tables revised</title>
    <id>urn:coast-notes:1</id>
    <link href="https://coast.example/tides"/>
    <updated>2025-02-03T08:00:00Z</updated>
    <content type="text">The navy revised the tide tables for the Strait of Magellan.</content>
  </entry>
</feed>
"""
# Eighteen nested entity levels put the <rss> root well past the first kilobyte that feeds are sniffed in.
_LEVELS = "".join(
    f'  <!ENTITY level{n} "{f"&level{n - 1};" * 10}">\n' for n in range(1, 18)
)
BILLION_LAUGHS = (
    f'<?xml version="1.0"?>\n<!DOCTYPE rss [\n  <!ENTITY level0 "ha">\n{_LEVELS}]>\n'
    '<rss version="2.0"><channel><title>&level17;</title>'
    "<item><title>t</title><description>d</description></item></channel></rss>\n"
)
EXTERNAL_ENTITY = (
    '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/hostname">]>\n'
    '<rss version="2.0"><channel><title>&secret;</title>'
    "<item><title>t</title><description>d</description></item></channel></rss>\n"
)


def warc(*pages: tuple[str, bytes], compressed: bool = False) -> bytes:
    """A WARC file holding one 200 HTML response per ``(url, body)``."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compressed)
    for url, body in pages:
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                      http_headers=http))
    return buffer.getvalue()


def read(
    *inputs: str | Path, settings: Settings | None = None, fetcher: FakeFetcher | None = None,
    stdin: io.BytesIO | None = None,
) -> list[RawDocument | InputError]:
    reader = InputReader(settings or Settings(), fetcher or FakeFetcher({}), stdin)
    return list(reader.read([str(i) for i in inputs]))


def docs(items: list[RawDocument | InputError]) -> list[RawDocument]:
    errors = [i for i in items if isinstance(i, InputError)]
    assert not errors, errors
    return [i for i in items if isinstance(i, RawDocument)]


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, "utf-8")
    else:
        path.write_bytes(content)
    return path


# By suffix ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("name", "media_type"),
    [("a.txt", "text/plain"), ("a.text", "text/plain"), ("a.TXT", "text/plain"),
     ("a.md", "text/markdown"), ("a.markdown", "text/markdown")],
)
def test_text_suffixes(tmp_path: Path, name: str, media_type: str) -> None:
    path = write(tmp_path / name, TEXT)
    [document] = docs(read(path))
    assert document == RawDocument(str(path), TEXT.encode(), media_type, Metadata(), text=TEXT)


@pytest.mark.parametrize("name", ["a.html", "a.htm", "a.xhtml", "a.shtml", "a.HTML"])
def test_html_suffixes(tmp_path: Path, name: str) -> None:
    path = write(tmp_path / name, HTML)
    [document] = docs(read(path))
    assert document == RawDocument(str(path), HTML.encode(), "text/html", Metadata(), html=HTML)


def test_a_text_suffix_wins_over_html_content(tmp_path: Path) -> None:
    [document] = docs(read(write(tmp_path / "page.txt", HTML)))
    assert (document.media_type, document.text) == ("text/plain", HTML)


def test_html_meta_charset_is_used(tmp_path: Path) -> None:
    page = '<html><head><meta charset="iso-8859-1"></head><body><p>Concepción</p></body></html>'
    [document] = docs(read(write(tmp_path / "old.html", page.encode("latin-1"))))
    assert document.html == page


@pytest.mark.parametrize("name", ["batch.jsonl", "batch.ndjson", "batch.jsonlines"])
def test_json_lines_suffixes(tmp_path: Path, name: str) -> None:
    path = write(tmp_path / name, '{"text": "first"}\n{"html": "<p>second</p>"}\n')
    first, second = docs(read(path))
    assert (first.source, first.text) == (f"{path}:1", "first")
    assert (second.source, second.media_type) == (f"{path}:2", "text/html")


@pytest.mark.parametrize("name", ["news.xml", "news.rss", "news.rdf"])
def test_feed_suffixes(tmp_path: Path, name: str) -> None:
    path = write(tmp_path / name, RSS)
    first, second = docs(read(path))
    assert [first.source, second.source] == [f"{path}#entry-1", f"{path}#entry-2"]
    assert first.metadata == Metadata(
        title="Storm closes port", url="https://gazette.example/storm", outlet="Harbour Gazette",
        published=PartialDate("2025-02-03T07:00:00+00:00", "second"),
    )
    assert second.metadata.url is None


def test_atom_suffix(tmp_path: Path) -> None:
    [entry] = docs(read(write(tmp_path / "notes.atom", ATOM)))
    assert entry.source == f"{tmp_path / 'notes.atom'}#entry-1"
    assert entry.text == "The navy revised the tide tables for the Strait of Magellan."
    assert entry.metadata.outlet == "Coast Notes"


def test_an_xml_file_that_is_not_a_feed_is_read_by_its_content(tmp_path: Path) -> None:
    [document] = docs(read(write(tmp_path / "page.xml", HTML)))
    assert document.media_type == "text/html"


@pytest.mark.parametrize(("name", "compressed"), [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_warc_suffixes(tmp_path: Path, name: str, compressed: bool) -> None:
    data = warc(("https://gazette.example/one", HTML.encode()),
                ("https://gazette.example/two", HTML.replace("Monday", "Tuesday").encode()),
                compressed=compressed)
    path = write(tmp_path / name, data)
    one, two = docs(read(path))
    assert [one.source, two.source] == [f"{path}#record-1", f"{path}#record-2"]
    assert one.metadata == Metadata(url="https://gazette.example/one")
    assert one.html == HTML


@pytest.mark.parametrize(
    ("name", "kind"),
    [("scan.pdf", "PDF"), ("letter.docx", "Word"), ("photo.png", "image"), ("bundle.zip", "zip"),
     ("dump.json", "JSON (use JSON Lines, one article per line)")],
)
def test_known_binary_suffixes_are_unsupported(tmp_path: Path, name: str, kind: str) -> None:
    path = write(tmp_path / name, b"%PDF-1.7 or whatever the bytes are")
    [error] = read(path)
    assert isinstance(error, UnsupportedInputError)
    assert str(error).startswith(f"{path}: cannot read {kind} files")


# By content -----------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("content", "media_type", "count"),
    [(HTML, "text/html", 1), (RSS, "text/html", 2), (ATOM, "text/plain", 1), (TEXT, "text/plain", 1)],
    ids=["html", "rss", "atom", "text"],
)
def test_files_without_a_suffix_are_sniffed(
    tmp_path: Path, content: str, media_type: str, count: int
) -> None:
    for name in ("README", "story.article"):
        documents = docs(read(write(tmp_path / name, content)))
        assert len(documents) == count
        assert {d.media_type for d in documents} == {media_type}
        if content in (RSS, ATOM):
            assert documents[0].source.endswith("#entry-1")


def test_a_warc_without_a_suffix_is_sniffed(tmp_path: Path) -> None:
    path = write(tmp_path / "crawl-0001", warc(("https://gazette.example/one", HTML.encode())))
    [document] = docs(read(path))
    assert document.source == f"{path}#record-1"


@pytest.mark.parametrize("name", ["bomb.xml", "bomb.rss", "bomb"])
def test_entity_declarations_are_hostile_however_long_the_doctype(tmp_path: Path, name: str) -> None:
    assert BILLION_LAUGHS.index("<rss") > 1024
    path = write(tmp_path / name, BILLION_LAUGHS)
    [error] = read(path)
    assert isinstance(error, HostileInputError)
    assert error.reason == "hostile"
    assert str(error).startswith(f"{path}: feed XML declares entities")


def test_an_external_entity_is_hostile(tmp_path: Path) -> None:
    [error] = read(write(tmp_path / "xxe.xml", EXTERNAL_ENTITY))
    assert isinstance(error, HostileInputError)


# Paths that fail ------------------------------------------------------------------------------------

def test_a_missing_path_is_unreadable_and_the_next_input_is_read(tmp_path: Path) -> None:
    missing = tmp_path / "gone.txt"
    error, document = read(missing, write(tmp_path / "here.txt", TEXT))
    assert isinstance(error, UnreadableInputError)
    assert str(error) == f"{missing}: cannot read: No such file or directory"
    assert isinstance(document, RawDocument)


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = write(tmp_path / "long.txt", "word " * 400)
    [error] = read(path, settings=Settings(max_document_bytes=1000))
    assert isinstance(error, InputTooLargeError)
    assert error.message == "the file is 2,000 bytes, over the limit of 1,000"


# Folders --------------------------------------------------------------------------------------------

def test_folders_are_read_recursively_in_name_order_without_hidden_files(tmp_path: Path) -> None:
    for name in ["b.txt", "a.txt", "sub/c.md", "sub/deeper/d.txt", ".hidden.txt", ".git/e.txt",
                 "sub/.cache/f.txt", "sub/.g.txt"]:
        write(tmp_path / name, f"{name} says the port is closed.\n")
    sources = [d.source for d in docs(read(tmp_path))]
    assert sources == [str(tmp_path / n) for n in ["a.txt", "b.txt", "sub/c.md", "sub/deeper/d.txt"]]


def test_a_bad_file_in_a_folder_does_not_stop_the_others(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", TEXT)
    write(tmp_path / "b.txt", b"")
    write(tmp_path / "c.txt", TEXT.upper())
    a, b, c = read(tmp_path)
    assert isinstance(a, RawDocument) and isinstance(c, RawDocument)
    assert isinstance(b, EmptyInputError)
    assert b.source == str(tmp_path / "b.txt")


def test_an_empty_folder_is_an_error_not_silence(tmp_path: Path) -> None:
    (tmp_path / ".hidden").write_text("not read\n")
    [error] = read(tmp_path)
    assert isinstance(error, EmptyInputError)
    assert error.source == str(tmp_path)
    assert "no files to ingest" in error.message


def test_files_named_by_a_batch_in_the_folder_are_read_once_through_it(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "Albatros crew home.\n")
    write(tmp_path / "b.txt", "Port reopens.\n")
    write(tmp_path / "manifest.jsonl", json.dumps(
        {"path": "a.txt", "title": "Crew home", "outlet": "Harbour Wire", "published": "2025-03-31"}
    ) + "\n")
    b, a = docs(read(tmp_path))
    assert b.source == str(tmp_path / "b.txt")
    assert b.metadata == Metadata()
    assert a.source == str(tmp_path / "a.txt")
    assert a.text == "Albatros crew home.\n"
    assert a.metadata == Metadata(title="Crew home", outlet="Harbour Wire",
                                  published=PartialDate("2025-03-31", "day"))


def test_a_batch_in_a_subfolder_claims_files_by_their_resolved_path(tmp_path: Path) -> None:
    write(tmp_path / "texts" / "a.txt", "Albatros crew home.\n")
    write(tmp_path / "meta" / "list.jsonl", '{"path": "../texts/a.txt", "outlet": "Harbour Wire"}\n')
    [a] = docs(read(tmp_path))
    assert a.metadata.outlet == "Harbour Wire"


def test_a_broken_batch_line_claims_nothing(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "Albatros crew home.\n")
    write(tmp_path / "manifest.jsonl", '{"path": "a.txt", "outlet": \n')
    a, error = read(tmp_path)
    assert isinstance(a, RawDocument) and a.source == str(tmp_path / "a.txt")
    assert isinstance(error, InputError) and error.line == 1


# Standard input -------------------------------------------------------------------------------------

def test_stdin_text() -> None:
    [document] = docs(read("-", stdin=io.BytesIO(TEXT.encode())))
    assert document == RawDocument("-", TEXT.encode(), "text/plain", Metadata(), text=TEXT)


def test_stdin_html() -> None:
    [document] = docs(read("-", stdin=io.BytesIO(HTML.encode())))
    assert (document.source, document.media_type, document.html) == ("-", "text/html", HTML)


def test_stdin_feed() -> None:
    first, second = docs(read("-", stdin=io.BytesIO(RSS.encode())))
    assert [first.source, second.source] == ["-#entry-1", "-#entry-2"]


@pytest.mark.parametrize("prefix", [b"", b"\n  \n"])
def test_stdin_json_lines(prefix: bytes) -> None:
    data = prefix + b'{"text": "one"}\n{"text": "two", "outlet": "Wire"}\n'
    one, two = docs(read("-", stdin=io.BytesIO(data)))
    assert (one.text, two.text, two.metadata.outlet) == ("one", "two", "Wire")
    blank_lines = prefix.count(b"\n")
    assert two.source == f"-:{blank_lines + 2}"


def test_stdin_json_lines_longer_than_the_sniffed_head() -> None:
    data = b"".join(json.dumps({"text": f"article {n} " + "x" * 1000}).encode() + b"\n"
                    for n in range(100))
    assert len(data) > 65536
    documents = docs(read("-", stdin=io.BytesIO(data)))
    assert [d.source for d in documents] == [f"-:{n}" for n in range(1, 101)]
    assert documents[-1].text is not None and documents[-1].text.startswith("article 99 ")


def test_empty_stdin_is_empty() -> None:
    [error] = read("-", stdin=io.BytesIO(b""))
    assert isinstance(error, EmptyInputError)
    assert error.source == "-"


def test_no_stdin_is_unreadable() -> None:
    [error] = read("-")
    assert isinstance(error, UnreadableInputError)
    assert str(error) == "-: no standard input to read"


class _CountingStream(io.BytesIO):
    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.sizes: list[int | None] = []

    def read(self, size: int | None = -1) -> bytes:
        self.sizes.append(size)
        return super().read(size)


def test_oversized_stdin_is_refused_without_reading_all_of_it() -> None:
    stream = _CountingStream(b"word " * 100_000)
    [error] = read("-", settings=Settings(max_document_bytes=1000), stdin=stream)
    assert isinstance(error, InputTooLargeError)
    assert str(error).startswith("-: standard input is over the limit of 1,000 bytes")
    assert all(size is not None and size >= 0 for size in stream.sizes), stream.sizes
    assert stream.tell() <= 65536


# URLs -----------------------------------------------------------------------------------------------

def fetched(url: str, body: str | bytes, media_type: str, charset: str | None = None,
            final_url: str | None = None) -> Fetched:
    data = body.encode() if isinstance(body, str) else body
    return Fetched(url, final_url or url, 200, media_type, charset, data)


def test_is_url() -> None:
    assert is_url("https://gazette.example/a") and is_url("ftp://x")
    assert not is_url("gazette.example/a") and not is_url("-") and not is_url("C:\\news\\a.txt")


def test_an_html_url_keeps_its_final_url_as_a_fallback_to_the_canonical_one() -> None:
    url = "https://gazette.example/short"
    fake = FakeFetcher({url: fetched(url, HTML, "text/html", final_url="https://gazette.example/long")})
    [document] = docs(read(url, fetcher=fake))
    assert document == RawDocument(url, HTML.encode(), "text/html", Metadata(), html=HTML,
                                   fetched_url="https://gazette.example/long")
    assert fake.requested == [url]


def test_the_http_charset_is_used() -> None:
    url = "https://gazette.example/old"
    page = "<html><body><p>Concepción</p></body></html>"
    fake = FakeFetcher({url: fetched(url, page.encode("latin-1"), "text/html", charset="iso-8859-1")})
    [document] = docs(read(url, fetcher=fake))
    assert document.html == page


def test_a_plain_text_url() -> None:
    url = "https://gazette.example/wire.txt"
    [document] = docs(read(url, fetcher=FakeFetcher({url: fetched(url, TEXT, "text/plain")})))
    assert (document.media_type, document.text, document.metadata.url) == ("text/plain", TEXT, url)


@pytest.mark.parametrize("media_type", ["application/rss+xml", "application/xml", "text/xml", ""])
def test_a_feed_url_gives_entries_with_their_own_links(media_type: str) -> None:
    url = "https://gazette.example/feed"
    fake = FakeFetcher({url: fetched(url, RSS, media_type, final_url="https://gazette.example/feed.xml")})
    first, second = docs(read(url, fetcher=fake))
    assert [first.source, second.source] == [f"{url}#entry-1", f"{url}#entry-2"]
    assert first.metadata.url == "https://gazette.example/storm"
    assert second.metadata.url is None  # the feed's own URL is not the entry's
    assert first.metadata.outlet == "Harbour Gazette"


def test_a_json_lines_url() -> None:
    url = "https://gazette.example/batch.jsonl"
    body = '{"text": "one"}\n{"html": "<p>two</p>"}\n'
    one, two = docs(read(url, fetcher=FakeFetcher({url: fetched(url, body, "application/x-ndjson")})))
    assert (one.source, two.source) == (f"{url}:1", f"{url}:2")


def test_a_fetched_batch_cannot_read_local_files(tmp_path: Path) -> None:
    secret = write(tmp_path / "secret.txt", "Not for the store.\n")
    url = "https://evil.example/batch.jsonl"
    body = json.dumps({"path": str(secret)}) + "\n" + '{"text": "fine"}\n'
    error, fine = read(url, fetcher=FakeFetcher({url: fetched(url, body, "application/json")}))
    assert isinstance(error, UnsupportedInputError)
    assert str(error).startswith(f"{url}:1: 'path' lines are not read from a fetched batch")
    assert isinstance(fine, RawDocument) and fine.text == "fine"


def test_a_warc_url_with_no_content_type_is_sniffed() -> None:
    url = "https://archive.example/crawl"
    body = warc(("https://gazette.example/one", HTML.encode()))
    [document] = docs(read(url, fetcher=FakeFetcher({url: fetched(url, body, "")})))
    assert document.source == f"{url}#record-1"


@pytest.mark.parametrize("media_type", ["application/rss+xml", "text/xml", ""])
def test_a_hostile_feed_url_is_refused(media_type: str) -> None:
    url = "https://evil.example/feed"
    [error] = read(url, fetcher=FakeFetcher({url: fetched(url, BILLION_LAUGHS, media_type)}))
    assert isinstance(error, HostileInputError)


def test_fetch_errors_are_yielded_and_the_next_input_is_read(tmp_path: Path) -> None:
    slow, missing = "https://slow.example/a", "https://gazette.example/missing"
    fake = FakeFetcher({slow: FetchTimeoutError(slow, "no answer within 15 s")})
    timeout, not_found, document = read(slow, missing, write(tmp_path / "a.txt", TEXT), fetcher=fake)
    assert isinstance(timeout, FetchTimeoutError) and timeout.reason == "timeout"
    assert isinstance(not_found, HTTPStatusError) and not_found.status == 404
    assert str(not_found).startswith(f"{missing}: HTTP 404 Not Found")
    assert isinstance(document, RawDocument)
