"""Ingest jobs: the API's uploads and URL lists are ingested in the background, one job at a time, each
with an id whose progress ``GET /v1/ingest/{job}`` reports.

A job runs the same recipe as ``newsgraph ingest`` (``pipeline.ingest``) in a worker thread with its own
store, then extracts the new articles when asked (loading the spaCy pipeline once per process). One
worker: SQLite takes one writer at a time, and a job already saturates a core. Finished jobs are kept in
memory, the latest ``kept`` of them; a restart forgets them (the articles stay stored).
"""

from __future__ import annotations

import logging
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

from newsgraph.errors import NewsgraphError
from newsgraph.records import IngestOutcome
from newsgraph.settings import Settings
from newsgraph.store import Store, open_store

logger = logging.getLogger(__name__)
JobState = Literal["queued", "ingesting", "extracting", "done", "failed"]
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
    outcomes: list[dict[str, Any]] = field(default_factory=list)
    article_ids: list[int] = field(default_factory=list)
    extracted: int = 0
    extraction_failures: list[str] = field(default_factory=list)
    error: str | None = None
    finished: str | None = None


class JobBoard:
    """The jobs of one application: submitted, run one at a time, and reported."""

    def __init__(self, settings: Settings, kept: int) -> None:
        self.settings, self.kept = settings, kept
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsgraph-ingest")

    def submit(self, kind: str, inputs: int, extract: bool, work: Work) -> dict[str, Any]:
        job = Job(secrets.token_hex(8), kind, inputs, extract, _now())
        with self._lock:
            self._jobs[job.id] = job
            self._forget_old()
            snapshot = asdict(job)
        self._pool.submit(self._run, job, work)
        return snapshot

    def get(self, job_id: str) -> dict[str, Any] | None:
        with self._lock:
            job = self._jobs.get(job_id)
            return None if job is None else asdict(job)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _run(self, job: Job, work: Work) -> None:
        try:
            store = open_store(self.settings.db)
            try:
                self._set(job, state="ingesting")
                for outcome in work(store):
                    self._record(job, outcome)
                if job.extract and job.article_ids:
                    self._set(job, state="extracting")
                    self._extract(job, store)
            finally:
                store.close()
            self._set(job, state="done", finished=_now())
        except Exception as error:  # the job fails, the server goes on
            logger.exception("ingest job %s failed", job.id)
            message = str(error) if isinstance(error, NewsgraphError) else f"{type(error).__name__}: {error}"
            self._set(job, state="failed", error=message, finished=_now())

    def _record(self, job: Job, outcome: IngestOutcome) -> None:
        with self._lock:
            job.counts[outcome.status] += 1
            if outcome.status == "stored" and outcome.article_id is not None:
                job.article_ids.append(outcome.article_id)
            if len(job.outcomes) < MAX_LISTED:
                job.outcomes.append(asdict(outcome))

    def _extract(self, job: Job, store: Store) -> None:
        from newsgraph.processing import process  # spaCy: only when extracting

        for processed in process(store, self.settings, article_ids=list(job.article_ids)):
            with self._lock:
                if processed.error is not None:
                    job.extraction_failures.append(str(processed.error))
                else:
                    job.extracted += 1

    def _set(self, job: Job, **changes: Any) -> None:
        with self._lock:
            for name, value in changes.items():
                setattr(job, name, value)

    def _forget_old(self) -> None:
        finished = [k for k, j in self._jobs.items() if j.state in ("done", "failed")]
        for key in finished[: max(0, len(self._jobs) - self.kept)]:
            del self._jobs[key]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
