"""The story commands: listing, showing, merging and splitting, with exit codes that mean something."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from newsgraph.clean import clean
from newsgraph.cli import cli
from newsgraph.records import Metadata, PartialDate
from newsgraph.store import NewArticle, SQLiteStore
from newsgraph.stories import ArticleProfile, StoryOptions


def _add(store: SQLiteStore, title: str, day: str, outlet: str) -> int:
    cleaned = clean(title)
    return store.add_article(NewArticle(
        source=f"{title}.txt", media_type="text/plain", raw_input=title.encode(), raw_text=title,
        cleaned=cleaned, metadata=Metadata(title=title, outlet=outlet, published=PartialDate(day, "day")),
        input_digest=hashlib.sha256(title.encode()).hexdigest(),
        content_hash=hashlib.sha256(cleaned.text.encode()).hexdigest(), signature=b"\0" * 8, band_keys=(),
    ))


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "news.db"
    with SQLiteStore(path) as store:
        for title, day, outlet in (("Maduro meets Trump", "2026-01-03", "Wire"),
                                   ("Trump calls Maduro", "2026-01-05", "Ledger"),
                                   ("Salinas in Lima", "2026-03-02", "Courier")):
            article_id = _add(store, title, day, outlet)
            entities = {"person:renata-salinas": 2} if "Salinas" in title else {"person:nicolas-maduro": 2}
            profile = ArticleProfile(article_id, date.fromisoformat(day), outlet, entities, frozenset(),
                                     frozenset(), ())
            store.file_story(profile, StoryOptions())
    return path


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def test_stories_lists_id_label_articles_and_period(db: Path) -> None:
    result = run("stories", "--db", str(db))
    assert result.exit_code == 0, result.output
    assert "Maduro — Jan 2026" in result.output and "2 articles" in result.output
    assert "2026-01-03 – 2026-01-05" in result.output


def test_stories_json(db: Path) -> None:
    found = json.loads(run("stories", "--db", str(db), "--json").output)
    assert [(s["id"], s["articles"]) for s in found] == [(1, 2), (2, 1)]


def test_story_shows_articles_with_dates_and_outlets(db: Path) -> None:
    result = run("story", "1", "--db", str(db))
    assert result.exit_code == 0, result.output
    assert "2026-01-05" in result.output and "Ledger" in result.output
    assert "Trump calls Maduro" in result.output
    assert "main entities: Nicolas Maduro (2)" in result.output


def test_story_json_lists_article_ids(db: Path) -> None:
    shown = json.loads(run("story", "1", "--json", "--db", str(db)).output)
    assert shown["article_ids"] == [1, 2] and shown["story"]["label"].startswith("Maduro")


def test_unknown_story_exits_1_with_a_hint(db: Path) -> None:
    result = run("story", "9", "--db", str(db))
    assert result.exit_code == 1
    assert "newsgraph stories" in result.output


@pytest.mark.parametrize("args", [("story", "x"), ("story", "merge", "1"), ("story", "merge", "1", "1"),
                                  ("story", "split", "1")])
def test_bad_arguments_exit_2(db: Path, args: tuple[str, ...]) -> None:
    assert run(*args, "--db", str(db)).exit_code == 2


def test_merge_then_split_keep_ids(db: Path) -> None:
    merged = run("story", "merge", "1", "2", "--db", str(db))
    assert merged.exit_code == 0, merged.output
    assert "merged story 2 into 1" in merged.output
    assert json.loads(run("story", "2", "--json", "--db", str(db)).output)["story"]["merged_into"] == 1
    split = run("story", "split", "1", "3", "--json", "--db", str(db))
    assert split.exit_code == 0, split.output
    assert json.loads(split.output)["id"] == 3
    assert json.loads(run("story", "1", "--json", "--db", str(db)).output)["article_ids"] == [1, 2]


def test_merge_and_split_keep_current_views_of_the_stories_they_change(db: Path) -> None:
    def current(*story_ids: int) -> bool:
        with SQLiteStore(db) as store:
            return all(store.story_view(s, "timeline")[1] is not None
                       and store.story_view(s, "changes")[1] is not None for s in story_ids)

    run("story", "merge", "1", "2", "--db", str(db))
    assert current(1)
    run("story", "split", "1", "3", "--db", str(db))
    assert current(1, 3)


def test_splitting_a_stranger_exits_1(db: Path) -> None:
    result = run("story", "split", "1", "3", "--db", str(db))
    assert result.exit_code == 1 and "not in story 1" in result.output


def test_process_reports_the_stories_the_twin_check_split(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Extraction is faked: one article's story was split, its other article moved to a new story."""
    import newsgraph.processing as processing

    with SQLiteStore(db) as store:
        new = store.split_story(1, [2])

    def fake_process(store: object, settings: object, **_: object) -> object:
        yield processing.Processed(1, 2, 0, 0, split=(1, new))
        yield processing.Processed(3, 1, 0, 0)

    monkeypatch.setattr(processing, "process", fake_process)
    result = CliRunner().invoke(cli, ["process", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert (f"story 1 held two events: 1 article moved to story {new} "
            f"(undo with `newsgraph story merge 1 {new}`)") in result.stderr
    found = json.loads(run("process", "--db", str(db), "--json").output)
    assert found == {"extracted": 2, "failures": [], "story_splits": [{"story": 1, "new_story": new,
                                                                        "moved": 1}]}
