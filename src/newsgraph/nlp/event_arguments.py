"""Event arguments: who did it and to whom, read from the dependency parse around a trigger.

``arguments(found, participants)`` gives an event's actors, recipients and designation (see
``newsgraph.nlp.events`` for the rules by which a verb's or a noun's arguments are found).
``Participants`` turns argument head words into ``Participant`` records: the entity whose mention holds
the word, a name in apposition, an unnamed phrase ("U.S. forces"), or the antecedent of a pronoun.

Pronouns are resolved cheaply, by recency with three preferences (docs/events.md, "Pronouns"):

* **he/she/his** is the person named last, within a sentence back;
* **him/her as an object** is never the subject of its own clause or of the clauses controlling it
  ("they plan to go in and arrest him": not "they"); a person named only as a possessor or a modifier
  ("Trump's decision") ranks below one named as an argument, and when no argument mention stands
  within a sentence back the search goes back ``PRONOUN_WINDOW`` sentences;
* **they/them/their** is the group named before it in its sentence, else the one clear group of the
  sentence before: a single organisation, country or plural group noun ("officials", "forces") in an
  argument position, not the addressee of a speech verb ("told Axios"). Otherwise it stays the unnamed
  "they": a wrong actor is worse than an unnamed one.

A **pair of countries** named by a plural ("the two governments", "both countries", "the two
neighbours") stands for the two countries the article has named most up to it, each as its own
participant, when two clearly lead; a third as often named leaves the phrase unnamed.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from newsgraph.nlp import event_context_rules as rules
from newsgraph.nlp.entity_rules import TITLE_HEADS, TOLD_VERBS
from newsgraph.nlp.event_lexicon import Cue, lemmas
from newsgraph.nlp.records import Designation, Entity, Participant, Place

_SUBJECTS = ("nsubj", "csubj")
_OBJECTS = ("dobj", "obj")
_PERSONAL = frozenset("he him his she her".split())
_COLLECTIVE = frozenset("it its they them their we us".split())
_RELATIVE = frozenset("who whom which that".split())
_SKIP_HEADS = frozenset("i you me myself yourself this these those what something anything one".split())
# Words that count a group named after "of": "thousands of fishermen", "some of the protesters".
_QUANTITIES = frozenset("""
    one two three four five six seven eight nine ten dozen dozens hundred hundreds thousand thousands
    million millions scores tens some many most all several few none each both half
    """.split())
_MODIFIERS = ("compound", "amod", "nmod", "poss")
_NAMED_MODIFIERS = ("compound", "amod", "nmod")
# An adjective or participle describing a trigger noun is no party to it ("Historic Meeting", also when
# the parser tags a headline's words as a name), nor is a modifier inside the same name as the trigger.
_DESCRIBING = frozenset({"JJ", "JJR", "JJS", "VBN", "VBG"})
# Nouns that name an action: as an argument they stand for whoever carried it out ("troops carried out a
# raid that ended in the arrest", "Peru's operation that resulted in the capture"), or for no one.
_ACTION_NOUNS = frozenset("operation operations mission raid campaign effort action talks meeting visit "
                          "encounter dialogue decision plan move goal session engagement".split())
# How many sentences back an object pronoun looks for a person named as an argument ("him" three
# sentences after "… speak with Maduro", when only "Trump's decision" stands in between).
PRONOUN_WINDOW = 3
# Where an object pronoun stands: its clause's subject cannot be its antecedent (binding).
_OBJECT_DEPS = frozenset({"dobj", "obj", "dative", "pobj"})
# Plural nouns that name a group which "they" can stand for ("officials said …. They plan to …").
_GROUP_NOUNS = frozenset("""
    officials authorities forces troops soldiers police leaders governments ministers diplomats
    negotiators rebels militants protesters lawmakers aides advisers advisors administration government
    """.split())
_GROUP_TYPES = frozenset({"ORG", "GPE", "NORP"})
# Plurals naming the people a body acts through: "the federation, whose members held a vigil".
_MEMBERS = frozenset("members supporters followers workers employees staff fighters troops soldiers forces "
                     "officials activists delegates".split())
# Plurals that, counted as two ("the two governments", "both countries"), stand for a pair of countries.
# Not "sides" or "parties" (a government and its rebels) nor "states" (two U.S. states).
_PAIR_NOUNS = frozenset("countries nations governments neighbours neighbors".split())
_TIMES = frozenset({"DATE", "TIME"})
# Singular nouns for a body that can be asked to act ("the government must …").
_GROUP_SINGULARS = frozenset("government administration army police regime parliament court council "
                             "authority leadership opposition junta".split())
# Prepositions through which a thing's phrase names the parties it stands for ("an attack by X", "ties
# with Y", "a dispute between X and Y"); not place or time ones ("an attack in Kabul").
_INNER_PARTY = frozenset("by with between of from against toward towards".split())
# Clauses whose subject is that of the clause they hang from ("intends to speak", "was captured and flown").
_CLIMBED = frozenset({"xcomp", "conj", "advcl", "ccomp", "relcl", "acomp"})
# Prepositions that set a scene in time or circumstance: their object is no event of the verb's subject.
_CIRCUMSTANCES = frozenset("during after before amid amidst since despite following until till throughout "
                           "ahead prior pending".split())
# Prepositions that name what a verb is about: whoever "protested against the
# seizure" did not seize anything.
_TOPICS = frozenset("against over about regarding concerning".split())
# States of being held: whoever is "in detention" is its recipient.
_HOLDING = frozenset("detention custody captivity imprisonment internment".split())
# What an order makes happen by itself: "ordered the paper to suspend publication" is a COERCE.
ORDERED = frozenset({"COERCE", "SANCTION", "MOBILIZE", "ASSAULT"})
# Request verbs that a thing can be the subject of, as a requirement: "the job demands patience".
_REQUIRING = frozenset({"demand"})
# Things whose demands are requirements: roles, situations and the terms of an accord.
_REQUIRERS = frozenset("""
    post job role position office task work mission duty situation moment circumstance crisis problem
    occasion nature process agreement deal accord protocol treaty pact plan arrangement rule regulation
    law standard system sport profession
    """.split())
# Verbs of state that a participle can complete as a passive would: "remained impounded".
_STATE_VERBS = frozenset({"remain", "stay", "stand", "sit", "lie", "keep", "become", "get", "seem", "appear"})
_BE_FORMS = frozenset("be is are was were been being 's 're".split())
# Nouns for what someone chose to do: an event that is what one of these "is" was chosen by whoever the
# noun belongs to ("the government's answer is a meeting", "Peru's response was a ban"), not done by
# the noun itself.
_CHOSEN = frozenset("answer response reply reaction solution remedy plan proposal offer priority goal aim "
                    "option choice strategy step move idea intention purpose mission task job role "
                    "objective".split())
# Generic nouns for an undertaking: an event noun compounded with one ("a mediation effort between A and
# B", "a relief mission to Gaza") has the undertaking's arguments.
_UNDERTAKINGS = frozenset("effort efforts mission missions campaign campaigns operation operations drive "
                          "bid initiative programme program process".split())
# Verbs that relate a thing to an event rather than carry it out: whatever "requires cooperation" or
# "depends on cooperation" ("the fight against gangs", "success") is no party to the cooperation.
_RELATING = frozenset({"require", "need", "depend", "involve", "include", "mean", "represent", "entail",
                       "risk", "undermine", "hinder", "complicate", "jeopardize", "jeopardise"})
# Verbs that judge, name or talk about an event: whoever "described the seizure as disproportionate" or
# "condemned the attack" did not seize or attack; nor did whoever "called the seizure an act" (``call``
# with a predicate; "called for talks" is a request).
_JUDGING = frozenset({
    "describe", "term", "label", "characterize", "characterise", "brand", "dub", "discuss",
    "mention", "recall", "condemn", "denounce", "criticize", "criticise", "decry", "deplore", "welcome",
    "praise", "hail", "applaud", "protest", "investigate", "probe", "report", "review", "examine",
    "question", "dispute", "respond", "react", "reply", "retaliate"})
# Verbs and prepositions through which a noun's event is none of the subject's doing (``_governor``).
_NO_DOER_VERBS = _RELATING | _JUDGING
_NO_DOER_PREPOSITIONS = _CIRCUMSTANCES | _TOPICS
# Entity types that can act: a modifier of these is a party ("U.S. strikes"), others describe.
_PARTIES = frozenset({"GPE", "NORP", "ORG", "PERSON"})
# Destinations that are venues, not hosts: "traveled to Caracas" is a visit in Caracas; "visited Peru"
# is one to Peru's government. ``Place.feature`` values from the gazetteer.
_VENUE_FEATURES = frozenset({"capital", "city", "admin1", "admin2", "landmark"})


@dataclass(frozen=True)
class Found:
    """A trigger and the cue it matched."""

    trigger: Token
    cue: Cue
    span: tuple[int, int]  # token indices [start, end) of the trigger words
    used: frozenset[int]  # tokens the cue used up besides the head
    content: Found | None = None  # the event a framing cue is about ("threatened to [strike]")


class Participants:
    """Turns argument head words into participants: entities where a mention holds the word."""

    def __init__(self, doc: Doc, entities: Sequence[Entity], places: Sequence[Place] = ()) -> None:
        self.doc = doc
        self.at: dict[int, tuple[Entity, Span]] = {}
        for entity in entities:
            for mention in entity.mentions:
                span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
                if span is not None:
                    for token in span:
                        self.at.setdefault(token.i, (entity, span))
        self.people = sorted(i for i, (e, s) in self.at.items() if e.type == "PERSON" and i == s.start)
        self.groups = sorted(i for i, (e, s) in self.at.items() if e.type != "PERSON" and i == s.start)
        self.countries = _country_entities(entities, places)
        self._country_places = [(p.start, p.country_code) for p in places
                                if p.feature == "country" and p.country_code in self.countries]
        self._governments = _capital_countries(entities, places, self.countries)

    def of(self, heads: Sequence[Token]) -> tuple[Participant, ...]:
        found: dict[str, Participant] = {}
        for head in (_past_dateline(h) for h in heads):
            if head is None:
                continue
            for token in (head, *head.conjuncts):
                for participant in self._pair(token) or self._coordination(token) or (self._one(token),):
                    if participant is not None:
                        participant = self._government(participant)
                        found.setdefault(participant.entity_id or participant.text.lower(), participant)
        return tuple(found.values())

    def _government(self, participant: Participant) -> Participant:
        """A national capital taking part in an event stands for its country's government ("Lima fixed
        the meeting", "talks with Washington"): the country's entity, with the capital's words."""
        country = self._governments.get(participant.entity_id or "")
        return participant if country is None else replace(participant, entity_id=country.id)

    def _pair(self, token: Token) -> tuple[Participant, ...]:
        """The two countries a counted plural stands for ("the two governments"), or none (module
        docstring): the two the article named most up to the phrase, or in all when fewer came before."""
        if token.lower_ not in _PAIR_NOUNS or token.i in self.at or not _counted_two(token):
            return ()
        phrase = self._phrase(token)
        for places in ([p for p in self._country_places if p[0] < token.idx], self._country_places):
            ranked = Counter(code for _, code in places).most_common(3)
            if len(ranked) >= 2:
                if len(ranked) == 3 and ranked[2][1] == ranked[1][1]:
                    return ()
                return tuple(Participant(self.countries[code].id, phrase.text, phrase.start, phrase.end)
                             for code, _ in ranked[:2])
        return ()

    def _one(self, token: Token) -> Participant | None:
        if token.lower_ in _ACTION_NOUNS:
            doer = _doer(token)
            return self._one(doer) if doer is not None else None
        if any(c.dep_ == "det" and c.tag_ == "WDT" for c in token.children):
            return None  # "which side asked for the delay" is what nobody knows
        body = _body_of_members(token)
        if body is not None:
            return self._one(body)
        counted = _counted_of(token)
        if counted is not None:  # "thousands of fishermen", "one of the protesters"
            return self._one(counted)
        if "\n" in token.text or (token.pos_ == "ADJ" and token.i not in self.at):
            return None
        named = self._named(token)
        if named is not None:
            return named
        low = token.lower_
        if low in _PERSONAL or low in _COLLECTIVE:
            return self._antecedent(token)
        if token.pos_ not in ("NOUN", "PROPN") or low in _SKIP_HEADS:
            return None
        return self._phrase(token)

    def _named(self, token: Token) -> Participant | None:
        for candidate in (token, *(c for c in token.children if c.dep_ == "appos")):
            hit = self.at.get(candidate.i)
            if hit is not None:
                entity, span = hit
                return Participant(entity.id, span.text, span.start_char, span.end_char)
        return None

    def _antecedent(self, pronoun: Token) -> Participant | None:
        """What a pronoun stands for (module docstring); "they" stays itself when unclear."""
        low = pronoun.lower_
        if low in _PERSONAL:
            found = self._person(pronoun)
            if found is not None:
                entity, span = self.at[found]
                return Participant(entity.id, span.text, span.start_char, span.end_char)
        else:
            group = self._group_before(pronoun)
            if group is not None:
                return group
        governing = self._governing_subject(pronoun, TITLE_HEADS if low in _PERSONAL else _GROUP_SINGULARS)
        if governing is not None:
            return governing
        if low in ("they", "them", "their"):
            return self._clear_group(pronoun) or Participant(None, pronoun.text, pronoun.idx,
                                                             pronoun.idx + len(pronoun))
        if low in _COLLECTIVE and low not in ("it", "its"):
            return Participant(None, pronoun.text, pronoun.idx, pronoun.idx + len(pronoun))
        return None

    def _coordination(self, pronoun: Token) -> tuple[Participant | None, ...]:
        """Each party of a coordination a plural pronoun stands for: "Chile and Peru said they would
        meet" has both countries meeting; empty when the pronoun stands for no coordination."""
        if pronoun.lower_ not in ("they", "them", "their"):
            return ()
        group = self._group_before(pronoun)
        span = None if group is None else self.doc.char_span(group.start, group.end, alignment_mode="expand")
        if span is None:
            return ()
        first = span.root.head if span.root.dep_ == "conj" else span.root
        members = (first, *first.conjuncts)
        if len(members) < 2 or any(m.i > pronoun.i for m in members):
            return ()
        return tuple(self._one(m) for m in members)

    def _group_before(self, pronoun: Token) -> Participant | None:
        """The group named last before ``pronoun`` in its sentence that agrees with it in number. A
        name modifying a noun stands for that noun's phrase: in "Dutch farmers said they would …",
        "they" are the Dutch farmers; in "the crew crossed into Chile after a Peruvian navy patrol
        boat seized their vessel", "their" is neither the boat nor Chile."""
        plural = pronoun.lower_ in ("they", "them", "their")
        k = bisect_left(self.groups, pronoun.i)
        while k and self.groups[k - 1] >= pronoun.sent.start:
            k -= 1
            entity, span = self.at[self.groups[k]]
            root = span.root
            if root.dep_ not in _NAMED_MODIFIERS:
                if _agrees(entity, root, plural):
                    return Participant(entity.id, span.text, span.start_char, span.end_char)
                continue
            head = root.head
            while head.dep_ in _NAMED_MODIFIERS and head.head.pos_ in ("NOUN", "PROPN"):
                head = head.head  # "Afghan rebel leaders": from "rebel" to "leaders"
            if head.pos_ in ("NOUN", "PROPN") and head.i < pronoun.i and _many(head) == plural:
                return self._named(head) or self._phrase(head)
        return None

    def _governing_subject(self, pronoun: Token, nouns: frozenset[str]) -> Participant | None:
        """For a subject pronoun no name accounts for, the unnamed subject of a clause governing its own,
        when that is a title or a body of the pronoun's kind: "the president said he would step down",
        "the government said it was ready to lift the curfew"; for "they", any plural: "organisers
        said they would hold a vigil"."""
        plural = pronoun.lower_ == "they"
        if pronoun.dep_ not in ("nsubj", "nsubjpass") or pronoun.lower_ in ("them", "their"):
            return None
        token = pronoun.head
        while token.head != token:
            token = token.head
            subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None:
                kind = subject.tag_ == "NNS" if plural else subject.lower_ in nouns
                if subject.i < pronoun.i and subject.pos_ == "NOUN" and kind and subject.i not in self.at:
                    return self._phrase(subject)
                return None
        return None

    def _person(self, pronoun: Token) -> int | None:
        """The mention a personal pronoun stands for: the person named last within a sentence back;
        for an object pronoun, not its clause's subject, and an argument mention before a possessor."""
        near = _sentences_back(pronoun, 1)
        far = _sentences_back(pronoun, PRONOUN_WINDOW)
        # people named from the farthest sentence looked at up to the pronoun, the nearest first
        window = slice(bisect_left(self.people, min(near, far)), bisect_left(self.people, pronoun.i))
        before = self.people[window][::-1]
        if pronoun.dep_ not in _OBJECT_DEPS:
            return next((i for i in before if i >= near), None)
        bound = self._bound(pronoun)
        free = [i for i in before if self.at[i][0].id not in bound]
        argument = next((i for i in free if i >= far and self.at[i][1].root.dep_ not in _MODIFIERS), None)
        return argument if argument is not None else next((i for i in free if i >= near), None)

    def _bound(self, pronoun: Token) -> set[str]:
        """The entities an object pronoun cannot be: its clause's subject, also through the clauses that
        control it ("they plan to go in and arrest him")."""
        verb = pronoun.head.head if pronoun.dep_ == "pobj" else pronoun.head
        subject, _ = _subject(verb) if verb.pos_ in ("VERB", "AUX") else (None, False)
        if subject is None or subject.i == pronoun.i:
            return set()
        participant = self._named(subject)
        if participant is None and subject.lower_ in ("he", "she"):
            participant = self._antecedent(subject)
        return {participant.entity_id} if participant is not None and participant.entity_id else set()

    def _clear_group(self, pronoun: Token) -> Participant | None:
        """The one group named as an argument in the pronoun's sentence or the one before, if exactly
        one: an organisation, a country or a plural group noun ("officials"), not an addressee."""
        found: dict[str, Token] = {}
        for token in self.doc[_sentences_back(pronoun, 1):pronoun.i]:
            if token.dep_ in (*_MODIFIERS, "conj") or (token.dep_ in ("dobj", "dative")
                                                        and token.head.lower_ in TOLD_VERBS):
                continue
            hit = self.at.get(token.i)
            if (hit is not None and hit[0].type in _GROUP_TYPES and token.i == hit[1].root.i
                    and _agrees(hit[0], token, plural=True)):
                found.setdefault(hit[0].id, token)
            elif hit is None and token.lower_ in _GROUP_NOUNS and token.pos_ == "NOUN":
                found.setdefault(token.lower_, token)
        if len(found) != 1:
            return None
        token = next(iter(found.values()))
        return self._named(token) or self._phrase(token)

    def _phrase(self, token: Token) -> Participant:
        """An unnamed group: the head word with the modifiers before it ("U.S. forces")."""
        start = token.i
        for child in token.lefts:
            if child.dep_ in _MODIFIERS and child.tag_ != "POS":
                start = min(start, child.left_edge.i)
        while start < token.i and (self.doc[start].dep_ in ("det", "case", "punct", "nummod", "predet")
                                   or self.doc[start].tag_ == "WP$"):  # not "whose son"
            start += 1
        span = self.doc[start:token.i + 1]
        return Participant(None, span.text, span.start_char, span.end_char)


def _agrees(entity: Entity, root: Token, plural: bool) -> bool:
    """Whether a group's mention agrees in number with a pronoun: "they" for plurals, peoples,
    coordinations and organisations ("Hamas said they …"), "it" for the rest."""
    many = _many(root) or entity.type == "NORP"
    return many == plural or (plural and entity.type == "ORG")


def _many(root: Token) -> bool:
    """Whether a noun phrase names more than one: a plural or a coordination."""
    return (root.tag_ in ("NNS", "NNPS") or root.dep_ == "conj"
            or any(c.dep_ == "conj" for c in root.children))


def _counted_of(token: Token) -> Token | None:
    """What a number or quantity before "of" counts: "thousands of fishermen" are fishermen acting."""
    if not (token.pos_ == "NUM" or token.lower_ in _QUANTITIES):
        return None
    of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return None if of is None else next((g for g in of.children if g.dep_ == "pobj"), None)


def _body_of_members(token: Token) -> Token | None:
    """The body whose members act: "the union, whose members walked out" is the union walking out. Not
    for other nouns: in "the minister, whose son was arrested" the son is arrested."""
    owner = next((c for c in token.children if c.dep_ == "poss" and c.tag_ == "WP$"), None)
    if owner is None or token.lower_ not in _MEMBERS or token.head.dep_ != "relcl":
        return None
    return token.head.head


def _counted_two(token: Token) -> bool:
    """Whether a plural is counted as two: "the two countries", "both governments"."""
    return any((c.dep_ == "nummod" and c.lower_ == "two") or (c.dep_ in ("det", "predet", "preconj")
                                                               and c.lower_ == "both")
               for c in token.children)


def _capital_countries(entities: Sequence[Entity], places: Sequence[Place],
                       countries: Mapping[str, Entity]) -> dict[str, Entity]:
    """Entity id of each national capital the places layer resolved → the entity of its country, for
    the countries the article names."""
    capitals = {(p.start, p.end): countries[p.country_code] for p in places
                if p.feature == "capital" and p.country_code is not None and p.country_code in countries}
    return {entity.id: country for entity in entities if entity.type in ("GPE", "LOC")
            for mention in entity.mentions if (country := capitals.get((mention.start, mention.end)))}


def _country_entities(entities: Sequence[Entity], places: Sequence[Place]) -> dict[str, Entity]:
    """The entity that names each country the places layer found: a country's name (GPE) before a
    demonym (NORP), keyed by country code."""
    codes = {(p.start, p.end): p.country_code for p in places if p.feature == "country" and p.country_code}
    found: dict[str, Entity] = {}
    for entity in sorted(entities, key=lambda e: e.type != "GPE"):
        if entity.type not in ("GPE", "NORP"):
            continue
        for mention in entity.mentions:
            code = codes.get((mention.start, mention.end))
            if code is not None:
                found.setdefault(code, entity)
    return found


def in_dateline(token: Token) -> bool:
    """A word at the very start of the text, before a dash or "(AP)", with no verb before it:
    "CARACAS, Venezuela (AP) — …"."""
    doc = token.doc
    if token.i >= rules.DATELINE_TOKENS:
        return False
    for t in doc[: rules.DATELINE_TOKENS]:
        if t.text in rules.DASHES or t.text == "(":
            return token.i < t.i
        if t.pos_ not in ("PROPN", "NUM", "PUNCT", "SPACE"):
            return False  # "Officials in Caracas (…)" is a sentence, not a dateline
    return False


def _past_dateline(head: Token) -> Token | None:
    """The argument a dateline stands in front of: the parser makes "ARICA, Chile, April 2 (Andes Wire)
    - Chile and Peru signed …" a sentence about Arica, with "Chile and Peru" in apposition to it."""
    if not in_dateline(head):
        return head
    return next((c for c in head.children if c.dep_ == "appos" and not in_dateline(c)
                 and not _parenthesised(c)), None)


def _parenthesised(token: Token) -> bool:
    """Whether ``token``'s phrase stands in brackets: the outlet's credit in "ARICA (Andes Wire) -"."""
    edge = token.left_edge
    return edge.text == "(" or (edge.i > 0 and edge.doc[edge.i - 1].text == "(")


def _sentences_back(token: Token, n: int) -> int:
    """The first token of the sentence ``n`` sentences before ``token``'s (or of the first one)."""
    start = token.sent.start
    for _ in range(n):
        if start == 0:
            break
        start = token.doc[start - 1].sent.start
    return start


def without_venues(cue: Cue, recipients: tuple[Participant, ...],
                   places: Sequence[Place]) -> tuple[Participant, ...]:
    """A visit's destination is its recipient only when it is a country (the host government):
    "traveled to Caracas" is a visit in Caracas, to no one named; "visited Peru" is one to Peru."""
    if cue.mode != "visit":
        return recipients
    venues = [(p.start, p.end) for p in places if p.feature in _VENUE_FEATURES and p.role == "place"]
    return tuple(r for r in recipients if not any(s < r.end and r.start < e for s, e in venues))


def _doer(action: Token) -> Token | None:
    """Who carried out an action noun: its possessor or named modifier ("Peru's operation"), else the
    subject of the verb it is the object of ("forces conducted an operation")."""
    for child in action.children:
        if child.dep_ == "poss" or (child.dep_ in _NAMED_MODIFIERS and child.ent_type_ in _PARTIES
                                    and child.tag_ not in _DESCRIBING):
            return child
    if action.dep_ in _OBJECTS and action.head.pos_ == "VERB":
        subject, passive = _subject(action.head)
        if subject is not None and not passive and subject.lower_ not in _ACTION_NOUNS:
            return subject
    return None


def arguments(item: Found, args: Participants) -> tuple[tuple[Participant, ...], tuple[Participant, ...],
                                                        Designation | None]:
    trigger, cue = item.trigger, item.cue
    if cue.pos == "N":
        actor_heads, recipient_heads = _noun_arguments(trigger, cue)
    else:
        actor_heads, recipient_heads = _verb_arguments(trigger, cue, item.used)
    designation = None
    if cue.frame == "deontic":  # "the minister said [Peru] must …": the speaker demands of the subject
        actor_heads, recipient_heads = _deontic_arguments(trigger)
    if cue.frame == "designation":
        target, label = _designated(trigger)
        if target is not None:
            recipient_heads = [target]
        designation = Designation(label, None, next(iter(args.of(recipient_heads)), None), None)
    # a cue's word that is the verb's subject still acts: "troops massed on the border" ("mass troops")
    # a cue word that is the subject still acts ("troops massed", "frigates that arrived"), unless it
    # is a weapon: in "mortar shells hit a residential area" whoever fired them is unnamed
    def acts(t: Token) -> bool:
        subject = (t.dep_ == "nsubj" and t.head == trigger) or (trigger.dep_ == "relcl" and t == trigger.head)
        return subject and (is_party(t) or cue.type == "MOBILIZE")

    actor_heads = [t for t in actor_heads if t.i != trigger.i and (t.i not in item.used or acts(t))]
    # an order to coerce is the coercion, so the act ordered is no recipient: whoever "ordered the
    # confiscation of the catch" confiscated the catch
    content = item.content
    ordered = content is not None and cue.frame == "order" and content.cue.type in ORDERED
    folded = content.trigger.i if ordered and content is not None else -1
    recipient_heads = [t for t in recipient_heads if t.i not in item.used and t.i not in (trigger.i, folded)]
    if "cue" in cue.recipients:  # the cue's own word names them: "took in thousands of [refugees]"
        recipient_heads += [trigger.doc[i] for i in sorted(item.used)]
    actors = args.of(actor_heads)
    keys = {a.entity_id or a.text.lower() for a in actors}
    recipients = tuple(r for r in args.of(recipient_heads) if (r.entity_id or r.text.lower()) not in keys)
    if not actors and "between" in cue.recipients and (len(recipients) > 1 or _joint(recipient_heads)):
        actors, recipients = recipients, ()  # "talks between A and B", "between the two sides": alike
    if item.content is not None and not recipients:
        inner_actors, inner, _ = arguments(item.content, args)
        recipients = tuple(r for r in (inner if inner_actors or cue.type != "REQUEST" else ())
                           if (r.entity_id or r.text.lower()) not in keys)
    return actors, recipients, designation


def is_requirement(item: Found) -> bool:
    """Whether a demand is a thing's requirement, not a party's request: "a post that demands full
    dedication", "what the agreement might demand of them", "the situation demands action". Only for
    the nouns in ``_REQUIRERS``: a body ("the union demanded") and a document ("the resolution demands
    a withdrawal", for whoever wrote it) still request."""
    if item.cue.type != "REQUEST" or item.cue.pos != "V" or item.cue.lemma not in _REQUIRING:
        return False
    subject, passive = _subject(item.trigger)
    return (subject is not None and not passive and subject.pos_ == "NOUN" and not subject.ent_type_
            and not _REQUIRERS.isdisjoint(lemmas(subject.lower_, subject.tag_)))


def _joint(heads: Sequence[Token]) -> bool:
    """One plural phrase after "between" names both sides at once: "talks between the two sides"."""
    return (len(heads) == 1 and heads[0].tag_ in ("NNS", "NNPS") and heads[0].dep_ == "pobj"
            and heads[0].head.lower_ == "between")


def is_party(token: Token) -> bool:
    """Whether a subject can be asked to act: a name, a personal or collective pronoun, or a group noun
    ("officials", "forces"), not a thing ("prices")."""
    low = token.lower_
    return (token.ent_type_ in _PARTIES or low in _PERSONAL or low in _COLLECTIVE or low in _GROUP_NOUNS
            or low in _GROUP_SINGULARS or any(is_party(c) for c in token.children if c.dep_ == "conj"))


def _deontic_arguments(modal: Token) -> tuple[list[Token], list[Token]]:
    """The speaker of the verb reporting a deontic clause, and the clause's subject."""
    clause = modal.head
    speaker, _ = _subject(clause.head)
    subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
    return ([speaker] if speaker is not None else []), ([subject] if subject is not None else [])


def _verb_arguments(verb: Token, cue: Cue, used: frozenset[int]) -> tuple[list[Token], list[Token]]:
    actors: list[Token] = []
    recipients: list[Token] = []
    subject, passive = _subject(verb)
    if subject is not None and subject.lower_ in _CHOSEN and subject.head.lower_ in _BE_FORMS:
        actors.extend(_whose(subject))  # "its purpose is to support the coast guard": its owner supports
    elif subject is not None:
        (recipients if passive or cue.subject_is_recipient else actors).append(subject)
    for child in verb.children:
        if child.dep_ == "agent":
            actors.extend(g for g in child.children if g.dep_ == "pobj")
    recipients.extend(_slots(verb, cue.recipients))
    for word in used:  # "imposed sanctions [on Peru]", "cut ties [with Chile]"
        recipients.extend(_slots(verb.doc[word], _prepositions(cue)))
    return actors, [party for token in recipients for party in _parties_in(token)]


def _parties_in(token: Token) -> list[Token]:
    """A recipient that is a thing stands for the parties its phrase names: "condemned an attack [by
    Bolivian soldiers]", "welcomed the resumption of ties [with Chile]", "memos sent [by Peru]".
    Breadth first through ``_INNER_PARTY`` prepositions and passive agents, at most three steps down;
    the thing itself when none is found, or when it is a party or a named place already."""
    if is_party(token) or token.ent_type_ or token.pos_ not in ("NOUN", "PROPN"):
        return [token]
    level = [token]
    for _ in range(3):
        level = [g for t in level for c in t.children for g in _inner(c)]
        parties = [t for t in level if is_party(t)]
        if parties:
            return parties
    return [token]


def _inner(child: Token) -> Iterator[Token]:
    """The words one step below a phrase's child: a preposition's object, a participle's agent."""
    if child.dep_ == "prep" and child.lower_ in _INNER_PARTY:
        yield from (g for g in child.children if g.dep_ == "pobj")
    elif child.dep_ == "acl":  # "memos sent by Bree"
        yield from (g for a in child.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj")


def _subject(verb: Token) -> tuple[Token | None, bool]:
    """The verb's subject and whether it is a passive one, looking up through the clauses it hangs
    from ("intends to speak", "was captured and flown", "urged X to go": X). The passive of a verb
    above an infinitive is not the infinitive's: in "the visit was designed to open talks" the visit
    opens them."""
    if _stative(verb):  # "the vessel will remain impounded": the vessel is what was impounded
        subject = next((c for c in verb.head.children if c.dep_ in _SUBJECTS), None)
        return subject, subject is not None
    active = False  # climbed out of an active infinitive
    for _ in range(4):
        for child in verb.children:
            if child.dep_ in _SUBJECTS or child.dep_ == "nsubjpass":
                passive = child.dep_ == "nsubjpass" and not active
                if child.lower_ in _RELATIVE and verb.dep_ == "relcl":
                    return verb.head, passive
                return child, passive
        if verb.dep_ == "acl" and verb.tag_ == "VBN":
            return verb.head, not active  # "the meeting, ordered by Trump"
        climbs = verb.dep_ in _CLIMBED or misread_progressive(verb)
        if not climbs or verb.head == verb:
            return None, False
        if verb.dep_ == "xcomp":
            active = active or not any(c.dep_ == "auxpass" for c in verb.children)
            controller = next((c for c in verb.head.children if c.dep_ in _OBJECTS), None)
            if controller is not None:
                return controller, False
        verb = verb.head
    return None, False


def _stative(verb: Token) -> bool:
    """A participle completing a verb of state: "remained impounded", "stays detained", "was kept
    seized" reads as a passive whose subject is the verb of state's."""
    return (verb.tag_ == "VBN" and verb.dep_ in ("acomp", "xcomp", "oprd")
            and not _STATE_VERBS.isdisjoint(lemmas(verb.head.lower_, verb.head.tag_)))


def misread_progressive(verb: Token) -> bool:
    """The small model often reads "Qatar is mediating" as "is" with a predicate "mediating": a verb
    form in -ing that is the attribute of "be" is the progressive of that verb."""
    return verb.tag_ == "VBG" and verb.dep_ == "attr" and verb.head.lower_ in _BE_FORMS


def _slots(head: Token, slots: Sequence[str]) -> Iterator[Token]:
    """The words standing in the cue's recipient slots under ``head``."""
    for child in head.children:
        dep = child.dep_
        # The parser labels the "to" of "provided weapons to Israel" dative: its object is the dative.
        dative_to = dep == "dative" and child.pos_ == "ADP"
        objects = "obj" in slots or (dep == "dative" and "dative" in slots)
        if objects and (dep in _OBJECTS or dep == "dative") and not dative_to:
            yield child
        elif (dep in ("prep", "dative") and child.lower_ in slots) or (dative_to and "dative" in slots):
            # not a date: "demand on Friday"
            yield from (g for g in child.children if g.dep_ == "pobj" and g.ent_type_ not in _TIMES)
        elif "comp" in slots and (dep == "ccomp" or (dep == "acl" and any(  # "its demand that Chile …"
                m.dep_ == "mark" and m.lower_ == "that" for m in child.children))):
            yield from (g for g in child.children if g.dep_ in ("nsubj", "nsubjpass"))
        if dep in _OBJECTS and "poss" in slots:  # "rejected a US offer", "Maduro's assets"
            owners = [g for g in child.children if g.dep_ == "poss" or (g.dep_ in _NAMED_MODIFIERS
                      and g.ent_type_)]
            # else the party the thing's phrase names: "rejected the offer of aid [from Colombia]"
            yield from owners or (p for p in _parties_in(child) if p != child)


def _noun_arguments(trigger: Token, cue: Cue) -> tuple[list[Token], list[Token]]:
    noun = trigger.head if trigger.dep_ == "compound" and trigger.head.lower_ in _UNDERTAKINGS else trigger
    actors: list[Token] = []
    recipients: list[Token] = list(_slots(noun, cue.recipients))
    counted = partitive_of(trigger)
    if counted is not None:  # "held a round of talks with X": the round's verb and slots are the talks'
        recipients = recipients or list(_slots(counted, cue.recipients))
        noun = counted
    for child in noun.children:
        if child.dep_ == "poss":
            (recipients if cue.possessor_is_recipient else actors).append(child)
        elif child.dep_ == "prep" and child.lower_ == "of" and cue.of_is_actor:
            doers = [g for g in child.children if g.dep_ == "pobj" and (is_party(g) or g.pos_ == "PROPN")]
            actors.extend(doers)
            # "the visit of President Ruiz to Peru": the parser hangs "to" on the name
            recipients = recipients or [r for d in doers for r in _slots(d, _prepositions(cue))]
        elif (child.dep_ in _NAMED_MODIFIERS and child.ent_type_ in _PARTIES and child != trigger
              and child.tag_ not in _DESCRIBING and noun.ent_iob_ != "I"):
            actors.append(child)
        elif child.dep_ in ("prep", "agent") and child.lower_ == "by":
            actors.extend(g for g in child.children if g.dep_ == "pobj")
        elif child.dep_ == "acl" and child.tag_ == "VBN":  # "the agreement reached by the two governments"
            actors.extend(g for a in child.children if a.dep_ == "agent"
                          for g in a.children if g.dep_ == "pobj")
    if not actors:
        governor = _governor(noun)
        if governor is not None:
            subject, passive = _subject(governor)
            if subject is not None and _chosen(noun, governor, subject):
                actors.extend(_whose(subject))
            elif subject is not None and governor.lower_ in _BE_FORMS and _topic(subject):
                pass  # "the main topic was economic cooperation": a topic does not cooperate
            elif subject is not None:
                (recipients if passive or _held(noun) else actors).append(subject)
            if not recipients:
                recipients.extend(_slots(governor, _prepositions(cue)))
    return actors, recipients


def _topic(subject: Token) -> bool:
    """Whether the subject of "be" is a thing an event is said to be, not a party or an action that
    stands for its doer ("one of the topics was cooperation", not "the visit was a meeting")."""
    counted = _counted_of(subject) or subject
    return not is_party(counted) and counted.lower_ not in _ACTION_NOUNS and counted.lower_ not in _SKIP_HEADS


def _prepositions(cue: Cue) -> list[str]:
    """The cue's recipient slots that a preposition fills ("talks [with] Chile")."""
    return [slot for slot in cue.recipients if slot not in ("obj", "comp")]


def _held(noun: Token) -> bool:
    """Whether the governing verb's subject is who is held: "the crew spent ten days in detention",
    "remained in custody"; not "resulted in the capture of …", an act rather than a state."""
    return noun.lower_ in _HOLDING and noun.dep_ == "pobj" and noun.head.lower_ == "in"


def _chosen(noun: Token, governor: Token, subject: Token) -> bool:
    """Whether ``noun`` is what a choice-noun subject is ("the government's answer is a meeting")."""
    return noun.dep_ == "attr" and governor.lower_ in _BE_FORMS and subject.lower_ in _CHOSEN


def _whose(noun: Token) -> list[Token]:
    """Whom a noun belongs to: its possessor ("the government's answer") or its "of" ("the answer of
    the government")."""
    for child in noun.children:
        if child.dep_ == "poss":
            return [child]
        if child.dep_ == "prep" and child.lower_ == "of":
            return [g for g in child.children if g.dep_ == "pobj"]
    return []


def partitive_of(noun: Token) -> Token | None:
    """The noun counting ``noun`` ("a round of talks", "ten days of war games"), if any."""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in rules.PARTITIVE_NOUNS:
        return head.head if _counting(head.head) else None
    return None


_TIME_UNITS = frozenset("day hour week month year night".split())
_COUNTING_DETERMINERS = frozenset("a an another each every".split())


def _counting(noun: Token) -> bool:
    """Whether a partitive noun counts its event ("ten days of war games", "a round of talks", "the
    third day of protests") rather than dates it ("on the night of the seizure")."""
    if noun.lower_ not in _TIME_UNITS:
        return True
    return any(c.dep_ == "nummod" or c.ent_type_ == "ORDINAL"
               or (c.dep_ == "det" and c.lower_ in _COUNTING_DETERMINERS) for c in noun.children)


def _governor(noun: Token) -> Token | None:
    """The verb a noun is the object of, directly or through a preposition ("held talks",
    "traveled to Caracas for a meeting"), not one that only sets the scene: whoever "imposed a curfew
    after the riots" did not riot."""
    head = noun.head
    if noun.dep_ in ("dobj", "attr", "oprd") and head.pos_ in ("VERB", "AUX"):
        return None if _relating(head) else head
    if (noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ == "VERB"
            and head.lower_ not in _NO_DOER_PREPOSITIONS and not _relating(head.head)):
        return head.head
    return None


def _relating(verb: Token) -> bool:
    words = lemmas(verb.lower_, verb.tag_)
    return (not _NO_DOER_VERBS.isdisjoint(words)
            or ("call" in words and any(c.dep_ == "oprd" for c in verb.children)))  # "called it an act"


def _designated(trigger: Token) -> tuple[Token | None, str]:
    """The target and label of a designation: "designated X a …", "designated X as …",
    "the designation of X as …"."""
    children = list(trigger.children)
    objects = [c for c in children if c.dep_ in (*_OBJECTS, "dative", "oprd", "attr")]
    label_head = next((g for c in children if c.dep_ == "prep" and c.lower_ == "as"
                       for g in c.children if g.dep_ == "pobj"), None)
    target = next((g for c in children if c.dep_ == "prep" and c.lower_ == "of"
                   for g in c.children if g.dep_ == "pobj"), None)
    if label_head is None and len(objects) >= 2:
        target, label_head = objects[0], objects[-1]
    elif objects:
        target = objects[0]
    if label_head is None:
        modifiers = [c for c in trigger.lefts if c.dep_ in ("compound", "amod")]
        return target, " ".join(m.text for m in modifiers) or trigger.lower_
    words = [t for t in label_head.subtree if t.dep_ not in ("det", "punct") or t.i > label_head.i]
    return target, " ".join(t.text for t in words)
