"""A story's timeline and changes, computed once and kept in the store until the story changes.

Grouping a story's events costs time that grows with the story (2,400 reports of a 300-article story
take 50–80 ms to group, and reading them and computing the view as long again), while reading a kept
view back takes a few milliseconds. The store keeps each computed view with the story's *stamp*, which
every change to the story's articles or their extractions raises in the same transaction as the change
(``m008_story_views``); a view whose stamp is not the story's current one is computed again. A view
computed while the story changed is not kept. Date filters apply to the kept view, so one view serves
every ``--since``/``--until``. Views also record the newsgraph version that computed them: an upgrade
that changes grouping recomputes them.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
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
    with _collector_paused():
        if data is not None:
            kept = json.loads(data)
            if kept.get("version") == _version():
                return [decode(row) for row in kept["items"]]
        items = compute(store.story_article_ids(story_id))
        encoded = json.dumps({"version": _version(), "items": [_row(i) for i in items]},
                             ensure_ascii=False, separators=(",", ":"))
    store.save_story_view(story_id, name, stamp, encoded)
    return items


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Make and read a view without the cycle collector's passes: grouping and decoding make tens of
    thousands of objects and no cycles, and each full pass over them took as long as the work itself."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _row(item: Any) -> list[Any]:
    """A dataclass as a list of its fields in order (nested ones too): shorter and faster to read back
    than objects with keys. Tuples stay tuples, which JSON writes as lists."""
    values = (getattr(item, name) for name in item.__dataclass_fields__)
    return [_row(v) if is_dataclass(v) else [_row(x) for x in v] if isinstance(v, tuple) and v
            and is_dataclass(v[0]) else v for v in values]


@cache
def _version() -> str:
    try:
        return f"{VIEW_FORMAT};{version('newsgraph')}"
    except PackageNotFoundError:  # run from a source tree
        return f"{VIEW_FORMAT};source"


def _entry(row: list[Any]) -> TimelineEntry:
    values: list[Any] = [tuple(v) if n in _ENTRY_TUPLES else v for n, v in enumerate(row)]
    return _made(TimelineEntry, _ENTRY_FIELDS, values)


def _change(row: list[Any]) -> Change:
    kind, detail, summary, as_of, before, after, group_ids, entity_id = row
    return _made(Change, _CHANGE_FIELDS, (
        kind, detail, summary, as_of, tuple(_made(Evidence, _EVIDENCE_FIELDS, e) for e in before),
        tuple(_made(Evidence, _EVIDENCE_FIELDS, e) for e in after), tuple(group_ids), entity_id))


def _made(kind: type[T], names: tuple[str, ...], values: Iterable[Any]) -> T:
    """An object of the frozen dataclass ``kind`` with these values of its fields ``names``, equal to
    ``kind(*values)``, made without ``__init__``: it sets each field through ``object.__setattr__``,
    which was most of the time a kept view took to read back. Only for dataclasses that have no
    ``__post_init__`` and no slots."""
    item = object.__new__(kind)
    item.__dict__.update(zip(names, values, strict=True))
    return item


_ENTRY_FIELDS = tuple(f.name for f in fields(TimelineEntry))
_CHANGE_FIELDS = tuple(f.name for f in fields(Change))
_EVIDENCE_FIELDS = tuple(f.name for f in fields(Evidence))
_ENTRY_TUPLES = frozenset(n for n, name in enumerate(_ENTRY_FIELDS)
                          if name in ("sources", "article_ids", "triggers"))
