"""TempEval-3 task A scoring: strict/relaxed span P/R/F1, type and value accuracy and F1."""

from __future__ import annotations

import pytest

from newsgraph.evaluation.tempeval import Counts, count, format_table, match, score, scores
from newsgraph.nlp.records import TimeExpression, TimeType


def tx(start: int, end: int, kind: TimeType = "DATE", value: str | None = "2026-01-15") -> TimeExpression:
    return TimeExpression(start, end, "x" * (end - start), kind, value)


@pytest.mark.parametrize(
    ("gold", "predicted", "expected"),
    [
        ([tx(0, 8)], [tx(0, 8)], Counts(1, 1, 1, 1, 1, 1)),
        ([tx(0, 8)], [tx(2, 8)], Counts(1, 1, 0, 1, 1, 1)),
        ([tx(0, 8)], [tx(8, 12)], Counts(1, 1, 0, 0, 0, 0)),
        ([tx(0, 8)], [tx(0, 8, "DURATION", "P1D")], Counts(1, 1, 1, 1, 0, 0)),
        ([tx(0, 8)], [tx(0, 8, "DATE", None)], Counts(1, 1, 1, 1, 1, 0)),
        ([tx(0, 8), tx(10, 14)], [], Counts(2, 0, 0, 0, 0, 0)),
        ([], [tx(0, 3)], Counts(0, 1, 0, 0, 0, 0)),
    ],
)
def test_count_tallies_matches(
    gold: list[TimeExpression], predicted: list[TimeExpression], expected: Counts
) -> None:
    assert count(gold, predicted) == expected


def test_match_pairs_each_prediction_once_and_prefers_exact_spans() -> None:
    gold = [tx(0, 10), tx(5, 10)]
    predicted = [tx(5, 10)]
    assert match(gold, predicted) == [(gold[0], predicted[0])]
    assert match([tx(5, 10), tx(0, 10)], [tx(0, 4), tx(5, 10)]) == [
        (tx(5, 10), tx(5, 10)), (tx(0, 10), tx(0, 4))
    ]


def test_scores_value_f1_is_relaxed_f1_times_value_accuracy() -> None:
    figures = scores(Counts(gold=10, predicted=8, strict=6, relaxed=8, type_correct=7, value_correct=6))
    assert figures["strict_precision"] == pytest.approx(6 / 8)
    assert figures["strict_recall"] == pytest.approx(6 / 10)
    assert figures["relaxed_f1"] == pytest.approx(2 * 1.0 * 0.8 / 1.8)
    assert figures["type_accuracy"] == pytest.approx(7 / 8)
    assert figures["value_f1"] == pytest.approx(figures["relaxed_f1"] * 6 / 8)


def test_scores_of_nothing_are_zero_not_an_error() -> None:
    assert set(scores(Counts()).values()) == {0.0}


def test_score_adds_documents_up() -> None:
    figures = score([([tx(0, 8)], [tx(0, 8)]), ([tx(0, 8)], [])])
    assert figures["relaxed_recall"] == 0.5
    assert figures["relaxed_precision"] == 1.0


def test_format_table_lists_every_figure() -> None:
    table = format_table({"value_f1": 0.75, "documents": 3})
    assert table.splitlines() == ["value_f1                0.750", "documents                   3"]
