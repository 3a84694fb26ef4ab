"""What changed (``changes``) and the role ledger (``ledger``), on hand-built event rows and roles."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from tests.test_event_groups import MEETING, person, row, unnamed

from newsgraph.changes import changes
from newsgraph.event_groups import FAMILIES, OCCURRENCE, THREAT_ACTS, group_events
from newsgraph.ledger import (
    STATUS_EVENT_STATUSES,
    STATUS_EVENT_TYPES,
    STATUS_RULES,
    role_changes,
    role_ledger,
    status_changes,
    status_query,
)
from newsgraph.nlp.event_lexicon import default_lexicon
from newsgraph.store import EntityRole, EventDesignation, EventRow

MADURO = person("Nicolas Maduro", "recipient")
TRUMP = person("Donald Trump")


def role(entity: str, title: str, status: str, as_of: str, article_id: int, outlet: str = "Ledger",
         evidence: str | None = None) -> EntityRole:
    name = entity.split(":", 1)[1].replace("-", " ").title()
    return EntityRole(title, None, status, as_of, article_id, outlet, evidence or f"{status} {title} {name}",
                      entity_id=entity, name=name, start=0, end=10)


ROLES = [
    role("person:nicolas-maduro", "president", "current", "2025-11-24", 1),
    role("person:nicolas-maduro", "president", "former", "2026-01-16", 2),
    role("person:delcy-rodriguez", "interim president", "current", "2026-01-16", 2),
    role("person:delcy-rodriguez", "vice president", "previous", "2026-01-16", 2),
    role("person:delcy-rodriguez", "Interim President", "current", "2026-01-17", 3, outlet="Wire"),
]


def test_role_ledger_gives_each_title_its_first_and_last_date_and_outlets() -> None:
    ledger = role_ledger(ROLES)

    rodriguez = [(e.label, e.first, e.last, e.outlets) for e in ledger if e.entity_id.endswith("rodriguez")]
    assert rodriguez == [("previous vice president", "2026-01-16", "2026-01-16", ("Ledger",)),
                         ("interim president", "2026-01-16", "2026-01-17", ("Ledger", "Wire"))]


def test_role_changes_pair_titles_in_the_order_held() -> None:
    pairs = [(b.label, a.label) for b, a in role_changes(role_ledger(ROLES))]

    assert pairs == [("previous vice president", "interim president"), ("president", "former president")]


def test_role_changes_carry_evidence_on_both_sides() -> None:
    found = [c for c in changes([], ROLES) if c.kind == "role"]

    assert [c.detail for c in found] == ["vice president → interim president", "president → former president"]
    maduro = found[1]
    assert (maduro.as_of, maduro.entity_id) == ("2026-01-16", "person:nicolas-maduro")
    assert [(e.article_id, e.published, e.text) for e in maduro.before] == [
        (1, "2025-11-24", "current president Nicolas Maduro")]
    assert [(e.article_id, e.outlet) for e in maduro.after] == [(2, "Ledger")]


def test_undated_titles_change_only_after_a_title_said_to_be_past() -> None:
    undated = [role("person:nicolas-maduro", "president", "former", None, 1),  # type: ignore[arg-type]
               role("person:nicolas-maduro", "president", "current", None, 2),  # type: ignore[arg-type]
               role("person:delcy-rodriguez", "vice president", "previous", None, 1),  # type: ignore[arg-type]
               role("person:delcy-rodriguez", "interim president", "current", None, 1)]  # type: ignore[arg-type]

    found = [c for c in changes([], undated) if c.kind == "role"]

    assert [(c.detail, c.summary) for c in found] == [
        ("vice president → interim president",
         "Delcy Rodriguez: vice president (previously) → interim president (undated)")]


def test_an_undated_outcome_says_so_without_placeholders() -> None:
    plan = row(1, "ev7", "ASSAULT", mode="abduct", status="negated", participants=(MADURO,), published=None)
    capture = row(2, "ev7", "COERCE", mode="arrest", participants=(person("U.S. forces"), MADURO),
                  published=None)

    [change] = [c for c in changes(group_events([plan, capture]), []) if c.kind == "outcome"]

    assert change.summary == ("negated assault “met” (? → Nicolas Maduro) → happened “met” "
                              "(U.S. forces → Nicolas Maduro)")


def test_a_negated_plan_is_overtaken_by_the_capture() -> None:
    plan = row(1, "ev7", "ASSAULT", mode="abduct", status="negated", participants=(MADURO,),
               published="2025-11-24", attribution=("One administration official",))
    capture = row(2, "ev7", "COERCE", mode="arrest", participants=(person("U.S. forces"), MADURO),
                  date="2026-01", precision="month", published="2026-01-16")

    [change] = [c for c in changes(group_events([plan, capture]), []) if c.kind == "outcome"]

    assert (change.detail, change.as_of, change.group_ids) == ("overtaken", "2026-01-16", ("1-ev7", "2-ev7"))
    assert [(e.article_id, e.status) for e in change.before] == [(1, "negated")]
    assert [(e.article_id, e.status) for e in change.after] == [(2, "happened")]


def test_a_plan_whose_pronoun_was_resolved_to_someone_else_still_meets_its_outcome() -> None:
    """"not planning to snatch him": the event layer took "him" for Trump, who is not in the sentence."""
    plan = row(1, "ev7", "ASSAULT", mode="abduct", status="negated", published="2025-11-24",
               participants=(unnamed("they", "actor"), person("Donald Trump", "recipient", "Trump")),
               sentence="They are not planning to snatch him.")
    talks = row(1, "ev1", participants=(TRUMP, MADURO), status="planned", published="2025-11-24")
    capture = row(2, "ev7", "COERCE", mode="arrest", participants=(MADURO,), date="2026-01",
                  precision="month", published="2026-01-16")

    outcomes = [c for c in changes(group_events([plan, talks, capture]), []) if c.kind == "outcome"]

    assert [(c.detail, c.group_ids) for c in outcomes] == [("overtaken", ("1-ev7", "2-ev7"))]
    assert "pronoun read as Nicolas Maduro" in outcomes[0].summary


def test_an_outcome_must_come_after_the_plan() -> None:
    done = row(1, "ev1", participants=MEETING, published="2026-01-10")
    plan = row(2, "ev1", participants=MEETING, status="planned", published="2026-01-12")

    assert [c for c in changes(group_events([done, plan]), []) if c.kind == "outcome"] == []


def test_a_planned_date_that_passed_without_the_event_lapses() -> None:
    plan = row(1, "ev1", participants=MEETING, status="planned", date="2026-03-11", precision="day",
               published="2026-03-04")
    later = row(2, "ev1", "AID", participants=(person("Ines Carrasco"),), published="2026-03-20")

    [lapsed] = [c for c in changes(group_events([plan, later]), []) if c.kind == "outcome"]

    assert (lapsed.detail, lapsed.as_of, lapsed.after) == ("lapsed", "2026-03-12", ())


GOVERNMENT = (unnamed("government", "actor"),)


def test_a_plan_naming_no_one_is_not_said_to_lapse_when_an_event_of_its_kind_came_after() -> None:
    # "the government's answer is a meeting next week" … talks between named ministers two weeks on
    plan = row(1, "ev1", participants=GOVERNMENT, status="planned", date="2026-W11", precision="week",
               published="2026-03-03")
    held = row(2, "ev1", participants=MEETING, date="2026-03-26", precision="day", published="2026-03-27")

    assert [c for c in changes(group_events([plan, held]), []) if c.kind == "outcome"] == []


def test_a_plan_naming_no_one_lapses_when_nothing_of_its_kind_came_after() -> None:
    plan = row(1, "ev1", participants=GOVERNMENT, status="planned", date="2026-W11", precision="week",
               published="2026-03-03")
    earlier = row(2, "ev1", participants=MEETING, date="2026-03-02", precision="day", published="2026-03-02")
    other = row(3, "ev1", "AID", participants=(person("Ines Carrasco"),), published="2026-03-20")

    [lapsed] = [c for c in changes(group_events([plan, earlier, other]), []) if c.kind == "outcome"]
    assert lapsed.detail == "lapsed"


def test_talks_held_later_than_planned_fulfil_the_plan() -> None:
    plan = row(1, "ev1", participants=MEETING, status="planned", date="2026-03-11", precision="day",
               published="2026-03-04")
    held = row(2, "ev1", participants=MEETING, date="2026-03-26", precision="day", published="2026-03-27")

    [change] = [c for c in changes(group_events([plan, held]), []) if c.kind == "outcome"]

    assert change.detail == "fulfilled" and "later than planned (2026-03-11)" in change.summary


def test_summaries_write_a_part_of_the_day_in_words() -> None:
    plan = row(1, "ev1", participants=MEETING, status="planned", date="2026-03-11TMO", precision="day",
               published="2026-03-04")
    held = row(2, "ev1", participants=MEETING, date="2026-03-26TEV", precision="day", published="2026-03-27")

    [change] = [c for c in changes(group_events([plan, held]), []) if c.kind == "outcome"]

    assert "later than planned (2026-03-11 morning)" in change.summary
    assert "happened 2026-03-26 evening" in change.summary and "TMO" not in change.summary


def test_contradictions_of_date_and_a_denial() -> None:
    rows = [row(1, "ev1", participants=MEETING, date="2026-03-26", precision="day", published="2026-03-26"),
            row(2, "ev1", participants=MEETING, date="2026-03-27", precision="day", outlet="Wire",
                published="2026-03-27"),
            row(3, "ev1", participants=MEETING, status="denied", outlet="Post", published="2026-03-28")]

    found = [c for c in changes(group_events(rows), []) if c.kind == "contradiction"]

    assert [(c.detail, c.as_of) for c in found] == [("date", "2026-03-27"), ("denial", "2026-03-28")]
    assert found[0].summary.endswith("date 2026-03-26 (Ledger) vs 2026-03-27 (Wire)")
    assert [e.outlet for e in found[1].after] == ["Post"]


def test_each_article_adds_what_it_first_reports() -> None:
    rows = [row(1, "ev1", participants=MEETING, published="2026-01-15"),
            row(2, "ev1", participants=MEETING, outlet="Wire", published="2026-01-16"),
            row(2, "ev2", "AID", participants=(person("Ines Carrasco"),), outlet="Wire",
                published="2026-01-16")]
    roles = [role("person:marta-quiroga", "minister", "current", "2026-01-15", 1),
             role("person:marta-quiroga", "minister", "current", "2026-01-16", 2, outlet="Wire"),
             role("person:ines-carrasco", "envoy", "current", "2026-01-16", 2, outlet="Wire")]

    found = [c for c in changes(group_events(rows), roles) if c.kind == "new"]

    assert [(c.as_of, c.summary, c.group_ids) for c in found] == [
        ("2026-01-15", "#1 (Ledger) adds 1 event(s), 1 title(s)", ("1-ev1",)),
        ("2026-01-16", "#2 (Wire) adds 1 event(s), 1 title(s)", ("2-ev2",))]
    assert [e.text for e in found[1].after] == ["met", "Ines Carrasco: envoy"]


def test_since_keeps_changes_known_from_that_day() -> None:
    assert {c.as_of for c in changes([], ROLES, since="2026-01-16")} == {"2026-01-16"}
    assert changes([], ROLES, since="2026-02") == []


def test_status_changes_from_events_the_entity_undergoes() -> None:
    us = person("United States")
    designation = EventDesignation("leader of a terrorist organization", "United States",
                                   "person:united-states", "Nicolas Maduro", "person:nicolas-maduro", None)
    rows = [row(1, "ev2", "SANCTION", participants=(us, MADURO), date="2025-W48", precision="week",
                designation=designation),
            row(2, "ev7", "COERCE", mode="arrest", participants=(person("U.S. forces"), MADURO),
                date="2026-01", precision="month"),
            row(3, "ev1", "RETREAT", mode="resign", participants=(person("Nicolas Maduro"),),
                status="planned")]

    found = status_changes("person:nicolas-maduro", group_events(rows))

    assert [(s.date, s.status) for s in found] == [
        ("2025-W48", "designated leader of a terrorist organization"), ("2026-01", "arrested/captured")]


def test_an_election_makes_the_person_chosen_elected() -> None:
    rows = [row(1, "ev3", "SUPPORT", mode="elect", participants=(person("voters"), MADURO),
                date="2026-03-01", precision="day")]
    found = status_changes("person:nicolas-maduro", group_events(rows))
    assert [(s.date, s.status) for s in found] == [("2026-03-01", "elected")]


def test_status_event_types_are_every_type_grouped_with_a_status_type() -> None:
    """``entity_ledger`` groups only these types: each must bring every type grouping can put with it."""
    families = {FAMILIES.get(kind, kind) for kind, *_ in STATUS_RULES}
    grouped_with = {kind for kind, family in FAMILIES.items() if family in families}
    threats = {"THREATEN"} if any(FAMILIES.get(k, k) in families for k, _ in THREAT_ACTS.values()) else set()
    designating = {cue.type for cues in default_lexicon().cues.values() for cue in cues
                   if cue.frame == "designation"}

    rule_types = {kind for kind, *_ in STATUS_RULES}
    assert rule_types | grouped_with | threats | designating <= set(STATUS_EVENT_TYPES)
    assert set(STATUS_EVENT_STATUSES) == OCCURRENCE


def _read(rows: list[EventRow], entity_id: str) -> list[EventRow]:
    """What the store gives for ``status_query(entity_id)``, on rows that all involve the entity."""
    query = status_query(entity_id)
    assert query.entity_ids == (entity_id,)
    return [r for r in rows if r.type in query.types and r.status in query.statuses]


def test_status_changes_of_the_events_read_are_those_of_every_event() -> None:
    """A denial from another outlet joins the arrest; a threat made joins the arrest it threatened; the
    meeting, the planned resignation and the negated abduction are not read."""
    us = person("United States")
    designation = EventDesignation("narco-terrorist", "United States", "person:united-states",
                                   "Nicolas Maduro", "person:nicolas-maduro", None)
    rows = [row(1, "ev1", participants=(TRUMP, MADURO), published="2025-11-20"),
            row(1, "ev2", "SANCTION", participants=(us, MADURO), designation=designation,
                published="2025-11-24"),
            row(2, "ev1", "ASSAULT", mode="abduct", status="negated", participants=(us, MADURO),
                published="2025-12-01"),
            row(3, "ev1", "THREATEN", mode="arrest", participants=(us, MADURO), date="2026-01-03",
                precision="day", published="2026-01-03"),
            row(4, "ev1", "COERCE", mode="arrest", participants=(us, MADURO), date="2026-01-03",
                precision="day", published="2026-01-04"),
            row(5, "ev1", "COERCE", mode="arrest", status="denied", participants=(MADURO,),
                outlet="Caracas Daily", published="2026-01-05"),
            row(6, "ev1", "RETREAT", mode="resign", status="planned",
                participants=(person("Nicolas Maduro"),), published="2026-01-06")]
    everything = status_changes("person:nicolas-maduro", group_events(rows))

    read = _read(rows, "person:nicolas-maduro")

    assert [r.article_id for r in read] == [1, 3, 4, 5]
    assert status_changes("person:nicolas-maduro", group_events(read)) == everything
    assert [(s.date, s.status, s.group_id, s.outlets) for s in everything] == [
        ("2025-11-24", "designated narco-terrorist", "1-ev2", ("Ledger",)),
        ("2026-01-03", "arrested/captured", "3-ev1", ("Ledger", "Caracas Daily"))]


_CAST = [person("Nicolas Maduro", "recipient"), person("Nicolas Maduro"), person("Donald Trump"),
         person("United States", "recipient"), unnamed("the soldiers", "actor")]
_ACTS = [("CONSULT", None), ("COERCE", "arrest"), ("ASSAULT", "abduct"), ("ASSAULT", None),
         ("THREATEN", "arrest"), ("THREATEN", "violence"), ("THREATEN", "relations"), ("SANCTION", None),
         ("SANCTION", "expel"), ("RETREAT", "resign"), ("RETREAT", None), ("SUPPORT", "elect"),
         ("SUPPORT", None), ("PROTEST", None), ("AGREE", None)]
_STATUSES = ["happened", "happened", "ongoing", "denied", "planned"]
_DESIGNATION = EventDesignation("terrorist", None, None, "Nicolas Maduro", "person:nicolas-maduro", None)


@st.composite
def _rows(draw: st.DrawFn) -> list[EventRow]:
    rows = []
    for n in range(draw(st.integers(1, 12))):
        kind, mode = draw(st.sampled_from(_ACTS))
        others = draw(st.lists(st.sampled_from(_CAST[2:]), max_size=2, unique=True))
        day = draw(st.none() | st.sampled_from([f"2026-01-0{d}" for d in range(1, 10)]))
        rows.append(row(draw(st.integers(1, 4)), f"ev{n + 1}", kind, mode=mode,
                        status=draw(st.sampled_from(_STATUSES)),
                        participants=(draw(st.sampled_from(_CAST[:2])), *others),
                        date=day, precision=None if day is None else "day",
                        outlet=draw(st.sampled_from(["Ledger", "Wire"])), published="2026-01-10",
                        designation=_DESIGNATION if kind == "SANCTION" and draw(st.booleans()) else None))
    return rows


@settings(max_examples=200, deadline=None)
@given(_rows())
def test_reading_only_status_events_never_changes_the_status_changes(rows: list[EventRow]) -> None:
    entity = "person:nicolas-maduro"
    read = _read(rows, entity)
    assert status_changes(entity, group_events(read)) == status_changes(entity, group_events(rows))
