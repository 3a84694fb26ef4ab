"""Fixtures of the web UI tests: the invented event story of tests/conftest.py filed as one story in a
database file, and a test client of an app serving the pages over it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newsgraph.api.app import create_app
from newsgraph.api.deps import ApiOptions
from newsgraph.settings import Settings
from newsgraph.store import SQLiteStore, Store
from newsgraph.stories import ArticleProfile, StoryOptions

CAST = {"person:tomas-elland": 1, "person:marta-quiroga": 1, "place:venezuela": 1}


def web_client(db: Path) -> TestClient:
    """A client of the API's app, which includes the pages and serves the static files."""
    return TestClient(create_app(Settings(db=db), ApiOptions()))


def file_story(store: Store, article_ids: list[int]) -> int:
    """File every article into one story; its id."""
    filed = {store.file_story(ArticleProfile(a, date(2026, 1, 16), None, CAST, frozenset(), frozenset(), ()),
                              StoryOptions()) for a in sorted(article_ids)}
    [story_id] = filed
    return story_id


@pytest.fixture
def story_db(tmp_path: Path, store_story: Callable[[Store], dict[str, int]], story_record: Any
             ) -> tuple[Path, int, dict[str, int]]:
    """The invented story with a role for Marta Quiroga, filed as one story: (path, story id, ids)."""
    path = tmp_path / "web.db"
    with SQLiteStore(path) as store:
        ids = store_story(store)
        talks = store.get_article(ids["talks.txt"])
        record = story_record(talks.text, "talks.txt", "Harbour Ledger")
        start = talks.text.index("Marta Quiroga")
        record["roles"] = [{"entity_id": "person:marta-quiroga", "title": "foreign minister",
                            "organization": None, "status": "current", "as_of": "2026-01-16",
                            "start": start, "end": start + 13}]
        record["quotes"] = [{"start": talks.text.index("Washington"), "end": len(talks.text),
                             "kind": "indirect", "text": "Washington plans further sanctions", "cue": "said",
                             "speaker": {"entity_id": None, "text": "Officials", "anonymous_id": None}}]
        store.save_extraction(talks.id, "test 1", record)
        story_id = file_story(store, list(ids.values()))
    return path, story_id, ids


@pytest.fixture
def client(story_db: tuple[Path, int, dict[str, int]]) -> Iterator[TestClient]:
    with web_client(story_db[0]) as test_client:
        yield test_client
