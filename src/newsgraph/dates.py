"""Publication dates with their precision: ``2026``, ``2026-01``, ``2026-01-16``, or a timestamp.

A date given as ``2026-01`` is stored as January 2026, not as 1 January: precision is kept, never invented.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime

from dateutil import parser as dateutil_parser

from newsgraph.records import PartialDate, Precision

_YEAR = re.compile(r"^(\d{4})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
# Two defaults that differ in every field: a field that comes out different was not in the text.
_DEFAULT_A = datetime(2000, 1, 1, 0, 0, 0)
_DEFAULT_B = datetime(2001, 2, 2, 1, 1, 1)


class DateParseError(ValueError):
    """The text is not a date newsgraph can read."""


def parse_date(text: str) -> PartialDate:
    """Read ``text`` as a date, keeping the precision it was given with.

    Accepts ISO 8601 (``2026``, ``2026-01``, ``2026-01-16``, ``2026-01-16T10:30:00Z``), RFC 2822 as in
    feeds and HTTP (``Fri, 16 Jan 2026 10:30:00 GMT``) and common written forms (``January 16, 2026``).
    Raises ``DateParseError`` otherwise.
    """
    text = text.strip()
    if not text:
        raise DateParseError("empty date")
    return _iso_date(text) or _rfc2822(text) or _free_form(text)


def partial_date(when: datetime, precision: Precision) -> PartialDate:
    """``when`` cut at ``precision``."""
    if precision == "year":
        return PartialDate(f"{when.year:04d}", precision)
    if precision == "month":
        return PartialDate(f"{when.year:04d}-{when.month:02d}", precision)
    if precision == "day":
        return PartialDate(when.date().isoformat(), precision)
    timespec = "minutes" if precision == "minute" else "seconds"
    return PartialDate(when.isoformat(timespec=timespec), precision)


def _iso_date(text: str) -> PartialDate | None:
    if m := _YEAR.match(text):
        return _checked(text, "year", int(m[1]), 1, 1)
    if m := _MONTH.match(text):
        return _checked(text, "month", int(m[1]), int(m[2]), 1)
    if m := _DAY.match(text):
        return _checked(text, "day", int(m[1]), int(m[2]), int(m[3]))
    if re.match(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}", text):
        try:
            when = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError as e:
            raise DateParseError(f"{text!r} is not a valid ISO 8601 timestamp: {e}") from e
        has_seconds = re.match(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}", text) is not None
        return partial_date(when, "second" if has_seconds else "minute")
    return None


def _checked(text: str, precision: Precision, year: int, month: int, day: int) -> PartialDate:
    try:
        when = datetime(year, month, day)
    except ValueError as e:
        raise DateParseError(f"{text!r} is not a real date: {e}") from e
    return partial_date(when, precision)


def _rfc2822(text: str) -> PartialDate | None:
    if not re.match(r"^(\w{3},\s*)?\d{1,2}\s+\w{3}\s+\d{4}\s+\d{1,2}:\d{2}", text):
        return None
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return partial_date(when, "second" if when.second or text.count(":") >= 2 else "minute")


def _free_form(text: str) -> PartialDate:
    try:
        first = dateutil_parser.parse(text, default=_DEFAULT_A)
        second = dateutil_parser.parse(text, default=_DEFAULT_B)
    except (ValueError, OverflowError) as e:
        raise DateParseError(
            f"{text!r} is not a date; use ISO 8601 such as 2026-01-16, 2026-01 or 2026"
        ) from e
    if first.year != second.year:
        raise DateParseError(f"{text!r} has no year; give one, e.g. 2026-01-16")
    if first.month != second.month:
        return partial_date(first, "year")
    if first.day != second.day:
        return partial_date(first, "month")
    if first.hour != second.hour or first.minute != second.minute:
        return partial_date(first, "day")
    return partial_date(first, "second" if first.second == second.second else "minute")


def anchor_day(published: PartialDate | None) -> date | None:
    """The day relative dates are resolved against: the publication day, when known to the day."""
    if published is None or published.precision in ("year", "month"):
        return None
    return date.fromisoformat(published.iso[:10])


def anchor_month(published: PartialDate | None) -> tuple[int, int] | None:
    """The publication's year and month, when known at least to the month: enough to give "March 26"
    its year, not enough to say which day "Thursday" was."""
    if published is None or published.precision == "year":
        return None
    return int(published.iso[:4]), int(published.iso[5:7])
