"""Story exports (``stories-jsonl``, ``ledger-jsonl``, ``changes-jsonl``), articles' ``story_id``, and the
story views the store keeps for timelines and changes; over conftest.py's invented story, filed by hand."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import file_in_one_story
from tests.test_cli import invoke

from newsgraph.changes import story_changes
from newsgraph.errors import ExportError
from newsgraph.export_stories import STORY_FORMATS, export_story_to_path, write_story_export
from newsgraph.store import SQLiteStore
from newsgraph.story_views import changes_of_story, timeline_of_story
from newsgraph.timeline import story_timeline


def file_all(store: SQLiteStore, ids: dict[str, int]) -> int:
    """File every article of the invented story into one story; its id."""
    return file_in_one_story(store, ids.values())


@pytest.fixture
def filed(store_story_with_role: Any) -> Iterator[tuple[SQLiteStore, int, dict[str, int]]]:
    with SQLiteStore(":memory:") as store:
        ids = store_story_with_role(store)
        yield store, file_all(store, ids), ids


def lines(store: SQLiteStore, fmt: str, story_id: int | None = None) -> list[dict[str, Any]]:
    out = io.StringIO()
    count = write_story_export(store, fmt, out, story_id)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert count == len(records)
    return records


def test_stories_jsonl_gives_each_story_its_articles_and_events(filed: Any) -> None:
    store, story_id, ids = filed
    [story] = lines(store, "stories-jsonl")
    assert story["id"] == story_id and story["label"]
    assert sorted(story["article_ids"]) == sorted(ids.values())
    assert f"{ids['talks.txt']}:ev1" in story["event_ids"]
    assert set(story) == {"id", "label", "article_ids", "event_ids", "first", "last"}


def test_ledger_jsonl_lists_each_title_with_its_dates_and_articles(filed: Any) -> None:
    store, story_id, ids = filed
    [entry] = lines(store, "ledger-jsonl", story_id)
    assert (entry["entity_id"], entry["label"], entry["first"]) == (
        "person:marta-quiroga", "foreign minister", "2026-01-16")
    assert entry["article_ids"] == [ids["talks.txt"]] and "assertions" not in entry


def test_changes_jsonl_is_the_story_changes_each_with_its_story_id(filed: Any) -> None:
    store, story_id, _ = filed
    records = lines(store, "changes-jsonl")
    expected = story_changes(store, store.story_article_ids(story_id))
    assert [r["summary"] for r in records] == [c.summary for c in expected]
    assert {r["story_id"] for r in records} == {story_id}
    assert {"kind", "detail", "as_of", "before", "after", "group_ids"} <= set(records[0])


def test_an_unknown_story_is_an_export_error_and_leaves_no_file(filed: Any, tmp_path: Path) -> None:
    store, _, _ = filed
    with pytest.raises(ExportError, match="no story 99"):
        export_story_to_path(store, "changes-jsonl", tmp_path / "out.jsonl", 99)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("fmt", STORY_FORMATS)
def test_a_story_export_to_a_path_is_written_whole(filed: Any, tmp_path: Path, fmt: str) -> None:
    store, story_id, _ = filed
    count = export_story_to_path(store, fmt, tmp_path / "out.jsonl", story_id)
    assert len((tmp_path / "out.jsonl").read_text("utf-8").splitlines()) == count > 0


def test_an_unknown_story_format_is_an_export_error(filed: Any) -> None:
    with pytest.raises(ExportError, match="stories-jsonl"):
        write_story_export(filed[0], "stories-csv", io.StringIO())


# Views kept by the store ------------------------------------------------------------------------------

def test_a_kept_view_equals_the_computed_timeline_and_changes(filed: Any) -> None:
    store, story_id, _ = filed
    ids = store.story_article_ids(story_id)
    for _ in range(2):  # computed and kept, then read back
        assert timeline_of_story(store, story_id) == story_timeline(store, ids)
        assert changes_of_story(store, story_id) == story_changes(store, ids)
    assert store.story_view(story_id, "timeline")[1] is not None


def test_kept_views_apply_the_date_filters(filed: Any) -> None:
    store, story_id, _ = filed
    ids = store.story_article_ids(story_id)
    timeline_of_story(store, story_id)
    assert timeline_of_story(store, story_id, "2026-01-16", "2026-01") == \
        story_timeline(store, ids, "2026-01-16", "2026-01")
    assert changes_of_story(store, story_id, "2026-01-17") == story_changes(store, ids, "2026-01-17")


def test_a_new_extraction_drops_the_story_views(filed: Any, story_record: Any) -> None:
    store, story_id, ids = filed
    before = timeline_of_story(store, story_id)
    talks = store.get_article(ids["talks.txt"])
    record = story_record(talks.text, "talks.txt", "Harbour Ledger")
    record["events"] = record["events"][:1]
    store.save_extraction(talks.id, "test 2", record)
    assert store.story_view(story_id, "timeline")[1] is None
    after = timeline_of_story(store, story_id)
    assert len(after) == len(before) - 2


def test_moving_an_article_out_drops_the_views_of_both_stories(filed: Any) -> None:
    store, story_id, ids = filed
    timeline_of_story(store, story_id)
    new_id = store.split_story(story_id, [ids["cartel.txt"]])
    assert store.story_view(story_id, "timeline")[1] is None
    assert all(ids["cartel.txt"] not in e.article_ids for e in timeline_of_story(store, story_id))
    assert [e.article_ids for e in timeline_of_story(store, new_id)] == [(ids["cartel.txt"],)]


def test_a_view_computed_before_a_change_is_not_kept(filed: Any) -> None:
    store, story_id, ids = filed
    stamp, _ = store.story_view(story_id, "timeline")
    store.split_story(story_id, [ids["cartel.txt"]])
    assert not store.save_story_view(story_id, "timeline", stamp, "{}")
    assert store.story_view(story_id, "timeline")[1] is None


# The command --------------------------------------------------------------------------------------------

@pytest.fixture
def filed_db(tmp_path: Path, store_story: Any) -> tuple[Path, int]:
    path = tmp_path / "filed.db"
    with SQLiteStore(path) as store:
        story_id = file_all(store, store_story(store))
    return path, story_id


def test_article_exports_carry_their_story_id(filed_db: tuple[Path, int]) -> None:
    path, story_id = filed_db
    result = invoke(["export", "--format", "jsonl", "--db", str(path)])
    assert result.exit_code == 0, result.stderr
    assert {json.loads(line)["story_id"] for line in result.stdout.splitlines()} == {story_id}
    csv_result = invoke(["export", "--format", "csv", "--db", str(path)])
    assert csv_result.stdout.splitlines()[0].endswith(",story_id")


def test_export_story_formats_and_a_story_filter(filed_db: tuple[Path, int], tmp_path: Path) -> None:
    path, story_id = filed_db
    result = invoke(["export", "--format", "stories-jsonl", "--story", str(story_id), "--db", str(path)])
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == [story_id]
    out = tmp_path / "groups.jsonl"
    result = invoke(["export", "--format", "event-groups-jsonl", "--story", str(story_id), "--out", str(out),
                     "--db", str(path)])
    assert result.exit_code == 0 and "exported" in result.stderr and out.read_text("utf-8")


@pytest.mark.parametrize(("args", "code"), [(["--format", "jsonl", "--story", "1"], 2),
                                            (["--format", "changes-jsonl", "--story", "99"], 1),
                                            (["--format", "events-jsonl", "--story", "99"], 1)])
def test_export_story_errors(filed_db: tuple[Path, int], args: list[str], code: int) -> None:
    result = invoke(["export", *args, "--db", str(filed_db[0])])
    assert result.exit_code == code, result.output
