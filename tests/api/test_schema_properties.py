"""A property test of the API from its own OpenAPI document (schemathesis, in-process over ASGI): any
request the document allows, and many it does not, gets a declared status and a body matching the
document, never a server error. The server is public, so every request carries the token, and
schemathesis also checks that requests without it are refused.

Bounded to a few examples per operation so that it runs in seconds. POST (ingest) is left out: it starts
background jobs, covered by test_ingest_and_export.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from newsgraph.api.app import create_app
from newsgraph.api.deps import ApiOptions
from newsgraph.api.tokens import create_token
from newsgraph.settings import Settings
from newsgraph.store import SQLiteStore

# The app is made at import (schemathesis reads its document then); its database is filled by the
# fixture before any request, in a folder of pytest's.
DB: dict[str, Path] = {}
TOKEN: dict[str, str] = {}
app = create_app(Settings(db=Path("unset.db")), ApiOptions(public=True, rate_per_minute=0))
schema = schemathesis.openapi.from_asgi("/openapi.json", app).exclude(method="POST")


@pytest.fixture(autouse=True)
def filled(api_db: Path) -> None:
    if "value" not in TOKEN:
        with SQLiteStore(api_db) as store:
            TOKEN["value"] = create_token(store, "schemathesis")
        app.state.settings = Settings(db=api_db)


@schema.parametrize()
@settings(max_examples=12, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.filter_too_much])
def test_the_api_keeps_to_its_openapi_document(case: Any) -> None:
    # A schema-valid request may still be refused with a 400: a cursor is opaque (any made-up string
    # fits its pattern) and some parameters exclude each other (timeline's story, entity and q).
    case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN['value']}"},
                           excluded_checks=[positive_data_acceptance])
