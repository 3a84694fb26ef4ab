"""The PLOVER gold-standard reader and scoring, on an invented mini file and hand-built events."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pytest

from newsgraph.evaluation.plover import (
    GoldSentence,
    evaluate,
    main_event,
    participant_matches,
    read_sentences,
    score,
    trigger_spans,
)
from newsgraph.nlp.records import Event, EventType, Mention, Participant, Sentence

RECORDS = [
    {"id": "X-DOCUMENT-0001", "event": "DOCUMENT", "eventText": "documentation"},
    {"id": "X-DEMAND-0001", "event": "DEMAND", "mode": "", "text": "Norland urged Sudmark to free the crew. ",
     "source": [{"actorText": "Norland"}], "target": [{"actorText": "Sudmark"}],
     "textInfo": {"markup": "(SRC: Norland) (EVT: urged) (TAR: Sudmark) to free the crew."}},
    {"id": "X-FIGHT-0002", "event": "FIGHT", "mode": "firearms",
     "text": "Rebels said rebels shot Ostia police.",
     "source": [{"actorText": "Rebels"}], "target": "",
     "textInfo": "Rebels said (SRC: rebels) (EVT: shot} (TAR: Ostia police)."},
    {"id": "X-AGREE-0003", "event": "AGREE", "text": "Norland and Sudmark negotiators agreed to talk.",
     "source": [{"actorText": "Norland ... negotiators"}], "target": [],
     "textInfo": {"markup": "(SRC: Norland) and Sudmark (SRC: negotiators) (EVT: agreed) to talk."}},
]


def event(type_: EventType, start: int, end: int, *, confidence: float = 0.5, mode: str | None = None,
          actors: Sequence[Participant] = (), recipients: Sequence[Participant] = ()) -> Event:
    return Event(id="ev1", type=type_, mode=mode, contexts=(), cameo="10", trigger=Mention(start, end, "x"),
                 sentence=Sentence(0, 100), actors=tuple(actors), recipients=tuple(recipients), place=None,
                 date=None, status="happened", attribution=(), confidence=confidence)


def who(text: str, start: int = 0) -> Participant:
    return Participant(None, text, start, start + len(text))


@pytest.fixture
def gold(tmp_path: Path) -> list[GoldSentence]:
    (tmp_path / "PLOVER_GSR_CAMEO.json").write_text(json.dumps(RECORDS), encoding="utf-8")
    return read_sentences(tmp_path)


def test_reader_skips_documentation_and_maps_old_labels(gold: list[GoldSentence]) -> None:
    assert [(g.id, g.type) for g in gold] == [
        ("X-DEMAND-0001", "REQUEST"), ("X-FIGHT-0002", "ASSAULT"), ("X-AGREE-0003", "AGREE")]
    assert [g.mode for g in gold] == [None, "firearms", None]


def test_reader_takes_actor_texts_and_ignores_a_target_that_is_not_a_list(gold: list[GoldSentence]) -> None:
    assert [(g.actors, g.recipients) for g in gold] == [
        (("Norland",), ("Sudmark",)), (("Rebels",), ()), (("Norland ... negotiators",), ())]


def test_trigger_found_in_text_even_from_string_markup_closed_with_a_brace(gold: list[GoldSentence]) -> None:
    assert [[g.text[s:e] for s, e in g.triggers] for g in gold] == [["urged"], ["shot"], ["agreed"]]


def test_trigger_takes_the_occurrence_nearest_its_place_in_the_markup() -> None:
    text = "They said it and later said more."
    [(start, _)] = trigger_spans(text, "They said it and later (EVT: said) more.")
    assert start == text.rindex("said")


def test_main_event_prefers_the_gold_trigger_then_confidence() -> None:
    on_trigger = event("REQUEST", 8, 13, confidence=0.3)
    elsewhere = event("COERCE", 20, 24, confidence=0.9)
    assert main_event([elsewhere, on_trigger], [(8, 13)]) is on_trigger
    assert main_event([elsewhere, on_trigger], [(40, 45)]) is elsewhere
    assert main_event([], [(8, 13)]) is None


@pytest.mark.parametrize(("predicted", "matches"), [
    ("Norland", True),
    ("NORLAND", True),
    ("the Norland negotiators", True),  # contains a piece of the gold text
    ("Sudmark", False),
    ("negotiators", True),
])
def test_participants_match_gold_text_folded_and_in_pieces(predicted: str, matches: bool) -> None:
    assert participant_matches([who(predicted, 500)], ["Norland ... negotiators"], "unrelated") is matches


def test_a_participant_matches_by_span_where_the_gold_text_stands() -> None:
    text = "Senior Norland and Sudmark officials met."
    assert participant_matches([Participant(None, "a text of its own", 19, 36)], ["Sudmark"], text)
    assert not participant_matches([who("officials", 27)], ["Sudmark"], text)


def test_accented_names_match_without_their_accents() -> None:
    assert participant_matches([who("Nicolas Maduro", 500)], ["Nicolás Maduro"], "")


def test_scores_type_mode_actors_and_coverage(gold: list[GoldSentence]) -> None:
    demand, fight, agree = gold
    predictions = [
        [event("REQUEST", 8, 13, actors=[who("Norland")], recipients=[who("Sudmark", 14)])],
        [event("COERCE", 24, 28, mode="arrest", actors=[who("rebels", 12)]),
         event("ASSAULT", 19, 23, mode="firearms", confidence=0.1)],  # on the trigger: the one scored
        [],
    ]
    scores = score(zip(gold, predictions, strict=True))
    assert scores.sentences == 3
    assert scores.type_accuracy == pytest.approx(2 / 3)
    assert scores.mode_accuracy == 1.0  # only the ASSAULT record has a mode
    assert scores.actor_match == pytest.approx(1 / 3)  # the scored ASSAULT event has no actor
    assert scores.recipient_match == 1.0  # only the first record has a recipient
    assert scores.coverage == pytest.approx(2 / 3)
    assert scores.per_type["AGREE"] == (0.0, 0.0, 0.0, 1)
    assert scores.type_macro_f1 == pytest.approx(2 / 3)
    assert demand.type == "REQUEST" and fight.type == "ASSAULT" and agree.type == "AGREE"


def test_a_wrong_type_counts_against_that_types_precision(gold: list[GoldSentence]) -> None:
    predictions = [[event("REQUEST", 8, 13)], [event("REQUEST", 19, 23)], [event("AGREE", 32, 38)]]
    scores = score(zip(gold, predictions, strict=True))
    precision, recall, _, _ = scores.per_type["REQUEST"]
    assert (precision, recall) == (0.5, 1.0)
    assert scores.per_type["ASSAULT"][2] == 0.0


def test_evaluate_codes_every_sentence_once_and_splits_even_dev_odd_test(tmp_path: Path) -> None:
    (tmp_path / "PLOVER_GSR_CAMEO.json").write_text(json.dumps(RECORDS), encoding="utf-8")
    calls: list[list[tuple[str, date | None]]] = []

    def predict(items: Sequence[tuple[str, date | None]]) -> list[tuple[Event, ...]]:
        calls.append(list(items))
        return [(event("REQUEST", 8, 13),), (), (event("AGREE", 32, 38),)]

    dev, test, everything = evaluate(tmp_path, predict)
    assert len(calls) == 1 and calls[0][0] == ("Norland urged Sudmark to free the crew.", None)
    assert (dev.half, dev.sentences, dev.type_accuracy) == ("dev", 2, 1.0)
    assert (test.half, test.sentences, test.type_accuracy, test.coverage) == ("test", 1, 0.0, 0.0)
    assert everything.sentences == 3
    assert set(everything.figures()) == {"type_accuracy", "type_macro_f1", "mode_accuracy", "actor_match",
                                         "recipient_match", "coverage"}
