"""ECB+ cross-document event coreference (Cybulska and Vossen 2014), read from its CAT XML.

Reading (``read_topics``):

* only the sentences ``ECBplus_coreference_sentences.csv`` lists are read: the corpus README says
  only they were reliably annotated;
* an event mention is an ``ACTION_*`` or ``NEG_ACTION_*`` markable with token anchors (the markables
  without anchors are the cross-document instances' descriptors, not mentions);
* its gold cluster is the ``instance_id`` of the ``CROSS_DOC_COREF`` relation that has it as a
  source, else the ``INTRA_DOC_COREF`` chain it is a source or target of (a cluster of its own
  document), else itself alone;
* a document's subtopic is the half of its topic its name says: ``ecb`` (``1_10ecb.xml``, the
  original EventCorefBank's seminal event) or ``ecbplus`` (``1_10ecbplus.xml``, the second event
  ECB+ added to the topic).

Halves: odd topic numbers are ``dev`` and even ones ``test``; grouping is tuned on ``dev`` only.
Every clustering is scored per half with all of that half's mentions at once; a topic's mentions are
never grouped with another topic's (gold topics are given, as in the ECB+ literature).
"""

from __future__ import annotations

import csv
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

CORPUS = "ECB+"
SENTENCES = "ECBplus_coreference_sentences.csv"
HALVES = ("dev", "test", "all")

_FILE = re.compile(r"^(\d+)_(\d+)(ecbplus|ecb)\.xml$")


@dataclass(frozen=True)
class Token:
    id: int
    sentence: int
    text: str


@dataclass(frozen=True)
class GoldMention:
    """One annotated event mention; ``id`` is ``doc/m_id`` and unique in the corpus."""

    id: str
    topic: int
    doc: str
    subtopic: str
    kind: str
    sentence: int
    tokens: tuple[int, ...]
    words: tuple[str, ...]
    cluster: str


@dataclass(frozen=True)
class Document:
    name: str
    topic: int
    subtopic: str
    sentences: dict[int, tuple[Token, ...]]
    mentions: tuple[GoldMention, ...]


def in_half(topic: int, half: str) -> bool:
    """Odd topics are ``dev``, even ones ``test``."""
    if half not in HALVES:
        raise ValueError(f"half {half!r} is not one of {', '.join(HALVES)}")
    return half == "all" or (topic % 2 == 1) == (half == "dev")


def read_selected(folder: Path) -> dict[str, set[int]]:
    """The reliably annotated sentences: document name (``1_10ecbplus``) to sentence numbers."""
    selected: dict[str, set[int]] = defaultdict(set)
    with (folder / SENTENCES).open(encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file):
            selected[f"{row['Topic'].strip()}_{row['File'].strip()}"].add(int(row["Sentence Number"]))
    return selected


def read_documents(folder: Path) -> Iterator[Document]:
    """The documents with at least one selected sentence, in topic and file-name order."""
    selected = read_selected(folder)
    paths = sorted((folder / CORPUS).glob("*/*.xml"), key=_order)
    for path in paths:
        match = _FILE.match(path.name)
        sentences = selected.get(path.name.removesuffix(".xml"))
        if match and sentences:
            yield read_document(path, sentences)


def _order(path: Path) -> tuple[int, int, str]:
    match = _FILE.match(path.name)
    return (int(match.group(1)), int(match.group(2)), match.group(3)) if match else (0, 0, path.name)


def read_document(path: Path, sentences: set[int]) -> Document:
    """One CAT XML file, keeping the tokens and event mentions of ``sentences``."""
    match = _FILE.match(path.name)
    if not match:
        raise ValueError(f"{path.name} is not named as an ECB+ document (topic_numberecb[plus].xml)")
    topic, subtopic, name = int(match.group(1)), match.group(3), path.name.removesuffix(".xml")
    root = ET.parse(path).getroot()
    tokens = {token.id: token for token in (_token(t) for t in root.iter("token"))}
    kept: dict[int, list[Token]] = defaultdict(list)
    for token in sorted(tokens.values(), key=lambda t: t.id):
        if token.sentence in sentences:
            kept[token.sentence].append(token)
    clusters = _clusters(root, name)
    mentions = []
    for markable in root.find("Markables") or ():
        anchors = [int(a.get("t_id", "0")) for a in markable.findall("token_anchor")]
        if not markable.tag.startswith(("ACTION_", "NEG_ACTION_")) or not anchors:
            continue
        first = tokens[anchors[0]]
        if first.sentence not in sentences:
            continue
        m_id = markable.get("m_id", "")
        mentions.append(GoldMention(
            id=f"{name}/{m_id}", topic=topic, doc=name, subtopic=subtopic, kind=markable.tag,
            sentence=first.sentence, tokens=tuple(anchors), words=tuple(tokens[a].text for a in anchors),
            cluster=clusters.get(m_id, f"{name}/{m_id}")))
    return Document(name, topic, subtopic, {s: tuple(ts) for s, ts in sorted(kept.items())}, tuple(mentions))


def _token(element: ET.Element) -> Token:
    return Token(int(element.get("t_id", "0")), int(element.get("sentence", "0")), element.text or "")


def _clusters(root: ET.Element, name: str) -> dict[str, str]:
    """Markable id to gold cluster: cross-document instance first, then within-document chain."""
    found: dict[str, str] = {}
    relations = root.find("Relations")
    if relations is None:
        return found
    for relation in relations:
        if relation.tag == "INTRA_DOC_COREF":
            target = relation.find("target")
            chain = f"{name}/intra/{relation.get('r_id', '') if target is None else target.get('m_id', '')}"
            # the target of a within-document chain is a mention of the chain too
            for member in (*relation.findall("source"), *([] if target is None else [target])):
                found.setdefault(member.get("m_id", ""), chain)
    for relation in relations:
        if relation.tag == "CROSS_DOC_COREF":
            instance = relation.get("note", "")
            for source in relation.findall("source"):
                found[source.get("m_id", "")] = f"cross/{instance}"
    return found


def gold_clusters(mentions: Iterable[GoldMention]) -> list[set[str]]:
    groups: dict[str, set[str]] = defaultdict(set)
    for mention in mentions:
        groups[f"{mention.topic}/{mention.cluster}"].add(mention.id)
    return list(groups.values())
