"""``/v1/export``: the CLI's export formats, streamed.

The library's writers write to a text stream; here they run in a thread writing into a bounded queue
that the response reads, so an export of any size holds a few chunks in memory, not the whole file. The
thread opens its own store (the request's is closed when the handler returns, before streaming ends).
Parquet is binary and written whole by pyarrow: it goes to a temporary file that is streamed and removed.
"""

from __future__ import annotations

import os
import queue
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import StreamingResponse
from starlette.background import BackgroundTask

from newsgraph.api.deps import ReadAccess, StoreDep, get_settings
from newsgraph.api.errors import BadParameter, NotFound
from newsgraph.api.events import StoryParam
from newsgraph.export import FORMATS, write_export
from newsgraph.export_events import BINARY_FORMATS, EVENT_FORMATS, export_events_to_path, write_events
from newsgraph.export_stories import STORY_FORMATS, write_story_export
from newsgraph.settings import Settings
from newsgraph.store import EventQuery, Store, open_store

router = APIRouter(prefix="/v1", tags=["export"], dependencies=[ReadAccess])
ALL_FORMATS = (*FORMATS, *EVENT_FORMATS, *STORY_FORMATS)
MEDIA_TYPES = {"json": "application/json", "csv": "text/csv; charset=utf-8", "events-csv": "text/csv; "
               "charset=utf-8", "gdelt": "text/tab-separated-values; charset=utf-8",
               "events-parquet": "application/vnd.apache.parquet"}
JSONL = "application/x-ndjson"
SUFFIXES = {"json": "json", "csv": "csv", "events-csv": "csv", "gdelt": "tsv", "events-parquet": "parquet"}
# Characters a chunk gathers before it goes to the response; chunks waiting at most.
CHUNK = 64 * 1024
QUEUED_CHUNKS = 16
Writer = Callable[[Store, IO[str]], object]


@router.get("/export", summary="Export articles, events or stories",
            response_class=StreamingResponse,
            responses={200: {"content": {t.split(";")[0]: {} for t in (JSONL, *MEDIA_TYPES.values())},
                             "description": "The export, streamed."}})
def export(request: Request, store: StoreDep,
           fmt: Annotated[str, Query(alias="format", json_schema_extra={"enum": list(ALL_FORMATS)},
                                     description=f"An export format: {', '.join(ALL_FORMATS)} (see "
                                                 "docs/export.md).")],
           story: StoryParam = None) -> StreamingResponse:
    """The records of `newsgraph export --format FORMAT [--story ID]`, streamed. Article formats take
    no `story`: each article carries its `story_id`."""
    if fmt not in ALL_FORMATS:
        raise BadParameter(f"query parameter 'format': {fmt[:40]!r} is not a format; choose one of "
                           + ", ".join(ALL_FORMATS))
    article_ids: tuple[int, ...] | None = None
    if story is not None:
        if fmt in FORMATS:
            raise BadParameter(f"'story' does not apply to format {fmt}: articles are exported whole, each "
                               "with its story_id")
        if store.story(story) is None:
            raise NotFound(f"there is no story {story}; list them at /v1/stories")
        article_ids = tuple(store.story_article_ids(story))
    settings = get_settings(request)
    name = f"newsgraph-{fmt}{f'-story-{story}' if story else ''}.{SUFFIXES.get(fmt, 'jsonl')}"
    headers = {"Content-Disposition": f'attachment; filename="{name}"'}
    media_type = MEDIA_TYPES.get(fmt, JSONL)
    if fmt in BINARY_FORMATS:
        path = _parquet(settings, fmt, article_ids)
        return StreamingResponse(_file_chunks(path), media_type=media_type, headers=headers,
                                 background=BackgroundTask(path.unlink, missing_ok=True))
    return StreamingResponse(_streamed(settings, _writer(fmt, story, article_ids)), media_type=media_type,
                             headers=headers)


def _writer(fmt: str, story: int | None, article_ids: tuple[int, ...] | None) -> Writer:
    if fmt in FORMATS:
        return lambda s, out: write_export(s.iter_articles(), fmt, out, s.extraction, s.story_of)
    if fmt in EVENT_FORMATS:
        query = None if article_ids is None else EventQuery(article_ids=article_ids)
        return lambda s, out: write_events(s.iter_events(query), fmt, out)
    return lambda s, out: write_story_export(s, fmt, out, story)


class _QueueWriter:
    """A text stream whose writes reach a queue in chunks of about ``CHUNK`` characters."""

    def __init__(self, chunks: queue.Queue[bytes | BaseException | None], cancelled: threading.Event
                 ) -> None:
        self.chunks, self.cancelled = chunks, cancelled
        self.parts: list[str] = []
        self.size = 0

    def write(self, text: str) -> int:
        self.parts.append(text)
        self.size += len(text)
        if self.size >= CHUNK:
            self.flush()
        return len(text)

    def flush(self) -> None:
        if self.parts:
            self._put("".join(self.parts).encode("utf-8"))
            self.parts, self.size = [], 0

    def _put(self, item: bytes | BaseException | None) -> None:
        while not self.cancelled.is_set():
            try:
                self.chunks.put(item, timeout=0.5)
                return
            except queue.Full:
                continue
        raise _Cancelled


class _Cancelled(Exception):
    pass


def _streamed(settings: Settings, writer: Writer) -> Iterator[bytes]:
    """The export's bytes as a writer thread makes them; stops the thread when the client goes away."""
    chunks: queue.Queue[bytes | BaseException | None] = queue.Queue(QUEUED_CHUNKS)
    cancelled = threading.Event()
    out = _QueueWriter(chunks, cancelled)

    def run() -> None:
        try:
            store = open_store(settings.db)
            try:
                writer(store, out)  # type: ignore[arg-type]  # a text stream in all but name
            finally:
                store.close()
            out.flush()
            out._put(None)
        except _Cancelled:
            return
        except BaseException as error:  # raised at the reader, which ends the response
            try:
                out._put(error)
            except _Cancelled:
                return

    thread = threading.Thread(target=run, name="newsgraph-export", daemon=True)
    thread.start()
    try:
        while (item := chunks.get()) is not None:
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        cancelled.set()


def _parquet(settings: Settings, fmt: str, article_ids: tuple[int, ...] | None) -> Path:
    handle, name = tempfile.mkstemp(prefix="newsgraph-export-", suffix=".parquet")
    os.close(handle)
    path = Path(name)
    try:
        store = open_store(settings.db)
        try:
            query = None if article_ids is None else EventQuery(article_ids=article_ids)
            export_events_to_path(store.iter_events(query), fmt, path)
        finally:
            store.close()
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path


def _file_chunks(path: Path) -> Iterator[bytes]:
    with path.open("rb") as stream:
        while chunk := stream.read(CHUNK):
            yield chunk
