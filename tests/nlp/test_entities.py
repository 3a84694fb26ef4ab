"""Entities: repairs of the model's slips, identities within an article, stable ids across articles."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from newsgraph.nlp.entities import entity_id, find_entities, fold


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Nicolás Maduro", "nicolas maduro"),
        ("NICOLAS  MADURO", "nicolas maduro"),
        ("U.S.", "us"),
        ("O’Higgins", "ohiggins"),
        ("Ñuñoa", "nunoa"),
    ],
)
def test_fold_ignores_accents_case_dots_and_apostrophes(text: str, folded: str) -> None:
    assert fold(text) == folded


@pytest.mark.parametrize(
    ("label", "name", "expected"),
    [
        ("PERSON", "Nicolás Maduro", "person:nicolas-maduro"),
        ("PERSON", "Nicolas Maduro", "person:nicolas-maduro"),
        ("GPE", "Valparaíso", "place:valparaiso"),
        ("LOC", "Valparaíso", "place:valparaiso"),
        ("ORG", "Central Intelligence Agency", "org:central-intelligence-agency"),
    ],
)
def test_ids_are_stable_across_spellings(label: str, name: str, expected: str) -> None:
    assert entity_id(label, name) == expected


def _doc(words: list[str], ents: list[str], pos: list[str] | None = None) -> Doc:
    spaces = [True] * (len(words) - 1) + [False]
    return Doc(Vocab(), words=words, spaces=spaces, ents=ents, pos=pos)


def test_surname_joins_the_one_full_name_that_ends_with_it() -> None:
    doc = _doc(["Renata", "Salinas", "spoke", ".", "Salinas", "left", "."],
               ["B-PERSON", "I-PERSON", "O", "O", "B-PERSON", "O", "O"])
    [person] = find_entities(doc)
    assert person.name == "Renata Salinas"
    assert [m.text for m in person.mentions] == ["Renata Salinas", "Salinas"]


def test_people_sharing_a_surname_are_not_merged() -> None:
    doc = _doc(["Ana", "Rivas", "and", "Hector", "Rivas", "met", ".", "Rivas", "spoke", "."],
               ["B-PERSON", "I-PERSON", "O", "B-PERSON", "I-PERSON", "O", "O", "B-PERSON", "O", "O"])
    names = [e.name for e in find_entities(doc)]
    assert names == ["Ana Rivas", "Hector Rivas", "Rivas"]


def test_title_inside_a_person_span_is_cut() -> None:
    doc = _doc(["President", "Gabriel", "Boric", "spoke", "."],
               ["B-PERSON", "I-PERSON", "I-PERSON", "O", "O"])
    [person] = find_entities(doc)
    assert (person.name, person.mentions[0].start) == ("Gabriel Boric", len("President "))


def test_possessive_tagged_as_organisation_is_the_person() -> None:
    doc = _doc(["Tomás", "Echeverría", "resigned", ".", "Echeverría", "'s", "aides", "wept", "."],
               ["B-PERSON", "I-PERSON", "O", "O", "B-ORG", "I-ORG", "O", "O", "O"])
    [person] = find_entities(doc)
    assert person.type == "PERSON"
    assert [m.text for m in person.mentions] == ["Tomás Echeverría", "Echeverría"]


def test_acronym_joins_the_name_it_spells() -> None:
    doc = _doc(["The", "Central", "Intelligence", "Agency", "said", "the", "CIA", "agreed", "."],
               ["B-ORG", "I-ORG", "I-ORG", "I-ORG", "O", "O", "B-ORG", "O", "O"])
    [org] = find_entities(doc)
    assert org.name == "Central Intelligence Agency"
    assert [m.text for m in org.mentions] == ["Central Intelligence Agency", "CIA"]


def test_alias_names_the_country() -> None:
    doc = _doc(["The", "U.S.", "replied", "."], ["O", "B-GPE", "O", "O"])
    [country] = find_entities(doc)
    assert (country.id, country.name, country.mentions[0].text) == (
        "place:united-states", "United States", "U.S.")


def test_lowercase_spans_are_not_entities() -> None:
    doc = _doc(["The", "navy", "sailed", "."], ["O", "B-ORG", "O", "O"])
    assert find_entities(doc) == []


def test_missed_occurrences_of_an_established_name_are_added() -> None:
    doc = _doc(["Ana", "Rivas", "spoke", ".", "Later", "Rivas", "left", "."],
               ["B-PERSON", "I-PERSON", "O", "O", "O", "O", "O", "O"])
    [person] = find_entities(doc)
    assert [(m.start, m.text) for m in person.mentions] == [(0, "Ana Rivas"), (24, "Rivas")]


def test_first_name_left_out_by_the_model_is_added() -> None:
    doc = _doc(["Renata", "Salinas", "said", "so", "."], ["O", "B-PERSON", "O", "O", "O"],
               pos=["PROPN", "PROPN", "VERB", "ADV", "PUNCT"])
    [person] = find_entities(doc)
    assert person.name == "Renata Salinas"


@pytest.mark.model
def test_real_model_article_entities(english) -> None:  # type: ignore[no-untyped-def]
    text = ("President Donald Trump spoke with Nicolás Maduro on Friday. Maduro said the talks were "
            "useful, and the Central Intelligence Agency (CIA) declined to comment. The CIA has "
            "not said more.")
    entities = {e.id: e for e in find_entities(english(text))}
    assert entities["person:donald-trump"].name == "Donald Trump"
    maduro = entities["person:nicolas-maduro"]
    assert maduro.name == "Nicolás Maduro"
    assert [m.text for m in maduro.mentions] == ["Nicolás Maduro", "Maduro"]
    assert len(entities["org:central-intelligence-agency"].mentions) == 3
    for entity in entities.values():
        for mention in entity.mentions:
            assert text[mention.start:mention.end] == mention.text


# --- the model's one-word person that the article names as a place ---------------------------------

def _retyped(*mentions: tuple[str, str, bool]) -> list[str]:
    from newsgraph.nlp.entities import _Mention, _retype_people

    found = [_Mention(10 * i, 10 * i + len(text), text, label, person_cue=cue)
             for i, (text, label, cue) in enumerate(mentions)]
    _retype_people(found)
    return [m.label for m in found]


def test_a_one_word_person_the_article_names_as_a_place_more_often_is_that_place() -> None:
    # "Lima fixed the meeting for March 11" (tagged PERSON) beside "talks in Lima" twice (GPE)
    assert _retyped(("Lima", "PERSON", False), ("Lima", "GPE", False), ("Lima", "LOC", False)) == [
        "GPE", "GPE", "LOC"]


@pytest.mark.parametrize(("mentions", "labels"), [
    # someone has it as a surname: the person it is, everywhere
    ((("Ana Lima", "PERSON", False), ("Lima", "PERSON", False), ("Lima", "GPE", False)),
     ["PERSON", "PERSON", "PERSON"]),
    # the parse says person ("Mr. Lima said"): a person
    ((("Lima", "PERSON", True), ("Lima", "GPE", False)), ["PERSON", "PERSON"]),
    # named as a place nowhere: the model's person stands
    ((("Lima", "PERSON", False), ("Peru", "GPE", False)), ["PERSON", "GPE"]),
    # a person as often as a place ("Gloria" said, "Gloria" taken for a place once): a person
    ((("Gloria", "PERSON", False), ("Gloria", "GPE", False)), ["PERSON", "PERSON"]),
])
def test_a_person_stays_one_with_a_surname_a_cue_or_no_place_of_that_name(
        mentions: tuple[tuple[str, str, bool], ...], labels: list[str]) -> None:
    assert _retyped(*mentions) == labels
