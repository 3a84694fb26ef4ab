"""PETRARCH's unit-test records (openeventdata/petrarch2, ``PETR.UnitTest.records.xml``): stylised
sentences about fictional actors (Arnor, Gondor, Frodo …) with the CAMEO events they should yield.

Reading the records:

* each ``<Sentence>`` holds ``<EventCoding sourcecode targetcode eventcode/>`` elements, one per expected
  event; ``<EventCoding noevents="True"/>``, or no ``EventCoding`` at all, means no event is expected;
* codings with an ``error`` attribute (a bad parse, a dateline, a sports or weather story PETRARCH
  discards) test PETRARCH's own input handling, not event coding: those seven sentences are left out,
  and so is the ``FINAL-RECORD`` sentinel that announces the end of the test run;
* the text's line breaks are the file's wrapping and become spaces.

The dictionaries (``PETR.Validate.actors.txt``, ``.agents.txt``) are the knowledge base: actor names
(with ``+`` synonyms and date-restricted codes) become ``entity_ruler`` patterns ahead of spaCy's NER,
and a participant's text is mapped back to a code as PETRARCH would write it: the actor's code followed by
an agent's (``Arnor`` ARN + ``foreign minister`` ~GOVFRM = ARNGOVFRM; ``---GOV`` for an agent alone).

Scoring, per sentence:

* ``root_accuracy``: over sentences with expected events, some coded event has the CAMEO root (the first
  two digits) of some expected one. The expected codes are mostly WEIS, not CAMEO (the validation verb
  dictionary says so of itself), so this compares two code systems and stays low whatever the coder does;
* ``type_accuracy``: over sentences with an expected code that ``weis_types`` maps to PLOVER types, some
  coded event has one of those types (its ``type`` or its PLOVER view ``plover_type``);
* ``source_match`` / ``target_match``: on the best pairing of a coded and an expected event (type first,
  then source, then target), an actor (recipient) maps to the expected source (target) code; an expected
  ``---`` (no actor) matches an event without one, a quoted new actor (``"THE MINISTRY OF MAGIC"``)
  matches by folded text;
* ``full_match``: type, source and target all right on that pairing;
* ``false_positive_rate``: over sentences expecting no event, the share where any event is coded.

UD-PETRARCH reports 68% true positives with 23% false positives on its validation records.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar, cast

from newsgraph.dyads import DyadRule
from newsgraph.evaluation.events import HALVES, Predictor, in_half
from newsgraph.names import fold
from newsgraph.nlp.event_lexicon import plover_type
from newsgraph.nlp.records import Event, Participant

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.pipeline import EntityRuler

T = TypeVar("T")

RECORDS = "PETR.UnitTest.records.xml"
ACTORS = "PETR.Validate.actors.txt"
AGENTS = "PETR.Validate.agents.txt"
SENTINEL = "FINAL-RECORD"
NO_ACTOR = "---"
# The entity label the fictional actors get: a neutral one, so that the places layer leaves them alone.
ACTOR_LABEL = "ORG"


@dataclass(frozen=True)
class Coding:
    source: str
    target: str
    code: str

    @property
    def root(self) -> str:
        return self.code[:2]


@dataclass(frozen=True)
class Settings:
    """The coder settings a record is coded under, as PETRARCH's ``<Config option value>`` elements set
    them for the records after them; the defaults are PETRARCH's (``PETR_config.ini``). Only the two
    that decide whether an event is coded at all are read; the comma-clause lengths concern its parser."""

    require_dyad: bool = True  # an event needs a source and a target
    new_actor_length: int = 0  # a noun phrase of at most this many words may stand as a new actor

    def set(self, option: str, value: str) -> Settings:
        if option == "require_dyad":
            return replace(self, require_dyad=value.strip().lower() == "true")
        if option == "new_actor_length" and value.strip().isdigit():
            return replace(self, new_actor_length=int(value))
        return self


@dataclass(frozen=True)
class GoldSentence:
    index: int  # position among all <Sentence> elements in file order: even = dev, odd = test
    id: str
    date: date | None
    text: str
    codings: tuple[Coding, ...]
    settings: Settings = Settings()


def read_sentences(path: Path) -> list[GoldSentence]:
    """The scored sentences in file order (``path`` is the XML file or the folder holding it), each with
    the coder settings that the ``<Config>`` elements before it left in force."""
    file = path / RECORDS if path.is_dir() else path
    sentences = []
    settings = Settings()
    index = 0
    for element in ET.parse(file).getroot().iter():
        if element.tag == "Config":
            settings = settings.set(element.get("option", ""), element.get("value", ""))
            continue
        if element.tag != "Sentence":
            continue
        index += 1
        codings = element.findall("EventCoding")
        if element.get("id") == SENTINEL or any(c.get("error") for c in codings):
            continue
        sentences.append(GoldSentence(
            index=index - 1,
            id=element.get("id", ""),
            date=_date(element.get("date", "")),
            text=" ".join((element.findtext("Text") or "").split()),
            codings=tuple(Coding(c.get("sourcecode", ""), c.get("targetcode", ""), c.get("eventcode", ""))
                          for c in codings if c.get("eventcode")),
            settings=settings,
        ))
    return sentences


def _date(value: str) -> date | None:
    digits = value.strip()
    if not re.fullmatch(r"\d{8}", digits):
        return None
    return date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))


# The knowledge base -------------------------------------------------------------------------------

@dataclass(frozen=True)
class CodeBlock:
    """An actor's code, valid ``after`` (exclusive) and ``before`` (exclusive) the given dates when set;
    a range ``a - b`` is inclusive."""

    code: str
    after: date | None = None
    before: date | None = None

    def applies(self, when: date) -> bool:
        return (self.after is None or when > self.after) and (self.before is None or when < self.before)


@dataclass(frozen=True)
class Actor:
    names: tuple[str, ...]  # as written, ``_`` read as a space
    default: str | None
    restricted: tuple[CodeBlock, ...]

    def code(self, when: date | None) -> str | None:
        """The first date-restricted code that applies on ``when``, else the default."""
        if when is not None:
            for block in self.restricted:
                if block.applies(when):
                    return block.code
        return self.default


@dataclass(frozen=True)
class Agent:
    names: tuple[str, ...]
    code: str  # without the ~
    prefix: bool  # ``NGO~``: the agent's code goes before the actor's


@dataclass(frozen=True)
class Dictionaries:
    actors: tuple[Actor, ...]
    agents: tuple[Agent, ...]


def read_dictionaries(folder: Path) -> Dictionaries:
    return Dictionaries(tuple(read_actors(folder / ACTORS)), tuple(read_agents(folder / AGENTS)))


def _lines(path: Path) -> Iterator[str]:
    """Lines without comments (``#`` to the end, lines opening with ``<``), right-stripped."""
    for line in path.read_text("utf-8").splitlines():
        if line.lstrip().startswith("<"):
            continue
        yield line.split("#", 1)[0].rstrip()


_CODE = re.compile(r"\[([^\]]*)\]")
_BLOCK = re.compile(r"^\s*([^\s<>]+)\s*(?:([<>])\s*(\d{6}|\d{8})|(\d{6}|\d{8})\s*-\s*(\d{6}|\d{8}))?\s*$")


def read_actors(path: Path) -> list[Actor]:
    """Actor entries: ``NAME [CODE]``, ``+SYNONYM`` lines, and indented ``[CODE <date]`` blocks."""
    entries: list[tuple[list[str], list[str]]] = []
    for line in _lines(path):
        stripped = line.strip()
        if not stripped:
            continue
        if line[0].isspace() and stripped.startswith("[") and entries:
            entries[-1][1].extend(_CODE.findall(stripped))
        elif stripped.startswith("+") and entries:
            entries[-1][0].append(_name(stripped[1:]))
        else:
            entries.append(([_name(_CODE.sub("", stripped))], _CODE.findall(stripped)))
    return [_actor(names, codes) for names, codes in entries]


def _name(raw: str) -> str:
    return " ".join(raw.replace("_", " ").split())


def _actor(names: list[str], codes: list[str]) -> Actor:
    default, restricted = None, []
    for raw in codes:
        match = _BLOCK.match(raw)
        if not match:
            continue
        code, sign, when, first, last = match.groups()
        if sign == "<":
            restricted.append(CodeBlock(code.upper(), before=_day(when)))
        elif sign == ">":
            restricted.append(CodeBlock(code.upper(), after=_day(when)))
        elif first:
            restricted.append(CodeBlock(code.upper(), after=_day(first, -1), before=_day(last, 1)))
        elif default is None:
            default = code.upper()
    return Actor(tuple(n for n in names if n), default, tuple(restricted))


def _day(digits: str, shift: int = 0) -> date:
    """``YYMMDD`` (19xx from 30 on, else 20xx) or ``YYYYMMDD``, moved by ``shift`` days."""
    if len(digits) == 6:
        century = "19" if int(digits[:2]) >= 30 else "20"
        digits = century + digits
    day = date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    return date.fromordinal(day.toordinal() + shift)


_AGENT = re.compile(r"^(?P<name>[^{\[]+?)\s*(?:\{(?P<plural>[^}]*)\})?\s*\[\s*(?P<code>[^\]]*?)\s*\]")
_SUBSTITUTION = re.compile(r"^(!\w+!)\s*=\s*(.+)$")


def read_agents(path: Path) -> list[Agent]:
    """Agent entries ``NAME {PLURAL} [~CODE]``, with ``!SET! = A, B`` substitutions expanded and
    regular plurals added unless ``{}`` says there are none or a substitution set brings its own."""
    sets: dict[str, list[str]] = {}
    agents = []
    for line in _lines(path):
        if match := _SUBSTITUTION.match(line.strip()):
            sets[match.group(1)] = [w.strip() for w in match.group(2).split(",") if w.strip()]
        elif match := _AGENT.match(line.strip()):
            code = match.group("code").replace(" ", "")
            name = _name(match.group("name"))
            singular = _expand(name, sets)
            plural = match.group("plural")
            if plural is not None:
                plurals = [_name(p) for p in plural.split(",") if p.strip()]
            else:  # a substitution set lists its plurals itself (MINISTER, MINISTERS)
                plurals = [] if "!" in name else [_plural(n) for n in singular]
            agents.append(Agent(tuple(dict.fromkeys(singular + plurals)), code.strip("~").upper(),
                                code.endswith("~")))
    return agents


def _expand(name: str, sets: dict[str, list[str]]) -> list[str]:
    for marker, words in sets.items():
        if marker in name:
            return [expanded for word in words for expanded in _expand(name.replace(marker, word), sets)]
    return [name]


def _plural(name: str) -> str:
    if name.upper().endswith("MAN"):
        return name[:-3] + name[-3] + "EN"
    if re.search(r"[^AEIOU]Y$", name.upper()):
        return name[:-1] + "IES"
    if re.search(r"(S|X|CH|SH)$", name.upper()):
        return name + "ES"
    return name + "S"


def ruler_patterns(dictionaries: Dictionaries) -> list[dict[str, str]]:
    """``entity_ruler`` phrase patterns for every actor name and synonym, lower-cased."""
    return [{"label": ACTOR_LABEL, "pattern": name.lower()}
            for actor in dictionaries.actors for name in actor.names]


def with_actors(nlp: Language, dictionaries: Dictionaries) -> Language:
    """``nlp`` with the fictional actors as an ``entity_ruler`` ahead of its NER (changed in place)."""
    ruler = cast("EntityRuler", nlp.add_pipe("entity_ruler", name="petrarch_actors", before="ner",
                                             config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True}))
    ruler.add_patterns(ruler_patterns(dictionaries))  # type: ignore[arg-type]
    return nlp


_POSSESSIVE = re.compile(r"['’]s\b", re.IGNORECASE)


def _words(text: str) -> list[str]:
    return fold(_POSSESSIVE.sub(" ", text).replace(",", " ")).split()


def _find(words: Sequence[str], phrase: Sequence[str]) -> bool:
    n = len(phrase)
    return n > 0 and any(list(words[i:i + n]) == list(phrase) for i in range(len(words) - n + 1))


def code_of(text: str, when: date | None, dictionaries: Dictionaries) -> str | None:
    """The PETRARCH code of a participant's text: the longest actor name in it, with the longest agent."""
    words = _words(text)
    actor_code = _longest(((_words(n), a.code(when)) for a in dictionaries.actors for n in a.names), words)
    agent = _longest(((_words(n), g) for g in dictionaries.agents for n in g.names), words)
    if agent is None:
        return actor_code
    if actor_code is None:
        return agent.code if agent.prefix else NO_ACTOR + agent.code
    bases = actor_code.split("/")
    return "/".join(agent.code + base if agent.prefix else base + agent.code for base in bases)


def _longest(entries: Iterable[tuple[list[str], T | None]], words: Sequence[str]) -> T | None:
    best: tuple[int, T | None] = (0, None)
    for phrase, value in entries:
        if value is not None and len(phrase) > best[0] and _find(words, phrase):
            best = (len(phrase), value)
    return best[1]


# WEIS categories (McClelland's World Event/Interaction Survey, whose codes KEDS and this validation
# dictionary started from) to the PLOVER types that cover them. 02 (comment) and 14 (deny) are no PLOVER
# event; codes the dictionary invented to test its own patterns (9xx, 345, 802 …) have no category.
WEIS_TYPES: dict[str, frozenset[str]] = {k: frozenset(v.split()) for k, v in {
    "01": "CONCEDE RETREAT",  # yield: surrender, retreat, admit wrongdoing
    "03": "CONSULT",  # consult: meet, visit, receive a visit
    "04": "SUPPORT",  # approve: praise, endorse
    "05": "AGREE",  # promise
    "06": "SUPPORT COOPERATE CONCEDE RETREAT",  # grant: apologize, recognize, resume relations, release
    "07": "AID",  # reward: economic, military, other assistance
    "08": "AGREE COOPERATE",  # agree: substantive agreement, agree to future action
    "09": "REQUEST",  # request
    "10": "REQUEST AGREE",  # propose: offer a proposal, urge
    "11": "REJECT",  # reject
    "12": "ACCUSE",  # accuse: charge, criticize, denounce
    "13": "ACCUSE PROTEST",  # protest: complain, formal protest
    "15": "REQUEST",  # demand
    "16": "THREATEN",  # warn
    "17": "THREATEN",  # threaten
    "18": "PROTEST MOBILIZE",  # demonstrate: nonmilitary demonstration, armed force display
    "19": "SANCTION REJECT",  # reduce relationship: cancel an event, recall, halt aid or talks, break ties
    "20": "SANCTION COERCE",  # expel
    "21": "COERCE",  # seize: seize, detain, arrest
    "22": "ASSAULT",  # force
}.items()}
# Codes the dictionary took from CAMEO instead (four digits, and EXTRADITE 174): CAMEO2PLOVER's type.
CAMEO_CODES = {"1711": frozenset({"COERCE"}), "1721": frozenset({"COERCE"}),
               "1717": frozenset({"SANCTION"}), "174": frozenset({"COERCE", "THREATEN"})}


def weis_types(code: str) -> frozenset[str]:
    """The PLOVER types an expected code stands for; empty when it has no WEIS category."""
    base = code.rstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    if base in CAMEO_CODES:
        return CAMEO_CODES[base]
    return WEIS_TYPES.get(code[:2], frozenset()) if len(base) == 3 else frozenset()


def _type_matches(coding: Coding, event: Event) -> bool:
    expected = weis_types(coding.code)
    return bool(expected) and bool({event.type, plover_type(event.type, event.status)} & expected)


# Scoring ------------------------------------------------------------------------------------------

def _code_matches(gold: str, participants: Sequence[Participant], when: date | None,
                  dictionaries: Dictionaries) -> bool:
    if gold.startswith('"'):
        name = gold.strip('"')
        return any(fold(name) in fold(p.text) or fold(p.text) in fold(name) for p in participants if p.text)
    codes = {code_of(p.text, when, dictionaries) for p in participants}
    if gold == NO_ACTOR:  # PETRARCH found no actor: neither may we, beyond words it has no code for
        return codes <= {None}
    return any(code is not None and gold.upper() in code.split("/") for code in codes)


def _pairing(sentence: GoldSentence, events: Sequence[Event],
             dictionaries: Dictionaries) -> tuple[bool, bool, bool]:
    """(type, source, target) on the best pairing of an expected and a coded event."""
    best = (False, False, False)
    for coding in sentence.codings:
        for event in events:
            result = (_type_matches(coding, event),
                      _code_matches(coding.source, event.actors, sentence.date, dictionaries),
                      _code_matches(coding.target, event.recipients, sentence.date, dictionaries))
            best = max(best, result)
    return best


def _root(sentence: GoldSentence, events: Sequence[Event]) -> bool:
    return any(event.cameo[:2] == coding.root for coding in sentence.codings for event in events)


def _typed(sentence: GoldSentence, events: Sequence[Event]) -> bool | None:
    """Whether some event has a type the expected codes stand for; None when no code maps to one."""
    if not any(weis_types(c.code) for c in sentence.codings):
        return None
    return any(_type_matches(c, e) for c in sentence.codings for e in events)


@dataclass(frozen=True)
class Scores:
    half: str
    event_sentences: int
    no_event_sentences: int
    root_accuracy: float
    type_accuracy: float
    source_match: float
    target_match: float
    full_match: float
    false_positive_rate: float

    def figures(self) -> dict[str, float]:
        """The measures the suite reports and the gate pins (a ceiling for the false-positive rate)."""
        return {"root_accuracy": self.root_accuracy, "type_accuracy": self.type_accuracy,
                "source_match": self.source_match,
                "target_match": self.target_match, "full_match": self.full_match,
                "false_positive_rate": self.false_positive_rate}


def score(pairs: Iterable[tuple[GoldSentence, Sequence[Event]]], dictionaries: Dictionaries,
          half: str = "all") -> Scores:
    """Scores over ``(gold sentence, events coded in it)`` pairs."""
    pairs = list(pairs)
    expected = [_pairing(s, events, dictionaries) for s, events in pairs if s.codings]
    roots = [_root(s, events) for s, events in pairs if s.codings]
    typed = [t for s, events in pairs if s.codings and (t := _typed(s, events)) is not None]
    quiet = [bool(events) for s, events in pairs if not s.codings]
    return Scores(
        half=half,
        event_sentences=len(expected),
        no_event_sentences=len(quiet),
        root_accuracy=_share(roots),
        type_accuracy=_share(typed),
        source_match=_share(source for _, source, _ in expected),
        target_match=_share(target for _, _, target in expected),
        full_match=_share(all(result) for result in expected),
        false_positive_rate=_share(quiet),
    )


def _share(flags: Iterable[bool]) -> float:
    values = list(flags)
    return sum(values) / len(values) if values else 0.0


def dyadic(sentence: GoldSentence, events: Sequence[Event], dictionaries: Dictionaries) -> tuple[Event, ...]:
    """The events PETRARCH's own settings for ``sentence`` let stand: with ``require_dyad``, those with
    an actor and a recipient that its dictionaries code, or that are new actors short enough."""
    if not sentence.settings.require_dyad:
        return tuple(events)
    rule = DyadRule(sentence.settings.new_actor_length)

    def known(participant: Participant) -> bool:
        return code_of(participant.text, sentence.date, dictionaries) is not None

    return tuple(e for e in events if rule.dyadic(e.actors, e.recipients, known))


def evaluate(folder: Path, predict: Predictor,
             halves: Sequence[str] = HALVES) -> list[tuple[Scores, Scores]]:
    """Code every scored sentence once (dated as the record is) and score each half twice: every event
    coded, and only the events the records' settings let stand (``dyadic``)."""
    dictionaries = read_dictionaries(folder)
    gold = read_sentences(folder)
    events = predict([(s.text, s.date) for s in gold])
    pairs = list(zip(gold, events, strict=True))
    kept = [(s, dyadic(s, found, dictionaries)) for s, found in pairs]
    return [(score([p for p in pairs if in_half(p[0].index, half)], dictionaries, half),
             score([p for p in kept if in_half(p[0].index, half)], dictionaries, half))
            for half in halves]
