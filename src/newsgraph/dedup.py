"""Duplicates: exact (content hash) and near (MinHash over word shingles, banded for LSH look-up).

Near-duplicate search asks the store for articles that share an LSH band with the new one, then checks
their estimated Jaccard similarity against the threshold, so its cost does not grow with the store.
"""

from __future__ import annotations

import hashlib
import math
import re
import struct
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from datasketch import MinHash

from newsgraph.settings import Settings

_WORD = re.compile(r"\w+")
_SEED = 1  # fixed, so signatures stored today compare with signatures computed tomorrow
_SCHEME = "affine32"  # datasketch 2's permutation scheme, named so a change of its default cannot bite


@dataclass(frozen=True)
class Fingerprint:
    content_hash: str
    signature: bytes
    band_keys: tuple[int, ...]


def input_digest(raw_input: bytes) -> str:
    """Identifies the exact bytes an article came from, so a re-run skips them before any parsing."""
    return hashlib.sha256(raw_input).hexdigest()


def fingerprint(text: str, settings: Settings) -> Fingerprint:
    """The content hash, MinHash signature and LSH band keys of cleaned ``text``."""
    content_hash = hashlib.sha256(text.encode("utf-8")).hexdigest()
    hashvalues = _minhash(text, settings.shingle_words, settings.minhash_permutations)
    bands, rows = lsh_bands(settings.near_duplicate_threshold, settings.minhash_permutations)
    return Fingerprint(content_hash, hashvalues.tobytes(), _band_keys(hashvalues, bands, rows))


def similarity(signature_a: bytes, signature_b: bytes) -> float:
    """Estimated Jaccard similarity of two signatures (0 when they come from different settings)."""
    a = np.frombuffer(signature_a, dtype=np.uint64)
    b = np.frombuffer(signature_b, dtype=np.uint64)
    if a.shape != b.shape or not len(a):
        return 0.0
    return float(np.count_nonzero(a == b)) / len(a)


def shingles(text: str, size: int) -> set[str]:
    """Word ``size``-grams of case-folded ``text``; a text shorter than ``size`` words is one shingle."""
    words = _WORD.findall(text.casefold())
    if len(words) <= size:
        return {" ".join(words)}
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


def _minhash(text: str, size: int, permutations: int) -> np.ndarray:
    minhash = MinHash(num_perm=permutations, seed=_SEED, permutations=_permutations(permutations),
                      scheme=_SCHEME)
    minhash.update_batch([s.encode("utf-8") for s in shingles(text, size)])
    return np.asarray(minhash.hashvalues, dtype=np.uint64)


@lru_cache(maxsize=8)
def _permutations(count: int) -> tuple[np.ndarray, np.ndarray]:
    """datasketch draws these from the seed for every MinHash; drawing them once saves 7% of ingest."""
    permutations: tuple[np.ndarray, np.ndarray] = MinHash(
        num_perm=count, seed=_SEED, scheme=_SCHEME).permutations
    return permutations


def _band_keys(hashvalues: np.ndarray, bands: int, rows: int) -> tuple[int, ...]:
    keys = []
    for band in range(bands):
        chunk = hashvalues[band * rows:(band + 1) * rows].tobytes()
        digest = hashlib.blake2b(struct.pack("<H", band) + chunk, digest_size=8).digest()
        keys.append(struct.unpack("<q", digest)[0])  # signed, to fit an SQL INTEGER
    return tuple(keys)


@lru_cache(maxsize=32)
def lsh_bands(threshold: float, permutations: int) -> tuple[int, int]:
    """``(bands, rows)`` minimising false positives plus false negatives around ``threshold``.

    A pair with Jaccard similarity s shares a band with probability 1 - (1 - s^rows)^bands; the
    choice weighs the area under that curve below the threshold (false positives) and above it
    (false negatives) equally, as datasketch's MinHashLSH does.
    """
    best = (permutations, 1)
    best_error = math.inf
    for bands in range(1, permutations + 1):
        rows = permutations // bands
        error = _area(threshold, bands, rows, below=True) + _area(threshold, bands, rows, below=False)
        if error < best_error:
            best, best_error = (bands, rows), error
    return best


def _area(threshold: float, bands: int, rows: int, *, below: bool, steps: int = 200) -> float:
    lo, hi = (0.0, threshold) if below else (threshold, 1.0)
    width = (hi - lo) / steps
    total = 0.0
    for i in range(steps):
        s = lo + (i + 0.5) * width
        p = 1.0 - (1.0 - s**rows) ** bands
        total += (p if below else 1.0 - p) * width
    return total
