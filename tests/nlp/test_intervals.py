"""``newsgraph.nlp.intervals``: the answers of a scan over every span, in logarithmic time."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsgraph.nlp.intervals import Intervals

spans = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 20)).map(lambda t: (t[0], t[0] + t[1])),
                 max_size=12)


def test_touching_spans_do_not_overlap() -> None:
    found = Intervals([(5, 10)])
    assert not found.overlaps(10, 12) and not found.overlaps(0, 5)
    assert found.overlaps(9, 12) and found.overlaps(0, 6) and found.overlaps(6, 7)
    assert found.holds(5) and found.holds(9) and not found.holds(10) and not found.holds(4)


def test_a_long_early_span_still_counts_behind_short_later_ones() -> None:
    found = Intervals([(0, 100), (10, 11), (20, 21)])
    assert found.overlaps(50, 60) and found.holds(99)


@given(spans, st.integers(0, 90), st.integers(0, 15))
def test_answers_as_a_scan_of_every_span_would(given_spans: list[tuple[int, int]], start: int,
                                               length: int) -> None:
    found, end = Intervals(given_spans), start + length
    assert found.overlaps(start, end) == any(s < end and start < e for s, e in given_spans)
    assert found.holds(start) == any(s <= start < e for s, e in given_spans)
