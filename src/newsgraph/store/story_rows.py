"""Stories as SQL: the term index assignment blocks on, and the writes that keep it in step.

Tables (``m007_stories``): ``stories`` (one row per story, ``merged_into`` set once merged away),
``story_articles`` (each article's story, with the terms it put in the index), ``story_terms`` (per
story, how many of its articles carry each term; indexed on term for blocking) and ``story_term_df``
(per term, how many indexed articles and how many stories carry it).

Every function here runs inside the caller's transaction; ``SQLiteStore`` opens one per operation.
Near-duplicates join their original's story with no terms of their own, so copies do not count twice.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from newsgraph.day_intervals import interval
from newsgraph.errors import StoreError
from newsgraph.stories import (
    ENTITY,
    NAME,
    PLACE,
    ArticleProfile,
    Candidate,
    StoryOptions,
    assign,
    blocking_terms,
    find_twins,
    short_name,
    split_due,
    story_label,
)

# Entity id groups that can be a story's main actors, in order of preference.
ACTOR_GROUPS = ("person:", "org:", "norp:")
# The ``story_term_df`` row whose ``articles`` counts the indexed articles (IDF's N), kept so that
# reading it costs one look-up rather than a count over every article.
INDEXED = ""
_STORY_COLUMNS = "id, label, first_date, last_date, articles, merged_into"


class SQLStoryIndex:
    """The ``StoryIndex`` of a store, read inside the transaction that will write the assignment."""

    def __init__(self, db: sqlite3.Connection, options: StoryOptions) -> None:
        self.db, self.options = db, options

    def candidates(self, profile: ArticleProfile) -> list[Candidate]:
        terms = list(profile.terms())
        limit = self.options.block_max_stories
        rare = [t for t, in _rows(self.db, "SELECT term FROM story_term_df WHERE term IN ({}) "
                                  "AND stories <= ?", blocking_terms(profile), limit)]
        if not rare:
            return []
        ids = [s for s, _ in _rows(
            self.db, "SELECT story_id, count(*) AS hits FROM story_terms WHERE term IN ({}) "
            "GROUP BY story_id ORDER BY hits DESC, story_id LIMIT ?", rare, self.options.max_candidates)]
        counts: dict[int, dict[str, int]] = {s: {} for s in ids}
        for story_id, term, weight in _rows(
                self.db, f"SELECT story_id, term, weight FROM story_terms WHERE story_id IN "
                f"({','.join('?' * len(ids))}) AND term IN ({{}})", terms, prefix=ids):
            counts[story_id][term] = weight
        found = _rows(self.db, "SELECT id, indexed, first_date, last_date FROM stories WHERE id IN ({})", ids)
        return [Candidate(s, n, _day(first), _day(last), counts[s], self._core(s))
                for s, n, first, last in found]

    def _core(self, story_id: int) -> dict[str, int]:
        """The story's most-carried terms, bands aside (read through the ``(story_id, weight)`` index)."""
        return dict(self.db.execute(
            "SELECT term, weight FROM story_terms WHERE story_id = ? AND term NOT LIKE 'b:%' "
            "AND term NOT LIKE 'n:%' "
            "ORDER BY weight DESC, term LIMIT ?", (story_id, self.options.core_terms)))

    def frequencies(self, terms: Iterable[str]) -> dict[str, int]:
        sql = "SELECT term, articles FROM story_term_df WHERE term IN ({})"
        return dict(_rows(self.db, sql, list(terms)))

    def size(self) -> int:
        row = self.db.execute("SELECT articles FROM story_term_df WHERE term = ?", (INDEXED,)).fetchone()
        return int(row[0]) if row else 0


# Writes -----------------------------------------------------------------------------------------------

def file_article(db: sqlite3.Connection, profile: ArticleProfile, options: StoryOptions) -> int:
    """Take the article (and its near-duplicates) out of any story, assign it afresh, record it."""
    duplicates = [r[0] for r in db.execute("SELECT id FROM articles WHERE duplicate_of = ?",
                                           (profile.article_id,))]
    earlier = {s for a in (profile.article_id, *duplicates) if (s := detach(db, a)) is not None}
    assignment = assign(profile, SQLStoryIndex(db, options), options)
    target = assignment.story_id if assignment.story_id is not None else _emptied(db, earlier)
    story_id = attach(db, profile.article_id, target, profile.terms(), assignment.score)
    for duplicate in duplicates:
        attach(db, duplicate, story_id, {}, None)
    for changed in sorted(earlier | {story_id}):
        refresh(db, changed)
    return story_id


def check_twins(db: sqlite3.Connection, story_id: int, options: StoryOptions) -> int | None:
    """Split ``story_id`` if it is due a twin check and holds twins (``stories.twin_split``): the
    smaller group of its articles, with their near-duplicates, moves to a new story, whose id is
    returned. A story another was merged into is never split: someone said they are one."""
    row = db.execute("SELECT indexed, merged_into FROM stories WHERE id = ?", (story_id,)).fetchone()
    if row is None or row[1] is not None or not split_due(int(row[0]), options):
        return None
    members = [(int(a), json.loads(terms)) for a, terms in db.execute(
        "SELECT article_id, terms FROM story_articles WHERE story_id = ? AND terms != '[]' "
        "ORDER BY article_id", (story_id,))]
    names = [[t for t in terms if t.startswith(NAME)] for _, terms in members]
    moved = find_twins(names, SQLStoryIndex(db, options), options)
    # Asked only when a split is due, as ``merged_into`` has no index.
    if moved is None or db.execute("SELECT 1 FROM stories WHERE merged_into = ? LIMIT 1",
                                   (story_id,)).fetchone():
        return None
    leaving = [members[i][0] for i in moved]
    copies = [r[0] for r in _rows(db, "SELECT s.article_id FROM story_articles s JOIN articles a "
                                  "ON a.id = s.article_id WHERE s.story_id = ? AND a.duplicate_of IN ({})",
                                  leaving, prefix=[story_id])]
    return split(db, story_id, leaving + copies)


def _emptied(db: sqlite3.Connection, story_ids: set[int]) -> int | None:
    """A story the article left and that is now empty: an article filed again alone keeps its id."""
    for story_id in sorted(story_ids):
        held = db.execute("SELECT 1 FROM story_articles WHERE story_id = ? LIMIT 1", (story_id,)).fetchone()
        if held is None:
            return story_id
    return None


def attach(db: sqlite3.Connection, article_id: int, story_id: int | None, terms: Mapping[str, float],
           score: float | None) -> int:
    """Put an article (not in any story) into ``story_id`` (None: a new story) with ``terms``."""
    if story_id is None:
        cursor = db.execute("INSERT INTO stories (label, articles, indexed) VALUES ('', 0, 0)")
        assert cursor.lastrowid is not None
        story_id = cursor.lastrowid
    published = db.execute("SELECT published FROM articles WHERE id = ?", (article_id,)).fetchone()
    if published is None:
        raise StoreError(f"article {article_id} is not in the store; list ids with `newsgraph list`")
    span = interval(published[0]) if published[0] else None
    db.execute("INSERT INTO story_articles (article_id, story_id, first_day, last_day, score, terms) "
               "VALUES (?, ?, ?, ?, ?, ?)", (article_id, story_id, *(span or (None, None)), score,
                                              json.dumps(sorted(terms), ensure_ascii=False)))
    _count_terms(db, story_id, list(terms), +1)
    touch(db, story_id)
    return story_id


def detach(db: sqlite3.Connection, article_id: int) -> int | None:
    """Take an article out of its story (its terms out of the index); the story it was in, if any."""
    row = db.execute("SELECT story_id, terms FROM story_articles WHERE article_id = ?",
                     (article_id,)).fetchone()
    if row is None:
        return None
    story_id, terms = int(row[0]), json.loads(row[1])
    db.execute("DELETE FROM story_articles WHERE article_id = ?", (article_id,))
    _count_terms(db, story_id, terms, -1)
    touch(db, story_id)
    return story_id


# Views (``m008_story_views``) ----------------------------------------------------------------------------

def touch(db: sqlite3.Connection, story_id: int) -> None:
    """The story's articles or their extractions changed: drop its views and raise its stamp."""
    db.execute("INSERT INTO story_stamps (story_id, stamp) VALUES (?, 1) "
               "ON CONFLICT (story_id) DO UPDATE SET stamp = stamp + 1", (story_id,))
    db.execute("DELETE FROM story_views WHERE story_id = ?", (story_id,))


def view(db: sqlite3.Connection, story_id: int, name: str) -> tuple[int, str | None]:
    """The story's stamp and its view ``name`` computed at that stamp, or None."""
    stamp = db.execute("SELECT stamp FROM story_stamps WHERE story_id = ?", (story_id,)).fetchone()
    current = int(stamp[0]) if stamp else 0
    row = db.execute("SELECT data FROM story_views WHERE story_id = ? AND name = ? AND stamp = ?",
                     (story_id, name, current)).fetchone()
    return current, None if row is None else str(row[0])


def save_view(db: sqlite3.Connection, story_id: int, name: str, stamp: int, data: str) -> bool:
    """Keep a view computed at ``stamp``, unless the story changed since; whether it was kept."""
    return db.execute(
        "INSERT INTO story_views (story_id, name, stamp, data) SELECT ?, ?, ?, ? "
        "WHERE coalesce((SELECT stamp FROM story_stamps WHERE story_id = ?), 0) = ? "
        "AND EXISTS (SELECT 1 FROM stories WHERE id = ?) "
        "ON CONFLICT (story_id, name) DO UPDATE SET stamp = excluded.stamp, data = excluded.data",
        (story_id, name, stamp, data, story_id, stamp, story_id)).rowcount > 0


def _count_terms(db: sqlite3.Connection, story_id: int, terms: Sequence[str], step: int) -> None:
    """Add (``step`` 1) or remove (-1) one article's terms in a story and in the frequencies."""
    if terms:
        db.execute("INSERT INTO story_term_df (term, articles, stories) VALUES (?, ?, 0) ON CONFLICT (term) "
                   "DO UPDATE SET articles = articles + excluded.articles", (INDEXED, step))
    for term in terms:
        if step > 0:
            new = db.execute("SELECT 1 FROM story_terms WHERE story_id = ? AND term = ?",
                             (story_id, term)).fetchone() is None
            db.execute("INSERT INTO story_terms (story_id, term, weight) VALUES (?, ?, 1) "
                       "ON CONFLICT (story_id, term) DO UPDATE SET weight = weight + 1", (story_id, term))
        else:
            db.execute("UPDATE story_terms SET weight = weight - 1 WHERE story_id = ? AND term = ?",
                       (story_id, term))
            new = db.execute("DELETE FROM story_terms WHERE story_id = ? AND term = ? AND weight <= 0",
                             (story_id, term)).rowcount > 0
        db.execute("INSERT INTO story_term_df (term, articles, stories) VALUES (?, ?, ?) "
                   "ON CONFLICT (term) DO UPDATE SET articles = articles + excluded.articles, "
                   "stories = stories + excluded.stories", (term, step, step if new else 0))
    if step < 0:
        _rows(db, "DELETE FROM story_term_df WHERE articles <= 0 AND term IN ({}) AND term != ?", list(terms),
              INDEXED)


def refresh(db: sqlite3.Connection, story_id: int) -> None:
    """Recount a story's articles, dates and label from what it holds now."""
    count, indexed, first, last = db.execute(
        "SELECT count(*), sum(terms != '[]'), min(first_day), max(last_day) FROM story_articles "
        "WHERE story_id = ?", (story_id,)).fetchone()
    label = story_label(_actors(db, story_id), _place(db, story_id), _day(first), _day(last))
    db.execute("UPDATE stories SET label = ?, first_date = ?, last_date = ?, articles = ?, indexed = ? "
               "WHERE id = ?", (label, first, last, count, indexed or 0, story_id))


def merge(db: sqlite3.Connection, keep: int, other: int) -> None:
    """Move every article of ``other`` into ``keep``; ``other`` stays, marked merged into ``keep``."""
    for story_id in (keep, other):
        live(db, story_id)
    if keep == other:
        raise StoreError(f"cannot merge story {keep} into itself; give two different ids")
    _move(db, story_article_ids(db, other), keep)
    db.execute("UPDATE stories SET merged_into = ? WHERE id = ? OR merged_into = ?", (keep, other, other))
    refresh(db, other)
    refresh(db, keep)


def split(db: sqlite3.Connection, story_id: int, article_ids: Sequence[int]) -> int:
    """Move ``article_ids`` of ``story_id`` into a new story and return its id."""
    live(db, story_id)
    held = set(story_article_ids(db, story_id))
    strangers = sorted(set(article_ids) - held)
    if strangers:
        raise StoreError(f"articles {', '.join(map(str, strangers))} are not in story {story_id}; "
                         f"see `newsgraph story {story_id}`")
    if not article_ids or set(article_ids) == held:
        raise StoreError(f"a split of story {story_id} must leave some of its articles and take some")
    cursor = db.execute("INSERT INTO stories (label, articles, indexed) VALUES ('', 0, 0)")
    assert cursor.lastrowid is not None
    _move(db, sorted(set(article_ids)), cursor.lastrowid)
    refresh(db, story_id)
    refresh(db, cursor.lastrowid)
    return cursor.lastrowid


def _move(db: sqlite3.Connection, article_ids: Iterable[int], story_id: int) -> None:
    for article_id in article_ids:
        terms, score = db.execute("SELECT terms, score FROM story_articles WHERE article_id = ?",
                                  (article_id,)).fetchone()
        detach(db, article_id)
        attach(db, article_id, story_id, dict.fromkeys(json.loads(terms), 1.0), score)


def live(db: sqlite3.Connection, story_id: int) -> None:
    """Raise unless ``story_id`` is a story not merged away."""
    row = db.execute("SELECT merged_into FROM stories WHERE id = ?", (story_id,)).fetchone()
    if row is None:
        raise StoreError(f"there is no story {story_id}; list them with `newsgraph stories`")
    if row[0] is not None:
        raise StoreError(f"story {story_id} was merged into story {row[0]}; use {row[0]}")


# Reads ----------------------------------------------------------------------------------------------

def story_rows(db: sqlite3.Connection, story_ids: Sequence[int] | None = None) -> list[Any]:
    """``(id, label, first_date, last_date, articles, merged_into)`` of live stories (or of ``story_ids``,
    merged or not), by first date."""
    if story_ids is None:
        return db.execute(f"SELECT {_STORY_COLUMNS} FROM stories WHERE merged_into IS NULL AND articles > 0 "
                          "ORDER BY first_date IS NULL, first_date, id").fetchall()
    return _rows(db, f"SELECT {_STORY_COLUMNS} FROM stories WHERE id IN ({{}}) ORDER BY id", list(story_ids))


def story_article_ids(db: sqlite3.Connection, story_id: int) -> list[int]:
    """The story's articles, by publication (undated last), then id."""
    return [r[0] for r in db.execute(
        "SELECT article_id FROM story_articles WHERE story_id = ? "
        "ORDER BY first_day IS NULL, first_day, article_id", (story_id,))]


def story_of(db: sqlite3.Connection, article_id: int) -> int | None:
    row = db.execute("SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,)).fetchone()
    return None if row is None else int(row[0])


def main_entities(db: sqlite3.Connection, story_id: int, limit: int = 10) -> list[tuple[str, str, int]]:
    """``(entity id, name, articles)`` of the entities most of the story's articles name."""
    rows = db.execute("SELECT term, weight FROM story_terms WHERE story_id = ? AND term >= ? AND term < ? "
                      "ORDER BY weight DESC, term LIMIT ?", (story_id, ENTITY, _after(ENTITY), limit))
    return [(term[len(ENTITY):], _name(db, term[len(ENTITY):]), weight) for term, weight in rows]


def event_ids(db: sqlite3.Connection, article_ids: Sequence[int]) -> list[str]:
    """``article:event`` ids (``12:ev3``) of the events in ``article_ids``."""
    sql = "SELECT article_id, event_id FROM events WHERE article_id IN ({}) ORDER BY article_id, position"
    return [f"{a}:{e}" for a, e in _rows(db, sql, list(article_ids))]


def _actors(db: sqlite3.Connection, story_id: int, count: int = 3) -> list[str]:
    """The people most of the story's articles name, then organisations and groups to make up ``count``."""
    found: list[str] = []
    for group in ACTOR_GROUPS:
        prefix = ENTITY + group
        found += [term[len(ENTITY):] for term, in db.execute(
            "SELECT term FROM story_terms WHERE story_id = ? AND term >= ? AND term < ? "
            "ORDER BY weight DESC, term LIMIT ?", (story_id, prefix, _after(prefix), count - len(found)))]
        if len(found) >= count:
            break
    return [short_name(_name(db, entity_id), entity_id) for entity_id in found]


def _place(db: sqlite3.Connection, story_id: int) -> str | None:
    row = db.execute("SELECT term FROM story_terms WHERE story_id = ? AND term >= ? AND term < ? "
                     "ORDER BY weight DESC, term LIMIT 1", (story_id, PLACE, _after(PLACE))).fetchone()
    return None if row is None else str(row[0])[len(PLACE):]


def _name(db: sqlite3.Connection, entity_id: str) -> str:
    row = db.execute("SELECT name, count(*) FROM entity_mentions WHERE entity_id = ? GROUP BY name "
                     "ORDER BY count(*) DESC LIMIT 1", (entity_id,)).fetchone()
    return str(row[0]) if row else entity_id.split(":", 1)[-1].replace("-", " ").title()


def _after(prefix: str) -> str:
    """The smallest string above every string starting with ``prefix``, for index range scans."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def _rows(db: sqlite3.Connection, sql: str, values: Sequence[object], *params: object,
          prefix: Sequence[object] = ()) -> list[Any]:
    """Run ``sql`` with ``{}`` replaced by one mark per value (none: no rows)."""
    if not values:
        return []
    return db.execute(sql.format(",".join("?" * len(values))), (*prefix, *values, *params)).fetchall()


def _day(value: object) -> date | None:
    return date.fromisoformat(str(value)) if value else None


def term_counts(db: sqlite3.Connection, story_id: int) -> Counter[str]:
    """Every term of a story with its weight (tests and diagnostics)."""
    return Counter(dict(db.execute("SELECT term, weight FROM story_terms WHERE story_id = ?", (story_id,))))

