"""Query parameters shared by the routes, each bounded and documented: dates, limits, cursors."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from newsgraph.api.errors import Invalid
from newsgraph.day_intervals import interval

# ISO 8601 dates at year, month or day precision, as strings: 20260115 (a number) is refused, never read
# as seconds since 1970.
ISO_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
DATE_HINT = "give an ISO 8601 date as a string: 2026, 2026-01 or 2026-01-15"
MAX_TEXT = 200


def _date_query(what: str) -> object:
    return Query(pattern=ISO_DATE, min_length=4, max_length=10, description=f"{what} ({DATE_HINT}).",
                 examples=["2026-01-15"])


Since = Annotated[str | None, _date_query("Only what overlaps this date or later")]
Until = Annotated[str | None, _date_query("Only what overlaps this date or earlier")]
Text = Annotated[str | None, Query(min_length=1, max_length=MAX_TEXT)]


def checked_date(name: str, value: str | None) -> str | None:
    """``value`` when it is a real calendar date (``2026-02-31`` is not); else a 422 naming ``name``."""
    if value is not None and interval(value) is None:
        raise Invalid(f"query parameter {name!r}: {value!r} is not a calendar date; {DATE_HINT}")
    return value


def date_range(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    low, high = checked_date("since", since), checked_date("until", until)
    if low and high and (interval(low) or ("",))[0] > (interval(high) or ("", ""))[1]:
        raise Invalid(f"'since' ({low}) is after 'until' ({high}); swap them")
    return low, high
