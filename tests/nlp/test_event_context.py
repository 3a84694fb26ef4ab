"""Event context: status, date, place and attribution of an event trigger, read from the parse."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.tokens import Doc, Token

from newsgraph.nlp.attributions import find_attributions
from newsgraph.nlp.entities import find_entities
from newsgraph.nlp.event_context import date_of, place_of, precision_of, reported_by, status_of
from newsgraph.nlp.quotes import find_quotes
from newsgraph.nlp.records import Place
from newsgraph.nlp.times import find_times


def _trigger(doc: Doc, word: str) -> Token:
    """The first token spelt ``word``: the test stands in for the event layer."""
    return next(t for t in doc if t.text == word)


def _places(doc: Doc, *names: str, role: str = "place") -> list[Place]:
    """Place records for the first occurrence of each name (the gazetteer is not the point here)."""
    places = []
    for name in names:
        start = doc.text.index(name)
        places.append(Place(start, start + len(name), name, name, None, None, None, None, "city",
                            role))  # type: ignore[arg-type]
    return places


# --- precision_of (no model) -----------------------------------------------------------------------

PRECISIONS = [
    ("2026-01-15", "day"), ("2026-01", "month"), ("2026", "year"), ("202", "decade"), ("20", "century"),
    ("2025-W48", "week"), ("2025-W48-WE", "week"), ("2025-Q3", "quarter"), ("2024-H1", "half"),
    ("2025-SU", "season"), ("2026-01-15T15:00", "time"), ("2025-11-21TMO", "time"),
    ("PRESENT_REF", None), ("PAST_REF", None), ("FUTURE_REF", None), ("P2D", None), ("PT2H", None),
    ("P1W", None), ("XXXX-WXX-4", None), ("XXXX-01-14", None), ("XXXX-XX-XXT15:00", None), ("", None),
]


@pytest.mark.parametrize(("value", "expected"), PRECISIONS)
def test_precision_of_timex_value(value: str, expected: str | None) -> None:
    assert precision_of(value) == expected


# --- status_of -------------------------------------------------------------------------------------

STATUSES = [
    # happened
    ("Soldiers captured the rebel commander near the border.", "captured", "happened"),
    ("The rebel commander was captured by soldiers.", "captured", "happened"),
    ("The capture of the commander stunned the capital.", "capture", "happened"),
    ("Garcia said he met the envoy last week.", "met", "happened"),
    ("It was the first visit by a Peruvian president in a decade.", "visit", "happened"),
    ("Qatar was mediating between Peru and Chile last year.", "mediating", "happened"),
    ("The navy continued to strike boats last year.", "strike", "happened"),
    # ongoing
    ("The two ministers are meeting in Lima.", "meeting", "ongoing"),
    ("Qatar is mediating between Israel and Hamas.", "mediating", "ongoing"),  # read as "is" + attribute
    ("The navy continues to strike smuggling boats.", "strike", "ongoing"),
    ("Talks between the two sides are ongoing.", "Talks", "ongoing"),
    # planned
    ("Garcia intends to speak with the general.", "speak", "planned"),
    ("The ministers plan to meet in Lima.", "meet", "planned"),
    ("Garcia will visit Quito.", "visit", "planned"),
    ("It will be the first visit by a Peruvian president in a decade.", "visit", "planned"),
    ("Garcia said he will call the general.", "call", "planned"),
    ("Talks between Peru and Chile have been postponed.", "Talks", "planned"),  # still to come, later
    ("Chile blamed Peru for the postponed talks.", "talks", "planned"),
    ("The envoy is going to meet the rebels.", "meet", "planned"),
    ("The envoy is scheduled to arrive on Monday.", "arrive", "planned"),
    ("The ministers are expected to sign the accord.", "sign", "planned"),
    ("The cabinet is set to approve the sanctions.", "approve", "planned"),
    ("The ministers are poised to sign the accord.", "sign", "planned"),
    ("Lisbon is about to reopen its embassy in the capital.", "reopen", "planned"),
    ("The army is preparing to launch an offensive.", "launch", "planned"),
    ("The planned call between the leaders is a shift.", "call", "planned"),
    ("Officials announced plans for talks with the rebels.", "talks", "planned"),
    ("An upcoming visit by the envoy has drawn protests.", "visit", "planned"),
    ("The envoy is meeting the rebels next week.", "meeting", "planned"),
    ("Garcia said direct talks would happen soon.", "talks", "planned"),
    ("Garcia's decision to pursue talks surprised analysts.", "talks", "planned"),
    ("The first joint patrol nears.", "patrol", "planned"),
    ("Talks with Chile are nearing.", "Talks", "planned"),
    ("The rebels said they were ready to hold talks with the army.", "talks", "planned"),
    ("The government is prepared to lift the curfew.", "lift", "planned"),
    ("The two sides will hold a new round of talks in Quito.", "talks", "planned"),  # through "round of"
    ("Bolivia would accept mediation by the church.", "mediation", "hypothetical"),
    ("The rebels expressed willingness to negotiate with the government.", "negotiate", "planned"),
    ("The junta said it would impose martial law.", "law", "planned"),  # "would" reaches it through "impose"
    # threatened
    ("The army threatened to strike the camps.", "strike", "threatened"),
    ("Garcia vowed to arrest the smugglers.", "arrest", "threatened"),
    ("The minister warned that the navy would seize the ships.", "seize", "threatened"),
    ("The threat of strikes hangs over the talks.", "strikes", "threatened"),
    ("The rebels threatened to kill the hostages unless the army withdrew.", "threatened", "happened"),
    ("Protesters face arrest if they defy the ban.", "face", "happened"),
    ("The rebels have sworn to fight until the army leaves.", "fight", "threatened"),
    # hypothetical
    ("The navy might seize the tanker.", "seize", "hypothetical"),
    ("The government could impose sanctions.", "impose", "hypothetical"),
    ("The army would retaliate if the rebels attacked.", "retaliate", "hypothetical"),
    ("If the rebels attack, the army will respond.", "attack", "hypothetical"),
    ("The government is considering strikes on the camps.", "strikes", "hypothetical"),
    ("Officials are weighing sanctions against the firm.", "sanctions", "hypothetical"),
    ("Analysts discussed possible strikes on the camps.", "strikes", "hypothetical"),
    ("The cabinet debated whether to expel the envoy.", "expel", "hypothetical"),
    # a predicate noun shares its copula's modality
    ("The call would be the first direct talks between the two leaders.", "talks", "hypothetical"),
    # negated
    ("They are not planning to go in and seize him.", "seize", "negated"),
    ("Garcia did not meet the general.", "meet", "negated"),
    ("The envoy never visited the camp.", "visited", "negated"),
    ("The ministers will not meet this week.", "meet", "negated"),
    ("No talks took place.", "talks", "negated"),
    ("The president refused to meet the rebels.", "meet", "negated"),
    ("The government ruled out strikes on the camps.", "strikes", "negated"),
    ("The summit was cancelled.", "summit", "negated"),
    ("Missile strikes are not under consideration.", "strikes", "negated"),
    ("Drone strikes are not under active consideration.", "strikes", "negated"),
    ("Officials said they have no plan to arrest him.", "arrest", "negated"),
    ("This is not an attack on the village.", "attack", "negated"),
    # a subject that names no one
    ("Neither government has conceded anything about the vessel's position.", "conceded", "negated"),
    ("No country has recognised the new government.", "recognised", "negated"),
    ("Nobody signed the protocol.", "signed", "negated"),
    ("Officials said lifting the sanctions on Burma was out of the question.", "lifting", "negated"),
    ("Any attack on the ships would be answered.", "attack", "hypothetical"),
    # a nominal event carried by "provide", "extend", "lend" or "deliver" shares its verb's modality
    ("The government would provide legal support to the crew if needed.", "support", "hypothetical"),
    ("Japan will extend aid to the flood victims.", "aid", "planned"),
    # denied
    ("Lopez denied meeting the rebels.", "meeting", "denied"),
    ("The ministry denied that talks were planned.", "talks", "denied"),
    ("The minister denied reports of a plan to arrest the general.", "arrest", "denied"),
    ("The palace dismissed claims that the envoy met the rebels.", "met", "denied"),
    ("The minister denied that troops had attacked the village.", "attacked", "denied"),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "word", "expected"), STATUSES, ids=[f"{c[2]}-{c[1]}" for c in STATUSES])
def test_status_of_trigger(english, text: str, word: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    status, confidence = status_of(_trigger(english(text), word))
    assert status == expected
    assert 0 < confidence <= 1


NOT_LEAKING = [
    # a speech verb is a boundary: its negation or tense is not the reported event's
    ("Garcia did not say that the army attacked the camp.", "attacked", "happened"),
    # a negation in another clause
    ("The army attacked the camp, but officials did not confirm it.", "attacked", "happened"),
    # "did not meet … but called": negation does not cross "but"
    ("Garcia did not meet the envoy but called him.", "called", "happened"),
    # the modal of the verb a nominal trigger is the subject of is about that verb, not the event
    ("The strikes could escalate the conflict.", "strikes", "happened"),
    # a denial of something else in the sentence
    ("Officials denied discussing the capture.", "capture", "happened"),
    # a plan in another clause
    ("The army attacked the camp after the envoy planned a visit.", "attacked", "happened"),
    # a plan or threat named on a nominal event that a past support verb reports as carried out is history
    ("Chile's army launched its long-threatened offensive against the rebels.", "offensive", "happened"),
    ("The two ministers finally held the planned talks in Quito.", "talks", "happened"),
    # a postponement moves what it postpones, not what goes with it
    ("The talks were postponed, with each side blaming the other.", "blaming", "happened"),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "word", "expected"), NOT_LEAKING, ids=[c[1] for c in NOT_LEAKING])
def test_status_cue_from_another_clause_does_not_apply(english, text: str, word: str,  # type: ignore[no-untyped-def]
                                                       expected: str) -> None:
    assert status_of(_trigger(english(text), word))[0] == expected


@pytest.mark.model
def test_status_confidence_is_lower_for_weaker_cues(english) -> None:  # type: ignore[no-untyped-def]
    will = status_of(_trigger(english("The navy will seize the tanker."), "seize"))
    may = status_of(_trigger(english("The navy may seize the tanker."), "seize"))
    might = status_of(_trigger(english("The navy might seize the tanker."), "seize"))
    assert will[0] == "planned" and may[0] == might[0] == "hypothetical"
    assert will[1] > may[1] > might[1]
    plain = status_of(_trigger(english("Troops attacked the village."), "attacked"))
    hedged = status_of(_trigger(english("Troops reportedly attacked the village."), "attacked"))
    assert plain[0] == hedged[0] == "happened"
    assert hedged[1] < plain[1]


# --- date_of ---------------------------------------------------------------------------------------

PUBLISHED = date(2026, 1, 16)  # a Friday

DATES = [
    ("The envoy met the general on Thursday.", "met", "2026-01-15", "day"),
    ("The Jan. 3 capture of the general stunned the region.", "capture", "2026-01-03", "day"),
    ("Soldiers captured the general in January.", "captured", "2026-01", "month"),
    ("The encounter, held on Thursday, lasted two hours.", "encounter", "2026-01-15", "day"),
    ("The ministers held talks on Wednesday in Lima.", "talks", "2026-01-14", "day"),
    ("Chile and Peru signed an agreement on Thursday to patrol the border.", "signed", "2026-01-15", "day"),
    ("The meeting took place on Monday.", "meeting", "2026-01-12", "day"),
    ("The crisis began this month when troops staged a raid that led to the capture of the general.",
     "capture", "2026-01", "month"),
    ("Garcia will visit Quito next week.", "visit", "2026-W04", "week"),
    # a moved event's date is the new one
    ("The talks were postponed on Monday until March 3.", "talks", "2026-03-03", "day"),
    ("Troops were moved to the border on Monday.", "moved", "2026-01-12", "day"),  # the trigger's own date
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "word", "value", "precision"), DATES, ids=[c[1] for c in DATES])
def test_date_of_time_attached_to_clause(english, text: str, word: str, value: str,  # type: ignore[no-untyped-def]
                                         precision: str) -> None:
    doc = english(text)
    found = date_of(_trigger(doc, word), list(find_times(doc, PUBLISHED)))
    assert found is not None
    assert (found.value, found.precision) == (value, precision)
    assert doc.text[found.start:found.end] in text


NO_DATES = [
    # the time belongs to the saying, not to the call
    ("Garcia said on Friday that he will call the general.", "call"),
    ("On Monday, officials confirmed that soldiers captured the general.", "captured"),
    # the time belongs to the decision, not to the strike
    ("The cabinet decided on Tuesday to strike the camps.", "strike"),
    # a relative clause with its own time
    ("The general, who was captured in January, appeared in court.", "appeared"),
    # durations, sets and vague references are no date
    ("The two sides met for two hours.", "met"),
    ("The ministers meet every week.", "meet"),
    ("The navy is currently patrolling the coast.", "patrolling"),
    # the date of the postponing, not of the talks
    ("On Monday the Lima talks were postponed.", "talks"),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "word"), NO_DATES, ids=[c[1] + str(i) for i, c in enumerate(NO_DATES)])
def test_date_of_ignores_other_clauses_and_non_dates(english, text: str, word: str) -> None:  # type: ignore[no-untyped-def]
    doc = english(text)
    assert date_of(_trigger(doc, word), list(find_times(doc, PUBLISHED))) is None


# --- place_of --------------------------------------------------------------------------------------

PLACES = [
    ("The envoy met the general in Quito on Friday.", "met", ("Quito",), "Quito"),
    ("The ministers held talks at the Miraflores palace in Lima.", "talks", ("Lima",), "Lima"),
    ("The envoy traveled to Quito for a meeting with the general.", "meeting", ("Quito",), "Quito"),
    ("The Quito meeting ended without a deal.", "meeting", ("Quito",), "Quito"),
    ("The general's visit to Lima drew protests.", "visit", ("Lima",), "Lima"),
    ("The envoy visited Quito last week.", "visited", ("Quito",), "Quito"),
    ("The meeting took place in the capital, Quito.", "meeting", ("Quito",), "Quito"),
    ("Rebels attacked a convoy in Cusco and seized the trucks.", "seized", ("Cusco",), "Cusco"),
    ("The long meeting between the envoy and the rebel leader Ana Ruiz in Quito ended.", "meeting",
     ("Quito",), "Quito"),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "word", "names", "expected"), PLACES, ids=[c[1] for c in PLACES])
def test_place_of_locative(english, text: str, word: str, names: tuple[str, ...],  # type: ignore[no-untyped-def]
                           expected: str) -> None:
    doc = english(text)
    places = _places(doc, *names)
    index = place_of(_trigger(doc, word), places)
    assert index is not None and places[index].text == expected


NO_PLACES = [
    # the place of another clause
    ("Garcia, speaking in Lima, said the army attacked the camp.", "attacked", ("Lima",)),
    ("The envoy met the general after officials in Quito approved the trip.", "met", ("Quito",)),
    # the place is the recipient, not the venue (documented: an argument is never the venue)
    ("The army invaded Peru.", "invaded", ("Peru",)),
    ("The navy launched strikes on Peru.", "strikes", ("Peru",)),
    # a demonym is a nationality, not a place
    ("Peruvian troops attacked the camp.", "attacked", ("Peruvian",)),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "word", "names"), NO_PLACES,
                         ids=[c[1] + str(i) for i, c in enumerate(NO_PLACES)])
def test_place_of_ignores_other_clauses_recipients_and_demonyms(english, text: str, word: str,  # type: ignore[no-untyped-def]
                                                                names: tuple[str, ...]) -> None:
    doc = english(text)
    assert place_of(_trigger(doc, word), _places(doc, *names)) is None


@pytest.mark.model
def test_place_of_skips_dateline(english) -> None:  # type: ignore[no-untyped-def]
    doc = english("LIMA, Peru (AP) — Rebels attacked a convoy in Cusco on Friday.")
    places = _places(doc, "LIMA", "Peru", "Cusco")
    assert place_of(_trigger(doc, "attacked"), places) == 2
    assert place_of(_trigger(doc, "attacked"), places[:2]) is None


@pytest.mark.model
def test_place_of_skips_capital_speaking_for_government(english) -> None:  # type: ignore[no-untyped-def]
    doc = english("Officials in Lima said the summit in Quito was cancelled.")
    places = [*_places(doc, "Lima", role="government"), *_places(doc, "Quito")]
    assert place_of(_trigger(doc, "summit"), places) == 1


# --- reported_by -----------------------------------------------------------------------------------

def _sources(english, text: str, word: str) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    doc = english(text)
    entities = find_entities(doc)
    return reported_by(_trigger(doc, word), list(find_attributions(doc)), list(find_quotes(doc, entities)),
                       entities)


@pytest.mark.model
def test_reported_by_attribution_chain(english) -> None:  # type: ignore[no-untyped-def]
    text = "The army will strike the camps, according to defense officials cited by Reuters."
    assert _sources(english, text, "strike") == ("Reuters", "defense officials")


@pytest.mark.model
def test_reported_by_speech_verb_uses_entity_name(english) -> None:  # type: ignore[no-untyped-def]
    text = "Lucas Ortega met the envoy in Lima. Ortega said he will call the general on Monday."
    assert _sources(english, text, "call") == ("Lucas Ortega",)


@pytest.mark.model
def test_reported_by_quote_speaker(english) -> None:  # type: ignore[no-untyped-def]
    text = "\u201cWe are going to seize the boats,\u201d one defense official said."
    assert _sources(english, text, "seize") == ("one defense official",)


@pytest.mark.model
def test_reported_by_told_outlet_and_source(english) -> None:  # type: ignore[no-untyped-def]
    text = "Officials told Reuters that the navy attacked the boats."
    assert _sources(english, text, "attacked") == ("Reuters", "Officials")


@pytest.mark.model
def test_reported_by_denial_is_the_deniers(english) -> None:  # type: ignore[no-untyped-def]
    text = "Marta Quiroga denied meeting the rebels."
    assert _sources(english, text, "meeting") == ("Marta Quiroga",)


@pytest.mark.model
def test_reported_by_outlet_assertion_is_empty(english) -> None:  # type: ignore[no-untyped-def]
    assert _sources(english, "Soldiers captured the rebel commander on Friday.", "captured") == ()
    # a threat is the actor's act, asserted by the outlet: not a report from the actor
    assert _sources(english, "The army threatened to strike the camps.", "strike") == ()
    # a thing that "indicates" something is no source
    text = "The envoy's trip could indicate that the army attacked the camp."
    assert _sources(english, text, "attacked") == ()
    # the speaker of one clause does not source a sibling clause the outlet asserts
    text = "The navy attacked the boats, and Reuters reported that the crews fled."
    assert _sources(english, text, "attacked") == ()
