"""The GeoVirus reader, haversine distances and span scoring, on a hand-written mini corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.evaluation.geovirus import (
    ACCURACY_KM,
    MISSING_ERROR_KM,
    GoldToponym,
    haversine_km,
    read_geovirus,
    score,
)
from newsgraph.nlp.records import Place

# Offsets as the corpus writes them: start and end one past the Python indices.
MINI = """<articles>
  <article>
    <source>https://example.org/a</source>
    <text>Flu cases rose in Arica, Chile this week.</text>
    <locations>
      <location><name>Arica</name><start>19</start><end>24</end><lat>-18.48</lat><lon>-70.31</lon>
        <page>https://example.org/Arica</page></location>
      <location><name>Chile</name><start>26</start><end>31</end><lat>-35</lat><lon>-71</lon>
        <page>https://example.org/Chile</page></location>
    </locations>
  </article>
</articles>
"""


def test_reader_shifts_one_based_offsets_onto_the_text(tmp_path: Path) -> None:
    (tmp_path / "GeoVirus.xml").write_text(MINI, encoding="utf-8")
    [article] = read_geovirus(tmp_path)
    assert [(t.name, article.text[t.start:t.end]) for t in article.toponyms] == [
        ("Arica", "Arica"), ("Chile", "Chile")]
    assert article.toponyms[0].lat == -18.48


def test_reader_takes_the_file_its_folder_or_the_eval_folder_above(tmp_path: Path) -> None:
    (tmp_path / "geovirus").mkdir()
    (tmp_path / "geovirus" / "GeoVirus.xml").write_text(MINI, encoding="utf-8")
    for path in (tmp_path, tmp_path / "geovirus", tmp_path / "geovirus" / "GeoVirus.xml"):
        assert len(list(read_geovirus(path))) == 1


def test_reader_names_where_it_looked_when_the_corpus_is_missing(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"no GeoVirus.xml there nor in .*geovirus"):
        list(read_geovirus(tmp_path))


@pytest.mark.parametrize(("a", "b", "km"), [
    ((0.0, 0.0), (0.0, 0.0), 0.0),
    ((0.0, 0.0), (0.0, 1.0), 111.2),
    ((51.5074, -0.1278), (48.8566, 2.3522), 343.6),
    ((90.0, 0.0), (-90.0, 0.0), 20015.1),
])
def test_haversine_gives_great_circle_km(a: tuple[float, float], b: tuple[float, float], km: float) -> None:
    assert haversine_km(*a, *b) == pytest.approx(km, abs=0.5)


def place(start: int, end: int, lat: float | None, lon: float | None) -> Place:
    return Place(start, end, "x", "x", None, lat, lon, None, "city" if lat is not None else "unknown")


def test_scoring_counts_exact_and_overlapping_spans_and_errors() -> None:
    gold = [GoldToponym(0, 5, "Arica", -18.48, -70.31), GoldToponym(7, 12, "Chile", -35.0, -71.0),
            GoldToponym(20, 25, "Tacna", -18.0, -70.25)]
    predicted = [place(0, 5, -18.48, -70.31), place(7, 15, -30.0, -71.0), place(30, 34, 0.0, 0.0)]
    scores = score("ner", [(predicted, gold)])
    assert (scores.exact_matches, scores.overlap_matches) == (1, 2)
    assert scores.precision == pytest.approx(2 / 3) and scores.recall == pytest.approx(2 / 3)
    assert scores.errors_km[0] == pytest.approx(0.0)
    assert scores.errors_km[1] > ACCURACY_KM
    assert scores.accuracy_161 == 0.5


def test_an_unplaced_toponym_counts_as_the_largest_error() -> None:
    scores = score("gold", [([place(0, 5, None, None)], [GoldToponym(0, 5, "Atlantis", 1.0, 1.0)])])
    assert scores.errors_km == (MISSING_ERROR_KM,)
    assert scores.accuracy_161 == 0.0


def test_halves_split_articles_by_position_even_dev_odd_test() -> None:
    from newsgraph.evaluation.geovirus import in_half

    assert [i for i in range(6) if in_half(i, "dev")] == [0, 2, 4]
    assert [i for i in range(6) if in_half(i, "test")] == [1, 3, 5]
    assert all(in_half(i, "all") for i in range(6))
    with pytest.raises(ValueError, match="half"):
        in_half(0, "train")
