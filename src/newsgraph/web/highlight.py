"""An article's text cut into paragraphs of flat segments, each segment marked with the spans covering it.

Nothing here makes HTML: the template writes every piece of text and every attribute through Jinja's
autoescaping, so hostile article text stays text. Spans may overlap (a place inside a quote inside an
event's sentence); cutting the text at every span boundary gives segments that each lie inside or outside
every span, so no element has to cross another. A segment links to the record of the shortest span
covering it; each span's anchor (``span-ev3``) sits on the first segment it covers.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

# The order in which a span wins a segment when two cover it equally tightly.
KIND_ORDER = ("focus", "event", "time", "place", "entity", "role", "quote")


@dataclass(frozen=True)
class Span:
    """``kind`` words at ``start``…``end`` of the text, whose record has the id ``record`` (None: no
    record, as for a highlighted sentence), with the anchor id ``anchor`` and a ``label`` for a tooltip."""

    kind: str
    start: int
    end: int
    record: str | None
    anchor: str
    label: str


@dataclass(frozen=True)
class Segment:
    """A piece of text; ``kinds`` are the CSS classes of the spans covering it, ``href`` the record of the
    tightest one, ``anchors`` the ids of the spans starting here."""

    text: str
    kinds: tuple[str, ...] = ()
    href: str | None = None
    label: str | None = None
    anchors: tuple[str, ...] = ()


@dataclass(frozen=True)
class ParagraphView:
    id: str
    kind: str
    start: int
    end: int
    segments: tuple[Segment, ...]


def valid_spans(spans: Iterable[Span], length: int) -> list[Span]:
    """The spans that point into a text of ``length`` characters: a stored extraction is trusted for
    nothing, least of all offsets."""
    return [s for s in spans if 0 <= s.start < s.end <= length]


def paragraphs(text: str, bounds: Sequence[tuple[int, int, str]], spans: Iterable[Span]
               ) -> list[ParagraphView]:
    """``text``'s paragraphs (``(start, end, kind)``; none: the whole text) cut into segments."""
    kept = sorted(valid_spans(spans, len(text)), key=lambda s: (s.start, -s.end))
    ranges = [(s, e, k) for s, e, k in bounds if 0 <= s < e <= len(text)] or [(0, len(text), "body")]
    placed: set[str] = set()
    return [ParagraphView(f"p{n}", kind, start, end, tuple(_segments(text, start, end, kept, placed)))
            for n, (start, end, kind) in enumerate(ranges, start=1)]


def _segments(text: str, start: int, end: int, spans: list[Span], placed: set[str]) -> list[Segment]:
    inside = [s for s in spans if s.start < end and s.end > start]
    cuts = sorted({start, end, *(max(s.start, start) for s in inside), *(min(s.end, end) for s in inside)})
    segments = []
    for a, b in pairwise(cuts):
        covering = [s for s in inside if s.start < b and s.end > a]
        anchors = tuple(s.anchor for s in covering if s.anchor not in placed)
        placed.update(anchors)
        segments.append(_segment(text[a:b], covering, anchors))
    return segments


def _segment(piece: str, covering: list[Span], anchors: tuple[str, ...]) -> Segment:
    if not covering:
        return Segment(piece, anchors=anchors)
    linked = [s for s in covering if s.record is not None]
    best = min(linked, key=lambda s: (s.end - s.start, KIND_ORDER.index(s.kind))) if linked else None
    kinds = tuple(dict.fromkeys(s.kind for s in covering))
    return Segment(piece, kinds, f"#{best.record}" if best else None, best.label if best else None, anchors)
