"""Coreference scores over clusterings of mentions: MUC, B³, CEAF-e and their mean, the CoNLL F1.

A clustering is any iterable of collections of hashable mentions; the key is the gold clustering, the
response the system's. Singletons count (they are clusters of one). The formulas are those of the
reference scorer as Pradhan et al. (2014, "Scoring coreference partitions of predicted mentions")
restate them:

* **MUC** (Vilain et al. 1995): recall = Σ_K (|K| − |p(K)|) / Σ_K (|K| − 1), where p(K) is the
  partition of key cluster K by the response clusters, a mention no response cluster holds being a
  part of its own; precision swaps key and response. Singletons add nothing to either side.
* **B³** (Bagga and Baldwin 1998): recall = Σ_K Σ_R |K∩R|² / |K| over Σ_K |K|; precision = Σ_R Σ_K
  |K∩R|² / |R| over Σ_R |R|.
* **CEAF-e** (Luo 2005): φ₄(K, R) = 2|K∩R| / (|K| + |R|); Φ is the largest Σ φ₄ over one-to-one
  alignments of key and response clusters (Kuhn–Munkres); recall = Φ / #key clusters, precision =
  Φ / #response clusters.

A measure whose denominator is zero scores 0 (the reference scorer does the same).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Hashable, Iterable, Sequence
from dataclasses import dataclass

Clusters = Sequence[frozenset[Hashable]]


@dataclass(frozen=True)
class Score:
    recall: float
    precision: float

    @property
    def f1(self) -> float:
        total = self.recall + self.precision
        return 2 * self.recall * self.precision / total if total else 0.0


def clusters(groups: Iterable[Collection[Hashable]]) -> list[frozenset[Hashable]]:
    """Clusters as frozen sets, empty ones dropped."""
    return [frozenset(group) for group in groups if group]


def muc(key: Iterable[Collection[Hashable]], response: Iterable[Collection[Hashable]]) -> Score:
    key_sets, response_sets = clusters(key), clusters(response)
    return Score(_muc_recall(key_sets, response_sets), _muc_recall(response_sets, key_sets))


def _muc_recall(key: Clusters, response: Clusters) -> float:
    where = _index(response)
    found = lost = 0
    for cluster in key:
        parts = {where.get(m, ("alone", m)) for m in cluster}
        found += len(cluster) - len(parts)
        lost += len(cluster) - 1
    return found / lost if lost else 0.0


def b_cubed(key: Iterable[Collection[Hashable]], response: Iterable[Collection[Hashable]]) -> Score:
    key_sets, response_sets = clusters(key), clusters(response)
    return Score(_b_cubed_recall(key_sets, response_sets), _b_cubed_recall(response_sets, key_sets))


def _b_cubed_recall(key: Clusters, response: Clusters) -> float:
    where = _index(response)
    total = sum(len(cluster) for cluster in key)
    credit = 0.0
    for cluster in key:
        overlaps: dict[object, int] = defaultdict(int)
        for mention in cluster:
            if mention in where:
                overlaps[where[mention]] += 1
        credit += sum(n * n for n in overlaps.values()) / len(cluster)
    return credit / total if total else 0.0


def ceaf_e(key: Iterable[Collection[Hashable]], response: Iterable[Collection[Hashable]]) -> Score:
    key_sets, response_sets = clusters(key), clusters(response)
    aligned = _best_alignment(key_sets, response_sets)
    return Score(aligned / len(key_sets) if key_sets else 0.0,
                 aligned / len(response_sets) if response_sets else 0.0)


def phi4(key: frozenset[Hashable], response: frozenset[Hashable]) -> float:
    return 2 * len(key & response) / (len(key) + len(response))


def _best_alignment(key: Clusters, response: Clusters) -> float:
    """Largest Σ φ₄ over one-to-one alignments. Clusters sharing no mention score 0 together, so the
    assignment is solved on each connected group of overlapping clusters on its own."""
    total = 0.0
    for keys, responses in _overlap_components(key, response):
        matrix = [[phi4(key[k], response[r]) for r in responses] for k in keys]
        total += max_assignment(matrix)
    return total


def _overlap_components(key: Clusters, response: Clusters) -> list[tuple[list[int], list[int]]]:
    """Groups of key and response clusters (by index) linked through shared mentions."""
    where = _index(response)
    parent = list(range(len(key)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_key_of: dict[int, int] = {}
    for k, cluster in enumerate(key):
        for mention in cluster:
            r = where.get(mention)
            if r is None:
                continue
            if r in first_key_of:
                parent[root(k)] = root(first_key_of[r])
            else:
                first_key_of[r] = k
    groups: dict[int, tuple[list[int], list[int]]] = {}
    for k in range(len(key)):
        groups.setdefault(root(k), ([], []))[0].append(k)
    for r, k in first_key_of.items():
        groups[root(k)][1].append(r)
    return [(keys, responses) for keys, responses in groups.values() if responses]


def max_assignment(matrix: Sequence[Sequence[float]]) -> float:
    """The largest sum of ``matrix[i][j]`` with each row and column used at most once (Kuhn–Munkres
    with potentials, O(n²m)); entries are non-negative."""
    if not matrix or not matrix[0]:
        return 0.0
    rows, cols = len(matrix), len(matrix[0])
    if rows > cols:
        return max_assignment([list(column) for column in zip(*matrix, strict=True)])
    cost = [[-value for value in row] for row in matrix]
    u, v = [0.0] * (rows + 1), [0.0] * (cols + 1)
    match = [0] * (cols + 1)  # match[j] = row (1-based) assigned to column j, 0 for none
    for i in range(1, rows + 1):
        _augment(cost, i, u, v, match)
    return sum(matrix[match[j] - 1][j - 1] for j in range(1, cols + 1) if match[j])


def _augment(cost: list[list[float]], row: int, u: list[float], v: list[float], match: list[int]) -> None:
    """One step of the Hungarian method: find a shortest augmenting path for ``row``."""
    cols = len(v) - 1
    match[0] = row
    way = [0] * (cols + 1)
    best = [float("inf")] * (cols + 1)
    used = [False] * (cols + 1)
    j0 = 0
    while match[j0]:
        used[j0] = True
        i0, delta, j1 = match[j0], float("inf"), 0
        for j in range(1, cols + 1):
            if not used[j]:
                reduced = cost[i0 - 1][j - 1] - u[i0] - v[j]
                if reduced < best[j]:
                    best[j], way[j] = reduced, j0
                if best[j] < delta:
                    delta, j1 = best[j], j
        for j in range(cols + 1):
            if used[j]:
                u[match[j]] += delta
                v[j] -= delta
            else:
                best[j] -= delta
        j0 = j1
    while j0:
        j1 = way[j0]
        match[j0] = match[j1]
        j0 = j1


@dataclass(frozen=True)
class CorefScores:
    muc: Score
    b_cubed: Score
    ceaf_e: Score

    @property
    def conll_f1(self) -> float:
        """The CoNLL-2011/2012 figure: the mean of the MUC, B³ and CEAF-e F1."""
        return (self.muc.f1 + self.b_cubed.f1 + self.ceaf_e.f1) / 3

    def figures(self, prefix: str = "") -> dict[str, float]:
        return {f"{prefix}conll_f1": self.conll_f1, f"{prefix}muc_f1": self.muc.f1,
                f"{prefix}b3_f1": self.b_cubed.f1, f"{prefix}ceafe_f1": self.ceaf_e.f1}


def score(key: Iterable[Collection[Hashable]], response: Iterable[Collection[Hashable]]) -> CorefScores:
    key_sets, response_sets = clusters(key), clusters(response)
    return CorefScores(muc(key_sets, response_sets), b_cubed(key_sets, response_sets),
                       ceaf_e(key_sets, response_sets))


def _index(groups: Clusters) -> dict[Hashable, int]:
    """Each mention's cluster; a mention in two clusters of one side is an error of the caller's."""
    where: dict[Hashable, int] = {}
    for i, cluster in enumerate(groups):
        for mention in cluster:
            if mention in where:
                raise ValueError(f"mention {mention!r} is in two clusters of one clustering")
            where[mention] = i
    return where
