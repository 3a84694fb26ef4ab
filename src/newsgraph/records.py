"""Plain, immutable records that flow between the stages. No stage below imports a parser or a database.

Offsets are Python string indices (code points) into the text they name: ``Paragraph`` offsets index an
article's cleaned ``text``; ``Removal`` offsets index its ``raw_text``.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

Precision = Literal["year", "month", "day", "minute", "second"]
ParagraphKind = Literal["body", "heading"]
Status = Literal["stored", "already_stored", "duplicate", "failed"]


@dataclass(frozen=True)
class PartialDate:
    """A date known to some precision: ``2026``, ``2026-01``, ``2026-01-16`` or a timestamp.

    ``iso`` is ISO 8601 cut at the precision (``2026-01-16T10:30:00+00:00`` for ``second``).
    """

    iso: str
    precision: Precision

    def __str__(self) -> str:
        return self.iso


@dataclass(frozen=True)
class Metadata:
    """What is known about an article besides its text. ``None`` means not known."""

    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: PartialDate | None = None

    def over(self, fallback: Metadata) -> Metadata:
        """These values where set, ``fallback``'s elsewhere."""
        return Metadata(
            title=self.title or fallback.title,
            url=self.url or fallback.url,
            outlet=self.outlet or fallback.outlet,
            author=self.author or fallback.author,
            published=self.published or fallback.published,
        )


@dataclass(frozen=True)
class RawDocument:
    """One article as a reader found it, before cleaning.

    ``raw_input`` is exactly what was received for this article (a whole file, one JSON Lines line, one
    feed entry, one HTTP body). Exactly one of ``text`` and ``html`` is set: the decoded text to clean,
    or HTML whose main text is still to be extracted.
    """

    source: str
    raw_input: bytes
    media_type: str
    metadata: Metadata = field(default_factory=Metadata)
    text: str | None = None
    html: str | None = None
    # Where an HTML page was fetched from: its URL unless the page names a canonical one.
    fetched_url: str | None = None

    def with_metadata(self, metadata: Metadata) -> RawDocument:
        return replace(self, metadata=metadata)


@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int
    kind: ParagraphKind = "body"
    cited_sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Removal:
    """Raw text that cleaning dropped, and why (``citation-chip``, ``comment-trailer`` …)."""

    raw_start: int
    raw_end: int
    reason: str
    text: str


@dataclass(frozen=True)
class Segment:
    """Cleaned ``[start, end)`` came from raw ``[raw_start, raw_end)``.

    ``copied`` segments are character-for-character equal to their raw span; the others stand for it
    (a repaired mojibake sequence, a paragraph break that replaced a run of whitespace).
    """

    start: int
    end: int
    raw_start: int
    raw_end: int
    copied: bool


class OffsetMap:
    """Maps offsets in cleaned text back to offsets in raw text."""

    def __init__(self, segments: Iterable[Segment]) -> None:
        self.segments: tuple[Segment, ...] = tuple(segments)
        self._starts = [s.start for s in self.segments]

    def to_raw(self, offset: int) -> int:
        """The raw offset of cleaned ``offset`` (an end offset maps to the end of its segment)."""
        if not self.segments:
            return 0
        index = max(bisect.bisect_right(self._starts, offset) - 1, 0)
        seg = self.segments[index]
        if offset >= seg.end:
            return seg.raw_end
        if seg.copied:
            return seg.raw_start + (offset - seg.start)
        return seg.raw_start

    def span_to_raw(self, start: int, end: int) -> tuple[int, int]:
        """The raw span holding cleaned ``[start, end)``."""
        if end <= start:
            raw = self.to_raw(start)
            return raw, raw
        return self.to_raw(start), self._raw_end(end)

    def _raw_end(self, end: int) -> int:
        index = max(bisect.bisect_left(self._starts, end) - 1, 0)
        seg = self.segments[index]
        if seg.copied:
            return seg.raw_start + (min(end, seg.end) - seg.start)
        return seg.raw_end

    def to_rows(self) -> list[list[int]]:
        """Compact JSON form: ``[start, end, raw_start, raw_end, copied]`` per segment."""
        return [[s.start, s.end, s.raw_start, s.raw_end, int(s.copied)] for s in self.segments]

    @classmethod
    def from_rows(cls, rows: Sequence[Sequence[int]]) -> OffsetMap:
        return cls(Segment(r[0], r[1], r[2], r[3], bool(r[4])) for r in rows)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, OffsetMap) and self.segments == other.segments

    def __repr__(self) -> str:
        return f"OffsetMap({len(self.segments)} segments)"


@dataclass(frozen=True)
class CleanText:
    """What cleaning made of a raw text."""

    text: str
    paragraphs: tuple[Paragraph, ...]
    removals: tuple[Removal, ...]
    offsets: OffsetMap
    headline: str | None = None


@dataclass(frozen=True)
class Article:
    """A stored article."""

    id: int
    source: str
    metadata: Metadata
    text: str
    raw_text: str
    paragraphs: tuple[Paragraph, ...]
    removals: tuple[Removal, ...]
    offsets: OffsetMap
    content_hash: str
    ingested_at: str
    duplicate_of: int | None = None
    media_type: str = "text/plain"


@dataclass(frozen=True)
class IngestOutcome:
    """What happened to one input: stored, already stored, a near-duplicate, or failed."""

    source: str
    status: Status
    article_id: int | None = None
    duplicate_of: int | None = None
    similarity: float | None = None
    error: str | None = None
    reason: str | None = None
    line: int | None = None
