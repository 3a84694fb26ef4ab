"""Fixtures of the web UI tests: the invented event story of tests/conftest.py filed as one story in a
database file, and a test client of an app serving the pages over it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from tests.conftest import file_in_one_story

from newsgraph.api.app import create_app
from newsgraph.api.deps import ApiOptions
from newsgraph.settings import Settings
from newsgraph.store import SQLiteStore, Store


def web_client(db: Path) -> TestClient:
    """A client of the API's app, which includes the pages and serves the static files."""
    return TestClient(create_app(Settings(db=db), ApiOptions()))


def file_story(store: Store, article_ids: list[int]) -> int:
    """File every article into one story; its id."""
    return file_in_one_story(store, article_ids)


@pytest.fixture
def story_db(tmp_path: Path, store_story_with_role: Any, file_one_story: Any
             ) -> tuple[Path, int, dict[str, int]]:
    """The invented story with a role for Marta Quiroga, filed as one story: (path, story id, ids)."""
    path = tmp_path / "web.db"
    with SQLiteStore(path) as store:
        ids = store_story_with_role(store, lambda text: [
            {"start": text.index("Washington"), "end": len(text), "kind": "indirect",
             "text": "Washington plans further sanctions", "cue": "said",
             "speaker": {"entity_id": None, "text": "Officials", "anonymous_id": None}}])
        story_id = file_one_story(store, ids.values())
    return path, story_id, ids


@pytest.fixture
def client(story_db: tuple[Path, int, dict[str, int]]) -> Iterator[TestClient]:
    with web_client(story_db[0]) as test_client:
        yield test_client
