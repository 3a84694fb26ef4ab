"""Ingest jobs: the API's uploads and URL lists are ingested in the background, one job at a time, each
with an id whose progress ``GET /v1/ingest/{job}`` reports.

A job runs the same recipe as ``newsgraph ingest`` (``pipeline.ingest``) in a worker thread with its own
store, then extracts the new articles when asked (loading the spaCy pipeline once per process). One
worker: SQLite takes one writer at a time, and a job already saturates a core. Finished jobs are kept in
memory, the latest ``kept`` of them; a restart forgets them (the articles stay stored).

When the server stops (``JobBoard.shutdown``), the running job stops between two articles (each article
is stored in its own transaction) and is marked ``interrupted``; queued jobs are marked ``cancelled``.
The worker is a daemon thread joined for at most ``stop_timeout`` seconds, so a stuck fetch cannot keep
the server from exiting: SQLite rolls back the one article left half-written.
"""

from __future__ import annotations

import logging
import queue
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

from newsgraph.errors import NewsgraphError
from newsgraph.records import IngestOutcome
from newsgraph.settings import Settings
from newsgraph.store import Store, open_store

logger = logging.getLogger(__name__)
JobState = Literal["queued", "ingesting", "extracting", "done", "failed", "interrupted", "cancelled"]
FINISHED = ("done", "failed", "interrupted", "cancelled")
# Seconds the server waits at shutdown for the running job to stop after its current article.
STOP_TIMEOUT = 10.0
# Outcomes listed per job at most (counts cover every one): a big batch's failures come first.
MAX_LISTED = 1000
# A job's work: the outcomes of ingesting its inputs into a store.
Work = Callable[[Store], Iterator[IngestOutcome]]


@dataclass
class Job:
    id: str
    kind: str
    inputs: int
    extract: bool
    submitted: str
    state: JobState = "queued"
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(
        ("stored", "already_stored", "duplicate", "failed"), 0))
    outcomes: list[IngestOutcome] = field(default_factory=list)
    article_ids: list[int] = field(default_factory=list)
    extracted: int = 0
    extraction_failures: list[str] = field(default_factory=list)
    # Stories the twin check split while filing the new articles: ``{"story", "new_story", "moved"}``.
    story_splits: list[dict[str, int]] = field(default_factory=list)
    error: str | None = None
    finished: str | None = None


class Interrupted(Exception):
    """The server is stopping: the job ends after the article it was on."""


class JobBoard:
    """The jobs of one application: submitted, run one at a time, and reported."""

    def __init__(self, settings: Settings, kept: int, stop_timeout: float = STOP_TIMEOUT) -> None:
        self.settings, self.kept, self.stop_timeout = settings, kept, stop_timeout
        self.stopping = threading.Event()  # set by ``shutdown``; checked between articles
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._queue: queue.SimpleQueue[tuple[Job, Work] | None] = queue.SimpleQueue()
        self._worker: threading.Thread | None = None

    def submit(self, kind: str, inputs: int, extract: bool, work: Work) -> dict[str, Any]:
        job = Job(secrets.token_hex(8), kind, inputs, extract, _now())
        with self._lock:
            self._jobs[job.id] = job
            self._forget_old()
            if self.stopping.is_set():
                job.state, job.finished = "cancelled", _now()
                job.error = "the server is stopping; submit the job again once it is back"
            snapshot = asdict(job)
            if self._worker is None:  # started with the first job: an idle server runs no thread
                self._worker = threading.Thread(target=self._serve, name="newsgraph-ingest", daemon=True)
                self._worker.start()
        self._queue.put((job, work))
        return snapshot

    def get(self, job_id: str) -> dict[str, Any] | None:
        with self._lock:
            job = self._jobs.get(job_id)
            return None if job is None else asdict(job)

    def shutdown(self) -> None:
        """Stop: cancel the queued jobs, interrupt the running one after its current article, and wait
        for it at most ``stop_timeout`` seconds."""
        self.stopping.set()
        with self._lock:
            for job in self._jobs.values():
                if job.state == "queued":
                    job.state, job.finished = "cancelled", _now()
                    job.error = "the server stopped before this job started; submit it again"
            worker = self._worker
        self._queue.put(None)
        if worker is not None:
            worker.join(self.stop_timeout)
            if worker.is_alive():
                logger.warning("an ingest job is still on an article after %.0f s; stopping without it "
                               "(SQLite rolls back that article)", self.stop_timeout)

    def _serve(self) -> None:
        while (item := self._queue.get()) is not None:
            self._run(*item)

    def _start(self, job: Job) -> bool:
        """Move ``job`` from queued to ingesting, unless the server is stopping (it is cancelled)."""
        with self._lock:
            if job.state != "queued" or self.stopping.is_set():
                return False
            job.state = "ingesting"
            return True

    def _run(self, job: Job, work: Work) -> None:
        if not self._start(job):
            return
        try:
            store = open_store(self.settings.db)
            try:
                self._ingest(job, work(store))
                if job.extract and job.article_ids:
                    self._set(job, state="extracting")
                    self._extract(job, store)
            finally:
                store.close()
            self._set(job, state="done", finished=_now())
        except Interrupted:
            self._interrupt(job)
        except Exception as error:  # the job fails, the server goes on
            logger.exception("ingest job %s failed", job.id)
            message = str(error) if isinstance(error, NewsgraphError) else f"{type(error).__name__}: {error}"
            self._set(job, state="failed", error=message, finished=_now())

    def _ingest(self, job: Job, outcomes: Iterator[IngestOutcome]) -> None:
        try:
            for outcome in outcomes:
                self._record(job, outcome)
                if self.stopping.is_set():
                    raise Interrupted
        finally:
            _close(outcomes)

    def _interrupt(self, job: Job) -> None:
        """Mark ``job`` interrupted, saying how far it got (its counts say the rest)."""
        with self._lock:
            done = sum(job.counts.values())
            where = (f"after {done} article(s) were ingested" if job.state == "ingesting" else
                     f"while extracting, after {job.extracted} of {len(job.article_ids)} new article(s)")
            job.error = (f"the server stopped {where}; what was stored stays stored: submit the job "
                         "again to finish it (stored articles come back as already_stored)")
            job.state, job.finished = "interrupted", _now()
        logger.warning("ingest job %s interrupted: %s", job.id, job.error)

    def _record(self, job: Job, outcome: IngestOutcome) -> None:
        with self._lock:
            job.counts[outcome.status] += 1
            if outcome.status == "stored" and outcome.article_id is not None:
                job.article_ids.append(outcome.article_id)
            if len(job.outcomes) < MAX_LISTED:
                job.outcomes.append(outcome)

    def _extract(self, job: Job, store: Store) -> None:
        from newsgraph.processing import process  # spaCy: only when extracting

        processing = process(store, self.settings, article_ids=list(job.article_ids))
        try:
            for processed in processing:
                with self._lock:
                    if processed.error is not None:
                        job.extraction_failures.append(str(processed.error))
                    else:
                        job.extracted += 1
                if processed.split is not None:
                    story, new = processed.split
                    moved = len(store.story_article_ids(new))
                    with self._lock:
                        job.story_splits.append({"story": story, "new_story": new, "moved": moved})
                if self.stopping.is_set():
                    raise Interrupted
        finally:
            _close(processing)

    def _set(self, job: Job, **changes: Any) -> None:
        with self._lock:
            for name, value in changes.items():
                setattr(job, name, value)

    def _forget_old(self) -> None:
        finished = [k for k, j in self._jobs.items() if j.state in FINISHED]
        for key in finished[: max(0, len(self._jobs) - self.kept)]:
            del self._jobs[key]


def _close(iterator: Iterator[Any]) -> None:
    """Close a generator left part-way (it releases what it holds); other iterators need nothing."""
    close = getattr(iterator, "close", None)
    if close is not None:
        close()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
