"""JSON Lines batches: one article per line, and an error naming the line for each bad one."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from newsgraph.errors import InputError, InputTooLargeError, MalformedInputError
from newsgraph.inputs.fetch import FakeFetcher
from newsgraph.inputs.jsonl import PathLine, read_jsonl
from newsgraph.inputs.sources import InputReader
from newsgraph.records import Metadata, PartialDate, RawDocument
from newsgraph.settings import Settings

BATCH = "/data/batch.jsonl"
LIMIT = 10_000

Item = RawDocument | InputError | tuple[Path, Metadata, str]


def read(data: bytes, limit: int = LIMIT, source: str = BATCH) -> list[Item]:
    return list(read_jsonl(source, io.BytesIO(data), limit))


def lines(*records: Any) -> bytes:
    return b"".join(
        (r if isinstance(r, bytes) else json.dumps(r, ensure_ascii=False).encode()) + b"\n"
        for r in records
    )


def documents(items: list[Item]) -> list[RawDocument]:
    assert all(isinstance(i, RawDocument) for i in items), items
    return [i for i in items if isinstance(i, RawDocument)]


def only_error(items: list[Item]) -> InputError:
    [error] = items
    assert isinstance(error, InputError), error
    return error


# Bodies ---------------------------------------------------------------------------------------------

def test_a_text_line_becomes_a_text_document_with_its_metadata() -> None:
    record = {"text": "Fishermen in Arica went back to sea.", "title": "Back to sea",
              "url": "https://wire.example/sea", "outlet": "Harbour Wire", "author": "A. Rojas",
              "published": "2025-11"}
    [document] = documents(read(lines(record)))
    assert document == RawDocument(
        source=f"{BATCH}:1",
        raw_input=json.dumps(record, ensure_ascii=False).encode(),
        media_type="text/plain",
        metadata=Metadata(title="Back to sea", url="https://wire.example/sea", outlet="Harbour Wire",
                          author="A. Rojas", published=PartialDate("2025-11", "month")),
        text="Fishermen in Arica went back to sea.",
    )


def test_an_html_line_becomes_an_html_document() -> None:
    [document] = documents(read(lines({"html": "<p>Port reopened.</p>"})))
    assert document.media_type == "text/html"
    assert document.html == "<p>Port reopened.</p>"
    assert document.text is None


def test_a_path_line_names_a_file_relative_to_the_batch() -> None:
    [item] = read(lines({"path": "articles/one.txt", "outlet": "Harbour Wire"}))
    assert item == PathLine(Path("/data/articles/one.txt"), Metadata(outlet="Harbour Wire"), BATCH, 1)


def test_each_line_is_numbered_from_one_counting_blank_lines() -> None:
    data = lines({"text": "first"}, b"", b"   ", {"text": "fourth"})
    assert [d.source for d in documents(read(data))] == [f"{BATCH}:1", f"{BATCH}:4"]


@pytest.mark.parametrize(
    ("record", "found"),
    [
        ({"title": "No body"}, "none of them"),
        ({"text": "", "html": ""}, "none of them"),
        ({"text": "a", "html": "<p>b</p>"}, "text and html"),
        ({"text": "a", "path": "a.txt"}, "text and path"),
        ({"text": "a", "html": "<p>b</p>", "path": "a.txt"}, "text and html and path"),
    ],
)
def test_exactly_one_body_is_required(record: dict[str, Any], found: str) -> None:
    error = only_error(read(lines(record)))
    assert isinstance(error, MalformedInputError)
    assert error.message == f"expected exactly one of 'text', 'html' or 'path', found {found}"
    assert (error.source, error.line) == (BATCH, 1)
    assert str(error).startswith(f"{BATCH}:1: ")


def test_an_empty_body_does_not_count() -> None:
    [document] = documents(read(lines({"text": "", "html": "<p>Only HTML.</p>"})))
    assert document.html == "<p>Only HTML.</p>"


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"text": 42}, "'text' must be a string, not int"),
        ({"html": ["<p>a</p>"]}, "'html' must be a string, not list"),
        ({"path": {"name": "a.txt"}}, "'path' must be a string, not dict"),
        ({"text": "a", "title": 7}, "'title' must be a string, not int"),
        ({"text": "a", "published": 2025}, "'published' must be a string, not int"),
        ({"text": "a", "outlet": True}, "'outlet' must be a string, not bool"),
    ],
)
def test_wrong_types_are_refused(record: dict[str, Any], message: str) -> None:
    error = only_error(read(lines(record)))
    assert isinstance(error, MalformedInputError)
    assert error.message == message


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (b"[1, 2]", "expected a JSON object, found list"),
        (b'"just a string"', "expected a JSON object, found str"),
        (b'{"text": "unterminated', "not valid JSON: Unterminated string starting at column 10"),
        (b'{"text": "tab\tinside"}', "not valid JSON: Invalid control character at column 14"),
        (b"{text: 'single quotes'}", "not valid JSON: Expecting property name"),
    ],
)
def test_lines_that_are_not_json_objects(line: bytes, message: str) -> None:
    error = only_error(read(line + b"\n"))
    assert isinstance(error, MalformedInputError)
    assert error.message.startswith(message)


def test_a_bad_published_date_names_its_line() -> None:
    data = lines({"text": "one"}, {"text": "two", "published": "the day before yesterday"}, {"text": "three"})
    first, error, third = read(data)
    assert isinstance(error, MalformedInputError)
    assert error.line == 2
    assert str(error).startswith(f"{BATCH}:2: 'published' 'the day before yesterday' is not a date")
    assert [d.text for d in documents([first, third])] == ["one", "three"]


def test_blank_metadata_is_unknown() -> None:
    [document] = documents(read(lines({"text": "a", "title": "  ", "outlet": "", "author": None})))
    assert document.metadata == Metadata()


def test_unknown_keys_are_ignored() -> None:
    record = {"text": "a", "id": 3, "paragraphs": [{"start": 0}], "content_hash": "abc", "kind": None}
    [document] = documents(read(lines(record)))
    assert document.text == "a"


def test_line_separators_inside_strings_do_not_split_the_line() -> None:
    text = "first part\u2028second part\u2029third part\x85fourth"
    [document] = documents(read(lines({"text": text})))
    assert document.text == text


def test_line_separators_do_not_split_lines_either_side() -> None:
    docs = documents(read(lines({"text": "a\u2028b"}, {"text": "c"})))
    assert [d.text for d in docs] == ["a\u2028b", "c"]
    assert [d.source for d in docs] == [f"{BATCH}:1", f"{BATCH}:2"]


def test_crlf_line_ends() -> None:
    data = b'{"text": "one"}\r\n\r\n{"text": "three"}\r\n'
    docs = documents(read(data))
    assert [(d.source, d.text) for d in docs] == [(f"{BATCH}:1", "one"), (f"{BATCH}:3", "three")]
    assert docs[0].raw_input == b'{"text": "one"}'


def test_the_last_line_needs_no_newline() -> None:
    [document] = documents(read(b'{"text": "end"}'))
    assert document.text == "end"


def test_an_oversized_line_is_reported_and_the_next_lines_are_read() -> None:
    data = lines({"text": "short"}, {"text": "x" * 500}, {"text": "after"})
    first, error, third = read(data, limit=100)
    assert isinstance(error, InputTooLargeError)
    assert (error.source, error.line) == (BATCH, 2)
    assert error.message == "the line is over the limit of 100 bytes"
    assert "NEWSGRAPH_MAX_DOCUMENT_BYTES" in str(error)
    assert [d.text for d in documents([first, third])] == ["short", "after"]


@pytest.mark.parametrize("ending", [b"\n", b"\r\n", b""])
def test_a_line_of_exactly_the_limit_is_read(ending: bytes) -> None:
    line = json.dumps({"text": "y" * 40}).encode()
    data = line + ending + (b'{"text": "next"}\n' if ending else b"")
    docs = documents(read(data, limit=len(line)))
    assert [d.text for d in docs] == ["y" * 40, "next"][: 2 if ending else 1]
    [error] = read(line + ending, limit=len(line) - 1)
    assert isinstance(error, InputTooLargeError)


def test_a_very_long_line_is_skipped_in_pieces() -> None:
    data = lines({"text": "z" * 200_000}, {"text": "after"})
    error, after = read(data, limit=50)
    assert isinstance(error, InputTooLargeError)
    assert documents([after])[0].source == f"{BATCH}:2"


def test_a_line_that_is_not_utf8_is_reported_and_the_batch_goes_on() -> None:
    data = b'{"text": "Concepci\xf3n"}\n{"text": "fine"}\n'
    error, fine = read(data)
    assert isinstance(error, MalformedInputError)
    assert error.line == 1
    assert "not UTF-8" in error.message
    assert documents([fine])[0].text == "fine"


# Through the reader: path lines -----------------------------------------------------------------------

def reader() -> InputReader:
    return InputReader(Settings(), FakeFetcher({}))


def test_path_lines_read_their_files_with_the_line_metadata(tmp_path: Path) -> None:
    (tmp_path / "texts").mkdir()
    (tmp_path / "texts" / "one.txt").write_text("Storm warning for the northern coast.\n")
    (tmp_path / "two.html").write_text(
        "<html><head><title>Own title</title></head><body><p>Port closed.</p></body></html>")
    batch = tmp_path / "batch.jsonl"
    batch.write_bytes(lines({"path": "texts/one.txt", "outlet": "Harbour Wire", "published": "2025-03-02"},
                            {"path": "two.html", "title": "Batch title"}))
    one, two = reader().read([str(batch)])
    assert isinstance(one, RawDocument) and isinstance(two, RawDocument)
    assert one.source == str(tmp_path / "texts" / "one.txt")
    assert one.text == "Storm warning for the northern coast.\n"
    assert one.metadata == Metadata(outlet="Harbour Wire", published=PartialDate("2025-03-02", "day"))
    assert two.media_type == "text/html"
    assert two.metadata.title == "Batch title"


def test_a_path_line_naming_a_missing_file_is_an_error_naming_the_line(tmp_path: Path) -> None:
    batch = tmp_path / "batch.jsonl"
    batch.write_bytes(lines({"path": "missing.txt"}, {"text": "still read"}))
    error, document = reader().read([str(batch)])
    assert isinstance(error, InputError)
    assert error.reason == "unreadable"
    assert str(error).startswith(f"{batch}:1: 'path' names {tmp_path / 'missing.txt'}")
    assert isinstance(document, RawDocument) and document.text == "still read"
