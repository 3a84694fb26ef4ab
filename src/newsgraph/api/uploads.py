"""Uploaded files as inputs to the ingest recipe, read as ``newsgraph ingest`` reads files, with one
difference: an uploaded JSON Lines batch is read as a fetched one is, so its ``path`` lines are refused
(a client must not make the server read its own files).

Batches, feeds and WARC files go through ``InputReader`` as fetched bodies of an ``upload://NAME``
pseudo-URL served by ``UploadFetcher``; pages and text become documents directly, so that the upload's
name never becomes an article's URL.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from newsgraph.errors import InputError, UnsupportedInputError
from newsgraph.inputs.decode import decode_bytes
from newsgraph.inputs.feeds import looks_like_feed
from newsgraph.inputs.fetch import Fetched
from newsgraph.inputs.html import looks_like_html
from newsgraph.inputs.sources import (
    FEED_SUFFIXES,
    HTML_SUFFIXES,
    JSONL_SUFFIXES,
    TEXT_SUFFIXES,
    WARC_SUFFIXES,
    InputReader,
)
from newsgraph.inputs.warc import looks_like_warc
from newsgraph.pipeline import ingest_document
from newsgraph.records import IngestOutcome, Metadata, RawDocument
from newsgraph.settings import Settings
from newsgraph.store import Store

SCHEME = "upload://"
BINARY_SUFFIXES = frozenset({".pdf", ".doc", ".docx", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".zip",
                             ".json"})
_UNSAFE = re.compile(r"[^\w.\- ]+")


@dataclass(frozen=True)
class Upload:
    name: str
    data: bytes


def safe_name(filename: str | None, index: int) -> str:
    """A file's base name, stripped of folders and odd characters, at most 100 characters."""
    base = (filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = _UNSAFE.sub("_", base).strip(" .")[:100]
    return cleaned or f"upload-{index}"


class UploadFetcher:
    """Serves uploaded bytes for ``upload://NAME`` as if fetched, typed by the name's suffix."""

    def __init__(self, uploads: Sequence[Upload]) -> None:
        self.uploads = {SCHEME + u.name: u for u in uploads}

    def fetch(self, url: str) -> Fetched:
        upload = self.uploads[url]
        return Fetched(url, url, 200, _media_type(upload), None, upload.data)


def ingest_uploads(uploads: Sequence[Upload], store: Store, settings: Settings, overrides: Metadata
                   ) -> Iterator[IngestOutcome]:
    """Ingest each upload, yielding one outcome per article (a failed one per unreadable upload)."""
    fetcher = UploadFetcher(uploads)
    reader = InputReader(settings, fetcher)
    for upload in uploads:
        for item in _documents(upload, reader):
            if isinstance(item, InputError):
                yield IngestOutcome(item.source, "failed", error=str(item), reason=item.reason,
                                    line=item.line)
            else:
                yield ingest_document(item, store, settings, overrides)


def _documents(upload: Upload, reader: InputReader) -> Iterator[RawDocument | InputError]:
    name, data, suffix = upload.name, upload.data, _suffix(upload.name)
    try:
        if suffix in BINARY_SUFFIXES:
            raise UnsupportedInputError(name, f"cannot read {suffix} files",
                                        hint="give text, HTML, JSON Lines, RSS/Atom or WARC")
        if _media_type(upload):
            yield from reader.read([SCHEME + name])
        elif suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and looks_like_html(data)):
            yield RawDocument(name, data, "text/html", Metadata(), html=decode_bytes(name, data))
        else:
            media_type = "text/markdown" if suffix in (".md", ".markdown") else "text/plain"
            yield RawDocument(name, data, media_type, Metadata(), text=decode_bytes(name, data))
    except InputError as error:
        yield error


def _media_type(upload: Upload) -> str:
    """The media type under which an upload goes through the reader as fetched, or "" for a page or text."""
    suffix, head = _suffix(upload.name), upload.data[:65536].lstrip()
    if suffix in JSONL_SUFFIXES or (suffix not in TEXT_SUFFIXES | HTML_SUFFIXES and head.startswith(b"{")):
        return "application/x-ndjson"
    if suffix in WARC_SUFFIXES or looks_like_warc(upload.data):
        return "application/warc"
    declares_entities = head.startswith(b"<") and b"<!ENTITY" in head  # refused as hostile by the feed reader
    if suffix in FEED_SUFFIXES or (suffix not in TEXT_SUFFIXES and (looks_like_feed(upload.data)
                                                                    or declares_entities)):
        return "application/xml"
    return ""


def _suffix(name: str) -> str:
    lowered = name.lower()
    for suffix in WARC_SUFFIXES:
        if lowered.endswith(suffix):
            return suffix
    return "." + lowered.rsplit(".", 1)[-1] if "." in lowered else ""
