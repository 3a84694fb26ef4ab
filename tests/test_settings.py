"""One options object: defaults, ``NEWSGRAPH_*`` overrides cast to the field type, and clear errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newsgraph.errors import ConfigError
from newsgraph.settings import MIB, Settings


def test_no_environment_gives_the_defaults() -> None:
    assert Settings.from_env({}) == Settings()
    assert Settings().max_document_bytes == 10 * MIB


def test_unrelated_variables_are_ignored() -> None:
    assert Settings.from_env({"HOME": "/root", "NEWSGRAPH_COLOUR": "blue"}) == Settings()


@pytest.mark.parametrize(
    ("variable", "value", "field", "expected"),
    [
        ("NEWSGRAPH_DB", "/data/story.db", "db", Path("/data/story.db")),
        ("NEWSGRAPH_MAX_DOCUMENT_BYTES", "2048", "max_document_bytes", 2048),
        ("NEWSGRAPH_MAX_DOCUMENT_BYTES", " 2048 ", "max_document_bytes", 2048),
        ("NEWSGRAPH_NEAR_DUPLICATE_THRESHOLD", "0.65", "near_duplicate_threshold", 0.65),
        ("NEWSGRAPH_NEAR_DUPLICATE_THRESHOLD", "1", "near_duplicate_threshold", 1.0),
        ("NEWSGRAPH_MINHASH_PERMUTATIONS", "64", "minhash_permutations", 64),
        ("NEWSGRAPH_SHINGLE_WORDS", "3", "shingle_words", 3),
        ("NEWSGRAPH_FETCH_TIMEOUT", "2.5", "fetch_timeout", 2.5),
        ("NEWSGRAPH_FETCH_MAX_BYTES", "4096", "fetch_max_bytes", 4096),
        ("NEWSGRAPH_FETCH_MAX_REDIRECTS", "0", "fetch_max_redirects", 0),
        ("NEWSGRAPH_USER_AGENT", "tester/2", "user_agent", "tester/2"),
        ("NEWSGRAPH_REFRESH_VIEWS", "off", "refresh_views", False),
    ],
)
def test_environment_overrides_are_cast(variable: str, value: str, field: str, expected: Any) -> None:
    settings = Settings.from_env({variable: value})
    assert getattr(settings, field) == expected
    assert type(getattr(settings, field)) is type(expected)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1", True), ("true", True), ("YES", True), (" on ", True),
     ("0", False), ("false", False), ("No", False), ("off", False), ("", False)],
)
def test_boolean_variables_accept_the_usual_words(value: str, expected: bool) -> None:
    assert Settings.from_env({"NEWSGRAPH_ALLOW_PRIVATE": value}).allow_private is expected


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("NEWSGRAPH_MAX_DOCUMENT_BYTES", "10MB", "not a valid int"),
        ("NEWSGRAPH_MAX_DOCUMENT_BYTES", "1e6", "not a valid int"),
        ("NEWSGRAPH_NEAR_DUPLICATE_THRESHOLD", "high", "not a valid float"),
        ("NEWSGRAPH_FETCH_TIMEOUT", "15s", "not a valid float"),
        ("NEWSGRAPH_ALLOW_PRIVATE", "maybe", "not a valid bool: expected true/false"),
    ],
)
def test_a_value_that_does_not_cast_names_the_variable(variable: str, value: str, expected: str) -> None:
    with pytest.raises(ConfigError) as caught:
        Settings.from_env({variable: value})
    message = str(caught.value)
    assert f"environment variable {variable}={value!r}" in message
    assert expected in message


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("NEWSGRAPH_NEAR_DUPLICATE_THRESHOLD", "1.5", "above 0 and at most 1"),
        ("NEWSGRAPH_NEAR_DUPLICATE_THRESHOLD", "0", "above 0 and at most 1"),
        ("NEWSGRAPH_NEAR_DUPLICATE_THRESHOLD", "nan", "above 0 and at most 1"),
        ("NEWSGRAPH_MAX_DOCUMENT_BYTES", "0", "expected a positive integer"),
        ("NEWSGRAPH_SHINGLE_WORDS", "-2", "expected a positive integer"),
        ("NEWSGRAPH_FETCH_MAX_REDIRECTS", "-1", "0 or more"),
        ("NEWSGRAPH_FETCH_TIMEOUT", "0", "expected seconds above 0"),
        ("NEWSGRAPH_FETCH_TIMEOUT", "nan", "expected seconds above 0"),
    ],
)
def test_a_value_out_of_range_names_the_variable(variable: str, value: str, expected: str) -> None:
    with pytest.raises(ConfigError) as caught:
        Settings.from_env({variable: value})
    assert variable in str(caught.value)
    assert expected in str(caught.value)


def test_from_env_reads_the_process_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSGRAPH_SHINGLE_WORDS", "4")
    assert Settings.from_env().shingle_words == 4


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"near_duplicate_threshold": 0.0}, "near_duplicate_threshold is 0.0"),
        ({"near_duplicate_threshold": 1.01}, "near_duplicate_threshold is 1.01"),
        ({"max_document_bytes": 0}, "max_document_bytes is 0"),
        ({"minhash_permutations": -1}, "minhash_permutations is -1"),
        ({"shingle_words": 0}, "shingle_words is 0"),
        ({"fetch_max_bytes": 0}, "fetch_max_bytes is 0"),
        ({"fetch_max_redirects": -3}, "fetch_max_redirects must be 0 or more"),
        ({"fetch_timeout": -1.0}, "fetch_timeout is -1.0"),
        ({"fetch_timeout": float("nan")}, "fetch_timeout is nan"),
    ],
)
def test_with_changes_validates_ranges(changes: dict[str, Any], expected: str) -> None:
    with pytest.raises(ConfigError) as caught:
        Settings().with_changes(**changes)
    assert expected in str(caught.value)


@pytest.mark.parametrize(
    "changes",
    [{"near_duplicate_threshold": 1.0}, {"fetch_max_redirects": 0}, {"max_document_bytes": 1},
     {"fetch_timeout": float("inf")}],
)
def test_boundary_values_are_accepted(changes: dict[str, Any]) -> None:
    Settings().with_changes(**changes).validate()


def test_with_changes_ignores_none_and_returns_a_copy() -> None:
    base = Settings()
    changed = base.with_changes(db=Path("other.db"), allow_private=None)
    assert changed.db == Path("other.db")
    assert changed.allow_private is False
    assert base.db == Path("newsgraph.db")
