"""Event context: whether an event happened, when, where, and on whose word.

The event layer (``nlp/events.py``) finds a trigger token (``captured``, ``meet``, ``the meeting``) and
asks four questions about it, each answered by reading the dependency parse around the trigger:

1. ``status_of``: what its clause and the words governing it say: ``not``/``never`` (negated), ``plans
   to``/``will``/``a planned call`` (planned), ``threatened to`` (threatened), ``may``/``if``/``is
   considering`` (hypothetical), ``denied meeting``/``dismissed claims that`` (denied), ``are meeting``
   (ongoing), else happened. A speech verb is a boundary: ``Trump said he will call`` is planned by its
   own ``will``, not by ``said``.
2. ``date_of``: the time expression attached to the trigger's clause (``met on Thursday``, ``the Jan. 3
   capture``), never one from another clause, and only a point or period in time (``precision_of``).
3. ``place_of``: the place attached by a locative preposition (``in Caracas``) or as a modifier (``the
   Caracas meeting``), never the dateline, a demonym, a capital speaking for its government, or an
   argument of the event (``invaded Venezuela``: Venezuela is the recipient, not the venue).
4. ``reported_by``: the attribution chain: the attribution layer's sourcing phrase, the speaker of a quote
   holding the trigger, and a speech verb governing it; ``()`` when the outlet asserts it itself.

"The trigger's clause" is the trigger plus the words that share its time and place (``_anchors``): the
verb whose ``xcomp`` it is (``plans to meet``), the support verb of a nominal event (``held talks``,
``the meeting took place``, ``traveled … for a meeting``), the participle describing it (``the encounter,
held on Thursday``) and, for dates only, the clause a ``when`` clause hangs from.

The lexicons live in ``event_context_rules.py``. The model has no lemmatizer, so they hold base forms
and ``_base`` maps inflected forms to them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from newsgraph.nlp import entity_rules
from newsgraph.nlp import event_context_rules as rules
from newsgraph.nlp.event_arguments import in_dateline, misread_progressive
from newsgraph.nlp.records import (
    Attribution,
    DatePrecision,
    Entity,
    EventDate,
    EventStatus,
    Place,
    Quote,
    TimeExpression,
)

# --------------------------------------------------------------------------------------------------
# Status

@dataclass(frozen=True)
class _Cue:
    status: EventStatus
    confidence: float
    word: str = ""


# Stronger statuses win: a denied plan is denied, a negated plan negated, a possible threat hypothetical.
_RANK: Mapping[EventStatus, int] = {"happened": 0, "ongoing": 1, "planned": 2, "threatened": 3,
                                    "hypothetical": 4, "negated": 5, "denied": 6}


def status_of(trigger: Token) -> tuple[EventStatus, float]:
    """The status of the event ``trigger`` names and a confidence factor in (0, 1]: the strongest cue of
    its clause and governors; a hedging modal beside a stronger cue lowers the confidence."""
    cues = list(_cues(trigger))
    hedge = min((rules.HEDGES.get(t.lower_, 1.0) for t in _clause_words(trigger)), default=1.0)
    if not cues:
        return "happened", round(_happened_confidence(trigger) * hedge, 2)
    best = max(cues, key=lambda c: (_RANK[c.status], c.confidence))
    confidence = best.confidence
    weaker = [c.confidence for c in cues if c.status == "hypothetical" and c is not best]
    if weaker and best.status in ("negated", "denied"):
        confidence *= max(weaker)  # "may not be forthcoming": a negation, hedged
    return best.status, round(confidence * hedge, 2)


def _happened_confidence(trigger: Token) -> float:
    """A past verb states that it happened; a noun presupposes it; a bare present is weaker."""
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else None
    if verb is not None and (verb.tag_ in ("VBD", "VBN") or _has_aux(verb, {"has", "have", "had"})):
        return 0.9
    return 0.7 if verb is None else 0.75


def _cues(trigger: Token) -> Iterator[_Cue]:
    """The cues of the trigger's own clause, then of each governor up to a clause boundary."""
    collected = list(_own_cues(trigger))
    token = trigger
    for _ in range(10):
        step = _step(token)
        if step is None:
            break
        head, cues, stop = step
        collected.extend(cues)
        if stop:
            if _is_past_speech(head):  # "said direct talks would happen soon": "will", reported
                collected = [_Cue(*rules.BACKSHIFTED, c.word) if c.word in ("would", "'d") else c
                             for c in collected]
            break
        token = head
    yield from collected


def _own_cues(trigger: Token) -> Iterator[_Cue]:
    if trigger.pos_ in ("VERB", "AUX"):
        yield from _verb_cues(trigger, progressive=True)
    else:
        yield from _noun_cues(trigger)


def _step(token: Token) -> tuple[Token, list[_Cue], bool] | None:
    """One step up the parse from ``token``: (head, cues the head adds, whether to stop after it), or
    None when ``token``'s clause ends here."""
    dep, head = token.dep_, token.head
    if head == token or dep in ("relcl", "parataxis", "appos"):
        return None
    if dep == "conj":
        return head, list(_conj_cues(token, head)), False
    if dep == "ccomp" or (dep in ("xcomp", "dobj") and _is_speech(head) and _lexical(head) is None):
        return head, list(_complement_cues(head, token)), True
    if dep == "advcl":
        return None
    if dep in ("acl", "pobj", "prep", "pcomp"):
        return _step_in_phrase(token, head)
    if dep in ("xcomp", "dobj", "nsubjpass", "nsubj", "csubj", "attr", "oprd", "acomp"):
        return _step_to_verb(token, head)
    return None


def _step_in_phrase(token: Token, head: Token) -> tuple[Token, list[_Cue], bool] | None:
    if token.dep_ == "pobj" or (token.dep_ == "pcomp" and head.pos_ == "ADP"):
        return head, [], False  # to the preposition; its head decides
    if head.pos_ in ("NOUN", "PROPN"):
        base = _base(head)
        if token.lower_ == "of" and head.lower_ in rules.PARTITIVE_NOUNS:  # "will hold a round of talks"
            return head, [], False
        if base in rules.CUE_NOUNS:
            return head, [_Cue(*rules.CUE_NOUNS[base], base), *_noun_negation(head)], False
        if base in rules.CLAIM_NOUNS:
            return head, list(_noun_negation(head)), False
        return None
    if head.pos_ in ("VERB", "AUX") and token.dep_ in ("prep", "pcomp"):
        return _step_to_verb(token, head)
    return None


def _step_to_verb(token: Token, verb: Token) -> tuple[Token, list[_Cue], bool] | None:
    """Into the verb governing ``token`` when the verb says something about it: a cue verb (plan,
    threaten, deny …), a support verb (held talks), or a control verb (``going to``, ``is to``)."""
    base = _base(verb)
    if _base(token) in rules.CLAIM_NOUNS and base in rules.DENY_CLAIM_VERBS:  # "dismissed claims that …"
        return verb, [_Cue("denied", rules.DENY_CLAIM_VERBS[base], base)], False
    if token.dep_ == "nsubj" and base in rules.IMMINENT_VERBS and not _is_past(verb):  # "patrol nears"
        return verb, [_Cue("planned", rules.IMMINENT_VERBS[base], base)], False
    lexical = _lexical(verb, token)
    if lexical is not None:
        scoped = lexical.status != "negated"  # "did not rule out strikes": open, not negated
        return verb, [lexical, *_verb_cues(verb, progressive=False, scoped=scoped)], False
    if token.dep_ == "xcomp" and base in rules.HESITATE_VERBS and _negated(verb):
        # "would not hesitate to use force": a resolve, not a refusal
        return verb, [_Cue("planned", 0.8, f"not {base}"),
                      *(c for c in _verb_cues(verb, progressive=False) if c.status != "negated")], False
    if token.dep_ == "xcomp" and base in ("go", "be") and _has_aux(token, {"to"}):
        return verb, [_Cue("planned", 0.85 if base == "go" else 0.7, base),
                      *_verb_cues(verb, progressive=False)], False
    if _carries(verb, token):
        return verb, list(_verb_cues(verb, progressive=True)), False
    if token.dep_ == "xcomp" and verb.pos_ in ("VERB", "AUX", "ADJ"):  # "tried to", "managed to"
        return verb, list(_verb_cues(verb, progressive=False)), False
    if token.dep_ in ("nsubj", "nsubjpass", "csubj") and base in ("be", "remain", "seem", "appear"):
        return verb, [*_predicate_cues(verb), *_verb_cues(verb, progressive=False)], False
    if token.dep_ == "attr" and base in _COPULAS:  # "would be the first talks", "is not an attack"
        return verb, list(_verb_cues(verb, progressive=False)), False
    return None


def _carries(verb: Token, token: Token) -> bool:
    """Whether ``verb`` carries the nominal event ``token`` (or the preposition before it): ``the
    meeting took place``, ``held talks``, ``led to the capture``."""
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    base = _base(verb)
    if token.dep_ in ("nsubj", "nsubjpass"):
        return base in rules.OCCURRENCE_VERBS
    if token.dep_ in ("dobj", "attr"):
        return base in rules.LIGHT_VERBS
    return token.dep_ == "prep" and base in rules.PURPOSE_VERBS


# Verbs whose predicate noun shares their modality: "the call would be the first direct talks".
_COPULAS = frozenset({"be", "become", "remain"})

# What a verb that moves an event moves: its passive subject or object ("talks were postponed",
# "postponed the talks", "delayed sending troops").
_MOVED = frozenset({"nsubjpass", "dobj", "xcomp"})

_LEXICAL: tuple[tuple[Mapping[str, float], EventStatus], ...] = (
    (rules.DENY_VERBS, "denied"), (rules.THREAT_VERBS, "threatened"), (rules.NEGATING_VERBS, "negated"),
    (rules.HYPOTHETICAL_VERBS, "hypothetical"), (rules.PLAN_VERBS, "planned"))


def _lexical(verb: Token, child: Token | None = None) -> _Cue | None:
    """The cue a governing verb (or adjective) gives its complement by its meaning."""
    base = _base(verb)
    if base in rules.PARTICLE and not any(c.dep_ == "prt" and c.lower_ == rules.PARTICLE[base]
                                          for c in verb.children):
        return None
    if child is not None and child.dep_ == "nsubj":
        return None  # "the plan failed" is about the plan's subject position, not its complement
    if base in rules.RESCHEDULE_VERBS and child is not None and child.dep_ not in _MOVED:
        return None  # "were postponed, with each side blaming the other": the blame is not to come
    for table, status in _LEXICAL:
        if base in table:
            return _Cue(status, table[base], base)
    if base in rules.ONGOING_VERBS and (verb.tag_ in ("VBZ", "VBP") or _is_progressive(verb)):
        return _Cue("ongoing", rules.ONGOING_VERBS[base], base)
    return None


def _complement_cues(verb: Token, clause: Token) -> Iterator[_Cue]:
    """What a verb taking a clause (``denied that …``, ``threatened that …``, ``considering whether …``)
    says about it; a plain speech verb says nothing: the clause keeps its own status."""
    base = _base(verb)
    if base in rules.DENY_CLAIM_VERBS:
        yield _Cue("denied", rules.DENY_CLAIM_VERBS[base], base)
    elif base in rules.THREAT_VERBS:
        yield _Cue("threatened", rules.THREAT_VERBS[base], base)
    elif base in rules.HYPOTHETICAL_VERBS or any(c.dep_ == "mark" and c.lower_ == "whether"
                                           for c in clause.children):
        yield _Cue("hypothetical", rules.HYPOTHETICAL_VERBS.get(base, 0.6), base)
    elif base in rules.PLAN_VERBS and not _is_speech(verb):
        yield _Cue("planned", rules.PLAN_VERBS[base], base)


def _conj_cues(conj: Token, first: Token) -> Iterator[_Cue]:
    """A conjunct shares its first conjunct's auxiliaries (``will meet and sign``) unless it has its own,
    and its negation only across ``or``/``nor`` (``did not meet or call``)."""
    if first.pos_ not in ("VERB", "AUX") or any(c.dep_ in ("aux", "auxpass") for c in conj.children):
        return
    alternative = any(c.dep_ == "cc" and c.lower_ in ("or", "nor") for c in first.children)
    for cue in _verb_cues(first, progressive=False):
        if cue.status != "negated" or alternative:
            yield cue


def _verb_cues(verb: Token, *, progressive: bool, scoped: bool = True) -> Iterator[_Cue]:
    """Negation, modals, conditions and (for the event's own verb) the progressive of one verb."""
    for child in verb.children:
        low = child.lower_
        if _negation(child):
            yield _Cue("hypothetical", 0.5, low) if not scoped else _Cue("negated", 0.9, low)
        elif child.dep_ in ("nsubj", "nsubjpass") and _nobody(child):
            yield _Cue("hypothetical", 0.5, low) if not scoped else _Cue("negated", 0.85, low)
        elif child.dep_ == "aux" and low in rules.MODALS:
            yield _Cue(*rules.MODALS[low], low)
        elif child.dep_ in ("mark", "advmod") and low in rules.CONDITIONAL_MARKS:
            yield _Cue("hypothetical", 0.6, low)
        elif (child.dep_ == "advcl" and _base(verb) not in rules.CONDITIONED_VERBS
              and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in child.children)):
            yield _Cue("hypothetical", 0.6, "if")  # not "threatened to strike unless …": the threat is made
    if progressive and _is_progressive(verb) and not _is_past(verb):
        ahead = any(t.lower_ in rules.FUTURE_WORDS for c in verb.children if c.ent_type_ == "DATE"
                    or c.dep_ in ("npadvmod", "advmod", "prep") for t in c.subtree)
        yield _Cue("planned", 0.7, "progressive") if ahead else _Cue("ongoing", 0.8, "progressive")


def _negation(word: Token) -> bool:
    return word.dep_ == "neg" and word.lower_ in rules.NEGATIONS


def _negated(verb: Token) -> bool:
    return any(_negation(c) for c in verb.children)


def _nobody(subject: Token) -> bool:
    """A subject that names no one: "neither government has conceded", "no country recognised",
    "nobody signed"."""
    return subject.lower_ in rules.NO_ONE or any(c.dep_ == "det" and c.lower_ in ("no", "neither")
                                                  for c in subject.children)


def _noun_cues(noun: Token) -> Iterator[_Cue]:
    yield from _noun_negation(noun)
    realized = _realized(noun)
    for child in noun.children:
        word = child.lower_
        if realized and rules.NOUN_MODIFIERS.get(word, ("", 0.0))[0] in ("planned", "threatened"):
            continue  # "launched its long-threatened invasion": the plan is the event's history
        if child.dep_ in ("amod", "compound", "nmod") and word in rules.NOUN_MODIFIERS:
            yield _Cue(*rules.NOUN_MODIFIERS[word], word)
        elif child.dep_ == "acl" and _base(child) in rules.PLAN_VERBS:  # "a meeting planned for Friday"
            yield _Cue("planned", rules.PLAN_VERBS[_base(child)], _base(child))


def _realized(noun: Token) -> bool:
    """A nominal event a past support verb reports as carried out: "held the planned talks", "mounted
    its long-threatened invasion", "the scheduled meeting took place"."""
    verb = noun.head
    if verb.pos_ not in ("VERB", "AUX") or not _carries(verb, noun):
        return False
    return (_is_past(verb) or _has_aux(verb, {"has", "have", "had"})) and not any(
        c.dep_ in ("aux", "neg") and (c.lower_ in rules.MODALS or c.lower_ in rules.NEGATIONS)
        for c in verb.children)


def _noun_negation(noun: Token) -> Iterator[_Cue]:
    if any(c.dep_ in ("det", "neg") and c.lower_ in ("no", "never") for c in noun.children):
        yield _Cue("negated", 0.85, "no")
    elif any(c.dep_ == "det" and c.lower_ in ("any", "whatever") for c in noun.children):
        yield _Cue("hypothetical", 0.7, "any")  # "would respond with force to any attack"


def _predicate_cues(copula: Token) -> Iterator[_Cue]:
    """``talks are under consideration``, ``strikes are off the table``, ``remains in planning stages``."""
    for child in copula.children:
        words = [child] if child.dep_ in ("acomp", "attr", "oprd", "advmod") else []
        if child.dep_ == "prep":
            words = [w for p in child.children if p.dep_ == "pobj" for w in (p, *p.children)]
            if child.lower_ == "out":  # "out of the question": a preposition after a preposition
                words = [w for p in child.children if p.dep_ == "prep"
                         for w in p.children if w.dep_ == "pobj"]
        for word in words:
            if child.lower_ == "off" and word.lower_ == "table":
                yield _Cue("negated", 0.7, "off the table")
            elif child.lower_ == "out" and word.lower_ == "question":  # "out of the question"
                yield _Cue("negated", 0.8, "out of the question")
            elif word.lower_ in rules.PREDICATE_WORDS:
                yield _Cue(*rules.PREDICATE_WORDS[word.lower_], word.lower_)


def _is_progressive(verb: Token) -> bool:
    return verb.tag_ == "VBG" and (any(c.dep_ == "aux" and _base(c) == "be" for c in verb.children)
                                   or misread_progressive(verb))


def _is_past(verb: Token) -> bool:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    finite = auxes[0] if auxes else verb.head if misread_progressive(verb) else verb
    return finite.tag_ in ("VBD",) or (not auxes and verb.tag_ == "VBN")


def _is_past_speech(verb: Token) -> bool:
    return _is_speech(verb) and (_is_past(verb) or verb.tag_ == "VBN")


def _has_aux(verb: Token, words: set[str]) -> bool:
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ in words for c in verb.children)


def _clause_words(trigger: Token) -> Iterator[Token]:
    for anchor in _anchors(trigger, temporal=False):
        yield from (c for c in anchor.children if c.dep_ == "advmod")


# --------------------------------------------------------------------------------------------------
# Date

_PRECISIONS: tuple[tuple[re.Pattern[str], DatePrecision], ...] = (
    (re.compile(r"\d{4}-\d{2}-\d{2}T(\d{2}:\d{2}(:\d{2})?|MO|AF|EV|NI|DT)"), "time"),
    (re.compile(r"\d{4}-\d{2}-\d{2}"), "day"),
    (re.compile(r"\d{4}-W\d{2}(-WE)?"), "week"),
    (re.compile(r"\d{4}-\d{2}"), "month"),
    (re.compile(r"\d{4}-(SP|SU|FA|WI)"), "season"),
    (re.compile(r"\d{4}-Q[1-4]"), "quarter"),
    (re.compile(r"\d{4}-H[12]"), "half"),
    (re.compile(r"\d{4}"), "year"),
    (re.compile(r"\d{3}"), "decade"),
    (re.compile(r"\d{2}"), "century"),
)


def precision_of(value: str) -> DatePrecision | None:
    """How precise a TIMEX3 ``value`` is; None for anything that is not one point or period in time:
    ``PRESENT_REF``/``PAST_REF``/``FUTURE_REF``, durations (``P2D``), sets and unresolved partial dates
    (``XXXX-WXX-4``, ``XXXX-01-14``)."""
    return next((precision for pattern, precision in _PRECISIONS if pattern.fullmatch(value)), None)


def date_of(trigger: Token, times: Sequence[TimeExpression]) -> EventDate | None:
    """The date of the trigger's clause: the nearest time expression attached to it (``met on Thursday``,
    ``the Jan. 3 capture``), the most precise when several attach at the same point."""
    heads = _time_heads(trigger, times)
    if not heads:
        return None
    for anchor in _anchors(trigger, temporal=True):
        base = _base(anchor)
        moving = anchor != trigger and (base in rules.RESCHEDULE_VERBS  # not "moved troops on …"
                                        or (base in rules.SETTING_VERBS and trigger.head == anchor
                                            and trigger.dep_ == "dobj"))
        found = [time for head, time in heads if (_moved_to(head, anchor) if moving
                                                  else _attached(head, anchor, rules.TEMPORAL_PREPOSITIONS))]
        if found:
            best = max(found, key=lambda t: _PRECISION_ORDER.index(precision_of(t.value or "") or "century"))
            return EventDate(best.value or "", precision_of(best.value or "") or "day", best.start, best.end)
    return None


_PRECISION_ORDER: tuple[DatePrecision, ...] = ("century", "decade", "year", "half", "quarter", "season",
                                               "month", "week", "day", "time")


def _time_heads(trigger: Token, times: Sequence[TimeExpression]) -> list[tuple[Token, TimeExpression]]:
    """The root token of each datable time expression in the trigger's sentence."""
    sent = trigger.sent
    heads = []
    for time in times:
        if not (sent.start_char <= time.start < sent.end_char) or not time.value \
                or precision_of(time.value) is None:
            continue
        span = trigger.doc.char_span(time.start, time.end, alignment_mode="expand")
        if span is not None and len(span):
            heads.append((span.root, time))
    return heads


def _attached(head: Token, anchor: Token, prepositions: frozenset[str]) -> bool:
    """``head`` hangs from ``anchor`` directly (``met Thursday``, ``the Jan. 3 capture``) or through one
    of ``prepositions`` (``met on Thursday``)."""
    if head.head == anchor and head != anchor:
        return head.dep_ not in ("nsubj", "nsubjpass", "dobj", "conj", "appos")
    preposition = head.head
    if head.dep_ != "pobj" or preposition.head != anchor or preposition.dep_ != "prep":
        return False
    word = preposition.lower_
    return word in prepositions or (word == "for" and _base(anchor) in rules.SCHEDULE_VERBS)


def _moved_to(head: Token, verb: Token) -> bool:
    """Whether ``head`` is the new date a verb that moves an event gives it: "were postponed on March 9
    until April 2" dates the talks April 2; March 9 is when they were postponed."""
    return (head.dep_ == "pobj" and head.head.dep_ == "prep" and head.head.head == verb
            and head.head.lower_ in rules.NEW_DATE_PREPOSITIONS)


def _anchors(trigger: Token, *, temporal: bool) -> Iterator[Token]:
    """The tokens whose attached times and places are the event's: the trigger, the participles that
    describe it, and the verbs it shares its clause with; for dates also the clause a ``when`` clause
    hangs from. Nearest first."""
    yield trigger
    yield from (c for c in trigger.children if c.dep_ == "acl" and _base(c) in rules.DESCRIBING)
    token = trigger
    for _ in range(8):
        head = _same_clause_head(token, temporal=temporal)
        if head is None:
            break
        yield head
        token = head
    if temporal and trigger.pos_ == "VERB":  # last: the parser hangs "on Thursday" on the object in
        yield from (c for c in trigger.children if c.dep_ == "dobj")  # "signed an agreement on Thursday"



def _same_clause_head(token: Token, *, temporal: bool) -> Token | None:
    dep, head = token.dep_, token.head
    if head == token:
        return None
    if dep == "xcomp":  # "went on to win"; not a cue verb: "decided on Monday to strike" is not Monday's
        return head if _lexical(head) is None or _base(head) in rules.SCHEDULE_VERBS else None
    if dep == "conj" and not _has_subject(token):
        return head
    if dep == "pobj":
        return _same_clause_head(head, temporal=temporal) if head.dep_ == "prep" else None
    if _carries(head, token):
        return head  # "held talks", "the meeting took place", "traveled … for a meeting"
    if dep == "nsubjpass" and _base(head) in rules.SCHEDULE_VERBS:
        return head  # "the meeting is scheduled for Friday"
    if dep == "dobj" and (_base(head) in rules.RESCHEDULE_VERBS
                          or (temporal and _base(head) in rules.SETTING_VERBS)):
        return head  # "postponed the talks to Friday", "fixed the meeting for March 11"
    if dep == "relcl" and _base(token) in ("lead", "result", "culminate"):
        return head  # "a raid that led to the capture": the capture is the raid's outcome
    if temporal and dep == "advcl" and any(c.lower_ in rules.SIMULTANEOUS_MARKS
                                           and c.dep_ in ("mark", "advmod") for c in token.children):
        return head  # "began this month when troops …"
    return None


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


# --------------------------------------------------------------------------------------------------
# Place

def place_of(trigger: Token, places: Sequence[Place]) -> int | None:
    """The index in ``places`` of where the event is: a place attached to the trigger's clause by a
    locative preposition (``in Caracas``; ``to`` after a motion word), as a modifier (``the Caracas
    meeting``) or as what is visited. Arguments of the event are not its venue: ``invaded Venezuela`` has
    Venezuela as recipient and no place."""
    at = _place_tokens(trigger, places)
    if not at:
        return None
    for anchor in _anchors(trigger, temporal=False):
        found = _venue(anchor, at)
        if found is not None:
            return found
    return None


def _place_tokens(trigger: Token, places: Sequence[Place]) -> dict[int, int]:
    """Token index → place index for the usable places of the trigger's sentence."""
    sent, doc = trigger.sent, trigger.doc
    at: dict[int, int] = {}
    for index, place in enumerate(places):
        if not (sent.start_char <= place.start < sent.end_char) or place.role != "place":
            continue
        span = doc.char_span(place.start, place.end, alignment_mode="expand")
        if span is None or not len(span) or _is_demonym(span.root) or in_dateline(span.root):
            continue
        at.setdefault(span.root.i, index)
    return at


def _venue(anchor: Token, at: Mapping[int, int]) -> int | None:
    base = _base(anchor)
    directional = rules.DIRECTIONAL_PREPOSITIONS if base in rules.MOTION_WORDS else frozenset()
    prepositions = rules.LOCATIVE_PREPOSITIONS | directional
    for child in anchor.children:
        if child.dep_ == "prep" and child.lower_ in prepositions:
            for obj in (c for c in child.children if c.dep_ == "pobj"):
                found = _place_in_phrase(obj, at)
                if found is not None:
                    return found
        elif child.dep_ in ("compound", "nmod", "npadvmod") and anchor.pos_ in ("NOUN", "PROPN") \
                and child.i in at:
            return at[child.i]
        elif child.dep_ == "dobj" and base in rules.VENUE_OBJECT_VERBS:
            found = _place_in_phrase(child, at)
            if found is not None:
                return found
        elif child.dep_ == "prep" and child.lower_ in rules.PARTNER_PREPOSITIONS:
            found = _partner_place(child, at)
            if found is not None:
                return found
    return None


def _partner_place(preposition: Token, at: Mapping[int, int]) -> int | None:
    """"a meeting between A and B in Caracas": the parser hangs the venue on the last partner."""
    partners = [o for o in preposition.children if o.dep_ == "pobj"]
    partners += [c for p in partners for c in p.children if c.dep_ == "conj"]
    partners += [c for p in partners for c in p.children if c.dep_ == "appos"]  # "the leader, Ana Ruiz"
    for partner in partners:
        for child in partner.children:
            if child.dep_ == "prep" and child.lower_ in rules.LOCATIVE_PREPOSITIONS:
                found = next((at[o.i] for o in child.children if o.dep_ == "pobj" and o.i in at), None)
                if found is not None:
                    return found
    return None


def _place_in_phrase(head: Token, at: Mapping[int, int]) -> int | None:
    """``Caracas``; ``the capital, Caracas``; ``a hotel in Caracas``; ``Caracas, Venezuela``."""
    if head.i in at:
        return at[head.i]
    for child in head.children:
        if child.dep_ in ("appos", "compound") and child.i in at:
            return at[child.i]
        if child.dep_ == "prep" and child.lower_ in rules.LOCATIVE_PREPOSITIONS:
            found = next((at[o.i] for o in child.children if o.dep_ == "pobj" and o.i in at), None)
            if found is not None:
                return found
    return None


def _is_demonym(token: Token) -> bool:
    return token.ent_type_ == "NORP" or token.pos_ == "ADJ"


# --------------------------------------------------------------------------------------------------
# Attribution

def reported_by(trigger: Token, attributions: Sequence[Attribution], quotes: Sequence[Quote],
                entities: Sequence[Entity], names: Mapping[str, str] | None = None) -> tuple[str, ...]:
    """Whom the claim comes from, nearest source first: the attribution layer's chain for the trigger's
    sentence (``according to officials cited by Axios``), the speaker of a quote holding the trigger,
    and the subject of a speech verb governing it, by the entity's name when it is a mention. ``()`` when
    the outlet asserts the event itself. ``names`` is ``source_names(entities)``, which a caller coding
    many events of one article builds once."""
    names = source_names(entities) if names is None else names
    sources: list[str] = []
    for attribution in attributions:
        if attribution.start <= trigger.idx < attribution.end and _in_scope(trigger, attribution.cue):
            sources.extend(names.get(s.casefold(), s) for s in attribution.chain)
    quote = next((q for q in quotes if q.start <= trigger.idx < q.end and _is_source(q)), None)
    if quote is not None and quote.speaker.text:
        sources.append(quote.speaker.text)
    verb = _speech_verb(trigger)
    if verb is not None and (quote is None or quote.start <= verb.idx < quote.end):
        speaker = _speaker(verb, entities, names)
        if speaker:
            sources.append(speaker)
    return _distinct(sources)


def _is_source(quote: Quote) -> bool:
    """A speaker that is an entity or an anonymous source; the quote layer also keeps the subject of
    "The planned conversation suggests that …" as a speaker, which is no source."""
    speaker = quote.speaker
    return bool(speaker.text) and (speaker.entity_id is not None or speaker.anonymous_id is not None)


def _in_scope(trigger: Token, cue: str) -> bool:
    """"according to" covers its sentence; a verb cue ("told", "reported") only the clause it reports."""
    if cue.lower() == "according to":
        return True
    verbs = [t for t in trigger.sent if t.text == cue]
    return not verbs or any(trigger in v.subtree and trigger != v and not _is_subject_of(trigger, v)
                            for v in verbs)


def _is_subject_of(token: Token, verb: Token) -> bool:
    return any(token in c.subtree for c in verb.children if c.dep_ in ("nsubj", "nsubjpass"))


def _speech_verb(trigger: Token) -> Token | None:
    """The nearest speech verb whose complement holds the trigger (``Trump said he will call``), or one
    set in the trigger's clause (``The talks, he said, will resume``)."""
    for anchor in (trigger, *_anchors(trigger, temporal=False)):
        parenthetical = next((c for c in anchor.children if c.dep_ == "parataxis" and _is_speech(c)), None)
        if parenthetical is not None:
            return parenthetical
    token = trigger
    for _ in range(12):
        head = token.head
        if head == token:
            return None
        if _is_speech(head) and _base(head) not in rules.THREAT_VERBS \
                and token.dep_ in ("ccomp", "xcomp", "dobj", "advcl", "conj") \
                and not _is_subject_of(trigger, head):
            return head
        token = head
    return None


def _speaker(verb: Token, entities: Sequence[Entity], names: Mapping[str, str]) -> str | None:
    subject = _subject(verb)
    if subject is None:
        return None
    if subject.lower_ in entity_rules.PRONOUNS:
        return _antecedent(subject, entities)
    entity = _entity_at(subject, entities)
    if entity is not None:
        return entity.name
    if subject.lower_ not in entity_rules.SOURCE_NOUNS and subject.pos_ != "PROPN":
        return None  # "Trump's decision … could indicate that …": a thing, not a source
    left = [t for t in subject.subtree if t.i <= subject.i]
    phrase = subject.doc[left[0].i: subject.i + 1].text if left else subject.text
    return names.get(phrase.casefold(), phrase)


def _subject(verb: Token) -> Token | None:
    """The subject of ``verb`` or of the clause it hangs from ("…, saying …", "… and added …")."""
    for _ in range(3):
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None or verb.dep_ not in ("conj", "advcl", "xcomp", "ccomp", "relcl"):
            return subject
        verb = verb.head
    return None


def _entity_at(token: Token, entities: Sequence[Entity]) -> Entity | None:
    return next((e for e in entities for m in e.mentions if m.start <= token.idx < m.end), None)


def _antecedent(pronoun: Token, entities: Sequence[Entity]) -> str | None:
    """A pronoun is the person mentioned last before it."""
    before = [(m.start, e.name) for e in entities if e.type == "PERSON" for m in e.mentions
              if m.end <= pronoun.idx]
    return max(before)[1] if before else None


def source_names(entities: Sequence[Entity]) -> dict[str, str]:
    """Each mention's text, case-folded, to its entity's name: how ``reported_by`` names a source."""
    return {m.text.casefold(): e.name for e in entities for m in e.mentions}


def _distinct(sources: Sequence[str]) -> tuple[str, ...]:
    """Sources in order, each once: "Officials" after "administration officials" is the same source."""
    kept: dict[str, str] = {}
    for source in sources:
        key = source.casefold().removeprefix("the ")
        if not any(k.endswith(key) or key.endswith(k) for k in kept):
            kept[key] = source
    return tuple(kept.values())


def is_statement(token: Token) -> bool:
    """Whether ``token`` is a verb reporting speech or writing ("said", "announced", "told")."""
    return _is_speech(token)


def _is_speech(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") and (token.lower_ in entity_rules.SPEECH_VERBS
                                              or _base(token) in rules.REPORT_VERBS)


# --------------------------------------------------------------------------------------------------
# Word forms

def _base(token: Token) -> str:
    """The base form of ``token``: its lemma when the model has a lemmatizer, else the form table's."""
    return token.lemma_.lower() if token.lemma_ else _forms().get(token.lower_, token.lower_)


@cache
def _forms() -> Mapping[str, str]:
    """Inflected form → base for every lexicon word: plans/planned/planning → plan."""
    words = {*rules.PLAN_VERBS, *rules.THREAT_VERBS, *rules.HYPOTHETICAL_VERBS, *rules.DENY_CLAIM_VERBS,
             *rules.NEGATING_VERBS, *rules.ONGOING_VERBS, *rules.SUPPORT_VERBS, *rules.SCHEDULE_VERBS,
             *rules.IMMINENT_VERBS,
             *rules.MOTION_WORDS, *rules.VENUE_OBJECT_VERBS, *rules.REPORT_VERBS, *rules.CUE_NOUNS,
             *rules.CLAIM_NOUNS, "be", "remain", "seem", "appear", "end", "culminate"}
    forms = {form: word for word in words for form in _inflections(word)}
    forms.update({"is": "be", "are": "be", "am": "be", "was": "be", "were": "be", "been": "be",
                  "being": "be", "'s": "be", "'re": "be", "’s": "be", "’re": "be", "'m": "be"})
    forms.update(rules.IRREGULAR)
    return forms


def _inflections(word: str) -> tuple[str, ...]:
    if word.endswith("e"):
        stem = word[:-1]
        return word, word + "s", word + "d", stem + "ing"
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        stem = word[:-1]
        return word, stem + "ies", stem + "ied", word + "ing"
    if re.fullmatch(r"[^aeiou]*[aeiou][bdgmnpt]", word):  # plan → planned, scrap → scrapped
        return word, word + "s", word + word[-1] + "ed", word + word[-1] + "ing", word + "ed", word + "ing"
    plural = word + "es" if word.endswith(("s", "sh", "ch", "x")) else word + "s"
    return word, plural, word + "ed", word + "ing"
