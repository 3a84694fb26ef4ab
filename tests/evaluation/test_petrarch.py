"""The PETRARCH unit-test reader, its dictionaries as a knowledge base, and scoring, on invented files."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pytest
import spacy

from newsgraph.evaluation.petrarch import (
    Coding,
    Dictionaries,
    GoldSentence,
    Settings,
    code_of,
    dyadic,
    evaluate,
    read_actors,
    read_agents,
    read_dictionaries,
    read_sentences,
    ruler_patterns,
    score,
    weis_types,
    with_actors,
)
from newsgraph.nlp.records import Event, EventStatus, EventType, Mention, Participant, Sentence

RECORDS = """<Validation>
<Sentences>
<Sentence date="19950101" id="T-00" category="DEMO" sentence="true">
<!-- a comment -->
<EventCoding sourcecode="NOR" targetcode="SUD" eventcode="064"></EventCoding>
<Text>
Norland is about to restore ties
with Sudmark.
</Text>
<Parse>(ROOT)</Parse>
</Sentence>
<Sentence date="19950102" id="T-01" category="DEMO" sentence="true">
<EventCoding noevents = "True"></EventCoding>
<Text>Norland's toll has risen.</Text>
</Sentence>
<Sentence date="19950103" id="T-02" category="ERROR" sentence="true">
<EventCoding error="storydiscard"></EventCoding>
<Text>Norland restores golf to Sudmark.</Text>
</Sentence>
<Config option="require_dyad" value="false"></Config>
<Sentence date="19950104" id="T-03" category="PATTERN" sentence="true">
<Text>Norland was in an accord with a parade.</Text>
</Sentence>
<Config option="require_dyad" value="TRUE"></Config>
<Config option="new_actor_length" value="3"></Config>
<Config option="comma_max" value="6"></Config>
<Sentence date="19950105" id="T-04" category="DEMO" sentence="true">
<EventCoding sourcecode="SUDGOV" targetcode="NOR" eventcode="032"></EventCoding>
<EventCoding sourcecode="NOR" targetcode="SUDGOV" eventcode="033"></EventCoding>
<Text>Sudmark's foreign minister left for Norland.</Text>
</Sentence>
<Sentence date="19950106" id="FINAL-RECORD" category="DEMO" sentence="true">
<EventCoding noevents = "True"></EventCoding>
<Text>ALL DONE.</Text>
</Sentence>
</Sentences>
</Validation>
"""

ACTORS = """<!-- ACTORS -->
# a comment line
NORLAND_  [NOR] # trailing comment
+NORLANDER
SUDMARK [SUD]
+PORT_ROYAL

GREYBEARD  # dated codes only
\t[NOR < 950601]
\t[NORGOV 19950601 - 19990815]
\t[NORREB > 990816]
OLD_KING [NOR]
\t[---  <950630]
ISLES [ISL/SKR]
"""

AGENTS = """<!-- AGENTS -->
!MINST! = MINISTER, MINISTERS, MINISTRY
FOREIGN_MINISTER [~GOVFRM] # a comment
POLICE {} [ ~COP]
GOOSE {GEESE} [~GGS]
PARTY [~PTY]
!MINST!_OF_WALKS [~GOV]
RIGHTS_BODY [NGO~]
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "PETR.UnitTest.records.xml").write_text(RECORDS, encoding="utf-8")
    (tmp_path / "PETR.Validate.actors.txt").write_text(ACTORS, encoding="utf-8")
    (tmp_path / "PETR.Validate.agents.txt").write_text(AGENTS, encoding="utf-8")
    return tmp_path


@pytest.fixture
def kb(folder: Path) -> Dictionaries:
    return read_dictionaries(folder)


def test_reader_keeps_file_positions_and_skips_input_errors_and_the_sentinel(folder: Path) -> None:
    sentences = read_sentences(folder)
    assert [(s.index, s.id) for s in sentences] == [(0, "T-00"), (1, "T-01"), (3, "T-03"), (4, "T-04")]
    assert sentences[0].text == "Norland is about to restore ties with Sudmark."
    assert sentences[0].date == date(1995, 1, 1)


def test_noevents_and_a_sentence_without_codings_expect_nothing(folder: Path) -> None:
    codings = {s.id: [(c.source, c.target, c.code) for c in s.codings] for s in read_sentences(folder)}
    assert codings == {"T-00": [("NOR", "SUD", "064")], "T-01": [], "T-03": [],
                       "T-04": [("SUDGOV", "NOR", "032"), ("NOR", "SUDGOV", "033")]}


def test_actor_synonyms_comments_and_dated_codes(folder: Path) -> None:
    actors = {a.names[0]: a for a in read_actors(folder / "PETR.Validate.actors.txt")}
    assert actors["NORLAND"].names == ("NORLAND", "NORLANDER")
    assert actors["SUDMARK"].names == ("SUDMARK", "PORT ROYAL")
    greybeard = actors["GREYBEARD"]
    assert greybeard.default is None
    days = [date(1995, 5, 31), date(1995, 6, 1), date(1999, 8, 15), date(1999, 8, 17)]
    assert [greybeard.code(day) for day in days] == ["NOR", "NORGOV", "NORGOV", "NORREB"]
    assert actors["OLD KING"].code(date(1995, 1, 1)) == "---"
    assert actors["OLD KING"].code(date(1996, 1, 1)) == "NOR"


def test_agents_plurals_substitutions_and_prefix_codes(folder: Path) -> None:
    agents = {a.names[0]: a for a in read_agents(folder / "PETR.Validate.agents.txt")}
    assert agents["FOREIGN MINISTER"].names == ("FOREIGN MINISTER", "FOREIGN MINISTERS")
    assert agents["FOREIGN MINISTER"].code == "GOVFRM"
    assert agents["POLICE"].names == ("POLICE",) and agents["POLICE"].code == "COP"
    assert agents["GOOSE"].names == ("GOOSE", "GEESE")
    assert agents["PARTY"].names == ("PARTY", "PARTIES")
    assert agents["MINISTER OF WALKS"].names == (
        "MINISTER OF WALKS", "MINISTERS OF WALKS", "MINISTRY OF WALKS")
    assert agents["RIGHTS BODY"].prefix and not agents["POLICE"].prefix


@pytest.mark.parametrize(("text", "code"), [
    ("Norland", "NOR"),
    ("NORLAND'S", "NOR"),
    ("Port Royal", "SUD"),
    ("Sudmark's foreign minister", "SUDGOVFRM"),
    ("the Norland police", "NORCOP"),
    ("police", "---COP"),
    ("a rights body", "NGO"),
    ("Sudmark rights body", "NGOSUD"),
    ("the Isles police", "ISLCOP/SKRCOP"),
    ("Greybeard", "NORGOV"),
    ("crowds", None),
])
def test_a_participant_maps_to_the_code_petrarch_would_write(kb: Dictionaries, text: str,
                                                            code: str | None) -> None:
    assert code_of(text, date(1996, 1, 1), kb) == code


def test_actor_names_become_lower_case_ruler_patterns(kb: Dictionaries) -> None:
    patterns = ruler_patterns(kb)
    assert {"label": "ORG", "pattern": "port royal"} in patterns
    assert len(patterns) == sum(len(a.names) for a in kb.actors)


def test_the_ruler_goes_ahead_of_ner(kb: Dictionaries) -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("ner")
    with_actors(nlp, kb)
    assert nlp.pipe_names == ["petrarch_actors", "ner"]


def event(cameo: str, actors: Sequence[str] = (), recipients: Sequence[str] = (),
          type_: EventType = "CONSULT", status: EventStatus = "happened") -> Event:
    return Event(id="ev1", type=type_, mode=None, contexts=(), cameo=cameo, trigger=Mention(0, 1, "x"),
                 sentence=Sentence(0, 10), actors=tuple(Participant(None, a, 0, 1) for a in actors),
                 recipients=tuple(Participant(None, r, 0, 1) for r in recipients), place=None, date=None,
                 status=status, attribution=(), confidence=0.5)


def test_scoring_roots_codes_and_false_positives(folder: Path, kb: Dictionaries) -> None:
    restore, toll, accord, visit = read_sentences(folder)
    pairs: list[tuple[GoldSentence, Sequence[Event]]] = [
        (restore, [event("061", ["Norland"], ["Sudmark"], "COOPERATE")]),  # root 06 right, both codes right
        (visit, [event("036", ["Sudmark's foreign minister"], ["Norland"]),  # root 03 right, source wrong
                 event("070", ["Norland"], [], "AID")]),
        (toll, [event("190", ["Norland"])]),  # a false positive
        (accord, []),
    ]
    scores = score(pairs, kb)
    assert (scores.event_sentences, scores.no_event_sentences) == (2, 2)
    assert scores.root_accuracy == 1.0
    assert scores.type_accuracy == 1.0
    assert scores.source_match == 0.5  # SUDGOVFRM is not SUDGOV
    assert scores.target_match == 1.0
    assert scores.full_match == 0.5
    assert scores.false_positive_rate == 0.5


def test_an_expected_missing_actor_matches_an_event_without_a_coded_one(kb: Dictionaries) -> None:
    sentence = GoldSentence(0, "x", None, "Crowds marched on Sudmark.", (Coding("---", "SUD", "064"),))
    assert score([(sentence, [event("064", ["crowds"], ["Sudmark"], "COOPERATE")])], kb).full_match == 1.0
    assert score([(sentence, [event("064", ["Norland"], ["Sudmark"])])], kb).source_match == 0.0


def test_no_event_coded_is_wrong_on_every_measure(folder: Path, kb: Dictionaries) -> None:
    restore = read_sentences(folder)[0]
    scores = score([(restore, [])], kb)
    assert (scores.root_accuracy, scores.source_match, scores.target_match) == (0.0, 0.0, 0.0)


def test_evaluate_dates_each_sentence_and_splits_by_file_position(folder: Path) -> None:
    seen: list[tuple[str, date | None]] = []

    def predict(items: Sequence[tuple[str, date | None]]) -> list[tuple[Event, ...]]:
        seen.extend(items)
        return [(event("064", ["Norland"], ["Sudmark"]),), (), (event("010"),), ()]

    (dev, _), (test, _), (everything, _) = evaluate(folder, predict)
    assert seen[1] == ("Norland's toll has risen.", date(1995, 1, 2))
    # dev: T-00 and T-04 (positions 0 and 4); test: T-01 and T-03 (positions 1 and 3), no events expected
    assert (dev.event_sentences, dev.no_event_sentences, dev.root_accuracy) == (2, 0, 0.5)
    assert (test.event_sentences, test.no_event_sentences, test.false_positive_rate) == (0, 2, 0.5)
    assert everything.false_positive_rate == 0.5
    assert set(everything.figures()) == {"root_accuracy", "type_accuracy", "source_match", "target_match",
                                         "full_match",
                                         "false_positive_rate"}


def test_each_sentence_carries_the_settings_the_config_elements_before_it_left(folder: Path) -> None:
    settings = {s.id: s.settings for s in read_sentences(folder)}
    assert settings == {"T-00": Settings(require_dyad=True, new_actor_length=0),  # PETRARCH's defaults
                        "T-01": Settings(require_dyad=True, new_actor_length=0),
                        "T-03": Settings(require_dyad=False, new_actor_length=0),
                        "T-04": Settings(require_dyad=True, new_actor_length=3)}  # comma_max is ignored


def test_dyadic_keeps_what_petrarch_would_code_under_each_sentences_settings(folder: Path,
                                                                            kb: Dictionaries) -> None:
    restore, _, accord, visit = read_sentences(folder)
    both = event("064", ["Norland"], ["Sudmark"])
    unknown_target = event("064", ["Norland"], ["the parade crowd"])
    agent_only = event("064", ["foreign minister"], ["Sudmark"])  # an agent alone codes as ---GOVFRM
    assert dyadic(restore, [both, unknown_target, agent_only], kb) == (both, agent_only)
    assert dyadic(accord, [unknown_target], kb) == (unknown_target,)  # require_dyad false: all stand
    short_new, long_new = event("032", ["the parade crowd"], ["Norland"]), event(
        "032", ["the big parade crowd"], ["Norland"])
    assert dyadic(visit, [short_new, long_new], kb) == (short_new,)  # new actors of at most 3 words


def test_evaluate_scores_every_event_and_the_dyadic_ones(folder: Path) -> None:
    def predict(items: Sequence[tuple[str, date | None]]) -> list[tuple[Event, ...]]:
        return [(event("064", ["Norland"], ["Sudmark"], "COOPERATE"),),
                (event("190", ["Norland"], ["the toll"]),), (), ()]

    (dev, dev_dyadic), _, (everything, everything_dyadic) = evaluate(folder, predict)
    assert dev.full_match == dev_dyadic.full_match == 0.5
    assert (everything.false_positive_rate, everything_dyadic.false_positive_rate) == (0.5, 0.0)


@pytest.mark.parametrize(("code", "types"), [
    ("122", {"ACCUSE"}),  # WEIS 12 accuse: denounce
    ("032", {"CONSULT"}),  # WEIS 03 consult: visit
    ("064", {"SUPPORT", "COOPERATE", "CONCEDE", "RETREAT"}),  # WEIS 06 grant: resume relations
    ("1711", {"COERCE"}),  # CAMEO confiscate
    ("174K", {"COERCE", "THREATEN"}),
    ("023", set()),  # WEIS 02 comment: no PLOVER event
    ("903", set()),  # a code the dictionary invented for a pattern test
])
def test_expected_codes_are_read_as_weis_categories(code: str, types: set[str]) -> None:
    assert weis_types(code) == types


def test_type_accuracy_reads_the_weis_code_where_the_cameo_root_differs(kb: Dictionaries) -> None:
    condemn = GoldSentence(0, "x", None, "Norland condemned Sudmark.", (Coding("NOR", "SUD", "122"),))
    scores = score([(condemn, [event("111", ["Norland"], ["Sudmark"], "ACCUSE")])], kb)
    assert (scores.root_accuracy, scores.type_accuracy, scores.full_match) == (0.0, 1.0, 1.0)
    promise = GoldSentence(0, "x", None, "Norland will visit Sudmark.", (Coding("NOR", "SUD", "051"),))
    planned = event("042", ["Norland"], ["Sudmark"], "CONSULT", "planned")  # PLOVER view: AGREE
    assert score([(promise, [planned])], kb).type_accuracy == 1.0


def test_sentences_whose_codes_have_no_category_are_left_out_of_type_accuracy(kb: Dictionaries) -> None:
    comment = GoldSentence(0, "x", None, "Norland said so.", (Coding("NOR", "---", "023"),))
    condemn = GoldSentence(1, "y", None, "Norland condemned Sudmark.", (Coding("NOR", "SUD", "122"),))
    scores = score([(comment, []), (condemn, [event("111", ["Norland"], ["Sudmark"], "ACCUSE")])], kb)
    assert (scores.event_sentences, scores.type_accuracy) == (2, 1.0)
