"""What the article page shows: the text with its extraction's layers highlighted, the records of each
layer (linking back to their words), and the sources cited in each paragraph."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from newsgraph.records import Article
from newsgraph.store import Store
from newsgraph.web.highlight import Span, paragraphs
from newsgraph.web.links import article_href, entity_href

EVENT_ID = re.compile(r"ev\d+")


@dataclass(frozen=True)
class Record:
    """One entry of a record list: ``id`` is its anchor, ``spans`` the anchors of its words."""

    id: str
    kind: str
    label: str
    detail: str
    spans: tuple[str, ...]
    href: str | None = None


def article_context(store: Store, article_id: int, highlight: tuple[int, int] | None) -> dict[str, Any]:
    """The article page's template context; raises ``ArticleNotFoundError``."""
    article = store.get_article(article_id)
    record = store.extraction(article_id) or {}
    found = list(_records(record))
    records = [r for r, _ in found]
    spans = [s for _, spans_ in found for s in spans_]
    if highlight is not None:
        spans.append(Span("focus", highlight[0], highlight[1], None, "hl", "the sentence you came from"))
    bounds = _bounds(article, record)
    views = paragraphs(article.text, bounds, spans)
    return {
        "article": article, "title": article.metadata.title or article.source,
        "link": safe_link(article.metadata.url), "story_id": store.story_of(article_id),
        "paragraphs": [(view, _cited(record, article, n, view.start, view.end))
                       for n, view in enumerate(views)],
        "records": _by_kind(records), "extracted": bool(record),
        "original": article_href(article.duplicate_of) if article.duplicate_of else None,
    }


def safe_link(url: str | None) -> str | None:
    """``url`` when it is an http(s) address; None for anything else (``javascript:`` above all)."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else None


def _bounds(article: Article, record: dict[str, Any]) -> list[tuple[int, int, str]]:
    stored = record.get("paragraphs") or [
        {"start": p.start, "end": p.end, "kind": p.kind} for p in article.paragraphs]
    return [(_int(p.get("start")), _int(p.get("end")), str(p.get("kind") or "body")) for p in stored]


def _cited(record: dict[str, Any], article: Article, n: int, start: int, end: int) -> list[str]:
    """The sources paragraph ``n`` cites: its citation chips and the chains of attributions inside it."""
    stored = record.get("paragraphs") or []
    chips = [str(c) for c in (stored[n].get("cited_sources") or [])] if n < len(stored) else (
        list(article.paragraphs[n].cited_sources) if n < len(article.paragraphs) else [])
    chains = [" → ".join(str(x) for x in a.get("chain") or [])
              for a in record.get("attributions") or [] if start <= _int(a.get("start")) < end]
    return list(dict.fromkeys(c for c in chips + chains if c))


def _records(record: dict[str, Any]) -> Iterator[tuple[Record, list[Span]]]:
    """Each record of the extraction's layers, with the spans of its words."""
    for n, e in enumerate(record.get("entities") or [], start=1):
        mentions = e.get("mentions") or []
        yield _record(f"ent{n}", "entity", str(e.get("name")), str(e.get("type") or ""),
                      [(f"span-ent{n}-{m}", mention) for m, mention in enumerate(mentions)],
                      entity_href(str(e["id"])) if e.get("id") else None)
    for n, q in enumerate(record.get("quotes") or [], start=1):
        speaker = q.get("speaker") or {}
        yield _record(f"q{n}", "quote", str(q.get("text") or ""),
                      f"{q.get('kind') or ''} · {speaker.get('text') or 'unknown speaker'}",
                      [(f"span-q{n}", q)],
                      entity_href(str(speaker["entity_id"])) if speaker.get("entity_id") else None)
    for n, t in enumerate(record.get("times") or [], start=1):
        yield _record(f"t{n}", "time", str(t.get("text") or ""), f"{t.get('type')} {t.get('value') or ''}",
                      [(f"span-t{n}", t)])
    for n, p in enumerate(record.get("places") or [], start=1):
        where = (p.get("name"), p.get("country_code"), p.get("feature"))
        yield _record(f"pl{n}", "place", str(p.get("text") or ""), " · ".join(str(x) for x in where if x),
                      [(f"span-pl{n}", p)])
    for n, r in enumerate(record.get("roles") or [], start=1):
        yield _record(f"role{n}", "role", str(r.get("title") or ""), str(r.get("status") or ""),
                      [(f"span-role{n}", r)],
                      entity_href(str(r["entity_id"])) if r.get("entity_id") else None)
    for n, ev in enumerate(record.get("events") or [], start=1):
        key = _event_key(ev, n)
        trigger = ev.get("trigger") or {}
        yield _record(key, "event", f"{ev.get('type')} “{trigger.get('text') or ''}”",
                      str(ev.get("status") or ""), [(f"span-{key}", trigger)])


def _record(key: str, kind: str, label: str, detail: str, words: list[tuple[str, Any]],
            href: str | None = None) -> tuple[Record, list[Span]]:
    """A record and its spans: ``words`` are (anchor, stored item with ``start`` and ``end``)."""
    spans = [Span(kind, _int(w.get("start")), _int(w.get("end")), key, anchor, f"{kind}: {label}")
             for anchor, w in words if isinstance(w, dict)]
    return Record(key, kind, label, detail, tuple(s.anchor for s in spans), href), spans


def _event_key(event: dict[str, Any], n: int) -> str:
    """An event's anchor: its own id (``ev3``) when it has that form, else ``ev`` and its position."""
    found = str(event.get("id") or "")
    return found if EVENT_ID.fullmatch(found) else f"ev{n}"


def _by_kind(records: list[Record]) -> list[tuple[str, list[Record]]]:
    names = {"entity": "Entities", "event": "Events", "quote": "Quotes", "time": "Times", "place": "Places",
             "role": "Roles"}
    grouped = [(names[k], [r for r in records if r.kind == k]) for k in names]
    return [(name, found) for name, found in grouped if found]


def _int(value: Any) -> int:
    """An offset from the stored record; -1 (dropped as out of range) for anything not an integer."""
    return value if isinstance(value, int) and not isinstance(value, bool) else -1
