"""Extraction for stored articles: analyse them in batches, store what was found, one transaction each,
and file each article in its story, checking that story for twins (two events filed together, see
stories.py); then refresh the kept views of the stories the run touched.

Running it again is safe: an article's extraction is replaced whole. Near-duplicates are not processed:
their original is.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from importlib.metadata import version as package_version
from typing import Any

from newsgraph.dedup import fingerprint
from newsgraph.errors import ExtractionError
from newsgraph.extraction import Prepared, analysis_payload
from newsgraph.nlp.analyse import analyse
from newsgraph.nlp.model import pipeline_for
from newsgraph.records import Article, PartialDate
from newsgraph.settings import Settings
from newsgraph.store import Store
from newsgraph.stories import ArticleProfile, StoryOptions, profile_of
from newsgraph.story_views import refresh_story_views

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Processed:
    """One article's extraction: what was stored, or ``error`` when a component failed on its text
    (nothing was stored then, and an earlier extraction of the article stays as it was)."""

    article_id: int
    entities: int
    roles: int
    quotes: int
    error: ExtractionError | None = None
    # The twin check split the article's story: (story, new story the smaller group moved to).
    split: tuple[int, int] | None = None


def extraction_version(settings: Settings) -> str:
    """What produced an extraction: the model and its version, and newsgraph's version (its rules)."""
    meta = pipeline_for(settings).meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', settings.model)} {meta.get('version', '?')}; " \
           f"newsgraph {package_version('newsgraph')}"


def process(
    store: Store, settings: Settings, *, article_ids: Sequence[int] | None = None, stale_only: bool = False,
    story_options: StoryOptions | None = None,
) -> Iterator[Processed]:
    """Extract from ``article_ids`` (default: every original), or with ``stale_only`` from the
    originals never extracted by this model and version; then file each in its story (see stories.py).

    Once the last article is yielded, the timeline and changes of every story the run filed articles
    into or out of are computed and kept (``story_views.refresh_story_views``), each story once, unless
    ``settings.refresh_views`` is off. A run left part-way refreshes nothing: views are a cache, and the
    first query of a story computes them."""
    current = extraction_version(settings)
    if article_ids is None:
        article_ids = store.articles_to_extract(current if stale_only else None)
    nlp = pipeline_for(settings)
    pending: deque[Article] = deque()
    touched: set[int] = set()

    def texts() -> Iterator[tuple[str, PartialDate | None]]:
        for article_id in article_ids:
            article = store.get_article(article_id)
            if article.duplicate_of is None:
                pending.append(article)
                yield article.text, article.metadata.published

    for analysis in analyse(texts(), nlp, batch_size=settings.nlp_batch_size):
        article = pending.popleft()
        if analysis.failures:
            yield Processed(article.id, 0, 0, 0, ExtractionError(
                f"article {article.id} ({article.source})", "; ".join(analysis.failures),
                hint="the other articles went on; please report this text"))
            continue
        prepared = Prepared(article.source, article.text, article.metadata, article.paragraphs)
        record = analysis_payload(prepared, analysis)
        earlier = store.story_of(article.id)  # left behind if the article is filed elsewhere now
        store.save_extraction(article.id, current, record)
        options = story_options or StoryOptions()
        filed = store.file_story(story_profile(article, record, settings), options)
        twin = _check_twins(store, filed, options)
        if twin is not None:
            logger.info("story %d held two events: %d of its articles moved to story %d", filed,
                        len(store.story_article_ids(twin)), twin)
        touched.update(s for s in (earlier, filed, twin) if s is not None)
        yield Processed(article.id, len(analysis.entities), len(analysis.roles), len(analysis.quotes),
                        split=None if twin is None else (filed, twin))
    if settings.refresh_views and touched:
        _refresh(store, touched)


def _check_twins(store: Store, story_id: int, options: StoryOptions) -> int | None:
    """``Store.check_twins``, never raising: the check only ever improves a story that is already
    filed, so a failure (rolled back in its own transaction) is logged and the run goes on."""
    try:
        return store.check_twins(story_id, options)
    except Exception:  # the story stays whole, as it was before the check
        logger.exception("could not check story %d for twins; it stays whole", story_id)
        return None


def _refresh(store: Store, story_ids: set[int]) -> None:
    """Refresh the views of ``story_ids`` (never raises: a failure is logged, see story_views)."""
    start = time.perf_counter()
    failed = refresh_story_views(store, story_ids)
    logger.info("refreshed the views of %d of %d stories in %.2f s", len(story_ids) - len(failed),
                len(story_ids), time.perf_counter() - start)


def story_profile(article: Article, record: dict[str, Any], settings: Settings) -> ArticleProfile:
    """What story assignment reads of a stored article: its first day, outlet, extraction and bands."""
    bands = fingerprint(article.text, settings).band_keys
    return profile_of(article.id, _first_day(article.metadata.published), article.metadata.outlet, record,
                      bands, text=article.text)


def _first_day(published: PartialDate | None) -> date | None:
    """The first day a publication date covers (the 1st, for a month); None for a year or no date."""
    if published is None or published.precision == "year":
        return None
    return date.fromisoformat(published.iso + "-01" if published.precision == "month" else published.iso[:10])
