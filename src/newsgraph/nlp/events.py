"""Events: what a sentence says someone did to someone, coded in PLOVER with a CAMEO code.

1. **Triggers.** One pass over the tokens looks each verb, noun and adjective up in the cue lexicon
   (``data/plover_lexicon.tsv``, read by ``newsgraph.nlp.event_lexicon``), by its lemma and with the
   words a multiword cue needs hanging from it ("take into custody", "impose sanctions", "hunger
   strike"). The most specific cue wins. A noun that a verb cue has used up ("sanctions" in "imposed
   sanctions"), or that is the object of another trigger ("rejected an offer"), is no event of its own.
2. **Arguments.** A verb's actor is its subject, or the subject of the clause it hangs from ("intends
   to speak with"); a passive's subject is its recipient and its "by" phrase its actor. The cue names
   where recipients stand: the object, a preposition, or the subject of the clause it governs
   ("demanded that Iran …"). A noun's actor is its possessor, a named modifier ("U.S. strikes") or its
   "by" phrase, else the subject of the verb it is the object of ("held talks with"). Each argument is
   the entity whose mention holds its head word, else the head phrase itself ("U.S. forces"); its
   conjuncts and a name in apposition count too ("Maduro and his wife, Cilia Flores"). The rules, and
   those for pronouns and for a visit's destination, are in ``newsgraph.nlp.event_arguments``.
3. **Designations.** "designated X (as) a foreign terrorist organization" is a SANCTION with a
   ``Designation``: the label, the authority (the actor), the target and the date it took effect.
4. **Context.** Status, date, place and attribution come from ``newsgraph.nlp.event_context``; the
   cue's contexts are joined by those of context words in the sentence. An event told as happened
   whose own date begins after the article's publication date has not happened yet: it is planned
   ("the summit on March 20 will focus on …" in an article of March 11).

5. **Mentions.** A later mention of the same event lends its date, place or participants to the others
   ("traveled to Caracas for a meeting with Rodríguez. The encounter — held on Thursday …"), see
   ``newsgraph.nlp.event_mentions``.

An event needs at least one participant: "the meeting's significance" is no event, and a bare "the
meeting" is one only when it names an event mentioned before. The exception is an attack whose cue
names its weapon ("missile strikes", "airstrikes"): the attack is news without a named party. Ids are
``ev1``, ``ev2`` … in text order.
"""

from __future__ import annotations

import calendar
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Protocol, cast

from spacy.tokens import Doc, Span, Token

from newsgraph.day_intervals import interval
from newsgraph.nlp.event_arguments import (
    ORDERED,
    Participants,
    arguments,
    is_party,
    is_requirement,
    without_venues,
)
from newsgraph.nlp.event_arguments import Found as _Found
from newsgraph.nlp.event_context import date_of, is_statement, place_of, reported_by, source_names, status_of
from newsgraph.nlp.event_context_rules import DEONTIC_GOVERNORS
from newsgraph.nlp.event_lexicon import (
    CONFLICT_TYPES,
    Constraint,
    Cue,
    CuePos,
    Lexicon,
    default_lexicon,
    lemmas,
)
from newsgraph.nlp.event_lexicon import plover_type as lexicon_plover_type
from newsgraph.nlp.event_mentions import Mention as EventMention
from newsgraph.nlp.event_mentions import corefer
from newsgraph.nlp.records import (
    Attribution,
    Designation,
    Entity,
    Event,
    EventDate,
    EventType,
    Mention,
    Participant,
    Place,
    Quote,
    Sentence,
    TimeExpression,
)

_POS: dict[str, CuePos] = {"VERB": "V", "NOUN": "N", "PROPN": "N", "ADJ": "A"}
_WHEN = frozenset({"DATE", "TIME"})
_OBJECTS = ("dobj", "obj")
# Dependencies through which an event is the content of another ("agreed to share", "accused X of
# violating", "demanded that Iran release").
_COMPLEMENTS = frozenset({"xcomp", "ccomp", "pcomp", "pobj", "prep", "acomp"})
_FRAMES = frozenset({"AGREE", "THREATEN", "REJECT", "REQUEST", "ACCUSE"})
_CONFLICT = CONFLICT_TYPES
# Events whose purpose clause is part of them: a protest held "to demand reforms" is one PROTEST, its
# demand the protest's aim (CAMEO 141x-145x "demonstrate for …").
_PURPOSED = frozenset({"PROTEST"})
# THREATEN modes (PLOVER manual, table "THREATEN modes") by what is threatened, with the CAMEO code.
_THREATS = {"ASSAULT": ("violence", "138"), "MOBILIZE": ("violence", "138"),
            "SANCTION": ("relations", "1313"), "PROTEST": ("restrict", "1312"),
            "COERCE": ("restrict", "1312")}
_COERCE_THREATS = {"arrest": ("arrest", "137"), "ban": ("ban", "132"), "deport": ("expel", "136")}
# REQUEST and REJECT modes (PLOVER manual, shared table) by what is asked for or refused.
_ASKS = {"CONSULT": "meet", "AGREE": "meet", "AID": "assist", "COOPERATE": "assist", "SUPPORT": "assist",
         "RETREAT": "yield", "CONCEDE": "yield"}
# Base confidence of a trigger before its status factor: a verb with a named actor is surest.
_CONFIDENCE = {"V": 0.85, "A": 0.7, "N": 0.75}


def find_events(doc: Doc, entities: Sequence[Entity], times: Sequence[TimeExpression],
                places: Sequence[Place], attributions: Sequence[Attribution],
                quotes: Sequence[Quote], lexicon: Lexicon | None = None, *,
                published: date | None = None, month: tuple[int, int] | None = None) -> Iterator[Event]:
    """Every event the text reports, happened or not, in text order. ``published`` is the article's
    publication day, or ``month`` its year and month when that is all that is known."""
    lexicon = lexicon or default_lexicon()
    found = _triggers(doc, lexicon)
    args = Participants(doc, entities, places)
    states = frozenset(country.id for country in args.countries.values())
    layers = _Layers.of(doc, times, places, attributions, quotes, entities, published, month)
    contexts: dict[int, tuple[str, ...]] = {}
    sentences = {sent.start: n for n, sent in enumerate(doc.sents)}
    mentions: list[EventMention] = []
    for item in _kept(found):
        if is_requirement(item):
            continue
        actors, recipients, designation = arguments(item, args)
        recipients = without_venues(item.cue, recipients, places)
        armed = _armed(item)  # news without a named party, so never a bare mention ("that missile strikes")
        bare = not actors and not recipients and not armed and _definite(item)
        if not actors and not recipients and not bare and not armed:
            continue
        if item.cue.type == "PROTEST" and _by_states(actors, states, doc):
            item = replace(item, cue=_official_complaint(item.cue))
        if designation is not None:
            designation = Designation(designation.label, actors[0] if actors else None,
                                      designation.target, layers.date_of(item.trigger))
        event = _event("ev0", item, actors, recipients, designation, _contexts(item, lexicon, contexts),
                       layers)
        mentions.append(EventMention(event, sentences[item.trigger.sent.start], bare))
    yield from corefer(mentions)


# Unnamed parties that are a state's government or its diplomats.
_STATE_NOUNS = frozenset("government ministry embassy administration ambassador envoy consul "
                         "consulate".split())


def _by_states(actors: Sequence[Participant], states: frozenset[str], doc: Doc) -> bool:
    """Whether every actor is a country named as such (or its capital speaking for it) or an unnamed
    government or diplomat: a state's protest is an official complaint (CAMEO 114, ACCUSE), not a
    demonstration ("Chile protested the seizure"). A city is no state ("Arica held a vigil"), nor is a
    people named by its demonym ("Kurds marched in the city")."""
    def state(actor: Participant) -> bool:
        if actor.entity_id is None:
            return actor.text.lower().split()[-1] in _STATE_NOUNS
        span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
        return actor.entity_id in states and span is not None and span.root.ent_type_ != "NORP"
    return bool(actors) and all(state(a) for a in actors)


def _official_complaint(cue: Cue) -> Cue:
    """The cue a state's protest is read by: CAMEO 114, "complain officially"."""
    return replace(cue, type="ACCUSE", mode="allege", cameo="114", contexts=("diplomatic",))


_DEFINITE = frozenset("the this that these those".split())
_WEAPON_MODES = frozenset({"aerial", "explosives", "heavy-weapons", "suicide-attack"})


def _definite(item: _Found) -> bool:
    """A nominal trigger with a definite article: "the meeting", "the encounter"."""
    return item.cue.pos == "N" and any(c.dep_ == "det" and c.lower_ in _DEFINITE
                                       for c in item.trigger.children)


def _armed(item: _Found) -> bool:
    """A nominal attack whose cue names its weapon ("missile strikes", "airstrikes")."""
    return item.cue.pos == "N" and item.cue.type == "ASSAULT" and item.cue.mode in _WEAPON_MODES


# Time values that name no time ahead: "talks for now" are not set for a date.
_NOT_AHEAD = frozenset({"PRESENT_REF", "PAST_REF"})


class _Spanned(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


@dataclass(frozen=True)
class _Layers:
    """The article's other layers, with what every event of it looks up built once: the time
    expressions and places that start in each sentence, the attributions and quotes that reach into it
    (each by the sentence's first character), and how sources are named. Without them, coding an
    article's events was quadratic in its length."""

    times: Sequence[TimeExpression]
    places: Sequence[Place]
    attributions: Sequence[Attribution]
    quotes: Sequence[Quote]
    entities: Sequence[Entity]
    names: Mapping[str, str]
    times_in: Mapping[int, list[int]]
    places_in: Mapping[int, list[int]]
    attributions_in: Mapping[int, list[int]]
    quotes_in: Mapping[int, list[int]]
    # the last day that has been: the publication day, or the last day of the publication month
    published: str | None

    @classmethod
    def of(cls, doc: Doc, times: Sequence[TimeExpression], places: Sequence[Place],
           attributions: Sequence[Attribution], quotes: Sequence[Quote], entities: Sequence[Entity],
           published: date | None = None, month: tuple[int, int] | None = None) -> _Layers:
        sents = [(sent.start_char, sent.end_char) for sent in doc.sents]
        return cls(times, places, attributions, quotes, entities, source_names(entities),
                   _by_sentence(sents, times), _by_sentence(sents, places),
                   _by_sentence(sents, attributions, reaching=True),
                   _by_sentence(sents, quotes, reaching=True), _last_day(published, month))

    def scheduled(self, trigger: Token) -> bool:
        """Whether a nominal event is set for a date: "for" a date hangs from it or from the verb it is
        the object of ("announced talks for next week", "fixed the meeting for March 11"). It is to come
        then, even when the setting is told in the past. Durations ("talks for two hours") are no date."""
        if trigger.pos_ not in ("NOUN", "PROPN"):
            return False
        dates = [t for t in (self.times[k] for k in self.times_in.get(trigger.sent.start_char, ()))
                 if t.type == "DATE" and t.value not in _NOT_AHEAD]
        anchors = [trigger]
        if trigger.dep_ in ("dobj", "nsubjpass") and trigger.head.pos_ == "VERB":
            anchors.append(trigger.head)
        return any(prep.dep_ == "prep" and prep.lower_ == "for" and obj.dep_ == "pobj"
                   and any(t.start <= obj.idx < t.end for t in dates)
                   for anchor in anchors for prep in anchor.children for obj in prep.children)

    def not_yet(self, when: EventDate | None) -> bool:
        """Whether ``when`` begins after the article was published: what happens then has not yet."""
        days = interval(when.value) if when is not None else None
        return days is not None and self.published is not None and days[0] > self.published

    def date_of(self, trigger: Token) -> EventDate | None:
        return date_of(trigger, [self.times[k] for k in self.times_in.get(trigger.sent.start_char, ())])

    def place_of(self, trigger: Token) -> int | None:
        """The index in ``places`` (not in the sentence's) of the event's place."""
        indices = self.places_in.get(trigger.sent.start_char, [])
        found = place_of(trigger, [self.places[k] for k in indices])
        return indices[found] if found is not None else None

    def reported_by(self, trigger: Token) -> tuple[str, ...]:
        """``reported_by`` given the attributions and quotes that reach into the trigger's sentence: it
        uses only those that hold the trigger."""
        sent = trigger.sent.start_char
        return reported_by(trigger, [self.attributions[k] for k in self.attributions_in.get(sent, ())],
                           [self.quotes[k] for k in self.quotes_in.get(sent, ())], self.entities, self.names)


def _last_day(published: date | None, month: tuple[int, int] | None) -> str | None:
    if published is not None:
        return published.isoformat()
    if month is not None:
        year, number = month
        return date(year, number, calendar.monthrange(year, number)[1]).isoformat()
    return None


def _by_sentence(sents: Sequence[tuple[int, int]], items: Sequence[_Spanned],
                 reaching: bool = False) -> dict[int, list[int]]:
    """First character of a sentence → indices of the ``items`` that start in it, in order; with
    ``reaching``, of those that overlap it (a quote of three sentences is in each)."""
    starts = [start for start, _ in sents]
    found: dict[int, list[int]] = {}
    for index, item in enumerate(items):
        k = bisect_right(starts, item.start) - 1
        if not reaching:
            if k >= 0 and item.start < sents[k][1]:
                found.setdefault(starts[k], []).append(index)
            continue
        for j in range(max(k, 0), bisect_left(starts, item.end)):
            if sents[j][0] < item.end and item.start < sents[j][1]:
                found.setdefault(starts[j], []).append(index)
    return found


def _event(id_: str, item: _Found, actors: tuple[Participant, ...], recipients: tuple[Participant, ...],
           designation: Designation | None, contexts: tuple[str, ...], layers: _Layers) -> Event:
    trigger, doc = item.trigger, item.trigger.doc
    words = doc[item.span[0]:item.span[1]]
    sent = trigger.sent
    status, factor = status_of(trigger)
    when = layers.date_of(trigger)
    if status == "happened" and (layers.not_yet(when) or layers.scheduled(trigger)):
        status = "planned"  # on a day still to come ("the summit on March 20 will …"), or set for a date
    confidence = _CONFIDENCE[item.cue.pos] * (1.0 if actors else 0.8) * factor
    type_, mode, cameo = _coded(item)
    return Event(
        id=id_, type=type_, mode=mode, contexts=contexts, cameo=cameo,
        trigger=Mention(words.start_char, words.end_char, words.text),
        sentence=Sentence(sent.start_char, sent.end_char), actors=actors, recipients=recipients,
        place=layers.place_of(trigger), date=when, status=status,
        attribution=layers.reported_by(trigger),
        confidence=round(min(1.0, max(0.0, confidence)), 3), designation=designation)


def _coded(item: _Found) -> tuple[EventType, str | None, str]:
    """Type, mode and CAMEO code: the cue's, or for a framing cue, what its content makes of it
    (an AGREE to do harm is a THREATEN; a THREATEN's mode is what is threatened)."""
    cue, content = item.cue, item.content
    if content is None:
        return cue.type, cue.mode, cue.cameo
    about = content.cue.type
    if cue.frame == "order" and about in ORDERED:  # an authority's order to coerce is the coercion
        return about, content.cue.mode, content.cue.cameo
    if cue.type in ("AGREE", "THREATEN") and about in _CONFLICT:
        mode, cameo = _THREATS.get(about, ("violence", "138"))
        if about == "COERCE" and content.cue.mode in _COERCE_THREATS:
            mode, cameo = _COERCE_THREATS[content.cue.mode or ""]
        return "THREATEN", mode, cameo if cue.type == "AGREE" or cue.cameo == "130" else cue.cameo
    if cue.type in ("REQUEST", "REJECT"):
        return cue.type, cue.mode or _ASKS.get(about, "change"), cue.cameo
    return cue.type, cue.mode, cue.cameo


def plover_type(event: Event) -> EventType:
    """The event type PLOVER's records would give (``event_lexicon.plover_type``): a planned
    cooperative act is an AGREE, a planned harmful one a THREATEN."""
    return cast(EventType, lexicon_plover_type(event.type, event.status))


# 1. Triggers ------------------------------------------------------------------------------------------

def _triggers(doc: Doc, lexicon: Lexicon) -> list[_Found]:
    found: list[_Found] = []
    for token in doc:
        pos = _POS.get(token.pos_) or ("V" if token.tag_ == "MD" else None)
        if pos is None or (not token.is_alpha and "-" not in token.text) or _date_name(token):
            continue
        item = _match(token, pos, lexicon)
        if item is not None:
            found.append(item)
    return found


def _date_name(token: Token) -> bool:
    """A name inside a date is no event: "since March 1" is no march. Common nouns there still are:
    the parser often takes an event into its duration ("after three-hour talks")."""
    return token.pos_ == "PROPN" and token.ent_type_ in _WHEN


def _match(token: Token, pos: CuePos, lexicon: Lexicon) -> _Found | None:
    hyphened = _hyphened(token)
    for lemma in (*([hyphened] if hyphened else []), *lemmas(token.lower_, token.tag_)):
        for cue in lexicon.cues.get((lemma, pos), ()):
            used = _extras(token, cue)
            if used is not None and _allowed(token, cue):
                start = token.i - 2 if lemma == hyphened else token.i
                return _Found(token, cue, _span(token, start, used), used)
    return None


def _hyphened(token: Token) -> str | None:
    """"build-up" is three tokens; its head is the last."""
    doc = token.doc
    if token.i >= 2 and doc[token.i - 1].text == "-" and not doc[token.i - 2].whitespace_:
        return f"{doc[token.i - 2].lower_}-{token.lower_}"
    return None


def _span(token: Token, start: int, used: frozenset[int]) -> tuple[int, int]:
    """The trigger's words: the head, and the cue's other words when they stand next to it."""
    end = token.i + 1
    for i in sorted(used):
        if i == end:
            end += 1
        elif i == start - 1:
            start -= 1
    return start, end


def _extras(token: Token, cue: Cue) -> frozenset[int] | None:
    """The tokens that supply a multiword cue's other words, or None when one is missing."""
    if not cue.extras:
        return frozenset()
    near = [c for c in token.children] + [g for c in token.children if c.dep_ in ("prep", "agent", "dobj")
                                          for g in c.children]
    near += [g for c in near if c.dep_ == "prep" and c.head.dep_ in ("dobj", "prep") for g in c.children]
    # the subject of a clause the head governs: "allowed inspectors to visit", "let aid convoys in"
    near += [g for c in token.children if c.dep_ in ("ccomp", "xcomp") for g in c.children
             if g.dep_ in ("nsubj", "nsubjpass")]
    # the noun a relative clause's subject stands for: "the frigates that arrived in the bay"
    if token.dep_ == "relcl" and any(c.dep_ == "nsubj" and c.lower_ in ("that", "which", "who")
                                     for c in token.children):
        near.append(token.head)
    used: set[int] = set()
    for words in cue.extras:
        match = next((t for t in near if t.i not in used and not words.isdisjoint(lemmas(t.lower_, t.tag_))),
                     None)
        if match is None:
            return None
        used.add(match.i)
    return frozenset(used)


def _allowed(token: Token, cue: Cue) -> bool:
    if (cue.frame == "deontic") != (token.tag_ == "MD"):
        return False  # modals are cues only as deontic ones, and deontic cues only modals
    if cue.frame == "deontic" and not _deontic(token):
        return False
    return (all(_has(token, c) for c in cue.needs)
            and not any(_has(token, c) or _has_object(token, c) for c in cue.bars))


def _deontic(modal: Token) -> bool:
    """A modal of obligation reported as someone's: "the minister said Peru must release them",
    "the court ruled that the army should withdraw". The clause is the complement of a speech or verdict
    verb, and its active subject is a party (a name, a pronoun or a group noun), not a thing ("said
    prices should rise" is a forecast)."""
    clause = modal.head
    if modal.dep_ != "aux" or clause.dep_ != "ccomp" or clause.head.pos_ not in ("VERB", "AUX"):
        return False
    if not (is_statement(clause.head) or clause.head.lower_ in DEONTIC_GOVERNORS):
        return False
    subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
    return subject is not None and is_party(subject)


def _has(token: Token, constraint: Constraint) -> bool:
    return any(_fits(child, constraint) for child in token.children
               if child.dep_ == constraint.dep or (constraint.dep == "dobj" and child.dep_ == "dative"))


def _has_object(token: Token, constraint: Constraint) -> bool:
    """Whether a barred object stands as a passive verb's subject ("the report was released") or as the
    noun a participle describes ("a letter released by the presidency")."""
    if constraint.dep != "dobj" or token.tag_ != "VBN":
        return False
    objects = [token.head] if token.dep_ == "acl" else [c for c in token.children if c.dep_ == "nsubjpass"]
    return any(_fits(o, constraint) for o in objects)


def _fits(word: Token, constraint: Constraint) -> bool:
    """Whether ``word`` is one the constraint names (any word, when it names none)."""
    return not constraint.words or not constraint.words.isdisjoint(lemmas(word.lower_, word.tag_))


def _kept(found: list[_Found]) -> Iterator[_Found]:
    """Drop nouns another cue used up and nouns that are the object of another trigger; fold an event
    that is the content of a framing one ("agreed to [share] information", "threatened to [strike]",
    "demanded that Iran [release] …") into it, as PLOVER codes one event for both. A protest that is
    broken up or dispersed stays a protest too: the protesters protested, the police coerced."""
    by_token = {item.trigger.i: item for item in found}
    used = {i for item in found for i in item.used if not _repressed(item, by_token.get(i))}
    verbs = {item.trigger.i for item in found if item.cue.pos != "N"}
    contents: dict[int, _Found] = {}
    kept: list[_Found] = []
    for item in found:
        token = item.trigger
        if token.i in used:
            continue
        if (item.cue.pos == "N" and token.dep_ in _OBJECTS and token.head.i in verbs
                and not _repressed(by_token[token.head.i], item)):
            head = by_token[token.head.i]
            if head.cue.type in _FRAMES or head.cue.frame == "order":  # "demanded the release of …"
                contents.setdefault(head.trigger.i, item)
            continue
        frame = _framing(token, by_token)
        if frame is not None:
            contents.setdefault(frame.trigger.i, item)
            continue
        kept.append(item)
    for item in kept:
        content = contents.get(item.trigger.i)
        yield item if content is None else _Found(item.trigger, item.cue, item.span, item.used, content)


def _repressed(item: _Found, noun: _Found | None) -> bool:
    """Whether ``item`` uses up a protest noun that stays its own event: "police broke up the
    demonstration" is a coercion of a protest that took place."""
    return noun is not None and noun.cue.type == "PROTEST" and item.cue.type in ("COERCE", "ASSAULT")


def _framing(token: Token, by_token: dict[int, _Found]) -> _Found | None:
    """The event ``token``'s event is part of: the AGREE, THREATEN, REJECT, REQUEST or ACCUSE trigger
    whose complement it stands in, a deontic modal on its own verb ("said Peru must [release]"), a
    framing noun whose clause the parser hung on the verb ("reiterated its demand that Israel [ease]"),
    or the event of the clause it is the purpose of ("staged protests to [demand] reforms")."""
    modal = next((by_token[c.i] for c in token.children if c.dep_ == "aux" and c.i in by_token), None)
    if modal is not None:
        return modal
    if token.dep_ == "acl" and _that_clause(token):  # "its demand that Chile lift …"
        noun_item = by_token.get(token.head.i)
        if noun_item is not None and noun_item.cue.pos == "N" and noun_item.cue.type in _FRAMES:
            return noun_item
    if token.dep_ == "ccomp":
        noun = next((by_token[c.i] for c in token.head.children if c.dep_ in _OBJECTS and c.i in by_token
                     and by_token[c.i].cue.pos == "N" and by_token[c.i].cue.type in _FRAMES), None)
        if noun is not None and token.head.i not in by_token:
            return noun
    if _purpose(token):
        main = _clause_event(token.head, by_token)
        if main is not None and main.cue.type in _PURPOSED:
            return main
    for _ in range(3):
        if token.dep_ not in _COMPLEMENTS or token.head == token:
            return None
        token = token.head
        hit = by_token.get(token.i)
        if hit is not None:
            return hit if hit.cue.type in _FRAMES else None
    return None


def _that_clause(token: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in token.children)


def _purpose(token: Token) -> bool:
    """An infinitival purpose clause: "staged protests [to demand] reforms"."""
    return token.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def _clause_event(verb: Token, by_token: dict[int, _Found]) -> _Found | None:
    """The event a clause reports: its verb's, else that of the nominal event its verb takes as object
    ("staged demonstrations", "began a hunger strike")."""
    if verb.i in by_token:
        return by_token[verb.i]
    return next((by_token[c.i] for c in verb.children if c.dep_ in _OBJECTS and c.i in by_token), None)


# 4. Contexts ------------------------------------------------------------------------------------------

def _contexts(item: _Found, lexicon: Lexicon, cache: dict[int, tuple[str, ...]]) -> tuple[str, ...]:
    sent = item.trigger.sent
    if sent.start not in cache:
        cache[sent.start] = _sentence_contexts(sent, lexicon)
    content = item.content.cue.contexts if item.content is not None else ()
    return tuple(dict.fromkeys((*item.cue.contexts, *content, *cache[sent.start])))


def _sentence_contexts(sent: Span, lexicon: Lexicon) -> tuple[str, ...]:
    found: list[str] = []
    for token in sent:
        low = token.lower_
        options = lexicon.contexts.get(low) or (lexicon.contexts.get(low[:-1]) if low.endswith("s") else None)
        for before, context in options or ():
            if not before or _preceded_by(token, before):
                found.append(context)
    return tuple(dict.fromkeys(found))


def _preceded_by(token: Token, words: tuple[str, ...]) -> bool:
    start = token.i - len(words)
    return start >= token.sent.start and tuple(t.lower_ for t in token.doc[start:token.i]) == words
