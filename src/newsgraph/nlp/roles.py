"""Roles: the titles an article gives people, with their status then (former, acting, interim …).

Three shapes, read from the dependency parse around each mention of a person:

1. a title right before the name: "CIA Director John Ratcliffe", "former President Nicolás Maduro",
   "Peru's Foreign Minister Ricardo Valdivia";
2. an appositive: "Ricardo Valdivia, Peru's foreign minister", "the interim president, Delcy Rodríguez";
3. a verb that gives the role: "who previously served as Maduro's vice president", "Salinas was named
   acting foreign minister".

A title needs a head noun (president, minister, director, leader …); the words that say when it held
become the status, and a named organisation or country in it becomes the organisation.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date

from spacy.tokens import Doc, Span, Token

from newsgraph.nlp import entity_rules as rules
from newsgraph.nlp.records import Entity, Role, RoleStatus

_ORG_LABELS = frozenset({"ORG", "GPE", "NORP", "PERSON", "LOC"})
_SKIP = frozenset({"the", "a", "an", "its", "his", "her", "their", "country", "nation", "company"})


def find_roles(doc: Doc, entities: Sequence[Entity], published: date | None) -> Iterator[Role]:
    """Every role asserted for the people among ``entities``, once per piece of evidence."""
    as_of = published.isoformat() if published else None
    seen: set[tuple[str, int, int]] = set()
    for entity in entities:
        if entity.type != "PERSON":
            continue
        for mention in entity.mentions:
            span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if span is None:
                continue
            for evidence, title in _titles(span):
                key = (entity.id, evidence[0], evidence[1])
                if key not in seen:
                    seen.add(key)
                    yield Role(entity.id, *title, as_of, *evidence)


_Title = tuple[str, str | None, RoleStatus]


def _titles(name: Span) -> Iterator[tuple[tuple[int, int], _Title]]:
    for found, default in (*_prefix(name), *_appositives(name), *_role_verbs(name)):
        tokens = [t for t in found if not t.is_space]
        if not tokens:
            continue
        title = _parsed(tokens, default)
        if title is not None:
            start = min(tokens[0].idx, name.start_char)
            end = max(tokens[-1].idx + len(tokens[-1]), name.end_char)
            yield (start, end), title


# 1-3. Where titles stand ------------------------------------------------------------------------------

def _prefix(name: Span) -> Iterator[tuple[list[Token], RoleStatus]]:
    """Title words right before the name, back to the first word that cannot be part of a title."""
    tokens: list[Token] = []
    i = name.start - 1
    while i >= 0 and _title_like(name.doc[i]):
        tokens.insert(0, name.doc[i])
        i -= 1
    if tokens:
        yield tokens, "current"


def _title_like(token: Token) -> bool:
    low = token.text.lower()
    return (low in rules.TITLE_HEADS or low in rules.TITLE_MODIFIERS or low in rules.TITLE_STATUS
            or token.tag_ == "POS" or (token.ent_type_ in _ORG_LABELS and token.text[:1].isupper()))


def _appositives(name: Span) -> Iterator[tuple[list[Token], RoleStatus]]:
    head = name.root
    if head.dep_ == "appos" and head.head.text.lower() in rules.TITLE_HEADS:
        title = head.head
        yield [t for t in title.subtree if t.i < head.left_edge.i and t.i >= title.left_edge.i], "current"
    for child in head.children:
        if child.dep_ == "appos" and child.text.lower() in rules.TITLE_HEADS:
            yield _phrase(child), "current"


# Clauses inside a title's phrase that say something else: "president of the federation, whose members
# joined the vigil outside the regional government building" holds no "regional" title.
_CLAUSES = frozenset({"relcl", "acl", "advcl", "ccomp", "parataxis"})


def _phrase(head: Token) -> list[Token]:
    """``head``'s subtree without the clauses in it."""
    left_out = {t.i for c in head.subtree if c.dep_ in _CLAUSES and c != head for t in c.subtree}
    return [t for t in head.subtree if t.i not in left_out]


def _role_verbs(name: Span) -> Iterator[tuple[list[Token], RoleStatus]]:
    head = name.root
    verbs = [c for c in head.children if c.dep_ == "relcl"]
    if head.dep_ in ("nsubj", "nsubjpass"):
        verbs.append(head.head)
    who = _following_who(name)
    if who is not None and who.head not in verbs:
        verbs.append(who.head)  # the parser hung "— who served as …" elsewhere; it is the name's
    for verb in verbs:
        status = rules.ROLE_VERBS.get(verb.text.lower())
        if status is not None:
            for title in _role_objects(verb):
                yield _phrase(title), "previous" if status == "previous" else "current"


def _following_who(name: Span) -> Token | None:
    """A "who" right after the name, past a comma or a dash."""
    i = name.end
    while i < len(name.doc) and name.doc[i].text in (",", "—", "–", "-", "--"):
        i += 1
    if i < len(name.doc) and i > name.end and name.doc[i].text.lower() == "who":
        return name.doc[i]
    return None


def _role_objects(verb: Token) -> Iterator[Token]:
    for child in verb.children:
        if child.dep_ in ("attr", "oprd", "dobj") and child.text.lower() in rules.TITLE_HEADS:
            yield child
        elif child.dep_ == "prep" and child.text.lower() == "as":
            yield from (g for g in child.children if g.dep_ == "pobj")


# The title itself ---------------------------------------------------------------------------------

def _parsed(tokens: Sequence[Token], default: RoleStatus) -> _Title | None:
    """``(title, organisation, status)`` from the words of a title, or None when it has no head. The
    organisation is a name before the title ("Peru's foreign minister") or right after its "of"
    ("president of the Arica Fishermen's Federation"); words after "of" are the organisation's, not
    the title's."""
    words: list[str] = []
    organisation: list[str] = []
    status = default
    named_after: int | None = None  # the end of an organisation named after "of": its words are its own
    for k, token in enumerate(tokens):
        low = token.text.lower()
        if named_after is not None and token.i < named_after:
            continue
        if low in rules.TITLE_STATUS:
            status = rules.TITLE_STATUS[low]  # type: ignore[assignment]
        elif low == "of" and not organisation and any(w in rules.TITLE_HEADS for w in words):
            name = _name_after(tokens[k + 1:])
            if name is not None:
                organisation.append(name.text)
                named_after = name.end
        elif token.tag_ == "POS" or token.is_punct or low in _SKIP:
            continue
        elif low in rules.TITLE_HEADS or low in rules.TITLE_MODIFIERS:
            words.append(low)
        elif token.ent_type_ in _ORG_LABELS and not words:
            organisation.append(token.text)
    if not any(w in rules.TITLE_HEADS for w in words):
        return None
    return " ".join(words), " ".join(organisation) or None, status


def _name_after(tokens: Sequence[Token]) -> Span | None:
    """The organisation or place named first in ``tokens`` past an article ("of [the] Arica
    Fishermen's Federation"), without the article."""
    for token in tokens:
        if token.ent_type_ in _ORG_LABELS:
            ent = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
            if ent is None:
                return None
            start = ent.start + 1 if ent[0].lower_ == "the" else ent.start
            return token.doc[start:ent.end] if start < ent.end else None
        if token.lower_ not in _SKIP:
            return None
    return None
