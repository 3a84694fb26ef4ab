"""A story's timeline: its grouped events ordered by when they happened, not when they were reported.

An event the text dates sits at its date, shown at its precision (``2026-01``, ``2026-01-15``,
``2026-W02``); an undated one sits at the day it was first reported, marked ``dated_by: "report"``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from newsgraph.day_intervals import interval
from newsgraph.event_groups import EventGroup, story_groups
from newsgraph.store import Store


@dataclass(frozen=True)
class TimelineEntry:
    """One grouped event on the timeline. ``date`` is shown at its ``precision``; ``when_start`` and
    ``when_end`` are the days it covers; ``sources`` the outlets in order of first report."""

    group_id: str
    date: str | None
    precision: str | None
    when_start: str | None
    when_end: str | None
    dated_by: str | None
    type: str
    mode: str | None
    status: str
    statuses: dict[str, int]
    summary: str
    place: str | None
    sources: tuple[str, ...]
    confirmations: int
    mentions: int
    first_reported: str | None
    article_ids: tuple[int, ...]
    triggers: tuple[str, ...]


def timeline(groups: Iterable[EventGroup], since: str | None = None, until: str | None = None
             ) -> list[TimelineEntry]:
    """The entries of ``groups`` whose days overlap ``since``…``until`` (ISO 8601 at any precision),
    by their first day; entries with no date at all come last and pass no date filter."""
    entries = sorted((entry(group) for group in groups),
                     key=lambda e: (e.when_start is None, e.when_start or "", e.when_end or "",
                                    e.first_reported or "", e.group_id))
    return within(entries, since, until)


def within(entries: Iterable[TimelineEntry], since: str | None = None, until: str | None = None
           ) -> list[TimelineEntry]:
    """The ``entries`` whose days overlap ``since``…``until``; with either, undated ones are left out."""
    low = _bound(since, 0)
    high = _bound(until, 1)
    if not (low or high):
        return list(entries)
    return [e for e in entries if e.when_start is not None and e.when_end is not None
            and not (low and e.when_end < low) and not (high and e.when_start > high)]


def story_timeline(store: Store, article_ids: Sequence[int] | None, since: str | None = None,
                   until: str | None = None) -> list[TimelineEntry]:
    """The timeline of these articles' events (a story's; None: every stored event)."""
    return timeline(story_groups(store, article_ids), since, until)


def entry(group: EventGroup) -> TimelineEntry:
    span = group.span
    place = group.place
    return TimelineEntry(
        group_id=group.id, date=group.date, precision=group.precision,
        when_start=span[0] if span else None, when_end=span[1] if span else None,
        dated_by=group.dated_by, type=group.type, mode=group.mode, status=group.status,
        statuses=group.statuses, summary=group.summary(), place=place.name if place else None,
        sources=group.outlets, confirmations=group.confirmations, mentions=len(group.mentions),
        first_reported=group.first_reported, article_ids=group.article_ids,
        triggers=tuple(dict.fromkeys(m.row.trigger for m in group.mentions)),
    )


def _bound(value: str | None, side: int) -> str | None:
    if value is None:
        return None
    days = interval(value)
    if days is None:
        raise ValueError(f"{value!r} is not a date; give ISO 8601: 2026-01-15, 2026-01 or 2026")
    return days[side]
