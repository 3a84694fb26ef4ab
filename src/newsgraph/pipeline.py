"""The ingest recipe: read → main text → clean → fingerprint → deduplicate → store.

Each article is handled on its own: a bad one becomes a ``failed`` outcome and the batch goes on.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import IO

from newsgraph.clean import clean
from newsgraph.dedup import Fingerprint, fingerprint, input_digest, similarity
from newsgraph.errors import EmptyInputError, InputError, StoreError
from newsgraph.inputs.fetch import Fetcher, HttpFetcher
from newsgraph.inputs.html import extract_html
from newsgraph.inputs.sources import InputReader
from newsgraph.records import IngestOutcome, Metadata, RawDocument, Status
from newsgraph.settings import Settings
from newsgraph.store import NewArticle, Store

logger = logging.getLogger(__name__)


def ingest(
    inputs: Sequence[str],
    store: Store,
    *,
    settings: Settings | None = None,
    overrides: Metadata | None = None,
    fetcher: Fetcher | None = None,
    stdin: IO[bytes] | None = None,
) -> Iterator[IngestOutcome]:
    """Ingest paths, directories, URLs and ``-`` (``stdin``), yielding one outcome per article.

    ``overrides`` (title, outlet, url, published) win over what the inputs say about themselves.
    """
    settings = settings or Settings.from_env()
    reader = InputReader(settings, fetcher or HttpFetcher(settings), stdin)
    for item in reader.read(inputs):
        if isinstance(item, InputError):
            yield _failed(item)
        else:
            yield ingest_document(item, store, settings, overrides or Metadata())


def ingest_document(
    document: RawDocument, store: Store, settings: Settings, overrides: Metadata
) -> IngestOutcome:
    """Ingest one raw document; input problems become a ``failed`` outcome, store problems raise."""
    try:
        return _ingest(document, store, settings, overrides)
    except InputError as error:
        return _failed(error)
    except StoreError:
        raise
    except Exception as error:  # a bug or a library failure on one article must not stop the batch
        logger.exception("unexpected error on %s", document.source)
        return IngestOutcome(document.source, "failed", error=f"{document.source}: unexpected "
                             f"{type(error).__name__}: {error}", reason="unexpected error")


def _ingest(document: RawDocument, store: Store, settings: Settings, overrides: Metadata
            ) -> IngestOutcome:
    source = document.source
    # 1. the same bytes stored before: nothing to do (this is how an interrupted batch resumes)
    digest = input_digest(document.raw_input)
    if (known := store.article_for_input(digest)) is not None:
        return IngestOutcome(source, "already_stored", known)
    # 2. main text and metadata: given overrides, then what the container said, then the page itself
    raw_text, found = main_text(document)
    metadata = overrides.over(document.metadata.over(found))
    # 3. clean
    cleaned = clean(raw_text)
    if not cleaned.text:
        raise EmptyInputError(source, "nothing is left after cleaning",
                              hint="the input held only boilerplate")
    if metadata.title is None and cleaned.headline:
        metadata = replace(metadata, title=cleaned.headline)
    # 4. fingerprint
    prints = fingerprint(cleaned.text, settings)
    # 5. the same content is not stored twice; a near-duplicate is stored, marked as such
    if (same := store.article_for_content(prints.content_hash)) is not None:
        return IngestOutcome(source, "already_stored", same)
    original, score = _nearest_original(store, prints, settings.near_duplicate_threshold)
    # 6. store, in one transaction
    article_id = store.add_article(NewArticle(
        source=source, media_type=document.media_type, raw_input=document.raw_input,
        raw_text=raw_text, cleaned=cleaned, metadata=metadata, input_digest=digest,
        content_hash=prints.content_hash, signature=prints.signature, band_keys=prints.band_keys,
        duplicate_of=original, similarity=score,
    ))
    status: Status = "duplicate" if original is not None else "stored"
    return IngestOutcome(source, status, article_id, original, score)


def main_text(document: RawDocument) -> tuple[str, Metadata]:
    """The text to clean and what the document says about itself (HTML pages are extracted)."""
    if document.html is not None:
        return extract_html(document.source, document.html,
                            document.metadata.url or document.fetched_url)
    assert document.text is not None
    return document.text, Metadata()


def _nearest_original(store: Store, prints: Fingerprint, threshold: float
                      ) -> tuple[int | None, float | None]:
    """The most similar stored original at or above ``threshold``, found through LSH bands."""
    best: tuple[int | None, float | None] = (None, None)
    for article_id, signature in store.near_duplicate_candidates(prints.band_keys):
        score = similarity(prints.signature, signature)
        if score >= threshold and (best[1] is None or score > best[1]):
            best = (article_id, score)
    return best


def _failed(error: InputError) -> IngestOutcome:
    return IngestOutcome(error.source, "failed", error=str(error), reason=error.reason,
                         line=error.line)
