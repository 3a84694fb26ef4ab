"""Event exports: PLOVER records, GDELT 2.0 rows and flat tables (JSON Lines, CSV, Parquet), atomically."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from newsgraph.errors import ExportError
from newsgraph.export_events import (
    EVENT_COLUMNS,
    EVENT_FORMATS,
    GDELT_COLUMNS,
    country_of,
    event_record,
    export_events_to_path,
    gdelt_row,
    goldstein,
    plover_record,
    quad_class,
    write_events,
)
from newsgraph.store import EventQuery, EventRow, SQLiteStore

TEXT_FORMATS = [fmt for fmt in EVENT_FORMATS if fmt != "events-parquet"]


@pytest.fixture
def rows(store_story: Callable[[SQLiteStore], dict[str, int]]) -> Iterator[list[EventRow]]:
    with SQLiteStore(":memory:") as store:
        store_story(store)
        yield store.events()


def by_key(rows: list[EventRow], source: str, event_id: str) -> EventRow:
    [row] = [r for r in rows if r.source == source and r.event_id == event_id]
    return row


def gdelt(row: EventRow) -> dict[str, str]:
    return dict(zip(GDELT_COLUMNS, gdelt_row(row), strict=True))


# GDELT ---------------------------------------------------------------------------------------------

def test_gdelt_has_the_61_columns_of_the_codebook_in_order() -> None:
    assert len(GDELT_COLUMNS) == 61
    assert GDELT_COLUMNS[:7] == ("GlobalEventID", "Day", "MonthYear", "Year", "FractionDate", "Actor1Code",
                                 "Actor1Name")
    assert GDELT_COLUMNS[25:35] == ("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
                                    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone")
    assert GDELT_COLUMNS[51:] == ("ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode",
                                  "ActionGeo_ADM1Code", "ActionGeo_ADM2Code", "ActionGeo_Lat",
                                  "ActionGeo_Long", "ActionGeo_FeatureID", "DATEADDED", "SOURCEURL")


def test_gdelt_row_of_a_sanction_between_countries(rows: list[EventRow]) -> None:
    row = gdelt(by_key(rows, "talks.txt", "ev2"))

    assert (row["Actor1Code"], row["Actor1Name"], row["Actor1CountryCode"]) == ("USA", "United States", "USA")
    assert (row["Actor2Code"], row["Actor2Name"], row["Actor2CountryCode"]) == ("VEN", "Venezuela", "VEN")
    assert (row["EventCode"], row["EventBaseCode"], row["EventRootCode"]) == ("163", "163", "16")
    assert (row["QuadClass"], row["GoldsteinScale"]) == ("4", "-8.0")
    assert (row["Day"], row["MonthYear"], row["Year"], row["FractionDate"]) == (
        "20260116", "202601", "2026", "2026.0411")
    assert row["IsRootEvent"] == "0"  # the second paragraph
    assert (row["NumMentions"], row["NumSources"], row["NumArticles"], row["AvgTone"]) == ("1", "1", "1", "")
    assert row["SOURCEURL"] == "https://ledger.example/talks"
    assert len(row["DATEADDED"]) == 14 and row["DATEADDED"].isdigit()


def test_gdelt_row_of_a_visit_to_a_capital(rows: list[EventRow]) -> None:
    row = gdelt(by_key(rows, "talks.txt", "ev1"))

    assert row["GlobalEventID"] == str(rows[1].article_id * 10_000 + 1)
    assert (row["Actor1Code"], row["Actor1Name"]) == ("", "Tomas Elland")  # a person has no country code
    assert (row["EventCode"], row["QuadClass"], row["GoldsteinScale"], row["IsRootEvent"]) == (
        "042", "1", "1.9", "1")
    assert (row["ActionGeo_Type"], row["ActionGeo_FullName"], row["ActionGeo_CountryCode"]) == (
        "4", "Caracas, Venezuela", "VE")  # a world city; GDELT's country codes are FIPS 10-4
    assert (row["ActionGeo_Lat"], row["ActionGeo_Long"], row["ActionGeo_FeatureID"]) == (
        "10.48801", "-66.87919", "3646738")


def test_gdelt_root_code_only_becomes_the_unspecified_code(rows: list[EventRow]) -> None:
    row = gdelt(by_key(rows, "envoy.txt", "ev1"))  # cameo "13"

    assert (row["EventCode"], row["EventBaseCode"], row["EventRootCode"]) == ("130", "130", "13")
    assert (row["QuadClass"], row["GoldsteinScale"]) == ("3", "-4.4")
    assert (row["Actor2Code"], row["Actor2Name"]) == ("", "the envoy")


def test_gdelt_leaves_the_dates_of_an_undated_event_blank(rows: list[EventRow]) -> None:
    row = gdelt(by_key(rows, "cartel.txt", "ev1"))

    assert [row[c] for c in ("Day", "MonthYear", "Year", "FractionDate")] == ["", "", "", ""]
    assert row["SOURCEURL"] == "cartel.txt"  # no URL: the source it was ingested from


def test_gdelt_cells_never_hold_tabs_or_newlines(rows: list[EventRow]) -> None:
    row = replace(rows[0], url=None, source="odd\tname\nwith breaks.txt")

    assert gdelt_row(row)[-1] == "odd name with breaks.txt"


def test_gdelt_refuses_an_event_number_that_does_not_fit_the_id(rows: list[EventRow]) -> None:
    with pytest.raises(ExportError, match="GlobalEventID"):
        gdelt_row(replace(rows[0], event_id="ev10000"))


@pytest.mark.parametrize(
    ("code", "quad", "score"),
    [("010", 1, 0.0), ("042", 1, 1.9), ("057", 1, 8.0), ("0874", 2, 10.0), ("112", 3, -2.0),
     ("130", 3, -4.4), ("1721", 4, -5.0), ("172", 4, -5.0), ("183", 4, -10.0), ("204", 4, -10.0),
     ("1729", 4, -5.0)],  # an unknown leaf takes its base code's score
)
def test_quad_class_and_goldstein_score(code: str, quad: int, score: float) -> None:
    assert (quad_class(code), goldstein(code)) == (quad, score)


@pytest.mark.parametrize("code", ["", "x1", "21", "00"])
def test_codes_outside_cameo_have_no_quad_class(code: str) -> None:
    assert quad_class(code) is None


def test_the_goldstein_table_covers_every_root_and_stays_in_range() -> None:
    data = (Path(__file__).parent.parent / "src/newsgraph/data/goldstein.tsv").read_text("utf-8")
    rows = [line.split("\t") for line in data.splitlines() if not line.startswith("#")]
    codes = [code for code, _ in rows]

    assert len(codes) == len(set(codes)) == 311
    assert {f"{n:02d}" for n in range(1, 21)} <= set(codes)
    assert all(-10.0 <= float(score) <= 10.0 for _, score in rows)


@pytest.mark.parametrize(("kb_id", "code"), [
    ("geonames:6252001", "USA"), ("geonames:3625428", "VEN"), ("geonames:3646738", None),  # Caracas: a city
    (None, None), ("wikidata:Q30", None)])
def test_country_of(kb_id: str | None, code: str | None) -> None:
    assert country_of(kb_id) == code


# PLOVER ---------------------------------------------------------------------------------------------

def test_plover_record_has_the_manuals_fields(rows: list[EventRow]) -> None:
    record = plover_record(by_key(rows, "talks.txt", "ev1"))

    assert {"id", "date", "actor", "recipient", "event", "mode", "context", "event_loc", "event_text",
            "quad_code", "text", "text_info", "cite_info", "coder", "coded_date"} <= set(record)
    assert (record["date"], record["enddate"], record["event"], record["mode"]) == (
        "2026-01-15", None, ["CONSULT"], ["visit"])
    assert record["actor"] == [{"code": None, "actor_text": "Tomas Elland",
                                "identifier_id": "person:tomas-elland", "identifier_text": "Tomas Elland"}]
    assert record["event_loc"] == {"geonameid": 3646738, "name": "Caracas", "latitude": 10.48801,
                                   "longitude": -66.87919, "feature": "capital", "country_code": "VE",
                                   "cc3": "VEN"}
    assert (record["event_text"], record["quad_code"]) == (["met"], 1)
    assert record["text"] == "Tomas Elland met Marta Quiroga in Caracas on 15 January."
    assert record["text_info"] == {"start": 0, "end": 56, "trigger_start": 13, "trigger_end": 16}
    assert record["cite_info"]["publication"] == "Harbour Ledger"
    assert record["cite_info"]["url"] == "https://ledger.example/talks"
    assert (record["status"], record["reported"], record["cameo"]) == ("happened", False, "042")


def test_plover_record_of_a_reported_plan_keeps_its_attribution(rows: list[EventRow]) -> None:
    record = plover_record(by_key(rows, "talks.txt", "ev3"))

    assert (record["status"], record["reported"]) == ("planned", True)
    assert record["cite_info"]["attribution"] == ["Harbour Ledger", "officials"]
    assert (record["date"], record["dated_by"], record["date_value"]) == ("2026-01-16", "published", None)
    assert record["actor"][0]["code"] == "USA" and record["actor"][0]["actor_text"] == "Washington"
    assert record["recipient"] == [] and record["context"] == ["diplomatic"]
    # A planned sanction is, in PLOVER's own records, a threat (CAMEO 13); its type stays what is planned.
    assert (record["event"], record["type"], record["quad_code"]) == (["THREATEN"], "SANCTION", 3)


def test_plover_record_of_a_week_has_an_end_date(rows: list[EventRow]) -> None:
    record = plover_record(by_key(rows, "envoy.txt", "ev1"))

    assert (record["date"], record["enddate"], record["date_precision"]) == (
        "2026-01-05", "2026-01-11", "week")


def test_plover_record_of_a_designation(rows: list[EventRow]) -> None:
    record = plover_record(by_key(rows, "cartel.txt", "ev1"))

    assert record["designation"]["label"] == "foreign terrorist organization"
    assert record["designation"]["target_id"] == "org:cartel-del-norte"
    assert record["date"] is None and record["event_loc"] is None


# Flat tables ----------------------------------------------------------------------------------------

def _written(rows: list[EventRow], fmt: str) -> str:
    out = io.StringIO(newline="")
    assert write_events(iter(rows), fmt, out) == len(rows)
    return out.getvalue()


def test_events_jsonl_has_every_column(rows: list[EventRow]) -> None:
    records = [json.loads(line) for line in _written(rows, "events-jsonl").splitlines()]

    assert [tuple(r) for r in records] == [EVENT_COLUMNS] * 5
    assert records[2]["actors"] == ["United States"] and records[2]["recipient_ids"] == ["place:venezuela"]


def test_events_csv_parses_back_with_lists_as_json(rows: list[EventRow]) -> None:
    records = list(csv.DictReader(io.StringIO(_written(rows, "events-csv"), newline="")))

    assert tuple(records[0]) == EVENT_COLUMNS
    assert [r["event_id"] for r in records] == [r.event_id for r in rows]
    assert json.loads(records[3]["attribution"]) == ["Harbour Ledger", "officials"]
    assert (records[3]["reported"], records[3]["confidence"], records[4]["place_name"]) == ("true", "0.8", "")


def test_the_records_of_every_format_follow_the_store_order(rows: list[EventRow]) -> None:
    plover = [json.loads(line)["id"] for line in _written(rows, "plover").splitlines()]
    flat = [f"{r['article_id']}-{r['event_id']}" for r in map(event_record, rows)]

    assert plover == flat == [f"{r.article_id}-{r.event_id}" for r in rows]


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_an_empty_store_exports_an_empty_file(fmt: str) -> None:
    expected = ",".join(EVENT_COLUMNS) + "\r\n" if fmt == "events-csv" else ""

    assert _written([], fmt) == expected


def test_an_unknown_format_is_an_export_error(rows: list[EventRow]) -> None:
    with pytest.raises(ExportError, match="plover, gdelt"):
        write_events(rows, "acled", io.StringIO())


def test_parquet_is_refused_on_a_text_stream(rows: list[EventRow]) -> None:
    with pytest.raises(ExportError, match="--out"):
        write_events(rows, "events-parquet", io.StringIO())


# Files ----------------------------------------------------------------------------------------------

def _failing_midway(rows: list[EventRow]) -> Iterator[EventRow]:
    yield rows[0]
    raise OSError("disk full")


@pytest.mark.parametrize("fmt", EVENT_FORMATS)
def test_a_failed_export_leaves_the_earlier_file_and_no_temp_file(
    tmp_path: Path, rows: list[EventRow], fmt: str
) -> None:
    if fmt == "events-parquet":
        pytest.importorskip("pyarrow")
    path = tmp_path / "events.out"
    path.write_text("earlier export\n", encoding="utf-8")

    with pytest.raises(OSError, match="disk full"):
        export_events_to_path(_failing_midway(rows), fmt, path)

    assert path.read_text(encoding="utf-8") == "earlier export\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.out"]


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_export_to_path_writes_utf8_and_counts(tmp_path: Path, rows: list[EventRow], fmt: str) -> None:
    path = tmp_path / "events.out"

    assert export_events_to_path(iter(rows), fmt, path) == 5
    assert path.read_bytes().decode("utf-8") == _written(rows, fmt)


def test_parquet_round_trips_typed_columns(tmp_path: Path, rows: list[EventRow]) -> None:
    parquet = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "events.parquet"

    assert export_events_to_path(iter(rows), "events-parquet", path) == 5

    table = parquet.read_table(path)
    assert tuple(table.column_names) == EVENT_COLUMNS
    assert table.to_pylist() == [event_record(row) for row in rows]


def test_parquet_writes_in_batches(
    tmp_path: Path, rows: list[EventRow], monkeypatch: pytest.MonkeyPatch
) -> None:
    parquet = pytest.importorskip("pyarrow.parquet")
    from newsgraph import export_events

    monkeypatch.setattr(export_events, "PARQUET_BATCH", 2)
    path = tmp_path / "events.parquet"

    assert export_events_to_path(iter(rows), "events-parquet", path) == 5
    assert parquet.ParquetFile(path).metadata.num_row_groups == 3


def test_an_empty_parquet_export_has_the_schema(tmp_path: Path) -> None:
    parquet = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "events.parquet"

    assert export_events_to_path(iter([]), "events-parquet", path) == 0
    assert tuple(parquet.read_table(path).column_names) == EVENT_COLUMNS


def test_parquet_without_pyarrow_names_the_extra_and_writes_nothing(
    tmp_path: Path, rows: list[EventRow], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    path = tmp_path / "events.parquet"

    with pytest.raises(ExportError, match=r"pip install 'newsgraph\[parquet\]'"):
        export_events_to_path(iter(rows), "events-parquet", path)

    assert list(tmp_path.iterdir()) == []


def test_an_export_streams_from_the_store(store_story: Callable[[SQLiteStore], dict[str, int]],
                                          tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "news.db") as store:
        ids = store_story(store)
        stream: Any = store.iter_events(EventQuery(article_id=ids["talks.txt"]))
        assert not isinstance(stream, list)

        count = export_events_to_path(stream, "gdelt", tmp_path / "talks.tsv")

    assert count == 3
