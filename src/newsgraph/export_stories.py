"""Stories out: the stories, the role ledger and the changes, as JSON Lines, streamed and atomic.

``stories-jsonl`` writes one line per story, ``ledger-jsonl`` one per title of one entity (the role
ledger of ``newsgraph entity``), and ``changes-jsonl`` one per change of each story, with its
``story_id``. Given a story id, each holds that story only. Changes come from the views the store keeps
(``story_views``), so an export costs a query per story, not a regrouping of every event at once.
docs/export.md gives every field.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import asdict
from pathlib import Path
from typing import IO, Any

from newsgraph.errors import ExportError
from newsgraph.export import atomic_file, story_records
from newsgraph.ledger import ledger_record, role_ledger
from newsgraph.store import Store
from newsgraph.story_views import changes_of_story

STORY_FORMATS = ("stories-jsonl", "ledger-jsonl", "changes-jsonl")


def story_ids(store: Store, story_id: int | None) -> list[int]:
    """The stories an export covers: ``story_id``, or every story not merged away."""
    if story_id is None:
        return [s.id for s in store.stories()]
    if store.story(story_id) is None:
        raise ExportError(f"there is no story {story_id}; list them with `newsgraph stories`")
    return [story_id]


def stories_section(store: Store, story_id: int | None = None) -> Iterator[dict[str, Any]]:
    """``stories-jsonl``: ``id``, ``label``, ``first``, ``last``, ``article_ids``, ``event_ids``."""
    for sid in story_ids(store, story_id):
        detail = store.story(sid)
        if detail is not None:
            [record] = story_records([detail])
            yield {**record, "first": detail.story.first, "last": detail.story.last}


def ledger_section(store: Store, story_id: int | None = None) -> Iterator[dict[str, Any]]:
    """``ledger-jsonl``: every title of every entity, from the roles of the story's (or all) articles."""
    ids = None if story_id is None else store.story_article_ids(story_ids(store, story_id)[0])
    for entry in role_ledger(store.roles(ids)):
        yield ledger_record(entry)


def changes_section(store: Store, story_id: int | None = None) -> Iterator[dict[str, Any]]:
    """``changes-jsonl``: each story's changes, by story then by the day each became known."""
    for sid in story_ids(store, story_id):
        for change in changes_of_story(store, sid):
            yield {"story_id": sid, **asdict(change)}


_SECTIONS: dict[str, Callable[[Store, int | None], Iterator[dict[str, Any]]]] = {
    "stories-jsonl": stories_section,
    "ledger-jsonl": ledger_section,
    "changes-jsonl": changes_section,
}


def write_story_export(store: Store, fmt: str, out: IO[str], story_id: int | None = None) -> int:
    """Write ``fmt`` for ``story_id`` (None: every story) to ``out``; returns how many lines."""
    section = _SECTIONS.get(fmt)
    if section is None:
        raise ExportError(f"unknown story export format {fmt!r}; choose one of {', '.join(STORY_FORMATS)}")
    count = 0
    for record in section(store, story_id):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def export_story_to_path(store: Store, fmt: str, path: Path, story_id: int | None = None) -> int:
    """As ``write_story_export``, to ``path`` atomically: a failed export leaves any earlier file."""
    if fmt not in _SECTIONS:
        raise ExportError(f"unknown story export format {fmt!r}; choose one of {', '.join(STORY_FORMATS)}")
    with atomic_file(path) as out:
        return write_story_export(store, fmt, out, story_id)
