"""Quotes and their speakers: direct, partial and indirect.

1. **Direct** quotes are the text between quote marks (curly or straight), one per pair, so a quote
   split around its speech verb gives two quotes with the same speaker.
2. **Partial** quotes are short quoted phrases inside a sentence ("what he termed "face-to-face"
   dialogue"): at most a few words, not ending like a sentence.
3. **Indirect** quotes are the clause a speech verb reports ("Trump indicated Friday that …").

The speaker is the subject of the nearest speech verb outside the quote. A name is its entity; a pronoun
is the previous speaker; a description ("one administration official") is an anonymous speaker of its
own, and a later "the official" is that same speaker. A quote with no speech verb near it continues the
previous quote's speaker.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from newsgraph.nlp import entity_rules as rules
from newsgraph.nlp.records import Entity, Quote, Speaker

# Quote pairs: curly, guillemets, and straight quotes paired in order within a line.
_QUOTED = re.compile(r"“([^”\n]{1,3000})”|«\s?([^»\n]{1,3000}?)\s?»|\"([^\"\n]{1,3000})\"")
_WORD = re.compile(r"\w+(?:[-’']\w+)*")
_UNKNOWN = Speaker(None, None)


@dataclass
class _Speakers:
    """The article's speakers so far, for pronouns and "the official" to refer back to."""

    entity_at: dict[int, Entity]
    anonymous: list[tuple[str, str, str]] = field(default_factory=list)  # (id, head noun, text)
    last: Speaker = _UNKNOWN


def find_quotes(doc: Doc, entities: Sequence[Entity]) -> Iterator[Quote]:
    """Direct and partial quotes in text order, then indirect quotes."""
    speakers = _Speakers({i: e for e in entities for m in e.mentions for i in range(m.start, m.end)})
    matches = [(m.start(), m.end(), next(g for g in (1, 2, 3) if m.group(g) is not None), m)
               for m in _QUOTED.finditer(doc.text)]  # one read: doc.text is rebuilt on every access
    spans = [(start, end) for start, end, _, _ in matches]
    direct: list[tuple[int, int]] = []
    for start, end, group, match in matches:
        quote = _quote(doc, match, group, spans, speakers)
        if quote.kind == "direct":
            direct.append((start, end))
        yield quote
    yield from _indirect_quotes(doc, direct, speakers)


def _quote(doc: Doc, match: re.Match[str], group: int, spans: list[tuple[int, int]],
           speakers: _Speakers) -> Quote:
    start, end, text = match.start(group), match.end(group), match.group(group)
    partial = (len(_WORD.findall(text)) <= rules.PARTIAL_QUOTE_MAX_WORDS
               and not text.rstrip().endswith((".", ",", "!", "?", "…")))
    cue = _nearest_cue(doc, start, end, spans)
    if cue is None:
        speaker = _UNKNOWN if partial else speakers.last
    else:
        speaker = _speaker(cue, speakers)
        speakers.last = speaker if speaker.text else speakers.last
    return Quote(start, end, text, speaker, cue.text if cue is not None else None,
                 "partial" if partial else "direct")


def _nearest_cue(doc: Doc, start: int, end: int, spans: list[tuple[int, int]]) -> Token | None:
    """The speech verb outside any quote, in the sentences the quote touches, nearest to it."""
    first = doc.char_span(start, end, alignment_mode="expand")
    if first is None:
        return None
    sentences = {first[0].sent.start, first[-1].sent.start}
    candidates = [
        t for s in sentences for t in doc[s].sent
        if t.text.lower() in rules.SPEECH_VERBS and t.pos_ in ("VERB", "AUX")
        and not any(a <= t.idx < b for a, b in spans) and not start <= t.idx < end
    ]
    return min(candidates, key=lambda t: min(abs(t.idx - start), abs(t.idx - end)), default=None)


def _speaker(cue: Token, speakers: _Speakers) -> Speaker:
    subject = _subject(cue)
    if subject is None:
        return speakers.last
    if subject.text.lower() in rules.PRONOUNS:
        return _antecedent(subject, speakers)
    entity = speakers.entity_at.get(subject.idx)
    if entity is not None:
        return Speaker(entity.id, entity.name)
    return _anonymous(subject, speakers)


def _subject(verb: Token) -> Token | None:
    """The subject of ``verb``, or of the clause it hangs from ("…, saying …", "… and added …")."""
    for _ in range(3):
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None or verb.dep_ not in ("conj", "advcl", "xcomp", "ccomp", "relcl"):
            return subject
        verb = verb.head
    return None


def _antecedent(pronoun: Token, speakers: _Speakers) -> Speaker:
    """A pronoun is the person named last before it in its sentence, else the previous speaker."""
    for token in reversed(list(pronoun.sent)[: pronoun.i - pronoun.sent.start]):
        entity = speakers.entity_at.get(token.idx)
        if entity is not None and entity.type == "PERSON":
            return Speaker(entity.id, entity.name)
    return speakers.last


def _anonymous(subject: Token, speakers: _Speakers) -> Speaker:
    """A described source: the same as an earlier one with the same head noun when definite."""
    words = [t for t in subject.subtree if t.i <= subject.i]
    text = subject.doc[words[0].i:subject.i + 1].text if words else subject.text
    head = subject.text.lower()
    definite = words and words[0].text.lower() in ("the", "that", "this")
    if definite and head in rules.SOURCE_NOUNS:
        for anon_id, noun, first_text in reversed(speakers.anonymous):
            if noun == head:
                return Speaker(None, first_text, anon_id)
    if head not in rules.SOURCE_NOUNS:
        return Speaker(None, text)
    anon_id = f"anon:{len(speakers.anonymous) + 1}"
    speakers.anonymous.append((anon_id, head, text))
    return Speaker(None, text, anon_id)


def _indirect_quotes(doc: Doc, spans: list[tuple[int, int]], speakers: _Speakers) -> Iterator[Quote]:
    """The clause of a speech verb ("said that …"), unless it is a direct quote itself."""
    for token in doc:
        if token.text.lower() not in rules.SPEECH_VERBS or token.pos_ not in ("VERB", "AUX"):
            continue
        for clause in (c for c in token.children if c.dep_ == "ccomp"):
            span = _clause_span(clause)
            if span is None or any(a < span.end_char and span.start_char < b for a, b in spans):
                continue
            yield Quote(span.start_char, span.end_char, span.text, _speaker(token, speakers),
                        token.text, "indirect")


def _clause_span(clause: Token) -> Span | None:
    """The clause without its leading "that" or trailing punctuation; None if nothing else is left.

    The parser sometimes labels a lone punctuation token as the clause: in "said X co-founded …" the
    hyphen of "co-founded" can be a ``ccomp`` of "said", and such a clause reports nothing.
    """
    tokens = [t for t in clause.subtree if not (t.dep_ == "mark" and t.i == clause.left_edge.i)]
    while tokens and tokens[-1].is_punct:
        tokens.pop()
    return clause.doc[tokens[0].i:tokens[-1].i + 1] if tokens else None
