"""The extraction recipe over spaCy: texts in, ``Analysis`` records out, spaCy objects left behind.

The layers run as spaCy components (``nlp/components.py``) in the pipeline ``nlp/model.py`` loads;
this module feeds them texts with their publication dates and reads their results back as records.

Texts go through ``nlp.pipe`` in batches, each batch inside ``nlp.memory_zone()`` so that a run over
millions of articles does not grow the vocabulary's memory; every ``Doc`` becomes plain records before
its zone closes. A text that makes a component fail comes back with ``Analysis.failures`` set, and the
rest of its batch is analysed as usual.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date
from itertools import islice

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.dates import anchor_day, anchor_month
from newsgraph.nlp.records import Analysis, Entity, Place, Sentence
from newsgraph.records import PartialDate

# Texts per memory zone: big enough to keep nlp.pipe batching, small enough to bound memory.
ZONE_SIZE = 256


Published = date | PartialDate | None


def analyse(
    items: Iterable[tuple[str, Published]], nlp: Language, *, batch_size: int = 32
) -> Iterator[Analysis]:
    """One ``Analysis`` per ``(text, publication date)``, in order. A ``PartialDate`` known only to
    the month still gives dates without a year their year ("March 26"); relative ones ("Thursday")
    need the day."""
    iterator = iter(items)
    while chunk := list(islice(iterator, ZONE_SIZE)):
        with nlp.memory_zone():
            try:
                analyses = [analysis_of(doc) for doc in nlp.pipe(
                    (_prepared(nlp, text, published) for text, published in chunk), batch_size=batch_size)]
            except Exception:  # one of spaCy's own components failed on some text
                analyses = [_alone(nlp, text, published) for text, published in chunk]
        yield from analyses


def _alone(nlp: Language, text: str, published: Published) -> Analysis:
    """One text through the pipeline by itself, after its batch failed: a text that breaks spaCy's
    own components comes back as an analysis whose ``failures`` say so, and the others are analysed.
    (newsgraph's components record their own failures; see ``components.guarded``.)"""
    try:
        return analysis_of(nlp(_prepared(nlp, text, published)))
    except Exception as error:  # any error: the text is reported, not lost
        return Analysis(sentences=(), entities=(), failures=(f"spaCy: {type(error).__name__}: {error}",))


def _prepared(nlp: Language, text: str, published: Published) -> Doc:
    doc = nlp.make_doc(text)
    if isinstance(published, PartialDate):
        doc._.newsgraph_published = anchor_day(published)
        doc._.newsgraph_published_month = anchor_month(published)
    else:
        doc._.newsgraph_published = published
        doc._.newsgraph_published_month = (published.year, published.month) if published else None
    return doc


def analysis_of(doc: Doc) -> Analysis:
    """The boundary: what newsgraph's components stored on ``doc``, as records."""
    sentences = tuple(Sentence(s.start_char, s.start_char + len(s.text.rstrip()))
                      for s in doc.sents if not s.text.isspace()) if doc.has_annotation("SENT_START") else ()
    # A layer is None when its component is switched off or raised (``failures`` says which).
    places = doc._.newsgraph_places or ()
    return Analysis(
        sentences=sentences,
        entities=_linked(doc._.newsgraph_entities or (), places),
        roles=doc._.newsgraph_roles or (),
        quotes=doc._.newsgraph_quotes or (),
        attributions=doc._.newsgraph_attributions or (),
        times=doc._.newsgraph_times or (),
        places=places,
        events=doc._.newsgraph_events or (),
        failures=tuple(doc._.newsgraph_failures or ()),
    )


def _linked(entities: tuple[Entity, ...], places: tuple[Place, ...]) -> tuple[Entity, ...]:
    """Place entities get the GeoNames id their mentions were resolved to (``geonames:3646738``)."""
    at = {(p.start, p.end): p.geonameid for p in places if p.geonameid is not None}
    linked = []
    for entity in entities:
        ids = [at[(m.start, m.end)] for m in entity.mentions if (m.start, m.end) in at]
        if ids and entity.kb_id is None:
            entity = replace(entity, kb_id=f"geonames:{Counter(ids).most_common(1)[0][0]}")
        linked.append(entity)
    return tuple(linked)
