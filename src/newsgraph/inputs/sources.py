"""Inputs to raw documents: files by type, directories, standard input and http(s) URLs.

Every input yields ``RawDocument``s, or ``InputError``s for what could not be read: one bad input never
stops the others. Types go by file extension, and by content where the extension says nothing.
"""

from __future__ import annotations

import codecs
import io
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO

from newsgraph.errors import (
    EmptyInputError,
    InputError,
    InputTooLargeError,
    UnreadableInputError,
    UnsupportedInputError,
)
from newsgraph.inputs.decode import decode_bytes
from newsgraph.inputs.feeds import looks_like_feed, read_feed
from newsgraph.inputs.fetch import Fetched, Fetcher
from newsgraph.inputs.html import looks_like_html
from newsgraph.inputs.jsonl import PathLine, read_jsonl
from newsgraph.inputs.warc import looks_like_warc, read_warc
from newsgraph.records import Metadata, RawDocument
from newsgraph.settings import Settings

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson", ".jsonlines"})
FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml", ".rdf"})
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc.gz")
_SNIFF_BYTES = 65536
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")


def is_url(text: str) -> bool:
    return _URL.match(text) is not None


@dataclass
class InputReader:
    """Reads inputs named on a command line (paths, directories, ``-``, URLs) as raw documents."""

    settings: Settings
    fetcher: Fetcher
    stdin: IO[bytes] | None = None

    def read(self, inputs: Sequence[str]) -> Iterator[RawDocument | InputError]:
        for spec in inputs:
            try:
                if spec == "-":
                    yield from self._stdin()
                elif is_url(spec):
                    yield from self._url(spec)
                else:
                    yield from self._path(Path(spec))
            except InputError as error:
                yield error

    # Paths ------------------------------------------------------------------------------------------

    def _path(self, path: Path) -> Iterator[RawDocument | InputError]:
        if path.is_dir():
            yield from self._directory(path)
        else:
            yield from self._file(path, Metadata(), str(path))

    def _directory(self, root: Path) -> Iterator[RawDocument | InputError]:
        """Every file below ``root`` in name order, hidden ones left out; a file that a JSON Lines
        batch in the same walk names with ``path`` is read through that batch, with its metadata."""
        try:
            files = sorted(p for p in root.rglob("*") if p.is_file() and not _hidden(p, root))
        except OSError as e:
            raise UnreadableInputError(str(root), f"cannot list the folder: {e.strerror}") from e
        if not files:
            raise EmptyInputError(str(root), "the folder holds no files to ingest",
                                  hint="hidden files and folders (.name) are left out")
        claimed = _claimed_by_batches(f for f in files if _suffix(f) in JSONL_SUFFIXES)
        for path in files:
            if path.resolve() not in claimed:
                try:
                    yield from self._file(path, Metadata(), str(path))
                except InputError as error:
                    yield error

    def _file(self, path: Path, metadata: Metadata, source: str) -> Iterator[RawDocument | InputError]:
        suffix = _suffix(path)
        try:
            if suffix in JSONL_SUFFIXES:
                with path.open("rb") as stream:
                    yield from self._jsonl(source, stream)
            elif suffix.endswith(WARC_SUFFIXES):
                with path.open("rb") as stream:
                    yield from read_warc(source, stream, self.settings.max_document_bytes)
            else:
                yield from self._bytes(source, self._read_capped(path, source), suffix, metadata)
        except OSError as e:
            raise UnreadableInputError(source, f"cannot read: {e.strerror or e}") from e

    def _read_capped(self, path: Path, source: str) -> bytes:
        size = path.stat().st_size
        limit = self.settings.max_document_bytes
        if size > limit:
            raise InputTooLargeError(
                source, f"the file is {size:,} bytes, over the limit of {limit:,}",
                hint="raise NEWSGRAPH_MAX_DOCUMENT_BYTES or split the file",
            )
        return path.read_bytes()

    # Standard input and URLs ------------------------------------------------------------------------

    def _stdin(self) -> Iterator[RawDocument | InputError]:
        if self.stdin is None:
            raise UnreadableInputError("-", "no standard input to read")
        head = self.stdin.read(_SNIFF_BYTES)
        if head.lstrip()[:1] == b"{":
            yield from self._jsonl("-", io.BufferedReader(_Chained(head, self.stdin)))
            return
        limit = self.settings.max_document_bytes
        data = head + self.stdin.read(max(limit + 1 - len(head), 0))  # read(-n) would read it all
        if len(data) > limit:
            raise InputTooLargeError("-", f"standard input is over the limit of {limit:,} bytes",
                                     hint="raise NEWSGRAPH_MAX_DOCUMENT_BYTES")
        yield from self._bytes("-", data, "", Metadata())

    def _url(self, url: str) -> Iterator[RawDocument | InputError]:
        fetched = self.fetcher.fetch(url)
        kind = _kind_of_media_type(fetched) or _sniff(fetched.body)
        if kind == "jsonl":
            yield from self._jsonl(url, io.BytesIO(fetched.body), local_paths=False)
        elif kind == "warc":
            yield from read_warc(url, io.BytesIO(fetched.body), self.settings.max_document_bytes)
        else:
            # a feed's entries carry their own links, and a page may name its canonical URL: the
            # fetched URL is the article's own only for text
            metadata = Metadata(url=fetched.final_url) if kind == "text" else Metadata()
            for item in self._typed(url, fetched.body, kind, metadata, declared=fetched.charset):
                if isinstance(item, RawDocument) and item.html is not None and kind == "html":
                    item = replace(item, fetched_url=fetched.final_url)
                yield item

    # By type ----------------------------------------------------------------------------------------

    def _bytes(
        self, source: str, data: bytes, suffix: str, metadata: Metadata
    ) -> Iterator[RawDocument | InputError]:
        kind = _kind_of_suffix(suffix, data)
        if kind == "jsonl":
            yield from self._jsonl(source, io.BytesIO(data))
        elif kind == "warc":
            yield from read_warc(source, io.BytesIO(data), self.settings.max_document_bytes)
        else:
            yield from self._typed(source, data, kind, metadata)

    def _typed(
        self, source: str, data: bytes, kind: str, metadata: Metadata, declared: str | None = None
    ) -> Iterator[RawDocument | InputError]:
        if kind == "feed":
            for item in read_feed(source, data):
                yield item if isinstance(item, InputError) else item.with_metadata(
                    metadata.over(item.metadata))
        elif kind == "html":
            match = _CHARSET.search(data[:4096])
            charset = declared or (match[1].decode("ascii") if match else None)
            yield RawDocument(source, data, "text/html", metadata,
                              html=decode_bytes(source, data, charset))
        elif kind == "text":
            media_type = "text/markdown" if source.endswith((".md", ".markdown")) else "text/plain"
            yield RawDocument(source, data, media_type, metadata,
                              text=decode_bytes(source, data, declared))
        else:
            raise UnsupportedInputError(
                source, f"cannot read {kind} files",
                hint="give text, HTML, JSON Lines, RSS/Atom or WARC",
            )

    def _jsonl(
        self, source: str, stream: IO[bytes], *, local_paths: bool = True
    ) -> Iterator[RawDocument | InputError]:
        """A batch's articles; ``local_paths=False`` (a fetched batch) refuses ``path`` lines, so a
        remote batch cannot make newsgraph read files on this machine."""
        for item in read_jsonl(source, stream, self.settings.max_document_bytes):
            if isinstance(item, PathLine) and not local_paths:
                yield UnsupportedInputError(item.batch, "'path' lines are not read from a fetched batch",
                                            line=item.line, hint="put the article in 'text' or 'html'")
            elif isinstance(item, PathLine):
                yield from self._named_file(item)
            else:
                yield item

    def _named_file(self, named: PathLine) -> Iterator[RawDocument | InputError]:
        path, metadata = named.path, named.metadata
        if not path.is_file():
            yield UnreadableInputError(named.batch, f"'path' names {path}, which is not a readable file",
                                       line=named.line)
            return
        try:
            for item in self._file(path, metadata, str(path)):
                yield item if isinstance(item, InputError) else item.with_metadata(
                    metadata.over(item.metadata))
        except InputError as error:
            yield error


class _Chained(io.RawIOBase):
    """A stream that replays ``head`` and then continues with ``rest``."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self._head = io.BytesIO(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self._head.read(len(buffer)) or self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _suffix(path: Path) -> str:
    name = path.name.lower()
    for suffix in WARC_SUFFIXES:
        if name.endswith(suffix):
            return suffix
    return path.suffix.lower()


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _kind_of_suffix(suffix: str, data: bytes) -> str:
    if suffix in TEXT_SUFFIXES:
        return "text"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in FEED_SUFFIXES:
        return "feed" if looks_like_feed(data) else _sniff(data)
    if suffix in _BINARY_SUFFIXES:
        return _BINARY_SUFFIXES[suffix]
    return _sniff(data)


_BINARY_SUFFIXES = {
    ".pdf": "PDF", ".doc": "Word", ".docx": "Word", ".png": "image", ".jpg": "image",
    ".jpeg": "image", ".gif": "image", ".webp": "image", ".zip": "zip", ".gz": "gzip",
    ".json": "JSON (use JSON Lines, one article per line)",
}


def _sniff(data: bytes) -> str:
    if looks_like_warc(data):
        return "warc"
    if looks_like_feed(data) or _declares_entities(data):
        return "feed"
    if looks_like_html(data):
        return "html"
    return "text"


def _kind_of_media_type(fetched: Fetched) -> str | None:
    media_type = fetched.media_type
    if media_type in ("text/html", "application/xhtml+xml"):
        return "html"
    if media_type in ("text/plain", "text/markdown"):
        return "text"
    if media_type in ("application/json", "application/x-ndjson", "application/jsonl"):
        return "jsonl"
    if media_type == "application/warc":
        return "warc"
    if media_type.endswith("xml"):
        return "feed" if looks_like_feed(fetched.body) or _declares_entities(fetched.body) else "html"
    return None


def _declares_entities(data: bytes) -> bool:
    """XML declaring entities (billion laughs, XXE) goes to the feed reader, which refuses it as hostile,
    even when the declarations push the root element past what ``looks_like_feed`` sniffs."""
    head = data[:_SNIFF_BYTES].removeprefix(codecs.BOM_UTF8).lstrip()
    return head.startswith(b"<") and b"<!ENTITY" in head


def _claimed_by_batches(batches: Iterator[Path]) -> set[Path]:
    """Files that JSON Lines batches name with ``path``."""
    claimed: set[Path] = set()
    for batch in batches:
        try:
            with batch.open("rb") as stream:
                for line in stream:
                    if b'"path"' not in line:
                        continue
                    try:
                        record = json.loads(line)
                    except ValueError:
                        continue  # reported when the batch itself is read
                    if isinstance(record, dict) and isinstance(record.get("path"), str):
                        claimed.add((batch.parent / record["path"]).resolve())
        except OSError:
            continue  # reported when the batch itself is read
    return claimed
