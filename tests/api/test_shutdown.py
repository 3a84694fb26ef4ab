"""The server's life cycle: ingest jobs at shutdown (interrupted between articles, queued ones cancelled,
no hang) and the access log (on by default, ``--quiet`` off, never a token)."""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from newsgraph.api.app import create_app
from newsgraph.api.deps import ApiOptions
from newsgraph.api.jobs import JobBoard
from newsgraph.cli import cli
from newsgraph.inputs.fetch import Fetched
from newsgraph.settings import Settings
from newsgraph.store import SQLiteStore

URLS = [f"https://news.example/strike-{n}" for n in range(1, 6)]


def page(n: int) -> bytes:
    return (f"<html><head><title>Port strike day {n}</title></head><body><article><p>Dockworkers in "
            f"port number {n} walked out on day {n}, the union said, and talks with the operators of "
            f"terminal {n} stalled for the {n}th time by the evening.</p></article></body></html>").encode()


class GatedFetcher:
    """Answers at once up to the ``gate``-th URL; there it signals ``reached`` and waits for ``release``."""

    def __init__(self, gate: int, release: threading.Event) -> None:
        self.gate, self.release, self.reached = gate, release, threading.Event()
        self.requested: list[str] = []

    def fetch(self, url: str) -> Fetched:
        self.requested.append(url)
        if len(self.requested) == self.gate:
            self.reached.set()
            self.release.wait(10)
        return Fetched(url, url, 200, "text/html", None, page(URLS.index(url) + 1))


def start(api_db: Path, gate: int, release: threading.Event | None = None,
          ) -> tuple[TestClient, JobBoard, GatedFetcher, list[str]]:
    """A client with a running URL job held at its ``gate``-th URL and a second job queued behind it."""
    app = create_app(Settings(db=api_db), ApiOptions(rate_per_minute=0), None)
    board: JobBoard = app.state.jobs
    fetcher = GatedFetcher(gate, release or board.stopping)  # by default: held until shutdown begins
    app.state.fetcher = fetcher
    client = TestClient(app)
    client.__enter__()
    running = client.post("/v1/ingest/urls", json={"urls": URLS, "extract": False}).json()
    queued = client.post("/v1/ingest/urls", json={"urls": URLS[:1], "extract": False}).json()
    assert fetcher.reached.wait(10), "the job did not reach its gate"
    return client, board, fetcher, [running["id"], queued["id"]]


def job(board: JobBoard, job_id: str) -> dict[str, Any]:
    found = board.get(job_id)
    assert found is not None
    return found


def test_shutdown_interrupts_the_running_job_between_articles(api_db: Path) -> None:
    client, board, fetcher, (running, queued) = start(api_db, gate=3)
    began = time.monotonic()
    client.__exit__(None, None, None)
    assert time.monotonic() - began < 5
    stopped = job(board, running)
    assert stopped["state"] == "interrupted" and stopped["finished"], stopped
    assert stopped["counts"] == {"stored": 3, "already_stored": 0, "duplicate": 0, "failed": 0}
    assert "after 3 article(s)" in stopped["error"] and fetcher.requested == URLS[:3]
    with SQLiteStore(api_db) as store:
        texts = [store.get_article(i).text for i in stopped["article_ids"]]
    assert [f"port number {n} walked out" in t for n, t in zip((1, 2, 3), texts, strict=True)] == [True] * 3
    cancelled = job(board, queued)
    assert cancelled["state"] == "cancelled" and cancelled["counts"]["stored"] == 0


def test_shutdown_does_not_hang_on_a_stuck_article(api_db: Path) -> None:
    release = threading.Event()
    client, board, _, (running, _queued) = start(api_db, gate=2, release=release)
    board.stop_timeout = 0.2
    began = time.monotonic()
    client.__exit__(None, None, None)
    assert time.monotonic() - began < 3
    release.set()  # the stuck fetch returns: the job stores that article and stops there
    deadline = time.monotonic() + 10
    while job(board, running)["state"] != "interrupted" and time.monotonic() < deadline:
        time.sleep(0.02)
    assert job(board, running)["counts"]["stored"] == 2


def test_a_job_submitted_while_stopping_is_cancelled(api_db: Path) -> None:
    board = JobBoard(Settings(db=api_db), kept=10)
    board.shutdown()
    submitted = board.submit("urls", 1, False, lambda store: iter(()))
    assert submitted["state"] == "cancelled"


def test_access_log_redacts_tokens(client: TestClient, token: str, caplog: pytest.LogCaptureFixture) -> None:
    access = logging.getLogger("uvicorn.access")
    with caplog.at_level(logging.INFO, logger="uvicorn.access"):
        # as uvicorn logs a request: client, method, path with query string, HTTP version, status
        access.info('%s - "%s %s HTTP/%s" %d', "127.0.0.1:5000", "GET",
                    f"/v1/stories?access_token={token}&limit=5&q=Bearer%20{token}", "1.1", 200)
        access.info("GET /v1/articles?api_key=s3cret&q=running_total")
    logged = caplog.text
    assert token not in logged and "s3cret" not in logged
    assert "access_token=[redacted]&limit=5&q=Bearer%20[redacted]" in logged
    assert "api_key=[redacted]&q=running_total" in logged


@pytest.mark.parametrize(("args", "access_log"), [([], True), (["--quiet"], False)])
def test_serve_logs_requests_unless_quiet(api_db: Path, monkeypatch: pytest.MonkeyPatch,
                                          args: list[str], access_log: bool) -> None:
    import uvicorn

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kwargs: calls.append(kwargs))
    result = CliRunner().invoke(cli, ["serve", "--db", str(api_db), *args])
    assert result.exit_code == 0, result.output
    [kwargs] = calls
    assert kwargs["access_log"] is access_log and kwargs["log_level"] == "info"
