"""Main text and metadata of an HTML page (trafilatura for the text, htmldate for the date)."""

from __future__ import annotations

import re
from typing import Any

import trafilatura

from newsgraph.dates import DateParseError, parse_date
from newsgraph.errors import MalformedInputError
from newsgraph.records import Metadata, PartialDate

# Publication timestamps in meta tags and JSON-LD keep more precision than htmldate's day.
_PUBLISHED_META = re.compile(
    r"""<meta[^>]+(?:property|name|itemprop)\s*=\s*["'](?:article:published_time|og:published_time|"""
    r"""datePublished|pubdate|publishdate|dc\.date\.issued)["'][^>]*>""",
    re.IGNORECASE,
)
_CONTENT = re.compile(r"""content\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
_JSONLD_PUBLISHED = re.compile(r'"datePublished"\s*:\s*"([^"]+)"')
# An article has at least one sentence: a line of six words or more that ends like one. Navigation,
# link lists and cookie banners that trafilatura falls back to on a page with no article have none.
_SENTENCE = re.compile(r"^(?:\S+\s+){5,}.*[.!?…\"”’)]\s*$", re.MULTILINE)
_HTML_SNIFF = re.compile(rb"<(?:!doctype\s+html|html|head|body|article|p)[\s>]", re.IGNORECASE)


def looks_like_html(data: bytes) -> bool:
    """Cheap check of the first kilobytes for HTML tags."""
    return _HTML_SNIFF.search(data[:4096]) is not None


def extract_html(source: str, html: str, url: str | None = None) -> tuple[str, Metadata]:
    """The article text of ``html`` (one block per line) and what the page says about itself.

    Raises ``MalformedInputError`` when no article text can be found: an empty page, or a page of
    links or headings with not one sentence in it.
    """
    document: Any = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=True
    )
    text = getattr(document, "text", None) if document is not None else None
    if not text or not _SENTENCE.search(text):
        raise MalformedInputError(
            source, "no article text found in the HTML",
            hint="is it an article page? truncated? ingest its text instead",
        )
    metadata = Metadata(
        title=document.title or None,
        url=document.url or url,
        outlet=document.sitename or None,
        author=document.author or None,
        published=_published(html, document.date),
    )
    return text, metadata


def _published(html: str, found: str | None) -> PartialDate | None:
    for candidate in (*_meta_dates(html), found):
        if candidate:
            try:
                return parse_date(candidate)
            except DateParseError:
                continue
    return None


def _meta_dates(html: str) -> list[str]:
    head = html[:200_000]
    dates = [m[1] for tag in _PUBLISHED_META.finditer(head) if (m := _CONTENT.search(tag[0]))]
    dates += _JSONLD_PUBLISHED.findall(head)
    return dates
