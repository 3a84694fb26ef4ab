"""Which events count as dyadic: a known (or short new) actor and recipient."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from newsgraph.dyads import DyadRule, dyad_rule


@dataclass(frozen=True)
class Party:
    text: str
    known: bool = False


def is_known(party: Party) -> bool:
    return party.known


@pytest.mark.parametrize(("actors", "recipients", "new_actor_length", "expected"), [
    ([Party("Peru", True)], [Party("Chile", True)], 0, True),
    ([Party("Peru", True)], [], 0, False),  # no recipient: no dyad
    ([], [Party("Chile", True)], 0, False),
    ([Party("Peru", True)], [Party("U.S. forces")], 0, False),  # no new actors by default
    ([Party("Peru", True)], [Party("U.S. forces")], 2, True),
    ([Party("Peru", True)], [Party("heavily armed U.S. forces")], 2, False),
    ([Party("protesters"), Party("Peru", True)], [Party("Chile", True)], 0, True),  # any one will do
    ([Party("Peru", True)], [Party("   ")], 3, False),  # an empty text is no actor
])
def test_dyadic_needs_an_accepted_actor_and_recipient(actors: list[Party], recipients: list[Party],
                                                      new_actor_length: int, expected: bool) -> None:
    assert DyadRule(new_actor_length).dyadic(actors, recipients, is_known) is expected


def test_a_negative_new_actor_length_is_refused() -> None:
    with pytest.raises(ValueError, match="0 or more words"):
        DyadRule(-1)


def test_listing_options_make_a_rule_only_when_dyadic() -> None:
    assert dyad_rule(False) is None
    assert dyad_rule(True) == DyadRule(0)
    assert dyad_rule(True, 2) == DyadRule(2)
    with pytest.raises(ValueError, match="only to dyadic"):
        dyad_rule(False, 2)
