"""The role ledger: each title a person held, from when to when it was asserted and by whom, the changes
between titles, and the changes of status that events caused (captured, resigned, designated …).

Titles come from the roles stored per article (``Store.roles``, ``EntityOverview.roles``); a title's
dates are the publication dates of the articles that assert it. ``previous`` and ``former`` titles are
held before the others asserted on the same day ("who previously served as Maduro's vice president, the
interim president" is vice president → interim president).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from typing import Any

from newsgraph.event_groups import OCCURRENCE, EventGroup, fold, group_events
from newsgraph.store import EntityRole, EventQuery, Store

# Statuses that put a title before the current ones asserted on the same day.
EARLIER_STATUSES = frozenset({"previous", "former"})
# Status changes caused by events: (type, mode, the entity's role, trigger prefix or None) → status.
# The mode tables are docs/events.md's (SUPPORT/elect is newsgraph's own mode: PLOVER has no election type).
STATUS_RULES: tuple[tuple[str, str | None, str, str | None, str], ...] = (
    ("COERCE", "arrest", "recipient", None, "arrested/captured"),
    ("ASSAULT", "abduct", "recipient", None, "abducted"),
    ("ASSAULT", "assassinate", "recipient", None, "killed"),
    ("ASSAULT", "execute", "recipient", None, "killed"),
    ("ASSAULT", None, "recipient", "kill", "killed"),
    ("COERCE", "deport", "recipient", None, "deported"),
    ("SANCTION", "convict", "recipient", None, "convicted"),
    ("SANCTION", "expel", "recipient", None, "expelled"),
    ("RETREAT", "resign", "actor", None, "resigned"),
    ("RETREAT", "release", "recipient", None, "released"),
    ("SUPPORT", "elect", "recipient", None, "elected"),
)
# The only events ``entity_ledger`` reads and groups: those that can end in a status change. Grouping
# never puts two act families in one group, nor an occurrence with an intent (event_groups, rules 1–2),
# so these events make the same groups of these types as all of the entity's events do. They are the
# types of STATUS_RULES, ASSAULT (grouped with COERCE: event_groups.FAMILIES), THREATEN (a threat is
# grouped as the act it threatens: THREAT_ACTS) and SANCTION (designations are SANCTIONs: the lexicon's
# frame=designation cues), with the statuses of an occurrence (a denial is a report of the event too).
# tests/test_changes.py checks the list against those tables.
STATUS_EVENT_TYPES = ("ASSAULT", "COERCE", "RETREAT", "SANCTION", "SUPPORT", "THREATEN")
STATUS_EVENT_STATUSES = tuple(sorted(OCCURRENCE))


@dataclass(frozen=True)
class LedgerEntry:
    """One title of one entity: ``label`` is the status and title as shown (``interim president``),
    ``first``/``last`` the earliest and latest dates it was asserted, ``outlets`` by whom."""

    entity_id: str
    name: str
    label: str
    title: str
    status: str
    organizations: tuple[str, ...]
    first: str | None
    last: str | None
    outlets: tuple[str, ...]
    assertions: tuple[EntityRole, ...]


@dataclass(frozen=True)
class StatusChange:
    """A change of an entity's status caused by a grouped event, dated as the event is."""

    entity_id: str
    status: str
    date: str | None
    dated_by: str | None
    group_id: str
    trigger: str
    label: str
    outlets: tuple[str, ...]
    confirmations: int


def role_ledger(roles: Iterable[EntityRole]) -> list[LedgerEntry]:
    """The ledger entries of ``roles`` (of one entity or many), by entity, then in the order held."""
    by_key: dict[tuple[str, str, str], list[EntityRole]] = {}
    for role in roles:
        title = " ".join(role.title.casefold().split())
        by_key.setdefault((role.entity_id or "", title, _status(role)), []).append(role)
    entries = [_entry(key, found) for key, found in by_key.items()]
    return sorted(entries, key=lambda e: (e.entity_id, *held_order(e)))


def held_order(entry: LedgerEntry) -> tuple[bool, str, int]:
    return entry.first is None, entry.first or "", 0 if entry.status in EARLIER_STATUSES else 1


def role_changes(ledger: Iterable[LedgerEntry]) -> list[tuple[LedgerEntry, LedgerEntry]]:
    """``(before, after)`` pairs: each title first asserted after another title of the same entity,
    paired with the latest earlier title that shares its head word (president → former president,
    vice president → interim president), else with the latest earlier title. An undated title gives no
    order, so it is paired only after a title the text says was held before ("previously served as")."""
    by_entity: dict[str, list[LedgerEntry]] = {}
    for item in ledger:
        by_entity.setdefault(item.entity_id, []).append(item)
    pairs = []
    for items in by_entity.values():
        items.sort(key=held_order)
        for n, after in enumerate(items):
            earlier = [b for b in items[:n] if held_order(b) < held_order(after) and b.label != after.label
                       and _ordered(b, after)]
            if not earlier or after.status == "previous":  # a past title, asserted late
                continue
            same_head = [b for b in earlier if _head(b.title) == _head(after.title)]
            pairs.append(((same_head or earlier)[-1], after))
    return pairs


def _ordered(before: LedgerEntry, after: LedgerEntry) -> bool:
    """Whether the ledger knows ``before`` was held first: both dated, or ``before`` said to be past."""
    return (before.first is not None and after.first is not None) or before.status == "previous"


def status_changes(entity_id: str, groups: Iterable[EventGroup]) -> list[StatusChange]:
    """What events that happened did to ``entity_id``'s status, by date."""
    found = []
    for group in groups:
        if group.status not in ("happened", "ongoing"):
            continue
        roles = {p.role for p in group.participants if p.entity_id == entity_id}
        status = _caused(group, roles) or _designated(group, entity_id)
        if status:
            found.append(StatusChange(
                entity_id=entity_id, status=status, date=group.date, dated_by=group.dated_by,
                group_id=group.id, trigger=group.first.row.trigger, label=group.summary(),
                outlets=group.outlets, confirmations=group.confirmations))
    return sorted(found, key=lambda s: (s.date is None, s.date or "", s.group_id))


def _caused(group: EventGroup, roles: set[str]) -> str | None:
    triggers = [fold(m.row.trigger) for m in group.mentions]
    for kind, mode, role, prefix, status in STATUS_RULES:
        if group.type != kind or role not in roles:
            continue
        if (mode is None or group.mode == mode) and (prefix is None or any(t.startswith(prefix)
                                                                          for t in triggers)):
            return status
    return None


def _designated(group: EventGroup, entity_id: str) -> str | None:
    for mention in group.mentions:
        designation = mention.row.designation
        if designation and designation.target_id == entity_id:
            return f"designated {designation.label}"
    return None


def _entry(key: tuple[str, str, str], roles: list[EntityRole]) -> LedgerEntry:
    entity_id, title, status = key
    dates = sorted(r.as_of for r in roles if r.as_of)
    label = title if status == "current" else f"{status} {title}"
    names: Mapping[str, int] = {r.name: len(r.name) for r in roles if r.name}
    return LedgerEntry(
        entity_id=entity_id, name=max(names, key=lambda n: names[n]) if names else entity_id,
        label=label, title=title, status=status,
        organizations=tuple(dict.fromkeys(r.organization for r in roles if r.organization)),
        first=dates[0] if dates else None, last=dates[-1] if dates else None,
        outlets=tuple(dict.fromkeys(r.outlet for r in roles if r.outlet)), assertions=tuple(roles))


def _status(role: EntityRole) -> str:
    return role.status or "current"


def _head(title: str) -> str:
    words = title.split()
    return words[-1] if words else ""


def entity_ledger(store: Store, entity_id: str, roles: Iterable[EntityRole]
                  ) -> tuple[list[LedgerEntry], list[StatusChange]]:
    """An entity's ledger: its titles (from ``roles``, as ``EntityOverview.roles`` holds them) and the
    status changes of the events it takes part in, grouped across reports. It reads only the events
    that can change a status (``status_query``: a third of them in generated stories), same result."""
    groups = group_events(store.iter_events(status_query(entity_id)))
    return role_ledger(roles), status_changes(entity_id, groups)


def status_query(entity_id: str) -> EventQuery:
    """The events of ``entity_id`` whose groups can change its status (``STATUS_EVENT_TYPES``)."""
    return EventQuery(types=STATUS_EVENT_TYPES, statuses=STATUS_EVENT_STATUSES, entity_ids=(entity_id,))


def ledger_record(entry: LedgerEntry) -> dict[str, Any]:
    """A ledger entry as JSON: its assertions as article ids (``roles`` lists them in full). Its fields
    are strings and tuples of strings, taken as they are: ``asdict`` would copy every assertion first."""
    record = {f.name: getattr(entry, f.name) for f in fields(entry) if f.name != "assertions"}
    record["article_ids"] = list(dict.fromkeys(r.article_id for r in entry.assertions))
    return record
