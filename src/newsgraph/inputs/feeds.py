"""RSS and Atom feeds: one ``RawDocument`` per entry, after defusedxml has refused hostile XML.

Order of work for one feed:

1. refuse entity declarations and external references (billion laughs, XXE) with defusedxml, and
   broken XML with the parser's line and column; both make the whole file unreadable, so raise;
2. parse with feedparser, always from an in-memory stream, so it never fetches or opens a path;
3. turn each entry into a ``RawDocument`` (or an ``InputError`` for that entry alone).
"""

from __future__ import annotations

import calendar
import io
import re
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from typing import Any
from xml.etree.ElementTree import Element, ParseError
from xml.parsers.expat import ErrorString

import feedparser
from defusedxml import ElementTree as DefusedElementTree
from defusedxml.common import DefusedXmlException

from newsgraph.dates import DateParseError, parse_date, partial_date
from newsgraph.errors import (
    EmptyInputError,
    HostileInputError,
    InputError,
    MalformedInputError,
    UnsupportedInputError,
)
from newsgraph.records import Metadata, PartialDate, RawDocument

_SNIFF_BYTES = 1024
_ATOM_NAMESPACE = b"http://www.w3.org/2005/Atom"
_RSS_OR_RDF_ROOT = re.compile(rb"<(?:rss|rdf:RDF)[\s>/]")
_FEED_ROOT = re.compile(rb"<(?:[\w.-]+:)?feed[\s>/]")
# Atom ``type="text"`` bodies are plain text; every other body type feedparser reports is (X)HTML.
_PLAIN_TEXT = "text/plain"
_WEB_SCHEMES = ("http://", "https://")


# Expat's code for an entity that is used but never declared.
_UNDEFINED_ENTITY = 11
# Any entity declaration or internal DTD subset: with one of these, a parse error is never waved through.
_DECLARATIONS = re.compile(rb"<!ENTITY|<!DOCTYPE[^>]*\[", re.IGNORECASE)

def looks_like_feed(data: bytes) -> bool:
    """Whether ``data`` starts like RSS, RSS 1.0 (RDF) or Atom: a sniff of the first KB, no parse.

    For routing files whose extension (``.xml``) does not say what they hold.
    """
    head = data[:_SNIFF_BYTES]
    if _RSS_OR_RDF_ROOT.search(head):
        return True
    return _FEED_ROOT.search(head) is not None and _ATOM_NAMESPACE in head


def read_feed(source: str, data: bytes) -> Iterator[RawDocument | InputError]:
    """Yield one ``RawDocument`` per entry of the RSS or Atom feed in ``data``, in feed order.

    Each document is named ``source#entry-N`` (1-based) and holds the entry's longest body (its
    ``content:encoded``/``content`` or its summary): HTML in ``html``, or Atom ``type="text"``
    bodies in ``text``. An entry with no body is yielded as an ``EmptyInputError``; a date that
    cannot be read leaves ``published`` unset.

    Raises ``HostileInputError`` for entity declarations or external references,
    ``MalformedInputError`` for XML that does not parse, ``UnsupportedInputError`` for XML that is
    not a feed and ``EmptyInputError`` for an empty file or a feed without entries, all naming the
    file and all when iteration starts, before any entry is yielded.
    """
    root = _checked_xml(source, data)
    parsed = feedparser.parse(io.BytesIO(data))
    if not parsed.version:
        raise UnsupportedInputError(
            source, "the XML is not an RSS or Atom feed"
            + (f" (its root element is <{root.tag}>)" if root is not None else ""),
            hint="give an RSS 2.0, RSS 1.0 or Atom feed",
        )
    if not parsed.entries:
        raise EmptyInputError(source, "feed has no entries", hint="nothing to ingest")
    outlet = _clean(parsed.feed.get("title"))
    for number, entry in enumerate(parsed.entries, start=1):
        yield _entry_document(f"{source}#entry-{number}", entry, outlet)


def _checked_xml(source: str, data: bytes) -> Element | None:
    """The parsed root of ``data``; hostile or broken XML is refused before feedparser sees it.

    ``None`` when the only fault is an undefined entity (``&nbsp;`` and its kind, common in real
    feeds) and the file declares no entities or DTD subset at all, so nothing can expand.
    """
    if not data.strip():
        raise EmptyInputError(source, "the feed file is empty", hint="nothing to ingest")
    try:
        root: Element = DefusedElementTree.fromstring(
            data, forbid_dtd=False, forbid_entities=True, forbid_external=True
        )
    except DefusedXmlException as e:
        raise HostileInputError(
            source, "feed XML declares entities or external references; refused",
            hint=f"{type(e).__name__}; feeds need no entity declarations, so remove the "
            "<!DOCTYPE ...> block if you trust the file",
        ) from e
    except ParseError as e:
        if e.code == _UNDEFINED_ENTITY and not _DECLARATIONS.search(data):
            return None  # HTML entities such as &nbsp; in a real-world feed: feedparser copes
        line, column = e.position
        problem = ErrorString(e.code)
        raise MalformedInputError(
            source, f"feed XML is malformed at line {line}, column {column + 1}: {problem}",
            hint="the file may be truncated or not XML",
        ) from e
    return root


def _entry_document(
    source: str, entry: Mapping[str, Any], outlet: str | None
) -> RawDocument | InputError:
    """One entry as a document, or an ``EmptyInputError`` when it has no body."""
    title = _clean(entry.get("title"))
    body, media_type = _body(entry)
    if not body.strip():
        named = f"feed entry {title!r}" if title else "feed entry"
        return EmptyInputError(
            source, f"{named} has no content or summary", hint="nothing to ingest"
        )
    metadata = Metadata(
        title=title,
        url=_web_url(entry.get("link")),
        outlet=outlet,
        author=_clean(entry.get("author")),
        published=_published(entry),
    )
    if media_type == _PLAIN_TEXT:
        return RawDocument(source, body.encode("utf-8"), _PLAIN_TEXT, metadata, text=body)
    return RawDocument(source, body.encode("utf-8"), "text/html", metadata, html=body)


def _body(entry: Mapping[str, Any]) -> tuple[str, str]:
    """The longest of the entry's ``content`` values and its summary, with its media type.

    Content comes first, so it wins a tie with a summary of the same length.
    """
    details = [*entry.get("content", []), entry.get("summary_detail") or {}]
    candidates = [(d.get("value") or "", d.get("type") or "text/html") for d in details]
    return max(candidates, key=lambda candidate: len(candidate[0].strip()))


def _published(entry: Mapping[str, Any]) -> PartialDate | None:
    """The entry's publication date, else its update date, at the precision the feed gave.

    The raw string goes through ``parse_date`` (``2026-01`` stays a month); feedparser's own parse,
    a UTC ``struct_time``, is the fallback for forms ``parse_date`` cannot read; else ``None``.
    """
    for key in ("published", "updated"):
        raw = _own(entry, key)
        if raw:
            try:
                return parse_date(raw)
            except DateParseError:
                pass
        parsed = _own(entry, f"{key}_parsed")
        if parsed:
            return partial_date(datetime.fromtimestamp(calendar.timegm(parsed), UTC), "second")
    return None


def _own(entry: Mapping[str, Any], key: str) -> Any:
    """``entry[key]`` if the entry has that key itself, else ``None``.

    feedparser's ``get("updated")`` falls back to ``published`` (with a DeprecationWarning), which
    would read the publication date twice; ``in`` does not fall back.
    """
    return entry[key] if key in entry else None  # noqa: SIM401  (get() is what falls back)


def _web_url(link: str | None) -> str | None:
    """``link`` if it is an http(s) URL: without a link, feedparser gives the id (``urn:…``)."""
    link = _clean(link)
    return link if link and link.lower().startswith(_WEB_SCHEMES) else None


def _clean(value: str | None) -> str | None:
    """``value`` stripped, or ``None`` when it is missing or blank."""
    return (value.strip() or None) if value else None
