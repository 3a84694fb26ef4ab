"""Tokens, who may read and write, rate limits, the upload limit and the headers on every response."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from tests.api.conftest import MakeClient, error

from newsgraph.api.deps import ApiOptions
from newsgraph.api.guard import CSP, TokenBucket
from newsgraph.api.tokens import create_token, digest
from newsgraph.cli import cli
from newsgraph.cli_serve import is_loopback
from newsgraph.store import SQLiteStore

URLS = {"urls": ["https://news.example/a"], "extract": False}


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_tokens_are_stored_as_digests_only(api_db: Path) -> None:
    with SQLiteStore(api_db) as store:
        token = create_token(store, "laptop")
        assert store.token_name(digest(token)) == "laptop"
        assert [t.name for t in store.tokens()] == ["laptop"]
    raw = b"".join(p.read_bytes() for p in api_db.parent.glob(api_db.name + "*"))  # the WAL too
    assert token.encode() not in raw and digest(token).encode() in raw


def test_token_names_are_checked_and_unique(api_db: Path) -> None:
    with SQLiteStore(api_db) as store:
        with pytest.raises(ValueError, match="token name"):
            create_token(store, "two words")
        create_token(store, "laptop")
        with pytest.raises(Exception, match="revoke it first"):
            create_token(store, "laptop")


def test_on_loopback_reads_are_open_and_writes_need_a_token_once_one_exists(
        make_client: MakeClient, api_db: Path) -> None:
    client = make_client()
    assert client.get("/v1/stories").status_code == 200
    assert client.post("/v1/ingest/urls", json=URLS).status_code == 202  # no token configured yet
    with SQLiteStore(api_db) as store:
        token = create_token(store, "analyst")
    assert client.get("/v1/stories").status_code == 200
    found = error(client.post("/v1/ingest/urls", json=URLS), 401)
    assert "token create" in found["message"]
    assert client.post("/v1/ingest/urls", json=URLS, headers=bearer(token)).status_code == 202


def test_a_public_server_needs_a_token_for_every_request(make_client: MakeClient, token: str) -> None:
    client = make_client(options=ApiOptions(public=True, rate_per_minute=0))
    response = client.get("/v1/stories")
    assert error(response, 401)["code"] == "unauthorized"
    assert response.headers["www-authenticate"] == "Bearer"
    assert client.get("/v1/stories", headers=bearer(token)).status_code == 200
    assert error(client.get("/v1/stories", headers=bearer("ng_made-up")), 401)["code"] == "unauthorized"


def test_a_revoked_token_is_refused_at_once(make_client: MakeClient, api_db: Path, token: str) -> None:
    client = make_client(options=ApiOptions(public=True, rate_per_minute=0))
    assert client.get("/v1/stories", headers=bearer(token)).status_code == 200
    with SQLiteStore(api_db) as store:
        assert store.revoke_token("analyst")
    assert "not valid" in error(client.get("/v1/stories", headers=bearer(token)), 401)["message"]


@pytest.mark.parametrize("query", ["token={t}", "access_token={t}", "Access_Token={t}", "limit=5&token=",
                                   "q=Bearer%20{t}", "{t}"])
@pytest.mark.parametrize("path", ["/v1/stories", "/v1/articles", "/", "/openapi.json"])
def test_a_token_in_the_query_string_is_refused_without_echoing_it(
        make_client: MakeClient, token: str, query: str, path: str) -> None:
    client = make_client(options=ApiOptions(public=True, rate_per_minute=0))
    response = client.get(f"{path}?{query.format(t=token)}")
    found = error(response, 400)
    assert found["code"] == "token_in_query"
    assert "Authorization: Bearer <token>" in found["message"] and "token revoke" in found["message"]
    assert token not in response.text
    assert response.headers["content-security-policy"] == CSP


def test_a_token_in_the_query_string_is_refused_even_beside_a_valid_header(
        client: TestClient, token: str) -> None:
    """On loopback a read needs no token, so an ignored query token would have looked as if it worked."""
    assert error(client.get(f"/v1/stories?token={token}"), 400)["code"] == "token_in_query"
    assert error(client.get(f"/v1/stories?access_token={token}", headers=bearer(token)), 400)
    refused = client.post(f"/v1/ingest/urls?access_token={token}", json=URLS, headers=bearer(token))
    assert "query parameter 'access_token'" in error(refused, 400)["message"]


@pytest.mark.parametrize("params", [{"q": "token"}, {"q": "tokens ng_short"}, {"limit": "5"}])
def test_query_strings_without_a_token_pass(client: TestClient, params: dict[str, str]) -> None:
    assert client.get("/v1/articles", params=params).status_code == 200


def test_rate_limits_apply_per_token_with_retry_after(make_client: MakeClient, token: str) -> None:
    client = make_client(options=ApiOptions(rate_per_minute=60, burst=2))
    for _ in range(2):
        assert client.get("/v1/stories", headers=bearer(token)).status_code == 200
    refused = client.get("/v1/stories", headers=bearer(token))
    assert error(refused, 429)["code"] == "rate_limited"
    assert refused.headers["retry-after"] == "1"
    assert client.get("/v1/stories").status_code == 200  # another key: the client's address


def test_the_token_bucket_refills_over_time() -> None:
    now = [0.0]
    bucket = TokenBucket(per_minute=60, burst=1, clock=lambda: now[0])
    assert bucket.take("a") == 0.0
    assert bucket.take("a") == pytest.approx(1.0)
    now[0] = 1.0
    assert bucket.take("a") == 0.0


@pytest.mark.parametrize("path", ["/v1/stories", "/v1/articles/999", "/v1/nowhere", "/openapi.json"])
def test_every_response_carries_the_security_headers(client: TestClient, path: str) -> None:
    headers = client.get(path).headers
    assert headers["content-security-policy"] == CSP
    assert "script-src 'self'" in CSP and "unsafe-inline" not in CSP
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"


def test_an_upload_over_the_limit_is_a_413(make_client: MakeClient) -> None:
    client = make_client(max_document_bytes=1000)
    files = {"files": ("big.txt", b"x" * 100_000, "text/plain")}
    found = error(client.post("/v1/ingest/files", files=files), 413)
    assert "max_document_bytes" in found["message"]
    assert "content-security-policy" in client.post("/v1/ingest/files", files=files).headers


def test_a_chunked_body_over_the_limit_is_a_413_too(make_client: MakeClient) -> None:
    client = make_client(max_document_bytes=1000)
    body = iter([b"{" + b" " * 50_000, b" " * 50_000 + b"}"])
    response = client.post("/v1/ingest/urls", content=body, headers={"Content-Type": "application/json"})
    assert error(response, 413)["code"] == "too_large"


@pytest.mark.parametrize(("host", "loopback"), [("127.0.0.1", True), ("localhost", True), ("::1", True),
                                                ("0.0.0.0", False), ("192.168.1.4", False),
                                                ("example.org", False)])
def test_loopback_hosts(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_token_commands_create_list_and_revoke(api_db: Path) -> None:
    runner = CliRunner()
    created = runner.invoke(cli, ["token", "create", "laptop", "--db", str(api_db)])
    assert created.exit_code == 0, created.output
    assert created.stdout.strip().startswith("ng_")
    listed = runner.invoke(cli, ["token", "list", "--json", "--db", str(api_db)])
    assert [t["name"] for t in json.loads(listed.stdout)] == ["laptop"]
    assert runner.invoke(cli, ["token", "revoke", "laptop", "--db", str(api_db)]).exit_code == 0
    assert runner.invoke(cli, ["token", "revoke", "laptop", "--db", str(api_db)]).exit_code == 1
    assert runner.invoke(cli, ["token", "create", "bad name", "--db", str(api_db)]).exit_code == 2


def test_serve_beyond_loopback_without_a_token_is_a_usage_error(api_db: Path) -> None:
    result = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0", "--db", str(api_db)])
    assert result.exit_code == 2 and "token create" in result.output
