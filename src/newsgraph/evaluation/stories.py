"""Score story grouping on ECB+ (``ecbplus-dev``): do articles about the same seminal event form one story?

Each ECB+ topic holds two sets of articles about two similar but different real-world events: the
``ecb`` half (``1_3ecb.xml``, Tara Reid enters rehab) and the ``ecbplus`` half (``1_3ecbplus.xml``,
Lindsay Lohan enters rehab). Those halves are the gold groups. Every document of every topic is
clustered together, so a system must both keep topics apart and split each topic in two.

The documents run through production: ``analyse`` with the shared pipeline, ``analysis_payload``,
``profile_of`` and ``cluster``. ECB+ gives no publication dates, so every profile is undated and the
time factor is 1 throughout; documents are fed in a fixed pseudo-random order (a hash of the file name),
so neither topic nor half is given away by the order. Sentence 0 of an ``ecbplus`` file is the page
address it was found at, and is left out.

Splits: topics with odd numbers are ``dev`` (options are tuned there), even numbers ``test``. ``dev-a``
(topics 1, 5, 9 …) and ``dev-b`` (3, 7, 11 …) halve DEV, to check that a change helps both halves before
it is kept (a leave-topics-out check that never reads TEST); the suite reports ``SPLITS`` only.
Measures: B³ precision, recall and F1 over documents, and the adjusted Rand index.
"""

from __future__ import annotations

import hashlib
import logging
import math
import re
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsgraph.stories import ArticleProfile, StoryOptions, cluster, profile_of

if TYPE_CHECKING:
    from spacy.language import Language

logger = logging.getLogger(__name__)
SPLITS = ("dev", "test", "all")
FOLDS = ("dev-a", "dev-b")  # DEV's halves by topic number modulo 4, for checks while tuning
_NAME = re.compile(r"^(\d+)_(\d+)(ecb|ecbplus)\.xml$")
# Extraction records per document, in the order given: the seam that keeps the model out of tests.
Extractor = Callable[[Sequence["Document"]], list[dict[str, Any]]]


@dataclass(frozen=True)
class Document:
    """One ECB+ document: its topic, gold group (``1/ecb``) and text."""

    name: str
    topic: int
    group: str
    text: str


@dataclass(frozen=True)
class Scores:
    split: str
    documents: int
    gold_groups: int
    stories: int
    b3_precision: float
    b3_recall: float
    b3_f1: float
    ari: float


def read_documents(folder: Path) -> list[Document]:
    """Every ``T_Necb.xml`` / ``T_Necbplus.xml`` under ``folder``, in a fixed pseudo-random order."""
    documents = []
    for path in folder.rglob("*.xml"):
        match = _NAME.match(path.name)
        if match:
            topic, half = int(match.group(1)), match.group(3)
            documents.append(Document(path.name, topic, f"{topic}/{half}", document_text(path, half)))
    return sorted(documents, key=lambda d: hashlib.sha256(d.name.encode()).hexdigest())


def document_text(path: Path, half: str) -> str:
    """The tokens of a CAT XML file, sentences on lines of their own (an ``ecbplus`` file's sentence 0,
    its address, left out)."""
    sentences: dict[int, list[str]] = defaultdict(list)
    for token in ET.parse(path).getroot().iter("token"):
        sentences[int(token.get("sentence", "0"))].append(token.text or "")
    skip = {0} if half == "ecbplus" else set()
    return "\n".join(_detokenised(words) for number, words in sorted(sentences.items()) if number not in skip)


def _detokenised(words: list[str]) -> str:
    text = " ".join(words)
    text = re.sub(r" ([.,;:!?%)\]}'’]|n't|'s)", r"\1", text)
    return re.sub(r"([(\[{$]) ", r"\1", text)


def in_split(topic: int, split: str) -> bool:
    if split in FOLDS:
        return topic % 4 == (1 if split == "dev-a" else 3)
    if split not in SPLITS:
        raise ValueError(f"split {split!r} is not one of {', '.join(SPLITS + FOLDS)}")
    return split == "all" or (topic % 2 == 1) == (split == "dev")


def profiles(documents: Sequence[Document], records: Sequence[dict[str, Any]]) -> list[ArticleProfile]:
    """Undated profiles, with the same MinHash bands ingest would store."""
    from newsgraph.dedup import fingerprint
    from newsgraph.settings import Settings

    settings = Settings()
    return [profile_of(i, None, None, record, fingerprint(doc.text, settings).band_keys, text=doc.text)
            for i, (doc, record) in enumerate(zip(documents, records, strict=True))]


def evaluate(documents: Sequence[Document], extract: Extractor, options: StoryOptions | None = None,
             splits: Sequence[str] = SPLITS) -> list[Scores]:
    """Cluster each split's documents on their own and score them against the halves."""
    records = extract(documents)
    all_profiles = profiles(documents, records)
    results = []
    for split in splits:
        chosen = [i for i, d in enumerate(documents) if in_split(d.topic, split)]
        if not chosen:
            continue
        predicted = cluster([all_profiles[i] for i in chosen], options)
        gold = [documents[i].group for i in chosen]
        results.append(score(split, gold, predicted))
    return results


def score(split: str, gold: Sequence[Hashable], predicted: Sequence[Hashable]) -> Scores:
    precision, recall = b_cubed(gold, predicted)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(split, len(gold), len(set(gold)), len(set(predicted)), precision, recall, f1,
                  adjusted_rand(gold, predicted))


def b_cubed(gold: Sequence[Hashable], predicted: Sequence[Hashable]) -> tuple[float, float]:
    """B³ precision and recall (Bagga and Baldwin 1998), averaged over items."""
    if not gold:
        return 0.0, 0.0
    pairs = Counter(zip(gold, predicted, strict=True))
    gold_sizes, predicted_sizes = Counter(gold), Counter(predicted)
    precision = sum(n * n / predicted_sizes[p] for (_, p), n in pairs.items()) / len(gold)
    recall = sum(n * n / gold_sizes[g] for (g, _), n in pairs.items()) / len(gold)
    return precision, recall


def adjusted_rand(gold: Sequence[Hashable], predicted: Sequence[Hashable]) -> float:
    """The adjusted Rand index (Hubert and Arabie 1985): 1 identical, about 0 for chance."""
    n = len(gold)
    if n < 2:
        return 1.0
    index = _pairs(Counter(zip(gold, predicted, strict=True)).values())
    a, b = _pairs(Counter(gold).values()), _pairs(Counter(predicted).values())
    expected = a * b / math.comb(n, 2)
    ceiling = (a + b) / 2
    return 1.0 if ceiling == expected else (index - expected) / (ceiling - expected)


def _pairs(sizes: Iterable[int]) -> float:
    return float(sum(math.comb(s, 2) for s in sizes))


def model_extractor(model: str, batch_size: int = 32) -> Extractor:
    """Extraction records as ``process`` stores them: ``analyse`` with the shared pipeline. A document
    the pipeline fails on is logged and gets an empty record (it can then only start its own story)."""

    def extract(documents: Sequence[Document]) -> list[dict[str, Any]]:
        from newsgraph.nlp.model import shared_pipeline

        nlp = shared_pipeline(model)
        records: list[dict[str, Any]] = []
        for start in range(0, len(documents), batch_size):
            chunk = documents[start:start + batch_size]
            try:
                records += _records(chunk, nlp, batch_size)
            except Exception:  # one bad document must not sink the batch: redo it one by one
                records += [_record_or_empty(d, nlp) for d in chunk]
        return records

    return extract


def _records(documents: Sequence[Document], nlp: Language, batch_size: int) -> list[dict[str, Any]]:
    from newsgraph.extraction import Prepared, analysis_payload
    from newsgraph.nlp.analyse import analyse
    from newsgraph.records import Metadata

    analyses = analyse(((d.text, None) for d in documents), nlp, batch_size=batch_size)
    return [analysis_payload(Prepared(d.name, d.text, Metadata()), a)
            for d, a in zip(documents, analyses, strict=True)]


def _record_or_empty(document: Document, nlp: Language) -> dict[str, Any]:
    try:
        return _records([document], nlp, 1)[0]
    except Exception as error:  # a pipeline bug on this text: logged, scored as an empty profile
        logger.warning("%s: extraction failed (%s: %s); scored with no entities", document.name,
                       type(error).__name__, error)
        return {}


def figures(folder: Path, model: str) -> dict[str, float]:
    """Figures ``stories.ecbplus-dev.<split>.<measure>`` for the suite."""
    result: dict[str, float] = {}
    for scores in evaluate(read_documents(folder), model_extractor(model)):
        prefix = f"stories.ecbplus-dev.{scores.split}"
        result[f"{prefix}.b3_f1"] = scores.b3_f1
        result[f"{prefix}.b3_precision"] = scores.b3_precision
        result[f"{prefix}.b3_recall"] = scores.b3_recall
        result[f"{prefix}.ari"] = scores.ari
    return result
