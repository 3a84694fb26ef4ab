"""Opening a store: named migrations recorded and applied once, WAL files, and refusals that name the path."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from newsgraph.errors import StoreError
from newsgraph.pipeline import ingest_document
from newsgraph.records import Metadata, PartialDate, RawDocument
from newsgraph.settings import Settings
from newsgraph.store import EventQuery, SQLiteStore, migrations, open_store
from newsgraph.store import sqlite as sqlite_store

NAMES = [m.name for m in migrations.MIGRATIONS]


def _recorded(path: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(path) as db:
        return db.execute("SELECT name, applied_at FROM migrations ORDER BY rowid").fetchall()


def test_migration_names_are_unique_and_ordered() -> None:
    assert sorted(set(NAMES)) == NAMES
    assert NAMES[0] == "m001_articles"


def test_a_new_store_records_every_migration_in_order(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    with SQLiteStore(path) as store:
        assert list(store.migrations()) == NAMES

    recorded = _recorded(path)
    assert [name for name, _ in recorded] == NAMES
    assert all(applied_at for _, applied_at in recorded)


def test_reopening_a_store_applies_nothing_again(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    SQLiteStore(path).close()
    first = _recorded(path)

    for _ in range(2):
        with SQLiteStore(path) as store:
            assert list(store.migrations()) == NAMES

    assert _recorded(path) == first


def test_a_store_from_a_newer_newsgraph_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    SQLiteStore(path).close()
    with sqlite3.connect(path) as db:
        db.execute("INSERT INTO migrations VALUES ('m900_story_threads', '2027-01-01T00:00:00+00:00')")

    with pytest.raises(StoreError, match="newer") as raised:
        SQLiteStore(path)

    assert str(path) in str(raised.value)
    assert "m900_story_threads" in str(raised.value)


def test_a_failing_migration_is_rolled_back_and_not_recorded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def m999_half_done(db: sqlite3.Connection) -> None:
        db.execute("CREATE TABLE story_threads (id INTEGER PRIMARY KEY)")
        db.execute("CREATE TABLE story_threads (id INTEGER PRIMARY KEY)")  # fails: already exists

    broken = [*migrations.MIGRATIONS, migrations.Migration("m999_half_done", m999_half_done)]
    monkeypatch.setattr(sqlite_store, "MIGRATIONS", broken)
    path = tmp_path / "news.db"

    with pytest.raises(StoreError, match=str(path.name)):
        SQLiteStore(path)

    with sqlite3.connect(path) as db:
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "story_threads" not in tables
    assert [name for name, _ in _recorded(path)] == NAMES


def test_stores_opened_at_the_same_time_all_migrate_cleanly(tmp_path: Path) -> None:
    """A server and an ingest started together on a new file must not both apply a migration."""
    failures: list[BaseException] = []

    def open_and_close(path: Path) -> None:
        try:
            SQLiteStore(path).close()
        except BaseException as error:  # collected for the assertion below
            failures.append(error)

    for attempt in range(20):  # each attempt is a new file: the races are in the first open
        path = tmp_path / f"race-{attempt}.db"
        threads = [threading.Thread(target=open_and_close, args=(path,)) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert [name for name, _ in _recorded(path)] == NAMES

    assert failures == []


def test_a_file_store_uses_write_ahead_logging(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    SQLiteStore(path).close()

    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_an_in_memory_store_is_migrated_and_empty() -> None:
    with SQLiteStore(":memory:") as store:
        assert list(store.migrations()) == NAMES
        assert store.list_articles() == []


def test_a_file_that_is_not_sqlite_is_refused_by_name(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("Minutes of the Harbour Board, 3 March. Present: five members.\n" * 40)

    with pytest.raises(StoreError, match="is it a SQLite file") as raised:
        open_store(path)

    assert str(path) in str(raised.value)


def test_a_folder_given_as_the_database_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=str(tmp_path.name)):
        open_store(tmp_path)


def test_a_database_in_a_missing_folder_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "no-such-folder" / "news.db"

    with pytest.raises(StoreError, match="does not exist"):
        open_store(path)

    assert not path.parent.exists()


@pytest.mark.parametrize(
    "url",
    ["postgres://reporter:s3cret@db.avelin.example/news", "postgresql://db.avelin.example:5432/news"],
)
def test_a_postgres_url_is_refused_without_echoing_credentials(url: str) -> None:
    with pytest.raises(StoreError, match="PostgreSQL") as raised:
        open_store(url)

    assert "s3cret" not in str(raised.value)


def test_open_store_accepts_memory() -> None:
    store = open_store(":memory:")
    try:
        assert store.stats().migrations == tuple(NAMES)
    finally:
        store.close()


def test_an_m005_database_upgrades_in_place_and_lists_the_events_of_its_extractions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    story_record: Callable[[str, str, str | None], dict[str, Any]],
) -> None:
    path = tmp_path / "old.db"
    monkeypatch.setattr(sqlite_store, "MIGRATIONS", migrations.MIGRATIONS[:5])
    text = ("Tomas Elland met Marta Quiroga in Caracas on 15 January.\n\n"  # the story's talks.txt
            "The United States sanctioned Venezuela over the vote.\n\n"
            "Officials said Washington plans further sanctions.")
    with SQLiteStore(path) as old:
        assert old.migrations()[-1] == "m005_extractions"
        document = RawDocument("old.txt", text.encode(), "text/plain",
                               Metadata(published=PartialDate("2026-01-16", "day")), text=text)
        article_id = ingest_document(document, old, Settings(), Metadata()).article_id
        undated = ingest_document(RawDocument("older.txt", b"No events here.", "text/plain", Metadata(),
                                              text="No events here."), old, Settings(), Metadata()).article_id
    record = story_record(text, "talks.txt", None)
    with sqlite3.connect(path) as db:  # as an m005 store wrote them: the events only in the JSON
        db.executemany("INSERT INTO extractions VALUES (?, 'old 1', ?, '2026-01-16T12:00:00+00:00')",
                       [(article_id, json.dumps(record)), (undated, json.dumps({"entities": []}))])
    monkeypatch.undo()

    with SQLiteStore(path) as upgraded:
        assert list(upgraded.migrations()) == NAMES
        events = upgraded.events()
        assert [(e.article_id, e.event_id, e.type, e.when_start) for e in events] == [
            (article_id, "ev1", "CONSULT", "2026-01-15"), (article_id, "ev2", "SANCTION", "2026-01-16"),
            (article_id, "ev3", "SANCTION", "2026-01-16")]
        assert {e.extraction_version for e in events} == {"old 1"}
        assert upgraded.events(EventQuery(entity_ids=("place:united-states",))) == events[1:]
