"""The extraction recipe over spaCy: texts in, ``Analysis`` records out, spaCy objects left behind.

Texts go through ``nlp.pipe`` in batches, each batch inside ``nlp.memory_zone()`` so that a run over
millions of articles does not grow the vocabulary's memory; every ``Doc`` becomes plain records before
its zone closes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from itertools import islice

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.kb import default_gazetteer
from newsgraph.nlp.attributions import find_attributions
from newsgraph.nlp.entities import find_entities
from newsgraph.nlp.places import find_places
from newsgraph.nlp.quotes import find_quotes
from newsgraph.nlp.records import Analysis, Sentence
from newsgraph.nlp.roles import find_roles
from newsgraph.nlp.times import find_times

# Texts per memory zone: big enough to keep nlp.pipe batching, small enough to bound memory.
ZONE_SIZE = 256


def analyse(
    items: Iterable[tuple[str, date | None]], nlp: Language, *, batch_size: int = 32
) -> Iterator[Analysis]:
    """One ``Analysis`` per ``(text, publication date)``, in order."""
    iterator = iter(items)
    while chunk := list(islice(iterator, ZONE_SIZE)):
        with nlp.memory_zone():
            texts = (text for text, _ in chunk)
            for doc, (_, published) in zip(nlp.pipe(texts, batch_size=batch_size), chunk, strict=True):
                yield analysis_of(doc, published)


def analysis_of(doc: Doc, published: date | None) -> Analysis:
    """The boundary: what the layers find in ``doc``, as records."""
    # 1. sentences
    sentences = tuple(Sentence(s.start_char, s.start_char + len(s.text.rstrip()))
                      for s in doc.sents if not s.text.isspace())
    # 2. entities and their identities within the article
    entities = tuple(find_entities(doc))
    # 3. the titles people hold, as of the publication date
    roles = tuple(find_roles(doc, entities, published))
    # 4. quotes with their speakers, and whom each claim is attributed to
    quotes = tuple(find_quotes(doc, entities))
    attributions = tuple(find_attributions(doc))
    # 5. time expressions, resolved against the publication day
    times = tuple(find_times(doc, published))
    # 6. places, resolved against the gazetteer, never where the entity layer found a person
    people = [(m.start, m.end) for e in entities if e.type == "PERSON" for m in e.mentions]
    places = tuple(p for p in find_places(doc, default_gazetteer())
                   if not any(a < p.end and p.start < b for a, b in people))
    return Analysis(sentences=sentences, entities=entities, roles=roles, quotes=quotes,
                    attributions=attributions, times=times, places=places)
