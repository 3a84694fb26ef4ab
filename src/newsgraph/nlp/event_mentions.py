"""Mentions of one event within an article: "traveled to Caracas for a meeting with Rodríguez. The
encounter — held on Thursday — …" are two mentions of one meeting, and only the second has its date.

The final pass of ``find_events``. A mention is coreferent with an earlier one of the same type when

* their named participants overlap (the same entity id among the actors and recipients of both), or
* it is a bare definite nominal ("the meeting", "the encounter") with no participants of its own, and
  the earlier one is the most recent event of its type within ``WINDOW`` sentences before it.

A plan and an occurrence are never one mention's antecedent and the other's: "It was her first trip
abroad. The talks had been planned for March 11" are two events, and a plan's date is not the date of
what happened (nor the other way round), so neither lends its date to the other.

Mentions are not merged into one event: each stays, as evidence of where the text says what, and each
takes from the others what it lacks: the date, the place, and (for a bare definite nominal) the
participants. A bare definite nominal that refers to nothing is dropped, as an event needs a participant.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from newsgraph.nlp.records import Event

# How many sentences back a bare "the meeting" looks for the event it names.
WINDOW = 3
# Statuses of an event that took place; "planned" is its opposite here (``_apart``).
_OCCURRED = frozenset({"happened", "ongoing"})


@dataclass(frozen=True)
class Mention:
    """An event as ``find_events`` coded it, with where it stands and whether it is a bare definite
    nominal ("the encounter") that needs an antecedent."""

    event: Event
    sentence: int  # index of its sentence in the article
    bare: bool


def corefer(mentions: Sequence[Mention]) -> list[Event]:
    """The events with what their coreferent mentions add, bare mentions without an antecedent left out,
    renumbered ``ev1``, ``ev2`` … in text order."""
    groups = _groups(mentions)
    kept: list[Event] = []
    for i, mention in enumerate(mentions):
        latest = _latest_of_type(mentions, i) if mention.bare else None
        order = sorted(groups[i] - {i}, key=lambda j: (j != latest, abs(j - i)))
        others = [mentions[j].event for j in order]
        if mention.bare and not others:
            continue
        kept.append(_filled(mention.event, others))
    return [replace(event, id=f"ev{n}") for n, event in enumerate(kept, start=1)]


def _groups(mentions: Sequence[Mention]) -> list[set[int]]:
    """For each mention, the indices of all mentions of its event (itself included)."""
    parent = list(range(len(mentions)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, later in enumerate(mentions):
        latest = _latest_of_type(mentions, i) if later.bare else None
        for j in range(i - 1, -1, -1):
            if _same(mentions[j], later, first=latest == j):
                parent[root(i)] = root(j)
    members: dict[int, set[int]] = {}
    for i in range(len(mentions)):
        members.setdefault(root(i), set()).add(i)
    return [members[root(i)] for i in range(len(mentions))]


def _latest_of_type(mentions: Sequence[Mention], i: int) -> int | None:
    later = mentions[i]
    for j in range(i - 1, -1, -1):
        earlier = mentions[j]
        if later.sentence - earlier.sentence > WINDOW:
            return None
        if earlier.event.type == later.event.type and not earlier.bare \
                and not _apart(earlier.event, later.event):
            return j
    return None


def _apart(a: Event, b: Event) -> bool:
    """Whether one of two events is a plan and the other took place (module docstring)."""
    return {a.status, b.status} & _OCCURRED != set() and "planned" in (a.status, b.status)


def _same(earlier: Mention, later: Mention, first: bool) -> bool:
    if earlier.event.type != later.event.type:
        return False
    if later.bare:
        return first
    a, b = earlier.event, later.event
    if a.date is not None and b.date is not None and a.date.value != b.date.value:
        return False  # two meetings of the same people on different days
    return bool(_named(a) & _named(b)) and (a.mode == b.mode or None in (a.mode, b.mode))


def _named(event: Event) -> set[str]:
    return {p.entity_id for p in (*event.actors, *event.recipients) if p.entity_id}


def _filled(event: Event, others: Sequence[Event]) -> Event:
    """``event`` with the date, place and (when it has none) participants of the nearest other mention
    that has them (for a bare mention, the event it names first)."""
    date = event.date or next((o.date for o in others if o.date is not None and not _apart(event, o)), None)
    place = event.place if event.place is not None else next(
        (o.place for o in others if o.place is not None), None)
    actors, recipients = event.actors, event.recipients
    if not actors and not recipients:
        source = next((o for o in others if o.actors or o.recipients), None)
        if source is not None:
            actors, recipients = source.actors, source.recipients
    return replace(event, date=date, place=place, actors=actors, recipients=recipients)
