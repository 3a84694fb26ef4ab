"""Named schema migrations for the SQLite store, applied in order, each once, each in a transaction.

Add a migration by appending a decorated function; never edit one that has shipped.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

Apply = Callable[[sqlite3.Connection], None]


@dataclass(frozen=True)
class Migration:
    name: str
    apply: Apply


MIGRATIONS: list[Migration] = []


def migration(fn: Apply) -> Apply:
    MIGRATIONS.append(Migration(fn.__name__, fn))
    return fn


@migration
def m001_articles(db: sqlite3.Connection) -> None:
    db.execute(
        """
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            source TEXT NOT NULL,
            media_type TEXT NOT NULL,
            url TEXT,
            title TEXT,
            outlet TEXT,
            author TEXT,
            published TEXT,
            published_precision TEXT,
            text TEXT NOT NULL,
            raw_text TEXT NOT NULL,
            raw_input BLOB NOT NULL,
            offset_map TEXT NOT NULL,
            input_digest TEXT NOT NULL,
            content_hash TEXT NOT NULL UNIQUE,
            duplicate_of INTEGER REFERENCES articles(id),
            similarity REAL,
            signature BLOB NOT NULL,
            ingested_at TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX articles_input_digest ON articles(input_digest)")
    db.execute("CREATE INDEX articles_published ON articles(published)")
    db.execute("CREATE INDEX articles_duplicate_of ON articles(duplicate_of)")


@migration
def m002_paragraphs_and_removals(db: sqlite3.Connection) -> None:
    db.execute(
        """
        CREATE TABLE paragraphs (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            kind TEXT NOT NULL,
            cited_sources TEXT NOT NULL,
            PRIMARY KEY (article_id, position)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE removals (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            raw_start INTEGER NOT NULL,
            raw_end INTEGER NOT NULL,
            reason TEXT NOT NULL,
            text TEXT NOT NULL,
            PRIMARY KEY (article_id, position)
        )
        """
    )


@migration
def m003_minhash_bands(db: sqlite3.Connection) -> None:
    db.execute(
        """
        CREATE TABLE minhash_bands (
            band_key INTEGER NOT NULL,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE
        )
        """
    )
    db.execute("CREATE INDEX minhash_bands_key ON minhash_bands(band_key)")


@migration
def m004_articles_fts(db: sqlite3.Connection) -> None:
    db.execute(
        "CREATE VIRTUAL TABLE articles_fts USING fts5("
        "title, text, outlet, content='articles', content_rowid='id', "
        "tokenize='unicode61 remove_diacritics 2')"
    )
    db.execute(
        "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN "
        "INSERT INTO articles_fts(rowid, title, text, outlet) "
        "VALUES (new.id, new.title, new.text, new.outlet); END"
    )
    db.execute(
        "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN "
        "INSERT INTO articles_fts(articles_fts, rowid, title, text, outlet) "
        "VALUES ('delete', old.id, old.title, old.text, old.outlet); END"
    )
    db.execute(
        "CREATE TRIGGER articles_fts_update AFTER UPDATE ON articles BEGIN "
        "INSERT INTO articles_fts(articles_fts, rowid, title, text, outlet) "
        "VALUES ('delete', old.id, old.title, old.text, old.outlet); "
        "INSERT INTO articles_fts(rowid, title, text, outlet) "
        "VALUES (new.id, new.title, new.text, new.outlet); END"
    )


@migration
def m005_extractions(db: sqlite3.Connection) -> None:
    db.execute(
        """
        CREATE TABLE extractions (
            article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            version TEXT NOT NULL,
            data TEXT NOT NULL,
            extracted_at TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE entity_mentions (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            entity_id TEXT NOT NULL,
            name TEXT NOT NULL,
            type TEXT NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            text TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX entity_mentions_entity ON entity_mentions(entity_id)")
    db.execute("CREATE INDEX entity_mentions_article ON entity_mentions(article_id)")
    db.execute(
        """
        CREATE TABLE roles (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            entity_id TEXT NOT NULL,
            title TEXT NOT NULL,
            organization TEXT,
            status TEXT NOT NULL,
            as_of TEXT,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX roles_entity ON roles(entity_id)")
    db.execute("CREATE INDEX roles_article ON roles(article_id)")
