"""newsgraph: turn a stream of news articles into a sourced, time-aware record of a developing story.

The public API is what this module exports::

    from newsgraph import ingest, open_store

    store = open_store("story.db")
    for outcome in ingest(["articles/", "feed.xml"], store):
        print(outcome.status, outcome.source)
"""

import logging

from newsgraph.errors import InputError, NewsgraphError, StoreError
from newsgraph.pipeline import ingest
from newsgraph.records import (
    Article,
    CleanText,
    IngestOutcome,
    Metadata,
    OffsetMap,
    Paragraph,
    PartialDate,
    RawDocument,
    Removal,
)
from newsgraph.settings import Settings
from newsgraph.store import Store, open_store

__all__ = [
    "Article",
    "CleanText",
    "IngestOutcome",
    "InputError",
    "Metadata",
    "NewsgraphError",
    "OffsetMap",
    "Paragraph",
    "PartialDate",
    "RawDocument",
    "Removal",
    "Settings",
    "Store",
    "StoreError",
    "ingest",
    "open_store",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
