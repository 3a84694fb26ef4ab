"""``newsgraph.day_intervals``: the first and last day a date value stands for."""

from __future__ import annotations

import pytest

from newsgraph.day_intervals import interval


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-01-15", ("2026-01-15", "2026-01-15")),
        ("2026-01-15T10:30:00+00:00", ("2026-01-15", "2026-01-15")),
        ("2026-02", ("2026-02-01", "2026-02-28")),
        ("2024-02", ("2024-02-01", "2024-02-29")),
        ("2026", ("2026-01-01", "2026-12-31")),
        ("2026-W02", ("2026-01-05", "2026-01-11")),
        ("2026-Q4", ("2026-10-01", "2026-12-31")),
        ("2026-H1", ("2026-01-01", "2026-06-30")),
        ("2026-SU", ("2026-06-01", "2026-08-31")),
        ("2025-WI", ("2025-12-01", "2026-02-28")),
        ("202", ("2020-01-01", "2029-12-31")),
        ("20", ("2000-01-01", "2099-12-31")),
        ("PRESENT_REF", None),
        ("P2D", None),
        ("2026-13", None),
        ("2026-02-30", None),
        ("2026-W60", None),
        ("2026-XX-15", None),
    ],
)
def test_the_days_a_value_stands_for(value: str, expected: tuple[str, str] | None) -> None:
    assert interval(value) == expected
