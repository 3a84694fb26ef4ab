"""Read GUM news (CoNLL-U with entity annotation) into ``GoldDocument``s of named mentions.

GUM marks every entity mention, named or not, in the MISC column: ``Entity=(3-person-new-…-Donald_Trump``
opens mention 3 with its type, ``3)`` closes it, ``(…)`` on one token is a one-token mention. Fields
follow ``# global.Entity = GRP-etype-infstat-salience-centering-minspan-link-identity``.

Text: tokens joined by a space unless ``SpaceAfter=No`` (on a multiword token's range line for its last
part; the parts of one multiword token touch); sentences joined by a space, and by a blank line where
``# newpar`` starts a paragraph. Named: a mention whose syntactic head (its first token governed from
outside it) is a proper noun (``NNP``/``NNPS``). Its gold span is ``ner.name_core`` of its words
("the Daughters of the American Revolution Constitution Hall" → all but "the"; "US President Donald
Trump" → "Donald Trump"), for a person narrowed to the head and its ``flat`` words, and then
``ner.flat_spans`` keeps the outermost names only. Types: person, organization, place as themselves
(a person headed by a plural proper noun, "Afghans", as OTHER); event, object, abstract, substance,
animal and plant as OTHER; time (named months and days) is not scored.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from newsgraph.evaluation.ner import GoldDocument, GoldSpan, flat_spans, name_core

GUM_TYPES = {
    "person": "PERSON",
    "organization": "ORG",
    "place": "PLACE",
    "event": "OTHER",
    "object": "OTHER",
    "abstract": "OTHER",
    "substance": "OTHER",
    "animal": "OTHER",
    "plant": "OTHER",
}
PROPER_NOUN_TAGS = frozenset({"NNP", "NNPS"})
# GUM types groups of people ("Muslims", "Afghans") as person; OntoNotes calls them NORP, so a person
# mention whose head is a plural proper noun is scored as OTHER.
GROUP_TAG = "NNPS"

_BRACKET = re.compile(r"\((\d+)-([^()]*)(\)?)|(\d+)\)")


@dataclass
class _Token:
    form: str
    xpos: str
    head: int  # document-wide index of the governor, -1 for the root
    deprel: str
    start: int = 0


@dataclass
class _Reading:
    tokens: list[_Token] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int, str]] = field(default_factory=list)
    open: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    offset: int = 0


class GUMError(ValueError):
    """A CoNLL-U file this reader cannot read (a malformed token line)."""


def read_documents(directory: Path) -> list[GoldDocument]:
    """Every ``*.conllu`` under ``directory`` (or its ``conllu/`` folder), in name order."""
    return [parse_conllu(path.read_text("utf-8"), path.stem) for path in sorted(directory.rglob("*.conllu"))]


def parse_conllu(text: str, name: str) -> GoldDocument:
    """One CoNLL-U document as plain text and its named mentions."""
    reading = _Reading()
    doc_id = name
    for sentence in _sentences(text):
        comments = [line for line in sentence if line.startswith("#")]
        doc_id = next((c.split("=", 1)[1].strip() for c in comments if c.startswith("# newdoc id")), doc_id)
        if reading.parts:
            _append(reading, "\n\n" if any(c.strip() == "# newpar" or c.startswith("# newpar ")
                                            for c in comments) else " ")
        _read_sentence(reading, [line for line in sentence if not line.startswith("#")], name)
    plain = "".join(reading.parts).rstrip()
    return GoldDocument(doc_id, plain, flat_spans(_named_spans(reading), plain))


def _sentences(text: str) -> Iterator[list[str]]:
    block: list[str] = []
    for line in text.splitlines():
        if line.strip():
            block.append(line)
        elif block:
            yield block
            block = []
    if block:
        yield block


def _read_sentence(reading: _Reading, lines: list[str], name: str) -> None:
    base = len(reading.tokens)
    touching: set[str] = set()  # ids of multiword-token parts followed by another part
    space_after: dict[str, bool] = {}
    for line in lines:
        cols = line.split("\t")
        if len(cols) != 10:
            raise GUMError(f"{name}: expected 10 tab-separated columns in {line!r}; is this CoNLL-U?")
        if "-" in cols[0]:
            first, last = (int(n) for n in cols[0].split("-"))
            touching.update(str(n) for n in range(first, last))
            space_after[str(last)] = "SpaceAfter=No" not in cols[9]
        elif "." not in cols[0]:
            _read_token(reading, cols, base)
            glue = cols[0] in touching or not space_after.get(cols[0], "SpaceAfter=No" not in cols[9])
            _append(reading, "" if glue else " ")
    if reading.parts and reading.parts[-1] == " ":
        reading.parts.pop()
        reading.offset -= 1


def _read_token(reading: _Reading, cols: list[str], base: int) -> None:
    index = len(reading.tokens)
    head = int(cols[6]) if cols[6].isdigit() else 0
    reading.tokens.append(_Token(cols[1], cols[4], base + head - 1 if head else -1, cols[7], reading.offset))
    _append(reading, cols[1])
    misc = dict(item.split("=", 1) for item in cols[9].split("|") if "=" in item)
    for match in _BRACKET.finditer(misc.get("Entity", "")):
        opened, fields, closed, closing = match.groups()
        if opened is not None:
            etype = fields.split("-", 1)[0]
            if closed:
                reading.mentions.append((index, index, etype))
            else:
                reading.open.setdefault(opened, []).append((index, etype))
        elif reading.open.get(closing):
            start, etype = reading.open[closing].pop()
            reading.mentions.append((start, index, etype))


def _append(reading: _Reading, piece: str) -> None:
    reading.parts.append(piece)
    reading.offset += len(piece)


def _named_spans(reading: _Reading) -> Iterator[GoldSpan]:
    tokens = reading.tokens
    for first, last, etype in reading.mentions:
        kind = GUM_TYPES.get(etype)
        head = next((i for i in range(first, last + 1) if not first <= tokens[i].head <= last), last)
        if kind is None or tokens[head].xpos not in PROPER_NOUN_TAGS:
            continue
        if kind == "PERSON" and tokens[head].xpos == GROUP_TAG:
            kind = "OTHER"
        words = [t.form for t in tokens[first:last + 1]]
        core = name_core(words, head - first, person=kind == "PERSON")
        if core is not None and kind == "PERSON":
            core = _flat_name(tokens, head, first, last, core)
        if core is not None:
            begin, end = tokens[first + core[0]], tokens[first + core[1] - 1]
            yield GoldSpan(begin.start, end.start + len(end.form), kind)


def _flat_name(tokens: list[_Token], head: int, first: int, last: int,
               core: tuple[int, int]) -> tuple[int, int]:
    """A person's name starting where UD starts it: at the first of the head's ``flat`` words before it,
    within ``core`` ("Secretary of State John Kerry" → "John Kerry")."""
    parts = [i for i in range(first, last + 1) if i == head or (tokens[i].head == head
                                                                 and tokens[i].deprel.startswith("flat"))]
    start = head
    while start - 1 in parts:
        start -= 1
    return (start - first, core[1]) if core[0] <= start - first < core[1] else core
