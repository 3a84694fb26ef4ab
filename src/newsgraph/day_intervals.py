"""The days a date value stands for: ``2026-01`` is 2026-01-01 … 2026-01-31, ``2026-W03`` the Monday to
Sunday of ISO week 3. Listings sort events on the first day, date filters test overlap, and event coding
tells an event still to come from one that has been."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, timedelta

Interval = tuple[str, str]

# Seasons as TIMEX3 writes them (time_rules.SEASONS): their first month; each spans three.
_SEASONS = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_PATTERNS: list[tuple[re.Pattern[str], Callable[..., tuple[date, date]]]] = []


def interval(value: str) -> Interval | None:
    """The first and last day (``YYYY-MM-DD``) of a TIMEX3 date value or an ISO 8601 date at any
    precision: day or timestamp, month, year, ``2026-W03``, ``2026-Q1``, ``2026-H2``, ``2026-SU``,
    decade ``202``, century ``20``. None for what names no stretch of the calendar (``PRESENT_REF``,
    durations, values with unknown digits)."""
    for pattern, days in _PATTERNS:
        match = pattern.match(value)
        if match:
            try:
                first, last = days(*(int(g) if g.isdigit() else g for g in match.groups()))
            except ValueError:  # a month 13, a 30 February, a week 54
                return None
            return first.isoformat(), last.isoformat()
    return None


def _pattern(regex: str) -> Callable[[Callable[..., tuple[date, date]]], Callable[..., tuple[date, date]]]:
    def register(days: Callable[..., tuple[date, date]]) -> Callable[..., tuple[date, date]]:
        _PATTERNS.append((re.compile(regex), days))
        return days
    return register


def _months(year: int, first: int, count: int) -> tuple[date, date]:
    end_year, end_month = year + (first + count - 2) // 12, (first + count - 2) % 12 + 1
    return date(year, first, 1), date(end_year, end_month, calendar.monthrange(end_year, end_month)[1])


@_pattern(r"^(\d{4})-(\d{2})-(\d{2})(?:$|T)")
def _day(year: int, month: int, day: int) -> tuple[date, date]:
    return date(year, month, day), date(year, month, day)


@_pattern(r"^(\d{4})-(\d{2})$")
def _month(year: int, month: int) -> tuple[date, date]:
    return _months(year, month, 1)


@_pattern(r"^(\d{4})$")
def _year(year: int) -> tuple[date, date]:
    return _months(year, 1, 12)


@_pattern(r"^(\d{4})-W(\d{2})(?:$|-)")
def _week(year: int, week: int) -> tuple[date, date]:
    monday = date.fromisocalendar(year, week, 1)
    return monday, monday + timedelta(days=6)


@_pattern(r"^(\d{4})-Q([1-4])$")
def _quarter(year: int, quarter: int) -> tuple[date, date]:
    return _months(year, 3 * quarter - 2, 3)


@_pattern(r"^(\d{4})-H([12])$")
def _half(year: int, half: int) -> tuple[date, date]:
    return _months(year, 6 * half - 5, 6)


@_pattern(r"^(\d{4})-(SP|SU|FA|WI)$")
def _season(year: int, season: str) -> tuple[date, date]:
    return _months(year, _SEASONS[season], 3)


@_pattern(r"^(\d{3})$")
def _decade(decade: int) -> tuple[date, date]:
    return date(decade * 10, 1, 1), date(decade * 10 + 9, 12, 31)


@_pattern(r"^(\d{2})$")
def _century(century: int) -> tuple[date, date]:
    return date(max(century * 100, 1), 1, 1), date(century * 100 + 99, 12, 31)
