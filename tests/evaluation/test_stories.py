"""Story grouping on ECB+-shaped documents: reading, splits, B³ and adjusted Rand, and the whole run with
a fake extractor (no model)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from newsgraph.evaluation.stories import (
    Document,
    adjusted_rand,
    b_cubed,
    document_text,
    evaluate,
    in_split,
    read_documents,
    score,
)


def _write(folder: Path, name: str, sentences: list[list[str]]) -> None:
    tokens = "".join(f'<token t_id="{i}" sentence="{s}" number="{n}">{w}</token>\n'
                     for i, (s, n, w) in enumerate(((s, n, w) for s, words in enumerate(sentences)
                                                    for n, w in enumerate(words)), start=1))
    (folder / name).write_text(f'<Document doc_name="{name}">\n{tokens}</Document>\n', "utf-8")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    for topic in (1, 2):
        (tmp_path / str(topic)).mkdir()
        for number in (1, 2):
            for half, who in (("ecb", "Tara Reid"), ("ecbplus", "Lindsay Lohan")):
                _write(tmp_path / str(topic), f"{topic}_{number}{half}.xml",
                       [["http://example.org"], [*who.split(), "enters", "rehab", "."],
                        ["Topic", str(topic)]])
    (tmp_path / "1" / "notes.xml").write_text("<x/>", "utf-8")
    return tmp_path


def test_reads_every_document_with_its_gold_group(corpus: Path) -> None:
    documents = read_documents(corpus)
    assert len(documents) == 8
    assert {d.group for d in documents} == {"1/ecb", "1/ecbplus", "2/ecb", "2/ecbplus"}
    assert read_documents(corpus) == documents  # a fixed order


def test_ecbplus_documents_drop_their_address_sentence(corpus: Path) -> None:
    assert document_text(corpus / "1" / "1_1ecbplus.xml", "ecbplus") == "Lindsay Lohan enters rehab.\nTopic 1"
    assert document_text(corpus / "1" / "1_1ecb.xml", "ecb").startswith("http://example.org\nTara")


@pytest.mark.parametrize(("topic", "split", "expected"), [
    (1, "dev", True), (1, "test", False), (2, "test", True), (2, "all", True),
    (1, "dev-a", True), (5, "dev-a", True), (3, "dev-a", False), (3, "dev-b", True), (2, "dev-b", False)])
def test_odd_topics_are_dev_even_are_test(topic: int, split: str, expected: bool) -> None:
    assert in_split(topic, split) is expected


def test_unknown_split_names_the_known_ones() -> None:
    with pytest.raises(ValueError, match="dev-a"):
        in_split(1, "train")


@pytest.mark.parametrize(("gold", "predicted", "precision", "recall", "ari"), [
    ("aabb", "xxyy", 1.0, 1.0, 1.0),
    ("aabb", "xxxx", 0.5, 1.0, 0.0),
    ("aabb", "wxyz", 1.0, 0.5, 0.0),
    ("aaabbb", "xxyyyy", 0.75, 7 / 9, None),  # 1 of 3 a's sits with the b's
])
def test_b_cubed_and_adjusted_rand(gold: str, predicted: str, precision: float, recall: float,
                                   ari: float | None) -> None:
    p, r = b_cubed(list(gold), list(predicted))
    assert p == pytest.approx(precision)
    assert r == pytest.approx(recall)
    if ari is not None:
        assert adjusted_rand(list(gold), list(predicted)) == pytest.approx(ari)


def test_score_counts_groups_and_stories() -> None:
    result = score("dev", ["a", "a", "b"], [1, 1, 2])
    assert (result.documents, result.gold_groups, result.stories, result.b3_f1) == (3, 2, 2, 1.0)


def _fake_extract(documents: Sequence[Document]) -> list[dict[str, Any]]:
    """Records naming the person each text is about, as extraction would."""
    records = []
    for doc in documents:
        person = "person:tara-reid" if "Tara" in doc.text else "person:lindsay-lohan"
        records.append({"entities": [{"id": person, "mentions": [{}, {}]}]})
    return records


def test_evaluate_scores_each_split(corpus: Path) -> None:
    results = {s.split: s for s in evaluate(read_documents(corpus), _fake_extract)}
    assert set(results) == {"dev", "test", "all"}
    assert results["dev"].b3_f1 == pytest.approx(1.0)
    assert results["dev"].documents == 4


def test_evaluate_scores_the_dev_folds_on_request(corpus: Path) -> None:
    results = evaluate(read_documents(corpus), _fake_extract, splits=("dev-a", "dev-b"))
    assert [s.split for s in results] == ["dev-a"]  # topic 1 only: dev-b is empty here
