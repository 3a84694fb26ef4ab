"""The web UI in headless Chromium over the extracted sample corpus: what only a browser shows (the
timeline, the map, the graph) works, no request leaves 127.0.0.1 and no page logs an error (the ``page``
fixture fails a test on either)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect
from tests.browser.conftest import Watch, screenshot

from newsgraph import open_store
from newsgraph.store import EventQuery

pytestmark = [pytest.mark.browser, pytest.mark.model, pytest.mark.network]


def open_story(page: Page) -> None:
    page.goto("/")
    page.locator("a[href^='/stories/']").first.click()
    page.wait_for_url(re.compile(r"/stories/\d+$"))


def event_sentence(db: Path, article_id: int, start: int, end: int) -> str:
    """The stored sentence of the article's event reported by the words ``start:end``."""
    store = open_store(db)
    try:
        rows = store.iter_events(EventQuery(article_ids=(article_id,)))
        [sentence] = {r.sentence for r in rows if (r.sentence_start, r.sentence_end) == (start, end)}
    finally:
        store.close()
    return sentence


def test_clicking_a_timeline_event_opens_its_article_with_the_sentence_highlighted(
        page: Page, sample_db: Path) -> None:
    open_story(page)
    items: list[dict[str, Any]] = json.loads(page.locator("#timeline-items").text_content() or "[]")
    item = next(i for i in items if i["start"] and i["href"] and "hl=" in i["href"])
    box = page.locator("#timeline .vis-item", has_text=item["label"]).first
    expect(box).to_be_visible()
    screenshot(page, "story_timeline")
    box.click()
    page.wait_for_url(re.compile(r"/articles/\d+\?hl=\d+-\d+#hl$"))
    assert page.url.endswith(item["href"])
    url = urlsplit(page.url)
    start, end = (int(n) for n in parse_qs(url.query)["hl"][0].split("-"))
    # The highlight is cut into segments wherever another span (an entity, a time) starts or ends.
    highlighted = "".join(page.locator(".para .hl.focus").all_text_contents())
    assert highlighted == event_sentence(sample_db, int(url.path.rsplit("/", 1)[1]), start, end)
    expect(page.locator(".para .hl.focus").first).to_be_in_viewport()


def test_the_timeline_scrolls_inside_a_bounded_box_and_names_each_event_type(page: Page) -> None:
    open_story(page)
    items: list[dict[str, Any]] = json.loads(page.locator("#timeline-items").text_content() or "[]")
    dated = [i for i in items if i["start"]]
    assert len(dated) > 20  # enough boxes to stack taller than the box
    height = page.locator("#timeline .vis-timeline").bounding_box()["height"]  # type: ignore[index]
    assert height <= 600
    kinds = page.locator("#timeline .vis-item-content > span > b").all_text_contents()
    assert kinds and {k.strip() for k in kinds} <= {i["type"] for i in dated}
    # It opens on the days the events cover, not on the years the widest label would need.
    labels = page.locator("#timeline .vis-time-axis .vis-text.vis-major").all_text_contents()
    years = {y for label in labels for y in re.findall(r"\b\d{4}\b", label)}
    assert years and years <= {i["start"][:4] for i in dated}


def test_entity_page_shows_the_role_ledger(page: Page) -> None:
    open_story(page)
    page.locator(".entities a", has_text="Renata Salinas").click()
    page.wait_for_url(re.compile(r"/entities/person:renata-salinas$"))
    titles = page.locator("section[aria-labelledby='ledger-h'] tbody tr td:first-child").all_text_contents()
    fisheries = [n for n, t in enumerate(titles) if t.startswith("fisheries minister")]
    acting = [n for n, t in enumerate(titles) if t.startswith("acting foreign minister")]
    assert fisheries and acting, titles
    assert fisheries[0] < acting[0], titles  # the ledger runs in time: fisheries minister → acting FM
    expect(page.locator("#graph canvas").first).to_be_attached()  # Cytoscape drew its graph


def test_map_shows_a_marker_per_place(page: Page) -> None:
    page.goto("/map")
    points = json.loads(page.locator("#map-points").text_content() or "[]")
    assert points
    markers = page.locator("#map path.leaflet-interactive")
    expect(markers.first).to_be_visible()
    assert markers.count() == len(points)
    expect(page.locator("#map .leaflet-overlay-pane path:not(.leaflet-interactive)").first
           ).to_be_attached()  # the basemap's country outlines loaded


@pytest.mark.parametrize("path", ["/search?q=trawler", "/ingest"])
def test_other_pages_load_cleanly(page: Page, path: str) -> None:
    page.goto(path)
    expect(page.locator("main h1, main form").first).to_be_visible()


def test_the_watch_refuses_and_reports_other_hosts(page: Page, watch: Watch) -> None:
    """The guard itself: a request to another host never reaches the network and is recorded."""
    with pytest.raises(Exception, match="ERR_BLOCKED_BY_CLIENT"):
        page.goto("http://example.org/")
    assert watch.foreign == ["http://example.org/"]
    watch.foreign.clear()


def test_the_ingest_page_lists_the_stories_the_twin_check_split(page: Page) -> None:
    """The job API is answered by the test (the page's own fetches, on 127.0.0.1): a finished job that
    split story 1 shows that, with links to both stories, written as text; an entry without integer ids
    is left out."""
    job = {"id": "0123456789abcdef", "kind": "urls", "inputs": 1, "extract": True, "submitted": "now",
           "state": "queued", "counts": {}, "outcomes": [], "article_ids": [], "extracted": 0,
           "extraction_failures": [], "story_splits": [], "error": None, "finished": None}
    done = {**job, "state": "done", "extracted": 1,
            "outcomes": [{"source": "https://news.example/a", "status": "stored", "article_id": 1}],
            "story_splits": [{"story": 1, "new_story": 9, "moved": 3},
                             {"story": 2, "new_story": "<b>10</b>", "moved": 1}]}
    page.route("**/v1/ingest/urls", lambda route: route.fulfill(status=202, json=job))
    page.route(f"**/v1/ingest/{job['id']}", lambda route: route.fulfill(json=done))
    page.goto("/ingest")
    page.fill("textarea[name=urls]", "https://news.example/a")
    page.click("button[type=submit]")
    splits = page.locator("#ingest-results ul.splits li")
    expect(splits).to_have_count(1)
    expect(splits.first).to_have_text("story 1 held two events: 3 articles moved to story 9")
    expect(splits.first.locator("a")).to_have_count(2)
    assert [a.get_attribute("href") for a in splits.first.locator("a").all()] == ["/stories/1", "/stories/9"]
    expect(page.locator("#ingest-results b")).to_have_count(0)
