"""The JSON form of an extraction, built from hand-made records (no model): events in particular."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from newsgraph.extraction import Prepared, analysis_payload
from newsgraph.names import entity_id
from newsgraph.nlp.records import (
    Analysis,
    Designation,
    Event,
    EventDate,
    Mention,
    Participant,
    Place,
    Sentence,
)
from newsgraph.records import Metadata

TEXT = "The United States designated the Mar Azul cartel a terrorist group on Monday in Lima."
US = Participant("gpe:united-states", "The United States", 0, 17)
CARTEL = Participant("org:mar-azul-cartel", "the Mar Azul cartel", 29, 48)
MONDAY = EventDate("2026-03-23", "day", 70, 76)
LIMA = Place(80, 84, "Lima", "Lima", "PE", -12.04, -77.03, 3936456, "capital")


def designation_event(attribution: tuple[str, ...] = ()) -> Event:
    return Event(
        id="ev1", type="SANCTION", mode=None, contexts=("terrorism",), cameo="17",
        trigger=Mention(18, 28, "designated"), sentence=Sentence(0, len(TEXT)),
        actors=(US,), recipients=(CARTEL, Participant(None, "its leaders", 0, 0)),
        place=0, date=MONDAY, status="happened", attribution=attribution, confidence=0.87654,
        designation=Designation("terrorist group", US, CARTEL, MONDAY),
    )


def payload(event: Event, outlet: str | None = "Andes Wire") -> dict[str, Any]:
    prepared = Prepared("story.txt", TEXT, Metadata(outlet=outlet))
    analysis = Analysis(sentences=(Sentence(0, len(TEXT)),), entities=(), places=(LIMA,), events=(event,))
    return analysis_payload(prepared, analysis)


def test_an_event_lists_named_participants_by_id_and_every_participant_with_its_span() -> None:
    [event] = payload(designation_event())["events"]
    assert event["actors"] == ["gpe:united-states"]
    assert event["recipients"] == ["org:mar-azul-cartel"]
    assert [(p["role"], p["entity_id"], p["text"]) for p in event["participants"]] == [
        ("actor", "gpe:united-states", "The United States"),
        ("recipient", "org:mar-azul-cartel", "the Mar Azul cartel"),
        ("recipient", None, "its leaders"),
    ]
    assert TEXT[event["trigger"]["start"]:event["trigger"]["end"]] == event["trigger"]["text"]
    assert event["date"] == {"value": "2026-03-23", "precision": "day", "start": 70, "end": 76}
    assert event["place"] == 0
    assert event["confidence"] == 0.877
    assert event["designation"]["label"] == "terrorist group"
    assert event["designation"]["target"]["entity_id"] == "org:mar-azul-cartel"


def test_the_outlet_asserts_an_unattributed_event_and_heads_a_reported_ones_chain() -> None:
    asserted = payload(designation_event())["events"][0]
    assert (asserted["reported"], asserted["attribution"]) == (False, ["Andes Wire"])
    reported = payload(designation_event(("Reuters", "two officials")))["events"][0]
    assert reported["reported"] is True
    assert reported["attribution"] == ["Andes Wire", "Reuters", "two officials"]
    no_outlet = payload(designation_event(("Reuters",)), outlet=None)["events"][0]
    assert no_outlet["attribution"] == ["Reuters"]


def test_events_validate_against_the_documented_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((Path(__file__).resolve().parent.parent / "docs" / "extract.schema.json")
                        .read_text(encoding="utf-8"))
    events_schema = schema["properties"]["events"]
    jsonschema.validate(payload(designation_event())["events"], events_schema)
    broken = payload(designation_event())["events"]
    broken[0]["status"] = "rumoured"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, events_schema)


@pytest.mark.parametrize("name", ["Nicolás Maduro", "Søren Kierkegaard", "Lech Wałęsa", "Владимир Путин"])
def test_entity_ids_of_any_script_fit_the_documented_pattern(name: str) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((Path(__file__).resolve().parent.parent / "docs" / "extract.schema.json")
                        .read_text(encoding="utf-8"))
    id_schema = schema["properties"]["entities"]["items"]["properties"]["id"]
    jsonschema.validate(entity_id("PERSON", name), id_schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate("person:two words", id_schema)
