"""MUC, B³, CEAF-e and CoNLL F1 on the textbook examples of Pradhan et al. (2014) and Luo (2005)."""

from __future__ import annotations

import itertools
import random

import pytest

from newsgraph.evaluation.coref_metrics import b_cubed, ceaf_e, max_assignment, muc, score

# Pradhan et al. 2014, the running example of section 3: key {a b c} {d e f g},
# response {a b} {c d} {f g h i} (h and i are mentions the key does not have).
KEY = [set("abc"), set("defg")]
RESPONSE = [set("ab"), set("cd"), set("fghi")]


def test_muc_on_the_pradhan_example() -> None:
    result = muc(KEY, RESPONSE)
    assert (result.recall, result.precision) == pytest.approx((2 / 5, 2 / 5))


def test_b_cubed_on_the_pradhan_example() -> None:
    result = b_cubed(KEY, RESPONSE)
    # recall (4/3 + 1/3 + 1/4 + 4/4) / 7, precision (4/2 + 1/2 + 1/2 + 4/4) / 8
    assert (result.recall, result.precision) == pytest.approx((35 / 84, 4 / 8))


def test_ceaf_e_on_the_pradhan_example() -> None:
    result = ceaf_e(KEY, RESPONSE)
    # best alignment {abc}-{ab} (φ4 = 4/5) and {defg}-{fghi} (φ4 = 4/8)
    assert (result.recall, result.precision) == pytest.approx((1.3 / 2, 1.3 / 3))


def test_conll_f1_is_the_mean_of_the_three() -> None:
    result = score(KEY, RESPONSE)
    assert result.conll_f1 == pytest.approx((0.4 + 2 * (35 / 84) * 0.5 / (35 / 84 + 0.5)
                                             + 2 * 0.65 * (1.3 / 3) / (0.65 + 1.3 / 3)) / 3)


def test_luo_example_system_merging_everything() -> None:
    # Luo 2005, figure 1: key {1..5} {6 7} {8 9 A B C}; system (c) puts all twelve in one entity.
    key = [set("12345"), set("67"), set("89ABC")]
    response = [set("123456789ABC")]
    assert muc(key, response).recall == 1.0
    assert muc(key, response).precision == pytest.approx(9 / 11)
    assert b_cubed(key, response).precision == pytest.approx((25 + 4 + 25) / 12 / 12)
    # CEAF-e aligns the one response entity with the best key entity: φ4 = 2·5 / 17
    assert ceaf_e(key, response).recall == pytest.approx(10 / 17 / 3)
    assert ceaf_e(key, response).precision == pytest.approx(10 / 17)


def test_luo_example_all_singletons() -> None:
    key = [set("12345"), set("67"), set("89ABC")]
    response = [{m} for m in "123456789ABC"]
    assert muc(key, response).f1 == 0.0  # no links at all: MUC gives nothing
    assert b_cubed(key, response).precision == 1.0
    assert b_cubed(key, response).recall == pytest.approx((1 / 5 * 5 + 1 / 2 * 2 + 1 / 5 * 5) / 12)


def test_identical_clusterings_score_one_everywhere() -> None:
    key = [{1, 2, 3}, {4}, {5, 6}]
    assert score(key, [{3, 2, 1}, {6, 5}, {4}]).conll_f1 == pytest.approx(1.0)


def test_a_mention_in_two_clusters_is_refused() -> None:
    with pytest.raises(ValueError, match="two clusters"):
        muc([{1, 2}], [{1}, {1, 2}])


def test_assignment_matches_brute_force() -> None:
    rng = random.Random(7)
    for rows, cols in ((3, 3), (2, 5), (5, 2), (4, 4)):
        matrix = [[rng.random() for _ in range(cols)] for _ in range(rows)]
        if rows <= cols:
            best = max(sum(matrix[i][j] for i, j in enumerate(p))
                       for p in itertools.permutations(range(cols), rows))
        else:
            best = max(sum(matrix[i][j] for j, i in enumerate(p))
                       for p in itertools.permutations(range(rows), cols))
        assert max_assignment(matrix) == pytest.approx(best)
