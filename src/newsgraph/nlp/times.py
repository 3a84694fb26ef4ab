"""Time expressions: find them in a parsed article and normalise them to TIMEX3 values.

``find_times`` takes the spans spaCy tags DATE/TIME, adds what spaCy misses (``now``, bare weekdays,
``two-hour``), trims them the way TimeML spans are cut, and yields ``TimeExpression`` records whose offsets
index ``doc.text``. ``tense_of`` reads the clause around a span. The values come from the pure
``normalize`` (``nlp/time_values.py``), re-exported here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING

from newsgraph.nlp import time_rules as R
from newsgraph.nlp.intervals import Intervals
from newsgraph.nlp.records import Tense, TimeExpression
from newsgraph.nlp.time_values import Result, clean, normalize, recognise

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["find_times", "normalize", "tense_of"]

# --------------------------------------------------------------------------------------------------
# Tense of the clause a time expression sits in


def tense_of(span: Span) -> Tense | None:
    """Tense of the clause governing ``span``: ``future`` for will/shall/'ll/going to, ``past`` for a past
    or perfect verb form, ``present`` for a present one, ``None`` when open (modals, no verb). A date
    something is put off to is ``future`` ("postponed the talks to Friday")."""
    if _put_off_to(span.root):
        return "future"
    verb = _governing_verb(span.root)
    for _ in range(6):
        if verb is None:
            return None
        auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
        words = {a.lower_ for a in auxes}
        if words & R.FUTURE_AUX or _going_to(verb, words):
            return "future"
        if words & R.OPEN_MODALS:
            return None
        if verb.tag_ == "VB" and "to" in words:
            outer = _tense_of_verb(head) if (head := _governing_verb(verb.head)) not in {None, verb} else None
            return None if outer in {None, "past"} else "future"
        if not auxes and verb.tag_ in {"VB", "VBG"} and verb.dep_ in {"xcomp", "conj"}:
            verb = _governing_verb(verb.head)
            continue
        return _tense_of_verb(verb, auxes)
    return None


def _put_off_to(token: Token) -> bool:
    """Whether ``token`` is the date a verb puts something off to, or sets something for: after the
    putting off or the setting, and a report of it comes soon after, so ahead of the publication."""
    prep = token.head
    if token.dep_ != "pobj" or prep.dep_ != "prep":
        return False
    if prep.lower_ in R.NEW_DATE_PREPOSITIONS and prep.head.lower_ in R.PUT_OFF_VERBS:
        return True
    # "set the talks for Friday", "announced talks for next week": "for" on the verb or on its object
    setter = prep.head.head if prep.head.dep_ in ("dobj", "nsubjpass") else prep.head
    return prep.lower_ == "for" and setter.lower_ in R.SET_FOR_VERBS


def _tense_of_verb(verb: Token | None, auxes: list[Token] | None = None) -> Tense | None:
    """Tense from the first auxiliary of ``verb``, else its own form (present perfect counts as past)."""
    if verb is None:
        return None
    if auxes is None:
        auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    finite = auxes[0] if auxes else verb
    if finite.lower_ in {"has", "have", "'ve", "’ve"} and verb.tag_ == "VBN":
        return "past"
    if "Past" in finite.morph.get("Tense", []) or finite.tag_ in {"VBD", "VBN"}:
        return "past"
    if finite.tag_ in {"VBZ", "VBP"}:
        return "present"
    return None


def _governing_verb(token: Token) -> Token | None:
    for _ in range(12):
        if token.pos_ in {"VERB", "AUX"}:
            return token
        if token.head is token:
            return None
        token = token.head
    return None


def _going_to(verb: Token, auxes: set[str]) -> bool:
    head = verb.head
    return "to" in auxes and head.lower_ == "going" and head is not verb


# --------------------------------------------------------------------------------------------------
# Finding time expressions in a parsed document



def find_times(doc: Doc, anchor: date | None, *, month: tuple[int, int] | None = None
               ) -> Iterator[TimeExpression]:
    """Time expressions of ``doc`` in text order, normalised against ``anchor`` (the publication date);
    without one, ``month`` (the publication's year and month) still gives "March 26" its year."""
    last_quarter: tuple[int, str] | None = None
    whole = doc.text  # spaCy rebuilds doc.text from its tokens on every access: read it once
    for start, end in _candidates(doc, anchor, whole):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        text = whole[start:end]
        kind, value = normalize(text, anchor, tense_of(span), month)
        near = last_quarter is not None and start - last_quarter[0] <= R.ANAPHORA_WINDOW
        referring = _anaphoric(text, last_quarter[1] if last_quarter and near else None)
        if referring is not None:
            kind, value = referring
        elif value is not None and R.QUARTER_VALUE_RE.fullmatch(value):
            last_quarter = (end, value)
        yield TimeExpression(start, end, text, kind, value)


def _anaphoric(text: str, quarter: str | None) -> Result | None:
    """"The quarter" as the quarter last mentioned nearby (unresolved without one); "a year ago" as that
    quarter one year back; "the 1988 quarter" as that quarter in 1988. ``None`` when ``text`` is not such
    a reference or has no antecedent."""
    s = clean(text)
    if R.SAME_PERIOD_RE.match(s) and not R.QUARTER_REL_RE.match(s):
        return "DATE", quarter
    if quarter and R.YEAR_BEFORE_RE.match(s) and (m := R.QUARTER_VALUE_RE.fullmatch(quarter)):
        return "DATE", f"{int(m['year']) - 1:04d}-Q{m['q']}"
    if (year := R.YEAR_QUARTER_RE.match(s)) is not None:
        m = R.QUARTER_VALUE_RE.fullmatch(quarter or "")
        return "DATE", f"{year['year']}-Q{m['q']}" if m else None
    return None


def _candidates(doc: Doc, anchor: date | None, text: str) -> list[tuple[int, int]]:
    """Character spans to normalise: spaCy's DATE/TIME entities and the extra patterns, deduplicated,
    ranges split in two, a clock time, weekday or part of the day joined to the day that follows it, junk
    (ages, numbers, entities with no time in them) dropped."""
    spans = _dedupe([*_entity_spans(doc), *_pattern_spans(doc)])
    spans = [part for span in spans for part in _split_range(text, span, anchor)]
    spans = _join_day_parts(text, spans, anchor)
    return [span for span in spans if _plausible(text[span[0]:span[1]])]


def _plausible(text: str) -> bool:
    if R.AGE_RE.search(text) or text.lower() in R.NOT_TIMES:
        return False
    digits = text.strip("'’")
    if digits.isdigit():
        return len(digits) == 4 and 1000 <= int(digits) <= 2999
    return recognise(text, None, None) is not None or _has_time_word(text)


def _has_time_word(text: str) -> bool:
    """Some word of ``text`` names a time, or some number in it looks like a date or a clock time."""
    for word in re.findall(r"[\w'./:-]+", clean(text)):
        word = word.strip(".'")
        if R.DATELIKE_NUMBER_RE.fullmatch(word):
            return True
        parts = {word, *word.split("-")}
        if any(p in R.TIME_WORDS or p in R.VAGUE_TIME_WORDS or p.removesuffix("s") in R.TIME_WORDS
               for p in parts):
            return True
    return False




def _split_range(text: str, span: tuple[int, int], anchor: date | None) -> list[tuple[int, int]]:
    """"1991 to 1997", "the quarter ended Sept. 30": two expressions when both halves are times."""
    start, end = span
    m = R.RANGE_RE.match(text[start:end])
    if not m or " " not in text[start:end]:
        return [span]
    halves = [(start + m.start("left"), start + m.end("left")), (start + m.start("right"), end)]
    if all(recognise(text[a:b], anchor, None) is not None for a, b in halves):
        return halves
    return [span]




def _join_day_parts(
    text: str, spans: list[tuple[int, int]], anchor: date | None
) -> list[tuple[int, int]]:
    """"9 a.m." followed by "Tuesday" is one TIMEX3, "9 a.m. Tuesday", as TimeML writes it; so are a weekday
    and the date after it ("Friday, Oct. 13") and a part of the day and the day after it ("mid-afternoon
    yesterday"), when the two read together as one day."""
    out: list[tuple[int, int]] = []
    for span in spans:
        if out and _one_time(text, out[-1], span, anchor):
            out[-1] = (out[-1][0], span[1])
            continue
        out.append(span)
    return out


def _one_time(text: str, left: tuple[int, int], right: tuple[int, int], anchor: date | None) -> bool:
    gap, previous = text[left[1]:right[0]], text[left[0]:left[1]]
    if R.CLOCK_GAP_RE.match(gap) and R.CLOCK_RE.search(previous):
        kind, value = normalize(text[left[0]:right[1]], anchor, None)
        return kind == "TIME" and value is not None and not value.startswith("XXXX-XX-XX")
    if not R.DAY_GAP_RE.match(gap) or R.CLOCK_RE.search(text[right[0]:right[1]]):
        return False
    value = normalize(text[left[0]:right[1]], anchor, None)[1]
    return value is not None and R.ONE_DAY_VALUE_RE.fullmatch(value) is not None


def _entity_spans(doc: Doc) -> Iterator[tuple[int, int]]:
    for ent in doc.ents:
        if ent.label_ in {"DATE", "TIME"}:
            yield from _trimmed(ent)


def _trimmed(span: Span) -> Iterator[tuple[int, int]]:
    """``span`` without leading/trailing signal words and punctuation, as character offsets.

    TimeML leaves the article out of "a two-hour meeting" and "the Aug. 7 meeting" but keeps it in
    "the third quarter" and "a year ago"."""
    tokens = list(span)
    if span.start > 0 and span[0].lower_ == "least" and span.doc[span.start - 1].lower_ == "at":
        tokens.insert(0, span.doc[span.start - 1])
    while tokens and _leading_signal(tokens):
        tokens.pop(0)
    while tokens and (tokens[-1].lower_ in R.SPAN_TRIM or tokens[-1].is_punct or tokens[-1].is_space):
        tokens.pop()
    tokens = _recognised_core(tokens)
    if tokens:
        yield tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _recognised_core(tokens: list[Token]) -> list[Token]:
    """``tokens`` without leading words that are no part of the time ("both 1990", "seven a year ago",
    "an interview several months") when the whole is not read as a time and what follows them is.
    Only words with no time meaning go: "that year" never becomes "year"."""
    if len(tokens) < 2 or _is_read(tokens):
        return tokens
    for i in range(1, len(tokens)):
        if not _foreign(tokens[i - 1]):
            return tokens
        rest = tokens[i:]
        bare_unit = rest[0].lower_.removesuffix("s") in R.UNITS
        if not bare_unit and rest[0].lower_ not in R.SPAN_TRIM and _is_read(rest):
            return rest  # "two to six days" stays whole: a range, not "to six days"
    return tokens


def _is_read(tokens: list[Token]) -> bool:
    # from the tokens, not ``doc.text``, which spaCy rebuilds from every token of the document
    text = "".join(t.text_with_ws for t in tokens[:-1]) + tokens[-1].text
    return recognise(text, None, None) is not None


def _foreign(token: Token) -> bool:
    """A word that says nothing about time: a noun, name or number that is not a time word, or one of the
    few determiners that do not point ("both", "an")."""
    word = token.lower_
    if word in R.FOREIGN_DETERMINERS:
        return True
    if token.pos_ not in {"NOUN", "PROPN", "NUM", "X"} or word.rstrip(".").removesuffix("s") in R.TIME_WORDS:
        return False
    return not (word.isdigit() and len(word) == 4)


def _leading_signal(tokens: list[Token]) -> bool:
    """The first token is a preposition, punctuation or loose article TimeML leaves out ("at least" and
    "as early as" stay)."""
    if len(tokens) > 1 and tokens[0].lower_ == "at" and tokens[1].lower_ == "least":
        return False
    if tokens[0].lower_ == "as" and " ".join(t.lower_ for t in tokens[:3]) in R.HEDGES:
        return False
    return tokens[0].lower_ in R.SPAN_TRIM or tokens[0].is_punct or _loose_article(tokens)


def _loose_article(tokens: list[Token]) -> bool:
    if len(tokens) < 2:
        return False
    first, second = tokens[0].lower_, tokens[1]
    if first in {"a", "an"}:
        return second.like_num and len(tokens) > 2 and tokens[2].text == "-"
    return first == "the" and second.lower_.rstrip(".") in R.MONTHS and second.is_title


def _pattern_spans(doc: Doc) -> Iterator[tuple[int, int]]:
    text = doc.text
    excluded = Intervals([*((m.start(), m.end()) for m in R.NOT_TIME_RE.finditer(text)),
                          *((t.idx, t.idx + len(t.text)) for t in doc if _discourse_now(t))])
    for pattern in (R.EXTRA_TEXT_RE, R.MONTH_DAY_TEXT_RE, R.WEEKDAY_TEXT_RE, R.BARE_PLURAL_TEXT_RE):
        for m in pattern.finditer(text):
            if not excluded.holds(m.start()):
                yield m.start(), m.end()
    for token in doc:
        if token.lower_ in R.EXTRA_ADJECTIVES and token.pos_ == "ADJ":
            yield token.idx, token.idx + len(token.text)


def _discourse_now(token: Token) -> bool:
    """"Now," opening a sentence turns the story ("Now, he says, …"); TimeML leaves it untagged."""
    return (token.lower_ == "now" and token.is_sent_start is True and token.i + 1 < len(token.doc)
            and token.nbor().text == ",")


def _dedupe(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping spans reduced to the longest (earliest on ties), in text order."""
    kept: list[tuple[int, int]] = []
    for start, end in sorted(set(spans), key=lambda s: (-(s[1] - s[0]), s[0])):
        if all(end <= k_start or start >= k_end for k_start, k_end in kept):
            kept.append((start, end))
    return sorted(kept)
