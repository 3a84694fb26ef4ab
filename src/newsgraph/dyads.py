"""Dyadic events: the ones an event-data user can code as a pair of known actors.

PETRARCH, and the Phoenix and GDELT data sets it and its forerunners fed, keep an event only when both
its source and its target are actors their dictionaries know (PETRARCH's ``require_dyad``, on by
default: "setting this false is likely to result in a very large number of nonsense events"). A phrase
the dictionaries lack may still stand as a new actor when it is at most ``new_actor_length`` words long
(0, the default, allows none).

newsgraph stores every event it codes, with its participants as the text names them. ``DyadRule`` picks
out the dyadic ones: ``newsgraph events --dyadic`` and ``newsgraph export --dyadic`` list them, the
store filters on it in SQL (``EventQuery.dyads``), and the PETRARCH harness applies it as its test
records ask. What "known" means is the caller's: in the store, a participant that is a named entity
(it has an ``entity_id``: one identity across articles, as a dictionary actor has one code); in the
PETRARCH harness, a name or agent in PETRARCH's dictionaries.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol, TypeVar


class Named(Protocol):
    @property
    def text(self) -> str: ...


P = TypeVar("P", bound=Named)


@dataclass(frozen=True)
class DyadRule:
    """An event is dyadic when some actor and some recipient are each known, or short enough to stand
    as a new actor: at most ``new_actor_length`` words (0: known actors only)."""

    new_actor_length: int = 0

    def __post_init__(self) -> None:
        if self.new_actor_length < 0:
            raise ValueError(f"new_actor_length must be 0 or more words, not {self.new_actor_length}")

    def accepts(self, known: bool, text: str) -> bool:
        """Whether a participant counts as an actor: known, or a new actor of few enough words."""
        return known or 0 < len(text.split()) <= self.new_actor_length

    def dyadic(self, actors: Iterable[P], recipients: Iterable[P], known: Callable[[P], bool]) -> bool:
        """Whether some actor and some recipient are each accepted."""
        return (any(self.accepts(known(p), p.text) for p in actors)
                and any(self.accepts(known(p), p.text) for p in recipients))


def dyad_rule(dyadic: bool, new_actor_length: int | None = None) -> DyadRule | None:
    """The rule a listing's ``dyadic`` and ``new_actor_length`` options ask for; None: every event.
    A length without ``dyadic`` is a ``ValueError``: it would silently filter nothing."""
    if new_actor_length is not None and not dyadic:
        raise ValueError("new_actor_length applies only to dyadic listings")
    return DyadRule(new_actor_length or 0) if dyadic else None
