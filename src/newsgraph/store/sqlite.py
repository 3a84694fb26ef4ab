"""The embedded store: one SQLite file in WAL mode, with FTS5 full-text search over articles."""

from __future__ import annotations

import json
import re
import sqlite3
import time
import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from newsgraph.day_intervals import interval
from newsgraph.errors import ArticleNotFoundError, StoreError
from newsgraph.names import slug
from newsgraph.records import Article, Metadata, OffsetMap, Paragraph, PartialDate, Removal
from newsgraph.store import story_rows, token_rows
from newsgraph.store.base import (
    ArticleSummary,
    EntityOverview,
    EntityRole,
    EventDesignation,
    EventParticipant,
    EventPlace,
    EventQuery,
    EventRow,
    NewArticle,
    StoreStats,
    StoryDetail,
    StoryEntity,
    StorySummary,
    TokenInfo,
)
from newsgraph.store.event_rows import event_rows
from newsgraph.store.migrations import MIGRATIONS, insert_events
from newsgraph.stories import ArticleProfile, StoryOptions

_SUMMARY_COLUMNS = "a.id, a.title, a.outlet, a.published, a.source, a.duplicate_of"
_ARTICLE_COLUMNS = (
    "id, source, media_type, url, title, outlet, author, published, published_precision, text, "
    "raw_text, offset_map, content_hash, ingested_at, duplicate_of"
)
# Retries of the switch to WAL while another connection opens a new file: 5 s, as busy_timeout.
_WAL_ATTEMPTS = 50
_WAL_RETRY_SECONDS = 0.1
# Words of a search query, so that user text never reaches FTS5 as query syntax.
_QUERY_WORD = re.compile(r"\w+", re.UNICODE)


class SQLiteStore:
    """A newsgraph database in one SQLite file (or ``:memory:``)."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self._db.execute("PRAGMA foreign_keys = ON")
            self._db.execute("PRAGMA busy_timeout = 5000")
            if self.path != ":memory:":
                self._use_wal()
                self._db.execute("PRAGMA synchronous = NORMAL")
            self._migrate()
        except BaseException as e:
            if hasattr(self, "_db"):
                self._db.close()
            if not isinstance(e, sqlite3.DatabaseError):
                raise
            raise StoreError(
                f"{self.path}: cannot open as a newsgraph database: {e} "
                "(is it a SQLite file? give another --db path)"
            ) from e

    def _use_wal(self) -> None:
        """Switch the file to WAL (it stays so). SQLite does not wait for the moment alone with the file
        that the switch needs, so a store opened together with another on a new file retries briefly."""
        for attempt in range(_WAL_ATTEMPTS):
            try:
                self._db.execute("PRAGMA journal_mode = WAL")
                return
            except sqlite3.OperationalError as e:
                if e.sqlite_errorcode != sqlite3.SQLITE_BUSY or attempt == _WAL_ATTEMPTS - 1:
                    raise
                time.sleep(_WAL_RETRY_SECONDS)

    # Schema -----------------------------------------------------------------------------------------

    def _migrate(self) -> None:
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
        )
        applied = {row[0] for row in self._db.execute("SELECT name FROM migrations")}
        unknown = applied - {m.name for m in MIGRATIONS}
        if unknown:
            raise StoreError(
                f"{self.path} was written by a newer newsgraph (migrations {sorted(unknown)}); "
                "upgrade newsgraph to use it"
            )
        for migration in MIGRATIONS:
            if migration.name in applied:
                continue
            with self._transaction():
                if self._id("SELECT 1 FROM migrations WHERE name = ?", migration.name):
                    continue  # another connection applied it since we looked
                migration.apply(self._db)
                self._db.execute(
                    "INSERT INTO migrations (name, applied_at) VALUES (?, ?)",
                    (migration.name, _now()),
                )

    def migrations(self) -> tuple[str, ...]:
        return tuple(row[0] for row in self._db.execute("SELECT name FROM migrations ORDER BY name"))

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
            self._db.execute("COMMIT")
        except BaseException:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise

    # Writes -----------------------------------------------------------------------------------------

    def add_article(self, article: NewArticle) -> int:
        """Write the article, its paragraphs, removals and LSH bands in one transaction."""
        try:
            with self._transaction() as db:
                article_id = self._insert_article(db, article)
                self._insert_parts(db, article_id, article)
        except sqlite3.Error as e:
            raise StoreError(f"{self.path}: could not store {article.source}: {e}") from e
        return article_id

    def _insert_article(self, db: sqlite3.Connection, article: NewArticle) -> int:
        meta, cleaned = article.metadata, article.cleaned
        published = meta.published
        cursor = db.execute(
            "INSERT INTO articles (source, media_type, url, title, outlet, author, published, "
            "published_precision, text, raw_text, raw_input, offset_map, input_digest, content_hash, "
            "duplicate_of, similarity, signature, ingested_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article.source, article.media_type, meta.url, meta.title, meta.outlet, meta.author,
                published.iso if published else None, published.precision if published else None,
                cleaned.text, article.raw_text, article.raw_input,
                json.dumps(cleaned.offsets.to_rows(), separators=(",", ":")),
                article.input_digest, article.content_hash, article.duplicate_of,
                article.similarity, article.signature, _now(),
            ),
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def _insert_parts(self, db: sqlite3.Connection, article_id: int, article: NewArticle) -> None:
        db.executemany(
            "INSERT INTO paragraphs (article_id, position, start, end, kind, cited_sources) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [
                (article_id, i, p.start, p.end, p.kind, json.dumps(list(p.cited_sources)))
                for i, p in enumerate(article.cleaned.paragraphs)
            ],
        )
        db.executemany(
            "INSERT INTO removals (article_id, position, raw_start, raw_end, reason, text) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [
                (article_id, i, r.raw_start, r.raw_end, r.reason, r.text)
                for i, r in enumerate(article.cleaned.removals)
            ],
        )
        if article.duplicate_of is None:
            db.executemany(
                "INSERT INTO minhash_bands (band_key, article_id) VALUES (?, ?)",
                [(key, article_id) for key in article.band_keys],
            )
        elif (story_id := story_rows.story_of(db, article.duplicate_of)) is not None:
            story_rows.attach(db, article_id, story_id, {}, None)  # a copy joins its original's story
            story_rows.refresh(db, story_id)

    # Look-ups ---------------------------------------------------------------------------------------

    def article_for_input(self, input_digest: str) -> int | None:
        return self._id("SELECT id FROM articles WHERE input_digest = ? LIMIT 1", input_digest)

    def article_for_content(self, content_hash: str) -> int | None:
        return self._id("SELECT id FROM articles WHERE content_hash = ?", content_hash)

    def near_duplicate_candidates(self, band_keys: Sequence[int]) -> list[tuple[int, bytes]]:
        if not band_keys:
            return []
        marks = ",".join("?" * len(band_keys))
        rows = self._query(
            f"SELECT id, signature FROM articles WHERE id IN "
            f"(SELECT DISTINCT article_id FROM minhash_bands WHERE band_key IN ({marks}))",
            tuple(band_keys),
        )
        return [(row[0], row[1]) for row in rows]

    def get_article(self, article_id: int) -> Article:
        row = self._query(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if row is None:
            raise ArticleNotFoundError(article_id)
        return self._article(row)

    def raw_input(self, article_id: int) -> tuple[str, bytes]:
        row = self._query(
            "SELECT media_type, raw_input FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if row is None:
            raise ArticleNotFoundError(article_id)
        return row[0], bytes(row[1])

    def list_articles(self, *, limit: int = 50, offset: int = 0) -> list[ArticleSummary]:
        rows = self._query(
            f"SELECT {_SUMMARY_COLUMNS} FROM articles a "
            "ORDER BY a.published IS NULL, a.published, a.id LIMIT ? OFFSET ?",
            (limit, offset),
        )
        return [ArticleSummary(*row) for row in rows]

    def search_articles(self, query: str, *, limit: int = 50) -> list[ArticleSummary]:
        """Articles matching every word of ``query`` (accents and case ignored), best first."""
        # NFC first: a decomposed accent (e + U+0301) is not a word character and would split the word
        words = _QUERY_WORD.findall(unicodedata.normalize("NFC", query))
        if not words:
            return []
        fts_query = " ".join('"' + word.replace('"', "") + '"' for word in words)
        rows = self._query(
            f"SELECT {_SUMMARY_COLUMNS}, snippet(articles_fts, 1, '[', ']', '…', 12) "
            "FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid "
            "WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts) LIMIT ?",
            (fts_query, limit),
        )
        return [ArticleSummary(*row) for row in rows]

    def iter_articles(self) -> Iterator[Article]:
        cursor = self._query(f"SELECT {_ARTICLE_COLUMNS} FROM articles ORDER BY id")
        for row in cursor:
            yield self._article(row)

    def stats(self) -> StoreStats:
        total, duplicates, undated, earliest, latest = self._query(
            "SELECT count(*), count(duplicate_of), sum(published IS NULL), min(published), "
            "max(published) FROM articles"
        ).fetchone()
        return StoreStats(
            articles=total,
            originals=total - duplicates,
            duplicates=duplicates,
            outlets=self._counts(
                "SELECT coalesce(outlet, '(unknown)'), count(*) FROM articles GROUP BY 1"
            ),
            earliest=earliest,
            latest=latest,
            undated=undated or 0,
            removals=self._counts("SELECT reason, count(*) FROM removals GROUP BY reason"),
            cited_sources=self._cited_source_counts(),
            migrations=self.migrations(),
        )

    # Extractions ----------------------------------------------------------------------------------

    def save_extraction(self, article_id: int, version: str, record: dict[str, Any]) -> None:
        """Replace the article's extraction, its entity mentions, roles and events in one transaction."""
        try:
            with self._transaction() as db:
                row = db.execute("SELECT published FROM articles WHERE id = ?", (article_id,)).fetchone()
                events = event_rows(article_id, record, row[0] if row else None)
                for table in ("extractions", "entity_mentions", "roles", "events"):
                    db.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
                db.execute(
                    "INSERT INTO extractions (article_id, version, data, extracted_at) VALUES (?, ?, ?, ?)",
                    (article_id, version, json.dumps(record, ensure_ascii=False), _now()),
                )
                db.executemany(
                    "INSERT INTO entity_mentions (article_id, entity_id, name, type, start, end, text) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [(article_id, e["id"], e["name"], e["type"], m["start"], m["end"], m["text"])
                     for e in record.get("entities", []) for m in e["mentions"]],
                )
                db.executemany(
                    "INSERT INTO roles (article_id, entity_id, title, organization, status, as_of, start, "
                    "end) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [(article_id, r["entity_id"], r["title"], r["organization"], r["status"], r["as_of"],
                      r["start"], r["end"]) for r in record.get("roles", [])],
                )
                insert_events(db, events)
                if (story_id := story_rows.story_of(db, article_id)) is not None:
                    story_rows.touch(db, story_id)  # its views were computed from the old extraction
        except sqlite3.Error as e:
            raise StoreError(
                f"{self.path}: could not store the extraction of article {article_id}: {e}") from e

    def extraction(self, article_id: int) -> dict[str, Any] | None:
        row = self._query("SELECT data FROM extractions WHERE article_id = ?", (article_id,)).fetchone()
        return None if row is None else dict(json.loads(row[0]))

    def articles_to_extract(self, version: str | None = None) -> list[int]:
        params: tuple[str, ...] = ()
        if version is None:
            sql = "SELECT id FROM articles WHERE duplicate_of IS NULL ORDER BY id"
        else:
            sql = ("SELECT a.id FROM articles a LEFT JOIN extractions e ON e.article_id = a.id "
                   "WHERE a.duplicate_of IS NULL AND (e.version IS NULL OR e.version != ?) ORDER BY a.id")
            params = (version,)
        return [row[0] for row in self._query(sql, params)]

    def find_entities(self, query: str) -> list[tuple[str, str, str, int]]:
        """Entities whose id is ``query``, or whose id ends with its slug ("maduro" finds
        person:nicolas-maduro), most mentioned first."""
        key = slug(query)
        if not key:
            return []
        rows = self._query(
            "SELECT entity_id, name, type, count(*) AS n FROM entity_mentions "
            "WHERE entity_id = ? OR entity_id LIKE ? OR entity_id LIKE ? "
            "GROUP BY entity_id, name, type ORDER BY n DESC",
            (query, f"%:{key}", f"%-{key}"),
        ).fetchall()
        best: dict[str, tuple[str, str, str, int]] = {}
        for entity_id, name, kind, count in rows:
            total = count + (best[entity_id][3] if entity_id in best else 0)
            keep = best.get(entity_id, (entity_id, name, kind, 0))
            best[entity_id] = (entity_id, keep[1], keep[2], total)
        return sorted(best.values(), key=lambda e: -e[3])

    def entity_overview(self, entity_id: str) -> EntityOverview | None:
        mentions = self._query(
            "SELECT name, type, text, article_id FROM entity_mentions WHERE entity_id = ?", (entity_id,)
        ).fetchall()
        if not mentions:
            return None
        names = Counter(m[0] for m in mentions)
        name = max(names, key=lambda n: (len(n.split()), names[n]))
        article_ids = sorted({m[3] for m in mentions})
        marks = ",".join("?" * len(article_ids))
        articles = [ArticleSummary(*row) for row in self._query(
            f"SELECT {_SUMMARY_COLUMNS} FROM articles a WHERE a.id IN ({marks}) "
            "ORDER BY a.published IS NULL, a.published, a.id", article_ids)]
        return EntityOverview(
            id=entity_id, name=name, type=Counter(m[1] for m in mentions).most_common(1)[0][0],
            aliases=tuple(sorted({m[2] for m in mentions} - {name})),
            roles=self._entity_roles(entity_id), articles=tuple(articles), mentions=len(mentions),
        )

    def _entity_roles(self, entity_id: str) -> tuple[EntityRole, ...]:
        rows = self._query(f"{_ROLE_SELECT} WHERE r.entity_id = ? {_ROLE_ORDER}", (entity_id,))
        return tuple(EntityRole(*row) for row in rows)

    def roles(self, article_ids: Sequence[int] | None = None) -> list[EntityRole]:
        if article_ids is None:
            return [EntityRole(*row) for row in self._query(f"{_ROLE_SELECT} {_ROLE_ORDER}")]
        found: list[EntityRole] = []
        for chunk in _chunks(sorted(set(article_ids))):
            marks = ",".join("?" * len(chunk))
            found.extend(EntityRole(*row) for row in self._query(
                f"{_ROLE_SELECT} WHERE r.article_id IN ({marks}) {_ROLE_ORDER}", chunk))
        return sorted(found, key=lambda r: (r.as_of is None, r.as_of or "", r.article_id, r.start or 0))

    # Events -----------------------------------------------------------------------------------------

    def events(self, query: EventQuery | None = None) -> list[EventRow]:
        return list(self.iter_events(query))

    def iter_events(self, query: EventQuery | None = None) -> Iterator[EventRow]:
        """Events by when (undated last), article and position; participants are read a page at a time."""
        query = query or EventQuery()
        where, params = _event_filters(query)
        cursor = self._query(
            f"SELECT {_EVENT_SELECT} FROM events e JOIN articles a ON a.id = e.article_id "
            f"JOIN extractions x ON x.article_id = e.article_id {where} "
            "ORDER BY e.when_start IS NULL, e.when_start, e.article_id, e.position LIMIT ? OFFSET ?",
            (*params, -1 if query.limit is None else query.limit, query.offset),
        )
        while page := cursor.fetchmany(_EVENT_PAGE):
            participants = self._participants([row[0] for row in page])
            for row in page:
                yield _event_row(row, participants.get(row[0], ()))

    def _participants(self, event_rows: list[int]) -> dict[int, tuple[EventParticipant, ...]]:
        marks = ",".join("?" * len(event_rows))
        found: dict[int, list[EventParticipant]] = {}
        for event_row, *fields in self._query(
            f"SELECT event_row, role, entity_id, name, kb_id, text FROM event_participants "
            f"WHERE event_row IN ({marks}) ORDER BY event_row, position", event_rows,
        ).fetchall():
            found.setdefault(event_row, []).append(EventParticipant(*fields))
        return {key: tuple(value) for key, value in found.items()}

    # Stories (SQL in story_rows.py) ------------------------------------------------------------------

    def file_story(self, profile: ArticleProfile, options: StoryOptions) -> int:
        with self._writing(f"file article {profile.article_id} in a story") as db:
            return story_rows.file_article(db, profile, options)

    def check_twins(self, story_id: int, options: StoryOptions) -> int | None:
        with self._writing(f"check story {story_id} for twins") as db:
            return story_rows.check_twins(db, story_id, options)

    def stories(self) -> list[StorySummary]:
        return [StorySummary(*row) for row in story_rows.story_rows(self._db)]

    def story(self, story_id: int) -> StoryDetail | None:
        found = story_rows.story_rows(self._db, [story_id])
        if not found:
            return None
        ids = story_rows.story_article_ids(self._db, story_id)
        summaries = {row[0]: ArticleSummary(*row) for row in self._query(
            f"SELECT {_SUMMARY_COLUMNS} FROM articles a WHERE a.id IN ({','.join('?' * len(ids))})", ids)}
        return StoryDetail(
            StorySummary(*found[0]),
            tuple(summaries[i] for i in ids),
            tuple(StoryEntity(*e) for e in story_rows.main_entities(self._db, story_id)),
            tuple(story_rows.event_ids(self._db, ids)),
        )

    def story_of(self, article_id: int) -> int | None:
        return story_rows.story_of(self._db, article_id)

    def story_article_ids(self, story_id: int) -> list[int]:
        return story_rows.story_article_ids(self._db, story_id)

    def merge_stories(self, keep: int, other: int) -> StorySummary:
        with self._writing(f"merge story {other} into {keep}") as db:
            story_rows.merge(db, keep, other)
        return self.stories_by_id([keep])[0]

    def split_story(self, story_id: int, article_ids: Sequence[int]) -> int:
        with self._writing(f"split story {story_id}") as db:
            return story_rows.split(db, story_id, article_ids)

    def story_view(self, story_id: int, name: str) -> tuple[int, str | None]:
        return story_rows.view(self._db, story_id, name)

    def save_story_view(self, story_id: int, name: str, stamp: int, data: str) -> bool:
        with self._writing(f"keep the {name} of story {story_id}") as db:
            return story_rows.save_view(db, story_id, name, stamp, data)

    def stories_by_id(self, story_ids: Sequence[int]) -> list[StorySummary]:
        """The stories of ``story_ids`` (merged ones too), by id."""
        return [StorySummary(*row) for row in story_rows.story_rows(self._db, story_ids)]

    # API tokens (SQL in token_rows.py) ----------------------------------------------------------------

    def add_token(self, name: str, digest: str) -> None:
        with self._writing(f"store token {name!r}") as db:
            token_rows.add(db, name, digest, _now())

    def revoke_token(self, name: str) -> bool:
        with self._writing(f"revoke token {name!r}") as db:
            return token_rows.revoke(db, name)

    def tokens(self) -> list[TokenInfo]:
        return [TokenInfo(*row) for row in token_rows.listed(self._db)]

    def token_name(self, digest: str) -> str | None:
        return token_rows.name_of(self._db, digest)

    def token_count(self) -> int:
        return token_rows.count(self._db)

    @contextmanager
    def _writing(self, what: str) -> Iterator[sqlite3.Connection]:
        """A write transaction whose database failures become a ``StoreError`` saying what failed."""
        try:
            with self._transaction() as db:
                yield db
        except sqlite3.Error as e:
            raise StoreError(f"{self.path}: could not {what}: {e}") from e

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # Helpers ----------------------------------------------------------------------------------------

    def _query(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        """Run a read; a database failure becomes a ``StoreError`` naming the file."""
        try:
            return self._db.execute(sql, params)
        except sqlite3.Error as e:
            raise StoreError(f"{self.path}: could not read the database: {e}") from e

    def _id(self, sql: str, *params: Any) -> int | None:
        row = self._query(sql, params).fetchone()
        return None if row is None else int(row[0])

    def _counts(self, sql: str) -> dict[str, int]:
        rows = sorted(self._query(sql), key=lambda r: (-r[1], r[0]))
        return {row[0]: row[1] for row in rows}

    def _cited_source_counts(self) -> dict[str, int]:
        return self._counts(
            "SELECT value, count(*) FROM paragraphs, json_each(paragraphs.cited_sources) GROUP BY value"
        )

    def _article(self, row: tuple[Any, ...]) -> Article:
        (article_id, source, media_type, url, title, outlet, author, published, precision, text,
         raw_text, offset_map, content_hash, ingested_at, duplicate_of) = row
        return Article(
            id=article_id,
            source=source,
            metadata=Metadata(
                title=title, url=url, outlet=outlet, author=author,
                published=PartialDate(published, precision) if published else None,
            ),
            text=text,
            raw_text=raw_text,
            paragraphs=self._paragraphs(article_id),
            removals=self._removals(article_id),
            offsets=OffsetMap.from_rows(json.loads(offset_map)),
            content_hash=content_hash,
            ingested_at=ingested_at,
            duplicate_of=duplicate_of,
            media_type=media_type,
        )

    def _paragraphs(self, article_id: int) -> tuple[Paragraph, ...]:
        rows = self._query(
            "SELECT start, end, kind, cited_sources FROM paragraphs WHERE article_id = ? "
            "ORDER BY position",
            (article_id,),
        )
        return tuple(Paragraph(s, e, k, tuple(json.loads(c))) for s, e, k, c in rows)

    def _removals(self, article_id: int) -> tuple[Removal, ...]:
        rows = self._query(
            "SELECT raw_start, raw_end, reason, text FROM removals WHERE article_id = ? "
            "ORDER BY position",
            (article_id,),
        )
        return tuple(Removal(*row) for row in rows)


_EVENT_SELECT = (
    "e.id, e.article_id, e.event_id, e.type, e.mode, e.contexts, e.cameo, e.status, e.reported, "
    "e.attribution, e.confidence, e.date_value, e.date_precision, e.when_start, e.when_end, e.dated_by, "
    "e.place_name, e.place_country, e.place_lat, e.place_lon, e.place_geonameid, e.place_feature, "
    "e.trigger_text, e.trigger_start, e.trigger_end, "
    "substr(a.text, e.sentence_start + 1, e.sentence_end - e.sentence_start), e.sentence_start, "
    "e.sentence_end, e.in_lead, e.designation, a.outlet, a.url, a.title, a.published, a.source, "
    "x.extracted_at, x.version"
)
# Events read per round trip for their participants: one query per page, not one per event.
_EVENT_PAGE = 500
# A role with its article's outlet, its evidence, and its entity's name as that article mentions it.
_ROLE_SELECT = (
    "SELECT r.title, r.organization, r.status, r.as_of, r.article_id, a.outlet, "
    "substr(a.text, r.start + 1, r.end - r.start), r.entity_id, "
    "(SELECT m.name FROM entity_mentions m WHERE m.article_id = r.article_id "
    "AND m.entity_id = r.entity_id LIMIT 1), r.start, r.end "
    "FROM roles r JOIN articles a ON a.id = r.article_id"
)
_ROLE_ORDER = "ORDER BY r.as_of IS NULL, r.as_of, r.article_id, r.start"
# Article ids bound per IN (...) list: under SQLite's default limit of 32,766 variables.
_ID_CHUNK = 10_000


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for first in range(0, len(ids), _ID_CHUNK):
        yield ids[first:first + _ID_CHUNK]


# DyadRule.accepts in SQL: a participant of this role that is a named entity, or a new actor of at
# most N words (counted by the spaces between them).
_DYAD_CLAUSE = (
    "e.id IN (SELECT p.event_row FROM event_participants p WHERE p.role = ? AND (p.entity_id IS NOT NULL "
    "OR (trim(p.text) <> '' AND length(trim(p.text)) - length(replace(trim(p.text), ' ', '')) + 1 <= ?)))"
)


def _event_filters(query: EventQuery) -> tuple[str, list[Any]]:
    """The WHERE clause of ``query`` and its parameters; user values only ever reach SQL as parameters."""
    clauses: list[str] = []
    params: list[Any] = []
    for column, values in (("e.type", query.types), ("e.status", query.statuses)):
        if values:
            clauses.append(f"{column} IN ({','.join('?' * len(values))})")
            params.extend(values)
    for entity_id in query.entity_ids:
        # IN over the participants' entity index, not a correlated EXISTS: the planner then looks
        # up the entity's events instead of testing every stored event.
        clauses.append("e.id IN (SELECT p.event_row FROM event_participants p WHERE p.entity_id = ?)")
        params.append(entity_id)
    if query.outlet is not None:
        clauses.append("lower(a.outlet) = lower(?)")
        params.append(query.outlet)
    if query.place is not None:
        clauses.append("(lower(e.place_name) = lower(?) OR upper(e.place_country) = upper(?))")
        params.extend((query.place, query.place))
    if query.since is not None:
        clauses.append("e.when_end >= ?")
        params.append(_bound(query.since, "since")[0])
    if query.until is not None:
        clauses.append("e.when_start <= ?")
        params.append(_bound(query.until, "until")[1])
    if query.article_id is not None:
        clauses.append("e.article_id = ?")
        params.append(query.article_id)
    if query.article_ids is not None:  # an ordinary table (carray is not built in): any number of ids
        clauses.append("e.article_id IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(sorted(set(query.article_ids))))
    if query.dyads is not None:
        for role in ("actor", "recipient"):
            clauses.append(_DYAD_CLAUSE)
            params.extend((role, query.dyads.new_actor_length))
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", params


def _bound(value: str, name: str) -> tuple[str, str]:
    days = interval(value)
    if days is None:
        raise StoreError(f"{name} {value!r} is not a date; give ISO 8601: 2026-01-15, 2026-01 or 2026")
    return days


def _event_row(row: tuple[Any, ...], participants: tuple[EventParticipant, ...]) -> EventRow:
    (_, article_id, event_id, kind, mode, contexts, cameo, status, reported, attribution, confidence,
     date_value, precision, when_start, when_end, dated_by, place_name, country, lat, lon, geonameid,
     feature, trigger, trigger_start, trigger_end, sentence, sentence_start, sentence_end, in_lead,
     designation, outlet, url, title, published, source, extracted_at, version) = row
    place = None if place_name is None and country is None else EventPlace(
        place_name, country, lat, lon, geonameid, feature)
    return EventRow(
        article_id=article_id, event_id=event_id, type=kind, mode=mode,
        contexts=tuple(json.loads(contexts)), cameo=cameo, status=status, reported=bool(reported),
        attribution=tuple(json.loads(attribution)), confidence=confidence, date=date_value,
        date_precision=precision, when_start=when_start, when_end=when_end, dated_by=dated_by,
        place=place, trigger=trigger, trigger_start=trigger_start, trigger_end=trigger_end,
        sentence=sentence, sentence_start=sentence_start, sentence_end=sentence_end,
        in_lead=bool(in_lead), participants=participants,
        designation=_designation(json.loads(designation)) if designation else None,
        outlet=outlet, url=url, title=title, published=published, source=source,
        extracted_at=extracted_at, extraction_version=version,
    )


def _designation(data: dict[str, Any]) -> EventDesignation:
    authority, target = data.get("authority") or {}, data.get("target") or {}
    effective = data.get("effective")
    return EventDesignation(
        label=data["label"], authority=authority.get("text"), authority_id=authority.get("entity_id"),
        target=target.get("text"), target_id=target.get("entity_id"),
        effective=effective.get("value") if effective else None,
    )


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
