"""``/v1/ingest``: upload files or submit URLs; each request becomes a background job to poll.

URLs are fetched as ``newsgraph ingest URL`` fetches them, with the same limits and the same refusal of
private, loopback and link-local addresses; only the server's own settings (``NEWSGRAPH_ALLOW_PRIVATE``)
can lift it, never a request.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, File, Form, Path, Request, UploadFile
from pydantic import BaseModel, Field

from newsgraph.api.deps import ReadAccess, WriteAccess, get_settings
from newsgraph.api.errors import Invalid, NotFound
from newsgraph.api.jobs import JobBoard, JobState
from newsgraph.api.params import ISO_DATE, checked_date
from newsgraph.api.records import IngestOutcomeRecord
from newsgraph.api.uploads import Upload, ingest_uploads, safe_name
from newsgraph.dates import parse_date
from newsgraph.inputs.fetch import Fetcher, HttpFetcher
from newsgraph.pipeline import ingest
from newsgraph.records import Metadata

router = APIRouter(prefix="/v1/ingest", tags=["ingest"])
MAX_FILES = 20
MAX_URLS = 100
URL_PATTERN = r"^https?://[^\s]+$"


class UrlBatch(BaseModel):
    urls: list[Annotated[str, Field(min_length=8, max_length=2000, pattern=URL_PATTERN)]] = Field(
        min_length=1, max_length=MAX_URLS, description=f"1 to {MAX_URLS} http(s) URLs.")
    published: str | None = Field(None, pattern=ISO_DATE, max_length=10,
                                  description="Publication date for every article (ISO 8601 string).")
    outlet: str | None = Field(None, min_length=1, max_length=200)
    extract: bool = Field(True, description="Extract entities, events and stories from new articles.")


class StorySplit(BaseModel):
    story: int = Field(description="The story the twin check split; it keeps its id.")
    new_story: int = Field(description="The new story its smaller group moved to.")
    moved: int = Field(description="How many articles the new story holds.")


class JobStatus(BaseModel):
    id: str
    kind: Literal["files", "urls"]
    inputs: int
    extract: bool
    submitted: str
    state: JobState
    counts: dict[str, int]
    outcomes: list[IngestOutcomeRecord] = Field(description="Each article's outcome, as `newsgraph ingest "
                                                           "--json` gives it (the first 1,000).")
    article_ids: list[int]
    extracted: int
    extraction_failures: list[str]
    story_splits: list[StorySplit] = Field(description="Stories the twin check split while filing the new "
                                                       "articles (undo one with a merge).")
    error: str | None
    finished: str | None


JobId = Annotated[str, Path(pattern=r"^[0-9a-f]{16}$", description="The id a submission returned.")]


@router.post("/urls", status_code=202, summary="Ingest URLs", dependencies=[WriteAccess])
def ingest_urls(request: Request, batch: UrlBatch) -> JobStatus:
    """Fetch and ingest the URLs in the background; poll the job for progress."""
    overrides = _overrides(batch.published, batch.outlet)
    settings = get_settings(request)
    fetcher: Fetcher = request.app.state.fetcher or HttpFetcher(settings)
    urls = list(batch.urls)
    job = _board(request).submit(
        "urls", len(urls), batch.extract,
        lambda store: ingest(urls, store, settings=settings, overrides=overrides, fetcher=fetcher))
    return JobStatus(**job)


@router.post("/files", status_code=202, summary="Upload files to ingest", dependencies=[WriteAccess])
def ingest_files(
    request: Request,
    files: Annotated[list[UploadFile], File(description=f"1 to {MAX_FILES} files: text, HTML, JSON Lines, "
                                                        "RSS/Atom or WARC.")],
    published: Annotated[str | None, Form(pattern=ISO_DATE, max_length=10)] = None,
    outlet: Annotated[str | None, Form(min_length=1, max_length=200)] = None,
    extract: Annotated[bool, Form()] = True,
) -> JobStatus:
    """Ingest the uploaded files in the background; poll the job for progress. The whole request is at
    most the server's `max_document_bytes` (plus form overhead)."""
    if not 1 <= len(files) <= MAX_FILES:
        raise Invalid(f"form field 'files': give 1 to {MAX_FILES} files per request, not {len(files)}")
    overrides = _overrides(published, outlet)
    uploads = [Upload(safe_name(f.filename, n), f.file.read()) for n, f in enumerate(files, start=1)]
    settings = get_settings(request)
    job = _board(request).submit("files", len(uploads), extract,
                                 lambda store: ingest_uploads(uploads, store, settings, overrides))
    return JobStatus(**job)


@router.get("/{job_id}", summary="An ingest job's progress", dependencies=[ReadAccess])
def get_job(request: Request, job_id: JobId) -> JobStatus:
    """The job's state (`queued`, `ingesting`, `extracting`, `done`, `failed`), its counts so far and
    each article's outcome."""
    job = _board(request).get(job_id)
    if job is None:
        raise NotFound(f"no ingest job {job_id} (jobs are forgotten when the server restarts)")
    return JobStatus(**job)


def _board(request: Request) -> JobBoard:
    board: JobBoard = request.app.state.jobs
    return board


def _overrides(published: str | None, outlet: str | None) -> Metadata:
    date = checked_date("published", published)
    return Metadata(outlet=outlet, published=parse_date(date) if date else None)
