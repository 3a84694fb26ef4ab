"""API tokens as SQL (``m009_api_tokens``): one row per named token, holding only its SHA-256 digest.

Every function runs inside the caller's transaction (writes) or on the caller's connection (reads).
"""

from __future__ import annotations

import sqlite3

from newsgraph.errors import StoreError


def add(db: sqlite3.Connection, name: str, digest: str, created_at: str) -> None:
    """Record token ``name``; a name already in use is a ``StoreError`` that says what to do."""
    if db.execute("SELECT 1 FROM api_tokens WHERE name = ?", (name,)).fetchone():
        raise StoreError(f"a token named {name!r} exists; revoke it first (`newsgraph token revoke "
                         f"{name}`) or pick another name")
    db.execute("INSERT INTO api_tokens (name, digest, created_at) VALUES (?, ?, ?)",
               (name, digest, created_at))


def revoke(db: sqlite3.Connection, name: str) -> bool:
    """Delete token ``name``; whether there was one."""
    return db.execute("DELETE FROM api_tokens WHERE name = ?", (name,)).rowcount > 0


def listed(db: sqlite3.Connection) -> list[tuple[str, str]]:
    """``(name, created_at)`` of every token, by name."""
    return [(row[0], row[1]) for row in db.execute("SELECT name, created_at FROM api_tokens ORDER BY name")]


def name_of(db: sqlite3.Connection, digest: str) -> str | None:
    """The name of the token with this digest, or None."""
    row = db.execute("SELECT name FROM api_tokens WHERE digest = ?", (digest,)).fetchone()
    return None if row is None else str(row[0])


def count(db: sqlite3.Connection) -> int:
    return int(db.execute("SELECT count(*) FROM api_tokens").fetchone()[0])
