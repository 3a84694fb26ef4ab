"""Cursor pagination: a page of ``items`` and an opaque ``next_cursor`` for the one after.

A cursor encodes the position and a fingerprint of the request's filters, so a cursor given with other
filters (or made up) is refused with a 400 rather than paging through something else.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Annotated, Generic, TypeVar

from fastapi import Query, Request
from pydantic import BaseModel, Field

from newsgraph.api.errors import BadParameter

T = TypeVar("T")
MAX_LIMIT = 500
DEFAULT_LIMIT = 50
# How deep any listing may be paged: beyond it, narrow the filters.
MAX_POSITION = 100_000
_NOT_FILTERS = frozenset({"cursor", "limit"})


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None = Field(description="Give it as `cursor` for the next page; null on the last.")


Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Items per page, 1 to {MAX_LIMIT}.")]
Cursor = Annotated[str | None, Query(min_length=1, max_length=200, pattern=r"^[A-Za-z0-9_-]+$",
                                     description="`next_cursor` of the previous page.")]


@dataclass(frozen=True)
class Paging:
    """Where a page starts (``offset``) and how long it is (``limit``), for filters ``scope``."""

    offset: int
    limit: int
    scope: str

    def page(self, fetch: Callable[[int, int], Sequence[T]]) -> Page[T]:
        """A page from ``fetch(offset, count)``, which returns up to ``count`` items from ``offset``."""
        found = fetch(self.offset, self.limit + 1)
        more = len(found) > self.limit and self.offset + self.limit < MAX_POSITION
        return Page[T](items=list(found[: self.limit]),
                       next_cursor=_encode(self.offset + self.limit, self.scope) if more else None)

    def window(self, items: Sequence[T]) -> Page[T]:
        """A page of a list already in memory."""
        return self.page(lambda offset, count: items[offset:offset + count])


def paging(request: Request, limit: Limit = DEFAULT_LIMIT, cursor: Cursor = None) -> Paging:
    scope = _scope(request)
    return Paging(0 if cursor is None else _decode(cursor, scope), limit, scope)


def _scope(request: Request) -> str:
    filters = sorted((k, v) for k, v in request.query_params.multi_items() if k not in _NOT_FILTERS)
    text = json.dumps([request.url.path, filters])
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def _encode(offset: int, scope: str) -> str:
    raw = json.dumps([offset, scope], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode(cursor: str, scope: str) -> int:
    try:
        offset, made_for = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        valid = isinstance(offset, int) and 0 < offset <= MAX_POSITION and made_for == scope
    except (ValueError, TypeError):
        valid = False
    if not valid:
        raise BadParameter("query parameter 'cursor' is not a cursor of this listing with these filters: "
                           "give the `next_cursor` of the previous page unchanged, with the same filters, "
                           "or leave it out to start again")
    return int(offset)
