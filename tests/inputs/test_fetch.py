"""Fetching URLs: a real local HTTP server for the wire, MockTransport for hosts we cannot run."""

from __future__ import annotations

import contextlib
import gzip
import ipaddress
import socket
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsgraph.errors import (
    BlockedAddressError,
    FetchError,
    FetchTimeoutError,
    HTTPStatusError,
    InputTooLargeError,
    UnsupportedInputError,
)
from newsgraph.inputs import fetch
from newsgraph.inputs.fetch import (
    PRIVATE_HINT,
    FakeFetcher,
    Fetched,
    Fetcher,
    HttpFetcher,
    is_public_address,
    parse_content_type,
)
from newsgraph.settings import Settings

ARTICLE = "<html><head><title>Flood</title></head><body><p>Café owners bailed water.</p></html>"
ARTICLE_BYTES = ARTICLE.encode("utf-8")
SMALL_LIMIT = 1000
BIG_BODY = b"x" * (SMALL_LIMIT * 5)
SLOW_SECONDS = 1.5  # the server's sleep on /slow: well past SHORT_TIMEOUT, short enough to end soon
SHORT_TIMEOUT = 0.3
PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy",
                   "all_proxy")


class _Handler(BaseHTTPRequestHandler):
    """Routes of the test server; every path requested is appended to ``server.seen``."""

    server: _Server

    def do_GET(self) -> None:
        self.server.seen.append(self.path)
        route = _ROUTES.get(self.path)
        if route is None:
            self._send(404, "text/html", b"<p>no such page</p>")
        else:
            route(self)

    def _send(self, status: int, content_type: str | None, body: bytes,
              *, length: bool = True, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        if length:
            self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self._send(302, "text/html", b"", headers={"Location": location})

    def _slow(self) -> None:
        time.sleep(SLOW_SECONDS)
        with contextlib.suppress(OSError):  # the client gave up long ago
            self._send(200, "text/html", b"<p>late</p>")

    def log_message(self, format: str, *args: object) -> None:
        """Silent: the test output is for pytest."""


_ROUTES: dict[str, Callable[[_Handler], None]] = {
    "/article.html": lambda h: h._send(200, "text/html; charset=UTF-8", ARTICLE_BYTES),
    "/missing": lambda h: h._send(404, "text/html", b"<p>gone</p>"),
    "/slow": _Handler._slow,
    "/image.png": lambda h: h._send(200, "image/png", b"\x89PNG\r\n\x1a\n" + bytes(64)),
    # No Content-Length: the limit has to be enforced while the body streams in.
    "/big": lambda h: h._send(200, "text/plain", BIG_BODY, length=False),
    "/big-declared": lambda h: h._send(200, "text/plain", BIG_BODY),
    "/redirect": lambda h: h._redirect(f"http://{h.headers['Host']}/article.html"),
    "/redirect-relative": lambda h: h._redirect("article.html"),
    "/loop": lambda h: h._redirect("/loop"),
    "/user-agent": lambda h: h._send(200, "text/plain", h.headers["User-Agent"].encode()),
}


class _Server(ThreadingHTTPServer):
    block_on_close = False  # do not wait for a /slow handler still asleep at shutdown
    seen: list[str]


@pytest.fixture(scope="module")
def server() -> Iterator[_Server]:
    httpd = _Server(("127.0.0.1", 0), _Handler)
    httpd.seen = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def base_url(server: _Server, monkeypatch: pytest.MonkeyPatch) -> str:
    """The server's root URL, with no proxy from the environment in the way."""
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    server.seen.clear()
    host, port = server.server_address[:2]
    return f"http://{host!s}:{port}"


@pytest.fixture
def local() -> HttpFetcher:
    """A fetcher allowed to reach 127.0.0.1, with small limits so tests stay fast."""
    return HttpFetcher(Settings(allow_private=True, fetch_timeout=SHORT_TIMEOUT,
                                fetch_max_bytes=SMALL_LIMIT, fetch_max_redirects=2))


@pytest.fixture
def dns(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """A fake resolver: fill the mapping it returns (host -> addresses); others do not resolve."""
    table: dict[str, list[str]] = {}

    def resolve(host: str) -> list[str]:
        if host not in table:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return table[host]

    monkeypatch.setattr(fetch, "resolve_host", resolve)
    return table


def _mock(handler: Callable[[httpx.Request], httpx.Response], **settings: object) -> HttpFetcher:
    return HttpFetcher(Settings().with_changes(**settings), transport=httpx.MockTransport(handler))


# --- against the local server ---------------------------------------------------------------------

@pytest.mark.network
def test_loopback_is_refused_without_allow_private(base_url: str, server: _Server) -> None:
    with pytest.raises(BlockedAddressError) as caught:
        HttpFetcher(Settings()).fetch(f"{base_url}/article.html")
    assert caught.value.hint == PRIVATE_HINT
    assert "127.0.0.1" in caught.value.message
    assert server.seen == []  # refused before anything was sent


@pytest.mark.network
def test_localhost_by_name_is_refused_without_allow_private(base_url: str) -> None:
    port = base_url.rsplit(":", 1)[1]
    with pytest.raises(BlockedAddressError):
        HttpFetcher(Settings()).fetch(f"http://localhost:{port}/article.html")


@pytest.mark.network
def test_article_is_fetched_with_allow_private(base_url: str, local: HttpFetcher) -> None:
    url = f"{base_url}/article.html"
    fetched = local.fetch(url)
    assert fetched == Fetched(url=url, final_url=url, status=200, media_type="text/html",
                              charset="utf-8", body=ARTICLE_BYTES)


@pytest.mark.network
def test_user_agent_from_settings_is_sent(base_url: str) -> None:
    fetcher = HttpFetcher(Settings(allow_private=True, user_agent="newsgraph-test/9"))
    assert fetcher.fetch(f"{base_url}/user-agent").body == b"newsgraph-test/9"


@pytest.mark.network
def test_http_404_raises_http_status_error(base_url: str, local: HttpFetcher) -> None:
    url = f"{base_url}/missing"
    with pytest.raises(HTTPStatusError) as caught:
        local.fetch(url)
    assert caught.value.status == 404
    assert caught.value.source == url
    assert caught.value.message == "HTTP 404 Not Found"


@pytest.mark.network
def test_slow_server_raises_fetch_timeout(base_url: str, local: HttpFetcher) -> None:
    started = time.monotonic()
    with pytest.raises(FetchTimeoutError, match=r"0\.3 s"):
        local.fetch(f"{base_url}/slow")
    assert time.monotonic() - started < SLOW_SECONDS


@pytest.mark.network
def test_image_is_refused_as_unsupported_content_type(base_url: str, local: HttpFetcher) -> None:
    with pytest.raises(UnsupportedInputError, match="image/png"):
        local.fetch(f"{base_url}/image.png")


@pytest.mark.network
def test_body_past_max_bytes_is_refused_while_streaming(base_url: str, local: HttpFetcher) -> None:
    with pytest.raises(InputTooLargeError, match=f"passed {SMALL_LIMIT} bytes"):
        local.fetch(f"{base_url}/big")


@pytest.mark.network
def test_declared_length_past_max_bytes_is_refused_early(base_url: str,
                                                         local: HttpFetcher) -> None:
    with pytest.raises(InputTooLargeError, match=f"announces {len(BIG_BODY)} bytes"):
        local.fetch(f"{base_url}/big-declared")


@pytest.mark.network
def test_redirect_is_followed_to_final_url(base_url: str, local: HttpFetcher) -> None:
    fetched = local.fetch(f"{base_url}/redirect")
    assert fetched.url == f"{base_url}/redirect"
    assert fetched.final_url == f"{base_url}/article.html"
    assert fetched.body == ARTICLE_BYTES


@pytest.mark.network
def test_relative_redirect_is_resolved_against_current_url(base_url: str,
                                                           local: HttpFetcher) -> None:
    fetched = local.fetch(f"{base_url}/redirect-relative")
    assert fetched.final_url == f"{base_url}/article.html"
    assert fetched.status == 200


@pytest.mark.network
def test_redirect_loop_stops_at_the_limit(base_url: str, server: _Server,
                                          local: HttpFetcher) -> None:
    with pytest.raises(FetchError, match="after 2 redirects"):
        local.fetch(f"{base_url}/loop")
    assert server.seen == ["/loop"] * 3  # the first request and two redirects followed


# --- URLs refused before any request --------------------------------------------------------------

@pytest.mark.parametrize("url", [
    "ftp://example.com/feed.xml",
    "file:///etc/passwd",
    "gopher://example.com/",
    "example.com/article",
])
def test_non_http_schemes_are_refused(url: str) -> None:
    with pytest.raises(UnsupportedInputError, match="scheme") as caught:
        HttpFetcher(Settings()).fetch(url)
    assert caught.value.source == url


def test_url_without_host_is_a_fetch_error() -> None:
    with pytest.raises(FetchError, match="no host"):
        HttpFetcher(Settings()).fetch("http:///article.html")


def test_host_that_does_not_resolve_is_a_fetch_error(dns: dict[str, list[str]]) -> None:
    with pytest.raises(FetchError, match=r"cannot resolve host nowhere\.invalid"):
        HttpFetcher(Settings()).fetch("https://nowhere.invalid/")


def test_host_with_any_private_address_is_refused(dns: dict[str, list[str]]) -> None:
    dns["mixed.example"] = ["93.184.216.34", "10.1.2.3"]
    with pytest.raises(BlockedAddressError, match=r"10\.1\.2\.3"):
        HttpFetcher(Settings()).fetch("https://mixed.example/")


# --- hops and bodies through MockTransport --------------------------------------------------------

def test_redirect_from_public_to_private_host_is_refused(dns: dict[str, list[str]]) -> None:
    dns["news.example"] = ["93.184.216.34"]
    dns["intranet.example"] = ["10.0.0.5"]
    requested: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        requested.append(str(request.url))
        return httpx.Response(302, headers={"Location": "http://intranet.example/admin"})

    with pytest.raises(BlockedAddressError, match=r"intranet\.example") as caught:
        _mock(handler).fetch("https://news.example/story")
    assert caught.value.source == "https://news.example/story"
    assert requested == ["https://news.example/story"]


def test_redirect_to_another_scheme_is_refused(dns: dict[str, list[str]]) -> None:
    dns["news.example"] = ["93.184.216.34"]

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(301, headers={"Location": "file:///etc/passwd"})

    with pytest.raises(UnsupportedInputError, match="file"):
        _mock(handler).fetch("https://news.example/story")


def test_zero_redirects_allowed_refuses_the_first(dns: dict[str, list[str]]) -> None:
    dns["news.example"] = ["93.184.216.34"]

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"Location": "/elsewhere"})

    with pytest.raises(FetchError, match="after 0 redirects"):
        _mock(handler, fetch_max_redirects=0).fetch("https://news.example/story")


def test_missing_content_type_is_accepted_for_sniffing() -> None:
    fetched = _mock(lambda request: httpx.Response(200, content=b"plain words"),
                    allow_private=True).fetch("http://feeds.example/x")
    assert (fetched.media_type, fetched.charset, fetched.body) == ("", None, b"plain words")


@pytest.mark.parametrize("content_type", sorted(fetch.MEDIA_TYPES))
def test_every_accepted_media_type_is_fetched(content_type: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"Content-Type": content_type}, content=b"{}")

    fetched = _mock(handler, allow_private=True).fetch("http://feeds.example/x")
    assert fetched.media_type == content_type


def test_gzip_body_is_decompressed() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"Content-Type": "text/html",
                                            "Content-Encoding": "gzip"},
                              content=gzip.compress(ARTICLE_BYTES))

    assert _mock(handler, allow_private=True).fetch("http://n.example/").body == ARTICLE_BYTES


def test_size_limit_counts_decompressed_bytes() -> None:
    bomb = gzip.compress(b"\0" * 100_000)

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"Content-Type": "text/plain",
                                            "Content-Encoding": "gzip"}, content=bomb)

    with pytest.raises(InputTooLargeError):
        _mock(handler, allow_private=True, fetch_max_bytes=10_000).fetch("http://n.example/")


def test_server_error_status_has_a_retry_hint() -> None:
    with pytest.raises(HTTPStatusError, match="HTTP 503 Service Unavailable") as caught:
        _mock(lambda request: httpx.Response(503), allow_private=True).fetch("http://n.example/")
    assert caught.value.status == 503
    assert caught.value.hint is not None and "later" in caught.value.hint


def test_transport_error_becomes_fetch_error_with_reason() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    with pytest.raises(FetchError, match="connection refused") as caught:
        _mock(handler, allow_private=True).fetch("http://n.example/")
    assert type(caught.value) is FetchError


# --- pure helpers ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("ip", "public"), [
    ("10.0.0.1", False),
    ("172.16.5.4", False),
    ("192.168.1.1", False),
    ("127.0.0.1", False),
    ("::1", False),
    ("fe80::1", False),
    ("169.254.169.254", False),  # cloud metadata service
    ("::ffff:127.0.0.1", False),
    ("0.0.0.0", False),
    ("::", False),
    ("100.64.0.1", False),  # carrier-grade NAT
    ("224.0.0.1", False),
    ("240.0.0.1", False),
    ("2002:7f00:1::", False),  # 6to4 wrapping 127.0.0.1
    ("64:ff9b::a00:1", False),  # NAT64 wrapping 10.0.0.1
    ("93.184.216.34", True),
    ("2606:4700::1", True),
    ("::ffff:93.184.216.34", True),
])
def test_is_public_address(ip: str, public: bool) -> None:
    assert is_public_address(ip) is public


@given(st.ip_addresses(v=4))
def test_ipv4_mapped_address_has_the_verdict_of_its_ipv4(ip: ipaddress.IPv4Address) -> None:
    assert is_public_address(f"::ffff:{ip}") == is_public_address(str(ip))


@pytest.mark.parametrize(("header", "expected"), [
    ("text/html; charset=UTF-8", ("text/html", "utf-8")),
    ('Text/HTML;Charset="ISO-8859-1"', ("text/html", "iso-8859-1")),
    ("application/json", ("application/json", None)),
    ("text/plain; format=flowed; charset=utf-8", ("text/plain", "utf-8")),
    ("", ("", None)),
    (None, ("", None)),
])
def test_parse_content_type(header: str | None, expected: tuple[str, str | None]) -> None:
    assert parse_content_type(header) == expected


# --- FakeFetcher ----------------------------------------------------------------------------------

PAGE = Fetched(url="https://n.example/a", final_url="https://n.example/a", status=200,
               media_type="text/html", charset="utf-8", body=b"<p>a</p>")


def test_fake_fetcher_returns_the_mapped_result_and_records_requests() -> None:
    fake: Fetcher = FakeFetcher({PAGE.url: PAGE})
    assert fake.fetch(PAGE.url) is PAGE
    assert isinstance(fake, FakeFetcher) and fake.requested == [PAGE.url]


def test_fake_fetcher_raises_the_mapped_exception() -> None:
    error = FetchTimeoutError("https://n.example/slow", "no answer within 1 s")
    fake = FakeFetcher({"https://n.example/slow": error})
    with pytest.raises(FetchTimeoutError) as caught:
        fake.fetch("https://n.example/slow")
    assert caught.value is error


def test_fake_fetcher_answers_unknown_urls_with_404() -> None:
    fake = FakeFetcher({})
    with pytest.raises(HTTPStatusError) as caught:
        fake.fetch("https://n.example/nothing")
    assert caught.value.status == 404
    assert fake.requested == ["https://n.example/nothing"]
