"""Cursor pagination, parameter validation and the JSON error body, on any listing."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from tests.api.conftest import error


def test_cursors_page_through_a_listing_without_overlap(client: TestClient) -> None:
    seen, cursor = [], None
    while True:
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        body = client.get("/v1/events", params=params).json()
        seen += [(e["article_id"], e["event_id"]) for e in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    every = client.get("/v1/events", params={"limit": 500}).json()["items"]
    assert seen == [(e["article_id"], e["event_id"]) for e in every] and len(seen) == 5


def test_a_search_pages_too(client: TestClient) -> None:
    first = client.get("/v1/articles", params={"q": "United States", "limit": 1}).json()
    second = client.get("/v1/articles", params={"q": "United States", "limit": 1,
                                                "cursor": first["next_cursor"]}).json()
    assert first["items"][0]["id"] != second["items"][0]["id"] and second["next_cursor"] is None


def test_a_cursor_of_other_filters_or_made_up_is_a_400(client: TestClient) -> None:
    cursor = client.get("/v1/events", params={"limit": 1}).json()["next_cursor"]
    assert "same filters" in error(client.get("/v1/events", params={"limit": 1, "cursor": cursor,
                                                                    "type": "AGREE"}), 400)["message"]
    assert error(client.get("/v1/stories", params={"cursor": cursor}), 400)["code"] == "bad_parameter"
    made_up = client.get("/v1/events", params={"cursor": "bm90LWEtY3Vyc29y"})
    assert error(made_up, 400)["code"] == "bad_parameter"


@pytest.mark.parametrize(("path", "params", "words"), [
    ("/v1/events", {"limit": 0}, "'limit'"),
    ("/v1/events", {"limit": 501}, "'limit'"),
    ("/v1/events", {"since": "20260115"}, "ISO 8601"),
    ("/v1/events", {"since": "2026-02-31"}, "not a calendar date"),
    ("/v1/events", {"since": "2026-02", "until": "2026-01"}, "swap them"),
    ("/v1/timeline", {"until": "yesterday"}, "ISO 8601"),
    ("/v1/changes", {"since": "1768435200"}, "ISO 8601"),
    ("/v1/events", {"status": "rumoured"}, "'status'"),
    ("/v1/timeline", {"story": "one"}, "'story'"),
    ("/v1/timeline", {"confirmations": -1}, "'confirmations'"),
    ("/v1/entities", {}, "'q'"),
    ("/v1/articles", {"q": "x" * 201}, "'q'"),
    ("/v1/events", {"entity": ["a", "b", "c", "d", "e", "f"]}, "'entity'"),
])
def test_bad_parameters_are_a_422_naming_the_parameter(client: TestClient, path: str,
                                                        params: dict[str, object], words: str) -> None:
    found = error(client.get(path, params=params), 422)
    assert found["code"] == "invalid_parameter" and words in found["message"], found


def test_unknown_paths_and_methods_answer_json(client: TestClient) -> None:
    assert "/v1/" in error(client.get("/v2/articles"), 404)["message"]
    assert error(client.delete("/v1/articles"), 405)["code"] == "method_not_allowed"


def test_the_openapi_document_declares_the_errors_and_the_token(client: TestClient) -> None:
    document = client.get("/openapi.json").json()
    for path, operations in document["paths"].items():
        for operation in operations.values():
            assert {"400", "401", "404", "413", "422", "429"} <= set(operation["responses"]), path
    assert document["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"
    since = next(p for p in document["paths"]["/v1/events"]["get"]["parameters"] if p["name"] == "since")
    assert since["schema"]["anyOf"][0]["type"] == "string"
