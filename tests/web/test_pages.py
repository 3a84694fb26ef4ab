"""The pages over the invented story of tests/conftest.py (hand-built extractions: no model)."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient


def json_block(html: str, block_id: str) -> Any:
    found = re.search(rf'<script type="application/json" id="{block_id}">(.*?)</script>', html, re.S)
    assert found, f"no JSON block {block_id}"
    return json.loads(found.group(1))


class Ids(HTMLParser):
    """Every id and every in-page href of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.fragments: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        href = values.get("href") or ""
        if href.startswith("#"):
            self.fragments.add(href[1:])


def ids_of(html: str) -> Ids:
    parser = Ids()
    parser.feed(html)
    return parser


def test_stories_page_lists_the_story(client: TestClient, story_db: tuple[Path, int, dict[str, int]]) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert f'href="/stories/{story_db[1]}"' in page.text
    assert page.headers["content-type"].startswith("text/html")


def test_story_timeline_items_carry_status_sources_and_a_link_to_the_sentence(
        client: TestClient, story_db: tuple[Path, int, dict[str, int]]) -> None:
    _, story_id, ids = story_db
    page = client.get(f"/stories/{story_id}")
    assert page.status_code == 200
    items = json_block(page.text, "timeline-items")
    by_status = {item["status"]: item for item in items}
    assert {"happened", "planned", "threatened"} <= set(by_status)
    met = next(item for item in items if item["type"] == "CONSULT")
    assert met["start"] == "2026-01-15" and met["sources"] == "Harbour Ledger"
    assert met["className"] == "status-happened"
    # The sentence "Tomas Elland met Marta Quiroga in Caracas on 15 January." opens the talks article.
    assert met["href"] == f"/articles/{ids['talks.txt']}?hl=0-56#hl"
    assert "by-report" in by_status["planned"]["className"]  # undated: placed on its report's day
    for status in ("happened", "planned", "negated", "threatened", "denied", "hypothetical"):
        assert f'class="swatch status-{status}"' in page.text  # the legend


def test_story_page_shows_what_changed(client: TestClient,
                                       story_db: tuple[Path, int, dict[str, int]]) -> None:
    page = client.get(f"/stories/{story_db[1]}")
    assert 'class="change kind-' in page.text


def test_article_page_links_each_highlight_to_its_record_and_back(
        client: TestClient, story_db: tuple[Path, int, dict[str, int]]) -> None:
    page = client.get(f"/articles/{story_db[2]['talks.txt']}")
    assert page.status_code == 200
    found = ids_of(page.text)
    assert {"ev1", "ev2", "ev3", "span-ev1", "span-ev2", "ent1", "span-ent1-0", "pl1", "span-pl1", "q1",
            "role1"} <= found.ids
    # A role with the same words as a mention: the text links to the entity, the role list back to the words.
    assert {"ev1", "span-ev1", "pl1", "span-pl1", "span-role1"} <= found.fragments
    assert found.fragments <= found.ids  # every in-page link lands somewhere
    assert re.search(r'<a class="hl event" href="#ev1" title="event: CONSULT “met”">met</a>', page.text)
    assert 'href="/entities/person:marta-quiroga"' in page.text


def test_article_page_highlights_the_sentence_asked_for(
        client: TestClient, story_db: tuple[Path, int, dict[str, int]]) -> None:
    page = client.get(f"/articles/{story_db[2]['talks.txt']}?hl=0-56")
    assert '<span class="anchor" id="hl"></span>' in page.text
    assert re.search(r'class="hl focus[^"]*"[^>]*>Tomas Elland<', page.text)
    assert client.get(f"/articles/{story_db[2]['talks.txt']}?hl=x-1").status_code == 422


def test_article_page_shows_cited_sources_per_paragraph(tmp_path: Path) -> None:
    from tests.web.test_security import stored_hostile_article  # one builder of odd articles

    db, article_id = stored_hostile_article(tmp_path)
    from tests.web.conftest import web_client

    with web_client(db) as client:
        page = client.get(f"/articles/{article_id}")
    first = page.text.split('<p id="p2"')[0]
    assert re.search(r'<aside class="cited"><span>Sources:</span> &lt;a href=[^<]*; '
                     r'Harbour Ledger → Reuters</aside>', first)


def test_entity_page_shows_ledger_events_and_graph(client: TestClient) -> None:
    page = client.get("/entities/person:marta-quiroga")
    assert page.status_code == 200
    assert "foreign minister" in page.text
    graph = json_block(page.text, "graph-elements")
    assert {n["data"]["id"] for n in graph["nodes"]} == {"person:marta-quiroga", "person:tomas-elland"}
    assert graph["edges"][0]["data"]["label"] == "CONSULT"
    assert "“met”" in page.text


def test_map_page_places_events_with_coordinates(client: TestClient) -> None:
    page = client.get("/map")
    points = json_block(page.text, "map-points")
    shown = [(p["name"], p["lat"], p["lon"], p["count"]) for p in points]
    assert shown == [("Caracas", 10.48801, -66.87919, 1)]
    assert 'data-basemap="/static/vendor/world-atlas/countries-110m.json"' in page.text
    assert client.get("/static/vendor/world-atlas/countries-110m.json").status_code == 200


def test_search_page_marks_matches(client: TestClient) -> None:
    page = client.get("/search", params={"q": "envoy"})
    assert page.status_code == 200
    assert "<mark>envoy</mark>" in page.text
    assert client.get("/search").status_code == 200


def test_ingest_page_posts_to_the_api(client: TestClient) -> None:
    page = client.get("/ingest")
    assert 'data-endpoint="/v1/ingest"' in page.text and '<script src="/static/js/ingest.js">' in page.text


def test_unknown_records_are_404(client: TestClient) -> None:
    for path in ("/stories/999", "/articles/999", "/entities/person:nobody"):
        response = client.get(path)
        assert response.status_code == 404, path


def test_pages_load_only_local_scripts_that_exist(client: TestClient,
                                                  story_db: tuple[Path, int, dict[str, int]]) -> None:
    for path in ("/", f"/stories/{story_db[1]}", f"/articles/{story_db[2]['talks.txt']}",
                 "/entities/person:marta-quiroga", "/map", "/search?q=envoy", "/ingest"):
        html = client.get(path).text
        for asset in re.findall(r'(?:src|href)="(/static/[^"]+)"', html):
            assert client.get(asset).status_code == 200, (path, asset)
        assert not re.search(r"<script(?![^>]*\b(?:src=|type=\"application/json\"))", html), path


def test_pages_are_served_with_a_policy_that_forbids_inline_script(client: TestClient) -> None:
    policy = client.get("/").headers["content-security-policy"]
    assert "default-src 'self'" in policy and "unsafe-inline" not in policy


def test_pages_write_timex_parts_of_the_day_in_words() -> None:
    from newsgraph.web.routes import templates

    row = templates.env.from_string('{{ d|when if d else "undated" }}')
    assert row.render(d="2026-03-31TMO") == "2026-03-31 morning"
    assert row.render(d=None) == "undated"
