"""Grouping reports of one event (``event_groups``) and the timeline over the groups, on hand-built rows."""

from __future__ import annotations

import time
from dataclasses import replace

import pytest

from newsgraph.event_groups import group_events
from newsgraph.store import EventDesignation, EventParticipant, EventPlace, EventRow
from newsgraph.timeline import timeline

CARACAS = EventPlace("Caracas", "VE", 10.5, -66.9, 3646738, "capital")
VENEZUELA = EventPlace("Venezuela", "VE", 8.0, -66.0, 3625428, "country")
LIMA = EventPlace("Lima", "PE", -12.0, -77.0, 3936456, "capital")


def person(name: str, role: str = "actor", text: str | None = None) -> EventParticipant:
    return EventParticipant(role, "person:" + name.lower().replace(" ", "-"), name, None, text or name)


def unnamed(text: str, role: str = "recipient") -> EventParticipant:
    return EventParticipant(role, None, None, None, text)


def row(article_id: int, event_id: str, kind: str = "CONSULT", *, participants: tuple[EventParticipant, ...]
        = (), status: str = "happened", mode: str | None = None, date: str | None = None,
        precision: str | None = None, place: EventPlace | None = None, outlet: str | None = "Ledger",
        published: str | None = "2026-01-16", attribution: tuple[str, ...] = (),
        sentence: str | None = None, designation: EventDesignation | None = None) -> EventRow:
    """An event row: the sentence holds every participant's words unless given."""
    words = " ".join(p.text for p in participants)
    return EventRow(
        article_id=article_id, event_id=event_id, type=kind, mode=mode, contexts=(), cameo=None,
        status=status, reported=bool(attribution), attribution=((outlet,) if outlet else ()) + attribution,
        confidence=0.8, date=date, date_precision=precision,
        when_start=None, when_end=None, dated_by="event" if date else "published", place=place,
        trigger="met", trigger_start=0, trigger_end=3, sentence=sentence if sentence is not None else
        f"{words} met.", sentence_start=0, sentence_end=10, in_lead=False, participants=participants,
        designation=designation, outlet=outlet, url=None, title=None, published=published,
        source=f"{article_id}.txt", extracted_at="2026-01-17T00:00:00+00:00", extraction_version="test")


ELLAND, QUIROGA = person("Tomas Elland"), person("Marta Quiroga", "recipient")
MEETING = (ELLAND, QUIROGA)


def test_reports_of_one_meeting_in_three_articles_are_one_group() -> None:
    rows = [row(1, "ev1", participants=MEETING, date="2026-01-15", precision="day", place=CARACAS),
            row(2, "ev3", participants=(ELLAND,), outlet="Wire", published="2026-01-17"),
            row(3, "ev1", participants=(person("Marta Quiroga"), person("Tomas Elland", "recipient")),
                date="2026-01", precision="month", place=VENEZUELA, outlet="Post")]

    [group] = group_events(rows)

    assert group.id == "1-ev1"
    assert [m.id for m in group.mentions] == ["1-ev1", "2-ev3", "3-ev1"]
    assert (group.date, group.precision, group.dated_by) == ("2026-01-15", "day", "event")
    assert group.place == CARACAS  # the city, not the country that contains it
    assert (group.confirmations, group.outlets) == (3, ("Ledger", "Post", "Wire"))


@pytest.mark.parametrize(("second", "reason"), [
    (row(2, "ev1", "SANCTION", participants=MEETING), "another type"),
    (row(2, "ev1", participants=MEETING, status="planned"), "a plan, not an occurrence"),
    (row(2, "ev1", participants=(person("Ines Carrasco"), person("Luis Ortega", "recipient"))),
     "no participant in common"),
    (row(2, "ev1", participants=MEETING, date="2026-02-20", precision="day"), "a month apart"),
    (row(2, "ev1", participants=MEETING, place=LIMA), "another country"),
])
def test_reports_that_differ_are_two_groups(second: EventRow, reason: str) -> None:
    first = row(1, "ev1", participants=MEETING, date="2026-01-15", precision="day", place=CARACAS)

    assert len(group_events([first, second])) == 2, reason


def test_distinct_recipients_are_distinct_events_for_a_directed_type() -> None:
    us = EventParticipant("actor", "place:united-states", "United States", None, "United States")
    rows = [row(1, "ev1", "SANCTION", participants=(us, unnamed("Venezuela") and
                                                       person("Nicolas Maduro", "recipient"))),
            row(2, "ev1", "SANCTION", participants=(us, person("Diosdado Cabello", "recipient")))]

    assert len(group_events(rows)) == 2


def test_close_dates_from_two_outlets_are_one_event_with_a_date_conflict() -> None:
    rows = [row(1, "ev1", participants=MEETING, date="2026-03-26", precision="day"),
            row(2, "ev1", participants=MEETING, date="2026-03-27", precision="day", outlet="Wire")]

    [group] = group_events(rows)

    assert [(c.kind, c.first, c.second) for c in group.conflicts] == [("date", "1-ev1", "2-ev1")]


def test_unnamed_participants_match_by_their_folded_head_word() -> None:
    rows = [row(1, "ev1", "COERCE", mode="arrest", participants=(unnamed("the Crew"),)),
            row(2, "ev1", "COERCE", mode="arrest", participants=(unnamed("its 14 crew"),), outlet="Wire"),
            row(3, "ev1", "COERCE", mode="arrest", participants=(unnamed("them"),), outlet="Post")]

    groups = group_events(rows)

    assert [len(g.mentions) for g in groups] == [2, 1]  # a pronoun alone identifies no one


def test_an_arrest_and_an_abduction_of_one_person_are_one_act() -> None:
    maduro = person("Nicolas Maduro", "recipient")
    rows = [row(1, "ev1", "COERCE", mode="arrest", participants=(maduro,)),
            row(2, "ev1", "ASSAULT", mode="abduct", participants=(maduro,), outlet="Wire"),
            row(3, "ev1", "ASSAULT", mode="firearms", participants=(maduro,), outlet="Post")]

    assert [len(g.mentions) for g in group_events(rows)] == [2, 1]


def test_support_acts_that_cameo_tells_apart_are_two_events() -> None:
    chile = EventParticipant("actor", "place:chile", "Chile", None, "Chile")
    peru = EventParticipant("actor", "place:peru", "Peru", None, "Peru")
    signed = replace(row(1, "ev1", "SUPPORT", participants=(chile, peru)), cameo="057")
    defended = replace(row(2, "ev1", "SUPPORT", participants=(peru, chile), outlet="Wire"), cameo="052")
    signed_again = replace(row(3, "ev1", "SUPPORT", participants=(peru, chile), outlet="Post"), cameo="057")
    supported = replace(row(4, "ev1", "SUPPORT", participants=(peru,), outlet="Daily"), cameo="05")

    groups = group_events([signed, defended, signed_again, supported])

    assert [[m.id for m in g.mentions] for g in groups] == [["1-ev1", "3-ev1", "4-ev1"], ["2-ev1"]]
    assert groups[0].mode is None  # the CAMEO code tells acts apart; it is no PLOVER mode


@pytest.mark.parametrize(("reports", "expected"), [
    ([("Ledger", ()), ("Wire", ())], 2),
    ([("Ledger", ()), ("Ledger", ())], 1),
    ([("Ledger", ("Axios",)), ("Wire", ("Axios",))], 1),  # one origin
    ([("Ledger", ("Wire",)), ("Wire", ())], 1),  # one outlet cites the other
    ([("Ledger", ("officials",)), ("Wire", ("officials",))], 2),  # no one in particular
    ([("Ledger", ("One administration official",)), ("Wire", ("a U.S. official",))], 2),
])
def test_confirmations_count_independent_sources(reports: list[tuple[str, tuple[str, ...]]],
                                                 expected: int) -> None:
    rows = [row(n, "ev1", participants=MEETING, outlet=outlet, attribution=chain)
            for n, (outlet, chain) in enumerate(reports, start=1)]

    [group] = group_events(rows)

    assert group.confirmations == expected


def test_a_denial_is_grouped_with_the_report_it_denies_and_confirms_nothing() -> None:
    rows = [row(1, "ev1", participants=MEETING), row(2, "ev1", participants=MEETING, status="denied",
                                                     outlet="Wire")]

    [group] = group_events(rows)

    assert (group.status, group.statuses) == ("happened", {"happened": 1, "denied": 1})
    assert group.confirmations == 1


def test_group_ids_stay_when_later_articles_join() -> None:
    first = [row(2, "ev1", participants=MEETING), row(3, "ev2", participants=MEETING)]
    later = row(4, "ev1", participants=MEETING, published="2026-01-10", outlet="Wire")

    assert [g.id for g in group_events(first)] == [g.id for g in group_events([later, *first])] == ["2-ev1"]


def test_one_shared_participant_and_another_day_are_two_events() -> None:
    rows = [row(1, "ev1", participants=(person("Renata Salinas"), person("Luis Ortega", "recipient")),
                date="2026-03-02", precision="day"),
            row(2, "ev1", participants=(person("Renata Salinas"), person("Ines Carrasco", "recipient")),
                date="2026-03-03", precision="day", outlet="Wire")]

    assert len(group_events(rows)) == 2


MARACAIBO = EventPlace("Maracaibo", "VE", 10.6, -71.6, 3633009, "city")
MADURO, CABELLO = person("Nicolas Maduro", "recipient"), person("Diosdado Cabello", "recipient")
RUBIO = person("Marco Rubio")


def test_grouping_of_a_mixed_story_is_pinned() -> None:
    """Every rule at once, pinned: a faster grouping must give exactly these groups, dates, places,
    statuses, confirmations and conflicts (in order)."""
    rows = [
        row(1, "ev1", participants=MEETING, date="2026-01-15", precision="day", place=CARACAS),
        row(1, "ev2", "COERCE", mode="arrest", participants=(RUBIO, MADURO), date="2026-01",
            precision="month"),
        row(1, "ev3", "THREATEN", mode="arrest", participants=(RUBIO, CABELLO), status="threatened"),
        row(2, "ev1", participants=(person("Marta Quiroga"), person("Tomas Elland", "recipient")),
            date="2026-01-16", precision="day", place=CARACAS, outlet="Wire", published="2026-01-17"),
        row(2, "ev2", "ASSAULT", mode="abduct", participants=(RUBIO, MADURO), outlet="Wire", place=VENEZUELA,
            published="2026-01-17", attribution=("Axios",)),
        row(2, "ev3", "COERCE", mode="arrest", participants=(RUBIO, CABELLO), status="planned",
            outlet="Wire"),
        row(3, "ev1", participants=MEETING, place=MARACAIBO, outlet="Post", published="2026-01-18"),
        row(3, "ev2", "COERCE", mode="arrest", participants=(person("Delcy Rodriguez"), MADURO),
            outlet="Post", published="2026-01-18", attribution=("Axios",)),
        row(3, "ev4", participants=MEETING, date="2026-02-20", precision="day", outlet="Post"),
        row(4, "ev1", "COERCE", mode="arrest", participants=(RUBIO, MADURO), status="denied",
            outlet="Gazette", published="2026-01-19"),
        row(4, "ev2", "SANCTION", participants=(RUBIO, MADURO), outlet="Gazette", published="2026-01-19"),
        row(4, "ev3", "SANCTION", participants=(RUBIO, CABELLO), outlet="Gazette", published="2026-01-19"),
        row(5, "ev1", "COERCE", mode="arrest", participants=(unnamed("the Crew"),), place=LIMA,
            outlet="Wire", published="2026-01-20"),
        row(5, "ev2", "COERCE", mode="arrest", participants=(unnamed("its 14 crew"),), place=LIMA,
            outlet="Wire", published="2026-01-20"),
        row(6, "ev1", "COERCE", participants=(unnamed("its crew"), unnamed("them")), outlet="Post",
            published="2026-01-21"),
        row(6, "ev2", participants=(ELLAND, QUIROGA), date="2026-01-14", precision="day", outlet="Post",
            published="2026-01-21"),
    ]

    found = [(g.id, [m.id for m in g.mentions], g.date, g.place.name if g.place else None, g.status,
              g.confirmations, [(c.kind, c.first, c.second) for c in g.conflicts])
             for g in group_events(rows)]

    assert found == [
        # Four reports of the meeting: a day apart (2-ev1, 6-ev2) and in another city of the country
        # (3-ev1) are disagreements about one event; 3-ev4, a month later, is another meeting.
        ("1-ev1", ["1-ev1", "2-ev1", "3-ev1", "6-ev2"], "2026-01-15", "Caracas", "happened", 3,
         [("date", "1-ev1", "2-ev1"), ("place", "1-ev1", "3-ev1"), ("place", "2-ev1", "3-ev1"),
          ("date", "1-ev1", "6-ev2"), ("date", "2-ev1", "6-ev2")]),
        # An arrest, an abduction citing Axios and a denial; the arrest by another actor sharing one
        # participant (3-ev2) is another event.
        ("1-ev2", ["1-ev2", "2-ev2", "4-ev1"], "2026-01", "Venezuela", "happened", 2, []),
        ("1-ev3", ["1-ev3", "2-ev3"], "2026-01-16", None, "planned", 2, []),  # a threat is the act threatened
        ("3-ev4", ["3-ev4"], "2026-02-20", None, "happened", 1, []),
        ("3-ev2", ["3-ev2"], "2026-01-18", None, "happened", 1, []),
        ("4-ev2", ["4-ev2"], "2026-01-19", None, "happened", 1, []),  # sanctions on two recipients:
        ("4-ev3", ["4-ev3"], "2026-01-19", None, "happened", 1, []),  # two events
        ("5-ev1", ["5-ev1", "5-ev2", "6-ev1"], "2026-01-20", "Lima", "happened", 2, []),  # unnamed crews
    ]


def test_blocking_keeps_grouping_fast_in_a_large_story() -> None:
    rows = [row(n, "ev1", participants=(person(f"Person {n}"), person(f"Person {n + 1}", "recipient")),
                date=f"2026-01-{1 + n % 28:02d}", precision="day") for n in range(3000)]

    started = time.perf_counter()
    assert len(group_events(rows)) == 3000
    assert time.perf_counter() - started < 2.0  # all pairs would be 4.5 million comparisons


# timeline -------------------------------------------------------------------------------------------

def test_timeline_orders_by_when_it_happened_with_precision_and_report_dates() -> None:
    rows = [row(1, "ev1", participants=MEETING, published="2026-01-16"),
            row(1, "ev2", "COERCE", mode="arrest", participants=(person("Nicolas Maduro", "recipient"),),
                date="2026-01", precision="month"),
            row(2, "ev1", "SANCTION", participants=(person("Ines Carrasco"),), date="2025-11-21",
                precision="day", published="2026-01-20")]

    entries = timeline(group_events(rows))

    assert [(e.date, e.precision, e.dated_by, e.type) for e in entries] == [
        ("2025-11-21", "day", "event", "SANCTION"), ("2026-01", "month", "event", "COERCE"),
        ("2026-01-16", "day", "report", "CONSULT")]
    assert entries[1].summary == "? → Nicolas Maduro"


def test_timeline_since_and_until_test_overlap() -> None:
    rows = [row(1, "ev1", "COERCE", participants=(ELLAND,), date="2026-01", precision="month"),
            row(1, "ev2", participants=MEETING, date="2026-02-03", precision="day"),
            row(2, "ev1", "AID", participants=(ELLAND,), published=None)]
    groups = group_events(rows)

    assert [e.type for e in timeline(groups, since="2026-01-20")] == ["COERCE", "CONSULT"]
    assert [e.type for e in timeline(groups, until="2026-01-31")] == ["COERCE"]
    assert [e.type for e in timeline(groups)] == ["COERCE", "CONSULT", "AID"]  # undated last


def test_rows_keep_their_own_fields() -> None:
    assert replace(row(1, "ev1"), status="planned").status == "planned"
