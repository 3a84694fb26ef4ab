"""Mentions of one event within an article: "traveled to Caracas for a meeting with Rodríguez. The
encounter — held on Thursday — …" are two mentions of one meeting, and only the second has its date.

The final pass of ``find_events``. A mention is coreferent with an earlier one of the same type when

* their named participants overlap in the same role (an entity among the actors of both, or among
  the recipients of both; for the mutual types in ``MUTUAL``, among the participants of both, as
  "Ratcliffe met Rodríguez" and "Rodríguez received Ratcliffe" are one meeting), or
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

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace

from newsgraph.nlp.records import Event

# How many sentences back a bare "the meeting" looks for the event it names.
WINDOW = 3
# Types whose actor and recipient can trade places in another mention of the same event. For the others
# a shared entity must have the same role: whoever won an election and then presented a medal to the
# president who supported the meeting took part in three SUPPORT events, not one.
MUTUAL = frozenset({"CONSULT", "COOPERATE", "AGREE"})
# Statuses of an event that took place; "planned" is its opposite here (``_apart``).
_OCCURRED = frozenset({"happened", "ongoing"})


@dataclass(frozen=True)
class Mention:
    """An event as ``find_events`` coded it, with where it stands and whether it is a bare definite
    nominal ("the encounter") that needs an antecedent. A bare mention has no participants of its
    own: it is tied to others only through its antecedent."""

    event: Event
    sentence: int  # index of its sentence in the article
    bare: bool


def corefer(mentions: Sequence[Mention]) -> list[Event]:
    """The events with what their coreferent mentions add, bare mentions without an antecedent left out,
    renumbered ``ev1``, ``ev2`` … in text order."""
    latest = [_latest_of_type(mentions, i) if m.bare else None for i, m in enumerate(mentions)]
    group_of: dict[int, _Group] = {}
    for members in _groups(mentions, latest):
        group = _Group([mentions[j].event for j in members], members)
        group_of.update((j, group) for j in members)
    kept: list[Event] = []
    for i, mention in enumerate(mentions):
        group = group_of[i]
        if mention.bare and len(group.members) == 1:
            continue
        kept.append(group.filled(i, latest[i]))
    return [replace(event, id=f"ev{n}") for n, event in enumerate(kept, start=1)]


def _groups(mentions: Sequence[Mention], latest: Sequence[int | None]) -> list[list[int]]:
    """The mentions of each event, as ascending lists of indices (``latest``: each bare mention's
    antecedent, from ``_latest_of_type``).

    A named mention is one with every earlier mention that ``_same`` accepts. Those are not looked for
    one by one: mentions of one type that name one entity and have the same date and mode are each
    other's mentions, so each such class is already one group, and a later mention is compared with one
    member of each class. That keeps a long article's thousands of events linear, not quadratic."""
    parent = list(range(len(mentions)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    classes: dict[tuple[str, str], dict[tuple[str | None, str | None], int]] = {}
    for i, mention in enumerate(mentions):
        antecedent = latest[i]
        if mention.bare:
            if antecedent is not None:
                parent[root(i)] = root(antecedent)
            continue
        event = mention.event
        key = (event.date.value if event.date is not None else None, event.mode)
        for entity in _named(event):
            members = classes.setdefault((event.type, entity), {})
            for other, j in members.items():
                if _compatible(key, other):
                    parent[root(i)] = root(j)
            members.setdefault(key, i)
    found: dict[int, list[int]] = {}
    for i in range(len(mentions)):
        found.setdefault(root(i), []).append(i)
    return list(found.values())


def _compatible(a: tuple[str | None, str | None], b: tuple[str | None, str | None]) -> bool:
    """Whether two mentions' (date, mode) allow one event: each the same, or unknown in one of them."""
    return all(x == y or None in (x, y) for x, y in zip(a, b, strict=True))


class _Group:
    """The mentions of one event (``events`` at text positions ``members``, ascending), with which of
    them has a date, a place or participants to lend."""

    def __init__(self, events: Sequence[Event], members: Sequence[int]) -> None:
        self.members = members
        self._events = dict(zip(members, events, strict=True))
        dated = [(j, e.status) for j, e in zip(members, events, strict=True) if e.date is not None]
        # who may lend a date, by the borrower's status: never a plan to an occurrence, nor the reverse
        self._dated = {
            "planned": [j for j, status in dated if status not in _OCCURRED],
            "occurred": [j for j, status in dated if status != "planned"],
            "other": [j for j, _ in dated],
        }
        self._placed = [j for j, e in zip(members, events, strict=True) if e.place is not None]
        self._parties = [j for j, e in zip(members, events, strict=True) if e.actors or e.recipients]

    def filled(self, i: int, first: int | None) -> Event:
        """Mention ``i``'s event with the date, place and (when it has none) participants of the
        nearest other mention that has them, the earlier one on a tie; ``first`` (a bare mention's
        antecedent) comes before any other."""
        event = self._events[i]
        date, place = event.date, event.place
        actors, recipients = event.actors, event.recipients
        if date is None:
            kind = ("planned" if event.status == "planned"
                    else "occurred" if event.status in _OCCURRED else "other")
            j = _nearest(self._dated[kind], i, first)
            date = self._events[j].date if j is not None else None
        if place is None:
            j = _nearest(self._placed, i, first)
            place = self._events[j].place if j is not None else None
        if not actors and not recipients:
            j = _nearest(self._parties, i, first)
            if j is not None:
                actors, recipients = self._events[j].actors, self._events[j].recipients
        return replace(event, date=date, place=place, actors=actors, recipients=recipients)


def _nearest(indices: Sequence[int], i: int, first: int | None) -> int | None:
    """``first`` if ``indices`` (ascending, without ``i``) holds it, else the one nearest ``i``."""
    if first is not None:
        k = bisect_left(indices, first)
        if k < len(indices) and indices[k] == first:
            return first
    k = bisect_left(indices, i)
    before = indices[k - 1] if k else None
    after = indices[k] if k < len(indices) else None
    if before is None or after is None:
        return before if after is None else after
    return before if i - before <= after - i else after


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


def _named(event: Event) -> set[str]:
    """The named participants, with their role unless the event's type is mutual."""
    if event.type in MUTUAL:
        return {p.entity_id for p in (*event.actors, *event.recipients) if p.entity_id}
    return ({f"actor:{p.entity_id}" for p in event.actors if p.entity_id}
            | {f"recipient:{p.entity_id}" for p in event.recipients if p.entity_id})
