"""Publication dates keep the precision they were given with; what is not a date says why."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from newsgraph.dates import DateParseError, anchor_day, anchor_month, parse_date, partial_date
from newsgraph.records import PartialDate

ACCEPTED = [
    # ISO 8601 at every precision
    ("2025", "2025", "year"),
    ("2025-07", "2025-07", "month"),
    ("2025-07-09", "2025-07-09", "day"),
    ("  2025-07-09\n", "2025-07-09", "day"),
    ("2025-07-09T06:45Z", "2025-07-09T06:45+00:00", "minute"),
    ("2025-07-09T06:45:12Z", "2025-07-09T06:45:12+00:00", "second"),
    ("2025-07-09 06:45:12+02:00", "2025-07-09T06:45:12+02:00", "second"),
    ("2025-07-09T06:45:12.987654-04:00", "2025-07-09T06:45:12-04:00", "second"),
    ("2025-07-09T06:45:12", "2025-07-09T06:45:12", "second"),
    # RFC 2822, as in feeds and HTTP headers
    ("Wed, 09 Jul 2025 06:45:12 GMT", "2025-07-09T06:45:12+00:00", "second"),
    ("Wed, 09 Jul 2025 06:45 +0100", "2025-07-09T06:45+01:00", "minute"),
    ("9 Jul 2025 06:45:00 -0300", "2025-07-09T06:45:00-03:00", "second"),
    # written forms
    ("July 9, 2025", "2025-07-09", "day"),
    ("9 July 2025", "2025-07-09", "day"),
    ("July 2025", "2025-07", "month"),
    ("Jul 2025", "2025-07", "month"),
    ("July 9, 2025 06:45", "2025-07-09T06:45", "minute"),
    ("July 9, 2025 06:45:30", "2025-07-09T06:45:30", "second"),
    ("July 9, 2025 6am", "2025-07-09", "day"),  # an hour without minutes is cut to the day
]

REJECTED = [
    ("", "empty date"),
    ("   ", "empty date"),
    ("the other day", "is not a date; use ISO 8601"),
    ("July 9", "has no year"),
    ("06:45", "has no year"),
    ("Wednesday", "has no year"),
    ("2025-13", "is not a real date"),
    ("2025-02-29", "is not a real date"),
    ("0000", "is not a real date"),
    ("2025-07-09T24:10Z", "is not a valid ISO 8601 timestamp"),
    ("2025-07-09T06:45:12 or so", "is not a valid ISO 8601 timestamp"),
    ("12345678901234567890", "is not a date"),
]


@pytest.mark.parametrize(("text", "iso", "precision"), ACCEPTED)
def test_accepted_dates_keep_their_precision(text: str, iso: str, precision: str) -> None:
    assert parse_date(text) == PartialDate(iso, precision)  # type: ignore[arg-type]


@pytest.mark.parametrize(("text", "message"), REJECTED)
def test_rejected_dates_say_why(text: str, message: str) -> None:
    with pytest.raises(DateParseError) as caught:
        parse_date(text)
    assert message in str(caught.value)
    if text.strip():
        assert repr(text.strip()) in str(caught.value)  # the message quotes what was given


def test_date_parse_error_is_a_value_error() -> None:
    assert issubclass(DateParseError, ValueError)


def test_a_month_is_not_turned_into_its_first_day() -> None:
    assert str(parse_date("2025-07")) == "2025-07"


@pytest.mark.parametrize(
    ("precision", "iso"),
    [
        ("year", "2025"),
        ("month", "2025-07"),
        ("day", "2025-07-09"),
        ("minute", "2025-07-09T06:45+00:00"),
        ("second", "2025-07-09T06:45:12+00:00"),
    ],
)
def test_partial_date_cuts_at_the_precision(precision: str, iso: str) -> None:
    when = datetime(2025, 7, 9, 6, 45, 12, 500, tzinfo=UTC)
    assert partial_date(when, precision) == PartialDate(iso, precision)  # type: ignore[arg-type]


@pytest.mark.parametrize(("published", "day", "month"), [
    ("2026-04-02T14:05:00+00:00", date(2026, 4, 2), (2026, 4)),
    ("2026-04", None, (2026, 4)),  # "March 26" gets its year, "Thursday" no day
    ("2026", None, None),
])
def test_anchors_keep_what_the_publication_date_knows(published: str, day: date | None,
                                                      month: tuple[int, int] | None) -> None:
    assert (anchor_day(parse_date(published)), anchor_month(parse_date(published))) == (day, month)
    assert anchor_day(None) is None and anchor_month(None) is None
