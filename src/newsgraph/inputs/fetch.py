"""URLs to bytes: one GET with redirects followed by hand, every hop checked, every limit enforced.

``Fetcher`` is the seam: ``HttpFetcher`` talks to the network through httpx, ``FakeFetcher`` answers
from a mapping so that tests of later stages never touch a socket.

Before each request (the first and every redirect hop) the host is resolved and the fetch is refused
with ``BlockedAddressError`` when any of its addresses is private, loopback, link-local, multicast,
reserved or unspecified, unless ``Settings.allow_private`` is set. This keeps a URL taken from an
untrusted feed from reaching services on this machine or its network (cloud metadata at
169.254.169.254, an admin page on 10.0.0.1). httpx resolves the host again when it connects, so a
name whose answer changes between the two look-ups (DNS rebinding) is not caught by this check.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

import httpx

from newsgraph.errors import (
    BlockedAddressError,
    FetchError,
    FetchTimeoutError,
    HTTPStatusError,
    InputTooLargeError,
    UnsupportedInputError,
)
from newsgraph.settings import Settings

logger = logging.getLogger(__name__)

# Content types a later stage can read: pages, plain text, feeds, JSON (Lines) and WARC.
MEDIA_TYPES = frozenset({
    "text/html",
    "application/xhtml+xml",
    "text/plain",
    "text/markdown",
    "application/rss+xml",
    "application/atom+xml",
    "application/xml",
    "text/xml",
    "application/json",
    "application/x-ndjson",
    "application/jsonl",
    "application/warc",
})
SCHEMES = frozenset({"http", "https"})
PRIVATE_HINT = "pass --allow-private to fetch from this machine or your network"
# NAT64 well-known prefix: the last 32 bits are an IPv4 address the gateway connects to.
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_STATUS_HINTS = {
    401: "the server wants credentials; newsgraph does not send any",
    403: "the server refuses access to this URL",
    404: "check the URL",
    410: "the page has been removed",
    429: "the server is rate-limiting; try again later",
}


@dataclass(frozen=True)
class Fetched:
    """One fetched body and what the server said about it.

    ``url`` is the URL as requested and ``final_url`` the one that answered after redirects.
    ``media_type`` is the lower-cased Content-Type without parameters (``"text/html"``), or ``""``
    when the server sent none and the caller has to sniff; ``charset`` is the Content-Type's
    charset, lower-cased, if it has one.
    """

    url: str
    final_url: str
    status: int
    media_type: str
    charset: str | None
    body: bytes


class Fetcher(Protocol):
    """Turns a URL into a ``Fetched``, or raises a ``FetchError`` or another ``InputError``."""

    def fetch(self, url: str) -> Fetched: ...


def resolve_host(host: str) -> list[str]:
    """Every address ``host`` resolves to, as strings; raises ``OSError`` when it does not resolve.

    Module-level so tests can replace the resolver with ``monkeypatch.setattr``.
    """
    infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def is_public_address(ip: str) -> bool:
    """Whether ``ip`` is an address on the public internet that newsgraph may fetch from.

    False for private, loopback, link-local, multicast, reserved, unspecified and other non-global
    ranges (e.g. 100.64.0.0/10), including IPv4 addresses embedded in IPv6 (``::ffff:127.0.0.1``,
    6to4, NAT64). Raises ``ValueError`` when ``ip`` is not an IP address.
    """
    address = ipaddress.ip_address(ip)
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped  # the socket connects to the IPv4 address itself
    embedded = _embedded_ipv4(address) if isinstance(address, ipaddress.IPv6Address) else None
    if embedded is not None and not is_public_address(str(embedded)):
        return False
    return address.is_global and not (
        address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_multicast
        or address.is_reserved
        or address.is_unspecified
    )


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address a 6to4 or NAT64 IPv6 address leads to, if it is one."""
    if address.sixtofour is not None:
        return address.sixtofour
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def parse_content_type(value: str | None) -> tuple[str, str | None]:
    """``(media type, charset)`` of a Content-Type header, lower-cased; ``("", None)`` if absent."""
    if not value:
        return "", None
    media_type, *params = value.split(";")
    charset = None
    for param in params:
        name, _, param_value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = param_value.strip().strip("\"'").lower() or None
    return media_type.strip().lower(), charset


class HttpFetcher:
    """Fetches over HTTP(S) within ``settings``' limits; ``transport`` stands in for the network.

    Each ``fetch`` opens its own client, so one fetcher is safe to share and needs no closing.
    """

    def __init__(self, settings: Settings, transport: httpx.BaseTransport | None = None) -> None:
        self._settings = settings
        self._transport = transport

    def fetch(self, url: str) -> Fetched:
        """GET ``url``, following up to ``fetch_max_redirects`` redirects; return the final body.

        Raises ``UnsupportedInputError`` for a scheme or content type we do not read,
        ``BlockedAddressError`` for a private address, ``FetchTimeoutError``, ``HTTPStatusError``
        for a status of 400 or more, ``InputTooLargeError`` past ``fetch_max_bytes`` and
        ``FetchError`` for everything else that goes wrong on the way.
        """
        with self._client() as client:
            try:
                return self._follow(client, url)
            except httpx.TimeoutException as e:
                raise FetchTimeoutError(
                    url, f"no answer within {self._settings.fetch_timeout:g} s",
                    hint="the server is slow or unreachable; raise fetch_timeout to wait longer",
                ) from e
            except (httpx.RequestError, httpx.InvalidURL) as e:
                raise FetchError(url, f"request failed: {e}") from e

    def _client(self) -> httpx.Client:
        return httpx.Client(
            transport=self._transport,
            follow_redirects=False,
            timeout=httpx.Timeout(self._settings.fetch_timeout),
            headers={"User-Agent": self._settings.user_agent},
        )

    def _follow(self, client: httpx.Client, url: str) -> Fetched:
        """Request ``url`` and each redirect target in turn, checking each hop before sending it."""
        current = self._checked(url, httpx.URL(url))
        limit = self._settings.fetch_max_redirects
        redirects = 0
        while True:
            with client.stream("GET", current) as response:
                if not response.has_redirect_location:
                    return self._read(url, current, response)
                target = current.join(response.headers["Location"])
            if redirects == limit:
                raise FetchError(
                    url, f"stopped after {limit} redirects (fetch_max_redirects is {limit})",
                    hint="the URL may redirect in a loop",
                )
            redirects += 1
            logger.debug("%s: redirect %d to %s", url, redirects, target)
            current = self._checked(url, target)

    def _checked(self, source: str, target: httpx.URL) -> httpx.URL:
        """``target`` if its scheme is http(s), it has a host, and the host may be fetched from."""
        if target.scheme not in SCHEMES:
            scheme = f"the {target.scheme}: scheme" if target.scheme else "a URL without a scheme"
            raise UnsupportedInputError(
                source, f"{scheme} is not fetched ({target})",
                hint="give an http:// or https:// URL",
            )
        if not target.host:
            raise FetchError(source, f"the URL has no host ({target})")
        if not self._settings.allow_private:
            _refuse_private(source, target.raw_host.decode("ascii"))
        return target

    def _read(self, url: str, final: httpx.URL, response: httpx.Response) -> Fetched:
        """The ``Fetched`` for a final response, once its status and content type pass."""
        if response.status_code >= 400:
            raise HTTPStatusError(
                url, response.status_code, f"HTTP {response.status_code} {response.reason_phrase}",
                hint=_status_hint(response.status_code),
            )
        media_type, charset = parse_content_type(response.headers.get("Content-Type"))
        if media_type and media_type not in MEDIA_TYPES:
            raise UnsupportedInputError(
                url, f"the content type {media_type} is not read",
                hint="give an HTML page, plain text, a feed, JSON (Lines) or WARC",
            )
        body = _read_limited(url, response, self._settings.fetch_max_bytes)
        return Fetched(url, str(final), response.status_code, media_type, charset, body)


def _refuse_private(source: str, host: str) -> None:
    """Raise unless ``host`` resolves, and only to public addresses."""
    try:
        addresses = resolve_host(host)
    except (OSError, UnicodeError) as e:
        raise FetchError(source, f"cannot resolve host {host}: {e}") from e
    if not addresses:
        raise FetchError(source, f"cannot resolve host {host}: no addresses")
    blocked = [address for address in addresses if not is_public_address(address)]
    if blocked:
        raise BlockedAddressError(
            source, f"{host} resolves to a non-public address ({', '.join(blocked)})",
            hint=PRIVATE_HINT,
        )


def _status_hint(status: int) -> str | None:
    if status >= 500:
        return "the server failed; try again later"
    return _STATUS_HINTS.get(status)


def _read_limited(url: str, response: httpx.Response, limit: int) -> bytes:
    """The (decompressed) body, refused as soon as it is known to exceed ``limit`` bytes."""
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _too_large(url, f"the server announces {declared} bytes", limit)
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > limit:
            raise _too_large(url, f"the body passed {limit} bytes", limit)
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(url: str, what: str, limit: int) -> InputTooLargeError:
    return InputTooLargeError(
        url, f"{what}; the limit is {limit} bytes", hint="raise fetch_max_bytes to accept it"
    )


class FakeFetcher:
    """A ``Fetcher`` answering from ``responses``: a URL's ``Fetched``, or raising its exception.

    Every requested URL is appended to ``requested``; a URL not in ``responses`` is an HTTP 404.
    """

    def __init__(self, responses: Mapping[str, Fetched | Exception]) -> None:
        self._responses = dict(responses)
        self.requested: list[str] = []

    def fetch(self, url: str) -> Fetched:
        self.requested.append(url)
        answer = self._responses.get(url)
        if answer is None:
            raise HTTPStatusError(
                url, 404, "HTTP 404 Not Found", hint="the FakeFetcher has no answer for this URL"
            )
        if isinstance(answer, Exception):
            raise answer
        return answer
