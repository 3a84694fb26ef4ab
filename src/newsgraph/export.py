"""Articles out: JSON, JSON Lines and CSV, streamed so an export never holds the store in memory."""

from __future__ import annotations

import csv
import json
import os
import secrets
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import IO, Any, Literal, overload

from newsgraph.errors import ExportError
from newsgraph.records import Article, Paragraph, PartialDate
from newsgraph.store.base import StoryDetail

FORMATS = ("json", "jsonl", "csv")
CSV_COLUMNS = (
    "id", "source", "url", "title", "outlet", "author", "published", "published_precision",
    "duplicate_of", "media_type", "ingested_at", "text", "raw_text", "paragraphs", "removed",
    "extraction", "story_id",
)
# Looks up what extraction stored for an article id (``Store.extraction``), or None.
ExtractionOf = Callable[[int], dict[str, Any] | None]
# Looks up the story of an article id (``Store.story_of``), or None.
StoryOf = Callable[[int], int | None]


def article_record(article: Article) -> dict[str, Any]:
    """The export form of an article: plain JSON types, offsets as documented in docs/export.md."""
    meta = article.metadata
    return {
        "id": article.id,
        "source": article.source,
        "url": meta.url,
        "title": meta.title,
        "outlet": meta.outlet,
        "author": meta.author,
        **published_fields(meta.published),
        "duplicate_of": article.duplicate_of,
        "media_type": article.media_type,
        "ingested_at": article.ingested_at,
        "content_hash": article.content_hash,
        "text": article.text,
        "raw_text": article.raw_text,
        "paragraphs": paragraph_records(article.paragraphs),
        "removed": [
            {"raw_start": r.raw_start, "raw_end": r.raw_end, "reason": r.reason, "text": r.text}
            for r in article.removals
        ],
        "offset_map": article.offsets.to_rows(),
    }


def published_fields(published: PartialDate | None) -> dict[str, str | None]:
    """``published`` (ISO 8601 cut at its precision) and ``published_precision``, or both null."""
    return {"published": published.iso if published else None,
            "published_precision": published.precision if published else None}


def paragraph_records(paragraphs: Iterable[Paragraph]) -> list[dict[str, Any]]:
    """Paragraphs as JSON: offsets into the cleaned text, kind, and the sources chips cited."""
    return [{"start": p.start, "end": p.end, "kind": p.kind, "cited_sources": list(p.cited_sources)}
            for p in paragraphs]


def write_export(articles: Iterable[Article], fmt: str, out: IO[str],
                 extraction_of: ExtractionOf | None = None, story_of: StoryOf | None = None) -> int:
    """Write ``articles`` to ``out`` in ``fmt``, each with its stored extraction when
    ``extraction_of`` is given and its ``story_id`` when ``story_of`` is; returns how many were written."""
    writer = _WRITERS.get(fmt)
    if writer is None:
        raise ExportError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return writer((_with_story(_with_extraction(article_record(a), extraction_of), story_of)
                   for a in articles), out)


def export_to_path(articles: Iterable[Article], fmt: str, path: Path,
                   extraction_of: ExtractionOf | None = None, story_of: StoryOf | None = None) -> int:
    """Export to ``path`` atomically: a failed export leaves any earlier file untouched."""
    with atomic_file(path) as out:
        return write_export(articles, fmt, out, extraction_of, story_of)


def story_records(stories: Iterable[StoryDetail]) -> list[dict[str, Any]]:
    """The ``stories`` section: ``id``, ``label``, ``article_ids``, ``event_ids`` (``article:event``)."""
    return [{"id": s.story.id, "label": s.story.label, "article_ids": list(s.article_ids),
             "event_ids": list(s.event_ids)} for s in stories]


def _with_story(record: dict[str, Any], story_of: StoryOf | None) -> dict[str, Any]:
    if story_of is not None:
        record["story_id"] = story_of(record["id"])
    return record


def _with_extraction(record: dict[str, Any], extraction_of: ExtractionOf | None) -> dict[str, Any]:
    if extraction_of is not None:
        record["extraction"] = extraction_of(record["id"])
    return record


def _write_json(records: Iterator[dict[str, Any]], out: IO[str]) -> int:
    count = 0
    out.write("[")
    for record in records:
        out.write(",\n" if count else "\n")
        out.write(json.dumps(record, ensure_ascii=False))
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count


def _write_jsonl(records: Iterator[dict[str, Any]], out: IO[str]) -> int:
    count = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def _write_csv(records: Iterator[dict[str, Any]], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    count = 0
    for record in records:
        record["paragraphs"] = json.dumps(record["paragraphs"], ensure_ascii=False)
        record["removed"] = json.dumps(record["removed"], ensure_ascii=False)
        if "extraction" in record:
            record["extraction"] = json.dumps(record["extraction"], ensure_ascii=False)
        writer.writerow(record)
        count += 1
    return count


_WRITERS: dict[str, Callable[[Iterator[dict[str, Any]], IO[str]], int]] = {
    "json": _write_json,
    "jsonl": _write_jsonl,
    "csv": _write_csv,
}


@overload
def atomic_file(path: Path, *, binary: Literal[False] = False) -> AbstractContextManager[IO[str]]: ...
@overload
def atomic_file(path: Path, *, binary: Literal[True]) -> AbstractContextManager[IO[bytes]]: ...


def atomic_file(path: Path, *, binary: bool = False) -> AbstractContextManager[IO[Any]]:
    """A new file beside ``path`` (UTF-8 text, or bytes with ``binary``) that replaces ``path`` only
    when the block completes; on any failure it is removed and ``path`` is left as it was."""
    return _atomic_file(path, binary)


@contextmanager
def _atomic_file(path: Path, binary: bool) -> Iterator[IO[Any]]:
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise ExportError(f"{path}: the folder {directory} does not exist")
    handle, temp = _new_temp_file(directory, path.name)
    try:
        opened = os.fdopen(handle, "wb") if binary else os.fdopen(handle, "w", encoding="utf-8", newline="")
        with opened as out:
            yield out
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


# O_BINARY (Windows only) keeps the C runtime from turning "\n" into "\r\n" behind the writers' backs.
_CREATE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


def _new_temp_file(directory: Path, name: str) -> tuple[int, str]:
    """A new hidden file beside ``name``, made with mode 0o666 so the umask applies as for any new file
    (``tempfile.mkstemp`` would make every export readable by its owner only)."""
    while True:
        temp = directory / f".{name}.{secrets.token_hex(6)}"
        try:
            return os.open(temp, _CREATE_FLAGS, 0o666), str(temp)
        except FileExistsError:
            continue
