"""The addresses pages link to, built in one place from ids (never from article text)."""

from __future__ import annotations

from urllib.parse import quote


def article_href(article_id: int, start: int | None = None, end: int | None = None) -> str:
    """An article's page; with ``start``/``end``, with those words highlighted and scrolled to."""
    if start is None or end is None or start >= end:
        return f"/articles/{int(article_id)}"
    return f"/articles/{int(article_id)}?hl={int(start)}-{int(end)}#hl"


def entity_href(entity_id: str) -> str:
    return f"/entities/{quote(entity_id, safe=':')}"


def story_href(story_id: int) -> str:
    return f"/stories/{int(story_id)}"
