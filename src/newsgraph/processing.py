"""Extraction for stored articles: analyse them in batches, store what was found, one transaction each.

Running it again is safe: an article's extraction is replaced whole. Near-duplicates are not processed:
their original is.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from importlib.metadata import version as package_version

from newsgraph.dates import anchor_day
from newsgraph.extraction import Prepared, analysis_payload
from newsgraph.nlp.analyse import analyse
from newsgraph.nlp.model import pipeline_for
from newsgraph.records import Article
from newsgraph.settings import Settings
from newsgraph.store import Store


@dataclass(frozen=True)
class Processed:
    article_id: int
    entities: int
    roles: int
    quotes: int


def extraction_version(settings: Settings) -> str:
    """What produced an extraction: the model and its version, and newsgraph's version (its rules)."""
    meta = pipeline_for(settings).meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', settings.model)} {meta.get('version', '?')}; " \
           f"newsgraph {package_version('newsgraph')}"


def process(
    store: Store, settings: Settings, *, article_ids: Sequence[int] | None = None, stale_only: bool = False
) -> Iterator[Processed]:
    """Extract from ``article_ids`` (default: every original), or with ``stale_only`` from the
    originals never extracted by this model and version."""
    current = extraction_version(settings)
    if article_ids is None:
        article_ids = store.articles_to_extract(current if stale_only else None)
    nlp = pipeline_for(settings)
    pending: deque[Article] = deque()

    def texts() -> Iterator[tuple[str, date | None]]:
        for article_id in article_ids:
            article = store.get_article(article_id)
            if article.duplicate_of is None:
                pending.append(article)
                yield article.text, anchor_day(article.metadata.published)

    for analysis in analyse(texts(), nlp, batch_size=settings.nlp_batch_size):
        article = pending.popleft()
        prepared = Prepared(article.source, article.text, article.metadata, article.paragraphs)
        store.save_extraction(article.id, current, analysis_payload(prepared, analysis))
        yield Processed(article.id, len(analysis.entities), len(analysis.roles), len(analysis.quotes))


