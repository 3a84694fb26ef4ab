"""Attributions: whom each claim comes from, as a chain from the nearest source to the origin.

"… according to administration officials cited by Axios" gives ("Axios", "administration officials");
"Officials told Axios that …" the same; "Reuters reported …" gives ("Reuters",). The article's own
outlet and the paragraph's citation chips are added by the caller, which knows them.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from newsgraph.clean_rules import known_outlets
from newsgraph.nlp import entity_rules as rules
from newsgraph.nlp.records import Attribution


def find_attributions(doc: Doc) -> Iterator[Attribution]:
    """One attribution per sourcing phrase, spanning its sentence."""
    for sentence in doc.sents:
        for cue, chain in _sourcing(sentence):
            if chain:
                yield Attribution(sentence.start_char, sentence.start_char + len(sentence.text.rstrip()),
                                  chain, cue)


def _sourcing(sentence: Span) -> Iterator[tuple[str, tuple[str, ...]]]:
    for token in sentence:
        low = token.text.lower()
        if low == "according" and (to := _child(token, "prep", "to")) is not None:
            source = _child(to, "pobj")
            if source is not None:
                yield "according to", _chain(source)
        elif low in rules.TOLD_VERBS and (outlet := _outlet_object(token)) is not None:
            subject = _child(token, "nsubj")
            yield token.text, (outlet, _phrase(subject)) if subject is not None else (outlet,)
        elif low in rules.REPORT_VERBS and (subject := _child(token, "nsubj")) is not None \
                and _is_outlet(_phrase(subject)):
            yield token.text, (_phrase(subject),)


def _chain(source: Token) -> tuple[str, ...]:
    """``(cited outlet, source)`` for "officials cited by Axios", else ``(source,)``."""
    for child in source.children:
        if child.dep_ in ("acl", "relcl") and child.text.lower() in ("cited", "quoted"):
            agent = _child(child, "agent")
            outlet = _child(agent, "pobj") if agent is not None else None
            if outlet is not None:
                return (_phrase(outlet), _phrase(source))
    return (_phrase(source),)


def _outlet_object(verb: Token) -> str | None:
    for child in verb.children:
        if child.dep_ in ("dobj", "dative", "iobj") and _is_outlet(_phrase(child)):
            return _phrase(child)
    return None


def _is_outlet(name: str) -> bool:
    return name.casefold() in known_outlets() or name.casefold().removeprefix("the ") in known_outlets()


def _phrase(head: Token) -> str:
    """The noun phrase of ``head`` up to the head itself: "administration officials", "Axios"."""
    left = [t for t in head.subtree if t.i <= head.i and t.dep_ not in ("punct", "case")]
    start = left[0].i if left else head.i
    if head.doc[start].text.lower() in ("the", "a", "an"):
        start += 1
    end = head.i + 1
    while end < len(head.doc) and head.doc[end].dep_ in ("compound", "flat") and head.doc[end].head == head:
        end += 1
    return head.doc[start:end].text


def _child(token: Token, dep: str, text: str | None = None) -> Token | None:
    return next((c for c in token.children
                 if c.dep_ == dep and (text is None or c.text.lower() == text)), None)
