"""SemEval-2015 Task 4 TimeLine, Track A: cross-document timelines of target entities from raw text.

Reading: each corpus folder (``corpus_1`` …) holds the raw documents as CAT XML
(``corpus_trackA_CAT``: tokens with their sentence numbers, and the document creation time as a
``TIMEX3`` with ``functionInDocument="CREATION_TIME"``), the target entities
(``list_target_entities_corpus_N.txt``) and the gold timelines (``TimeLines_Gold_Standard/<entity>.txt``,
lines ``order <TAB> date <TAB> docid-sentence-word …``; mentions on one line are one event; order 0
with date ``XXXX-XX-XX`` holds the events that cannot be placed).

newsgraph's timelines (``build_timelines``): every document is analysed with its creation time as the
publication date. An event enters an entity's timeline when one of its actors or recipients, or the
entity it stands for, names the target (its folded words contain the target's). It is written as
``docid-sentence-trigger`` and dated by its ``EventDate``, or else by the document's creation time;
dates are ordered, partial ones (``2008-XX-XX``) before the days in them.

Scoring (``score``) follows the task's evaluation tool as its web page describes it: each timeline
becomes a graph whose nodes are the event mentions and one TIMEX3 per date; each mention is
SIMULTANEOUS with its date's TIMEX3 and with the mentions of its own order, and BEFORE the mentions
of every later order (order 0 is unordered). Graphs are compared with the temporal awareness of
UzZaman and Allen (2011), as in TempEval-3: precision = |S⁻ ∩ G⁺| / |S⁻| and recall = |G⁻ ∩ S⁺| / |G⁻|,
where ⁺ is the closure of a graph and ⁻ its reduced graph; counts are summed over all timelines
(micro average). See docs/evaluation-coref.md for where this may differ from the official script.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import combinations, pairwise
from pathlib import Path

from newsgraph.names import fold
from newsgraph.nlp.records import Analysis, Event, Participant

CORPORA = ("corpus_1", "corpus_2", "corpus_3")
DOCUMENTS = "corpus_trackA_CAT"
GOLD = "TimeLines_Gold_Standard"
UNKNOWN_DATE = "XXXX-XX-XX"

_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


@dataclass(frozen=True)
class Entry:
    """One timeline line: its order (0 = not placed), date and coreferent mentions."""

    order: int
    date: str
    mentions: tuple[str, ...]


@dataclass(frozen=True)
class CatDocument:
    id: str
    created: str | None
    tokens: tuple[tuple[int, str], ...]  # (sentence, word) in document order


# --- reading ------------------------------------------------------------------------------------------

def read_timeline(text: str) -> list[Entry]:
    """A timeline file's entries; lines that do not start with an order number (the entity's name
    heading some files) are skipped."""
    entries = []
    for line in text.splitlines():
        fields = line.strip().split("\t")
        if len(fields) >= 3 and fields[0].isdigit():
            mentions = tuple(f.strip() for f in fields[2:] if f.strip())
            entries.append(Entry(int(fields[0]), fields[1].strip(), mentions))
    return entries


def timeline_name(entity: str) -> str:
    """The task's file name for an entity: lower case, words joined by ``_``."""
    return "_".join(entity.lower().split())


def read_entities(corpus: Path) -> list[str]:
    [path] = sorted(corpus.glob("list_target_entities_*.txt"))
    return [line.strip() for line in path.read_text("utf-8").splitlines() if line.strip()]


def read_gold(corpus: Path, entities: Iterable[str]) -> dict[str, list[Entry]]:
    """Each entity's gold timeline; an entity without a file has an empty one."""
    found = {}
    for entity in entities:
        path = corpus / GOLD / f"{timeline_name(entity)}.txt"
        found[entity] = read_timeline(path.read_text("utf-8")) if path.exists() else []
    return found


def read_document(path: Path) -> CatDocument:
    root = ET.parse(path).getroot()
    tokens = sorted((int(t.get("t_id", "0")), int(t.get("sentence", "0")), t.text or "")
                     for t in root.iter("token"))
    created = next((t.get("value") for t in root.iter("TIMEX3")
                    if t.get("functionInDocument") == "CREATION_TIME"), None)
    return CatDocument(root.get("doc_id", path.name.split("_")[0]), created,
                       tuple((sentence, word) for _, sentence, word in tokens))


def read_documents(corpus: Path) -> list[CatDocument]:
    return [read_document(p) for p in sorted((corpus / DOCUMENTS).glob("*.xml"))]


def text_of(document: CatDocument) -> tuple[str, list[tuple[int, int, int]]]:
    """The document as text (words joined by spaces, sentences by blank lines) and each word's
    ``(start, end, sentence)``."""
    pieces: list[str] = []
    spans = []
    at, previous = 0, None
    for sentence, word in document.tokens:
        gap = "" if previous is None else ("\n\n" if sentence != previous else " ")
        pieces.append(gap + word)
        at += len(gap)
        spans.append((at, at + len(word), sentence))
        at += len(word)
        previous = sentence
    return "".join(pieces), spans


def creation_date(document: CatDocument) -> date | None:
    match = _DATE.match(document.created or "")
    if not match or not match.group(3):
        return None
    return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))


# --- newsgraph's timelines -----------------------------------------------------------------------------

def build_timelines(entities: Sequence[str], documents: Sequence[CatDocument],
                    analyses: Sequence[Analysis]) -> dict[str, list[Entry]]:
    """Each target entity's timeline from the events newsgraph found (see the module's docstring)."""
    dated: dict[str, dict[str, str]] = {entity: {} for entity in entities}
    for document, analysis in zip(documents, analyses, strict=True):
        _, spans = text_of(document)
        for event in analysis.events:
            mention = _mention_id(document, spans, event)
            when = timeline_date(event.date.value if event.date else None) or timeline_date(document.created)
            for entity in entities:
                if mention and takes_part(entity, event, analysis):
                    dated[entity].setdefault(mention, when or UNKNOWN_DATE)
    return {entity: ordered(mentions) for entity, mentions in dated.items()}


def takes_part(entity: str, event: Event, analysis: Analysis) -> bool:
    """Whether an actor or recipient of ``event`` names ``entity``, by itself or by the entity
    newsgraph linked it to."""
    target = f" {fold(entity)} "
    names = {e.id: [e.name, *(m.text for m in e.mentions)] for e in analysis.entities}
    return any(target in f" {fold(text)} " for p in (*event.actors, *event.recipients)
               for text in _names_of(p, names))


def _names_of(participant: Participant, names: Mapping[str, list[str]]) -> list[str]:
    return [participant.text, *names.get(participant.entity_id or "", [])]


def _mention_id(document: CatDocument, spans: Sequence[tuple[int, int, int]], event: Event) -> str | None:
    """``docid-sentence-word`` for the event's trigger, its words joined by ``_``."""
    words = [i for i, (s, e, _) in enumerate(spans) if s < event.trigger.end and event.trigger.start < e]
    if not words:
        return None
    sentence = document.tokens[words[0]][0]
    return f"{document.id}-{sentence}-{'_'.join(document.tokens[i][1] for i in words)}"


def timeline_date(value: str | None) -> str | None:
    """A TIMEX3 value as the task writes dates: ``2008-03`` → ``2008-03-XX``; ``None`` when the value
    does not start with a year."""
    match = _DATE.match(value or "")
    if not match:
        return None
    return f"{match.group(1)}-{match.group(2) or 'XX'}-{match.group(3) or 'XX'}"


def ordered(mentions: Mapping[str, str]) -> list[Entry]:
    """Mentions by date: order 0 for an unknown date, then 1, 2 … by date, a partial date before
    the days within it; one line per mention."""
    known = sorted({d for d in mentions.values() if d != UNKNOWN_DATE}, key=lambda d: d.replace("XX", "00"))
    position = {d: i + 1 for i, d in enumerate(known)} | {UNKNOWN_DATE: 0}
    return sorted((Entry(position[d], d, (m,)) for m, d in mentions.items()),
                  key=lambda e: (e.order, e.mentions))


# --- scoring -------------------------------------------------------------------------------------------

Relation = tuple[str, str, str]  # (from node, to node, "BEFORE" | "SIMULTANEOUS")


@dataclass(frozen=True)
class Graph:
    """A timeline's temporal graph: equivalence classes of simultaneous nodes, and the classes
    each class is (directly or not) before."""

    classes: dict[str, int]
    later: dict[int, frozenset[int]]
    reduced: tuple[Relation, ...]

    def holds(self, relation: Relation) -> bool:
        """Whether the closure has ``relation``."""
        a, b, kind = relation
        if a not in self.classes or b not in self.classes:
            return False
        x, y = self.classes[a], self.classes[b]
        if kind == "SIMULTANEOUS":
            return x == y
        return y in self.later.get(x, frozenset())


def graph(entries: Sequence[Entry]) -> Graph:
    """The graph of a timeline (see the module's docstring), closed and reduced."""
    nodes, same = _simultaneous(entries)
    classes = _classes(nodes, same)
    members: dict[int, list[str]] = defaultdict(list)
    for node in sorted(nodes):
        members[classes[node]].append(node)
    orders = sorted({e.order for e in entries if e.order > 0})
    class_of_order = {o: classes[f"e:{next(e for e in entries if e.order == o).mentions[0]}"] for o in orders}
    chain = list(dict.fromkeys(class_of_order[o] for o in orders))  # an order merged into another's class
    later = {c: frozenset(chain[i + 1:]) for i, c in enumerate(chain)}
    reduced = [(m[i], m[i + 1], "SIMULTANEOUS") for m in members.values() for i in range(len(m) - 1)]
    reduced += [(members[a][0], members[b][0], "BEFORE") for a, b in pairwise(chain)]
    return Graph(classes, later, tuple(reduced))


def _simultaneous(entries: Sequence[Entry]) -> tuple[set[str], list[tuple[str, str]]]:
    nodes: set[str] = set()
    same: list[tuple[str, str]] = []
    first_of_order: dict[int, str] = {}
    for entry in entries:
        for mention in entry.mentions:
            node = f"e:{mention}"
            nodes |= {node, f"t:{entry.date}"}
            same.append((node, f"t:{entry.date}"))
            if entry.order > 0:
                same.append((node, first_of_order.setdefault(entry.order, node)))
        same.extend((f"e:{a}", f"e:{b}") for a, b in combinations(entry.mentions, 2))
    return nodes, same


def _classes(nodes: Iterable[str], same: Iterable[tuple[str, str]]) -> dict[str, int]:
    parent = {node: node for node in nodes}

    def root(node: str) -> str:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for a, b in same:
        parent[root(a)] = root(b)
    ids: dict[str, int] = {}
    return {node: ids.setdefault(root(node), len(ids)) for node in sorted(parent)}


@dataclass
class Awareness:
    """Temporal awareness counts, summed over timelines."""

    verified_system: int = 0
    system: int = 0
    verified_gold: int = 0
    gold: int = 0

    def add(self, gold: Sequence[Entry], system: Sequence[Entry]) -> None:
        g, s = graph(gold), graph(system)
        self.verified_system += sum(g.holds(r) for r in s.reduced)
        self.system += len(s.reduced)
        self.verified_gold += sum(s.holds(r) for r in g.reduced)
        self.gold += len(g.reduced)

    @property
    def precision(self) -> float:
        return self.verified_system / self.system if self.system else 0.0

    @property
    def recall(self) -> float:
        return self.verified_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def score(pairs: Iterable[tuple[Sequence[Entry], Sequence[Entry]]]) -> Awareness:
    """Micro-averaged temporal awareness over ``(gold, system)`` timelines."""
    counts = Awareness()
    for gold, system in pairs:
        counts.add(gold, system)
    return counts


# --- the suite -----------------------------------------------------------------------------------------

def evaluate(folder: Path, model: str) -> dict[str, float]:
    """Figures ``timelines.semeval2015[.<corpus>].{f1,precision,recall}``."""
    from newsgraph.nlp.analyse import analyse
    from newsgraph.nlp.model import shared_pipeline

    nlp = shared_pipeline(model)
    figures: dict[str, float] = {}
    total = Awareness()
    for name in CORPORA:
        corpus = folder / name
        entities, documents = read_entities(corpus), read_documents(corpus)
        analyses = list(analyse(((text_of(d)[0], creation_date(d)) for d in documents), nlp))
        built = build_timelines(entities, documents, analyses)
        gold = read_gold(corpus, entities)
        counts = score((gold[e], built[e]) for e in entities)
        figures.update(_named(f"timelines.semeval2015.{name}", counts))
        for field in ("verified_system", "system", "verified_gold", "gold"):
            setattr(total, field, getattr(total, field) + getattr(counts, field))
    figures.update(_named("timelines.semeval2015", total))
    return figures


def _named(prefix: str, counts: Awareness) -> dict[str, float]:
    return {f"{prefix}.f1": counts.f1, f"{prefix}.precision": counts.precision,
            f"{prefix}.recall": counts.recall}


def write_timeline(entries: Iterable[Entry]) -> Iterator[str]:
    """Timeline lines in the task's format."""
    for entry in entries:
        yield "\t".join((str(entry.order), entry.date, *entry.mentions))
