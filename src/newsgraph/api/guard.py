"""What every request passes through before the routes: the refusal of tokens in URLs, rate limits, the
upload size limit, and the security headers every response carries. A plain ASGI middleware, so it holds
no response in memory.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl

from starlette.requests import cookie_parser
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsgraph.api.tokens import PREFIX, SESSION_COOKIE

logger = logging.getLogger(__name__)

# No inline scripts or styles, nothing from another origin; W2's pages and vendored assets follow it.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
)
# Room for multipart boundaries and form fields around an upload of max_document_bytes.
MULTIPART_OVERHEAD = 64 * 1024
# Buckets kept at most (least recently used dropped): bounds memory under a flood of made-up tokens.
MAX_BUCKETS = 10_000
UNLIMITED_PREFIXES = ("/static/",)
# A token in a URL is kept in browser history, proxy and server logs and Referer headers, so a request
# carrying one in its query string is refused (400) before anything reads it. A parameter carries one
# when its name contains "token" (``token``; ``access_token``, as RFC 6750 section 2.3 names it) or
# its name or value holds a newsgraph token (``ng_…``, tokens.PREFIX) anywhere: ``q=Bearer ng_…``.
TOKEN_NAME_PART = "token"
TOKEN_IN_TEXT = re.compile(rf"(?<![\w-]){re.escape(PREFIX)}[A-Za-z0-9_-]{{32,}}")


class TokenBucket:
    """Per-key token buckets: ``burst`` requests at once, refilled at ``per_minute`` a minute."""

    def __init__(self, per_minute: int, burst: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.rate = per_minute / 60.0
        self.burst = float(burst)
        self.clock = clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def take(self, key: str) -> float:
        """Take one request for ``key``: 0.0 when allowed, else the seconds until one is."""
        now = self.clock()
        with self._lock:
            level, then = self._buckets.pop(key, (self.burst, now))
            level = min(self.burst, level + (now - then) * self.rate)
            wait = 0.0 if level >= 1.0 else (1.0 - level) / self.rate
            self._buckets[key] = (level - 1.0 if wait == 0.0 else level, now)
            while len(self._buckets) > MAX_BUCKETS:
                self._buckets.popitem(last=False)
        return wait


class _TooLarge(Exception):
    pass


class Guard:
    """Refuse a token in the query string (400), rate limit per token (per client address without one),
    limit request bodies to ``max_body`` bytes (413), and add the security headers to every response."""

    def __init__(self, app: ASGIApp, *, limiter: TokenBucket | None, max_body: int) -> None:
        self.app, self.limiter, self.max_body = app, limiter, max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        parameter = token_parameter(scope.get("query_string", b""))
        if parameter is not None:
            client = scope.get("client")
            logger.warning("refused a request from %s with an API token in its query string",
                           client[0] if client else "an unknown client")
            await _refuse(send, 400, "token_in_query", _token_in_query(parameter))
            return
        headers = dict(scope.get("headers") or [])
        if self.limiter is not None and not scope["path"].startswith(UNLIMITED_PREFIXES):
            wait = self.limiter.take(_client_key(scope, headers))
            if wait > 0:
                await _refuse(send, 429, "rate_limited", f"too many requests for this token; retry in "
                              f"{math.ceil(wait)} s", [(b"retry-after", str(math.ceil(wait)).encode())])
                return
        declared = headers.get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.max_body:
            await _refuse(send, 413, "too_large", _too_large(int(declared), self.max_body))
            return
        await self._guarded(scope, receive, send)

    async def _guarded(self, scope: Scope, receive: Receive, send: Send) -> None:
        state = {"received": 0, "exceeded": False, "started": False}

        async def counted() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                state["received"] += len(message.get("body", b""))
                if state["received"] > self.max_body:
                    state["exceeded"] = True
                    raise _TooLarge
            return message

        async def with_headers(message: Message) -> None:
            if state["exceeded"]:  # the app's answer to a cut-off body is replaced by a 413
                if message["type"] == "http.response.start" and not state["started"]:
                    state["started"] = True
                    await _refuse(send, 413, "too_large", _too_large(None, self.max_body))
                return
            if message["type"] == "http.response.start":
                state["started"] = True
                present = {name.lower() for name, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []),
                                      *(h for h in SECURITY_HEADERS if h[0] not in present)]
            await send(message)

        try:
            await self.app(scope, counted, with_headers)
        except _TooLarge:
            if not state["started"]:
                await _refuse(send, 413, "too_large", _too_large(None, self.max_body))
        except Exception:
            if state["exceeded"] and not state["started"]:
                await _refuse(send, 413, "too_large", _too_large(None, self.max_body))
                return
            raise


def token_parameter(query_string: bytes) -> str | None:
    """How to name the query parameter that carries a token (never by a name that holds the token
    itself), or None when none does."""
    for name, value in parse_qsl(query_string.decode("latin-1"), keep_blank_values=True):
        if TOKEN_IN_TEXT.search(name):
            return "a query parameter"
        if TOKEN_NAME_PART in name.lower() or TOKEN_IN_TEXT.search(value):
            return f"query parameter {name[:40]!r}"
    return None


def _token_in_query(parameter: str) -> str:
    return (f"{parameter} carries an API token, and tokens are refused in URLs (browser history, proxy "
            "and server logs keep them): send it as the header `Authorization: Bearer <token>` instead, "
            "and if this URL was shared or logged, revoke the token (`newsgraph token revoke NAME`) and "
            "make a new one")


def _client_key(scope: Scope, headers: dict[bytes, bytes]) -> str:
    """The rate limit's key: the bearer token's digest (from the header, else the web UI's session
    cookie), else the client's address."""
    scheme, _, token = headers.get(b"authorization", b"").decode("latin-1").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        token = cookie_parser(headers.get(b"cookie", b"").decode("latin-1")).get(SESSION_COOKIE, "")
    if token.strip():
        return "token:" + hashlib.sha256(token.strip().encode()).hexdigest()
    client = scope.get("client")
    return f"address:{client[0] if client else '?'}"


def _too_large(size: int | None, limit: int) -> str:
    what = f"the request body is {size:,} bytes" if size is not None else "the request body is too large"
    return (f"{what}; the limit is {limit:,} bytes (max_document_bytes plus form overhead): upload "
            "fewer or smaller files per request, or raise NEWSGRAPH_MAX_DOCUMENT_BYTES on the server")


async def _refuse(send: Send, status: int, code: str, message: str,
                  extra: list[tuple[bytes, bytes]] | None = None) -> None:
    body = json.dumps({"error": {"code": code, "message": message}}).encode()
    headers: list[Any] = [(b"content-type", b"application/json"),
                          (b"content-length", str(len(body)).encode()), *SECURITY_HEADERS, *(extra or [])]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
