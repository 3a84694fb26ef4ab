"""Scoring named-entity spans: exact and lenient matches per type, the name inside a gold mention, the
type mapping, and the table the script prints."""

from __future__ import annotations

import pytest

from newsgraph.evaluation.ner import (
    COMMON_TYPES,
    SPACY_TYPES,
    Counts,
    GoldDocument,
    GoldSpan,
    count,
    count_by_type,
    errors,
    flat_spans,
    format_table,
    name_core,
    score_table,
    scores,
)

P, G, L = "PERSON", "ORG", "PLACE"  # person, organisation, place


@pytest.mark.parametrize(
    ("gold", "predicted", "expected"),
    [
        ([(0, 5, P)], [(0, 5, P)], Counts(1, 1, 1, 1)),
        ([(0, 5, P)], [(0, 3, P)], Counts(1, 1, 0, 1)),  # overlap: lenient only
        ([(0, 5, P)], [(0, 5, G)], Counts(1, 1, 0, 0)),  # same span, other type: no match at all
        ([(0, 5, P)], [], Counts(1, 0, 0, 0)),
        ([], [(0, 5, P)], Counts(0, 1, 0, 0)),
        ([(0, 5, P), (0, 5, P)], [(0, 5, P)], Counts(1, 1, 1, 1)),  # duplicates count once
        ([(0, 10, P)], [(0, 4, P), (5, 10, P)], Counts(1, 2, 0, 1)),  # one to one: one gold, one partner
        ([(0, 4, P), (5, 10, P)], [(5, 10, P), (0, 10, P)], Counts(2, 2, 1, 2)),  # exact partner first
    ],
)
def test_count_tallies_exact_and_lenient_matches(gold: list[tuple[int, int, str]],
                                                 predicted: list[tuple[int, int, str]],
                                                 expected: Counts) -> None:
    assert count([GoldSpan(*g) for g in gold], [GoldSpan(*p) for p in predicted]) == expected


@pytest.mark.parametrize(
    ("counts", "precision", "recall", "f1"),
    [
        (Counts(4, 2, 2, 2), 1.0, 0.5, 2 / 3),
        (Counts(0, 0, 0, 0), 0.0, 0.0, 0.0),  # nothing to find and nothing found: zeros, no error
        (Counts(2, 4, 0, 2), 0.0, 0.0, 0.0),
    ],
)
def test_scores_are_precision_recall_f1_of_exact_matches(counts: Counts, precision: float, recall: float,
                                                         f1: float) -> None:
    figures = scores(counts)
    assert (figures["precision"], figures["recall"]) == (precision, recall)
    assert figures["f1"] == pytest.approx(f1)


def test_scores_lenient_figures_use_overlapping_matches() -> None:
    assert scores(Counts(2, 4, 0, 2))["lenient_f1"] == pytest.approx(2 / 3)


def test_count_by_type_keeps_types_apart_and_score_table_pools_them() -> None:
    gold = [GoldSpan(0, 5, P), GoldSpan(10, 15, G), GoldSpan(20, 25, "OTHER")]
    predicted = [GoldSpan(0, 5, P), GoldSpan(10, 15, L), GoldSpan(20, 25, "OTHER")]
    by_type = count_by_type(gold, predicted)
    assert by_type[P] == Counts(1, 1, 1, 1) and by_type[G] == Counts(1, 0, 0, 0)
    assert by_type[L] == Counts(0, 1, 0, 0)
    table = score_table(by_type)
    assert table["core"]["gold"] == 2 and table["core"]["predicted"] == 2 and table["core"]["f1"] == 0.5
    assert table["all"]["gold"] == 3 and table["all"]["f1"] == pytest.approx(2 / 3)


@pytest.mark.parametrize(
    ("gold", "predicted", "kind"),
    [
        ((0, 10, P), (0, 5, P), "boundary"),
        ((0, 10, G), (0, 10, L), "type"),
        ((0, 10, G), (4, 10, L), "overlap-type"),
        ((0, 10, G), None, "missed"),
        (None, (0, 10, G), "spurious"),
    ],
)
def test_errors_class_each_disagreement(gold: tuple[int, int, str] | None,
                                        predicted: tuple[int, int, str] | None, kind: str) -> None:
    g = [GoldSpan(*gold)] if gold else []
    p = [GoldSpan(*predicted)] if predicted else []
    assert [e[0] for e in errors(g, p)] == [kind]


def test_errors_ignore_exact_matches() -> None:
    assert errors([GoldSpan(0, 5, P)], [GoldSpan(0, 5, P)]) == []


@pytest.mark.parametrize(
    ("mention", "person", "expected"),
    [
        ("Chrysler", False, "Chrysler"),
        ("the Dow Jones Industrial Average", False, "Dow Jones Industrial Average"),
        ("The Dow Jones", False, "Dow Jones"),
        ("U.S. automaker GM", False, "GM"),
        ("the S&P 500 index", False, "S&P 500"),
        ("the Bank of England", False, "Bank of England"),
        ("AirTanker Ltd. , an EADS - led consortium", False, "AirTanker Ltd."),
        ("US President Donald Trump 's", True, "Donald Trump"),
        ("Apple CEO Steve Jobs", True, "Steve Jobs"),
        ("Lee Cheuk - yan", True, "Lee Cheuk - yan"),
        ("The President", True, None),  # a role, not a name
        ("the navy", False, None),
    ],
)
def test_name_core_finds_the_name_inside_a_gold_mention(mention: str, person: bool,
                                                        expected: str | None) -> None:
    words = mention.split()
    core = name_core(words, person=person)
    assert (" ".join(words[core[0]:core[1]]) if core else None) == expected


def test_name_core_grows_around_a_given_head() -> None:
    words = "the Daughters of the American Revolution Constitution Hall in Washington".split()
    core = name_core(words, head=7)
    assert core is not None and " ".join(words[core[0]:core[1]]) == (
        "Daughters of the American Revolution Constitution Hall")


def test_flat_spans_keep_outermost_names_and_cut_a_leading_place_from_a_person() -> None:
    text = "United States Hamdullah Mohib met FIRST Global people."
    spans = [GoldSpan(0, 29, P), GoldSpan(0, 13, L), GoldSpan(34, 39, G), GoldSpan(34, 46, "OTHER"),
             GoldSpan(34, 39, G)]
    assert flat_spans(spans, text) == (GoldSpan(0, 13, L), GoldSpan(14, 29, P), GoldSpan(34, 46, "OTHER"))


@pytest.mark.parametrize(
    ("label", "expected"),
    [("PERSON", P), ("ORG", G), ("GPE", L), ("LOC", L), ("FAC", L), ("NORP", "OTHER"),
     ("PRODUCT", "OTHER"), ("EVENT", "OTHER"), ("DATE", None), ("CARDINAL", None), ("MONEY", None)],
)
def test_spacy_labels_map_to_common_types(label: str, expected: str | None) -> None:
    assert SPACY_TYPES.get(label) == expected


def test_every_mapped_type_is_a_common_type() -> None:
    assert set(SPACY_TYPES.values()) <= set(COMMON_TYPES)


def test_gold_document_scores_only_inside_its_regions() -> None:
    everywhere = GoldDocument("a", "x" * 50, ())
    first_half = GoldDocument("b", "x" * 50, (), regions=((0, 25),))
    late = GoldSpan(30, 35, P)
    assert everywhere.scored(late) and not first_half.scored(late)
    assert first_half.scored(GoldSpan(20, 28, P))


def test_format_table_has_a_row_per_type_and_both_systems() -> None:
    table = score_table(count_by_type([GoldSpan(0, 5, P)], [GoldSpan(0, 5, P)]))
    text = format_table("mini", {"newsgraph": table, "spacy": table, "documents": 1, "gold": 1,
                                 "seconds": 0.5})
    assert text.startswith("mini: 1 documents, 1 gold names")
    for row in (*COMMON_TYPES, "core", "all"):
        assert f"\n{row:<7} " in text
    assert "1.000 1.000 1.000 (1.000)" in text.splitlines()[2]
