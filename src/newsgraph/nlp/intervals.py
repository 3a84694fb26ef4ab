"""Character spans asked about many times over: does a span overlap one of them, does a point fall in
one. A list scanned per question makes an extractor quadratic in an article's length; these answer
in logarithmic time."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from itertools import accumulate


class Intervals:
    """Half-open ``(start, end)`` spans, possibly overlapping one another, fixed once built."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [start for start, _ in ordered]
        self._reach = list(accumulate((end for _, end in ordered), max))  # farthest end so far

    def overlaps(self, start: int, end: int) -> bool:
        """Whether some span ``(s, e)`` has ``s < end`` and ``start < e``."""
        k = bisect_left(self._starts, end)
        return k > 0 and self._reach[k - 1] > start

    def holds(self, point: int) -> bool:
        """Whether some span ``(s, e)`` has ``s <= point < e``."""
        k = bisect_right(self._starts, point)
        return k > 0 and self._reach[k - 1] > point
