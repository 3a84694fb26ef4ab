"""Gazetteer look-ups: folding, aliases, demonyms, capitals and the user's extension file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsgraph.errors import ConfigError
from newsgraph.kb.gazetteer import Gazetteer, GazetteerEntry, default_gazetteer, fold


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return default_gazetteer()


@pytest.mark.parametrize(("name", "key"), [
    ("São Paulo", "sao paulo"),
    ("U.S.", "us"),
    ("Côte d'Ivoire", "cote divoire"),
    ("Tromsø", "tromso"),
    ("  New   York ", "new york"),
    ("Москва", ""),
])
def test_fold_strips_accents_case_and_punctuation(name: str, key: str) -> None:
    assert fold(name) == key


@pytest.mark.parametrize(("name", "country"), [
    ("U.S.", "US"), ("US", "US"), ("United States", "US"), ("America", "US"),
    ("UK", "GB"), ("Britain", "GB"), ("Burma", "MM"), ("DRC", "CD"),
])
def test_country_aliases_resolve_to_the_country_first(gazetteer: Gazetteer, name: str, country: str) -> None:
    first = gazetteer.candidates(name)[0]
    assert (first.feature, first.country_code) == ("country", country)


@pytest.mark.parametrize(("name", "expected"), [
    ("sao paulo", "São Paulo"),
    ("ZÜRICH", "Zürich"),
    ("Kiev", "Kyiv"),
])
def test_candidates_fold_accents_case_and_alternate_names(gazetteer: Gazetteer, name: str,
                                                         expected: str) -> None:
    assert expected in {e.name for e in gazetteer.candidates(name)}


@pytest.mark.parametrize(("word", "country"), [
    ("Venezuelan", "VE"), ("Venezuelans", "VE"), ("Peruvian", "PE"), ("Chilean", "CL"),
    ("American", "US"), ("British", "GB"), ("Filipino", "PH"),
])
def test_demonyms_map_to_their_country(gazetteer: Gazetteer, word: str, country: str) -> None:
    entry = gazetteer.demonym(word)
    assert entry is not None and entry.country_code == country and entry.feature == "country"


def test_words_that_are_not_demonyms_give_none(gazetteer: Gazetteer) -> None:
    assert gazetteer.demonym("Tuesday") is None


@pytest.mark.parametrize(("name", "country"), [("Washington", "US"), ("Lima", "PE"), ("Paris", "FR")])
def test_national_capitals_are_marked(gazetteer: Gazetteer, name: str, country: str) -> None:
    capitals = [e for e in gazetteer.candidates(name) if Gazetteer.is_capital(e)]
    assert [e.country_code for e in capitals] == [country]


def test_country_by_code_has_a_centre_inside_plausible_bounds(gazetteer: Gazetteer) -> None:
    us = gazetteer.country("us")
    assert us is not None and us.name == "United States"
    assert 30 < us.lat < 45 and -110 < us.lon < -85


def test_subdivisions_and_cities_share_names(gazetteer: Gazetteer) -> None:
    features = {(e.country_code, e.feature) for e in gazetteer.candidates("Georgia")}
    assert {("GE", "country"), ("US", "admin1")} <= features


def test_the_default_gazetteer_holds_places_of_500_people_and_more(gazetteer: Gazetteer) -> None:
    # Dugway, Utah (795 people in GeoNames), the town by the Dugway Proving Ground
    [dugway] = [e for e in gazetteer.candidates("Dugway") if e.country_code == "US"]
    assert dugway.feature == "city" and 500 <= dugway.population < 1000
    assert 40 < dugway.lat < 41 and -113.5 < dugway.lon < -112.5


EXTENSION = (
    "# a user's own places\n"
    "entry\tZorbtown\tCL\t-20.5\t-70.1\tcity\t1200\t\tZorbville|Zörbtown\n"
    "alias\tZT\tZorbtown\tCL\n"
    "demonym\tZorbish\tCL\n"
)


def test_user_extension_file_adds_entries_aliases_and_demonyms(tmp_path: Path) -> None:
    extra = tmp_path / "places.tsv"
    extra.write_text(EXTENSION, encoding="utf-8")
    gazetteer = Gazetteer.load(extra, min_population=15000)
    expected = GazetteerEntry("Zorbtown", "CL", -20.5, -70.1, 1200, "city")
    for name in ("Zorbtown", "zorbville", "Zorbtown", "ZT"):
        assert gazetteer.candidates(name) == [expected]
    chile = gazetteer.demonym("Zorbish")
    assert chile is not None and chile.country_code == "CL"


@pytest.mark.parametrize("row", [
    "entry\tNowhere\tCL\t95\t0\tcity",
    "entry\tNowhere\tCL\t1\t2\tvillage",
    "entry\tNowhere\tChile\t1\t2\tcity",
    "demonym\tNowherish\t-",
    "place\tNowhere",
])
def test_bad_extension_rows_raise_an_error_naming_the_line(tmp_path: Path, row: str) -> None:
    extra = tmp_path / "bad.tsv"
    extra.write_text("# header\n" + row + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="line 2"):
        Gazetteer.load(extra, min_population=15000)


def test_a_missing_extension_file_raises_input_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        Gazetteer.load(tmp_path / "absent.tsv", min_population=15000)


def test_the_default_gazetteer_is_built_once_however_it_is_asked_for() -> None:
    from newsgraph.kb.gazetteer import default_gazetteer

    assert default_gazetteer() is default_gazetteer(None)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("entry\tBroken\tXX\t1", "an entry row needs 6 tab-separated fields"),
        ("demonym\tMarenian", "a demonym row needs 3 tab-separated fields"),
        ("place\tX", "a row starts with entry, alias or demonym, not 'place'"),
        ("entry\tX\tCL\tnorth\t-70\tcity", "latitude 'north' is not a number"),
    ],
)
def test_a_bad_extension_row_says_what_it_needs(tmp_path: Path, row: str, message: str) -> None:
    from newsgraph.kb.gazetteer import _read_rows

    with pytest.raises(ConfigError, match="line 2: " + re.escape(message)):
        list(_read_rows("# my places\n" + row + "\n", str(tmp_path / "mine.tsv")))


def test_subdivisions_sit_at_their_published_iso_3166_2_point(gazetteer: Gazetteer) -> None:
    from newsgraph.kb.gazetteer import _subdivision_points

    points = _subdivision_points()
    assert len(points) > 5000 and all(-90 <= lat <= 90 and -180 <= lon <= 180 for lat, lon in points.values())
    [ontario] = [e for e in gazetteer.candidates("Ontario") if e.feature == "admin1"]
    assert (ontario.lat, ontario.lon) == points["CA-ON"]


def test_subdivision_points_file_names_its_source_and_licence() -> None:
    from importlib import resources

    data = resources.files("newsgraph.kb").joinpath("data")
    header = data.joinpath("subdivision_points.tsv").read_text(encoding="utf-8").split("\n", 1)[0]
    assert "@countrystatecity/countries 1.0.9" in header and "ODbL-1.0" in header
    assert "ODbL" in data.joinpath("NOTICE.md").read_text(encoding="utf-8")


def test_a_users_file_may_add_a_landmark_that_can_stand_for_a_government(tmp_path: Path) -> None:
    extra = tmp_path / "places.tsv"
    extra.write_text("entry\tPalacio Azul\tVD\t10.1\t20.1\tlandmark\t0\t\tBlue Palace\n", encoding="utf-8")
    gazetteer = Gazetteer.load(extra=extra, min_population=1_000_000)
    [palace] = [e for e in gazetteer.candidates("Blue Palace") if e.feature == "landmark"]
    assert palace.name == "Palacio Azul" and Gazetteer.is_seat(palace)
    assert not Gazetteer.is_seat(gazetteer.candidates("Valparaiso")[0])
