"""Fixtures of the browser tests: the sample corpus ingested and extracted once, the real app served by
uvicorn on a free loopback port in a thread, and Debian's chromium driven by Playwright.

Every page a test opens is watched by ``watched_page``: a request to any host but 127.0.0.1 is refused
and recorded, and console errors, uncaught exceptions, CSP violations and failed responses are recorded;
the test fails at teardown when any was, after a screenshot is saved under test-output/browser/.
"""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import uvicorn
from playwright.sync_api import Browser, ConsoleMessage, Page, Response, Route, sync_playwright

from newsgraph import ingest, open_store
from newsgraph.api.app import create_app
from newsgraph.api.deps import ApiOptions
from newsgraph.processing import process
from newsgraph.settings import Settings

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "sample"
SCREENSHOTS = REPO / "test-output" / "browser"
# Debian's chromium, installed by scripts/ensure_chromium.sh (make test): `playwright install` cannot
# download browsers here.
CHROMIUM = Path(os.environ.get("NEWSGRAPH_CHROMIUM", "/usr/bin/chromium"))
HOST = "127.0.0.1"
STARTUP_SECONDS = 15
# Reported on every page as a console error, so that a blocked style, script or connection fails the test.
REPORT_CSP = """document.addEventListener("securitypolicyviolation", (e) =>
  console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"}`));"""


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled sample corpus ingested and extracted (the real model), filed into its story."""
    path = tmp_path_factory.mktemp("browser") / "sample.db"
    settings = Settings(db=path)
    store = open_store(path)
    try:
        stored = [o.article_id for o in ingest([str(SAMPLE)], store, settings=settings)
                  if o.status == "stored" and o.article_id is not None]
        failed = [p.error for p in process(store, settings, article_ids=stored) if p.error is not None]
    finally:
        store.close()
    assert stored and not failed, failed
    return path


@pytest.fixture(scope="session")
def base_url(sample_db: Path) -> Iterator[str]:
    """The real app over ``sample_db``, served by uvicorn in a thread on a free 127.0.0.1 port."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((HOST, 0))
    port = sock.getsockname()[1]
    app = create_app(Settings(db=sample_db), ApiOptions(rate_per_minute=0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + STARTUP_SECONDS
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://{HOST}:{port}"
    server.should_exit = True
    thread.join(STARTUP_SECONDS)
    sock.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"no chromium at {CHROMIUM}: run scripts/ensure_chromium.sh (make test does)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        yield launched
        launched.close()


@dataclass
class Watch:
    """What a page did wrong: requests to other hosts (refused) and errors it logged."""

    foreign: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def route(self, route: Route) -> None:
        url = route.request.url
        if urlsplit(url).hostname == HOST:
            route.continue_()
        else:
            self.foreign.append(url)
            route.abort("blockedbyclient")

    def console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(f"console: {message.text} ({message.location.get('url', '')})")

    def page_error(self, error: Exception) -> None:
        self.errors.append(f"pageerror: {error}")

    def response(self, response: Response) -> None:
        if response.status >= 400:
            self.errors.append(f"HTTP {response.status}: {response.url}")


def screenshot(page: Page, name: str) -> Path:
    """Save the whole page as test-output/browser/NAME.png (gitignored); its path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / (re.sub(r"[^\w.-]+", "_", name).strip("_") + ".png")
    page.screenshot(path=path, full_page=True)
    return path


@pytest.fixture
def watch() -> Watch:
    return Watch()


@pytest.fixture
def page(browser: Browser, base_url: str, watch: Watch, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A fresh page at ``base_url`` whose every request and error is watched; screenshot at teardown,
    then fail on any request off 127.0.0.1 or any error."""
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900})
    context.route("**/*", watch.route)
    context.add_init_script(REPORT_CSP)
    opened = context.new_page()
    opened.on("console", watch.console)
    opened.on("pageerror", watch.page_error)
    opened.on("response", watch.response)
    yield opened
    screenshot(opened, request.node.name)
    context.close()
    assert not watch.foreign, f"requests left 127.0.0.1: {watch.foreign}"
    assert not watch.errors, "\n".join(watch.errors)
