"""Fixtures of the API tests: an app over conftest.py's invented story (hand-built extractions, no
model), filed into one story, with a client in-process."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newsgraph.api.app import create_app
from newsgraph.api.deps import ApiOptions
from newsgraph.api.tokens import create_token
from newsgraph.inputs.fetch import Fetcher
from newsgraph.settings import Settings
from newsgraph.store import SQLiteStore

MakeClient = Callable[..., TestClient]


@pytest.fixture
def api_db(tmp_path: Path, store_story_with_role: Any, file_one_story: Any) -> Path:
    """The invented story in a file: three articles, five events, one role, all filed in story 1."""
    path = tmp_path / "api.db"
    with SQLiteStore(path) as store:
        ids = store_story_with_role(store, lambda text: [
            {"start": 0, "end": 12, "text": "Tomas Elland", "kind": "direct", "cue": "said",
             "speaker": {"entity_id": "person:marta-quiroga", "text": "Marta Quiroga",
                         "anonymous_id": None}}])
        file_one_story(store, ids.values())
    return path


@pytest.fixture
def make_client(api_db: Path) -> Iterator[MakeClient]:
    """``make_client(db=..., options=..., fetcher=..., **settings)``: a TestClient over a new app."""
    clients: list[TestClient] = []

    def make(db: Path | None = None, options: ApiOptions | None = None, fetcher: Fetcher | None = None,
             **settings: Any) -> TestClient:
        app = create_app(Settings(db=db or api_db, **settings), options or ApiOptions(rate_per_minute=0),
                         fetcher)
        client = TestClient(app)
        client.__enter__()
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


@pytest.fixture
def client(make_client: MakeClient) -> TestClient:
    return make_client()


@pytest.fixture
def token(api_db: Path) -> str:
    """A token stored in the api_db."""
    with SQLiteStore(api_db) as store:
        return create_token(store, "analyst")


def error(response: Any, status: int) -> dict[str, str]:
    """The error body of ``response``, checked to have ``status`` and the documented shape."""
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}, body
    return dict(body["error"])
