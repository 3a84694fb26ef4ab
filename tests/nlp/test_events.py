"""Events: PLOVER type, mode, trigger, actors and recipients, passives, coordination, nominal triggers,
designations, and no event where nothing happens. Sentences are invented."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.tokens import Doc

from newsgraph.nlp.events import find_events, lemmas, plover_type
from newsgraph.nlp.records import Event

pytestmark = pytest.mark.model


def _events(english, text: str, published: date | None = None,  # type: ignore[no-untyped-def]
            month: tuple[int, int] | None = None) -> list[Event]:
    """The events of ``text``, its relative dates resolved against ``published`` when given (or the
    publication's year and ``month`` when that is all that is known)."""
    doc: Doc = english.make_doc(text)
    doc._.newsgraph_published = published
    doc._.newsgraph_published_month = month
    for _, component in english.pipeline:
        doc = component(doc)
    return list(find_events(doc, doc._.newsgraph_entities, doc._.newsgraph_times, doc._.newsgraph_places,
                            doc._.newsgraph_attributions, doc._.newsgraph_quotes,
                            published=published, month=month))


def _ids(participants) -> list[str | None]:  # type: ignore[no-untyped-def]
    return [p.entity_id or p.text for p in participants]


CASES = [
    # text, type, mode, trigger, actors, recipients
    ("Foreign Minister Renata Salinas met Peru's president, Lucas Ortega, in Lima on Tuesday.",
     "CONSULT", None, "met", ["person:renata-salinas"], ["person:lucas-ortega"]),
    ("Lucas Ortega was captured by Chilean special forces near the border.",
     "COERCE", "arrest", "captured", ["Chilean special forces"], ["person:lucas-ortega"]),
    ("Peru imposed sanctions on Bolivia.",
     "SANCTION", None, "imposed sanctions", ["place:peru"], ["place:bolivia"]),
    ("Bolivia threatened to cut ties with Chile.",
     "THREATEN", "relations", "threatened", ["place:bolivia"], ["place:chile"]),
    ("Gareth Holloway demanded that Peru release the detained journalists.",
     "REQUEST", "yield", "demanded", ["person:gareth-holloway"], ["place:peru"]),
    ("Navy drones carried out strikes on three smuggling boats off the coast of Ecuador.",
     "ASSAULT", None, "strikes", ["Navy drones"], ["smuggling boats"]),
]


@pytest.mark.parametrize(("text", "type_", "mode", "trigger", "actors", "recipients"), CASES,
                         ids=[c[1] + "-" + c[3] for c in CASES])
def test_event_type_trigger_and_arguments(english, text: str, type_: str, mode: str | None, trigger: str,  # type: ignore[no-untyped-def]
                                          actors: list[str], recipients: list[str]) -> None:
    events = _events(english, text)
    event = next(e for e in events if e.trigger.text == trigger)
    assert (event.type, event.mode) == (type_, mode)
    assert _ids(event.actors) == actors and _ids(event.recipients) == recipients
    assert text[event.trigger.start:event.trigger.end] == trigger
    assert event.sentence.start == 0 and event.sentence.end == len(text)
    assert 0 < event.confidence <= 1


def test_coordinated_recipients_with_an_appositive_name(english) -> None:  # type: ignore[no-untyped-def]
    text = "Chilean special forces captured Lucas Ortega and his wife, Marta Quiroga, in a night raid."
    capture = _events(english, text)[0]
    assert capture.type == "COERCE" and capture.cameo == "173"
    assert _ids(capture.recipients) == ["person:lucas-ortega", "person:marta-quiroga"]


def test_nominal_triggers(english) -> None:  # type: ignore[no-untyped-def]
    capture = _events(english, "The capture of Lucas Ortega shocked the region.")[0]
    assert (capture.type, capture.trigger.text) == ("COERCE", "capture")
    assert _ids(capture.recipients) == ["person:lucas-ortega"] and capture.actors == ()
    buildup = _events(english, "The army's build-up along the Peruvian border alarmed Lima.")[0]
    assert (buildup.type, buildup.mode, buildup.trigger.text) == ("MOBILIZE", "troops", "build-up")
    assert "military" in buildup.contexts


def test_a_meeting_between_two_people_has_both_as_actors(english) -> None:  # type: ignore[no-untyped-def]
    text = ("The meeting between CIA Director Gareth Holloway and Prime Minister Inés Carrasco "
            "lasted two hours.")
    event = _events(english, text)[0]
    assert (event.type, event.trigger.text) == ("CONSULT", "meeting")
    assert _ids(event.actors) == ["person:gareth-holloway", "person:ines-carrasco"]
    assert "intelligence" in event.contexts  # "CIA"


def test_an_event_in_a_reported_clause_takes_the_pronoun_antecedent(english) -> None:  # type: ignore[no-untyped-def]
    event = _events(english, "Prime Minister Inés Carrasco said she will call Lucas Ortega next week.")[0]
    assert (event.type, event.mode, event.cameo) == ("CONSULT", "phone", "041")
    assert _ids(event.actors) == ["person:ines-carrasco"]
    assert _ids(event.recipients) == ["person:lucas-ortega"]


@pytest.mark.parametrize(("text", "label", "authority"), [
    ("Peru designated the Black Condor Brigade a foreign terrorist organization on Monday.",
     "foreign terrorist organization", "place:peru"),
    ("Peru designated the Black Condor Brigade as a terrorist group.", "terrorist group", "place:peru"),
])
def test_designation_is_a_sanction_with_label_authority_and_target(english, text: str, label: str,  # type: ignore[no-untyped-def]
                                                                   authority: str) -> None:
    event = _events(english, text)[0]
    assert event.type == "SANCTION" and event.designation is not None
    assert event.designation.label == label
    assert event.designation.authority is not None and event.designation.authority.entity_id == authority
    assert event.designation.target is not None
    assert event.designation.target.entity_id == "org:black-condor-brigade"
    assert "terrorism" in event.contexts


@pytest.mark.parametrize("text", [
    "The weather was mild on Tuesday.",
    "Renata Salinas refused to comment on the report.",
    "The mine failed to meet demand for copper last year.",
])
def test_no_event(english, text: str) -> None:  # type: ignore[no-untyped-def]
    assert _events(english, text) == []


def test_ids_run_in_text_order(english) -> None:  # type: ignore[no-untyped-def]
    events = _events(english, "Peru imposed sanctions on Bolivia. Bolivia threatened to cut ties with Chile.")
    assert [e.id for e in events] == ["ev1", "ev2"]
    assert [e.type for e in events] == ["SANCTION", "THREATEN"]
    assert events[0].trigger.start < events[1].trigger.start


def test_plover_type_codes_a_planned_cooperation_as_agree() -> None:
    from dataclasses import replace

    from newsgraph.nlp.records import Mention, Sentence

    meeting = Event("ev1", "CONSULT", None, (), "040", Mention(0, 4, "meet"), Sentence(0, 10), (), (),
                    None, None, "planned", (), 0.8)
    assert plover_type(meeting) == "AGREE"
    assert plover_type(replace(meeting, type="ASSAULT")) == "THREATEN"
    assert plover_type(replace(meeting, status="happened")) == "CONSULT"
    assert plover_type(replace(meeting, type="RETREAT", status="negated")) == "REJECT"  # "would not release"
    assert plover_type(replace(meeting, type="ASSAULT", status="negated")) == "ASSAULT"  # no refusal
    assert plover_type(replace(meeting, type="AGREE", status="negated")) == "REJECT"  # "failed to agree"


@pytest.mark.parametrize(("word", "tag", "lemma"), [
    ("captured", "VBN", "capture"), ("met", "VBD", "meet"), ("sanctions", "NNS", "sanction"),
    ("planning", "VBG", "plan"), ("suing", "VBG", "sue"), ("rallies", "VBZ", "rally"),
])
def test_lemmas_without_a_lemmatizer(word: str, tag: str, lemma: str) -> None:
    assert lemma in lemmas(word, tag)


def test_a_later_definite_mention_lends_its_date_to_the_event(english) -> None:  # type: ignore[no-untyped-def]
    events = _events(english, "Senator Alma Brook flew to Oslo for talks with Minister Piet Dahl. "
                              "The meeting, held on March 3, 2025, lasted an hour.")
    consult = [e for e in events if e.type == "CONSULT"]
    assert len({e.date.value for e in consult if e.date}) == 1
    assert all(e.date is not None and e.date.value == "2025-03-03" for e in consult)
    the_meeting = next(e for e in consult if e.trigger.text == "meeting")
    assert the_meeting.actors and the_meeting.recipients  # taken from the talks it names


def test_a_bare_definite_mention_without_an_antecedent_is_no_event(english) -> None:  # type: ignore[no-untyped-def]
    assert not [e for e in _events(english, "The meeting was long.") if e.type == "CONSULT"]


def test_a_describing_word_on_a_headline_trigger_is_no_actor(english) -> None:  # type: ignore[no-untyped-def]
    events = _events(english, "Historic Summit in Oslo: Two Leaders Discuss Trade")
    assert all(p.text != "Historic" for e in events for p in (*e.actors, *e.recipients))


def test_an_attack_named_by_its_weapon_needs_no_named_party(english) -> None:  # type: ignore[no-untyped-def]
    events = _events(english, "Aides said missile strikes are not under consideration.")
    assert [(e.type, e.mode) for e in events] == [("ASSAULT", "aerial")]


@pytest.mark.parametrize(("text", "type_", "mode"), [
    ("Minister Piet Dahl spoke by phone with Senator Alma Brook.", "CONSULT", "phone"),
    ("Rebels bombarded the town of Vell.", "ASSAULT", "heavy-weapons"),
    ("Police rounded up dozens of protesters.", "COERCE", "arrest"),
])
def test_version_2_cues(english, text: str, type_: str, mode: str) -> None:  # type: ignore[no-untyped-def]
    assert (type_, mode) in {(e.type, e.mode) for e in _events(english, text)}


def _event(events: list[Event], trigger: str) -> Event:
    return next(e for e in events if e.trigger.text == trigger)


def test_an_object_pronoun_is_not_its_clause_subject(english) -> None:  # type: ignore[no-untyped-def]
    events = _events(english, "Alma Brook said she will not arrest Piet Dahl. "
                              "Dahl says Brook wants to arrest him.")
    assert _ids(events[-1].recipients) == ["person:piet-dahl"]  # not Brook, who would arrest


def test_an_object_pronoun_prefers_a_person_named_as_an_argument(english) -> None:  # type: ignore[no-untyped-def]
    text = ("President Alma Brook wants to meet Governor Piet Dahl, aides said. Critics called Brook's "
            "approach naive. One adviser said they are not planning to go in and arrest him.")
    arrest = _event(_events(english, text), "arrest")
    assert _ids(arrest.recipients) == ["person:piet-dahl"] and arrest.status == "negated"


@pytest.mark.parametrize(("text", "actor"), [
    ("Peruvian officials briefed reporters on Monday. They plan to arrest the smugglers.",
     "Peruvian officials"),
    ("Peru accused Chile of spying. They plan to arrest the smugglers.", "They"),  # two groups: unclear
])
def test_they_is_the_one_clear_group_of_the_sentence_before(english, text: str, actor: str) -> None:  # type: ignore[no-untyped-def]
    assert _ids(_event(_events(english, text), "arrest").actors) == [actor]


def test_a_weapon_attack_after_a_misparsed_that_is_no_bare_mention(english) -> None:  # type: ignore[no-untyped-def]
    text = ("Aides said the governor's plan to seek talks could indicate that drone strikes or ground "
            "raids are not under active consideration.")
    strikes = _event(_events(english, text), "drone strikes")  # "that" parsed as its determiner
    assert (strikes.type, strikes.mode, strikes.status) == ("ASSAULT", "aerial", "negated")
    assert strikes.attribution == ("Aides",)


def test_the_possessor_of_an_operation_is_the_actor_of_what_it_resulted_in(english) -> None:  # type: ignore[no-untyped-def]
    text = "The crisis deepened after Chile's secret operation that resulted in the capture of Lucas Ortega."
    capture = _event(_events(english, text), "capture")
    assert _ids(capture.actors) == ["place:chile"] and _ids(capture.recipients) == ["person:lucas-ortega"]
    text = "Chilean special forces conducted an operation that resulted in the capture of Lucas Ortega."
    assert _ids(_event(_events(english, text), "capture").actors) == ["Chilean special forces"]


@pytest.mark.parametrize(("text", "trigger", "recipients"), [
    ("Peru condemned an attack by Bolivian soldiers near the border.", "condemned", ["Bolivian soldiers"]),
    ("Chile welcomed the resumption of diplomatic ties with Bolivia.", "welcomed", ["place:bolivia"]),
    ("Chile welcomed the memos sent by Bolivia on Monday.", "welcomed", ["place:bolivia"]),
    # a place or time preposition names no party: the thing stays the recipient
    ("Peru condemned the attack in Lima on Monday.", "condemned", ["attack"]),
])
def test_a_recipient_that_is_a_thing_stands_for_the_party_its_phrase_names(  # type: ignore[no-untyped-def]
        english, text: str, trigger: str, recipients: list[str]) -> None:
    event = next(e for e in _events(english, text) if e.trigger.text == trigger)
    assert _ids(event.recipients) == recipients


def test_a_visited_city_is_the_place_and_a_visited_country_the_recipient(english) -> None:  # type: ignore[no-untyped-def]
    travel = _events(english, "Senator Alma Brook traveled to Lima for talks with Piet Dahl.")[0]
    assert travel.mode == "visit" and travel.recipients == () and travel.place is not None
    visit = _events(english, "Senator Alma Brook visited Peru on Monday.")[0]
    assert _ids(visit.recipients) == ["place:peru"]


# Structural rules of lexicon version 3 ------------------------------------------------------------------

def test_a_reported_must_is_the_speakers_demand_of_the_subject(english) -> None:  # type: ignore[no-untyped-def]
    text = "Foreign Minister Renata Salinas said on Monday that Bolivia must release the detained fishermen."
    events = _events(english, text)
    assert [(e.type, e.trigger.text) for e in events] == [("REQUEST", "must")]  # the release is its content
    assert events[0].mode == "yield"
    assert _ids(events[0].actors) == ["person:renata-salinas"]
    assert _ids(events[0].recipients) == ["place:bolivia"]


def test_a_reported_should_folds_the_cue_it_governs(english) -> None:  # type: ignore[no-untyped-def]
    events = _events(english, "The rebels announced that the government should agree to new talks.")
    assert [(e.type, e.trigger.text) for e in events] == [("REQUEST", "should")]


@pytest.mark.parametrize("text", [
    "Analysts said prices should rise next year.",  # a forecast about a thing, not a demand of a party
    "Peru must release the fishermen.",  # no one reported as saying it
])
def test_a_modal_without_a_reported_party_is_no_demand(english, text: str) -> None:  # type: ignore[no-untyped-def]
    assert not [e for e in _events(english, text) if e.trigger.text in ("must", "should")]


def test_a_protest_held_to_demand_something_is_one_protest(english) -> None:  # type: ignore[no-untyped-def]
    text = "Hundreds of nurses staged demonstrations outside the ministry to demand higher wages."
    events = _events(english, text)
    assert [(e.type, e.trigger.text) for e in events] == [("PROTEST", "demonstrations")]


def test_a_demand_noun_keeps_the_clause_the_parser_hung_on_its_verb(english) -> None:  # type: ignore[no-untyped-def]
    events = _events(english, "The union repeated its demand on Friday that Chile lift the curfew.")
    assert [(e.type, e.trigger.text) for e in events] == [("REQUEST", "demand")]
    assert _ids(events[0].recipients) == ["place:chile"]  # the one asked to act, not "Friday"


def test_withdrawing_peacekeepers_reduces_relations(english) -> None:  # type: ignore[no-untyped-def]
    event = _events(english, "Peru will withdraw its peacekeepers from Haiti.")[0]
    assert (event.type, event.mode, event.cameo, event.status) == ("SANCTION", "withdraw", "1661", "planned")
    assert plover_type(event) == "THREATEN"  # CAMEO 13: a planned reduction of relations is a threat


ELECTIONS = [
    # text, trigger, the person elected (the recipient)
    ("Lucas Ortega was elected president of Peru in 2024.", "elected", "person:lucas-ortega"),
    ("Renata Salinas won the election in March.", "won", "Renata Salinas"),
    ("Lucas Ortega was sworn in as president on Friday.", "sworn", "person:lucas-ortega"),
    ("Congress inaugurated Lucas Ortega in Lima.", "inaugurated", "person:lucas-ortega"),
]


@pytest.mark.parametrize(("text", "trigger", "elected"), ELECTIONS, ids=[c[1] for c in ELECTIONS])
def test_an_election_is_support_with_the_person_chosen_as_recipient(english, text: str, trigger: str,  # type: ignore[no-untyped-def]
                                                                   elected: str) -> None:
    event = next(e for e in _events(english, text) if e.mode == "elect")
    assert (event.type, event.cameo) == ("SUPPORT", "05") and "election" in event.contexts
    assert event.trigger.text.startswith(trigger)
    assert elected in _ids(event.recipients)


def test_the_elections_of_a_country_are_no_election_of_a_person(english) -> None:  # type: ignore[no-untyped-def]
    assert not [e for e in _events(english, "Courts cleared Ortega to run in Peru's upcoming elections.")
                if e.mode == "elect"]


@pytest.mark.parametrize(("text", "trigger", "recipients"), [
    ("Britain will supply Peru with long-range missiles.", "supply", ["place:peru"]),
    ("Chile shipped drones to Bolivia, officials said.", "shipped drones", ["place:bolivia"]),
    # the parser labels this "to" dative: its object is the recipient, not the preposition
    ("Peru provided weapons to Bolivia.", "provided weapons", ["place:bolivia"]),
])
def test_military_aid_is_named_by_its_materiel(english, text: str, trigger: str,  # type: ignore[no-untyped-def]
                                              recipients: list[str]) -> None:
    event = _event(_events(english, text), trigger)
    assert (event.type, event.cameo, event.contexts[:1]) == ("AID", "072", ("military",))
    assert _ids(event.recipients) == recipients


def test_drones_sent_over_a_city_are_no_delivery(english) -> None:  # type: ignore[no-untyped-def]
    assert not any(e.type == "AID" for e in _events(english, "Bolivia sent drones over Lima on Monday."))


def test_asking_for_something_is_a_request(english) -> None:  # type: ignore[no-untyped-def]
    asked = _event(_events(english, "Peru asked Chile for more air defence systems."), "asked")
    assert asked.type == "REQUEST" and asked.cameo == "020"
    assert _ids(asked.actors) == ["place:peru"] and _ids(asked.recipients) == ["place:chile"]
    aid = _events(english, "Bolivia asked for humanitarian aid after the floods.")[0]
    assert (aid.type, aid.mode, aid.cameo) == ("REQUEST", "assist", "023")


def test_one_plural_phrase_after_between_names_both_sides(english) -> None:  # type: ignore[no-untyped-def]
    talks = _event(_events(english, "Peace talks between the two sides collapsed on Monday."), "talks")
    assert _ids(talks.actors) == ["sides"] and talks.recipients == ()


@pytest.mark.parametrize("phrase", ["The two governments", "Both countries", "The two neighbours"])
def test_a_counted_plural_stands_for_the_two_countries_named_most(english, phrase: str) -> None:  # type: ignore[no-untyped-def]
    text = ("Peru seized a Chilean trawler near the border on Sunday, and Chile protested. Peru said the "
            "boat was in Peruvian waters; Brazil called for calm. "
            f"{phrase} will sign a protocol on joint patrols next week.")
    sign = _event(_events(english, text), "sign")
    assert _ids(sign.actors) == ["place:peru", "place:chile"] and sign.status == "planned"
    assert {text[p.start:p.end] for p in sign.actors} == {phrase.split()[-1]}  # the words that say it


@pytest.mark.parametrize("text", [
    # three countries named as often: which two is unclear
    "Peru, Chile and Bolivia met on Monday. The two governments will sign a protocol next week.",
    # not a pair of countries: two U.S. states, or the sides of a civil war
    "Peru and Chile met on Monday. The two sides will sign a protocol next week.",
])
def test_a_counted_plural_stays_unnamed_when_the_pair_is_unclear(english, text: str) -> None:  # type: ignore[no-untyped-def]
    sign = _event(_events(english, text), "sign")
    assert [p.entity_id for p in sign.actors] == [None]


def test_a_plan_is_no_antecedent_of_what_happened_nor_lends_it_its_date(english) -> None:  # type: ignore[no-untyped-def]
    text = ("Minister Alma Brook flew to Oslo for her first trip abroad. "
            "The talks had originally been planned for March 11 but were postponed.")
    events = _events(english, text, date(2026, 3, 27))
    trip = _event(events, "trip")
    assert trip.status == "happened" and trip.date is None  # not the plan's March 11
    assert not [e for e in events if e.trigger.text == "talks"]  # no antecedent of its kind: no party


SUMMIT = "The summit between Chile and Argentina on March 20 will focus on water rights."


@pytest.mark.parametrize(("published", "month", "status"), [
    (date(2026, 3, 11), None, "planned"),  # March 20 is still to come
    (date(2026, 3, 25), None, "happened"),
    (date(2026, 3, 20), None, "happened"),  # that day itself: it may have been held
    (None, (2026, 2), "planned"),  # an issue of February
    (None, (2026, 3), "happened"),  # an issue of March: maybe before, maybe after
    (None, None, "happened"),  # no year for "March 20": no date, nothing to tell
])
def test_an_event_dated_after_its_article_has_not_happened_yet(  # type: ignore[no-untyped-def]
        english, published: date | None, month: tuple[int, int] | None, status: str) -> None:
    summit = _event(_events(english, SUMMIT, published, month), "summit")
    assert (summit.date.value if summit.date else None) == ("2026-03-20" if published or month else None)
    assert summit.status == status


def test_an_event_still_to_come_keeps_a_status_other_than_happened(english) -> None:  # type: ignore[no-untyped-def]
    text = "Chile and Argentina will not meet on March 20."
    meet = _event(_events(english, text, date(2026, 3, 11)), "meet")
    assert meet.status == "negated" and meet.date is not None and meet.date.value == "2026-03-20"


@pytest.mark.parametrize(("text", "actor"), [
    ("The government's answer is a meeting with Peru next week.", "government"),
    ("Chile's response was a ban on imports from Peru.", "place:chile"),
    ("The answer of the Bolivian government is a meeting with Peru.", "Bolivian government"),
])
def test_an_event_a_choice_noun_is_was_chosen_by_whom_the_noun_belongs_to(  # type: ignore[no-untyped-def]
        english, text: str, actor: str) -> None:
    event = _events(english, text, date(2026, 3, 3))[0]
    assert _ids(event.actors) == [actor]


@pytest.mark.parametrize(("text", "word", "value"), [
    ("Fisheries Minister Renata Salinas announced technical talks with Peru for next week.", "talks",
     "2026-W11"),
    ("Lima fixed the meeting with Chile for March 11.", "meeting", "2026-03-11"),
    ("Peru set the talks with Chile for Friday.", "talks", "2026-03-06"),  # ahead, though "set" is past
])
def test_an_event_set_for_a_date_is_planned_for_that_date(  # type: ignore[no-untyped-def]
        english, text: str, word: str, value: str) -> None:
    event = _event(_events(english, text, date(2026, 3, 3)), word)
    assert event.status == "planned" and event.date is not None and event.date.value == value


@pytest.mark.parametrize("text", [
    "Chile and Peru held talks for two hours.",  # a duration, not a date
    "On Monday Lima fixed the meeting with Chile.",  # when it was fixed, not when it is
])
def test_no_date_is_set_by_a_duration_or_by_when_the_setting_happened(  # type: ignore[no-untyped-def]
        english, text: str) -> None:
    event = next(e for e in _events(english, text, date(2026, 3, 3)) if e.type == "CONSULT")
    assert event.date is None


def test_a_capital_taking_part_stands_for_its_country_when_the_article_names_it(english) -> None:  # type: ignore[no-untyped-def]
    meeting = _event(_events(english, "Chile protested to Peru. Lima fixed the meeting for March 11.",
                             date(2026, 3, 3)), "meeting")
    assert [(p.entity_id, p.text) for p in meeting.actors] == [("place:peru", "Lima")]
    alone = _event(_events(english, "Lima fixed the meeting with Chile for March 11.", date(2026, 3, 3)),
                   "meeting")
    assert _ids(alone.actors) == ["place:lima"]  # Peru not named here: the capital stays itself


def test_a_progressive_read_as_be_and_attribute_keeps_its_subject(english) -> None:  # type: ignore[no-untyped-def]
    mediating = _events(english, "Qatar is mediating between Israel and Hamas.")[0]
    assert mediating.trigger.text == "mediating" and mediating.status == "ongoing"
    assert _ids(mediating.actors) == ["place:qatar"]
    assert _ids(mediating.recipients) == ["place:israel", "org:hamas"]


def test_an_event_noun_compounded_with_an_undertaking_takes_its_arguments(english) -> None:  # type: ignore[no-untyped-def]
    text = "Egypt launched a mediation effort between Peru and Chile on Sunday."
    mediation = _event(_events(english, text), "mediation")
    assert (mediation.type, mediation.mode) == ("CONSULT", "third-party")
    assert _ids(mediation.actors) == ["place:egypt"]
    assert _ids(mediation.recipients) == ["place:peru", "place:chile"]


@pytest.mark.parametrize(("text", "recipients"), [
    ("Bolivia rejected the offer of humanitarian aid from Chile.", ["place:chile"]),
    ("Bolivia rejected a proposal by Peru to resume talks.", ["place:peru"]),
    ("Bolivia rejected Chile's offer.", ["place:chile"]),
    ("Bolivia rejected the proposal on Monday.", []),  # a thing with no party named is no recipient
])
def test_a_rejected_thing_stands_for_the_party_that_offered_it(english, text: str,  # type: ignore[no-untyped-def]
                                                              recipients: list[str]) -> None:
    assert _ids(_event(_events(english, text), "rejected").recipients) == recipients


@pytest.mark.parametrize(("text", "type_", "mode", "cameo"), [
    ("Protesters set fire to the customs office in Tacna.", "ASSAULT", "destroy", "1712"),
    ("Police fired tear gas at demonstrators in Lima.", "ASSAULT", None, "175"),
    ("Police fired tear gas to disperse the crowd.", "ASSAULT", None, "175"),
    ("Peru and Chile exchanged prisoners on Friday.", "RETREAT", "release", "0841"),
    ("Dock workers walked off the job in Arica.", "PROTEST", "strike-lim", "143"),
    ("The two presidents discussed fishing rights by phone.", "CONSULT", "phone", "041"),
])
def test_version_4_cues(english, text: str, type_: str, mode: str | None, cameo: str) -> None:  # type: ignore[no-untyped-def]
    assert (type_, mode, cameo) in {(e.type, e.mode, e.cameo) for e in _events(english, text)}


def test_firing_at_a_crowd_with_guns_stays_firearms(english) -> None:  # type: ignore[no-untyped-def]
    fired = _events(english, "Troops fired at protesters in Quito.")[0]
    assert (fired.type, fired.mode, fired.cameo) == ("ASSAULT", "firearms", "193")


def test_a_cue_word_that_is_the_subject_still_acts(english) -> None:  # type: ignore[no-untyped-def]
    massed = _events(english, "Bolivian troops massed on the border with Peru.")[0]
    assert (massed.type, massed.mode) == ("MOBILIZE", "troops")
    assert _ids(massed.actors) == ["Bolivian troops"]


def test_a_scene_setting_preposition_gives_its_event_no_actor(english) -> None:  # type: ignore[no-untyped-def]
    events = _events(english, "The army imposed a curfew on the city after the riots.")
    assert not any(e.trigger.text == "riots" and "army" in _ids(e.actors) for e in events)
    talks = _event(_events(english, "Senator Alma Brook traveled to Lima for talks with Piet Dahl."), "talks")
    assert _ids(talks.actors) == ["person:alma-brook"]  # a purpose "for" still carries it


def test_a_month_name_is_no_march(english) -> None:  # type: ignore[no-untyped-def]
    events = _events(english, "The crew has been detained in Ilo since March 1.")
    assert [(e.type, e.trigger.text) for e in events] == [("COERCE", "detained")]


@pytest.mark.parametrize(("text", "type_", "mode", "cameo"), [
    ("Peru and Chile exchanged intelligence on smuggling networks.", "COOPERATE", None, "064"),
    ("Japan sent 200 tonnes of rice to flood victims in Bolivia.", "AID", None, "073"),
    ("The development bank approved a $300 million loan to Bolivia.", "AID", None, "071"),
    ("Red Cross workers distributed food and blankets in the camps.", "AID", None, "073"),
    ("The United Nations deployed peacekeepers to protect civilians in the town.", "AID", None, "074"),
    ("Peru returned the seized fishing boats to Chile.", "RETREAT", "return", "0842"),
    ("Bolivia allowed UN weapons inspectors to visit the site.", "RETREAT", "access", "0862"),
    ("The general warned that the army would use force against the strikers.", "ASSAULT", None, "190"),
    ("The regime used chemical weapons against civilians.", "ASSAULT", "unconventional", "2041"),
    ("Militants used villagers as human shields.", "ASSAULT", "abduct", "184"),
    ("Farmers blocked the main highway with tractors.", "PROTEST", "obstruct", "144"),
    ("Peru moved additional troops to the border.", "MOBILIZE", "troops", "154"),
    ("Bolivia called up 50,000 reservists.", "MOBILIZE", "troops", "154"),
    ("Police stepped up security around the parliament.", "MOBILIZE", "police", "153"),
    ("The rebels walked out of the peace talks.", "SANCTION", "withdraw", "164"),
    ("Niger ordered French troops to leave the country.", "SANCTION", "expel", "166"),
    ("Officials shut down two newspapers that criticised the president.", "COERCE", "censor", "1721"),
    ("Soldiers took control of the state broadcaster.", "COERCE", "seize", "171"),
    ("A car bomb exploded outside the police station in Arica.", "ASSAULT", "explosives", "183"),
    ("Rebels violated the ceasefire by attacking an army post.", "ASSAULT", None, "196"),
    ("Gunmen made an attempt on the life of the governor.", "ASSAULT", "assassinate", "185"),
    ("The two navies conducted joint patrols in the Gulf of Aden.", "COOPERATE", None, "062"),
    ("Spain handed over the suspect to French authorities.", "COOPERATE", None, "063"),
    ("The president admitted that mistakes had been made.", "CONCEDE", None, "080"),
    ("The army said it would crush any uprising.", "ASSAULT", None, "175"),
    ("The government bowed to pressure and withdrew the bill.", "CONCEDE", None, "080"),
    ("The government withdrew the fuel tax after the strikes.", "CONCEDE", None, "0832"),
    ("The regime legalised opposition parties.", "CONCEDE", None, "0812"),
    ("The authorities allowed the opposition to hold a rally.", "CONCEDE", None, "080"),
    ("The bishop spoke out in defence of the jailed activists.", "SUPPORT", None, "052"),
    ("Bolivian troops were placed on high alert after the attack.", "MOBILIZE", "troops", "152"),
    ("The police raised the alert level in the capital.", "MOBILIZE", "police", "151"),
    ("The army declared a state of alert in the north.", "MOBILIZE", "police", "151"),
    ("The government beefed up security at airports.", "MOBILIZE", "police", "153"),
    ("The army reinforced its garrison in the border town.", "MOBILIZE", "troops", "154"),
    ("The government broke off talks with the rebels.", "SANCTION", "withdraw", "164"),
    ("Bolivia closed its embassy in Lima.", "SANCTION", "withdraw", "161"),
    ("The development bank halted lending to Bolivia.", "SANCTION", "sever", "162"),
    ("Peru froze cooperation with Bolivia.", "SANCTION", "sever", "160"),
    ("The rebels balked at the government's proposal.", "REJECT", None, "12"),
    ("The government ignored the ultimatum.", "REJECT", None, "12"),
    ("Peru gave assurances that it would not interfere.", "AGREE", None, "030"),
    ("The rebels signalled readiness to accept a truce.", "AGREE", None, "030"),
    ("The government undertook to compensate the victims.", "AGREE", None, "030"),
    ("The minister accepted an invitation to visit Lima.", "AGREE", "meet", "036"),
    ("Peru opened its borders to refugees fleeing the fighting.", "AID", "asylum", "075"),
    ("Chile took in thousands of refugees.", "AID", "asylum", "075"),
    ("Bolivia closed its border with Peru.", "COERCE", "restrict", "191"),
    ("The general warned of retaliation against the rebels.", "ASSAULT", None, "190"),
    ("Protesters face arrest if they defy the ban.", "THREATEN", None, "130"),
    ("The first contingent of troops arrived in the capital.", "MOBILIZE", "troops", "154"),
    ("NATO peacekeepers arrived in the province on Monday.", "AID", None, "074"),
    ("The UN removed sanctions on Liberia.", "RETREAT", None, "085"),
    ("Militias forced thousands of villagers from their homes.", "ASSAULT", "cleansing", "201"),
    ("The army has been holding civilians as human shields.", "ASSAULT", "abduct", "184"),
    ("The president ordered troops to the border.", "MOBILIZE", "troops", "154"),
])
def test_version_5_cues(english, text: str, type_: str, mode: str | None, cameo: str) -> None:  # type: ignore[no-untyped-def]
    assert (type_, mode, cameo) in {(e.type, e.mode, e.cameo) for e in _events(english, text)}


@pytest.mark.parametrize("text", [
    "Ana Ruiz on Wednesday released what she described as a summary of the radar track.",
    "The ministry released a statement on Monday.",
    "The report was released on Monday by the ministry.",
    "In a letter released by the presidency, Ana Ruiz thanked the rescuers.",
])
def test_releasing_a_document_is_no_release_of_people(english, text: str) -> None:  # type: ignore[no-untyped-def]
    assert not [e for e in _events(english, text) if e.type == "RETREAT"]


def test_fighting_an_epidemic_is_no_assault(english) -> None:  # type: ignore[no-untyped-def]
    events = _events(english, "Cuba sent doctors to help fight the epidemic in Sierra Leone.")
    assert not [e for e in events if e.type == "ASSAULT"]
    assert [e.type for e in events] == ["AID"]


def test_a_counted_event_takes_the_counting_nouns_arguments(english) -> None:  # type: ignore[no-untyped-def]
    talks = _event(_events(english, "Peru held a round of negotiations with Chile in Lima."), "negotiations")
    assert talks.type == "CONSULT"
    assert (_ids(talks.actors), _ids(talks.recipients)) == (["place:peru"], ["place:chile"])
    protests = _event(_events(english, "Students staged a wave of protests in Santiago."), "protests")
    assert _ids(protests.actors) == ["Students"]


@pytest.mark.parametrize(("text", "trigger", "actor"), [
    ("The government said it lifted the curfew.", "lifted", "government"),
    ("The president said he would step down after the vote.", "step down", "president"),
])
def test_a_subject_pronoun_stands_for_the_unnamed_body_or_title_governing_it(english, text: str,  # type: ignore[no-untyped-def]
                                                                            trigger: str, actor: str) -> None:
    assert _ids(_event(_events(english, text), trigger).actors) == [actor]


def test_a_pronoun_prefers_a_name_over_a_governing_title(english) -> None:  # type: ignore[no-untyped-def]
    text = "Lucas Ortega arrived in Lima. The president said he would step down."
    assert _ids(_event(_events(english, text), "step down").actors) == ["person:lucas-ortega"]


@pytest.mark.parametrize("text", [
    "Prices eased as more vessels returned to the fishing grounds.",
    "The newspaper shut down last year after losing advertisers.",
])
def test_a_cue_that_acts_on_a_thing_needs_it_as_object(english, text: str) -> None:  # type: ignore[no-untyped-def]
    assert not [e for e in _events(english, text) if e.type in ("RETREAT", "COERCE")]


@pytest.mark.parametrize(("text", "refugees"), [
    ("Chile took in thousands of refugees.", "refugees"),
    ("Peru allowed Bolivian refugees to stay in the country.", "Bolivian refugees"),
])
def test_refugees_taken_in_are_the_recipients_the_cue_names(english, text: str,  # type: ignore[no-untyped-def]
                                                           refugees: str) -> None:
    aid = next(e for e in _events(english, text) if e.type == "AID")
    assert (aid.mode, _ids(aid.recipients)) == ("asylum", [refugees])


@pytest.mark.parametrize(("text", "type_", "mode", "cameo"), [
    ("The government ordered the opposition newspaper to suspend publication.", "COERCE", "censor", "1721"),
    ("The judge ordered the arrest of the former minister.", "COERCE", "arrest", "173"),
])
def test_an_order_to_coerce_is_the_coercion(english, text: str, type_: str, mode: str | None,  # type: ignore[no-untyped-def]
                                            cameo: str) -> None:
    event = _event(_events(english, text), "ordered")
    assert (event.type, event.mode, event.cameo) == (type_, mode, cameo)


def test_an_order_to_do_something_else_stays_a_request(english) -> None:  # type: ignore[no-untyped-def]
    event = _event(_events(english, "The court ordered the government to pay compensation."), "ordered")
    assert event.type == "REQUEST"


def test_a_demanded_event_named_by_a_noun_gives_the_demand_its_mode(english) -> None:  # type: ignore[no-untyped-def]
    events = _events(english, "Chile demanded the immediate release of the fishermen.")
    assert [(e.type, e.mode) for e in events] == [("REQUEST", "yield")]


@pytest.mark.parametrize("text", [
    "The fight against drug gangs will require sustained cooperation.",
    "Success depends on cooperation between the two navies.",
])
def test_a_thing_that_requires_an_event_is_no_party_to_it(english, text: str) -> None:  # type: ignore[no-untyped-def]
    assert not [e for e in _events(english, text) if {"fight", "Success"} & set(_ids(e.actors))]


def test_facing_charges_after_a_capture_is_no_threat(english) -> None:  # type: ignore[no-untyped-def]
    events = _events(english, "They were taken to Lima to face charges including drug trafficking.")
    assert not [e for e in events if e.type == "THREATEN"]


def test_seeking_a_way_out_is_no_request(english) -> None:  # type: ignore[no-untyped-def]
    assert not _events(english, "Both sides may be seeking an alternative to escalating tensions.")
    assert [e.type for e in _events(english, "Bolivia sought talks with Chile.")] == ["REQUEST"]


def test_a_dateline_is_no_actor_the_parties_behind_it_are(english) -> None:  # type: ignore[no-untyped-def]
    text = "TACNA, Peru, April 2 (Coast Wire) - Chile and Peru signed an accord on fishing patrols."
    signed = _event(_events(english, text), "signed")
    assert _ids(signed.actors) == ["place:chile", "place:peru"]


def test_warships_arriving_are_no_visit(english) -> None:  # type: ignore[no-untyped-def]
    arrived = _events(english, "Two Chilean navy frigates arrived in the bay of Arica.")[0]
    assert (arrived.type, arrived.mode) == ("MOBILIZE", "troops")


@pytest.mark.parametrize(("text", "trigger", "actors", "recipients"), [
    # a noun of something one does oneself: "of" names who did it, when that is a party
    ("Analysts were surprised by the resignation of Defence Minister Pablo Ortega on Friday.",
     "resignation", ["Pablo Ortega"], []),
    ("The visit of President Ana Ruiz ended on Friday.", "visit", ["President Ana Ruiz"], []),
    ("The surrender of the rebels to the army ended the siege.", "surrender", ["rebels"], ["army"]),
    # a body acting through its members
    ("The dockers' union, whose members walked out on Monday, said the strike would continue.",
     "walked out", ["dockers' union"], []),
    # whoever is in detention, or remains impounded, is held, not holding
    ("The 20 fishermen spent ten days in detention before the court freed them.",
     "detention", [], ["fishermen"]),
    ("The vessel will remain impounded in the port of Paita until the fine is paid.",
     "impounded", [], ["vessel"]),
    # a choice noun that "is" an act stands for its owner, or for no one named
    ("The navy sent two frigates. \"Its purpose is to support the coast guard,\" the admiral said.",
     "support", [], ["coast guard"]),
])
def test_arguments_of_one_s_own_acts_states_and_members(english, text: str, trigger: str,  # type: ignore[no-untyped-def]
                                                        actors: list[str], recipients: list[str]) -> None:
    event = _event(_events(english, text), trigger)
    assert [p.text for p in event.actors] == actors
    assert [p.text for p in event.recipients] == recipients


def test_of_names_no_actor_when_it_is_no_party(english) -> None:  # type: ignore[no-untyped-def]
    threat = _event(_events(english, "Peru's threat of sanctions angered Chile."), "threat")
    assert _ids(threat.actors) == ["place:peru"]


def test_which_side_acted_is_unknown(english) -> None:  # type: ignore[no-untyped-def]
    text = "Officials in Quito and Lima disagree about which side asked for the delay."
    assert [e for e in _events(english, text) if e.trigger.text == "asked for"] == []


def test_the_night_of_an_event_dates_it_and_does_not_count_it(english) -> None:  # type: ignore[no-untyped-def]
    dated = _events(english, "The delegates discussed the night of the seizure for an hour.")
    assert all(not e.actors for e in dated if e.trigger.text == "seizure")
    counted = _event(_events(english, "Peru and Chile held ten days of talks in Lima."), "talks")
    assert sorted(_ids(counted.actors)) == ["place:chile", "place:peru"]


def test_ending_a_detention_is_a_release(english) -> None:  # type: ignore[no-untyped-def]
    release = _event(_events(english, "Peru ended the detention of the 14 fishermen on Monday."), "ended")
    assert (release.type, release.mode) == ("RETREAT", "release")
    assert _ids(release.actors) == ["place:peru"] and [p.text for p in release.recipients] == ["fishermen"]


@pytest.mark.parametrize("text", [
    "Our patrol called the vessel on the radio three times.",  # a call on someone has no object
    "The navy insisted it was not a response to the seizure.",  # insisting that something is so
    "Officials said they had received no report of any fault.",  # a thing received is no visit
    "He stepped away from a post that demands full dedication.",  # a thing's demand is a requirement
    "Owners are worried about what the agreement might demand of them.",
])
def test_what_only_looks_like_a_request_or_a_visit_is_no_event(english, text: str) -> None:  # type: ignore[no-untyped-def]
    assert [e for e in _events(english, text) if e.type in ("REQUEST", "CONSULT")] == []


@pytest.mark.parametrize(("text", "trigger", "actor"), [
    ("The union insisted on a meeting with the minister.", "insisted on", "union"),
    ("The union demanded higher wages.", "demanded", "union"),  # a body's demand is a request
    ("The president received the ambassador on Monday.", "received", "president"),
])
def test_requests_and_visits_by_parties_stay(english, text: str, trigger: str, actor: str) -> None:  # type: ignore[no-untyped-def]
    assert [p.text for p in _event(_events(english, text), trigger).actors] == [actor]


def test_an_order_to_confiscate_is_the_confiscation_of_what_it_names(english) -> None:  # type: ignore[no-untyped-def]
    seizure = _event(_events(english, "The regulator ordered the confiscation of the catch."), "ordered")
    assert (seizure.type, seizure.mode) == ("COERCE", "confiscate")
    assert [p.text for p in seizure.actors] == ["regulator"]
    assert [p.text for p in seizure.recipients] == ["catch"]



@pytest.mark.parametrize(("text", "trigger", "type_"), [
    ("Chile protested the seizure of the trawler on Tuesday.", "protested", "ACCUSE"),  # a state complains
    ("The foreign minister delivered a formal protest to the ambassador.", "delivered", "ACCUSE"),
    ("Thousands of fishermen protested against the agreement in Arica.", "protested", "PROTEST"),
    ("Arica held a vigil for the crew on Monday.", "vigil", "PROTEST"),  # a city is no state
])
def test_a_state_s_protest_is_an_official_complaint(english, text: str, trigger: str,  # type: ignore[no-untyped-def]
                                                    type_: str) -> None:
    event = _event(_events(english, text), trigger)
    assert event.type == type_
    if type_ == "ACCUSE":
        assert (event.mode, event.cameo) == ("allege", "114")


def test_what_a_protest_is_against_has_none_of_the_protesters_as_its_actor(english) -> None:  # type: ignore[no-untyped-def]
    events = _events(english, "Thousands of fishermen protested against the seizure of the trawler.")
    assert [p.text for p in _event(events, "protested").actors] == ["fishermen"]
    assert all(not e.actors for e in events if e.trigger.text == "seizure")


@pytest.mark.parametrize(("text", "trigger", "actors", "recipients"), [
    ("The case went to the regulator under the agreement reached by Peru and Chile in Lima.",
     "agreement", ["place:peru", "place:chile"], []),
    ("One of the protesters was arrested on Monday.", "arrested", [], ["protesters"]),
    ("Hundreds of farmers blocked the highway on Monday.", "blocked", ["farmers"], []),
])
def test_a_participle_s_agent_and_a_counted_group_are_parties(  # type: ignore[no-untyped-def]
        english, text: str, trigger: str, actors: list[str], recipients: list[str]) -> None:
    event = _event(_events(english, text), trigger)
    assert _ids(event.actors) == actors and _ids(event.recipients) == recipients


def test_the_one_that_did_it_is_no_party(english) -> None:  # type: ignore[no-untyped-def]
    text = "The appeal will go to a different chamber from the one that issued the sanction."
    assert [e for e in _events(english, text) if e.type == "SANCTION"] == []


def test_what_an_event_is_said_to_be_is_not_its_actor(english) -> None:  # type: ignore[no-untyped-def]
    assert _events(english, "One of the main topics was economic cooperation.") == []
    visit = _events(english, "The visit by the minister was a meeting with the rebels.")
    assert [p.text for p in _event(visit, "visit").actors] == ["minister"]


def test_a_source_asking_not_to_be_named_is_no_request(english) -> None:  # type: ignore[no-untyped-def]
    text = "The manager, who asked not to be named, said the plant would close."
    assert [e for e in _events(english, text) if e.type == "REQUEST"] == []


def test_whoever_judges_an_event_did_not_do_it(english) -> None:  # type: ignore[no-untyped-def]
    called = _events(english, "Chile's foreign minister called the seizure a disproportionate act.")
    assert all(not e.actors for e in called if e.trigger.text == "seizure")
    condemned = _events(english, "Peru condemned the attack by Bolivian soldiers.")
    assert all(_ids(e.actors) != ["place:peru"] for e in condemned if e.trigger.text == "attack")
    called_for = _event(_events(english, "Peru called for talks with Chile."), "called for")
    assert _ids(called_for.actors) == ["place:peru"]


def test_a_cue_word_standing_for_a_relative_clause_s_subject_still_acts(english) -> None:  # type: ignore[no-untyped-def]
    text = "The two navy frigates that arrived in the bay on Monday were still anchored there."
    arrived = _event(_events(english, text), "arrived in")
    assert (arrived.type, arrived.mode) == ("MOBILIZE", "troops")
    assert [p.text for p in arrived.actors] == ["navy frigates"]


@pytest.mark.parametrize(("text", "trigger", "recipients"), [
    # "their" is neither the country the crew crossed into nor the boat's nationality
    ("The crew crossed back into Chile a month after a Peruvian navy patrol boat seized their vessel.",
     "seized", ["their"]),
])
def test_a_plural_pronoun_needs_a_plural_antecedent(english, text: str, trigger: str,  # type: ignore[no-untyped-def]
                                                    recipients: list[str]) -> None:
    assert [p.text for p in _event(_events(english, text), trigger).recipients] == recipients


def test_a_pronoun_for_a_people_s_group_is_the_group(english) -> None:  # type: ignore[no-untyped-def]
    text = "Striking Dutch farmers said on Tuesday they would blockade the port of Rotterdam."
    assert [p.text for p in _event(_events(english, text), "blockade").actors] == ["Striking Dutch farmers"]


def test_they_for_a_coordination_is_each_of_its_parties(english) -> None:  # type: ignore[no-untyped-def]
    meet = _event(_events(english, "Chile and Peru said they would meet again in April."), "meet")
    assert sorted(_ids(meet.actors)) == ["place:chile", "place:peru"]


def test_they_is_the_plural_subject_of_the_clause_governing_it(english) -> None:  # type: ignore[no-untyped-def]
    vigil = _event(_events(english, "Organisers said they would hold a vigil every night."), "vigil")
    assert [p.text for p in vigil.actors] == ["Organisers"]


@pytest.mark.parametrize(("text", "trigger", "type_", "mode"), [
    ("North Korea massed artillery near the demilitarised zone.", "massed", "MOBILIZE", "troops"),
    ("The junta placed its forces on a war footing.", "placed", "MOBILIZE", "troops"),
    ("China conducted large-scale military drills near Taiwan.", "military drills", "MOBILIZE", "troops"),
    ("The bank cut off credit to the regime.", "cut", "SANCTION", "sever"),
    ("The country recalled its envoy for consultations.", "recalled", "SANCTION", "withdraw"),
    ("The government banned imports from the neighbouring country.", "banned", "SANCTION", "embargo"),
    ("The donor countries withheld aid from the government.", "withheld", "SANCTION", "sever"),
    ("Sweden sent medical teams to the earthquake zone.", "sent", "AID", None),
    ("The United Nations airlifted food to the besieged city.", "airlifted", "AID", None),
    ("Aid agencies evacuated the wounded to hospitals.", "evacuated", "AID", None),
    ("The army provided protection to the aid convoys.", "provided", "AID", None),
    ("The government agreed to the rebels' demand for a ceasefire.", "agreed to", "CONCEDE", None),
    ("The military government eased curbs on political activity.", "eased", "CONCEDE", None),
    ("Parliament repealed the emergency law.", "repealed", "CONCEDE", None),
    ("The rebels returned the captured weapons.", "returned", "RETREAT", "release"),
    ("The army demobilised 10,000 soldiers.", "demobilised", "RETREAT", "disarm"),
    ("The government accepted the peace plan.", "accepted", "AGREE", None),
    ("The regime expelled foreign journalists.", "expelled", "COERCE", "deport"),
    ("The court threw out the government's appeal.", "threw", "REJECT", None),
    ("The opposition declined an invitation to join the government.", "declined", "REJECT", None),
    ("Police of the two countries carried out a joint operation.", "joint operation", "COOPERATE", None),
    ("The family begged the authorities for information.", "begged", "REQUEST", None),
    ("Warplanes pounded rebel strongholds.", "pounded", "ASSAULT", None),
    ("A grenade was thrown at the police station.", "thrown", "ASSAULT", "explosives"),
    ("Mortar shells hit a residential area.", "shells hit", "ASSAULT", None),
    ("The army sealed off the town.", "sealed", "COERCE", "restrict"),
    ("The government nationalised the oil industry.", "nationalised", "COERCE", "confiscate"),
    ("Police of both countries worked together to dismantle the ring.", "worked", "COOPERATE", None),
    ("The warring sides carried out an exchange of prisoners.", "exchange", "RETREAT", "release"),
    ("Israel and Hamas completed a prisoner exchange on Monday.", "prisoner exchange", "RETREAT", "release"),
])
def test_everyday_phrasings_of_version_6(english, text: str, trigger: str, type_: str,  # type: ignore[no-untyped-def]
                                         mode: str | None) -> None:
    event = next(e for e in _events(english, text) if e.trigger.text.startswith(trigger))
    assert (event.type, event.mode) == (type_, mode)


def test_a_vow_to_avenge_is_a_threat(english) -> None:  # type: ignore[no-untyped-def]
    vow = _event(_events(english, "The group vowed to avenge the killing of its leader."), "vowed")
    assert plover_type(vow) == "THREATEN"


def test_a_broken_up_protest_took_place(english) -> None:  # type: ignore[no-untyped-def]
    events = _events(english, "Police broke up a protest by students in the capital.")
    assert [p.text for p in _event(events, "broke up").actors] == ["Police"]
    assert [p.text for p in _event(events, "protest").actors] == ["students"]


def test_not_hesitating_to_act_is_a_threat(english) -> None:  # type: ignore[no-untyped-def]
    force = _event(_events(english, "The president said he would not hesitate to use force."), "use force")
    assert force.status == "planned" and plover_type(force) == "THREATEN"
    action = _events(english, "The prime minister warned that the army would take military action.")
    assert plover_type(_event(action, "take military action")) == "THREATEN"



def test_a_weapon_that_is_the_subject_is_no_actor(english) -> None:  # type: ignore[no-untyped-def]
    hit = _event(_events(english, "Mortar shells hit a residential area."), "shells hit")
    assert hit.actors == () and [p.text for p in hit.recipients] == ["residential area"]
    massed = _event(_events(english, "Troops massed on the border."), "Troops massed")
    assert [p.text for p in massed.actors] == ["Troops"]


@pytest.mark.parametrize(("text", "trigger"), [
    ("The minister warned of serious consequences if the attacks continued.", "warned of"),
    ("The general warned that any incursion would be met with force.", "met with force"),
    ("The president said the country would respond with force to any attack.", "respond"),
])
def test_warnings_of_force_are_threats(english, text: str, trigger: str) -> None:  # type: ignore[no-untyped-def]
    assert plover_type(_event(_events(english, text), trigger)) == "THREATEN"


def test_any_attack_is_no_attack_that_happened(english) -> None:  # type: ignore[no-untyped-def]
    events = _events(english, "The president said the country would respond with force to any attack.")
    assert all(e.status == "hypothetical" and not e.actors for e in events if e.trigger.text == "attack")

