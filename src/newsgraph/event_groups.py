"""Reports of the same real-world event, across articles and within one, grouped into ``EventGroup``s.

Two reports are of one event when (docs/timeline.md gives the rules with examples):

1. their statuses are of one kind: an *occurrence* (happened, ongoing, or denied) or an *intent*
   (planned, threatened, negated, hypothetical). A plan and its realisation are two groups, which
   ``changes`` links;
2. their acts are compatible: the same PLOVER type with the same mode or one without, a threat taken as
   the act it threatens (``THREATEN``/``arrest`` as ``COERCE``/``arrest``), and seizing a person by
   arrest or by abduction as one act;
3. their participants overlap (entity ids; an unnamed participant by the folded head of its words), and
   their named recipients do not exclude each other (for symmetric types such as CONSULT, actors and
   recipients together);
4. their dates overlap, or one is undated; and their places are the same, or one is missing or
   contains the other.

Two reports from different articles that agree on everything but one of date (at most
``DATE_TOLERANCE_DAYS`` apart), place (in one country) or actors are still grouped, and the group
records the disagreement as a ``Conflict``; ``changes`` reports it as a contradiction.

Grouping is blocked, not all-pairs: a report is compared only with the groups that share its act family
and one of its participant keys. Reports are taken in ingestion order (article id, then position), and
a group's id is its first report's ``ARTICLE-EVENT`` id, so ids stay as they were when articles are added.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Literal

from newsgraph.store import EventParticipant, EventPlace, EventQuery, EventRow, Store
from newsgraph.store.event_rows import interval

OCCURRENCE = frozenset({"happened", "ongoing", "denied"})
INTENT = frozenset({"planned", "threatened", "negated", "hypothetical"})
# Types whose two sides act together ("A met B" is "B met A"): actors and recipients compare as one set.
SYMMETRIC_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})
# What a THREATEN event threatens, by its mode (docs/events.md, THREATEN modes), as (type, mode).
THREAT_ACTS: Mapping[str, tuple[str, str | None]] = {
    "violence": ("ASSAULT", None), "arrest": ("COERCE", "arrest"), "ban": ("COERCE", "ban"),
    "restrict": ("COERCE", "restrict"), "expel": ("SANCTION", "expel"), "relations": ("SANCTION", "sever"),
}
# Acts that are one act told two ways: seizing a person is an arrest to one outlet, an abduction
# ("snatch him") to another.
SAME_ACTS = (frozenset({("COERCE", "arrest"), ("ASSAULT", "abduct")}),)
# Types compared in one block: force against a person may be coded either way.
FAMILIES: Mapping[str, str] = {"COERCE": "force", "ASSAULT": "force"}
# Dates of two reports further apart than this are two events, not a disagreement about one.
DATE_TOLERANCE_DAYS = 3
# Participants two disagreeing reports must share to be taken as one event told differently.
CONFLICT_SHARED_KEYS = 2
# Words that stand for someone named elsewhere: no identity of their own.
PRONOUNS = frozenset({"he", "him", "she", "her", "it", "they", "them", "we", "us", "i", "me", "you",
                      "who", "which", "that", "this", "these", "those", "his", "its", "their", "our"})
# Heads of source descriptions that name no one in particular ("One administration official"): two
# outlets citing "officials" are not known to cite the same origin.
GENERIC_SOURCES = frozenset({"official", "officials", "source", "sources", "spokesman", "spokeswoman",
                             "spokesperson", "statement", "diplomat", "diplomats", "analyst", "analysts",
                             "witness", "witnesses", "resident", "residents", "minister", "ministry"})

# Participants named per side in a group's one-line summary.
SUMMARY_NAMES = 3

Relation = Literal["same", "conflict"]


@dataclass(frozen=True)
class Participant:
    """An actor or recipient as grouping sees it: ``key`` is the entity id, or ``text:HEAD`` for an
    unnamed one; ``inferred`` when the words are not in the reporting sentence (a pronoun resolved to
    a name said earlier), which ``changes`` treats as uncertain."""

    role: str
    key: str
    entity_id: str | None
    name: str
    inferred: bool


@dataclass(frozen=True)
class Mention:
    """One report of an event: the stored event, its participants, and the origin of the claim."""

    row: EventRow
    participants: tuple[Participant, ...]
    source: str
    origin: str | None

    @property
    def id(self) -> str:
        return f"{self.row.article_id}-{self.row.event_id}"

    @cached_property
    def act(self) -> tuple[str, str | None]:
        return act_of(self.row)

    @cached_property
    def days(self) -> tuple[str, str] | None:
        """The days the report's own date covers, None when the text gives it no date."""
        return interval(self.row.date) if self.row.date and self.row.dated_by == "event" else None

    @cached_property
    def reported(self) -> str | None:
        """The report's publication day (``YYYY-MM-DD``), or None."""
        days = interval(self.row.published) if self.row.published else None
        return days[0] if days else None

    @cached_property
    def keys(self) -> frozenset[str]:
        """The participant keys of the report."""
        return frozenset(p.key for p in self.participants)

    def named(self, role: str) -> frozenset[str]:
        return frozenset(p.key for p in self.participants
                         if p.role == role and p.entity_id and not p.inferred)


@dataclass(frozen=True)
class Conflict:
    """Two reports of one group that disagree on ``kind`` (``date``, ``place`` or ``actors``)."""

    kind: str
    first: str
    second: str


@dataclass(eq=False)  # one group is one event: compared and hashed by identity
class EventGroup:
    """One real-world event and every report of it. ``date``/``precision``/``when_start``/``when_end``
    come from the most precise report's own date (``dated_by`` ``event``) or, when no report dates it,
    from the earliest report's publication day (``dated_by`` ``report``)."""

    id: str
    mentions: list[Mention] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    _keys: set[str] = field(default_factory=set, repr=False)

    def add(self, mention: Mention, conflicts: Iterable[Conflict] = ()) -> None:
        """Add a report; what was computed from the earlier ones is computed again when asked."""
        for name in [n for n in vars(self) if n in _CACHED]:
            del self.__dict__[name]
        self.mentions.append(mention)
        self.conflicts.extend(conflicts)
        self._keys |= mention.keys

    @property
    def first(self) -> Mention:
        return self.mentions[0]

    @cached_property
    def kind(self) -> str:
        return "occurrence" if self.first.row.status in OCCURRENCE else "intent"

    @cached_property
    def type(self) -> str:
        return Counter(m.act[0] for m in self.mentions).most_common(1)[0][0]

    @cached_property
    def mode(self) -> str | None:
        modes = Counter(m.act[1] for m in self.mentions if m.act[1])
        return modes.most_common(1)[0][0] if modes else None

    @cached_property
    def status(self) -> str:
        """An occurrence happened when any report says so (else ongoing, else denied); an intent has
        the status of its latest report."""
        statuses = {m.row.status for m in self.mentions}
        if self.kind == "occurrence":
            return next(s for s in ("happened", "ongoing", "denied") if s in statuses)
        return max(self.mentions, key=_report_order).row.status

    @property
    def statuses(self) -> dict[str, int]:
        return dict(Counter(m.row.status for m in self.mentions))

    @cached_property
    def dated(self) -> Mention | None:
        """The report with the most precise own date (the narrowest), the earliest on a tie."""
        dated = [m for m in self.mentions if m.days]
        return min(dated, key=lambda m: (_width(m.days), _report_order(m))) if dated else None

    @cached_property
    def date(self) -> str | None:
        best = self.dated
        if best is not None:
            return best.row.date
        return self.first_reported

    @cached_property
    def precision(self) -> str | None:
        best = self.dated
        return best.row.date_precision if best else ("day" if self.first_reported else None)

    @cached_property
    def dated_by(self) -> str | None:
        return "event" if self.dated else ("report" if self.first_reported else None)

    @cached_property
    def span(self) -> tuple[str, str] | None:
        best = self.dated
        if best is not None:
            return best.days
        return (self.first_reported, self.first_reported) if self.first_reported else None

    @cached_property
    def first_reported(self) -> str | None:
        days = [m.reported for m in self.mentions if m.reported]
        return min(days) if days else None

    @cached_property
    def place(self) -> EventPlace | None:
        """The most specific place any report gives (a city before its country), the most reported."""
        places = [m.row.place for m in self.mentions if m.row.place and m.row.place.name]
        if not places:
            return None
        counts = Counter(fold(p.name or "") for p in places)
        return max(places, key=lambda p: (p.feature != "country", counts[fold(p.name or "")]))

    @cached_property
    def participants(self) -> tuple[Participant, ...]:
        """Every participant once (by role and key), named ones with their fullest name."""
        seen: dict[tuple[str, str], Participant] = {}
        for mention in self.mentions:
            for p in mention.participants:
                if not p.inferred and (p.role, p.key) not in seen:
                    seen[(p.role, p.key)] = p
        return tuple(seen.values())

    @cached_property
    def outlets(self) -> tuple[str, ...]:
        """The outlets reporting it, in order of first report."""
        return tuple(dict.fromkeys(m.row.outlet for m in sorted(self.mentions, key=_report_order)
                                   if m.row.outlet))

    @cached_property
    def confirmations(self) -> int:
        """Independent reports: distinct outlets, where two outlets that give the claim the same named
        origin (or one cites the other) count once. Denials confirm nothing."""
        return independent_sources(m for m in self.mentions if m.row.status != "denied")

    @cached_property
    def article_ids(self) -> tuple[int, ...]:
        return tuple(dict.fromkeys(m.row.article_id for m in self.mentions))

    @property
    def keys(self) -> frozenset[str]:
        """The participant keys of every report."""
        return frozenset(self._keys)

    def summary(self) -> str:
        """``actors → recipients`` by name (an unnamed one by its words)."""
        recipients = [p for p in self.participants if p.role == "recipient"]
        taken = {p.key for p in recipients}
        actors = [p for p in self.participants if p.role == "actor" and p.key not in taken]
        shown = _names(actors) or "?"
        return f"{shown} → {_names(recipients)}" if recipients else shown


_CACHED = frozenset(name for name, value in vars(EventGroup).items() if isinstance(value, cached_property))


def group_events(rows: Iterable[EventRow], duplicates: Mapping[int, int] | None = None
                 ) -> list[EventGroup]:
    """Group ``rows`` (the events of one story, or any set) into events, in order of first report.

    ``duplicates`` maps a near-duplicate article to its original: its reports then count as the
    original's outlet. (The store codes no events of near-duplicates, so by default there are none.)
    """
    mentions = sorted((mention_of(row, duplicates or {}) for row in rows), key=_ingest_order)
    groups: list[EventGroup] = []
    index: dict[tuple[str, str], list[EventGroup]] = {}
    for mention in mentions:
        group = _best_group(mention, index)
        if group is None:
            group = EventGroup(mention.id)
            groups.append(group)
            group.add(mention)
        else:
            group.add(mention, _conflicts(mention, group))
        for key in _block_keys(mention):
            if group not in index.setdefault(key, []):
                index[key].append(group)
    return sorted(groups, key=lambda g: (g.first_reported or "9999", _ingest_order(g.first)))


def story_groups(store: Store, article_ids: Sequence[int] | None) -> list[EventGroup]:
    """The event groups of these articles (a story's; None: every stored event)."""
    query = EventQuery(article_ids=None if article_ids is None else tuple(article_ids))
    return group_events(store.iter_events(query))


def mention_of(row: EventRow, duplicates: Mapping[int, int]) -> Mention:
    participants = tuple(_participant(p, row.sentence) for p in row.participants)
    source = fold(row.outlet) if row.outlet else f"#{duplicates.get(row.article_id, row.article_id)}"
    return Mention(row, tuple(p for p in participants if p is not None), source, _origin(row))


def act_of(row: EventRow) -> tuple[str, str | None]:
    """What the event does: its type and mode, a threat taken as the act it threatens."""
    if row.type == "THREATEN" and row.mode is not None and row.mode in THREAT_ACTS:
        return THREAT_ACTS[row.mode]
    return row.type, row.mode


def acts_compatible(a: tuple[str, str | None], b: tuple[str, str | None]) -> bool:
    if a[0] == b[0]:
        return a[1] is None or b[1] is None or a[1] == b[1]
    return any(a in same and b in same for same in SAME_ACTS)


def independent_sources(mentions: Iterable[Mention]) -> int:
    """How many independent sources ``mentions`` come from (see ``EventGroup.confirmations``)."""
    parent: dict[str, str] = {}

    def find(key: str) -> str:
        while parent.setdefault(key, key) != key:
            key = parent[key]
        return key

    listed = list(mentions)
    for mention in listed:
        find(mention.source)
    for mention in listed:
        if mention.origin is not None:
            parent[find(mention.source)] = find(mention.origin)
    return len({find(m.source) for m in listed})


# Comparing a report with a group ---------------------------------------------------------------------

def _best_group(mention: Mention, index: dict[tuple[str, str], list[EventGroup]]) -> EventGroup | None:
    candidates = dict.fromkeys(g for key in _block_keys(mention) for g in index.get(key, []))
    fitting = [g for g in candidates if _fits(mention, g)]
    if not fitting:
        return None
    keys = mention.keys
    return max(fitting, key=lambda g: (len(keys & g._keys), -_ingest_order(g.first)[0]))


def _fits(mention: Mention, group: EventGroup) -> bool:
    if not mention.keys & group._keys:
        return False
    relations = [_relation(mention, other) for other in group.mentions]
    if any(r is None for r in relations):
        return False
    conflicts = {kind for m in group.mentions for kind in _conflict_kinds(mention, m) or []}
    return len(conflicts) <= 1


def _relation(a: Mention, b: Mention) -> Relation | None:
    """How two reports relate: one event (``same``), one event told differently (``conflict``), or
    two events (None)."""
    if (a.row.status in OCCURRENCE) != (b.row.status in OCCURRENCE) or not acts_compatible(a.act, b.act):
        return None
    if _recipients_exclude(a, b):
        return None
    kinds = _conflict_kinds(a, b)
    if kinds is None or len(kinds) > 1:
        return None
    if kinds and len(a.keys & b.keys) < CONFLICT_SHARED_KEYS:
        return None  # one shared participant is not enough to call a disagreement one event
    return "conflict" if kinds else "same"


def _conflict_kinds(a: Mention, b: Mention) -> list[str] | None:
    """What two otherwise matching reports disagree on; None when a disagreement makes them two events."""
    kinds = []
    for kind, relation in (("date", _dates(a, b)), ("place", _places(a, b)), ("actors", _actors(a, b))):
        if relation is None:
            return None
        if relation == "conflict":
            kinds.append(kind)
    return kinds


def _conflicts(mention: Mention, group: EventGroup) -> list[Conflict]:
    found = []
    for other in group.mentions:
        for kind in _conflict_kinds(mention, other) or []:
            found.append(Conflict(kind, other.id, mention.id))
    return found


def _recipients_exclude(a: Mention, b: Mention) -> bool:
    if a.act[0] in SYMMETRIC_TYPES or b.act[0] in SYMMETRIC_TYPES:
        return False
    first, second = a.named("recipient"), b.named("recipient")
    return bool(first and second and not first & second)


def _dates(a: Mention, b: Mention) -> Relation | None:
    first, second = a.days, b.days
    if first is None or second is None or (first[0] <= second[1] and second[0] <= first[1]):
        return "same"
    gap = (date.fromisoformat(max(first[0], second[0])) - date.fromisoformat(min(first[1], second[1]))).days
    return "conflict" if gap <= DATE_TOLERANCE_DAYS and _apart(a, b) else None


def _places(a: Mention, b: Mention) -> Relation | None:
    first, second = a.row.place, b.row.place
    if first is None or second is None or not first.name or not second.name:
        return "same"
    if fold(first.name) == fold(second.name) or _contains(first, second) or _contains(second, first):
        return "same"
    same_country = first.country_code and first.country_code == second.country_code
    return "conflict" if same_country and _apart(a, b) else None


def _actors(a: Mention, b: Mention) -> Relation | None:
    if a.act[0] in SYMMETRIC_TYPES:
        return "same"
    first, second = a.named("actor"), b.named("actor")
    if not first or not second or first & b.keys or second & a.keys:
        return "same"  # one report's actor takes part in the other: a reading of roles, not a dispute
    return "conflict" if _apart(a, b) else None


def _contains(outer: EventPlace, inner: EventPlace) -> bool:
    return outer.feature == "country" and outer.country_code is not None and \
        outer.country_code == inner.country_code


def _apart(a: Mention, b: Mention) -> bool:
    """Reports in different articles: one article does not contradict itself."""
    return a.row.article_id != b.row.article_id


# Keys, origins, order --------------------------------------------------------------------------------

def _names(participants: Sequence[Participant]) -> str:
    """Up to ``SUMMARY_NAMES`` names, the rest counted."""
    names = [p.name for p in participants]
    more = len(names) - SUMMARY_NAMES
    return ", ".join(names[:SUMMARY_NAMES]) + (f" +{more}" if more > 0 else "")


def _block_keys(mention: Mention) -> list[tuple[str, str]]:
    family = FAMILIES.get(mention.act[0], mention.act[0])
    return [(family, key) for key in sorted(mention.keys)]


def _participant(p: EventParticipant, sentence: str) -> Participant | None:
    if p.entity_id:
        return Participant(p.role, p.entity_id, p.entity_id, p.name or p.text,
                           inferred=p.text not in sentence)
    words = [w for w in fold(p.text).replace("'s", "").split() if w.isalnum() or "-" in w]
    if not words or words[-1] in PRONOUNS:
        return None
    return Participant(p.role, f"text:{words[-1]}", None, p.text, inferred=False)


def _origin(row: EventRow) -> str | None:
    """The named source the claim starts from (the last of its attribution chain), folded; None when
    the outlet asserts it itself or cites no one in particular."""
    chain = [name for name in row.attribution if not row.outlet or fold(name) != fold(row.outlet)]
    if not chain:
        return None
    words = chain[-1].split()
    if not words or not words[-1][:1].isupper() or fold(words[-1]) in GENERIC_SOURCES:
        return None
    return fold(chain[-1])


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def _ingest_order(mention: Mention) -> tuple[int, int]:
    number = mention.row.event_id.removeprefix("ev")
    return mention.row.article_id, int(number) if number.isdigit() else 0


def _report_order(mention: Mention) -> tuple[str, int, int]:
    return (mention.reported or "9999", *_ingest_order(mention))


def _width(days: tuple[str, str] | None) -> int:
    if days is None:
        return 1 << 30
    return (date.fromisoformat(days[1]) - date.fromisoformat(days[0])).days
