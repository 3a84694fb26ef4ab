"""Stories in the SQLite store: the m007 migration, filing, merging and splitting with stable ids,
one transaction per operation."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from newsgraph.clean import clean
from newsgraph.errors import StoreError
from newsgraph.records import Metadata, PartialDate
from newsgraph.store import NewArticle, SQLiteStore, migrations, story_rows
from newsgraph.store import sqlite as sqlite_store
from newsgraph.stories import ArticleProfile, StoryOptions

OPTIONS = StoryOptions()
VENEZUELA = {"person:nicolas-maduro": 3, "person:donald-trump": 2}
TRAWLER = {"person:renata-salinas": 3, "org:albatros-ii": 2}


def _article(text: str, day: str | None = None, duplicate_of: int | None = None) -> NewArticle:
    cleaned = clean(text)
    published = PartialDate(day, "day") if day else None
    return NewArticle(
        source=f"{hashlib.sha1(text.encode()).hexdigest()[:8]}.txt", media_type="text/plain",
        raw_input=text.encode(), raw_text=text, cleaned=cleaned, metadata=Metadata(published=published),
        input_digest=hashlib.sha256(text.encode()).hexdigest(),
        content_hash=hashlib.sha256(cleaned.text.encode()).hexdigest(), signature=b"\0" * 8,
        band_keys=(1, 2), duplicate_of=duplicate_of,
    )


def _profile(article_id: int, entities: dict[str, int], day: str | None = None) -> ArticleProfile:
    return ArticleProfile(article_id, date.fromisoformat(day) if day else None, None, entities,
                          frozenset(), frozenset(), ())


@pytest.fixture
def store() -> Iterator[SQLiteStore]:
    with SQLiteStore(":memory:") as opened:
        yield opened


def _file(store: SQLiteStore, text: str, entities: dict[str, int], day: str | None = None) -> tuple[int, int]:
    article_id = store.add_article(_article(text, day))
    return article_id, store.file_story(_profile(article_id, entities, day), OPTIONS)


def test_an_m006_database_gains_the_story_tables(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "old.db"
    upto_m006 = [m for m in migrations.MIGRATIONS if m.name <= "m006_events"]
    monkeypatch.setattr(sqlite_store, "MIGRATIONS", upto_m006)
    with SQLiteStore(path) as old:
        old.add_article(_article("An article stored before stories existed."))
    monkeypatch.undo()
    with SQLiteStore(path) as store:
        assert "m007_stories" in store.migrations()
        assert store.stories() == []
        assert store.story_of(1) is None


def test_articles_sharing_actors_form_one_story(store: SQLiteStore) -> None:
    first, story = _file(store, "Maduro meets Trump.", VENEZUELA, "2026-01-03")
    second, same = _file(store, "Trump talks to Maduro again.", VENEZUELA, "2026-01-05")
    other, different = _file(store, "Salinas and the trawler.", TRAWLER, "2026-01-05")
    assert same == story != different
    assert store.story_article_ids(story) == [first, second]
    summary = store.stories()[0]
    assert (summary.first, summary.last, summary.articles) == ("2026-01-03", "2026-01-05", 2)
    assert store.story_of(other) == different


def test_label_names_the_main_actors_and_period(store: SQLiteStore) -> None:
    _, story = _file(store, "Maduro meets Trump.", VENEZUELA, "2026-01-03")
    detail = store.story(story)
    assert detail is not None
    assert detail.story.label == "Trump, Maduro — Jan 2026"  # names from the ids: no mentions stored
    assert [e.id for e in detail.entities] == ["person:donald-trump", "person:nicolas-maduro"]


def test_refiling_an_article_does_not_duplicate_it(store: SQLiteStore) -> None:
    article_id, story = _file(store, "Maduro meets Trump.", VENEZUELA, "2026-01-03")
    for _ in range(3):
        assert store.file_story(_profile(article_id, VENEZUELA, "2026-01-03"), OPTIONS) == story
    assert store.story_article_ids(story) == [article_id]
    assert story_rows.term_counts(store._db, story)["e:person:nicolas-maduro"] == 1


def test_refiling_with_new_content_moves_the_article(store: SQLiteStore) -> None:
    _file(store, "Maduro meets Trump.", VENEZUELA, "2026-01-03")
    _, trawler = _file(store, "Salinas and the trawler.", TRAWLER, "2026-01-03")
    moving, story = _file(store, "Trump and Maduro, once more.", VENEZUELA, "2026-01-04")
    assert store.file_story(_profile(moving, TRAWLER, "2026-01-04"), OPTIONS) == trawler
    assert moving not in store.story_article_ids(story)


def test_a_near_duplicate_joins_its_originals_story(store: SQLiteStore) -> None:
    original, story = _file(store, "Maduro meets Trump.", VENEZUELA, "2026-01-03")
    copy = store.add_article(_article("Maduro meets Trump (syndicated).", "2026-01-04",
                                      duplicate_of=original))
    assert store.story_of(copy) == story
    refiled = store.file_story(_profile(original, VENEZUELA, "2026-01-03"), OPTIONS)
    assert store.story_article_ids(refiled) == [original, copy]


def test_merge_keeps_both_ids(store: SQLiteStore) -> None:
    a, keep = _file(store, "Maduro meets Trump.", VENEZUELA, "2026-01-03")
    b, other = _file(store, "Salinas and the trawler.", TRAWLER, "2026-01-04")
    kept = store.merge_stories(keep, other)
    assert (kept.id, kept.articles) == (keep, 2)
    assert store.story_article_ids(keep) == [a, b]
    merged = store.story(other)
    assert merged is not None and merged.story.merged_into == keep and merged.articles == ()
    assert [s.id for s in store.stories()] == [keep]
    _, joined = _file(store, "Renata Salinas on the Albatros II.", TRAWLER, "2026-01-05")
    assert joined == keep


def test_split_moves_articles_to_a_new_story(store: SQLiteStore) -> None:
    a, story = _file(store, "Maduro meets Trump.", VENEZUELA, "2026-01-03")
    b, _ = _file(store, "Trump talks to Maduro again.", VENEZUELA, "2026-01-05")
    new = store.split_story(story, [b])
    assert new != story
    assert store.story_article_ids(story) == [a] and store.story_article_ids(new) == [b]
    assert story_rows.term_counts(store._db, story)["e:person:donald-trump"] == 1


@pytest.mark.parametrize(("call", "message"), [
    (lambda s: s.merge_stories(1, 99), "no story 99"),
    (lambda s: s.merge_stories(1, 1), "into itself"),
    (lambda s: s.split_story(1, [42]), "not in story 1"),
    (lambda s: s.split_story(1, [1]), "must leave some"),
])
def test_bad_merges_and_splits_change_nothing(store: SQLiteStore, call: object, message: str) -> None:
    _file(store, "Maduro meets Trump.", VENEZUELA, "2026-01-03")
    before = store.stories()
    with pytest.raises(StoreError, match=message):
        call(store)  # type: ignore[operator]
    assert store.stories() == before


def test_a_failed_merge_is_rolled_back(store: SQLiteStore, monkeypatch: pytest.MonkeyPatch) -> None:
    a, keep = _file(store, "Maduro meets Trump.", VENEZUELA, "2026-01-03")
    b, other = _file(store, "Salinas and the trawler.", TRAWLER, "2026-01-04")

    def broken(db: sqlite3.Connection, story_id: int) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(story_rows, "refresh", broken)
    with pytest.raises(StoreError, match="merge story"):
        store.merge_stories(keep, other)
    assert store.story_article_ids(other) == [b]
    assert store.story_of(a) == keep


def test_blocking_reads_only_rare_terms(store: SQLiteStore) -> None:
    options = StoryOptions(block_max_stories=1)
    for i in range(3):  # three stories (a threshold above 1 keeps them apart), all naming the US
        article_id = store.add_article(_article(f"Story number {i}."))
        store.file_story(_profile(article_id, {"place:united-states": 1, f"person:p{i}": 1}),
                         StoryOptions(threshold=1.1))
    index = story_rows.SQLStoryIndex(store._db, options)
    assert index.candidates(_profile(99, {"place:united-states": 1})) == []
    assert [c.story_id for c in index.candidates(_profile(99, {"person:p2": 1}))] == [3]


def test_the_store_chooses_between_twin_stories_by_name_words(store: SQLiteStore) -> None:
    """As ``stories.cluster`` does (tests/test_stories.py): name words are indexed, never block, never
    enter a story's core, and decide between two stories that both qualify."""
    quakes = {"org:red-crescent": 3, "place:kerman-province": 2}
    options = StoryOptions(threshold=0.95, core_weight=0)
    filed = []
    for n, names in enumerate([{"zarand", "6.4"}, {"zarand", "6.4"}, {"ravar", "5.9"}, {"ravar", "5.9"},
                               {"ravar"}]):
        article_id = store.add_article(_article(f"Quake report {n}."))
        entities = quakes if n in (0, 1, 4) else {**quakes, "org:un": 1}
        profile = ArticleProfile(article_id, None, None, entities, frozenset(), frozenset(), (),
                                 frozenset(names))
        filed.append(store.file_story(profile, options))
    assert filed[:4] == [filed[0], filed[0], filed[2], filed[2]] and filed[0] != filed[2]
    assert filed[4] == filed[2]
    index = story_rows.SQLStoryIndex(store._db, options)
    ravar = ArticleProfile(99, None, None, {}, frozenset(), frozenset(), (), frozenset({"ravar"}))
    assert index.candidates(ravar) == []
    assert not any(t.startswith("n:") for t in index._core(filed[2]))


# Twin check -------------------------------------------------------------------------------------------

RELIEF = {"org:red-cross": 2, "org:un": 1}
HAITI = frozenset({"haiti", "port-au-prince", "7.0", "leogane"})
CHILE = frozenset({"chile", "concepcion", "8.8", "talcahuano"})


def _file_named(store: SQLiteStore, text: str, names: frozenset[str]) -> tuple[int, int]:
    article_id = store.add_article(_article(text))
    profile = ArticleProfile(article_id, None, None, RELIEF, frozenset(), frozenset(), (), names)
    return article_id, store.file_story(profile, OPTIONS)


def _twin_story(store: SQLiteStore) -> tuple[int, list[int]]:
    """Six reports of two earthquakes, filed into one story by the agencies they share."""
    filed = [_file_named(store, f"Quake report {n}.", names)
             for n, names in enumerate([HAITI, CHILE, HAITI, CHILE, HAITI])]
    assert {story for _, story in filed} == {filed[0][1]}
    for _, story in filed:
        assert store.check_twins(story, OPTIONS) is None  # not due before six articles
    last, story = _file_named(store, "Quake report 5.", CHILE)
    assert story == filed[0][1]
    return story, [a for a, _ in filed] + [last]


def test_a_story_holding_twin_events_is_split_at_its_check(store: SQLiteStore) -> None:
    story, (haiti1, chile1, haiti2, chile2, haiti3, chile3) = _twin_story(store)
    copy = store.add_article(_article("Quake report 1 (syndicated).", duplicate_of=chile1))
    stamp = story_rows.view(store._db, story, "timeline")[0]
    new = store.check_twins(story, OPTIONS)
    assert new is not None and new != story
    assert store.story_article_ids(story) == [haiti1, haiti2, haiti3]
    assert store.story_article_ids(new) == [chile1, chile2, chile3, copy]  # a copy goes with its original
    assert story_rows.view(store._db, story, "timeline")[0] > stamp  # its views are stale
    counts = story_rows.term_counts(store._db, story)
    assert counts["n:haiti"] == 3 and "n:chile" not in counts and counts["e:org:red-cross"] == 3
    _, joined = _file_named(store, "Quake report 6.", CHILE)
    assert joined == new


def test_twin_checks_can_be_turned_off(store: SQLiteStore) -> None:
    story, _ = _twin_story(store)
    assert store.check_twins(story, replace(OPTIONS, split_ratio=0)) is None
    assert len(store.story_article_ids(story)) == 6


def test_a_story_someone_merged_is_never_split(store: SQLiteStore) -> None:
    story, _ = _twin_story(store)
    lone = store.add_article(_article("An unrelated report."))
    store.merge_stories(story, store.file_story(_profile(lone, TRAWLER), OPTIONS))
    due_at_seven = replace(OPTIONS, split_min_articles=7)
    assert store.check_twins(story, due_at_seven) is None
    assert len(store.story_article_ids(story)) == 7
    store._db.execute("UPDATE stories SET merged_into = NULL WHERE merged_into = ?", (story,))
    assert store.check_twins(story, due_at_seven) is not None  # the merge alone kept it whole
