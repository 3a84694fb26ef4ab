"""``process``: extraction of stored articles, filed into stories, whose kept views are then refreshed
once per run. Runs the real English pipeline over the sample corpus."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import newsgraph.story_views as story_views
from newsgraph.changes import story_changes
from newsgraph.event_groups import EventGroup
from newsgraph.pipeline import ingest
from newsgraph.processing import process
from newsgraph.settings import Settings
from newsgraph.store import SQLiteStore, Store
from newsgraph.story_views import VIEWS, changes_of_story, timeline_of_story
from newsgraph.timeline import story_timeline

pytestmark = pytest.mark.model

SAMPLE = Path(__file__).resolve().parent.parent / "sample"
# Another story: the trawler articles of the sample are filed together, this one apart.
FERRY = (
    "Ferry strike ends in Chiloé\n\n"
    "Ferry crews on the Chacao channel ended a three-day strike on Sunday after the regional government "
    "promised to review their shift rules, the crews' union said.\n"
)


@pytest.fixture
def ingested(tmp_path: Path) -> Iterator[tuple[SQLiteStore, list[int]]]:
    """The first four trawler articles of the sample, then the ferry one, stored, not extracted; their
    ids, the ferry article's last."""
    (tmp_path / "ferry.txt").write_text(FERRY, encoding="utf-8")
    inputs = [*sorted(str(p) for p in SAMPLE.glob("0[1-4]_*")), str(tmp_path / "ferry.txt")]
    with SQLiteStore(":memory:") as store:
        outcomes = list(ingest(inputs, store, settings=Settings()))
        yield store, [o.article_id for o in outcomes if o.status == "stored" and o.article_id is not None]


def run(store: Store, settings: Settings | None = None, article_ids: list[int] | None = None) -> int:
    """Process to the end; how many articles were extracted."""
    done = list(process(store, settings or Settings(), article_ids=article_ids))
    assert [p.error for p in done if p.error is not None] == []
    return len(done)


def stories_of(store: Store, article_ids: list[int]) -> set[int]:
    return {s for a in article_ids if (s := store.story_of(a)) is not None}


def test_after_process_every_touched_story_has_current_views_read_back_as_computed(
        ingested: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    store, ids = ingested
    run(store)
    expected = {}
    for story_id in stories_of(store, ids):
        stamp = store.story_view(story_id, "timeline")[0]
        for name in VIEWS:
            assert store.story_view(story_id, name)[0] == stamp
            assert store.story_view(story_id, name)[1] is not None, (story_id, name)
        held = store.story_article_ids(story_id)
        expected[story_id] = story_timeline(store, held), story_changes(store, held)

    def computed(*_: Any) -> None:
        raise AssertionError("the view was computed, not read back")

    monkeypatch.setattr(story_views, "story_timeline", computed)
    monkeypatch.setattr(story_views, "story_changes", computed)
    for story_id, views in expected.items():
        assert (timeline_of_story(store, story_id), changes_of_story(store, story_id)) == views


def test_a_run_refreshes_each_story_once_not_once_per_article(
        ingested: Any, groupings: list[list[int]]) -> None:
    store, ids = ingested
    extracted = run(store)
    touched = stories_of(store, ids)
    assert sorted(map(sorted, groupings)) == sorted(sorted(store.story_article_ids(s)) for s in touched)
    assert len(groupings) < extracted


def test_a_second_run_refreshes_only_the_stories_it_touched(
        ingested: Any, groupings: list[list[int]]) -> None:
    store, ids = ingested
    run(store)
    trawler, ferry = store.story_of(ids[0]), store.story_of(ids[-1])
    assert trawler is not None and ferry is not None and trawler != ferry
    kept = store.story_view(trawler, "changes")
    groupings.clear()
    run(store, article_ids=ids[-1:])
    assert groupings == [store.story_article_ids(ferry)]
    assert store.story_view(trawler, "changes") == kept


def test_a_failed_refresh_loses_no_filed_article_and_is_logged(
        ingested: Any, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    store, ids = ingested

    def failing(*_: Any) -> list[EventGroup]:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(story_views, "story_groups", failing)
    with caplog.at_level(logging.ERROR, logger="newsgraph.story_views"):
        assert run(store) == len(ids)
    assert all(store.story_of(a) is not None for a in ids)
    assert all(store.extraction(a) is not None for a in ids)
    assert "could not refresh the views of story" in caplog.text and "disk on fire" in caplog.text
    monkeypatch.undo()
    story_id = store.story_of(ids[0])
    assert story_id is not None and store.story_view(story_id, "timeline")[1] is None
    assert timeline_of_story(store, story_id) == story_timeline(store, store.story_article_ids(story_id))


def test_refresh_views_off_leaves_the_views_to_the_first_query(
        ingested: Any, groupings: list[list[int]]) -> None:
    store, ids = ingested
    run(store, Settings(refresh_views=False))
    assert groupings == []
    assert all(store.story_view(s, name)[1] is None for s in stories_of(store, ids) for name in VIEWS)


def test_a_story_the_twin_check_splits_is_refreshed_on_both_sides_and_logged(
        ingested: Any, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    """``process`` asks the store to check each filed article's story; a story split off is refreshed
    too. (The split here is forced: the sample's trawler story is one story, and the check keeps it so.)"""
    store, ids = ingested
    split_off: list[int] = []

    def check_twins(story_id: int, options: Any) -> int | None:
        held = store.story_article_ids(story_id)
        if len(held) == 4 and not split_off:
            split_off.append(store.split_story(story_id, held[2:]))
            return split_off[0]
        return None

    monkeypatch.setattr(store, "check_twins", check_twins)
    with caplog.at_level(logging.INFO, logger="newsgraph.processing"):
        run(store)
    assert split_off
    kept = store.story_of(ids[0])
    assert kept is not None and kept != split_off[0]
    for story_id in (kept, split_off[0]):
        assert all(store.story_view(story_id, name)[1] is not None for name in VIEWS)
    assert f"2 of its articles moved to story {split_off[0]}" in caplog.text


def test_the_whole_sample_passes_its_twin_checks_as_one_story(monkeypatch: pytest.MonkeyPatch) -> None:
    """The sample's eighteen articles, two months of one dispute (a seizure, protests, talks, a
    resignation, a release), are checked at 6, 9 and 13 articles and stay one story."""
    import newsgraph.stories as stories

    checked: list[int] = []
    real = stories.find_twins

    def counting(names: Any, index: Any, options: Any) -> Any:
        checked.append(len(names))
        return real(names, index, options)

    monkeypatch.setattr("newsgraph.store.story_rows.find_twins", counting)
    with SQLiteStore(":memory:") as store:
        outcomes = list(ingest([str(SAMPLE)], store, settings=Settings()))
        ids = [o.article_id for o in outcomes if o.status == "stored" and o.article_id is not None]
        run(store)
        assert {store.story_of(a) for a in ids} == {store.story_of(ids[0])}
    assert checked == [6, 9, 13]


def test_a_failed_twin_check_is_logged_and_the_run_goes_on(
        ingested: Any, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    store, ids = ingested

    def broken(story_id: int, options: Any) -> int | None:
        raise RuntimeError("numbers on fire")

    monkeypatch.setattr(store, "check_twins", broken)
    with caplog.at_level(logging.ERROR, logger="newsgraph.processing"):
        assert run(store) == len(ids)
    assert all(store.story_of(a) is not None for a in ids)
    assert "could not check story" in caplog.text and "numbers on fire" in caplog.text
