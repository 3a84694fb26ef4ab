"""Ingest jobs (uploads and URLs, in the background, polled) and streamed exports."""

from __future__ import annotations

import csv
import io
import json
import time
from typing import Any

from fastapi.testclient import TestClient
from tests.api.conftest import MakeClient, error

from newsgraph.inputs.fetch import FakeFetcher, Fetched

PAGE = (b"<html><head><title>Port strike spreads</title></head><body><article><p>Dockworkers in "
        b"Valparaiso walked out on Monday, the union said, and the strike spread to two more ports by "
        b"the evening as talks with the operators stalled.</p></article></body></html>")
TEXT = "Fishermen blocked the harbour of Arica on Tuesday to protest new quotas set by the ministry."


def finished(client: TestClient, job: dict[str, Any], seconds: float = 20) -> dict[str, Any]:
    """Poll the job until it is done or failed."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        body = client.get(f"/v1/ingest/{job['id']}").json()
        if body["state"] in ("done", "failed"):
            return dict(body)
        time.sleep(0.02)
    raise AssertionError(f"job {job['id']} did not finish: {body}")


def test_uploaded_files_are_ingested_in_the_background(client: TestClient) -> None:
    files = [("files", ("strike.html", PAGE, "text/html")),
             ("files", ("quota.txt", TEXT.encode(), "text/plain"))]
    response = client.post("/v1/ingest/files", files=files, data={"published": "2026-01-20",
                                                                  "outlet": "Sur Wire", "extract": "false"})
    assert response.status_code == 202, response.text
    job = response.json()
    assert job["kind"] == "files" and job["inputs"] == 2 and len(job["id"]) == 16
    done = finished(client, job)
    assert done["state"] == "done" and done["counts"]["stored"] == 2, done
    article = client.get(f"/v1/articles/{done['article_ids'][1]}").json()["article"]
    assert (article["outlet"], article["published"], article["url"]) == ("Sur Wire", "2026-01-20", None)
    again = finished(client, client.post("/v1/ingest/files", files=files, data={"extract": "false"}).json())
    assert again["counts"]["already_stored"] == 2


def test_an_uploaded_batch_cannot_make_the_server_read_its_files(client: TestClient) -> None:
    batch = json.dumps({"path": "/etc/passwd"}).encode() + b"\n"
    files = {"files": ("batch.jsonl", batch, "application/x-ndjson")}
    done = finished(client, client.post("/v1/ingest/files", data={"extract": "false"}, files=files).json())
    [outcome] = done["outcomes"]
    assert outcome["status"] == "failed" and "'path' lines are not read" in outcome["error"]


def test_unreadable_uploads_fail_one_by_one(client: TestClient) -> None:
    files = [("files", ("scan.pdf", b"%PDF-1.4", "application/pdf")),
             ("files", ("ok.txt", TEXT.encode(), "text/plain"))]
    done = finished(client, client.post("/v1/ingest/files", files=files, data={"extract": "false"}).json())
    assert done["counts"] == {"stored": 1, "already_stored": 0, "duplicate": 0, "failed": 1}
    assert done["outcomes"][0]["reason"] == "unsupported"


def test_urls_are_fetched_through_the_fetcher(make_client: MakeClient) -> None:
    fetcher = FakeFetcher({"https://news.example/strike": Fetched(
        "https://news.example/strike", "https://news.example/strike", 200, "text/html", None, PAGE)})
    client = make_client(fetcher=fetcher)
    job = client.post("/v1/ingest/urls", json={"urls": ["https://news.example/strike",
                                                        "https://news.example/gone"], "extract": False})
    done = finished(client, job.json())
    assert [o["status"] for o in done["outcomes"]] == ["stored", "failed"]
    assert fetcher.requested == ["https://news.example/strike", "https://news.example/gone"]


def test_url_ingest_refuses_private_addresses_as_the_cli_does(client: TestClient) -> None:
    job = client.post("/v1/ingest/urls", json={"urls": ["http://127.0.0.1:9/admin",
                                                        "http://169.254.169.254/latest"], "extract": False})
    done = finished(client, job.json())
    assert [o["reason"] for o in done["outcomes"]] == ["blocked address", "blocked address"]


def test_ingest_requests_are_validated(client: TestClient) -> None:
    assert error(client.post("/v1/ingest/urls", json={"urls": []}), 422)["code"] == "invalid_parameter"
    assert error(client.post("/v1/ingest/urls", json={"urls": ["file:///etc/passwd"]}), 422)
    assert "ISO 8601" in error(client.post("/v1/ingest/urls", json={
        "urls": ["https://a.example/x"], "published": 20260115}), 422)["message"]
    assert error(client.post("/v1/ingest/files", data={"extract": "false"}), 422)
    assert error(client.get("/v1/ingest/0123456789abcdef"), 404)["code"] == "not_found"
    assert error(client.get("/v1/ingest/nope"), 422)


def test_export_streams_the_cli_formats(client: TestClient) -> None:
    articles = client.get("/v1/export", params={"format": "jsonl"})
    assert articles.headers["content-type"] == "application/x-ndjson"
    assert [json.loads(line)["story_id"] for line in articles.text.splitlines()] == [1, 1, 1]
    rows = list(csv.DictReader(io.StringIO(client.get("/v1/export", params={"format": "events-csv"}).text)))
    assert len(rows) == 5
    plover = client.get("/v1/export", params={"format": "plover", "story": 1}).text.splitlines()
    assert len(plover) == 5
    [story] = [json.loads(line) for line in client.get("/v1/export", params={"format": "stories-jsonl"}
                                                       ).text.splitlines()]
    assert story["id"] == 1
    assert json.loads(client.get("/v1/export", params={"format": "json"}).text)[0]["id"] >= 1


def test_export_errors(client: TestClient) -> None:
    assert "choose one of" in error(client.get("/v1/export", params={"format": "xml"}), 400)["message"]
    assert error(client.get("/v1/export", params={"format": "jsonl", "story": 1}), 400)
    assert error(client.get("/v1/export", params={"format": "plover", "story": 9}), 404)


def test_a_job_lists_the_stories_the_twin_check_split(client: TestClient, monkeypatch: Any) -> None:
    """Extraction is faked: it reports one split (of stories that hold no articles here: 0 moved)."""
    import newsgraph.processing as processing

    def fake_process(store: Any, settings: Any, article_ids: list[int]) -> Any:
        for number, article_id in enumerate(article_ids):
            yield processing.Processed(article_id, 1, 0, 0, split=(7, 8) if number == 0 else None)

    monkeypatch.setattr(processing, "process", fake_process)
    files = [("files", ("quota.txt", TEXT.encode(), "text/plain"))]
    done = finished(client, client.post("/v1/ingest/files", files=files, data={"extract": "true"}).json())
    assert done["state"] == "done" and done["extracted"] == 1, done
    assert done["story_splits"] == [{"story": 7, "new_story": 8, "moved": 0}]
