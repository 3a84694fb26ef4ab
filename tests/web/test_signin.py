"""Signing in to the web UI of a public server: a browser cannot send an Authorization header while
following links, so the sign-in page keeps the token in an HttpOnly, SameSite=Strict cookie."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsgraph.api.app import create_app
from newsgraph.api.deps import ApiOptions
from newsgraph.api.tokens import SESSION_COOKIE, create_token, revoke_token
from newsgraph.settings import Settings
from newsgraph.store import SQLiteStore
from newsgraph.web.routes import local_path

Story = tuple[Path, int, dict[str, int]]


@pytest.fixture
def token(story_db: Story) -> str:
    with SQLiteStore(story_db[0]) as store:
        return create_token(store, "analyst")


@pytest.fixture
def public(story_db: Story) -> Iterator[TestClient]:
    """A client of the app as served beyond loopback, over https (so the cookie is marked Secure)."""
    app = create_app(Settings(db=story_db[0]), ApiOptions(public=True, rate_per_minute=0))
    with TestClient(app, base_url="https://testserver") as client:
        yield client


def sign_in(client: TestClient, token: str, next: str = "/") -> object:
    return client.post("/signin", data={"token": token, "next": next}, follow_redirects=False)


def test_a_page_of_a_public_server_answers_the_sign_in_form(public: TestClient, story_db: Story) -> None:
    response = public.get(f"/stories/{story_db[1]}")

    assert response.status_code == 401
    assert "text/html" in response.headers["content-type"]
    assert 'action="/signin"' in response.text
    assert f'name="next" value="/stories/{story_db[1]}"' in response.text


def test_signing_in_keeps_the_token_in_a_strict_http_only_cookie_and_returns_to_the_page(
        public: TestClient, story_db: Story, token: str) -> None:
    response = sign_in(public, token, f"/stories/{story_db[1]}")

    assert response.status_code == 303  # type: ignore[attr-defined]
    assert response.headers["location"] == f"/stories/{story_db[1]}"  # type: ignore[attr-defined]
    cookie = response.headers["set-cookie"]  # type: ignore[attr-defined]
    assert cookie.startswith(f"{SESSION_COOKIE}=")
    for flag in ("HttpOnly", "SameSite=strict", "Secure", "Path=/"):
        assert flag.lower() in cookie.lower()
    page = public.get(f"/stories/{story_db[1]}")
    assert page.status_code == 200
    assert "Sign out" in page.text
    assert public.get("/v1/stories").status_code == 200  # reads of the API take the cookie too


def test_a_wrong_token_shows_the_form_again_and_sets_nothing(public: TestClient) -> None:
    response = sign_in(public, "ng_" + "x" * 40)

    assert response.status_code == 401  # type: ignore[attr-defined]
    assert "not valid" in response.text  # type: ignore[attr-defined]
    assert SESSION_COOKIE not in response.headers.get("set-cookie", "")  # type: ignore[attr-defined]
    assert public.get("/").status_code == 401


def test_over_long_fields_answer_the_form_not_json(public: TestClient) -> None:
    response = public.post("/signin", data={"token": "x" * 5000, "next": "/" + "a" * 5000},
                           follow_redirects=False)

    assert response.status_code == 401
    assert "text/html" in response.headers["content-type"]
    assert "not valid" in response.text
    assert 'name="next" value="/"' in response.text


def test_a_revoked_token_stops_the_session_at_its_next_page(public: TestClient, story_db: Story,
                                                            token: str) -> None:
    sign_in(public, token)
    assert public.get("/").status_code == 200
    with SQLiteStore(story_db[0]) as store:
        revoke_token(store, "analyst")

    response = public.get("/")

    assert response.status_code == 401
    assert "no longer valid" in response.text
    assert f'{SESSION_COOKIE}=""' in response.headers["set-cookie"]


def test_signing_out_forgets_the_token(public: TestClient, token: str) -> None:
    sign_in(public, token)

    response = public.post("/signout", follow_redirects=False)

    assert (response.status_code, response.headers["location"]) == (303, "/signin")
    assert public.get("/").status_code == 401


def test_the_cookie_writes_only_with_the_page_header(public: TestClient, token: str) -> None:
    """A form on another site can make the browser post with the cookie, but cannot add the header."""
    sign_in(public, token)
    urls = {"urls": ["http://127.0.0.1/private"], "extract": False}

    forged = public.post("/v1/ingest/urls", json=urls)
    from_page = public.post("/v1/ingest/urls", json=urls, headers={"X-Newsgraph-Request": "1"})

    assert forged.status_code == 401
    assert from_page.status_code == 202, from_page.text


def test_on_loopback_pages_need_no_sign_in(client: TestClient) -> None:
    response = client.get("/")

    assert response.status_code == 200
    assert "Sign out" not in response.text


@pytest.mark.parametrize(("target", "kept"), [
    ("/stories/1?x=2", "/stories/1?x=2"),
    ("//evil.example/", "/"),
    ("/\\evil.example", "/"),
    ("https://evil.example/", "/"),
    ("/ok\r\nSet-Cookie: a=b", "/"),
])
def test_signing_in_never_sends_the_browser_to_another_site(target: str, kept: str) -> None:
    assert local_path(target) == kept


def test_a_missing_record_is_a_page_not_json(client: TestClient) -> None:
    response = client.get("/stories/999")

    assert response.status_code == 404
    assert "text/html" in response.headers["content-type"]
    assert "No story 999" in response.text
