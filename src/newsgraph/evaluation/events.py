"""Score the event coder on two gold sets: ``plover-gsr`` (event type, mode, actor and recipient on 322
sentences from the CAMEO manual, see ``plover.py``) and ``petrarch-unittest`` (CAMEO root code, source
and target codes, false positives on no-event sentences, see ``petrarch.py``).

Events come from the production path: ``analyse`` over the pipeline ``load_pipeline`` builds, read back
from ``Analysis.events``. Each sentence is analysed as a text of its own.

Halves: in file order, even positions (0, 2, 4 …) are ``dev`` and odd positions ``test``. Rules are tuned
on ``dev`` only; ``test`` is the held-out, headline figure; ``all`` is both.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from newsgraph.nlp.records import Event

if TYPE_CHECKING:
    from spacy.language import Language

logger = logging.getLogger(__name__)

HALVES = ("dev", "test", "all")
COMPONENT = "newsgraph_events"

# Texts (with their publication date, if any) in, the events coded in each text out, in order.
Predictor = Callable[[Sequence[tuple[str, date | None]]], list[tuple[Event, ...]]]


def in_half(index: int, half: str) -> bool:
    """Whether the item at ``index`` (file order, from 0) belongs to ``half``: even = dev, odd = test."""
    if half not in HALVES:
        raise ValueError(f"half {half!r} is not one of {', '.join(HALVES)}")
    return half == "all" or (index % 2 == 0) == (half == "dev")


def predictor(nlp: Language, batch_size: int = 32) -> Predictor:
    """Events as production codes them: ``analyse`` over ``nlp``, one ``Analysis`` per text."""
    from newsgraph.nlp.analyse import analyse

    if COMPONENT not in nlp.pipe_names:
        logger.warning("the pipeline has no %s component: every sentence will count as uncoded", COMPONENT)

    def predict(items: Sequence[tuple[str, date | None]]) -> list[tuple[Event, ...]]:
        return [analysis.events for analysis in analyse(items, nlp, batch_size=batch_size)]

    return predict


def evaluate(plover_folder: Path, petrarch_folder: Path, model: str) -> dict[str, float]:
    """Figures ``events.<corpus>.<half>.<measure>`` for ``plover-gsr`` and ``petrarch-unittest``."""
    from newsgraph.evaluation import petrarch, plover
    from newsgraph.nlp.model import load_pipeline, shared_pipeline

    figures: dict[str, float] = {}
    for scores in plover.evaluate(plover_folder, predictor(shared_pipeline(model))):
        figures.update(_named("plover-gsr", scores.half, scores.figures()))
    # A pipeline of its own: the fictional actors must not leak into the shared one.
    nlp = petrarch.with_actors(load_pipeline(model), petrarch.read_dictionaries(petrarch_folder))
    for every_event, as_configured in petrarch.evaluate(petrarch_folder, predictor(nlp)):
        figures.update(_named("petrarch-unittest", every_event.half, every_event.figures()))
        figures.update(_named("petrarch-unittest", as_configured.half,
                              {f"dyadic_{key}": value for key, value in as_configured.figures().items()
                               if key != "root_accuracy"}))
    return figures


def _named(corpus: str, half: str, values: dict[str, float]) -> dict[str, float]:
    return {f"events.{corpus}.{half}.{key}": value for key, value in values.items()}
