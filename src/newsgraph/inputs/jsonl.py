"""JSON Lines batches: one article per line.

Each line is an object with exactly one of ``text`` (the article text), ``html`` (a page to extract) or
``path`` (a file to read, relative to the batch file), and optionally ``title``, ``url``, ``outlet``,
``author`` and ``published`` (ISO 8601, any precision). Other keys are ignored, so newsgraph's own JSONL
export can be ingested again. Blank lines are skipped. Lines are split on ``\\n`` only: U+2028 and its
kind are legal inside JSON strings.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from newsgraph.dates import DateParseError, parse_date
from newsgraph.errors import InputError, InputTooLargeError, MalformedInputError
from newsgraph.records import Metadata, PartialDate, RawDocument

BODY_KEYS = ("text", "html", "path")
METADATA_KEYS = ("title", "url", "outlet", "author", "published")



@dataclass(frozen=True)
class PathLine:
    """A batch line that names a file: the caller reads ``path``, giving it this line's metadata."""

    path: Path
    metadata: Metadata
    batch: str
    line: int

def read_jsonl(
    source: str, stream: IO[bytes], max_line_bytes: int
) -> Iterator[RawDocument | InputError | PathLine]:
    """Articles of a JSON Lines batch, or an error per bad line; the batch goes on after an error.

    A ``path`` line yields a ``PathLine`` for the caller to read as a file.
    """
    base = Path(source).parent if source != "-" else Path.cwd()
    for number, line in enumerate(_lines(stream, max_line_bytes + 1), start=1):
        if not line.strip():
            continue
        try:
            yield _article(source, number, line, base, max_line_bytes)
        except InputError as error:
            yield error


def _lines(stream: IO[bytes], limit: int) -> Iterator[bytes]:
    """Lines split on b"\\n" only; a line longer than ``limit`` comes back cut at ``limit`` bytes."""
    while True:
        line = stream.readline(limit)
        if not line:
            return
        if len(line) == limit and not line.endswith(b"\n"):
            rest = stream.readline(limit)  # skip the remainder of an oversized line, a piece at a time
            while rest and not rest.endswith(b"\n"):
                rest = stream.readline(limit)
        yield line


def _article(
    source: str, number: int, line: bytes, base: Path, max_line_bytes: int
) -> RawDocument | PathLine:
    where = f"{source}:{number}"
    raw = line.rstrip(b"\r\n")
    if len(raw) > max_line_bytes:  # the line ending does not count
        raise InputTooLargeError(source, f"the line is over the limit of {max_line_bytes:,} bytes",
                                 line=number, hint="raise NEWSGRAPH_MAX_DOCUMENT_BYTES")
    record = _parse(source, number, raw)
    metadata = _metadata(source, number, record)
    bodies = [key for key in BODY_KEYS if record.get(key) not in (None, "")]
    if len(bodies) != 1:
        found = " and ".join(bodies) if bodies else "none of them"
        raise MalformedInputError(source, f"expected exactly one of 'text', 'html' or 'path', found "
                                  f"{found}", line=number)
    key = bodies[0]
    value = record[key]
    if not isinstance(value, str):
        raise MalformedInputError(source, f"'{key}' must be a string, not {type(value).__name__}",
                                  line=number)
    if key == "path":
        return PathLine(base / value, metadata, source, number)
    if key == "html":
        return RawDocument(where, raw, "text/html", metadata, html=value)
    return RawDocument(where, raw, "text/plain", metadata, text=value)


def _parse(source: str, number: int, line: bytes) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except UnicodeDecodeError as e:
        raise MalformedInputError(source, f"the line is not UTF-8 ({e.reason} at byte {e.start})",
                                  line=number) from e
    except json.JSONDecodeError as e:
        raise MalformedInputError(source, f"not valid JSON: {e.msg.removesuffix(' at')} at column {e.colno}",
                                  line=number) from e
    if not isinstance(record, dict):
        raise MalformedInputError(source, f"expected a JSON object, found {type(record).__name__}",
                                  line=number)
    return record


def _metadata(source: str, number: int, record: dict[str, Any]) -> Metadata:
    values: dict[str, str | None] = {}
    for key in METADATA_KEYS:
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            raise MalformedInputError(source, f"'{key}' must be a string, not {type(value).__name__}",
                                      line=number)
        values[key] = value.strip() or None if isinstance(value, str) else None
    return Metadata(
        title=values["title"], url=values["url"], outlet=values["outlet"], author=values["author"],
        published=_published(source, number, values["published"]),
    )


def _published(source: str, number: int, text: str | None) -> PartialDate | None:
    if text is None:
        return None
    try:
        return parse_date(text)
    except DateParseError as e:
        raise MalformedInputError(source, f"'published' {e}", line=number) from e
