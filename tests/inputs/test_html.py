"""HTML pages: main text without boilerplate, and what the page says about itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.errors import MalformedInputError
from newsgraph.inputs.html import extract_html, looks_like_html
from newsgraph.records import PartialDate

SAMPLE_PAGE = Path(__file__).resolve().parents[2] / "sample" / "09_lima-courier_lima-talks.html"

BODY = (
    "<p>The regional council of Valparaíso voted on Tuesday to extend the harbour curfew for another "
    "month, citing a rise in thefts from moored yachts and fishing boats.</p>"
    "<p>Councillor Inés Barros said the measure would be reviewed in April, after the summer season, "
    "and that night patrols by the maritime police would be doubled at weekends.</p>"
)


def page(head: str = "", body: str = BODY) -> str:
    return (
        f"<!DOCTYPE html><html><head><title>Curfew extended</title>{head}</head>"
        f"<body><article>{body}</article></body></html>"
    )


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"<!DOCTYPE html><html><body>x</body></html>", True),
        (b"  <html lang='en'>", True),
        (b"<p>One paragraph.</p>", True),
        (b"<ARTICLE>Shouting</ARTICLE>", True),
        (b"Plain words about a <p> tag", True),
        (b"Plain text with no tags at all.", False),
        (b"<?xml version='1.0'?><rss version='2.0'></rss>", False),
        (b"a < b and c > d", False),
        (b" " * 5000 + b"<html>", False),  # only the first kilobytes are sniffed
    ],
)
def test_looks_like_html(data: bytes, expected: bool) -> None:
    assert looks_like_html(data) is expected


def test_metadata_from_meta_tags() -> None:
    head = (
        '<meta property="og:site_name" content="Harbour Gazette">'
        '<meta name="author" content="Lucía Rojas">'
        '<meta property="article:published_time" content="2025-02-14T08:15:30+01:00">'
        '<link rel="canonical" href="https://gazette.example/2025/02/14/curfew">'
    )
    text, meta = extract_html("curfew.html", page(head))
    assert text.startswith("The regional council of Valparaíso voted")
    assert "Inés Barros" in text
    assert meta.title == "Curfew extended"
    assert meta.outlet == "Harbour Gazette"
    assert meta.author == "Lucía Rojas"
    assert meta.url == "https://gazette.example/2025/02/14/curfew"
    assert meta.published == PartialDate("2025-02-14T08:15:30+01:00", "second")


def test_published_from_json_ld_keeps_seconds() -> None:
    head = ('<script type="application/ld+json">'
            '{"@type": "NewsArticle", "datePublished": "2025-02-14T21:05:09Z"}</script>')
    _, meta = extract_html("curfew.html", page(head))
    assert meta.published == PartialDate("2025-02-14T21:05:09+00:00", "second")


def test_published_found_only_by_htmldate_is_a_day() -> None:
    body = '<p class="dateline">Published 14 February 2025</p>' + BODY
    _, meta = extract_html("curfew.html", page(body=body))
    assert meta.published == PartialDate("2025-02-14", "day")


def test_an_unreadable_meta_date_falls_back_to_the_next_one() -> None:
    head = ('<meta property="article:published_time" content="sometime soon">'
            '<meta name="pubdate" content="2025-02-14T08:15Z">')
    _, meta = extract_html("curfew.html", page(head))
    assert meta.published == PartialDate("2025-02-14T08:15+00:00", "minute")


def test_the_given_url_is_kept_when_the_page_names_none() -> None:
    _, meta = extract_html("curfew.html", page(), url="https://gazette.example/from-the-feed")
    assert meta.url == "https://gazette.example/from-the-feed"


def test_a_page_without_metadata_leaves_it_unknown() -> None:
    _, meta = extract_html("bare.html", f"<html><body><article>{BODY}</article></body></html>")
    assert (meta.outlet, meta.author, meta.published, meta.url) == (None, None, None, None)


def test_sample_page_headline_metadata() -> None:
    _, meta = extract_html(str(SAMPLE_PAGE), SAMPLE_PAGE.read_text("utf-8"))
    assert meta.title == "Peru and Chile agree path to free trawler crew after nearly three hours of talks"
    assert meta.outlet == "Lima Courier"
    assert meta.author == "Diego Sotomayor"
    assert meta.url == (
        "https://limacourier.example/politics/2026/03/26/peru-chile-agree-path-to-free-trawler-crew"
    )
    # article:published_time wins over the <time> element's local time and over htmldate's day
    assert meta.published == PartialDate("2026-03-26T23:10:00+00:00", "second")


def test_sample_page_text_leaves_out_navigation_and_comments() -> None:
    text, _ = extract_html(str(SAMPLE_PAGE), SAMPLE_PAGE.read_text("utf-8"))
    assert text.startswith("Peru and Chile agreed on Thursday to end the detention")
    assert "What the two sides agreed" in text
    assert "who was not authorised to speak publicly" in text
    boilerplate = [
        "Podcasts", "Newsletters",                 # main navigation
        "We use cookies", "Accept all",             # cookie banner
        "Share on Facebook", "Related stories",     # share bar, related links
        "pescador_ilo", "MarthaR", "Comments (3)",  # the comment section
        "Three hours to agree", "Add a comment",    # comment text and form
        "All rights reserved",                       # site footer
    ]
    for phrase in boilerplate:
        assert phrase not in text, phrase


def test_truncated_html_still_gives_the_text_it_has() -> None:
    cut = page()[: page().index("after the summer season")]
    text, meta = extract_html("cut.html", cut)
    assert "citing a rise in thefts" in text
    assert "Councillor Inés Barros said the measure would be reviewed in April" in text
    assert meta.title == "Curfew extended"


@pytest.mark.parametrize(
    "html",
    [
        "<html><head><title>Nothing here</title></head><body></body></html>",
        "<html><head><title>Cut short</title></head><body><div class=",
        "<html><body><script>window.app = {};</script></body></html>",
        "<html><body>   \n  </body></html>",
    ],
    ids=["empty-body", "cut-inside-a-tag", "script-only", "whitespace"],
)
def test_a_page_without_text_is_refused(html: str) -> None:
    with pytest.raises(MalformedInputError) as caught:
        extract_html("blank.html", html)
    assert str(caught.value).startswith("blank.html: no article text found in the HTML")
    assert caught.value.reason == "malformed"


def test_a_page_of_links_is_refused() -> None:
    links = "".join(f'<li><a href="/story/{n}">Harbour story number {n}</a></li>' for n in range(8))
    with pytest.raises(MalformedInputError):
        extract_html("index.html", f"<html><body><nav><ul>{links}</ul></nav></body></html>")
