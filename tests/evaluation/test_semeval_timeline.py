"""The SemEval-2015 TimeLine reader, newsgraph's timelines and the temporal-awareness scorer, on invented
timelines and hand-built events."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.evaluation.semeval_timeline import (
    CatDocument,
    Entry,
    build_timelines,
    creation_date,
    graph,
    ordered,
    read_document,
    read_timeline,
    score,
    text_of,
    timeline_date,
    timeline_name,
    write_timeline,
)
from newsgraph.nlp.records import Analysis, Entity, Event, EventDate, Mention, Participant, Sentence

GOLD = "Norland\n0\tXXXX-XX-XX\t7-4-hoped\n1\t2008-XX-XX\t7-3-talks\n2\t2008-03-01\t7-2-seized\t8-0-seizure\n"

CAT = """<?xml version="1.0" ?><Document doc_id="7" doc_name="7_x.txt">
<token number="0" sentence="0" t_id="1">Norland</token>
<token number="1" sentence="0" t_id="2">seizes</token>
<token number="2" sentence="1" t_id="3">March</token>
<token number="3" sentence="1" t_id="4">2008</token>
<token number="4" sentence="2" t_id="5">Norland</token>
<token number="5" sentence="2" t_id="6">seized</token>
<token number="6" sentence="2" t_id="7">Ostia</token>
<Markables>
<TIMEX3 functionInDocument="CREATION_TIME" m_id="1" type="DATE" value="2008-03-01"></TIMEX3>
</Markables></Document>"""


def test_reader_skips_the_heading_and_keeps_coreferent_mentions_on_one_line() -> None:
    assert read_timeline(GOLD) == [Entry(0, "XXXX-XX-XX", ("7-4-hoped",)),
                                   Entry(1, "2008-XX-XX", ("7-3-talks",)),
                                   Entry(2, "2008-03-01", ("7-2-seized", "8-0-seizure"))]
    assert "\n".join(write_timeline(read_timeline(GOLD))) == GOLD.split("\n", 1)[1].rstrip("\n")


def test_file_names_follow_the_task() -> None:
    assert timeline_name("Boeing 787 Dreamliner") == "boeing_787_dreamliner"


def test_cat_document_gives_text_sentences_and_creation_time(tmp_path: Path) -> None:
    path = tmp_path / "7_x.txt.xml"
    path.write_text(CAT, encoding="utf-8")
    document = read_document(path)
    assert (document.id, document.created, str(creation_date(document))) == ("7", "2008-03-01", "2008-03-01")
    text, spans = text_of(document)
    assert text == "Norland seizes\n\nMarch 2008\n\nNorland seized Ostia"
    assert text[spans[5][0]:spans[5][1]] == "seized" and spans[5][2] == 2


@pytest.mark.parametrize(("value", "expected"), [
    ("2008-03-01", "2008-03-01"), ("2008-03", "2008-03-XX"), ("2008", "2008-XX-XX"),
    ("2008-W10", "2008-XX-XX"), ("PRESENT_REF", None), (None, None)])
def test_timeline_date(value: str | None, expected: str | None) -> None:
    assert timeline_date(value) == expected


def test_ordering_puts_unknown_dates_first_and_partial_dates_before_their_days() -> None:
    entries = ordered({"a": "2008-03-01", "b": "2008-XX-XX", "c": "XXXX-XX-XX", "d": "2008-03-01"})
    assert [(e.order, e.mentions[0]) for e in entries] == [(0, "c"), (1, "b"), (2, "a"), (2, "d")]


def test_a_timeline_scored_against_itself_is_perfect() -> None:
    gold = read_timeline(GOLD)
    result = score([(gold, gold)])
    assert (result.precision, result.recall, result.f1) == (1.0, 1.0, 1.0)


def test_graph_closure_and_reduction() -> None:
    g = graph(read_timeline(GOLD))
    assert g.holds(("e:7-3-talks", "e:8-0-seizure", "BEFORE"))  # by closure
    assert not g.holds(("e:8-0-seizure", "e:7-3-talks", "BEFORE"))
    assert g.holds(("e:7-2-seized", "t:2008-03-01", "SIMULTANEOUS"))
    assert not g.holds(("e:7-4-hoped", "e:7-3-talks", "BEFORE"))  # order 0 is unordered
    # reduced: 4 classes' inner links (hoped=XXXX, talks=2008, seized=seizure=2008-03-01) + 1 BEFORE
    assert sorted(kind for *_, kind in g.reduced) == ["BEFORE"] + ["SIMULTANEOUS"] * 4


def test_awareness_counts_a_reversed_order_as_wrong_and_missing_events_against_recall() -> None:
    gold = [Entry(1, "2008-01-01", ("a",)), Entry(2, "2008-02-01", ("b",))]
    reversed_ = [Entry(1, "2008-01-01", ("b",)), Entry(2, "2008-02-01", ("a",))]
    result = score([(gold, reversed_)])
    # reduced gold: a=t1, b=t2, a<b; the system has b=t1, a=t2, b<a: nothing agrees
    assert (result.verified_gold, result.gold, result.verified_system, result.system) == (0, 3, 0, 3)
    partial = score([(gold, [Entry(1, "2008-01-01", ("a",))])])
    assert (partial.precision, partial.recall) == (1.0, pytest.approx(1 / 3))
    assert score([(gold, [])]).f1 == 0.0


def event(start: int, end: int, text: str, actor: Participant, when: str | None) -> Event:
    date = EventDate(when, "day", 0, 0) if when else None
    return Event(id="ev1", type="COERCE", mode=None, contexts=(), cameo="17",
                 trigger=Mention(start, end, text), sentence=Sentence(0, 40), actors=(actor,),
                 recipients=(), place=None, date=date,
                 status="happened", attribution=(), confidence=0.9)


def test_timelines_take_events_whose_participants_name_the_entity() -> None:
    document = CatDocument("7", "2008-03-01", ((0, "Norland"), (0, "seizes"), (1, "The"), (1, "army"),
                                               (1, "seized"), (1, "Ostia")))
    text, _ = text_of(document)
    seize = text.index("seizes")
    seized = text.index("seized")
    army = Participant("org:army", "The army", text.index("The"), text.index("army") + 4)
    analysis = Analysis(sentences=(), entities=(
        Entity("org:army", "Norland Army", "ORG", (Mention(0, 7, "Norland"),)),), events=(
        event(seize, seize + 6, "seizes", Participant(None, "Norland", 0, 7), None),
        event(seized, seized + 6, "seized", army, "2008-02"),
        event(seized, seized + 6, "seized", Participant(None, "Ostia", 0, 0), None)))
    built = build_timelines(["Norland", "Sudmark"], [document], [analysis])
    assert built["Norland"] == [Entry(1, "2008-02-XX", ("7-1-seized",)),
                                Entry(2, "2008-03-01", ("7-0-seizes",))]
    assert built["Sudmark"] == []
