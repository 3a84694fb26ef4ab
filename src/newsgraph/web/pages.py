"""What each page shows, read from the store as plain values for the templates and the page scripts.

The data a script needs (timeline items, graph elements, map points) is returned as JSON-ready dicts
that the templates write into ``<script type="application/json">`` blocks with ``tojson``, which escapes
``<``, ``>``, ``&`` and quotes; the scripts put every text into the page with ``textContent``.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Any

from newsgraph.changes import Change, Evidence
from newsgraph.ledger import entity_ledger
from newsgraph.store import EventQuery, EventRow, Store
from newsgraph.story_views import changes_of_story, timeline_of_story
from newsgraph.timeline import TimelineEntry
from newsgraph.web.article_view import article_context
from newsgraph.web.links import article_href, entity_href

STATUSES = ("happened", "ongoing", "planned", "threatened", "negated", "denied", "hypothetical")
# Most events an entity page lists and most articles it reads quotes from.
ENTITY_EVENTS = 500
ENTITY_QUOTE_ARTICLES = 100
SEARCH_RESULTS = 50


def parse_range(value: str | None) -> tuple[int, int] | None:
    """``START-END`` (``?hl=``) as two offsets, None when absent or empty."""
    if not value:
        return None
    start, _, end = value.partition("-")
    low, high = int(start), int(end)
    return (low, high) if low < high else None


def article_page(store: Store, article_id: int, highlight: tuple[int, int] | None) -> dict[str, Any]:
    return article_context(store, article_id, highlight)


def story_page(store: Store, story_id: int) -> dict[str, Any] | None:
    detail = store.story(story_id)
    if detail is None:
        return None
    sentences = {(r.article_id, r.event_id): (r.sentence_start, r.sentence_end)
                 for r in store.iter_events(EventQuery(article_ids=detail.article_ids))}
    entries = [(e, _event_href(e, sentences)) for e in timeline_of_story(store, story_id)]
    return {
        "story": detail.story, "articles": detail.articles,
        "entities": [(e, entity_href(e.id)) for e in detail.entities],
        "entries": entries, "items": [_item(n, e, href) for n, (e, href) in enumerate(entries)],
        "changes": [_change(c) for c in changes_of_story(store, story_id)], "statuses": STATUSES,
    }


def _event_href(entry: TimelineEntry, sentences: dict[tuple[int, str], tuple[int, int]]) -> str | None:
    """The article of the event's first report, its sentence highlighted (group ids are
    ``ARTICLE-EVENT`` of the first report)."""
    article, _, event = entry.group_id.partition("-")
    if not article.isdigit():
        return article_href(entry.article_ids[0]) if entry.article_ids else None
    span = sentences.get((int(article), event))
    return article_href(int(article), *span) if span else article_href(int(article))


def _item(n: int, e: TimelineEntry, href: str | None) -> dict[str, Any]:
    """A vis-timeline item: a range when the event covers several days, else a box."""
    item: dict[str, Any] = {
        "id": n, "start": e.when_start, "label": e.summary, "status": e.status, "type": e.type,
        "trigger": e.triggers[0] if e.triggers else None,
        "href": href, "sources": ", ".join(e.sources), "confirmations": e.confirmations,
        "className": f"status-{_css(e.status)}" + (" by-report" if e.dated_by == "report" else ""),
    }
    if e.when_end and e.when_start and e.when_end > e.when_start:
        item["end"] = e.when_end
    return item


def _css(word: str) -> str:
    return re.sub(r"[^a-z0-9-]", "-", word.lower())


def _change(change: Change) -> dict[str, Any]:
    return {"change": change, "before": [_evidence(e) for e in change.before],
            "after": [_evidence(e) for e in change.after]}


def _evidence(e: Evidence) -> dict[str, Any]:
    return {"evidence": e, "href": article_href(e.article_id, e.start, e.end)}


def entity_page(store: Store, entity_id: str) -> dict[str, Any] | None:
    overview = store.entity_overview(entity_id)
    if overview is None:
        return None
    ledger, statuses = entity_ledger(store, entity_id, overview.roles)
    events = store.events(EventQuery(entity_ids=(entity_id,), limit=ENTITY_EVENTS))
    return {
        "entity": overview, "ledger": ledger, "statuses": statuses,
        "events": [(r, article_href(r.article_id, r.sentence_start, r.sentence_end)) for r in events],
        "quotes": _quotes(store, entity_id, [a.id for a in overview.articles[:ENTITY_QUOTE_ARTICLES]]),
        "articles": [(a, article_href(a.id)) for a in overview.articles],
        "graph": interaction_graph(entity_id, overview.name, events),
    }


def _quotes(store: Store, entity_id: str, article_ids: list[int]) -> list[dict[str, Any]]:
    found = []
    for article_id in article_ids:
        for q in (store.extraction(article_id) or {}).get("quotes") or []:
            if (q.get("speaker") or {}).get("entity_id") == entity_id:
                found.append({"text": str(q.get("text") or ""), "kind": str(q.get("kind") or ""),
                              "href": article_href(article_id, q.get("start"), q.get("end"))})
    return found


def interaction_graph(entity_id: str, name: str, events: list[EventRow]) -> dict[str, Any]:
    """Cytoscape elements: the entity, every named participant of its events, and an edge to each
    weighted by the events they share, labelled with their most common event types."""
    names = {entity_id: name}
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    for row in events:
        for p in row.participants:
            if p.entity_id and p.entity_id != entity_id:
                names.setdefault(p.entity_id, p.name or p.text)
                kinds[p.entity_id][row.type] += 1
    nodes = [{"data": {"id": key, "label": label, "href": entity_href(key), "focus": key == entity_id}}
             for key, label in names.items()]
    edges = [{"data": {"id": f"e{n}", "source": entity_id, "target": other, "weight": sum(c.values()),
                       "label": ", ".join(t for t, _ in c.most_common(2))}}
             for n, (other, c) in enumerate(kinds.items())]
    return {"nodes": nodes, "edges": edges}


def map_page(store: Store) -> dict[str, Any]:
    """Each place events happened at, with coordinates: how many events, their statuses, a few of them."""
    points: dict[tuple[str, float, float], dict[str, Any]] = {}
    for row in store.iter_events():
        place = row.place
        if place is None or place.lat is None or place.lon is None:
            continue
        key = (place.name or "", place.lat, place.lon)
        point = points.setdefault(key, {"name": place.name or "unnamed place", "country": place.country_code,
                                        "lat": place.lat, "lon": place.lon, "count": 0, "events": []})
        point["count"] += 1
        if len(point["events"]) < 5:
            href = article_href(row.article_id, row.sentence_start, row.sentence_end)
            point["events"].append({"label": f"{row.type} “{row.trigger}” ({row.status})", "href": href})
    return {"points": sorted(points.values(), key=lambda p: -p["count"])}


def search_page(store: Store, query: str) -> dict[str, Any]:
    """The best full-text matches of ``query``; each snippet as (text, matched) pieces."""
    results = store.search_articles(query, limit=SEARCH_RESULTS) if query.strip() else []
    return {"q": query, "results": [(a, article_href(a.id), _snippet(a.snippet)) for a in results]}


def _snippet(snippet: str | None) -> list[tuple[str, bool]]:
    """The store marks matches in a snippet with ``[`` and ``]``: cut it into plain and matched pieces."""
    if not snippet:
        return []
    pieces = re.split(r"\[([^\[\]]*)\]", snippet)
    return [(piece, n % 2 == 1) for n, piece in enumerate(pieces) if piece]
