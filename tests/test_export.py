"""Exports: JSON, JSON Lines and CSV that parse back to the stored articles, written atomically to files."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsgraph.errors import ExportError
from newsgraph.export import CSV_COLUMNS, FORMATS, article_record, export_to_path, write_export
from newsgraph.inputs.fetch import FakeFetcher
from newsgraph.pipeline import ingest, ingest_document
from newsgraph.records import Article, Metadata, PartialDate, RawDocument
from newsgraph.settings import Settings
from newsgraph.store import SQLiteStore

# Invented articles: U+2028 (a line separator to Unicode, not to JSON Lines) in the raw text and title,
# a citation chip, Windows line ends and quotes that CSV has to escape.
TEXTS = {
    "brindle.txt": (
        "Council votes on ferry fares\u2028Councillors in Brindle Cove voted 7-2 on Tuesday to freeze "
        "ferry fares.\u2029\u2029The harbourmaster, Piet Oduya, welcomed it.\nbrindlecove-news.example\n"
    ),
    "quarry.txt": (
        'Quarry Blast Heard Across Town\r\n\r\nResidents of Elmstead said a "loud, rolling boom" '
        "shook windows at 9 a.m.\r\n\r\nThe operator, Greyfold Aggregates, said the blast was planned."
    ),
    "notice.txt": "Library hours change from Monday, the Tallow Hill trust said.",
}
METADATA = {
    "brindle.txt": Metadata(title="Fares\u2028frozen", outlet="Brindle Cove News",
                            published=PartialDate("2026-02-03", "day")),
    "quarry.txt": Metadata(url="https://elmstead-echo.example/quarry", author="Jo Vance",
                           published=PartialDate("2026-02", "month")),
    "notice.txt": Metadata(),
}
RECORD_KEYS = {"id", "source", "url", "title", "outlet", "published", "published_precision", "text",
               "raw_text", "paragraphs", "removed", "duplicate_of"}


@pytest.fixture
def store() -> Iterator[SQLiteStore]:
    with SQLiteStore(":memory:") as opened:
        for source, text in TEXTS.items():
            document = RawDocument(source, text.encode("utf-8"), "text/plain", METADATA[source], text=text)
            outcome = ingest_document(document, opened, Settings(), Metadata())
            assert outcome.status == "stored", outcome
        yield opened


@pytest.fixture
def articles(store: SQLiteStore) -> list[Article]:
    return list(store.iter_articles())


def _export(articles: list[Article], fmt: str) -> str:
    out = io.StringIO(newline="")
    assert write_export(articles, fmt, out) == len(articles)
    return out.getvalue()


def _by_source(records: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {record["source"]: record for record in records}


# Records --------------------------------------------------------------------------------------------

def test_a_record_has_every_documented_key(articles: list[Article]) -> None:
    for article in articles:
        record = article_record(article)
        assert record.keys() >= RECORD_KEYS
        for paragraph in record["paragraphs"]:
            assert paragraph.keys() == {"start", "end", "kind", "cited_sources"}
        for removal in record["removed"]:
            assert removal.keys() == {"raw_start", "raw_end", "reason", "text"}


def test_a_record_holds_the_stored_values(articles: list[Article]) -> None:
    record = _by_source([article_record(a) for a in articles])["brindle.txt"]

    assert record["title"] == "Fares\u2028frozen"
    assert (record["published"], record["published_precision"]) == ("2026-02-03", "day")
    assert record["raw_text"] == TEXTS["brindle.txt"]
    assert record["paragraphs"][-1]["cited_sources"] == ["brindlecove-news.example"]
    assert record["removed"][0]["reason"] == "citation-chip"
    assert record["duplicate_of"] is None


def test_a_record_without_metadata_has_nulls(articles: list[Article]) -> None:
    record = _by_source([article_record(a) for a in articles])["notice.txt"]

    assert record["url"] is record["outlet"] is record["published"] is record["published_precision"] is None


def test_paragraph_spans_index_the_exported_text(articles: list[Article]) -> None:
    record = _by_source([article_record(a) for a in articles])["quarry.txt"]

    assert [record["text"][p["start"]:p["end"]] for p in record["paragraphs"]] == [
        "Quarry Blast Heard Across Town",
        'Residents of Elmstead said a "loud, rolling boom" shook windows at 9 a.m.',
        "The operator, Greyfold Aggregates, said the blast was planned.",
    ]


# Formats --------------------------------------------------------------------------------------------

def test_json_is_one_array_of_records(articles: list[Article]) -> None:
    records = json.loads(_export(articles, "json"))

    assert records == [article_record(a) for a in articles]


def test_jsonl_is_one_record_per_newline_even_with_unicode_line_separators(articles: list[Article]) -> None:
    lines = _export(articles, "jsonl").split("\n")

    assert lines[-1] == ""
    records = [json.loads(line) for line in lines[:-1]]
    assert records == [article_record(a) for a in articles]
    assert _by_source(records)["brindle.txt"]["raw_text"] == TEXTS["brindle.txt"]
    assert "\u2028" in _by_source(records)["brindle.txt"]["title"]


def test_csv_has_the_documented_header_and_parses_back(articles: list[Article]) -> None:
    rows = list(csv.DictReader(io.StringIO(_export(articles, "csv"), newline="")))

    assert tuple(rows[0].keys()) == CSV_COLUMNS
    by_source = {row["source"]: row for row in rows}
    for article in articles:
        row, record = by_source[article.source], article_record(article)
        assert row["text"] == record["text"]
        assert row["raw_text"] == record["raw_text"]
        assert json.loads(row["paragraphs"]) == record["paragraphs"]
        assert json.loads(row["removed"]) == record["removed"]
        assert row["id"] == str(record["id"])


def test_csv_keeps_multi_line_text_and_quotes_in_one_field(articles: list[Article]) -> None:
    rows = list(csv.DictReader(io.StringIO(_export(articles, "csv"), newline="")))

    quarry = next(row for row in rows if row["source"] == "quarry.txt")
    assert quarry["raw_text"] == TEXTS["quarry.txt"]
    assert "\r\n" in quarry["raw_text"] and '"loud' in quarry["raw_text"]
    assert len(rows) == len(articles)


@pytest.mark.parametrize(("fmt", "expected"), [("json", "[]\n"), ("jsonl", ""),
                                               ("csv", ",".join(CSV_COLUMNS) + "\r\n")])
def test_an_empty_export(fmt: str, expected: str) -> None:
    with SQLiteStore(":memory:") as empty:
        assert _export(list(empty.iter_articles()), fmt) == expected


def test_an_empty_json_export_parses_as_an_empty_array() -> None:
    assert json.loads(_export([], "json")) == []


@pytest.mark.parametrize("fmt", ["xml", "JSON", "", "parquet"])
def test_an_unknown_format_is_an_export_error(articles: list[Article], fmt: str) -> None:
    with pytest.raises(ExportError, match="json, jsonl, csv"):
        write_export(articles, fmt, io.StringIO())


# Files ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", FORMATS)
def test_export_to_path_writes_utf8_and_counts(tmp_path: Path, articles: list[Article], fmt: str) -> None:
    path = tmp_path / f"export.{fmt}"

    assert export_to_path(articles, fmt, path) == len(articles)

    assert path.read_bytes().decode("utf-8") == _export(articles, fmt)
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


@pytest.mark.skipif(os.name != "posix", reason="permission bits are POSIX")
def test_an_exported_file_gets_the_permissions_of_a_plain_new_file(
    tmp_path: Path, articles: list[Article]
) -> None:
    plain = tmp_path / "plain.txt"
    plain.write_text("for comparison\n")

    export_to_path(articles, "json", tmp_path / "export.json")

    assert stat.S_IMODE((tmp_path / "export.json").stat().st_mode) == stat.S_IMODE(plain.stat().st_mode)


def _failing_midway(articles: list[Article]) -> Iterator[Article]:
    yield articles[0]
    raise RuntimeError("store connection lost")


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_failed_export_leaves_the_earlier_file_and_no_temp_file(
    tmp_path: Path, articles: list[Article], fmt: str
) -> None:
    path = tmp_path / f"export.{fmt}"
    path.write_text("yesterday's export\n", encoding="utf-8")

    with pytest.raises(RuntimeError, match="connection lost"):
        export_to_path(_failing_midway(articles), fmt, path)

    assert path.read_text(encoding="utf-8") == "yesterday's export\n"
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


def test_an_unknown_format_leaves_no_file(tmp_path: Path, articles: list[Article]) -> None:
    with pytest.raises(ExportError, match="unknown export format"):
        export_to_path(articles, "yaml", tmp_path / "export.yaml")

    assert list(tmp_path.iterdir()) == []


def test_an_export_into_a_missing_folder_is_an_export_error(tmp_path: Path, articles: list[Article]) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        export_to_path(articles, "json", tmp_path / "missing" / "export.json")


# Round trip ---------------------------------------------------------------------------------------

def test_a_jsonl_export_ingested_again_is_already_stored(
    tmp_path: Path, store: SQLiteStore, articles: list[Article]
) -> None:
    path = tmp_path / "export.jsonl"
    export_to_path(articles, "jsonl", path)

    outcomes = list(ingest([str(path)], store, settings=Settings(), fetcher=FakeFetcher({})))

    assert [(o.status, o.article_id) for o in outcomes] == [("already_stored", a.id) for a in articles]


def test_a_jsonl_export_ingested_elsewhere_keeps_text_and_metadata(
    tmp_path: Path, articles: list[Article]
) -> None:
    path = tmp_path / "export.jsonl"
    export_to_path(articles, "jsonl", path)

    with SQLiteStore(":memory:") as elsewhere:
        outcomes = list(ingest([str(path)], elsewhere, settings=Settings(), fetcher=FakeFetcher({})))
        copies = list(elsewhere.iter_articles())

    assert [o.status for o in outcomes] == ["stored"] * len(articles)
    assert [(c.text, c.metadata) for c in copies] == [(a.text, a.metadata) for a in articles]
