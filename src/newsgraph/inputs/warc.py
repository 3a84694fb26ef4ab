"""WARC archives (``.warc`` and ``.warc.gz``): one ``RawDocument`` per archived HTML page.

warcio reads the records but says nothing when an archive is cut short: it hands back a short
body, or silently stops. So every record is read to its end and checked against its
``Content-Length``, and the archive is checked for bytes left over and for a gzip member that never
ended. (On some corrupt archives warcio itself writes a warning to stderr; we cannot stop it.)
"""

from __future__ import annotations

import logging
import zlib
from collections.abc import Iterator
from email.message import Message
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from newsgraph.errors import (
    EmptyInputError,
    InputError,
    InputTooLargeError,
    MalformedInputError,
    UnsupportedInputError,
)
from newsgraph.inputs.decode import decode_bytes
from newsgraph.records import Metadata, RawDocument

logger = logging.getLogger(__name__)

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# WARC 1.0 and 1.1, and the 0.17 and 0.18 drafts, which warcio also reads.
_WARC_MAGIC = (b"WARC/1.", b"WARC/0.1")
_GZIP_MAGIC = b"\x1f\x8b"
_SNIFF_BYTES = 1024
_DRAIN_BYTES = 64 * 1024
# warcio raises these for records it cannot parse. AttributeError comes from a response record
# whose header lacks WARC-Target-URI (recordloader calls ``uri.startswith``).
_WARCIO_ERRORS = (ArchiveLoadFailed, AttributeError, ValueError, EOFError, zlib.error)


def looks_like_warc(data: bytes) -> bool:
    """Whether ``data`` starts like a WARC file, plain or gzipped (its first KB then inflated)."""
    head = data[:_SNIFF_BYTES]
    if head.startswith(_GZIP_MAGIC):
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 16)
        except zlib.error:
            return False
    return head.startswith(_WARC_MAGIC)


def read_warc(
    source: str, stream: BinaryIO, max_document_bytes: int
) -> Iterator[RawDocument | InputError]:
    """Yield one ``RawDocument`` per HTML page in the WARC archive read from ``stream``.

    Only ``response`` records with HTTP status 200 and an HTML content type (``text/html``,
    ``application/xhtml+xml``) are articles. Every other record (warcinfo, request, metadata,
    revisit, resource, non-200 or non-HTML responses) is skipped without a yield, logged at DEBUG.
    Documents are named ``source#record-N``, N counting every record from 1; ``raw_input`` is the
    HTTP body with transfer and content encodings undone, decoded with the charset of its
    Content-Type. ``metadata.url`` is the WARC-Target-URI; ``published`` stays unset, as WARC-Date
    is when the page was crawled. A body over ``max_document_bytes`` is yielded as
    ``InputTooLargeError``, a body that is not text as the error ``decode_bytes`` gives.

    An archive cut short or corrupt after its first record yields ``MalformedInputError`` for the
    first bad record and stops. Raises, naming the file, ``MalformedInputError`` when the first
    record cannot be read (not a WARC file at all), ``UnsupportedInputError`` for ARC files and
    ``EmptyInputError`` for no bytes.
    """
    counted = _CountingReader(stream)
    records = _CheckedArchiveIterator(counted)
    position = 0
    while True:
        position += 1
        try:
            record = next(records, None)
            if record is None:
                break
            _require_warc(source, record)
            result = _record_result(f"{source}#record-{position}", record, max_document_bytes)
        except _CorruptRecordError as e:
            yield _corrupt(source, position, str(e))
            return
        except _WARCIO_ERRORS as e:
            yield _corrupt(source, position, f"cannot be read ({type(e).__name__}: {e})")
            return
        if result is not None:
            yield result
    yield from _ending_errors(source, position, records, counted)


class _CorruptRecordError(Exception):
    """A record that lacks what every WARC record has, or holds less than its header promises."""


def _ending_errors(
    source: str, position: int, records: _CheckedArchiveIterator, counted: _CountingReader
) -> Iterator[InputError]:
    """An error if the archive ended inside record ``position`` (the one after the last read)."""
    if counted.count == 0:
        raise EmptyInputError(source, "the WARC file is empty", hint="nothing to ingest")
    if records.ended_inside_gzip_member:
        yield _corrupt(source, position, "is cut short: the archive ends inside it")
    elif records.offset < counted.count:
        left = counted.count - records.offset
        yield _corrupt(source, position, f"is cut short: its {left} bytes do not make a record")


def _corrupt(source: str, position: int, problem: str) -> MalformedInputError:
    """The error for bad record ``position``, to yield.

    For the first record it is raised instead, naming the file: then nothing in it can be read.
    """
    message = f"WARC record {position} {problem}"
    if position == 1:
        raise MalformedInputError(source, message, hint="the file is not a readable WARC archive")
    return MalformedInputError(
        f"{source}#record-{position}", message,
        hint="the archive is truncated or corrupt; the records before this one were read",
    )


def _require_warc(source: str, record: Any) -> None:
    """Refuse ARC files, which warcio also reads: their records have no HTTP headers to check."""
    if record.format != "warc":
        raise UnsupportedInputError(
            source, f"this is an {record.format.upper()} file, not WARC",
            hint="convert it to WARC first",
        )


def _record_result(
    source: str, record: Any, max_document_bytes: int
) -> RawDocument | InputError | None:
    """The document in ``record``, an error for it, or ``None`` when it is not an article.

    Reads the record to its end, so that a record shorter than its Content-Length is found.
    """
    declared = (record.rec_headers.get_header("Content-Length") or "").strip()
    if record.rec_type is None or not declared.isdigit():
        raise _CorruptRecordError("has no WARC-Type or no valid Content-Length header")
    result: RawDocument | InputError | None = None
    if _is_html_page(record):
        result = _html_document(source, record, max_document_bytes)
    else:
        logger.debug("%s: skipped %s record, not a 200 HTML response", source, record.rec_type)
    missing = _drain(record.raw_stream)
    if missing:
        raise _CorruptRecordError(f"is cut short: {missing} of its {declared} bytes are missing")
    return result


def _is_html_page(record: Any) -> bool:
    """Whether ``record`` is a ``response`` with HTTP status 200 and an HTML content type."""
    if record.rec_type != "response" or record.http_headers is None:
        return False
    return record.http_headers.get_statuscode() == "200" and _content_type(record)[0] in _HTML_TYPES


def _content_type(record: Any) -> tuple[str | None, str | None]:
    """The media type (lower case) and charset of the HTTP Content-Type, each ``None`` if absent."""
    value = record.http_headers.get_header("Content-Type")
    if not value:
        return None, None
    message = Message()
    message["Content-Type"] = value
    return message.get_content_type(), message.get_content_charset()


def _html_document(source: str, record: Any, max_document_bytes: int) -> RawDocument | InputError:
    """The HTTP body of an HTML response as a document, or why it cannot be one."""
    body: bytes = record.content_stream().read(max_document_bytes + 1)
    if len(body) > max_document_bytes:
        return InputTooLargeError(
            source, f"the HTTP body is over the limit of {max_document_bytes} bytes",
            hint="raise max_document_bytes (NEWSGRAPH_MAX_DOCUMENT_BYTES) to read it",
        )
    try:
        html = decode_bytes(source, body, declared=_content_type(record)[1])
    except InputError as e:
        return e
    url = record.rec_headers.get_header("WARC-Target-URI")
    return RawDocument(source, body, "text/html", Metadata(url=url), html=html)


def _drain(raw_stream: Any) -> int:
    """Read the rest of a record's block; how many bytes its Content-Length promised but lacked."""
    while raw_stream.read(_DRAIN_BYTES):
        pass
    return int(getattr(raw_stream, "limit", 0))


class _CountingReader:
    """Counts the bytes read from ``stream``, and tells that count to warcio as the position."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.count = 0

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)
        self.count += len(data)
        return data

    def tell(self) -> int:
        return self.count


class _CheckedArchiveIterator(ArchiveIterator):  # type: ignore[misc]  # warcio is untyped
    """warcio's iterator, remembering whether the archive ended inside a gzip member.

    warcio drops its decompressor when the records run out, so the check has to happen then.
    """

    ended_inside_gzip_member = False

    def close(self) -> None:
        decompressor = self.reader.decompressor if self.reader else None
        if decompressor is not None and not decompressor.eof:
            self.ended_inside_gzip_member = True
        super().close()
