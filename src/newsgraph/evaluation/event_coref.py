"""Grouping ECB+ event mentions into events: the same-lemma baseline and newsgraph's own grouping.

Each document's selected sentences are analysed once, as one text (sentences separated by blank
lines), by a pipeline of the suite's own: newsgraph's, plus spaCy's lemmatizer, which production
leaves out. From it each gold mention gets a ``MentionSignals``: the lemma of its head word, the
PLOVER class newsgraph's event lexicon gives that lemma, and the entities, places and time values
newsgraph finds in its sentence.

* ``same_lemma``: the baseline. Mentions of one topic whose head lemmas are equal are one cluster.
* ``group_mentions``: newsgraph's grouping (see its docstring).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING

from newsgraph.evaluation.coref_metrics import score
from newsgraph.evaluation.ecbplus import HALVES, Document, GoldMention, gold_clusters, in_half, read_documents
from newsgraph.names import fold
from newsgraph.nlp.event_lexicon import CuePos, Lexicon, default_lexicon
from newsgraph.nlp.records import Analysis

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

# spaCy's part of speech to the event lexicon's.
_LEXICON_POS: dict[str, CuePos] = {"VERB": "V", "AUX": "V", "NOUN": "N", "PROPN": "N", "ADJ": "A"}
_CUE_POS: tuple[CuePos, ...] = ("V", "N", "A")
# Reporting verbs: two mentions of "said" in one subtopic are mostly different statements. The list is
# the common English speech verbs; chosen on ECB+ DEV topics only.
REPORTING = frozenset("say tell report announce state add confirm claim comment note explain".split())


@dataclass(frozen=True)
class MentionSignals:
    mention: GoldMention
    lemma: str
    event_class: str | None
    entities: frozenset[str]
    places: frozenset[str]
    times: frozenset[str]


def evaluate(folder: Path, model: str) -> dict[str, float]:
    """Figures ``coref.ecbplus.<half>.<measure>``: newsgraph's grouping (``conll_f1`` and its three
    parts) and the same-lemma baselines by topic (``baseline_conll_f1``) and by subtopic
    (``baseline_subtopic_conll_f1``), on the same mentions."""
    documents = list(read_documents(folder))
    found = signals(documents, pipeline(model))
    figures: dict[str, float] = {}
    for half in HALVES:
        items = [s for s in found if in_half(s.mention.topic, half)]
        gold = gold_clusters(s.mention for s in items)
        prefix = f"coref.ecbplus.{half}."
        figures.update(score(gold, group_mentions(items)).figures(prefix))
        figures[f"{prefix}baseline_conll_f1"] = score(gold, same_lemma(items)).conll_f1
        figures[f"{prefix}baseline_subtopic_conll_f1"] = score(gold, same_lemma_subtopic(items)).conll_f1
    return figures


def pipeline(model: str) -> Language:
    """newsgraph's pipeline with spaCy's lemmatizer put back after the attribute ruler."""
    import spacy

    from newsgraph.nlp.model import load_pipeline

    nlp = load_pipeline(model)
    nlp.add_pipe("lemmatizer", source=spacy.load(model, exclude=["parser", "ner"]), after="attribute_ruler")
    return nlp


def text_of(document: Document) -> tuple[str, dict[int, tuple[int, int]]]:
    """The selected sentences as one text, tokens joined by spaces and sentences by blank lines, with
    each token's character span."""
    pieces: list[str] = []
    spans: dict[int, tuple[int, int]] = {}
    at = 0
    for tokens in document.sentences.values():
        if pieces:
            pieces.append("\n\n")
            at += 2
        for i, token in enumerate(tokens):
            if i:
                pieces.append(" ")
                at += 1
            word = token.text or "_"
            spans[token.id] = (at, at + len(word))
            pieces.append(word)
            at += len(word)
    return "".join(pieces), spans


def signals(documents: Sequence[Document], nlp: Language, lexicon: Lexicon | None = None,
            batch_size: int = 16) -> list[MentionSignals]:
    """Every gold mention of ``documents`` with what the pipeline finds about it."""
    from newsgraph.nlp.analyse import analysis_of

    lexicon = lexicon or default_lexicon()
    texts = [text_of(d) for d in documents]
    found: list[MentionSignals] = []
    with nlp.memory_zone():
        docs = nlp.pipe((_prepared(nlp, text) for text, _ in texts), batch_size=batch_size)
        for document, (_, spans), doc in zip(documents, texts, docs, strict=True):
            analysis = analysis_of(doc)
            for mention in document.mentions:
                head = _head(doc, [spans[t] for t in mention.tokens if t in spans])
                found.append(_signals(mention, head, analysis, lexicon))
    return found


def _prepared(nlp: Language, text: str) -> Doc:
    doc = nlp.make_doc(text)
    doc._.newsgraph_published = None
    return doc


def _head(doc: Doc, spans: Sequence[tuple[int, int]]) -> Span:
    """The mention's head token (the one whose syntactic head lies outside the mention), as a span."""
    words = [doc.char_span(s, e, alignment_mode="expand") for s, e in spans]
    tokens = [t for w in words if w is not None for t in w]
    ids = {t.i for t in tokens}
    heads = [t for t in tokens if t.head.i not in ids or t.head.i == t.i]
    head = (heads or tokens)[0]
    return doc[head.i: head.i + 1]


def _signals(mention: GoldMention, head: Span, analysis: Analysis, lexicon: Lexicon) -> MentionSignals:
    token = head[0]
    lemma = (token.lemma_ or token.text).lower()
    sentence = token.sent
    start, end = sentence.start_char, sentence.end_char
    entities = frozenset(fold(e.name) for e in analysis.entities
                         if any(start <= m.start < end for m in e.mentions))
    places = frozenset(p.name for p in analysis.places if start <= p.start < end)
    times = frozenset(t.value for t in analysis.times if t.value and start <= t.start < end)
    return MentionSignals(mention, lemma, event_class(lemma, token.pos_, lexicon), entities, places, times)


def event_class(lemma: str, pos: str, lexicon: Lexicon) -> str | None:
    """The PLOVER class the lexicon gives a lone word: ``TYPE/CAMEO`` of its one-word cue (``arrest``
    → ``COERCE/173``), trying the word's own part of speech first."""
    own = _LEXICON_POS.get(pos)
    order: list[CuePos] = [own] if own else []
    order += [p for p in _CUE_POS if p != own]
    for cue_pos in order:
        cues = [c for c in lexicon.cues.get((lemma, cue_pos), ()) if len(c.words) == 1]
        if cues:
            return f"{cues[0].type}/{cues[0].cameo}"
    return None


def same_lemma(items: Iterable[MentionSignals]) -> list[set[Hashable]]:
    """The baseline: one cluster per topic and head lemma."""
    return _grouped(items, lambda s: (s.mention.topic, s.lemma))


def same_lemma_subtopic(items: Iterable[MentionSignals]) -> list[set[Hashable]]:
    """The baseline given the subtopics: one cluster per topic, subtopic and head lemma."""
    return _grouped(items, lambda s: (s.mention.topic, s.mention.subtopic, s.lemma))


def _grouped(items: Iterable[MentionSignals], key: Callable[[MentionSignals], Hashable]
             ) -> list[set[Hashable]]:
    groups: dict[Hashable, set[Hashable]] = defaultdict(set)
    for item in items:
        groups[key(item)].add(item.mention.id)
    return list(groups.values())


def group_mentions(items: Sequence[MentionSignals]) -> list[set[Hashable]]:
    """newsgraph's grouping. Within each topic and subtopic:

    1. mentions whose head lemmas share a stem (``shooting``, ``shoot``; ``playoffs``, ``playoff``) are
       one event, except reporting verbs (``REPORTING``): those are one event only within one document
       and when their sentences name an entity in common (two people "said" different things);
    2. two such events are one when the event lexicon gives two of their mentions the same PLOVER
       class (type and CAMEO code: ``kill`` and ``murder``) and their sentences name an entity in common.
    """
    groups = _linked_within(items, lambda s: (s.mention.topic, s.mention.subtopic, stem(s.lemma)),
                            _same_report)
    return _merged_by_class(items, groups)


def stem(lemma: str) -> str:
    """A crude derivational stem: a plural ``s`` and a final ``ing``, ``ed``, ``ion`` or ``ment`` go when
    four letters stay (``shootings`` → ``shoot``); a doubled last consonant is undoubled."""
    for suffix, replacement in (("ies", "y"), ("s", "")):
        if lemma.endswith(suffix) and not lemma.endswith("ss") and len(lemma) > 4:
            lemma = lemma[: -len(suffix)] + replacement
            break
    for suffix in ("ing", "ed", "ion", "ment"):
        if lemma.endswith(suffix) and len(lemma) - len(suffix) >= 4:
            base = lemma[: -len(suffix)]
            return base[:-1] if base[-1] == base[-2] else base
    return lemma


def _same_report(a: MentionSignals, b: MentionSignals) -> bool:
    if a.lemma not in REPORTING:
        return True
    return a.mention.doc == b.mention.doc and bool(a.entities & b.entities)


def _linked_within(items: Sequence[MentionSignals], key: Callable[[MentionSignals], Hashable],
                   link: Callable[[MentionSignals, MentionSignals], bool]) -> list[list[MentionSignals]]:
    """Groups of equal ``key``, split into the connected parts of ``link``."""
    by_key: dict[Hashable, list[MentionSignals]] = defaultdict(list)
    for item in items:
        by_key[key(item)].append(item)
    groups: list[list[MentionSignals]] = []
    for members in by_key.values():
        sets = _UnionFind(len(members))
        for i, j in combinations(range(len(members)), 2):
            if link(members[i], members[j]):
                sets.join(i, j)
        groups.extend([members[i] for i in part] for part in sets.parts())
    return groups


def _merged_by_class(items: Sequence[MentionSignals], groups: list[list[MentionSignals]]
                     ) -> list[set[Hashable]]:
    """Step 2 of ``group_mentions``: join groups of one subtopic linked by lexicon class and entity."""
    sets = _UnionFind(len(groups))
    by_subtopic: dict[tuple[int, str], list[int]] = defaultdict(list)
    for index, group in enumerate(groups):
        by_subtopic[(group[0].mention.topic, group[0].mention.subtopic)].append(index)
    for indices in by_subtopic.values():
        for g, h in combinations(indices, 2):
            if any(_same_class(a, b) for a in groups[g] for b in groups[h]):
                sets.join(g, h)
    return [{m.mention.id for i in part for m in groups[i]} for part in sets.parts()]


def _same_class(a: MentionSignals, b: MentionSignals) -> bool:
    return a.event_class is not None and a.event_class == b.event_class and bool(a.entities & b.entities)


class _UnionFind:
    def __init__(self, size: int) -> None:
        self._parent = list(range(size))

    def root(self, i: int) -> int:
        while self._parent[i] != i:
            self._parent[i] = self._parent[self._parent[i]]
            i = self._parent[i]
        return i

    def join(self, i: int, j: int) -> None:
        self._parent[self.root(i)] = self.root(j)

    def parts(self) -> list[list[int]]:
        found: dict[int, list[int]] = defaultdict(list)
        for i in range(len(self._parent)):
            found[self.root(i)].append(i)
        return list(found.values())
