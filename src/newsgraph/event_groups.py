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

Grouping is blocked, not all-pairs: a report is compared only with the groups that share its kind of
status, its act family and one of its participant keys. What a comparison reads of a report is worked
out once, when its ``Mention`` is made (``_Facts``), so a comparison parses and folds nothing. Reports
are taken in ingestion order (article id, then position), and a group's id is its first report's
``ARTICLE-EVENT`` id, so ids stay as they were when articles are added.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any, Generic, TypeVar, overload

from newsgraph.day_intervals import interval
from newsgraph.store import EventParticipant, EventPlace, EventQuery, EventRow, Store

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
# Types whose CAMEO codes are different acts though PLOVER gives them no mode: praising (051),
# defending (052) and signing an agreement (057) are three events even between the same parties.
CAMEO_ACTS = frozenset({"SUPPORT"})
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

T = TypeVar("T")


class _memo(Generic[T]):  # lower case: used as a decorator, as cached_property is
    """A property computed on first read and kept in the object's ``__dict__`` until dropped
    (``EventGroup.add`` drops them): ``functools.cached_property`` without the lock that Python 3.11
    takes on every first read, which cost a story's timeline a fifth of its time."""

    def __init__(self, compute: Callable[[Any], T]) -> None:
        self.compute = compute
        self.name = compute.__name__
        self.__doc__ = compute.__doc__

    @overload
    def __get__(self, instance: None, owner: type[Any]) -> _memo[T]: ...
    @overload
    def __get__(self, instance: object, owner: type[Any]) -> T: ...
    def __get__(self, instance: object | None, owner: type[Any]) -> T | _memo[T]:
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.compute(instance)
        return value


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


@dataclass(frozen=True, slots=True)
class Mention:
    """One report of an event: the stored event, its participants, and the origin of the claim.

    What grouping compares is worked out once, when the report is made (``__post_init__``): its act,
    days, participant keys, named actors and recipients, and folded place, so that comparing two
    reports reads attributes and parses nothing."""

    row: EventRow
    participants: tuple[Participant, ...]
    source: str
    origin: str | None
    id: str = field(init=False, repr=False, compare=False)
    act: tuple[str, str | None] = field(init=False, repr=False, compare=False)
    # The days the report's own date covers, None when the text gives it no date.
    days: tuple[str, str] | None = field(init=False, repr=False, compare=False)
    # The report's publication day (``YYYY-MM-DD``), or None.
    reported: str | None = field(init=False, repr=False, compare=False)
    # The participant keys of the report.
    keys: frozenset[str] = field(init=False, repr=False, compare=False)
    _facts: _Facts = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        row = self.row
        act = act_of(row)
        days = _interval(row.date) if row.date and row.dated_by == "event" else None
        published = _interval(row.published) if row.published else None
        reported = published[0] if published else None
        number = row.event_id.removeprefix("ev")
        order = (row.article_id, int(number) if number.isdigit() else 0)
        place = row.place if row.place is not None and row.place.name else None
        setattr_ = object.__setattr__
        setattr_(self, "id", f"{row.article_id}-{row.event_id}")
        setattr_(self, "act", act)
        setattr_(self, "days", days)
        setattr_(self, "reported", reported)
        setattr_(self, "keys", frozenset(p.key for p in self.participants))
        setattr_(self, "_facts", _Facts(
            occurs=row.status in OCCURRENCE, family=FAMILIES.get(act[0], act[0]),
            symmetric=act[0] in SYMMETRIC_TYPES, actors=self.named("actor"),
            recipients=self.named("recipient"),
            first=_ordinal(days[0]) if days else None, last=_ordinal(days[1]) if days else None,
            place=_fold(place.name or "") if place else None,
            country=place.country_code if place else None,
            country_place=place is not None and place.feature == "country" and place.country_code is not None,
            order=order, report_order=(reported or "9999", *order)))

    def named(self, role: str) -> frozenset[str]:
        return frozenset(p.key for p in self.participants
                         if p.role == role and p.entity_id and not p.inferred)


@dataclass(frozen=True, slots=True)
class _Facts:
    """What grouping compares of one report, worked out once (see ``_pair``): ``first``/``last`` are its
    own days as ordinals, ``place`` its folded place name (None without one), ``country_place`` whether
    that place is a country with a code."""

    occurs: bool
    family: str
    symmetric: bool
    actors: frozenset[str]
    recipients: frozenset[str]
    first: int | None
    last: int | None
    place: str | None
    country: str | None
    country_place: bool
    order: tuple[int, int]
    report_order: tuple[str, int, int]


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
    _acts: set[tuple[str, str | None]] = field(default_factory=set, repr=False)

    def add(self, mention: Mention, conflicts: Iterable[Conflict] = ()) -> None:
        """Add a report; what was computed from the earlier ones is computed again when asked."""
        if not _CACHED.isdisjoint(self.__dict__):
            for name in [n for n in self.__dict__ if n in _CACHED]:
                del self.__dict__[name]
        self.mentions.append(mention)
        self.conflicts.extend(conflicts)
        self._keys |= mention.keys
        self._acts.add(mention.act)

    @property
    def first(self) -> Mention:
        return self.mentions[0]

    @_memo
    def kind(self) -> str:
        return "occurrence" if self.first.row.status in OCCURRENCE else "intent"

    @_memo
    def type(self) -> str:
        if len(self.mentions) == 1:
            return self.first.act[0]
        return Counter(m.act[0] for m in self.mentions).most_common(1)[0][0]

    @_memo
    def mode(self) -> str | None:
        modes = Counter(m.act[1] for m in self.mentions if m.act[1] and not m.act[1].startswith("cameo:"))
        return modes.most_common(1)[0][0] if modes else None

    @_memo
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

    @_memo
    def dated(self) -> Mention | None:
        """The report with the most precise own date (the narrowest), the earliest on a tie."""
        dated = [m for m in self.mentions if m.days]
        return min(dated, key=_precision_order) if dated else None

    @_memo
    def date(self) -> str | None:
        best = self.dated
        if best is not None:
            return best.row.date
        return self.first_reported

    @_memo
    def precision(self) -> str | None:
        best = self.dated
        return best.row.date_precision if best else ("day" if self.first_reported else None)

    @_memo
    def dated_by(self) -> str | None:
        return "event" if self.dated else ("report" if self.first_reported else None)

    @_memo
    def span(self) -> tuple[str, str] | None:
        best = self.dated
        if best is not None:
            return best.days
        return (self.first_reported, self.first_reported) if self.first_reported else None

    @_memo
    def first_reported(self) -> str | None:
        days = [m.reported for m in self.mentions if m.reported]
        return min(days) if days else None

    @_memo
    def place(self) -> EventPlace | None:
        """The most specific place any report gives (a city before its country), the most reported."""
        places = [m.row.place for m in self.mentions if m.row.place and m.row.place.name]
        if not places:
            return None
        if len(places) == 1:
            return places[0]
        counts = Counter(_fold(p.name or "") for p in places)
        return max(places, key=lambda p: (p.feature != "country", counts[_fold(p.name or "")]))

    @_memo
    def participants(self) -> tuple[Participant, ...]:
        """Every participant once (by role and key), named ones with their fullest name."""
        seen: dict[tuple[str, str], Participant] = {}
        for mention in self.mentions:
            for p in mention.participants:
                if not p.inferred and (p.role, p.key) not in seen:
                    seen[(p.role, p.key)] = p
        return tuple(seen.values())

    @_memo
    def outlets(self) -> tuple[str, ...]:
        """The outlets reporting it, in order of first report."""
        return tuple(dict.fromkeys(m.row.outlet for m in sorted(self.mentions, key=_report_order)
                                   if m.row.outlet))

    @_memo
    def confirmations(self) -> int:
        """Independent reports: distinct outlets, where two outlets that give the claim the same named
        origin (or one cites the other) count once. Denials confirm nothing."""
        return independent_sources(m for m in self.mentions if m.row.status != "denied")

    @_memo
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


_CACHED = frozenset(name for name, value in vars(EventGroup).items() if isinstance(value, _memo))


def group_events(rows: Iterable[EventRow], duplicates: Mapping[int, int] | None = None
                 ) -> list[EventGroup]:
    """Group ``rows`` (the events of one story, or any set) into events, in order of first report.

    ``duplicates`` maps a near-duplicate article to its original: its reports then count as the
    original's outlet. (The store codes no events of near-duplicates, so by default there are none.)
    """
    mentions = sorted((mention_of(row, duplicates or {}) for row in rows), key=_ingest_order)
    groups: list[EventGroup] = []
    # (occurrence or intent, act family, participant key) → the groups holding a report with that key,
    # in order of first report (a dict as an ordered set).
    index: dict[tuple[bool, str, str], dict[EventGroup, None]] = {}
    for mention in mentions:
        found = _best_group(mention, index)
        if found is None:
            group = EventGroup(mention.id)
            groups.append(group)
            group.add(mention)
        else:
            group, kinds = found
            group.add(mention, [Conflict(kind, other.id, mention.id)
                                for other, disputed in zip(group.mentions, kinds, strict=True)
                                for kind in disputed])
        for key in _block_keys(mention):
            index.setdefault(key, {})[group] = None
    return sorted(groups, key=lambda g: (g.first_reported or "9999", _ingest_order(g.first)))


def story_groups(store: Store, article_ids: Sequence[int] | None) -> list[EventGroup]:
    """The event groups of these articles (a story's; None: every stored event)."""
    query = EventQuery(article_ids=None if article_ids is None else tuple(article_ids))
    return group_events(store.iter_events(query))


def mention_of(row: EventRow, duplicates: Mapping[int, int]) -> Mention:
    participants = tuple(_participant(p, row.sentence) for p in row.participants)
    source = _fold(row.outlet) if row.outlet else f"#{duplicates.get(row.article_id, row.article_id)}"
    return Mention(row, tuple(p for p in participants if p is not None), source, _origin(row))


def act_of(row: EventRow) -> tuple[str, str | None]:
    """What the event does: its type and mode, a threat taken as the act it threatens; for a type
    whose acts PLOVER gives no mode but CAMEO tells apart (``CAMEO_ACTS``), its CAMEO code."""
    if row.type == "THREATEN" and row.mode is not None and row.mode in THREAT_ACTS:
        return THREAT_ACTS[row.mode]
    if row.type in CAMEO_ACTS and row.mode is None and row.cameo and len(row.cameo) >= 3:
        return row.type, f"cameo:{row.cameo[:3]}"
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

def _best_group(mention: Mention, index: dict[tuple[bool, str, str], dict[EventGroup, None]]
                ) -> tuple[EventGroup, list[tuple[str, ...]]] | None:
    """The group ``mention`` joins, with what it disagrees on with each of the group's reports; None
    when it fits none. Of several, the one sharing most participant keys, then the earliest."""
    candidates = dict.fromkeys(g for key in _block_keys(mention) for g in index.get(key, ()))
    best: tuple[EventGroup, list[tuple[str, ...]]] | None = None
    best_rank = (0, 0)
    keys = mention.keys
    for group in candidates:
        kinds = _fits(mention, group)
        if kinds is None:
            continue
        rank = (len(keys & group._keys), -group.mentions[0]._facts.order[0])
        if best is None or rank > best_rank:  # the first of equals, as max() takes it
            best, best_rank = (group, kinds), rank
    return best


def _fits(mention: Mention, group: EventGroup) -> list[tuple[str, ...]] | None:
    """What ``mention`` disagrees on with each report of ``group``, when it is one event with all of
    them and they disagree on one thing at most; else None. ``group`` comes from the index, so it
    shares the report's kind of status, act family and a participant key."""
    act = mention.act
    for other_act in group._acts:
        if other_act != act and not acts_compatible(act, other_act):
            return None
    found = []
    disputed = ""
    for other in group.mentions:
        kinds = _pair(mention, other)
        if kinds is None:
            return None
        if kinds:
            if disputed and kinds[0] != disputed:
                return None
            disputed = kinds[0]
        found.append(kinds)
    return found


def _pair(a: Mention, b: Mention) -> tuple[str, ...] | None:
    """What two reports of compatible status and act disagree on (at most one of ``date``, ``place``,
    ``actors``), or None when they are two events: their named recipients exclude each other, they
    disagree beyond tolerance or on more than one thing, or they disagree sharing too few participants.
    The rules of ``_dates``, ``_places`` and ``_actors``, on the facts worked out once per report."""
    fa, fb = a._facts, b._facts
    if not (fa.symmetric or fb.symmetric) and fa.recipients and fb.recipients \
            and fa.recipients.isdisjoint(fb.recipients):
        return None
    apart = fa.order[0] != fb.order[0]
    kinds: tuple[str, ...] = ()
    if fa.first is not None and fb.first is not None and fa.last is not None and fb.last is not None \
            and not (fa.first <= fb.last and fb.first <= fa.last):
        if not apart or max(fa.first, fb.first) - min(fa.last, fb.last) > DATE_TOLERANCE_DAYS:
            return None
        kinds = ("date",)
    if fa.place is not None and fb.place is not None and fa.place != fb.place \
            and not (fa.country_place and fa.country == fb.country) \
            and not (fb.country_place and fb.country == fa.country):
        if not (apart and fa.country and fa.country == fb.country):
            return None
        kinds += ("place",)
    if not fa.symmetric and fa.actors and fb.actors and fa.actors.isdisjoint(b.keys) \
            and fb.actors.isdisjoint(a.keys):
        if not apart:
            return None
        kinds += ("actors",)
    if kinds and (len(kinds) > 1 or len(a.keys & b.keys) < CONFLICT_SHARED_KEYS):
        return None
    return kinds


# Keys, origins, order --------------------------------------------------------------------------------

def _names(participants: Sequence[Participant]) -> str:
    """Up to ``SUMMARY_NAMES`` names, the rest counted."""
    names = [p.name for p in participants]
    more = len(names) - SUMMARY_NAMES
    return ", ".join(names[:SUMMARY_NAMES]) + (f" +{more}" if more > 0 else "")


def _block_keys(mention: Mention) -> list[tuple[bool, str, str]]:
    """Occurrence or intent, act family, participant key: a report fits no group of another block."""
    facts = mention._facts
    return [(facts.occurs, facts.family, key) for key in sorted(mention.keys)]


def _participant(p: EventParticipant, sentence: str) -> Participant | None:
    if p.entity_id:
        return Participant(p.role, p.entity_id, p.entity_id, p.name or p.text,
                           inferred=p.text not in sentence)
    words = [w for w in _fold(p.text).replace("'s", "").split() if w.isalnum() or "-" in w]
    if not words or words[-1] in PRONOUNS:
        return None
    return Participant(p.role, f"text:{words[-1]}", None, p.text, inferred=False)


def _origin(row: EventRow) -> str | None:
    """The named source the claim starts from (the last of its attribution chain), folded; None when
    the outlet asserts it itself or cites no one in particular."""
    chain = [name for name in row.attribution if not row.outlet or _fold(name) != _fold(row.outlet)]
    if not chain:
        return None
    words = chain[-1].split()
    if not words or not words[-1][:1].isupper() or _fold(words[-1]) in GENERIC_SOURCES:
        return None
    return _fold(chain[-1])


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


# Folding, date parsing and ordinals of the same few values recur across a story's reports.
_fold = lru_cache(maxsize=1 << 14)(fold)
_interval = lru_cache(maxsize=1 << 12)(interval)


@lru_cache(maxsize=1 << 12)
def _ordinal(day: str) -> int:
    return date.fromisoformat(day).toordinal()


def _ingest_order(mention: Mention) -> tuple[int, int]:
    return mention._facts.order


def _report_order(mention: Mention) -> tuple[str, int, int]:
    return mention._facts.report_order


def _precision_order(mention: Mention) -> tuple[int, str, int, int]:
    """The narrowest own date first (reports without one last), then the earliest report."""
    facts = mention._facts
    width = facts.last - facts.first if facts.last is not None and facts.first is not None else 1 << 30
    return (width, *facts.report_order)
