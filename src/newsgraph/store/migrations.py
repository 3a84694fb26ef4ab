"""Named schema migrations for the SQLite store, applied in order, each once, each in a transaction.

Add a migration by appending a decorated function; never edit one that has shipped.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from newsgraph.errors import StoreError
from newsgraph.store.event_rows import EVENT_COLUMNS, PARTICIPANT_COLUMNS, EventRows, event_rows

logger = logging.getLogger(__name__)
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


@migration
def m006_events(db: sqlite3.Connection) -> None:
    """Events, one row each, with their participants for entity filters; filled from the extractions
    already stored, so a database extracted before this migration lists its events at once."""
    db.execute(
        """
        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            event_id TEXT NOT NULL,
            type TEXT NOT NULL,
            mode TEXT,
            contexts TEXT NOT NULL,
            cameo TEXT,
            status TEXT NOT NULL,
            reported INTEGER NOT NULL CHECK (reported IN (0, 1)),
            attribution TEXT NOT NULL,
            confidence REAL NOT NULL,
            date_value TEXT,
            date_precision TEXT,
            when_start TEXT,
            when_end TEXT,
            dated_by TEXT CHECK (dated_by IN ('event', 'published')),
            place_name TEXT,
            place_country TEXT,
            place_lat REAL,
            place_lon REAL,
            place_geonameid INTEGER,
            place_feature TEXT,
            trigger_start INTEGER NOT NULL,
            trigger_end INTEGER NOT NULL,
            trigger_text TEXT NOT NULL,
            sentence_start INTEGER NOT NULL,
            sentence_end INTEGER NOT NULL,
            in_lead INTEGER NOT NULL CHECK (in_lead IN (0, 1)),
            designation TEXT,
            UNIQUE (article_id, event_id)
        )
        """
    )
    db.execute("CREATE INDEX events_when ON events(when_start, article_id, position)")
    db.execute("CREATE INDEX events_type ON events(type)")
    db.execute(
        """
        CREATE TABLE event_participants (
            event_row INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('actor', 'recipient')),
            entity_id TEXT,
            name TEXT,
            kb_id TEXT,
            text TEXT NOT NULL,
            PRIMARY KEY (event_row, position)
        )
        """
    )
    db.execute("CREATE INDEX event_participants_entity ON event_participants(entity_id)")
    rows = db.execute(
        "SELECT x.article_id, x.data, a.published FROM extractions x JOIN articles a ON a.id = x.article_id"
    ).fetchall()
    for article_id, data, published in rows:
        try:
            insert_events(db, event_rows(article_id, json.loads(data), published))
        except StoreError as error:  # one odd record from a development build: `process` redoes it
            logger.warning("%s; run `newsgraph process` to extract it again", error)


def insert_events(db: sqlite3.Connection, events: list[EventRows]) -> None:
    """Write events and their participants (the store's writes and ``m006_events`` share it)."""
    marks = ", ".join("?" * len(EVENT_COLUMNS))
    for event in events:
        cursor = db.execute(f"INSERT INTO events ({', '.join(EVENT_COLUMNS)}) VALUES ({marks})", event.event)
        db.executemany(
            f"INSERT INTO event_participants ({', '.join(PARTICIPANT_COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(cursor.lastrowid, *p) for p in event.participants],
        )


@migration
def m007_stories(db: sqlite3.Connection) -> None:
    """Stories, each article's story, and the term index story assignment blocks on (see
    ``store/story_rows.py``). Existing articles get their stories when next processed."""
    db.execute(
        """
        CREATE TABLE stories (
            id INTEGER PRIMARY KEY,
            label TEXT NOT NULL,
            first_date TEXT,
            last_date TEXT,
            articles INTEGER NOT NULL DEFAULT 0,
            indexed INTEGER NOT NULL DEFAULT 0,
            merged_into INTEGER REFERENCES stories(id)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE story_articles (
            article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            story_id INTEGER NOT NULL REFERENCES stories(id),
            first_day TEXT,
            last_day TEXT,
            score REAL,
            terms TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX story_articles_story ON story_articles(story_id, first_day)")
    db.execute(
        """
        CREATE TABLE story_terms (
            story_id INTEGER NOT NULL REFERENCES stories(id),
            term TEXT NOT NULL,
            weight INTEGER NOT NULL,
            PRIMARY KEY (story_id, term)
        ) WITHOUT ROWID
        """
    )
    db.execute("CREATE INDEX story_terms_term ON story_terms(term)")
    db.execute("CREATE INDEX story_terms_weight ON story_terms(story_id, weight)")
    db.execute(
        """
        CREATE TABLE story_term_df (
            term TEXT PRIMARY KEY,
            articles INTEGER NOT NULL,
            stories INTEGER NOT NULL
        ) WITHOUT ROWID
        """
    )


@migration
def m008_story_views(db: sqlite3.Connection) -> None:
    """Computed views of a story (its timeline and changes) kept between queries (``story_views``), and a
    stamp per story (``story_stamps``) that every change to the story's articles or their extractions
    raises, so that a view computed before a change is never kept after it (see ``story_rows.touch``)."""
    db.execute(
        """
        CREATE TABLE story_stamps (
            story_id INTEGER PRIMARY KEY REFERENCES stories(id),
            stamp INTEGER NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE story_views (
            story_id INTEGER NOT NULL REFERENCES stories(id),
            name TEXT NOT NULL,
            stamp INTEGER NOT NULL,
            data TEXT NOT NULL,
            PRIMARY KEY (story_id, name)
        )
        """
    )


@migration
def m009_api_tokens(db: sqlite3.Connection) -> None:
    """API tokens of ``newsgraph serve`` (``newsgraph token create``): a name and the SHA-256 digest of the
    token, never the token itself (see ``store/token_rows.py``)."""
    db.execute(
        """
        CREATE TABLE api_tokens (
            name TEXT PRIMARY KEY,
            digest TEXT NOT NULL UNIQUE,
            created_at TEXT NOT NULL
        )
        """
    )
