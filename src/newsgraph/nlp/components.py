"""newsgraph's layers as spaCy components, so they can run in any English pipeline.

Each component is a thin wrapper that stores what a pure ``find_x(doc)`` function returns in a ``Doc``
extension. The publication date, which relative dates and roles need, travels in
``doc._.newsgraph_published`` (a ``date`` or None), and its year and month, which dates without a year
need, in ``doc._.newsgraph_published_month`` (``(year, month)`` or None, set also when the date is
known only to the month); both are set before the pipeline runs.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.kb import default_gazetteer
from newsgraph.nlp.attributions import find_attributions
from newsgraph.nlp.entities import find_entities
from newsgraph.nlp.events import find_events
from newsgraph.nlp.places import find_places
from newsgraph.nlp.quotes import find_quotes
from newsgraph.nlp.roles import find_roles
from newsgraph.nlp.times import find_times

PUBLISHED = "newsgraph_published"
PUBLISHED_MONTH = "newsgraph_published_month"
FAILURES = "newsgraph_failures"
LAYERS = ("entities", "roles", "quotes", "attributions", "times", "places", "events")
COMPONENTS = tuple(f"newsgraph_{layer}" for layer in LAYERS)


def guarded(name: str) -> Callable[[Callable[[Doc], Doc]], Callable[[Doc], Doc]]:
    """A component that raises on one text marks that text failed (``doc._.newsgraph_failures``) and
    hands it on, instead of stopping the batch. spaCy's own error handler would drop the text from
    the stream, and the records of every later text would then be paired with the wrong article."""
    def wrap(component: Callable[[Doc], Doc]) -> Callable[[Doc], Doc]:
        @wraps(component)
        def run(doc: Doc) -> Doc:
            try:
                return component(doc)
            except Exception as error:  # any bug in a layer: recorded, not hidden
                doc._.newsgraph_failures = (*(doc._.newsgraph_failures or ()),
                                            f"{name}: {type(error).__name__}: {error}")
                return doc
        return run
    return wrap


def register_extensions() -> None:
    """Declare the ``Doc`` extensions the components write (once per process)."""
    for name in (PUBLISHED, PUBLISHED_MONTH, FAILURES, *COMPONENTS):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


@Language.component("newsgraph_entities", requires=["doc.ents", "token.dep"],
                    assigns=["doc._.newsgraph_entities"])
@guarded("newsgraph_entities")
def entities_component(doc: Doc) -> Doc:
    doc._.newsgraph_entities = tuple(find_entities(doc))
    return doc


@Language.component("newsgraph_roles", requires=["doc._.newsgraph_entities", "token.dep"],
                    assigns=["doc._.newsgraph_roles"])
@guarded("newsgraph_roles")
def roles_component(doc: Doc) -> Doc:
    doc._.newsgraph_roles = tuple(find_roles(doc, doc._.newsgraph_entities, doc._.newsgraph_published))
    return doc


@Language.component("newsgraph_quotes", requires=["doc._.newsgraph_entities", "token.dep"],
                    assigns=["doc._.newsgraph_quotes"])
@guarded("newsgraph_quotes")
def quotes_component(doc: Doc) -> Doc:
    doc._.newsgraph_quotes = tuple(find_quotes(doc, doc._.newsgraph_entities))
    return doc


@Language.component("newsgraph_attributions", requires=["token.dep"],
                    assigns=["doc._.newsgraph_attributions"])
@guarded("newsgraph_attributions")
def attributions_component(doc: Doc) -> Doc:
    doc._.newsgraph_attributions = tuple(find_attributions(doc))
    return doc


@Language.component("newsgraph_times", requires=["doc.ents", "token.dep"],
                    assigns=["doc._.newsgraph_times"])
@guarded("newsgraph_times")
def times_component(doc: Doc) -> Doc:
    doc._.newsgraph_times = tuple(find_times(doc, doc._.newsgraph_published,
                                             month=doc._.newsgraph_published_month))
    return doc


@Language.factory("newsgraph_places", default_config={"gazetteer": None},
                  requires=["doc.ents", "doc._.newsgraph_entities"], assigns=["doc._.newsgraph_places"])
def places_component(nlp: Language, name: str, gazetteer: str | None) -> Callable[[Doc], Doc]:
    """Places, never where the entity layer found a person ("Rodríguez" is no town here).
    ``gazetteer`` is a user TSV of further places, read with the packaged ones on first use."""
    extra = Path(gazetteer) if gazetteer else None

    @guarded("newsgraph_places")
    def places(doc: Doc) -> Doc:
        people = [(m.start, m.end) for e in doc._.newsgraph_entities if e.type == "PERSON"
                  for m in e.mentions]
        doc._.newsgraph_places = tuple(p for p in find_places(doc, default_gazetteer(extra))
                                       if not any(a < p.end and p.start < b for a, b in people))
        return doc

    return places


@Language.component("newsgraph_events",
                    requires=["doc._.newsgraph_entities", "doc._.newsgraph_times", "doc._.newsgraph_places",
                              "doc._.newsgraph_attributions", "doc._.newsgraph_quotes", "token.dep"],
                    assigns=["doc._.newsgraph_events"])
@guarded("newsgraph_events")
def events_component(doc: Doc) -> Doc:
    """PLOVER events, over what the other layers found (so it runs last). A layer that failed on this
    text (``None``, its failure recorded) counts as having found nothing."""
    doc._.newsgraph_events = tuple(find_events(
        doc, doc._.newsgraph_entities or (), doc._.newsgraph_times or (), doc._.newsgraph_places or (),
        doc._.newsgraph_attributions or (), doc._.newsgraph_quotes or (),
        published=doc._.newsgraph_published, month=doc._.newsgraph_published_month))
    return doc

