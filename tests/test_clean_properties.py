"""Cleaning invariants, for any text: offsets point at the right raw text, and nothing is lost unrecorded."""

from __future__ import annotations

import textwrap

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from newsgraph.clean import clean
from newsgraph.records import CleanText

SETTINGS = settings(max_examples=200, deadline=None)

NOISE = ["\ufffd", "\u00a0", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\t", "\x07",
         "\r", "\n", "\r\n", "\u2028", "\u2029", "\x85", "  ", "Ã©", "â€œ", "â€\x9d", "â€™", "&amp;",
         "e\u0301", "\x1b[1m", "\ufffc", "#", "+1", ":", "."]

any_text = st.lists(st.one_of(st.characters(), st.sampled_from(NOISE)), max_size=300).map("".join)

PROSE_WORDS = ["trawler", "seized", "off", "Arica", "navy", "crew", "harbour", "council", "ferry",
               "Iquique", "café", "Valparaíso", "owners", "appeal", "court", "quota", "the", "of", "and",
               "said", "on", "Tuesday", "officials", "“quoted”", "O’Brien", "subscriber"]
WORDS = [*PROSE_WORDS, "comment", "comments", "subscribe", "share", "news", "related"]
CHIPS = ["Reuters", "AP News +1", "CBS News +2", "latimes.com", "MercoPress", "Harbour Courier",
         "Pacific Ledger +1", "www.arica-noticias.cl"]
BOILERPLATE = ["Share this article", "Advertisement", "Subscribe now", "Related stories",
               "Read more: Port closes for winter", "Comments", "3 Comments", "Leave a comment",
               "There are no comments for this story", "Be the first to comment"]



def sentence(words: list[str]) -> st.SearchStrategy[str]:
    return st.builds(
        lambda chosen, end: " ".join(chosen).capitalize() + end,
        st.lists(st.sampled_from(words), min_size=3, max_size=30),
        st.sampled_from([".", ".", "!", ",", "", "?", "”", ":"]),
    )


def paragraph_line(words: list[str]) -> st.SearchStrategy[str]:
    return st.lists(sentence(words), min_size=1, max_size=4).map(" ".join)


def heading_line(words: list[str]) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(words), min_size=1, max_size=8).map(
        lambda chosen: " ".join(w[:1].upper() + w[1:] for w in chosen)
    )


def wrapped_lines(words: list[str]) -> st.SearchStrategy[str]:
    return st.builds(
        lambda text, width: "\n".join(textwrap.wrap(text, width)),
        paragraph_line(words), st.integers(min_value=40, max_value=90),
    )


def prose_line(words: list[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        paragraph_line(words), heading_line(words), heading_line(words).map("## ".__add__), st.just(""),
        wrapped_lines(words),
    )


noisy_line = st.one_of(
    prose_line(WORDS), st.sampled_from(CHIPS), st.sampled_from(BOILERPLATE),
    st.builds(lambda line, noise: line + noise, paragraph_line(WORDS), st.sampled_from(NOISE)),
)
line_break = st.sampled_from(["\n", "\n", "\n", "\r\n", "\r"])


def document(lines: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.lists(st.tuples(lines, line_break), max_size=25).map(
        lambda parts: "".join(line + brk for line, brk in parts)
    )


documents = document(noisy_line)
prose = document(prose_line(PROSE_WORDS))
anything = st.one_of(any_text, documents)


def assert_segments_map_to_raw(raw: str, cleaned: CleanText) -> None:
    segments = cleaned.offsets.segments
    end = 0
    raw_end = 0
    for s in segments:
        assert s.start == end, "segments are contiguous"
        assert s.end > s.start
        end = s.end
        assert raw_end <= s.raw_start <= s.raw_end <= len(raw), "raw spans are ordered and in raw"
        raw_end = s.raw_end
        if s.copied:
            assert cleaned.text[s.start:s.end] == raw[s.raw_start:s.raw_end]
    assert end == len(cleaned.text)


@SETTINGS
@given(anything)
def test_segments_tile_the_cleaned_text_and_copied_ones_equal_raw(raw: str) -> None:
    assert_segments_map_to_raw(raw, clean(raw))


@SETTINGS
@given(anything)
def test_paragraphs_are_ordered_disjoint_and_trimmed(raw: str) -> None:
    cleaned = clean(raw)
    previous_end = 0
    for p in cleaned.paragraphs:
        assert previous_end <= p.start < p.end <= len(cleaned.text)
        previous_end = p.end
        text = cleaned.text[p.start:p.end]
        assert text == text.strip()
        assert p.kind in ("body", "heading")
    assert (cleaned.headline is not None) == bool(
        cleaned.paragraphs and cleaned.paragraphs[0].kind == "heading"
    )


@SETTINGS
@given(anything)
def test_paragraphs_are_the_cleaned_text_between_paragraph_breaks(raw: str) -> None:
    cleaned = clean(raw)
    assert "\n\n".join(cleaned.text[p.start:p.end] for p in cleaned.paragraphs) == cleaned.text


@SETTINGS
@given(anything)
def test_every_removal_quotes_raw(raw: str) -> None:
    cleaned = clean(raw)
    for r in cleaned.removals:
        assert 0 <= r.raw_start < r.raw_end <= len(raw)
        assert r.text == raw[r.raw_start:r.raw_end]
    assert list(cleaned.removals) == sorted(cleaned.removals, key=lambda r: (r.raw_start, r.raw_end))


@SETTINGS
@given(anything)
def test_raw_text_left_out_of_the_segments_is_white_space_or_removed(raw: str) -> None:
    cleaned = clean(raw)
    covered = [False] * len(raw)
    for span in [*cleaned.offsets.segments, *cleaned.removals]:
        for i in range(span.raw_start, span.raw_end):
            covered[i] = True
    lost = "".join(char for char, kept in zip(raw, covered, strict=True) if not kept)
    assert not lost.strip(), f"dropped without a record: {lost!r}"


@SETTINGS
@given(anything)
def test_cleaned_text_has_no_replacement_character_blank_run_or_outer_white_space(raw: str) -> None:
    text = clean(raw).text
    assert "\ufffd" not in text
    assert "\n\n\n" not in text
    assert "\r" not in text
    assert "  " not in text
    assert text == text.strip()


@SETTINGS
@given(anything)
def test_cleaning_is_deterministic(raw: str) -> None:
    assert clean(raw) == clean(raw)


@SETTINGS
@given(prose)
def test_cleaning_clean_prose_again_changes_nothing(raw: str) -> None:
    once = clean(raw)
    assume(all(r.reason == "markdown-markup" for r in once.removals))  # a comment trailer was cut
    twice = clean(once.text)
    assert twice.text == once.text
    assert [(p.start, p.end) for p in twice.paragraphs] == [(p.start, p.end) for p in once.paragraphs]
