"""API tokens: made here, stored hashed (``Store.add_token``), checked on each request.

A token is 32 random bytes, URL-safe, prefixed ``ng_``. Only its SHA-256 digest is stored: a token has
256 bits of entropy, so a fast hash is enough (a slow password hash defends guessable secrets, and costs
time on every request). Checking looks the digest up, so no comparison of secrets happens in Python.
"""

from __future__ import annotations

import hashlib
import re
import secrets

from newsgraph.store import Store, TokenInfo

PREFIX = "ng_"
# The cookie in which the web UI's sign-in page keeps a token (deps.session_credentials reads it).
SESSION_COOKIE = "newsgraph_session"
# Token names: what ``newsgraph token create`` accepts, so they list and revoke cleanly.
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


def digest(token: str) -> str:
    """The SHA-256 digest (hex) under which a token is stored."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(store: Store, name: str) -> str:
    """Make and store a token named ``name``; returns the token, which is never shown again."""
    if not NAME.match(name):
        raise ValueError(f"token name {name!r}: use 1 to 64 letters, digits, '.', '_' or '-', starting "
                         "with a letter or digit")
    token = PREFIX + secrets.token_urlsafe(32)
    store.add_token(name, digest(token))
    return token


def revoke_token(store: Store, name: str) -> bool:
    return store.revoke_token(name)


def list_tokens(store: Store) -> list[TokenInfo]:
    return store.tokens()


def token_name(store: Store, token: str) -> str | None:
    """The name of a valid token, or None."""
    return store.token_name(digest(token)) if token.startswith(PREFIX) else None
