"""Quotes: direct, split, partial and indirect, with named and anonymous speakers linked back."""

from __future__ import annotations

import pytest

from newsgraph.nlp.entities import find_entities
from newsgraph.nlp.quotes import find_quotes
from newsgraph.nlp.records import Quote

pytestmark = pytest.mark.model

ARTICLE = (
    'One Peruvian official familiar with the talks said they are not planning to "seize every boat '
    '— at this point." The official added: "I would not say never, but that is not the plan right '
    'now." “We will not accept delays,” Renata Salinas said, “and we will not wait.” A second '
    "Peruvian official said no date had been set."
)


@pytest.fixture(scope="module")
def quotes(english) -> list[Quote]:  # type: ignore[no-untyped-def]
    doc = english(ARTICLE)
    return list(find_quotes(doc, find_entities(doc)))


def test_every_quote_points_at_its_text(quotes: list[Quote]) -> None:
    for quote in quotes:
        assert ARTICLE[quote.start:quote.end] == quote.text


def test_anonymous_speaker_is_kept_and_linked_when_referred_back_to(quotes: list[Quote]) -> None:
    first, added = quotes[0], quotes[1]
    assert first.text.startswith("seize every boat")
    assert (first.speaker.text, first.speaker.anonymous_id) == ("One Peruvian official", "anon:1")
    assert added.speaker == first.speaker
    assert added.cue == "added"


def test_a_quote_split_around_its_verb_keeps_one_named_speaker(quotes: list[Quote]) -> None:
    split = [q for q in quotes if q.speaker.entity_id == "person:renata-salinas"]
    assert [q.text for q in split] == ["We will not accept delays,", "and we will not wait."]
    assert all(q.kind == "direct" and q.cue == "said" for q in split)


def test_reported_speech_is_an_indirect_quote_from_a_second_source(quotes: list[Quote]) -> None:
    indirect = [q for q in quotes if q.kind == "indirect"]
    second = next(q for q in indirect if q.text == "no date had been set")
    assert second.speaker.text == "A second Peruvian official"
    assert second.speaker.anonymous_id == "anon:2"


def test_a_short_quoted_phrase_is_a_partial_quote(english) -> None:  # type: ignore[no-untyped-def]
    text = 'Renata Salinas said Chile was ready for what she called "face-to-face" talks.'
    doc = english(text)
    [partial] = [q for q in find_quotes(doc, find_entities(doc)) if q.kind == "partial"]
    assert partial.text == "face-to-face"
    assert partial.speaker.entity_id == "person:renata-salinas"


def test_a_clause_parsed_as_lone_punctuation_is_no_quote(english) -> None:  # type: ignore[no-untyped-def]
    # The small model makes the hyphen of "co-founded" a clause of "said" on its own; that must not
    # crash the component (it once raised IndexError and failed the article's whole batch).
    text = "She said Mr. Ostrander co-founded the firm."
    doc = english(text)
    hyphen = next(t for t in doc if t.text == "-")
    assert (hyphen.dep_, hyphen.head.text) == ("ccomp", "said"), "the parse no longer reproduces the case"
    quotes = list(find_quotes(doc, find_entities(doc)))
    assert all(quote.text.strip(" -") for quote in quotes)
    assert all(text[quote.start:quote.end] == quote.text for quote in quotes)
