"""Records: the offset map that ties cleaned text back to raw text, and the small value types."""

from __future__ import annotations

import pytest

from newsgraph.records import Metadata, OffsetMap, PartialDate, Segment

# Raw "The  crew\ufffd was held." cleaned to "The crew was held.": a collapsed double space (standing in),
# then a dropped U+FFFD, so two copied segments sit on either side of a gap in raw.
RAW = "The  crew\ufffd was held."
CLEANED = "The crew was held."
SEGMENTS = (
    Segment(0, 3, 0, 3, True),  # "The"
    Segment(3, 4, 3, 5, False),  # " " for "  "
    Segment(4, 8, 5, 9, True),  # "crew"
    Segment(8, 18, 10, 20, True),  # " was held." after the dropped U+FFFD
)
MAP = OffsetMap(SEGMENTS)


def test_segments_of_the_example_are_copied_text() -> None:
    for s in SEGMENTS:
        if s.copied:
            assert CLEANED[s.start:s.end] == RAW[s.raw_start:s.raw_end]


@pytest.mark.parametrize(
    ("offset", "expected"),
    [
        (0, 0),  # start of the text
        (2, 2),  # inside a copied segment: same distance from its start
        (3, 3),  # start of a stand-in segment
        (4, 5),  # start of "crew", after the collapsed space
        (7, 8),  # inside "crew"
        (8, 10),  # after the dropped U+FFFD
        (12, 14),  # inside " was held."
        (18, 20),  # the end of the text maps to the end of raw
        (99, 20),  # past the end stays at the end
    ],
)
def test_to_raw_maps_cleaned_offsets_into_raw(offset: int, expected: int) -> None:
    assert MAP.to_raw(offset) == expected


def test_to_raw_inside_a_stand_in_segment_maps_to_its_raw_start() -> None:
    stand_in = OffsetMap([Segment(0, 1, 0, 3, False), Segment(1, 5, 3, 7, True)])
    assert stand_in.to_raw(0) == 0
    assert stand_in.to_raw(1) == 3


@pytest.mark.parametrize(
    ("span", "expected"),
    [
        ((0, 3), (0, 3)),  # "The"
        ((4, 8), (5, 9)),  # "crew": the end stops before the dropped U+FFFD
        ((9, 18), (11, 20)),  # "was held."
        ((0, 18), (0, 20)),  # everything
        ((3, 4), (3, 5)),  # the collapsed space stands for both raw spaces
        ((2, 5), (2, 6)),  # across a stand-in segment
        ((5, 5), (6, 6)),  # an empty span is empty in raw too
    ],
)
def test_span_to_raw_maps_cleaned_spans_into_raw(
    span: tuple[int, int], expected: tuple[int, int]
) -> None:
    assert MAP.span_to_raw(*span) == expected


def test_span_to_raw_of_a_word_gives_back_the_raw_word() -> None:
    start = CLEANED.index("held")
    raw_start, raw_end = MAP.span_to_raw(start, start + len("held"))
    assert RAW[raw_start:raw_end] == "held"


def test_rows_round_trip_to_an_equal_map() -> None:
    rows = MAP.to_rows()
    assert rows[1] == [3, 4, 3, 5, 0]
    assert OffsetMap.from_rows(rows) == MAP
    assert OffsetMap.from_rows(rows).segments == SEGMENTS


def test_maps_are_equal_by_segments_only() -> None:
    assert OffsetMap(list(SEGMENTS)) == MAP
    assert OffsetMap(SEGMENTS[:-1]) != MAP
    assert MAP != SEGMENTS  # not equal to what it was built from


def test_repr_counts_segments() -> None:
    assert repr(MAP) == "OffsetMap(4 segments)"


def test_empty_map_maps_everything_to_zero() -> None:
    empty = OffsetMap([])
    assert empty.to_raw(0) == 0
    assert empty.to_raw(5) == 0
    assert empty.span_to_raw(0, 0) == (0, 0)
    assert empty.to_rows() == []
    assert OffsetMap.from_rows([]) == empty


def test_metadata_over_fills_only_what_is_missing() -> None:
    mine = Metadata(title="Trawler seized off Arica", outlet=None)
    theirs = Metadata(title="Untitled", outlet="Harbour Courier", published=PartialDate("2026-01", "month"))
    merged = mine.over(theirs)
    assert merged.title == "Trawler seized off Arica"
    assert merged.outlet == "Harbour Courier"
    assert str(merged.published) == "2026-01"
