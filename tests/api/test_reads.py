"""The read endpoints over the invented story: articles, entities, stories, events, timeline, changes."""

from __future__ import annotations

import json
from pathlib import Path

from fastapi.testclient import TestClient
from tests.api.conftest import error

from newsgraph.export import article_record
from newsgraph.ledger import entity_ledger, ledger_record
from newsgraph.store import SQLiteStore


def test_articles_list_by_publication_date_undated_last(client: TestClient) -> None:
    body = client.get("/v1/articles").json()
    assert [a["source"] for a in body["items"]] == ["envoy.txt", "talks.txt", "cartel.txt"]
    assert body["next_cursor"] is None


def test_articles_search_matches_every_word_with_a_snippet(client: TestClient) -> None:
    [found] = client.get("/v1/articles", params={"q": "Caracas Quiroga"}).json()["items"]
    assert found["source"] == "talks.txt" and "[" in found["snippet"]
    assert client.get("/v1/articles", params={"q": "nowhere"}).json()["items"] == []


def test_one_article_comes_with_its_extraction_and_story(client: TestClient) -> None:
    first = client.get("/v1/articles", params={"q": "Caracas"}).json()["items"][0]
    body = client.get(f"/v1/articles/{first['id']}").json()
    assert body["article"]["text"].startswith("Tomas Elland met Marta Quiroga")
    assert [e["id"] for e in body["extraction"]["events"]] == ["ev1", "ev2", "ev3"]
    assert body["story_id"] == 1


def test_an_article_answers_its_record_and_extraction_as_stored(client: TestClient, api_db: Path) -> None:
    """The typed records leave out nothing and add nothing."""
    with SQLiteStore(api_db) as store:
        for summary in store.list_articles(limit=10, offset=0):
            body = client.get(f"/v1/articles/{summary.id}").json()
            assert body["article"] == json_of(article_record(store.get_article(summary.id)))
            assert body["extraction"] == store.extraction(summary.id)


def test_an_extraction_stored_without_later_layers_answers_them_empty(client: TestClient, api_db: Path
                                                                      ) -> None:
    with SQLiteStore(api_db) as store:
        article_id = store.list_articles(limit=1, offset=0)[0].id
        record = store.extraction(article_id) or {}
        older = {key: value for key, value in record.items() if key not in ("events", "attributions")}
        store.save_extraction(article_id, "test 0", older)
    extraction = client.get(f"/v1/articles/{article_id}").json()["extraction"]
    assert extraction == {**older, "events": [], "attributions": []}


def json_of(value: object) -> object:
    return json.loads(json.dumps(value))


def test_an_unknown_article_is_a_404_that_says_where_to_look(client: TestClient) -> None:
    assert "no article with id 999" in error(client.get("/v1/articles/999"), 404)["message"]


def test_entities_search_finds_a_surname(client: TestClient) -> None:
    [match] = client.get("/v1/entities", params={"q": "Quiroga"}).json()["items"]
    assert match == {"id": "person:marta-quiroga", "name": "Marta Quiroga", "type": "PERSON", "mentions": 1}


def test_one_entity_has_its_role_ledger_events_and_quotes(client: TestClient) -> None:
    body = client.get("/v1/entities/person:marta-quiroga").json()
    assert body["entity"]["name"] == "Marta Quiroga"
    assert [e["label"] for e in body["ledger"]] == ["foreign minister"]
    assert [(e["type"], e["trigger"]) for e in body["events"]] == [("CONSULT", "met")]
    assert body["more_events"] is False
    assert [q["text"] for q in body["quotes"]] == ["Tomas Elland"]


def test_an_entity_answers_its_ledger_and_quotes_as_built(client: TestClient, api_db: Path) -> None:
    body = client.get("/v1/entities/person:marta-quiroga").json()
    with SQLiteStore(api_db) as store:
        overview = store.entity_overview("person:marta-quiroga")
        assert overview is not None
        ledger, _ = entity_ledger(store, overview.id, overview.roles)
        [talks] = [a.id for a in overview.articles if (store.extraction(a.id) or {}).get("quotes")]
        [quote] = (store.extraction(talks) or {})["quotes"]
    assert body["ledger"] == json_of([ledger_record(entry) for entry in ledger])
    assert body["quotes"] == [{"article_id": talks, **quote}]


def test_an_unknown_entity_is_a_404(client: TestClient) -> None:
    assert "/v1/entities?q=" in error(client.get("/v1/entities/person:nobody"), 404)["message"]


def test_stories_list_and_one_story(client: TestClient) -> None:
    [story] = client.get("/v1/stories").json()["items"]
    assert story["articles"] == 3
    detail = client.get(f"/v1/stories/{story['id']}").json()
    assert detail["story"] == story
    assert len(detail["articles"]) == 3 and len(detail["event_ids"]) == 5
    assert error(client.get("/v1/stories/42"), 404)["code"] == "not_found"


def test_events_filter_by_type_status_entity_outlet_place_and_dates(client: TestClient) -> None:
    def triggers(**params: object) -> list[str]:
        response = client.get("/v1/events", params=params)
        assert response.status_code == 200, response.text
        return [e["trigger"] for e in response.json()["items"]]

    assert triggers(type="SANCTION") == ["sanctioned", "sanctions", "designated"]
    assert triggers(status="planned") == ["sanctions"]
    assert triggers(entity="Quiroga") == ["met"]
    assert triggers(entity=["person:tomas-elland", "person:marta-quiroga"]) == ["met"]
    assert triggers(outlet="Coast Wire") == ["threatened"]
    assert triggers(place="VE") == ["met"]
    assert triggers(since="2026-01-15", until="2026-01-15") == ["met"]
    assert triggers(dyadic="true") == ["met", "sanctioned", "designated"]
    assert triggers(dyadic="true", new_actor_length=2) == ["threatened", "met", "sanctioned", "designated"]


def test_new_actor_length_without_dyadic_is_a_400(client: TestClient) -> None:
    response = client.get("/v1/events", params={"new_actor_length": 2})
    assert "applies with dyadic=true" in error(response, 400)["message"]


def test_an_unknown_entity_filter_is_a_404_and_a_bad_type_a_422(client: TestClient) -> None:
    assert error(client.get("/v1/events", params={"entity": "Nobody"}), 404)["code"] == "not_found"
    message = error(client.get("/v1/events", params={"type": "sanction"}), 422)["message"]
    assert "'type'" in message and "SANCTION" in message


def test_timeline_of_a_story_an_entity_and_a_search(client: TestClient) -> None:
    story = client.get("/v1/timeline", params={"story": 1}).json()["items"]
    assert [e["triggers"] for e in story][:2] == [["threatened"], ["met"]]
    assert [e["triggers"] for e in client.get("/v1/timeline", params={"entity": "Elland"}).json()["items"]
            ] == [["met"]]
    assert len(client.get("/v1/timeline", params={"q": "cartel"}).json()["items"]) == 1
    assert len(client.get("/v1/timeline").json()["items"]) == len(story)
    dated = client.get("/v1/timeline", params={"story": 1, "since": "2026-01-15", "until": "2026-01-15"})
    assert [e["triggers"] for e in dated.json()["items"]] == [["met"]]


def test_timeline_takes_one_selection_and_a_known_story(client: TestClient) -> None:
    assert "at most one" in error(client.get("/v1/timeline", params={"story": 1, "q": "x"}), 400)["message"]
    assert error(client.get("/v1/timeline", params={"story": 9}), 404)["code"] == "not_found"


def test_changes_of_a_story_and_since(client: TestClient) -> None:
    changes = client.get("/v1/changes", params={"story": 1}).json()["items"]
    assert {c["kind"] for c in changes} >= {"new"}
    assert all({"before", "after", "as_of"} <= set(c) for c in changes)
    later = client.get("/v1/changes", params={"story": 1, "since": "2026-01-16"}).json()["items"]
    assert all(c["as_of"] >= "2026-01-16" for c in later)
    assert client.get("/v1/changes").status_code == 200


def test_one_entity_has_the_status_changes_of_all_its_events(client: TestClient) -> None:
    """The ledger reads only the events that can change a status; the events listed are all of them."""
    cartel = client.get("/v1/entities/org:cartel-del-norte").json()
    venezuela = client.get("/v1/entities/place:venezuela").json()

    designated = f"{cartel['events'][0]['article_id']}-ev1"
    assert [(s["status"], s["group_id"], s["trigger"]) for s in cartel["status_changes"]] == [
        ("designated foreign terrorist organization", designated, "designated")]
    assert venezuela["status_changes"] == []
    assert sorted(e["type"] for e in venezuela["events"]) == ["SANCTION", "THREATEN"]
