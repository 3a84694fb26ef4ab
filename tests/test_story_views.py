"""Kept story views refreshed ahead of queries (``refresh_story_views``), over conftest.py's invented
story filed by hand. How views are read back and dropped is in test_export_stories.py."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from typing import Any

import pytest

import newsgraph.story_views as story_views
from newsgraph.changes import story_changes
from newsgraph.event_groups import EventGroup, story_groups
from newsgraph.store import SQLiteStore, Store
from newsgraph.story_views import changes_of_story, refresh_story_views, timeline_of_story
from newsgraph.timeline import story_timeline


@pytest.fixture
def filed(store_story_with_role: Any, file_one_story: Any
          ) -> Iterator[tuple[SQLiteStore, int, dict[str, int]]]:
    with SQLiteStore(":memory:") as store:
        ids = store_story_with_role(store)
        yield store, file_one_story(store, ids.values()), ids


def no_computing(monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on, a query that computes a view instead of reading the kept one fails the test."""
    def computed(*_: Any) -> None:
        raise AssertionError("the view was computed, not read back")

    monkeypatch.setattr(story_views, "story_timeline", computed)
    monkeypatch.setattr(story_views, "story_changes", computed)


def test_a_refresh_keeps_both_views_and_queries_read_them_back(
        filed: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    store, story_id, _ = filed
    ids = store.story_article_ids(story_id)
    expected = story_timeline(store, ids), story_changes(store, ids)
    assert refresh_story_views(store, [story_id]) == []
    no_computing(monkeypatch)
    assert (timeline_of_story(store, story_id), changes_of_story(store, story_id)) == expected
    assert expected[0] and expected[1]


def test_a_refresh_groups_a_story_once_for_both_views(filed: Any, groupings: list[list[int]]) -> None:
    store, story_id, _ = filed
    refresh_story_views(store, [story_id, story_id])
    assert groupings == [store.story_article_ids(story_id)]


def test_current_views_are_not_made_again(filed: Any, groupings: list[list[int]]) -> None:
    store, story_id, _ = filed
    timeline_of_story(store, story_id)
    changes_of_story(store, story_id)
    kept = store.story_view(story_id, "changes")
    refresh_story_views(store, [story_id])
    assert groupings == []
    assert store.story_view(story_id, "changes") == kept


def test_only_the_view_that_is_not_current_is_made(filed: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    store, story_id, _ = filed
    timeline_of_story(store, story_id)
    kept = store.story_view(story_id, "timeline")

    def made(*_: Any) -> None:
        raise AssertionError("the current timeline was made again")

    monkeypatch.setattr(story_views, "timeline", made)
    assert refresh_story_views(store, [story_id]) == []
    assert store.story_view(story_id, "timeline") == kept
    assert store.story_view(story_id, "changes")[1] is not None


def test_a_view_kept_by_another_version_is_made_again(filed: Any, groupings: list[list[int]]) -> None:
    store, story_id, _ = filed
    stamp, _ = store.story_view(story_id, "timeline")
    store.save_story_view(story_id, "timeline", stamp, '{"version":"1;0.0.1","items":[]}')
    refresh_story_views(store, [story_id])
    assert len(groupings) == 1
    data = store.story_view(story_id, "timeline")[1]
    assert data is not None and data.startswith(story_views._head())


def test_a_failed_story_is_logged_and_the_others_are_refreshed(
        filed: Any, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    store, story_id, ids = filed
    broken = store.split_story(story_id, [ids["cartel.txt"]])

    def failing(store: Store, article_ids: Sequence[int] | None) -> list[EventGroup]:
        if article_ids == [ids["cartel.txt"]]:
            raise RuntimeError("disk on fire")
        return story_groups(store, article_ids)

    monkeypatch.setattr(story_views, "story_groups", failing)
    with caplog.at_level(logging.ERROR, logger="newsgraph.story_views"):
        assert refresh_story_views(store, [broken, story_id]) == [broken]
    assert f"story {broken}" in caplog.text and "disk on fire" in caplog.text
    assert store.story_view(broken, "timeline")[1] is None
    assert store.story_view(story_id, "timeline")[1] is not None
    assert store.story_article_ids(broken) == [ids["cartel.txt"]]


def test_a_story_that_does_not_exist_keeps_nothing(memory_store: SQLiteStore) -> None:
    assert refresh_story_views(memory_store, [99]) == []
    assert memory_store.story_view(99, "timeline") == (0, None)
