"""Places: toponyms resolved to gazetteer entries, disambiguated by the article's other places.

``resolve`` is pure (spans in, ``Place`` records out) and does the disambiguation; ``find_places`` takes
the toponyms from a spaCy ``Doc`` (GPE, LOC and FAC entities, NORP ones that are demonyms), trims a
leading "the", and marks a capital that says or announces something as its government.

Each toponym's candidates are scored as

    population_weight × log10(population + 1) + the feature's bonus (countries, continents first)
    + name_bonus when the entry's own name (not an alternate one) was written
    + same_country_bonus when another toponym of the article resolved to the same country
    + same_admin_bonus when another toponym resolved inside the same first-level subdivision
    + qualifier_bonus when the next toponym qualifies this one ("Arica, Chile", "Lima, Ohio")
    + government_bonus for a capital that is the subject of a speech verb ("Washington said")

and the best one is kept. The context terms use the other toponyms' choices from the round before; a
few rounds settle them. The weights live in ``ResolveOptions``.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Literal

from newsgraph.kb.gazetteer import Gazetteer, GazetteerEntry, fold
from newsgraph.nlp.records import Place

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

Toponym = tuple[int, int, str]

# Entity labels that name places; NORP entities are kept only when they are demonyms.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Verbs whose subject, when a capital, stands for its government ("Washington said", "Beijing warned").
SPEECH_VERBS = frozenset({
    "accuse", "acknowledge", "add", "admit", "announce", "argue", "blame", "call", "claim",
    "condemn", "confirm", "criticise", "criticize", "declare", "demand", "deny", "dismiss",
    "insist", "pledge", "praise", "promise", "protest", "reject", "reply", "report", "respond",
    "say", "signal", "state", "suggest", "tell", "threaten", "urge", "vow", "warn", "welcome",
})
# Their irregular forms; the regular ones are built by ``_inflections``.
_IRREGULAR_SPEECH = {"say": ("said",), "tell": ("told",), "admit": ("admitted", "admitting"),
                     "signal": ("signalled", "signalling")}
# Features of names that stand for a large area; a town of another country bearing one of these
# names is not a candidate (``_areas_first``).
AREA_FEATURES = frozenset({"country", "continent", "region"})
# Words for a feature named after a place ("Swat Valley", "Da Nang International Airport", "Dugway
# Proving Ground"): a name the gazetteer lacks is looked up again without them (``_named_after``).
# Longest first; folded.
FEATURE_WORDS = (
    "international airport", "air force base", "naval air station", "proving ground", "naval base",
    "air base", "military base", "airport", "airfield", "valley", "delta", "province", "region",
    "district", "county", "prefecture", "governorate",
)
# Compass words before an area ("Northern Europe", "South West England"): the area stands for its
# part. Folded.
DIRECTION_WORDS = ("north east", "north west", "south east", "south west", "northeast", "northwest",
                   "southeast", "southwest", "northern", "southern", "eastern", "western", "central",
                   "north", "south", "east", "west")
# At most this many characters between a toponym and the next one for the second to qualify the first
# (", " in "Arica, Chile"; a single space in "Paris Texas" would be one toponym to spaCy).
QUALIFIER_GAP = 2


def _feature_bonus() -> Mapping[str, float]:
    return MappingProxyType({
        "country": 3.0,     # a bare "Georgia" or "Chad" is the country unless context says otherwise
        "continent": 3.0,
        "region": 4.0,      # our own rows: well-known names that beat towns named after them
        "admin1": 1.5,      # states and provinces are named more often than towns of the same name
        "capital": 1.0,     # on top of its population
        "city": 0.0,
        "admin2": 0.0,      # counties and districts rarely stand for themselves in news
        "landmark": 6.0,    # our seats of government: "the White House" is not White House, Tennessee
    })


@dataclass(frozen=True)
class ResolveOptions:
    # Score per order of magnitude of population: ten times the people weighs this much.
    population_weight: float = 0.8
    feature_bonus: Mapping[str, float] = field(default_factory=_feature_bonus)
    # The written name is the entry's main name rather than one of its alternate names.
    name_bonus: float = 1.0
    # Another toponym of the article resolved to the same country (counts once).
    same_country_bonus: float = 2.0
    # Another toponym resolved within the same first-level subdivision (``US.OH``).
    same_admin_bonus: float = 2.0
    # The toponym right after this one (", Chile") contains this candidate.
    qualifier_bonus: float = 6.0
    # A capital that is the subject of a speech verb.
    government_bonus: float = 4.0
    # A capital in an article that names another country's capital: international news speaks of
    # governments by their capitals ("talks between Washington and Caracas").
    international_capital_bonus: float = 1.5
    # Rounds of re-scoring with the other toponyms' choices.
    rounds: int = 3


DEFAULT_OPTIONS = ResolveOptions()


@dataclass(frozen=True)
class _Article:
    """What an article's toponyms resolved to, one entry per name: the places each name lends the
    others, by country, first-level subdivision and capital. Built once per round, so resolving stays
    linear in the number of toponyms."""

    entries: dict[str, GazetteerEntry]  # folded name -> its entry
    countries: Counter[str]
    admins: Counter[str]
    capitals: Counter[str]  # country codes of the capitals

    @classmethod
    def of(cls, keys: Sequence[str], chosen: Sequence[GazetteerEntry | None]) -> _Article:
        entries = {key: e for key, e in zip(keys, chosen, strict=True) if e is not None}
        return cls(entries,
                   Counter(e.country_code for e in entries.values() if e.country_code),
                   Counter(_admin1(e.admin_code) for e in entries.values() if e.admin_code),
                   Counter(e.country_code for e in entries.values()
                           if e.feature == "capital" and e.country_code))

    def without(self, key: str) -> _Context:
        """The context of a toponym named ``key``: what the article's other names resolved to."""
        return _Context(self, self.entries.get(key))


@dataclass(frozen=True)
class _Context:
    """Countries, first-level subdivisions and capitals the other toponyms (other names than this
    one's) resolved to: the article's, less ``own``, this name's own entry."""

    article: _Article
    own: GazetteerEntry | None

    def has_country(self, code: str) -> bool:
        return self._left(self.article.countries, code, self.own.country_code if self.own else None)

    def has_admin(self, admin1: str) -> bool:
        own = _admin1(self.own.admin_code) if self.own and self.own.admin_code else None
        return self._left(self.article.admins, admin1, own)

    def capitals(self) -> set[str]:
        own = self.own.country_code if self.own and self.own.feature == "capital" else None
        return {code for code in self.article.capitals if self._left(self.article.capitals, code, own)}

    @staticmethod
    def _left(counts: Counter[str], key: str, own: str | None) -> bool:
        return counts[key] - (own == key) > 0


def resolve(toponyms: Sequence[Toponym], gazetteer: Gazetteer, *, speakers: Collection[int] = (),
            options: ResolveOptions = DEFAULT_OPTIONS) -> list[Place]:
    """One ``Place`` per toponym, in order; an unknown name gives a place of feature ``unknown``.
    ``speakers`` are indices of toponyms that are the subject of a speech verb."""
    candidates = [_candidates(text, gazetteer) for _, _, text in toponyms]
    # Names the gazetteer lacks, placed at what they are named after or a part of, when the article
    # bears it out (``_borne_out``).
    derived = {i for i, c in enumerate(candidates) if not c}
    for i in derived:
        candidates[i] = [(e, False) for e in _areas_first(_named_after(fold(toponyms[i][2]), gazetteer))]
    qualifiers = _qualifiers(toponyms)
    keys = [fold(text) for _, _, text in toponyms]
    chosen: list[GazetteerEntry | None] = [None if i in derived else c[0][0] if c else None
                                           for i, c in enumerate(candidates)]
    for _ in range(options.rounds):
        article = _Article.of(keys, chosen)
        chosen = [
            _best(candidates[i], article.without(keys[i]),
                  chosen[qualifiers[i]] if i in qualifiers else None, i in speakers, options)
            for i in range(len(toponyms))
        ]
        if derived:  # only names the gazetteer lacks need bearing out, against this round's choices
            article = _Article.of(keys, chosen)
            chosen = [_borne_out(e, article.without(keys[i])) if i in derived else e
                      for i, e in enumerate(chosen)]
    return [_place(t, entry, i in speakers)
            for i, (t, entry) in enumerate(zip(toponyms, chosen, strict=True))]


def _candidates(text: str, gazetteer: Gazetteer) -> list[tuple[GazetteerEntry, bool]]:
    """Entries with whether the written name is the entry's own name; a demonym gives its country."""
    key = fold(text)
    found = gazetteer.candidates(text)
    if not found and key.startswith("the "):
        found = gazetteer.candidates(text[4:])
    if not found:
        country = gazetteer.demonym(text)
        found = [country] if country else []
    if not found and "," in text:
        head, _, qualifier = text.partition(",")
        within = {e.country_code for e in gazetteer.candidates(qualifier.strip())}
        found = [e for e in gazetteer.candidates(head.strip()) if e.country_code in within]
    return [(e, fold(e.name) == key) for e in _areas_first(found)]


def _named_after(key: str, gazetteer: Gazetteer) -> list[GazetteerEntry]:
    """Entries for a folded name the gazetteer lacks: the place it is named after, without a feature
    word at its end ("swat valley" → Swat), or the area it is a part of, without a compass word at its
    start when the rest is an area or a state ("northern europe" → Europe; "eastern creek" is no part
    of a Creek)."""
    for word in FEATURE_WORDS:
        if key.endswith(" " + word) and len(key) > len(word) + 2:
            return gazetteer.candidates(key[: -len(word) - 1])
    for word in DIRECTION_WORDS:
        if key.startswith(word + " ") and len(key) > len(word) + 2:
            return [e for e in gazetteer.candidates(key[len(word) + 1:])
                    if e.feature in AREA_FEATURES or e.feature == "admin1"]
    return []


def _borne_out(entry: GazetteerEntry | None, context: _Context) -> GazetteerEntry | None:
    """A place found through ``_named_after``, kept when it is an area (a country, a continent, a
    region) or lies in a country another toponym of the article resolved to: "Swat Valley" in an article
    on Pakistan is near Swat, but a valley named after a town, or the west of a state, on another
    continent is left unknown rather than guessed."""
    if entry is None or entry.feature in AREA_FEATURES:
        return entry
    return entry if entry.country_code and context.has_country(entry.country_code) else None


def _areas_first(found: Sequence[GazetteerEntry]) -> list[GazetteerEntry]:
    """Without the towns of other countries when the name is a country's, a continent's or a region's:
    a bare "China" is never a Japanese village, "Middle East" never a hamlet in Pennsylvania. Towns
    inside the area stay ("Luxembourg", "Panama"), and so do subdivisions ("Georgia" the US state)."""
    areas = [e for e in found if e.feature in AREA_FEATURES]
    if not areas:
        return list(found)
    codes = {e.country_code for e in areas}
    return [e for e in found if e.feature not in ("city", "admin2") or (
        None not in codes and e.country_code in codes)]


def _qualifiers(toponyms: Sequence[Toponym]) -> dict[int, int]:
    order = sorted(range(len(toponyms)), key=lambda i: toponyms[i][0])
    return {a: b for a, b in itertools.pairwise(order)
            if 0 < toponyms[b][0] - toponyms[a][1] <= QUALIFIER_GAP}


def _admin1(code: str) -> str:
    return ".".join(code.split(".")[:2])


def _best(candidates: Sequence[tuple[GazetteerEntry, bool]], context: _Context,
          within: GazetteerEntry | None, speaker: bool, options: ResolveOptions) -> GazetteerEntry | None:
    """The best-scoring candidate; ``within`` is what the toponym right after it resolved to."""
    if not candidates:
        return None
    return max(candidates, key=lambda c: _score(c[0], c[1], context, within, speaker, options))[0]


def _score(entry: GazetteerEntry, own_name: bool, context: _Context, within: GazetteerEntry | None,
           speaker: bool, options: ResolveOptions) -> float:
    score = options.population_weight * math.log10(entry.population + 1)
    score += options.feature_bonus.get(entry.feature, 0.0)
    score += options.name_bonus if own_name else 0.0
    if entry.country_code and context.has_country(entry.country_code):
        score += options.same_country_bonus
    if entry.admin_code and context.has_admin(_admin1(entry.admin_code)):
        score += options.same_admin_bonus
    if within is not None and _contains(within, entry):
        score += options.qualifier_bonus
    if speaker and Gazetteer.is_seat(entry):
        score += options.government_bonus
    if entry.feature == "capital" and any(c != entry.country_code for c in context.capitals()):
        score += options.international_capital_bonus
    return score


def _contains(outer: GazetteerEntry, inner: GazetteerEntry) -> bool:
    if outer.feature == "country":
        return outer.country_code == inner.country_code
    if outer.feature in ("admin1", "admin2") and outer.admin_code and inner.admin_code:
        return inner.admin_code.startswith(_admin1(outer.admin_code))
    return False


def _place(toponym: Toponym, entry: GazetteerEntry | None, speaker: bool) -> Place:
    start, end, text = toponym
    if entry is None:
        return Place(start, end, text, text, None, None, None, None, "unknown")
    role: Literal["place", "government"] = (
        "government" if speaker and Gazetteer.is_seat(entry) else "place")
    return Place(start, end, text, entry.name, entry.country_code, entry.lat, entry.lon,
                 entry.geonameid, entry.feature, role)


# --- from a spaCy Doc -------------------------------------------------------------------------------

def find_places(doc: Doc, gazetteer: Gazetteer,
                options: ResolveOptions = DEFAULT_OPTIONS) -> Iterator[Place]:
    """The places ``doc`` names, resolved together; offsets point into ``doc.text``. Facilities the
    gazetteer does not know are left out."""
    spans = list(_toponym_spans(doc, gazetteer))
    toponyms = [(s.start_char, s.end_char, s.text) for s in spans]
    speakers = {i for i, s in enumerate(spans) if _is_speaker(s)}
    for span, place in zip(spans, resolve(toponyms, gazetteer, speakers=speakers, options=options),
                           strict=True):
        if place.feature != "unknown" or span.label_ != "FAC":
            yield place


def _toponym_spans(doc: Doc, gazetteer: Gazetteer) -> Iterator[Span]:
    for ent in doc.ents:
        span = ent[1:] if len(ent) > 1 and ent[0].lower_ == "the" else ent
        if ent.label_ not in PLACE_LABELS and not _is_demonym(ent, gazetteer) \
                and not _is_seat_organisation(ent, span, gazetteer):
            continue
        if span.text.strip():
            yield span


def _is_demonym(ent: Span, gazetteer: Gazetteer) -> bool:
    return ent.label_ == "NORP" and gazetteer.demonym(ent.text) is not None


def _is_seat_organisation(ent: Span, span: Span, gazetteer: Gazetteer) -> bool:
    """An ORG entity that is a place all the same: one of our landmarks ("visited the White House",
    which the tagger takes for an organisation), or a capital that speaks ("Washington said")."""
    if ent.label_ != "ORG":
        return False
    candidates = gazetteer.candidates(span.text)
    return any(e.feature == "landmark" for e in candidates) or (
        _is_speaker(ent) and any(Gazetteer.is_capital(e) for e in candidates))


def _is_speaker(span: Span) -> bool:
    """The span is the subject of a speech verb. Read from the word itself: the pipeline runs without
    a lemmatizer."""
    root = span.root
    return root.dep_ == "nsubj" and root.head.pos_ in ("VERB", "AUX") and root.head.lower_ in _SPEECH_FORMS


def _inflections(verb: str) -> tuple[str, ...]:
    """The forms of a regular verb: warn, warns, warned, warning (criticise → criticised, deny → denies,
    denied)."""
    if verb.endswith("y") and verb[-2] not in "aeiou":
        return (verb, verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing")
    stem = verb[:-1] if verb.endswith("e") else verb
    third = verb + "es" if verb.endswith(("s", "sh", "ch")) else verb + "s"
    return (verb, third, stem + "ed", stem + "ing")


_SPEECH_FORMS = frozenset(form for verb in SPEECH_VERBS
                          for form in (*_inflections(verb), *_IRREGULAR_SPEECH.get(verb, ())))
