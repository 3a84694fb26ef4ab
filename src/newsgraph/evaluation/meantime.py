"""Read MEANTIME English (NAF/CAT XML) into ``GoldDocument``s of named mentions.

A file lists ``<token t_id sentence>`` words, then ``<Markables>`` with ``<ENTITY_MENTION m_id
syntactic_type>`` anchored on token ids, ``<ENTITY m_id ent_type>`` instances, and ``<REFERS_TO>``
relations from mentions (``source``) to their instance (``target``), which gives a mention its type.

Text: the tokens detokenised (no space before closing punctuation and clitics, none after opening
brackets and currency signs, none around a hyphen, straight double quotes alternating open and
close); the headline (sentence 0) and the date line (sentence 1) each end with a blank line, body
sentences are joined by a space.

Named: mentions of ``syntactic_type`` NAM (a name) or PRE.NAM (a name modifying a noun, "Boeing" in
"Boeing 737s"), narrowed by ``ner.name_core`` ("the Dow Jones Industrial Average" → without "the",
"U.S. automaker GM" → "GM") and ``ner.flat_spans``. Only sentences 0–5 are annotated: the document's
``regions`` cover them, so names found further on are not scored. Types: PER, ORG, LOC as PERSON,
ORG, PLACE; PRO (products), FIN (indices, markets) and MIX as OTHER; a mention with no instance is
dropped.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from newsgraph.evaluation.ner import GoldDocument, GoldSpan, flat_spans, name_core
from newsgraph.nlp.records import TimeExpression

MEANTIME_TYPES = {"PER": "PERSON", "ORG": "ORG", "LOC": "PLACE", "PRO": "OTHER", "FIN": "OTHER",
                  "MIX": "OTHER"}
NAMED_TYPES = frozenset({"NAM", "PRE.NAM"})
ANNOTATED_SENTENCES = range(6)  # the README: "Only sentences 0–5 of each document are annotated"
HEADER_SENTENCES = frozenset({0, 1})  # headline and date line

NO_SPACE_BEFORE = frozenset({",", ".", ":", ";", "!", "?", ")", "]", "}", "%", "'s", "'", "n't", "'re",
                             "'ve", "'ll", "'d", "'m", "'S", "’s", "’"})
NO_SPACE_AFTER = frozenset({"(", "[", "{", "$", "£", "€", "``", "#"})
HYPHEN = "-"  # split off inside compounds ("Wal - Mart", "EADS - led"): glued back on both sides


@dataclass(frozen=True)
class _Token:
    sentence: int
    start: int
    end: int


class MeantimeError(ValueError):
    """A file this reader cannot read (not XML, or a token without a sentence number)."""


def read_documents(directory: Path) -> list[GoldDocument]:
    """Every article under ``directory`` with its named mentions (see ``article_paths``)."""
    return [read_document(path) for path in article_paths(directory)]


def article_paths(directory: Path) -> list[Path]:
    """Every ``*.xml`` under ``directory``, each article once, preferring ``intra-doc_annotation``."""
    chosen = directory / "intra-doc_annotation"
    root = chosen if chosen.is_dir() else directory
    paths: dict[str, Path] = {}
    for path in sorted(root.rglob("*.xml"), key=lambda p: (p.name, str(p))):
        paths.setdefault(path.name, path)
    return list(paths.values())


def read_document(path: Path) -> GoldDocument:
    """Parse one MEANTIME file; raises ``MeantimeError`` naming the file when it cannot be read."""
    return parse_meantime(_root(path), path.stem)


def _root(path: Path) -> ET.Element:
    try:
        return ET.parse(path).getroot()
    except ET.ParseError as e:
        raise MeantimeError(f"{path}: not well-formed XML ({e}); is this a MEANTIME file?") from e


def parse_meantime(root: ET.Element, name: str) -> GoldDocument:
    """A parsed ``<Document>`` as plain text, its named mentions, and the annotated region."""
    text, tokens = _text(root, name)
    spans = list(_named_spans(root, text, tokens))
    annotated = [t for t in tokens.values() if t.sentence in ANNOTATED_SENTENCES]
    region = ((min(t.start for t in annotated), max(t.end for t in annotated)),) if annotated else ((0, 0),)
    return GoldDocument(root.get("doc_name") or name, text, flat_spans(spans, text), region)


def _text(root: ET.Element, name: str) -> tuple[str, dict[str, _Token]]:
    parts: list[str] = []
    tokens: dict[str, _Token] = {}
    offset, previous, sentence, quotes = 0, "", -1, 0
    for el in root.iter("token"):
        word, number = el.text or "", el.get("sentence")
        if number is None or not number.isdigit():
            raise MeantimeError(f"{name}: token {el.get('t_id')} has no sentence number; is this MEANTIME?")
        gap = _gap(previous, word, quotes % 2 == 1, sentence, int(number))
        quotes += word == '"'
        parts += [gap, word]
        offset += len(gap)
        tokens[el.get("t_id", "")] = _Token(int(number), offset, offset + len(word))
        offset += len(word)
        previous, sentence = word, int(number)
    return "".join(parts), tokens


def _gap(previous: str, word: str, in_quote: bool, sentence: int, number: int) -> str:
    """The white space between ``previous`` and ``word``."""
    if sentence < 0:
        return ""
    if number != sentence:
        return "\n\n" if sentence in HEADER_SENTENCES else " "
    if word in NO_SPACE_BEFORE or previous in NO_SPACE_AFTER or HYPHEN in (word, previous):
        return ""
    if word == '"':
        return "" if in_quote else " "
    return "" if previous == '"' and in_quote else " "


def _named_spans(root: ET.Element, text: str, tokens: dict[str, _Token]) -> Iterator[GoldSpan]:
    types = _mention_types(root)
    for mention in root.iter("ENTITY_MENTION"):
        kind = types.get(mention.get("m_id", ""))
        anchors = [tokens[a.get("t_id", "")] for a in mention.iter("token_anchor")
                   if a.get("t_id") in tokens]
        if mention.get("syntactic_type") not in NAMED_TYPES or kind is None or not anchors:
            continue
        words = [text[t.start:t.end] for t in anchors]
        core = name_core(words, person=kind == "PERSON")
        if core is not None:
            yield GoldSpan(anchors[core[0]].start, anchors[core[1] - 1].end, kind)


def _mention_types(root: ET.Element) -> dict[str, str]:
    """Mention id → common type, through ``REFERS_TO`` to the ``ENTITY`` instance."""
    instances = {e.get("m_id", ""): MEANTIME_TYPES.get(e.get("ent_type", ""), "")
                 for e in root.iter("ENTITY")}
    types: dict[str, str] = {}
    for relation in root.iter("REFERS_TO"):
        target = relation.find("target")
        kind = instances.get(target.get("m_id", "") if target is not None else "", "")
        for source in relation.iter("source"):
            if kind:
                types[source.get("m_id", "")] = kind
    return types


# Time expressions ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class TimedDocument:
    """A MEANTIME article as plain text with its gold TIMEX3s, its creation date and the annotated
    region (sentences 0-5), outside which predictions are not scored."""

    name: str
    text: str
    dct: date | None
    timexes: tuple[TimeExpression, ...]
    region: tuple[int, int]


def read_timex_documents(directory: Path) -> list[TimedDocument]:
    """Every article under ``directory`` (see ``article_paths``) with its time expressions."""
    return [parse_timexes(_root(path), path.stem) for path in article_paths(directory)]


def parse_timexes(root: ET.Element, name: str) -> TimedDocument:
    """The gold TIMEX3s of a parsed ``<Document>``; the one marked CREATION_TIME is its date."""
    text, tokens = _text(root, name)
    dct: date | None = None
    timexes = []
    for timex in root.iter("TIMEX3"):
        anchors = [tokens[a.get("t_id", "")] for a in timex.iter("token_anchor") if a.get("t_id") in tokens]
        value = timex.get("value") or None
        if timex.get("functionInDocument") == "CREATION_TIME" and value:
            dct = _iso_day(value)
        if anchors:
            start, end = anchors[0].start, anchors[-1].end
            kind = timex.get("type", "DATE")
            timexes.append(TimeExpression(start, end, text[start:end], kind, value))  # type: ignore[arg-type]
    annotated = [t for t in tokens.values() if t.sentence in ANNOTATED_SENTENCES]
    region = (min(t.start for t in annotated), max(t.end for t in annotated)) if annotated else (0, 0)
    ordered = tuple(sorted(timexes, key=lambda t: t.start))
    return TimedDocument(root.get("doc_name") or name, text, dct, ordered, region)


def _iso_day(value: str) -> date | None:
    """An ISO day, or None: one file writes ``03-02-2009``, which could be March or February, and a
    guessed creation date would resolve every relative date in the article wrongly."""
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
