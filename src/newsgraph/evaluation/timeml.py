"""Read TimeML ``.tml`` files (TempEval-3 TBAQ-cleaned) into plain text and gold time expressions.

A ``.tml`` file holds the document creation time in ``<DCT><TIMEX3 functionInDocument="CREATION_TIME"
value=…>`` and the article in ``<TEXT>`` with inline ``<TIMEX3 tid type value>``, ``<EVENT>`` and
``<SIGNAL>`` tags. The plain text is ``<TEXT>`` with every tag removed; gold offsets index into it.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import cast

from newsgraph.nlp.records import TimeExpression, TimeType

_TYPES: frozenset[str] = frozenset({"DATE", "TIME", "DURATION", "SET"})


@dataclass(frozen=True)
class TimeMLDocument:
    """One TimeML document: ``timexes`` are the gold TIMEX3 tags of ``text`` (the ``<TEXT>`` content)."""

    name: str
    text: str
    dct: date | None
    timexes: tuple[TimeExpression, ...]


class TimeMLError(ValueError):
    """The file is not TimeML this reader understands (no ``<TEXT>`` element, or not XML)."""


def read_timeml(path: Path) -> TimeMLDocument:
    """Parse one ``.tml`` file; raises ``TimeMLError`` naming the file when it cannot be read."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        raise TimeMLError(f"{path}: not well-formed XML ({e}); check the file is TimeML") from e
    return parse_timeml(root, path.stem)


def parse_timeml(root: ET.Element, name: str) -> TimeMLDocument:
    """Turn a parsed ``<TimeML>`` element into a document."""
    text_el = root.find("TEXT")
    if text_el is None:
        raise TimeMLError(f"{name}: no <TEXT> element; is this a TimeML file?")
    parts: list[str] = []
    timexes = list(_walk(text_el, parts, 0))
    return TimeMLDocument(name, "".join(parts), _dct(root), tuple(timexes))


def read_corpus(directory: Path) -> Iterator[TimeMLDocument]:
    """Every ``.tml`` under ``directory`` in name order, each file name once (copies are skipped)."""
    seen: set[str] = set()
    for path in sorted(directory.rglob("*.tml"), key=lambda p: (p.name, str(p))):
        if path.name not in seen:
            seen.add(path.name)
            yield read_timeml(path)


def _walk(el: ET.Element, parts: list[str], offset: int) -> Iterator[TimeExpression]:
    """Append ``el``'s text to ``parts`` and yield the TIMEX3 tags inside it with their offsets."""
    if el.text:
        parts.append(el.text)
        offset += len(el.text)
    for child in el:
        start = offset
        inner: list[str] = []
        yield from _walk(child, inner, start)
        content = "".join(inner)
        parts.append(content)
        offset += len(content)
        if child.tag == "TIMEX3" and content:
            yield _timex(child, start, content)
        if child.tail:
            parts.append(child.tail)
            offset += len(child.tail)


def _timex(el: ET.Element, start: int, content: str) -> TimeExpression:
    kind = el.get("type", "DATE")
    time_type = cast(TimeType, kind if kind in _TYPES else "DATE")
    return TimeExpression(start, start + len(content), content, time_type, el.get("value") or None)


def _dct(root: ET.Element) -> date | None:
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            value = timex.get("value", "")
            try:
                return date.fromisoformat(value[:10])
            except ValueError:
                return None
    return None
