"""Article text is hostile input: an article made of script tags, event-handler attributes and
``javascript:`` links, with an extraction repeating them in every field a page shows, renders as text on
every page that shows it."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from tests.web.conftest import file_story, web_client

from newsgraph.pipeline import ingest_document
from newsgraph.records import Metadata, PartialDate, RawDocument
from newsgraph.settings import Settings
from newsgraph.store import SQLiteStore

SCRIPT = "<script>alert('text')</script>"
IMG = '<img src=x onerror="alert(1)">'
LINK = '<a href="javascript:alert(2)">click</a>'
BREAKOUT = "</script><script>alert(3)</script><!--"
ATTR = "\" onmouseover=\"alert(4)\" x=\""
TEXT = (f"Envoy {SCRIPT} met {IMG} in Caracas on Monday.\n\n"
        f"Officials said {LINK} and {BREAKOUT} were sanctioned {ATTR} today.")
HOSTILE = (SCRIPT, IMG, LINK, BREAKOUT, ATTR)


def _span(text: str, words: str) -> dict[str, Any]:
    start = text.index(words)
    return {"start": start, "end": start + len(words), "text": words}


def _record(text: str) -> dict[str, Any]:
    """An extraction whose every shown string is hostile, with offsets into ``text``."""
    first, second = text.split("\n\n")
    second_start = text.index(second)
    entity = {"id": f"person:{SCRIPT}", "name": f"Envoy {SCRIPT}", "type": "PERSON", "kb_id": None,
              "mentions": [_span(text, f"Envoy {SCRIPT}")]}
    place = {**_span(text, "Caracas"), "name": f"Caracas {IMG}", "country_code": "VE", "lat": 10.5,
             "lon": -66.9, "geonameid": 3646738, "feature": "capital", "role": "place"}
    event = {"id": "ev1", "type": "CONSULT", "mode": None, "cameo": "040", "contexts": [],
             "trigger": _span(text, "met"), "sentence": {"start": 0, "end": len(first)},
             "actors": [entity["id"]], "recipients": [],
             "participants": [{"role": "actor", "entity_id": entity["id"], **_span(text, f"Envoy {SCRIPT}")},
                              {"role": "recipient", "entity_id": None, **_span(text, IMG)}],
             "place": 0, "date": None, "status": "happened", "reported": False,
             "attribution": [f"Outlet {IMG}"], "confidence": 0.9, "designation": None}
    return {
        "paragraphs": [{"start": 0, "end": len(first), "kind": "body", "cited_sources": [LINK]},
                       {"start": second_start, "end": len(text), "kind": "body", "cited_sources": []}],
        "sentences": [{"start": 0, "end": len(first)}, {"start": second_start, "end": len(text)}],
        "entities": [entity],
        "roles": [{"entity_id": entity["id"], "title": f"envoy {BREAKOUT}", "organization": IMG,
                   "status": "current", "as_of": "2026-01-16", **_span(text, "Envoy")}],
        "quotes": [{**_span(text, f"{LINK} and {BREAKOUT}"), "kind": "indirect", "cue": "said",
                    "speaker": {"entity_id": entity["id"], "text": f"Officials {ATTR}",
                                "anonymous_id": None}}],
        "attributions": [{"start": 0, "end": len(first), "chain": ["Harbour Ledger", "Reuters"],
                          "cue": "told"},
                         {"start": second_start, "end": len(text), "chain": [SCRIPT, IMG], "cue": "told"}],
        "times": [{**_span(text, "Monday"), "type": "DATE", "value": ATTR}],
        "places": [place],
        "events": [event],
    }


def stored_hostile_article(tmp_path: Path) -> tuple[Path, int]:
    """A database holding the hostile article, extracted and filed as a story: (path, article id)."""
    path = tmp_path / "hostile.db"
    metadata = Metadata(title=f"Title {SCRIPT}", outlet=f"Outlet {IMG}", url="javascript:alert(5)",
                        published=PartialDate("2026-01-16", "day"))
    document = RawDocument("hostile.txt", TEXT.encode(), "text/plain", metadata, text=TEXT)
    with SQLiteStore(path) as store:
        outcome = ingest_document(document, store, Settings(), Metadata())
        assert outcome.article_id is not None, outcome
        article = store.get_article(outcome.article_id)
        assert all(h in article.text for h in HOSTILE), "cleaning changed the hostile text: the test is void"
        store.save_extraction(article.id, "test 1", _record(article.text))
        file_story(store, [article.id])
    return path, article.id


class Tags(HTMLParser):
    """Every start tag of a page with its attributes, and the text of each script element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False if tag == "script" else self._in_script

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data


def assert_inert(html: str, where: str) -> None:
    """No element, attribute or link the hostile text could have made, with real parsing of the page."""
    page = Tags()
    page.feed(html)
    for tag, attrs in page.tags:
        assert tag not in {"img", "svg", "iframe", "object", "embed"}, (where, tag, attrs)
        assert not [a for a in attrs if a.startswith("on")], (where, tag, attrs)
        for name in ("href", "src", "action", "formaction"):
            value = re.sub(r"[\s\x00-\x1f]", "", attrs.get(name, "")).lower()
            assert not value.startswith(("javascript:", "data:", "vbscript:")), (where, tag, attrs)
        if tag == "script":
            assert attrs.get("src", "").startswith("/static/") or attrs.get("type") == "application/json", (
                where, attrs)
        if tag == "a" and attrs.get("href", "").startswith(("http:", "https:", "//")):
            raise AssertionError((where, "a link off the site", attrs))
    for body in page.scripts:  # JSON blocks: tojson writes < > & ' as \u escapes
        assert "<" not in body and ">" not in body, (where, body[:200])
    for hostile in HOSTILE:
        assert hostile not in html, (where, hostile)


@pytest.fixture
def hostile(tmp_path: Path) -> tuple[Path, int]:
    return stored_hostile_article(tmp_path)


def test_every_page_showing_the_hostile_article_renders_it_inert(hostile: tuple[Path, int]) -> None:
    db, article_id = hostile
    with web_client(db) as client:
        story_id = client.get("/").text.split('href="/stories/')[1].split('"')[0]
        entity = client.get(f"/articles/{article_id}").text.split('href="/entities/')[1].split('"')[0]
        paths = ["/", f"/stories/{story_id}", f"/articles/{article_id}", f"/articles/{article_id}?hl=0-20",
                 f"/entities/{entity}", "/map", "/search?q=alert", "/search?q=" + SCRIPT, "/ingest"]
        pages = {path: client.get(path) for path in paths}
    for path, response in pages.items():
        assert response.status_code == 200, (path, response.text[:300])
        assert_inert(response.text, path)
    article = pages[f"/articles/{article_id}"].text
    # The words are there, as text.
    assert "&lt;script&gt;alert(&#39;text&#39;)&lt;/script&gt;" in article
    assert "&lt;a href=&#34;javascript:alert(2)&#34;&gt;click&lt;/a&gt;" in article
    assert "Title &lt;script&gt;" in article
    assert 'href="javascript' not in article.lower()
    assert "Title &lt;script&gt;" in pages[f"/stories/{story_id}"].text  # the article list
    assert "\\u003cimg" in pages["/map"].text  # the place name, escaped inside the JSON block


def test_the_inert_check_catches_what_it_looks_for() -> None:
    for bad in (f"<p>{SCRIPT}</p>", "<p><img src=x onerror=alert(1)></p>", '<a href=" javascript:x">a</a>',
                '<script type="application/json">["</script><script>alert(1)"]</script>'):
        with pytest.raises(AssertionError):
            assert_inert(bad, "sample")
