"""The evaluation suite behind ``newsgraph eval`` and the quality gate.

Each suite reads one or more corpora under the data folder (``../shared/eval`` by default) and returns
flat figures named ``suite.corpus.measure``, so the gate can pin a floor under each one.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path

from newsgraph.errors import NewsgraphError

SUITES = ("ner", "times", "places", "events", "coref", "timelines", "stories")
Figures = dict[str, float]
# Figures where lower is better, ending so: the baseline holds a ceiling over them, not a floor.
CEILINGS = ("_km", "false_positive_rate")


class EvaluationDataError(NewsgraphError):
    """A corpus the suite needs is not in the data folder."""


def default_data() -> Path:
    """``../shared/eval`` next to the working copy, as the project's machines have it."""
    return Path(__file__).resolve().parents[3].parent / "shared" / "eval"


def run(suites: Sequence[str], data: Path, model: str) -> Figures:
    """Run ``suites`` on the corpora in ``data``; figures are rounded to four places."""
    figures: Figures = {}
    for name in suites:
        figures.update(_RUNNERS[name](data, model))
    return {key: round(value, 4) for key, value in figures.items()}


def _corpus(data: Path, name: str) -> Path:
    path = data / name
    if not path.exists():
        raise EvaluationDataError(f"{path} is missing: give the folder holding the gold corpora with --data")
    return path


def _ner(data: Path, model: str) -> Figures:
    from newsgraph.evaluation import gum, meantime, ner
    from newsgraph.nlp.model import shared_pipeline

    nlp = shared_pipeline(model)
    figures: Figures = {}
    for corpus, reader in (("gum-news", gum.read_documents), ("meantime-en", meantime.read_documents)):
        result = ner.evaluate(reader(_corpus(data, corpus)), nlp)
        for system in ("newsgraph", "spacy"):
            scores = result[system]
            assert isinstance(scores, dict)
            for group in ("PERSON", "ORG", "PLACE", "core"):
                figures[f"ner.{corpus}.{system}.{group}.f1"] = scores[group]["f1"]
    return figures


def _times(data: Path, model: str) -> Figures:
    from newsgraph.evaluation.tempeval import evaluate_meantime, evaluate_timeml
    from newsgraph.nlp.model import shared_pipeline

    nlp = shared_pipeline(model)
    figures: Figures = {}
    for corpus, evaluate in (("timeml-tbaq", evaluate_timeml), ("meantime-en", evaluate_meantime)):
        result = evaluate(_corpus(data, corpus), nlp)
        for key in ("strict_f1", "relaxed_f1", "type_accuracy", "value_f1"):
            figures[f"times.{corpus}.{key}"] = float(result[key])
    return figures


def _places(data: Path, model: str) -> Figures:
    from newsgraph.evaluation.geovirus import evaluate

    figures: Figures = {}
    for scores in evaluate(_corpus(data, "geovirus"), ("gold", "ner")):
        prefix = f"places.geovirus.{scores.mode}"
        figures[f"{prefix}.accuracy_161km"] = scores.accuracy_161
        figures[f"{prefix}.median_km"] = scores.median_km
        if scores.mode == "ner":
            figures[f"{prefix}.toponym_f1"] = scores.f1
    return figures


def _events(data: Path, model: str) -> Figures:
    from newsgraph.evaluation.events import evaluate

    return evaluate(_corpus(data, "plover-gsr"), _corpus(data, "petrarch-unittest"), model)


def _coref(data: Path, model: str) -> Figures:
    from newsgraph.evaluation.event_coref import evaluate

    return evaluate(_corpus(data, "ecbplus-dev"), model)


def _timelines(data: Path, model: str) -> Figures:
    from newsgraph.evaluation.semeval_timeline import evaluate

    return evaluate(_corpus(data, "semeval2015-timeline"), model)


def _stories(data: Path, model: str) -> Figures:
    from newsgraph.evaluation.stories import figures

    return figures(_corpus(data, "ecbplus-dev") / "ECB+", model)


_RUNNERS: dict[str, Callable[[Path, str], Figures]] = {
    "ner": _ner,
    "times": _times,
    "places": _places,
    "events": _events,
    "coref": _coref,
    "timelines": _timelines,
    "stories": _stories,
}


def regressions(figures: Figures, baseline: dict[str, float]) -> list[str]:
    """Figures below their floor (above it, for error measures ending as ``CEILINGS`` says)."""
    problems = []
    for key, floor in sorted(baseline.items()):
        if key not in figures:
            continue
        value = figures[key]
        ceiling = key.endswith(CEILINGS)
        if value > floor if ceiling else value < floor:
            problems.append(f"{key}: {value} against a {'ceiling' if ceiling else 'floor'} of {floor}")
    return problems


def load_baseline(path: Path) -> dict[str, float]:
    data = json.loads(path.read_text("utf-8"))
    return {key: float(value) for key, value in data["floors"].items()}
