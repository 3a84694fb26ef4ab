"""A story's timeline and changes, computed once and kept in the store until the story changes.

Grouping a story's events costs time that grows with the story (2,400 reports of a 300-article story
take 50–80 ms to group, and reading them and computing the view as long again), while reading a kept
view back takes a few milliseconds. The store keeps each computed view with the story's *stamp*, which
every change to the story's articles or their extractions raises in the same transaction as the change
(``m008_story_views``); a view whose stamp is not the story's current one is computed again. A view
computed while the story changed is not kept. Date filters apply to the kept view, so one view serves
every ``--since``/``--until``. Views also record the newsgraph version that computed them: an upgrade
that changes grouping recomputes them.

``process`` keeps views current as a materialised view is maintained: once a run (an ingest's batch)
has filed its articles into stories, it calls ``refresh_story_views`` on every story the run touched,
so the first query after an ingest reads a kept view. Views are a cache: a refresh that fails is
logged and the query computes the view instead.
"""

from __future__ import annotations

import gc
import json
import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import fields, is_dataclass
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from typing import Any, TypeVar

from newsgraph.changes import Change, Evidence, changes, known_since, story_changes
from newsgraph.event_groups import story_groups
from newsgraph.store import Store
from newsgraph.timeline import TimelineEntry, story_timeline, timeline, within

T = TypeVar("T")
# Raise when the kept form of a view changes. 3: changes of undated titles and outcomes say "undated";
# 4: change summaries write TIMEX values as people read them ("2026-03-31 morning", not "…TMO").
VIEW_FORMAT = 4
# The views kept per story.
VIEWS = ("timeline", "changes")

logger = logging.getLogger(__name__)


def timeline_of_story(store: Store, story_id: int, since: str | None = None, until: str | None = None
                      ) -> list[TimelineEntry]:
    """The story's timeline (as ``timeline.story_timeline``), from the kept view when it is current."""
    entries = _view(store, story_id, "timeline", lambda ids: story_timeline(store, ids), _entry)
    return within(entries, since, until)


def changes_of_story(store: Store, story_id: int, since: str | None = None) -> list[Change]:
    """The story's changes (as ``changes.story_changes``), from the kept view when it is current."""
    found = _view(store, story_id, "changes", lambda ids: story_changes(store, ids), _change)
    return known_since(found, since)


def refresh_story_views(store: Store, story_ids: Iterable[int]) -> list[int]:
    """Compute and keep the timeline and changes of each of ``story_ids`` whose kept ones are not
    current (each story once, its events grouped once for both views); the ids of the stories whose
    views could not be refreshed. A failure is logged and the others go on: those views are computed
    by their first query instead, and nothing else in the store is changed."""
    failed = []
    for story_id in sorted(set(story_ids)):
        try:
            _refresh(store, story_id)
        except Exception:  # a cache: whatever went wrong, the story's articles are not at stake
            logger.exception("could not refresh the views of story %s; its first timeline or changes "
                             "query will compute them", story_id)
            failed.append(story_id)
    return failed


def _refresh(store: Store, story_id: int) -> None:
    """Make the story's views that are not current. Stamps are read before the articles, so a view made
    while the story changed is not kept (``save_story_view`` refuses it)."""
    stamps = {}
    for name in VIEWS:
        stamp, data = store.story_view(story_id, name)
        if data is None or not data.startswith(_head()):
            stamps[name] = stamp
    if not stamps:
        return
    with _collector_paused():
        ids = store.story_article_ids(story_id)
        groups = story_groups(store, ids)
        made: dict[str, Callable[[], Iterable[Any]]] = {
            "timeline": lambda: timeline(groups), "changes": lambda: changes(groups, store.roles(ids))}
        encoded = {name: _encoded(made[name]()) for name in stamps}
    for name, data in encoded.items():
        store.save_story_view(story_id, name, stamps[name], data)


def _view(store: Store, story_id: int, name: str, compute: Callable[[list[int]], list[T]],
          decode: Callable[[list[Any]], T]) -> list[T]:
    stamp, data = store.story_view(story_id, name)
    with _collector_paused():
        if data is not None and data.startswith(_head()):
            return [decode(row) for row in json.loads(data)["items"]]
        items = compute(store.story_article_ids(story_id))
        encoded = _encoded(items)
    store.save_story_view(story_id, name, stamp, encoded)
    return items


def _encoded(items: Iterable[Any]) -> str:
    """The kept form of a view: ``{"version": …, "items": [rows]}``, the version first."""
    return json.dumps({"version": _version(), "items": [_row(i) for i in items]},
                      ensure_ascii=False, separators=(",", ":"))


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
def _head() -> str:
    """How a view kept by this version of newsgraph begins (``_encoded`` writes the version first)."""
    return '{"version":' + json.dumps(_version(), ensure_ascii=False) + ","


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
