"""A story's timeline and changes, computed once and kept in the store until the story changes.

Grouping a story's events costs time that grows with the story (2,400 reports of a 300-article story take
about two seconds to group). The store keeps each computed view with the story's *stamp*, which every
change to the story's articles or their extractions raises in the same transaction as the change
(``m008_story_views``); a view whose stamp is not the story's current one is computed again. A view
computed while the story changed is not kept. Date filters apply to the kept view, so one view serves
every ``--since``/``--until``. Views also record the newsgraph version that computed them: an upgrade
that changes grouping recomputes them.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Callable
from dataclasses import fields, is_dataclass
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from typing import Any, TypeVar

from newsgraph.changes import Change, Evidence, known_since, story_changes
from newsgraph.store import Store
from newsgraph.timeline import TimelineEntry, story_timeline, within

T = TypeVar("T")
# Raise when the kept form of a view changes.
VIEW_FORMAT = 2


def timeline_of_story(store: Store, story_id: int, since: str | None = None, until: str | None = None
                      ) -> list[TimelineEntry]:
    """The story's timeline (as ``timeline.story_timeline``), from the kept view when it is current."""
    entries = _view(store, story_id, "timeline", lambda ids: story_timeline(store, ids), _entry)
    return within(entries, since, until)


def changes_of_story(store: Store, story_id: int, since: str | None = None) -> list[Change]:
    """The story's changes (as ``changes.story_changes``), from the kept view when it is current."""
    found = _view(store, story_id, "changes", lambda ids: story_changes(store, ids), _change)
    return known_since(found, since)


def _view(store: Store, story_id: int, name: str, compute: Callable[[list[int]], list[T]],
          decode: Callable[[list[Any]], T]) -> list[T]:
    stamp, data = store.story_view(story_id, name)
    if data is not None:
        kept = json.loads(data)
        if kept.get("version") == _version():
            return _decoded(decode, kept["items"])
    items = compute(store.story_article_ids(story_id))
    store.save_story_view(story_id, name, stamp, json.dumps(
        {"version": _version(), "items": [_row(i) for i in items]}, ensure_ascii=False,
        separators=(",", ":")))
    return items


def _decoded(decode: Callable[[list[Any]], T], rows: list[list[Any]]) -> list[T]:
    """Objects from kept rows, without the collector's passes over the many objects this makes."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return [decode(row) for row in rows]
    finally:
        if enabled:
            gc.enable()


def _row(item: Any) -> list[Any]:
    """A dataclass as a list of its fields in order (nested ones too): shorter and faster to read back
    than objects with keys."""
    return [_row(v) if is_dataclass(v) else [_row(x) if is_dataclass(x) else x for x in v]
            if isinstance(v, tuple) else v for v in (getattr(item, f.name) for f in fields(item))]


@cache
def _version() -> str:
    try:
        return f"{VIEW_FORMAT};{version('newsgraph')}"
    except PackageNotFoundError:  # run from a source tree
        return f"{VIEW_FORMAT};source"


def _entry(row: list[Any]) -> TimelineEntry:
    values: list[Any] = [tuple(v) if n in _ENTRY_TUPLES else v for n, v in enumerate(row)]
    return TimelineEntry(*values)


def _change(row: list[Any]) -> Change:
    kind, detail, summary, as_of, before, after, group_ids, entity_id = row
    return Change(kind, detail, summary, as_of, tuple(Evidence(*e) for e in before),
                  tuple(Evidence(*e) for e in after), tuple(group_ids), entity_id)


_ENTRY_TUPLES = frozenset(n for n, f in enumerate(fields(TimelineEntry))
                          if f.name in ("sources", "article_ids", "triggers"))
