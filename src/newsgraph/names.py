"""Names compared the way newsgraph compares them: accents, case, dots and apostrophes ignored."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^\w]+")
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def fold(text: str) -> str:
    """``text`` without accents, case, dots or apostrophes: the form names are compared in."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    bare = bare.replace(".", "").replace("'", "").replace("’", "")
    return " ".join(bare.casefold().split())


def slug(text: str) -> str:
    """``fold(text)`` with every run of non-word characters as one hyphen: ``nicolas-maduro``."""
    return _NON_WORD.sub("-", fold(text)).strip("-")


def entity_id(label: str, name: str) -> str:
    """A stable id for an identity: the same for ``Nicolás Maduro`` and ``Nicolas Maduro``."""
    group = "place" if label in _PLACE_LABELS else label.lower()
    return f"{group}:{slug(name)}"
