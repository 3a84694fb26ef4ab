"""What changed in a story, each change with the evidence on both sides (docs/timeline.md):

1. ``role``: a person's title changed (president → former president), from the role ledger;
2. ``outcome``: a planned, threatened, negated or hypothetical event later reported as happened
   (``fulfilled``, ``carried out``, ``overtaken``, ``came about``), or a planned one whose date passed
   with no report that it happened (``lapsed``);
3. ``contradiction``: reports of one event that give different dates, places or actors, or a denial of
   an event others report;
4. ``new``: what each article adds, the events and titles first reported in it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from newsgraph.day_intervals import interval
from newsgraph.event_groups import (
    FAMILIES,
    EventGroup,
    Mention,
    acts_compatible,
    story_groups,
)
from newsgraph.ledger import LedgerEntry, role_changes, role_ledger
from newsgraph.store import EntityRole, Store
from newsgraph.store.event_rows import readable_date

# What a plan that came about is called, by the plan's status.
OUTCOMES = {"planned": "fulfilled", "threatened": "carried out", "negated": "overtaken",
            "hypothetical": "came about"}
# The order of kinds among changes known on the same day.
KINDS = ("role", "outcome", "contradiction", "new")
# Evidence items listed per side of a "new" change: the rest are counted in its summary.
NEW_EVIDENCE = 50


@dataclass(frozen=True)
class Evidence:
    """Where a side of a change is said: the article, its outlet and publication day, the words
    (``text``, a trigger or a title) at ``start``…``end`` of its cleaned text, and their sentence."""

    article_id: int
    outlet: str | None
    published: str | None
    start: int | None
    end: int | None
    text: str
    sentence: str | None = None
    event_id: str | None = None
    status: str | None = None


@dataclass(frozen=True)
class Change:
    """One change. ``as_of`` is the day it became known: the publication day of its later side."""

    kind: str
    detail: str
    summary: str
    as_of: str | None
    before: tuple[Evidence, ...]
    after: tuple[Evidence, ...]
    group_ids: tuple[str, ...] = ()
    entity_id: str | None = None


def changes(groups: Sequence[EventGroup], roles: Iterable[EntityRole], since: str | None = None,
            now: str | None = None) -> list[Change]:
    """Every change in ``groups`` and ``roles`` known on or after ``since``, by the day it became known.
    ``now`` (default: the latest publication day seen) decides which planned dates have passed."""
    roles = list(roles)
    now = now or _latest(groups, roles)
    found = [*_role_changes(roles), *_outcomes(groups, now), *_contradictions(groups),
             *_additions(groups, roles)]
    return known_since(sorted(found, key=lambda c: (c.as_of is None, c.as_of or "", KINDS.index(c.kind))),
                       since)


def known_since(found: Iterable[Change], since: str | None) -> list[Change]:
    """The changes of ``found`` known on or after ``since`` (all with None), in their order."""
    low = _day(since) if since else None
    if low is None:
        return list(found)
    return [c for c in found if c.as_of is not None and c.as_of >= low]


def story_changes(store: Store, article_ids: Sequence[int] | None, since: str | None = None
                  ) -> list[Change]:
    """The changes of these articles (a story's; None: the whole store)."""
    return changes(story_groups(store, article_ids), store.roles(article_ids), since)


# 1. Roles --------------------------------------------------------------------------------------------

def _role_changes(roles: list[EntityRole]) -> list[Change]:
    return [Change(kind="role", detail=f"{_held(before)} → {_held(after)}",
                   summary=f"{after.name}: {_titled(before)} → {_titled(after)}", as_of=after.first,
                   before=_role_evidence(before), after=_role_evidence(after), entity_id=after.entity_id)
            for before, after in role_changes(role_ledger(roles))]


def _titled(entry: LedgerEntry) -> str:
    previous = entry.status == "previous"
    if entry.first is None:
        return f"{_held(entry)} ({'previously' if previous else 'undated'})"
    dates = entry.first if entry.first == entry.last else f"{entry.first} … {entry.last}"
    return f"{_held(entry)} ({'previously, said ' if previous else ''}{dates})"


def _held(entry: LedgerEntry) -> str:
    """The title as it was held: a "previous vice president" was vice president."""
    return entry.title if entry.status == "previous" else entry.label


def _role_evidence(entry: LedgerEntry) -> tuple[Evidence, ...]:
    return tuple(Evidence(r.article_id, r.outlet, r.as_of, r.start, r.end, r.evidence)
                 for r in entry.assertions)


# 2. Plans and outcomes ---------------------------------------------------------------------------------

def _outcomes(groups: Sequence[EventGroup], now: str | None) -> list[Change]:
    happened = [g for g in groups if g.status in ("happened", "ongoing")]
    index: dict[tuple[str, str], list[EventGroup]] = {}
    for group in happened:
        for key in _outcome_keys(group):
            index.setdefault(key, []).append(group)
    people = _people_by_article(groups)
    found = []
    for plan in (g for g in groups if g.kind == "intent"):
        wildcard = _wildcard_people(plan, people)
        candidates = dict.fromkeys(g for key in _plan_keys(plan, wildcard) for g in index.get(key, []))
        matches = [(o, inferred) for o in candidates
                   if (inferred := _realises(plan, o, wildcard)) is not None]
        if matches:
            outcome, inferred = min(matches, key=lambda m: (m[0].span or ("9999",), m[0].id))
            found.append(_outcome_change(plan, outcome, inferred, wildcard))
        elif _lapsed(plan, now) and not _maybe_done(plan, happened):
            found.append(_lapsed_change(plan, now))
    return found


def _maybe_done(plan: EventGroup, happened: Sequence[EventGroup]) -> bool:
    """Whether a plan that names no one ("the government's answer is a meeting next week") may be an
    event of its kind that happened on or after its date: who took part in that one cannot be compared,
    so no lapse is claimed. A plan that names someone is matched on them (``_realises``)."""
    if plan.span is None or any(not key.startswith("text:") for key in plan.keys):
        return False
    families = {FAMILIES.get(m.act[0], m.act[0]) for m in plan.mentions}
    return any(FAMILIES.get(g.type, g.type) in families and g.span is not None and g.span[1] >= plan.span[0]
               for g in happened)


def _realises(plan: EventGroup, outcome: EventGroup, wildcard: set[str]) -> bool | None:
    """None when ``outcome`` is not what ``plan`` intended; else whether the match rests on a
    participant resolved from a pronoun (``plan``'s "him" taken as anyone its articles name)."""
    if not _later(plan, outcome):
        return None
    shared = plan.keys & outcome.keys
    person_target = any(k.startswith("person:") for k in shared)
    inferred = False
    if not shared:
        if not wildcard & outcome.keys:
            return None
        person_target, inferred = True, True
    return inferred if _acts_match(plan, outcome, person_target) else None


def _acts_match(plan: EventGroup, outcome: EventGroup, person_target: bool) -> bool:
    for m in plan.mentions:
        for n in outcome.mentions:
            if acts_compatible(m.act, n.act):
                return True
            force = FAMILIES.get(m.act[0]) == FAMILIES.get(n.act[0]) == "force"
            if force and person_target and (m.act[1] is None or n.act[1] is None):
                return True
    return False


def _later(plan: EventGroup, outcome: EventGroup) -> bool:
    """Whether ``outcome`` is news after ``plan``: first reported after it, or dated after its report."""
    planned = plan.first_reported
    if planned is None:
        return True
    if outcome.first_reported and outcome.first_reported > planned:
        return True
    return outcome.dated_by == "event" and outcome.span is not None and outcome.span[0] > planned


def _wildcard_people(plan: EventGroup, people: dict[int, set[str]]) -> set[str]:
    """The people a plan's pronoun may stand for: those named in events of the plan's articles. Only
    for a plan that names no recipient itself, as "not planning to snatch him" does."""
    if plan.keys and any(p.role == "recipient" for p in plan.participants):
        return set()
    if not any(p.inferred and p.key.startswith("person:") for m in plan.mentions for p in m.participants):
        return set()
    return set().union(*(people.get(a, set()) for a in plan.article_ids))


def _outcome_change(plan: EventGroup, outcome: EventGroup, inferred: bool,
                    wildcard: set[str]) -> Change:
    detail = OUTCOMES.get(plan.status, "fulfilled")
    late = plan.dated_by == "event" and outcome.span and plan.span and outcome.span[0] > plan.span[1]
    note = f", later than planned ({_shown(plan.date)})" if late else ""
    if inferred:
        names = [p.name for p in outcome.participants if p.key in wildcard]
        note += f", the plan's pronoun read as {' or '.join(names)}"
    reported = f", reported {plan.first_reported}" if plan.first_reported else ""
    when = f" {_shown(outcome.date)}" if outcome.date else ""
    summary = (f"{plan.status} {plan.type.lower()} “{plan.first.row.trigger}” ({plan.summary()}{reported}) "
               f"→ {outcome.status}{when} “{outcome.first.row.trigger}” ({outcome.summary()}){note}")
    return Change(kind="outcome", detail=detail, summary=summary, as_of=outcome.first_reported,
                  before=_mentions(plan.mentions), after=_mentions(outcome.mentions),
                  group_ids=(plan.id, outcome.id))


def _lapsed(plan: EventGroup, now: str | None) -> bool:
    return (plan.status == "planned" and plan.dated_by == "event" and plan.span is not None
            and now is not None and plan.span[1] < now)


def _lapsed_change(plan: EventGroup, now: str | None) -> Change:
    summary = (f"planned {plan.type.lower()} ({plan.summary()}) for {_shown(plan.date)}: no report that it "
               f"happened by {now}")
    return Change(kind="outcome", detail="lapsed", summary=summary, as_of=_next_day(plan.span),
                  before=_mentions(plan.mentions), after=(), group_ids=(plan.id,))


def _outcome_keys(group: EventGroup) -> list[tuple[str, str]]:
    family = FAMILIES.get(group.type, group.type)
    keys = [(family, key) for key in sorted(group.keys)]
    if any(k.startswith("person:") for k in group.keys):
        keys.append((family, "*person"))
    return keys


def _plan_keys(plan: EventGroup, wildcard: set[str]) -> list[tuple[str, str]]:
    """Its participant keys, and any person's when it has a pronoun for one (``_wildcard_people``)."""
    families = {FAMILIES.get(m.act[0], m.act[0]) for m in plan.mentions}
    extra = ("*person",) if wildcard else ()
    return [(family, key) for family in families for key in (*plan.keys, *extra)]


def _people_by_article(groups: Sequence[EventGroup]) -> dict[int, set[str]]:
    people: dict[int, set[str]] = {}
    for group in groups:
        for mention in group.mentions:
            for p in mention.participants:
                if p.entity_id and p.entity_id.startswith("person:") and not p.inferred:
                    people.setdefault(mention.row.article_id, set()).add(p.entity_id)
    return people


# 3. Contradictions -------------------------------------------------------------------------------------

def _contradictions(groups: Sequence[EventGroup]) -> list[Change]:
    found = []
    for group in groups:
        by_id = {m.id: m for m in group.mentions}
        for kind in dict.fromkeys(c.kind for c in group.conflicts):
            involved = {i for c in group.conflicts if c.kind == kind for i in (c.first, c.second)}
            ordered = sorted(involved, key=list(by_id).index)
            found.append(_disagreement(group, kind, [by_id[i] for i in ordered]))
        found.extend(_denial(group))
    return found


def _disagreement(group: EventGroup, kind: str, mentions: list[Mention]) -> Change:
    """One change per group and kind: the first value reported against the others."""
    values: dict[str, list[Mention]] = {}
    for mention in sorted(mentions, key=lambda m: (m.reported or "9999", m.row.article_id)):
        values.setdefault(_value(mention, kind), []).append(mention)
    first, *others = values
    said = " vs ".join(f"{v} ({_outlets(values[v])})" for v in values)
    later = [m for v in others for m in values[v]]
    return Change(kind="contradiction", detail=kind, summary=f"{group.type.lower()} ({group.summary()}): "
                  f"{kind} {said}", as_of=max((m.reported or "" for m in later), default="") or None,
                  before=_mentions(values[first]), after=_mentions(later), group_ids=(group.id,))


def _denial(group: EventGroup) -> list[Change]:
    denied = [m for m in group.mentions if m.row.status == "denied"]
    reported = [m for m in group.mentions if m.row.status != "denied"]
    if not denied or not reported:
        return []
    return [Change(kind="contradiction", detail="denial",
                   summary=f"{group.type.lower()} ({group.summary()}) reported ({_outlets(reported)}), "
                           f"and denied ({_outlets(denied)})",
                   as_of=max(m.reported or "" for m in group.mentions) or None,
                   before=_mentions(reported), after=_mentions(denied), group_ids=(group.id,))]


def _value(mention: Mention, kind: str) -> str:
    row = mention.row
    value = {"date": _shown(row.date), "place": row.place.name if row.place else None,
             "actors": ", ".join(p.name for p in mention.participants if p.role == "actor")}[kind]
    return value or "?"


def _shown(value: str | None) -> str | None:
    """A date value as the summaries write it (``2026-03-31 morning``, not ``2026-03-31TMO``)."""
    return readable_date(value) if value else value


def _outlets(mentions: list[Mention]) -> str:
    return ", ".join(dict.fromkeys(m.row.outlet or f"#{m.row.article_id}" for m in mentions))


# 4. What each article adds -------------------------------------------------------------------------------

def _additions(groups: Sequence[EventGroup], roles: list[EntityRole]) -> list[Change]:
    firsts: dict[int, list[Evidence]] = {}
    published: dict[int, tuple[str | None, str | None]] = {}
    group_ids: dict[int, list[str]] = {}
    for group in groups:
        first = min(group.mentions, key=lambda m: (m.reported or "9999", m.row.article_id))
        firsts.setdefault(first.row.article_id, []).extend(_mentions([first]))
        group_ids.setdefault(first.row.article_id, []).append(group.id)
        published[first.row.article_id] = (first.reported, first.row.outlet)
    titles: dict[int, list[Evidence]] = {}
    for entry in role_ledger(roles):
        role = min(entry.assertions, key=lambda r: (r.as_of or "9999", r.article_id))
        titles.setdefault(role.article_id, []).append(
            Evidence(role.article_id, role.outlet, role.as_of, role.start, role.end,
                     f"{entry.name}: {entry.label}"))
        published.setdefault(role.article_id, (role.as_of, role.outlet))
    return [_addition(article_id, published[article_id], firsts.get(article_id, []),
                      titles.get(article_id, []), group_ids.get(article_id, []))
            for article_id in published]


def _addition(article_id: int, citation: tuple[str | None, str | None], events: list[Evidence],
              titles: list[Evidence], group_ids: list[str]) -> Change:
    day, outlet = citation
    summary = (f"#{article_id} ({outlet or 'unknown outlet'}) adds {len(events)} event(s), "
               f"{len(titles)} title(s)")
    return Change(kind="new", detail="article", summary=summary, as_of=day, before=(),
                  after=tuple((events + titles)[:NEW_EVIDENCE]), group_ids=tuple(group_ids))


# Helpers ------------------------------------------------------------------------------------------------

def _mentions(mentions: Iterable[Mention]) -> tuple[Evidence, ...]:
    return tuple(Evidence(m.row.article_id, m.row.outlet, m.reported, m.row.trigger_start, m.row.trigger_end,
                          m.row.trigger, m.row.sentence, m.row.event_id, m.row.status)
                 for m in mentions)


def _latest(groups: Sequence[EventGroup], roles: list[EntityRole]) -> str | None:
    days = [m.reported for g in groups for m in g.mentions if m.reported]
    days += [d for r in roles if r.as_of and (d := _day(r.as_of))]
    return max(days) if days else None


def _day(value: str) -> str | None:
    days = interval(value)
    return days[0] if days else None


def _next_day(span: tuple[str, str] | None) -> str | None:
    return None if span is None else (date.fromisoformat(span[1]) + timedelta(days=1)).isoformat()
