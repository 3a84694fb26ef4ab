"""Attributions: "according to", "told <outlet>", "<outlet> reported", chains to the origin."""

from __future__ import annotations

import pytest

from newsgraph.nlp.attributions import find_attributions

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    ("text", "chain", "cue"),
    [
        ("Chile will protest, according to fisheries officials cited by Reuters.",
         ("Reuters", "fisheries officials"), "according to"),
        ("Officials told Axios that no date had been set.", ("Axios", "Officials"), "told"),
        ("According to the Peruvian navy, the trawler was inside Peruvian waters.",
         ("Peruvian navy",), "according to"),
        ("The Guardian reported that the crew were released.", ("Guardian",), "reported"),
    ],
)
def test_sourcing_phrase_gives_its_chain(english, text: str, chain: tuple[str, ...], cue: str) -> None:  # type: ignore[no-untyped-def]
    [attribution] = find_attributions(english(text))
    assert (attribution.chain, attribution.cue) == (chain, cue)
    assert (attribution.start, attribution.end) == (0, len(text))


def test_a_claim_with_no_source_has_no_attribution(english) -> None:  # type: ignore[no-untyped-def]
    assert list(find_attributions(english("The talks in Lima went well on Thursday."))) == []


def test_a_person_who_told_someone_is_not_an_outlet(english) -> None:  # type: ignore[no-untyped-def]
    assert list(find_attributions(english("Salinas told Valdivia that she would return."))) == []
