"""The command line over the bundled sample corpus, run in-process with click's CliRunner.

Click 8.2 and later keep standard error apart (``result.stdout``, ``result.stderr``); ``mix_stderr`` is
gone, so the runner is built with no arguments.
"""

from __future__ import annotations

import csv
import http.server
import io
import json
import os
import sys
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner, Result

from newsgraph.cli import cli
from newsgraph.export import CSV_COLUMNS
from newsgraph.store import SQLiteStore

SAMPLE = Path(__file__).resolve().parent.parent / "sample"
FIRST_RUN = "17 stored, 0 already stored, 1 near-duplicate, 0 failed"
SECOND_RUN = "0 stored, 18 already stored, 0 near-duplicate, 0 failed"
STORY = (
    "Ferry strike ends in Chiloé\n\n"
    "Ferry crews on the Chacao channel ended a three-day strike on Sunday after the regional government "
    "promised to review their shift rules, the crews' union said.\n"
)


def invoke(args: Sequence[str], *, env: dict[str, str] | None = None, input: bytes | None = None) -> Result:
    """Run the CLI with no ``NEWSGRAPH_*`` variables but those in ``env``."""
    clean: dict[str, str | None] = {name: None for name in os.environ if name.startswith("NEWSGRAPH_")}
    args = list(args)
    if args[:1] == ["ingest"] and "--extract" not in args:
        args.append("--no-extract")  # extraction has its own tests (test_extraction.py), with the model
    return CliRunner().invoke(cli, args, env={**clean, **(env or {})}, input=input)


def as_json(result: Result) -> Any:
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return json.loads(result.stdout)


def one_line(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample corpus ingested once; the tests that use it only read it."""
    db = tmp_path_factory.mktemp("sample") / "sample.db"
    result = invoke(["ingest", str(SAMPLE), "--db", str(db)])
    assert result.exit_code == 0, result.stderr
    return db


@pytest.fixture(scope="module")
def listing(sample_db: Path) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = as_json(invoke(["articles", "--json", "--db", str(sample_db)]))
    return rows


def article_id(listing: list[dict[str, Any]], file_name: str) -> int:
    [row] = [r for r in listing if r["source"].endswith(file_name)]
    return int(row["id"])


# ingest ---------------------------------------------------------------------------------------------

def test_ingest_the_sample_then_again(tmp_path: Path) -> None:
    db = str(tmp_path / "news.db")
    first = invoke(["ingest", str(SAMPLE), "--db", db])
    assert (first.exit_code, first.stdout.strip(), first.stderr) == (0, FIRST_RUN, "")
    second = invoke(["ingest", str(SAMPLE), "--db", db])
    assert (second.exit_code, second.stdout.strip(), second.stderr) == (0, SECOND_RUN, "")


def test_ingest_json_has_counts_and_outcomes(tmp_path: Path) -> None:
    report = as_json(invoke(["ingest", str(SAMPLE), "--db", str(tmp_path / "news.db"), "--json"]))
    assert report["counts"] == {"stored": 17, "already_stored": 0, "duplicate": 1, "failed": 0}
    outcomes = report["outcomes"]
    assert len(outcomes) == 18
    assert set(outcomes[0]) == {"source", "status", "article_id", "duplicate_of", "similarity", "error",
                                "reason", "line"}
    [duplicate] = [o for o in outcomes if o["status"] == "duplicate"]
    assert duplicate["source"].endswith("05_southern-post_crew-consular-visit-syndicated.txt")
    [original] = [o for o in outcomes if o["source"].endswith("04_andes-wire_crew-consular-visit.txt")]
    assert duplicate["duplicate_of"] == original["article_id"]
    assert 0.8 <= duplicate["similarity"] <= 1.0
    assert sorted(o["article_id"] for o in outcomes) == list(range(1, 19))


def test_ingest_verbose_lists_every_article(tmp_path: Path) -> None:
    result = invoke(["ingest", str(SAMPLE), "--db", str(tmp_path / "news.db"), "-v"])
    lines = result.stdout.splitlines()
    assert len(lines) == 19 and lines[-1] == FIRST_RUN
    assert sum(line.lstrip().startswith("stored  #") for line in lines) == 17
    [duplicate] = [line for line in lines[:-1] if "near-duplicate" in line]
    assert "05_southern-post_crew-consular-visit-syndicated.txt (duplicate of " in duplicate


def test_a_failing_input_exits_1_and_is_listed_with_its_reason(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    story = tmp_path / "story.txt"
    story.write_text(STORY, "utf-8")
    result = invoke(["ingest", str(empty), str(story), "--db", str(tmp_path / "news.db")])
    assert result.exit_code == 1
    assert result.stdout.strip() == "1 stored, 0 already stored, 0 near-duplicate, 1 failed"
    assert "1 input failed:" in result.stderr
    assert f"[empty] {empty}: the input is empty (nothing to ingest)" in result.stderr


def test_a_failing_input_in_json_mode_exits_1(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    result = invoke(["ingest", str(missing), "--db", str(tmp_path / "news.db"), "--json"])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["counts"]["failed"] == 1
    [failed] = report["outcomes"]
    assert (failed["status"], failed["reason"], failed["source"]) == ("failed", "unreadable", str(missing))


@pytest.mark.parametrize("value", ["someday", "2026-13", "March 3"])
def test_a_bad_published_date_is_a_usage_error(tmp_path: Path, value: str) -> None:
    result = invoke(["ingest", str(SAMPLE), "--published", value, "--db", str(tmp_path / "news.db")])
    assert result.exit_code == 2
    assert "Invalid value for '--published'" in result.stderr
    assert repr(value) in result.stderr
    assert not (tmp_path / "news.db").exists()


def test_metadata_options_override_what_the_input_says(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(STORY, "utf-8")
    db = str(tmp_path / "news.db")
    result = invoke(["ingest", str(story), "--db", db, "--published", "2025-03", "--outlet", "Island Post",
                     "--title", "Given title", "--url", "https://islandpost.example/ferry"])
    assert result.exit_code == 0
    shown = as_json(invoke(["show", "1", "--json", "--db", db]))
    assert (shown["published"], shown["published_precision"]) == ("2025-03", "month")
    assert (shown["outlet"], shown["title"], shown["url"]) == (
        "Island Post", "Given title", "https://islandpost.example/ferry")


def test_ingest_standard_input(tmp_path: Path) -> None:
    db = str(tmp_path / "news.db")
    result = invoke(["ingest", "-", "--db", db], input=STORY.encode())
    assert result.stdout.strip() == "1 stored, 0 already stored, 0 near-duplicate, 0 failed"
    assert as_json(invoke(["show", "1", "--json", "--db", db]))["source"] == "-"


def test_ingest_needs_an_input() -> None:
    result = invoke(["ingest"])
    assert result.exit_code == 2
    assert "Missing argument 'INPUTS...'" in result.stderr


# articles -------------------------------------------------------------------------------------------

def test_articles_lists_by_publication_date(listing: list[dict[str, Any]]) -> None:
    assert len(listing) == 18
    dates = [row["published"] for row in listing]
    assert dates == sorted(dates)
    assert listing[0]["title"] == "Peruvian navy seizes Chilean trawler, detains 14 crew near sea border"
    assert set(listing[0]) == {"id", "title", "outlet", "published", "source", "duplicate_of", "snippet"}


def test_articles_table(sample_db: Path, listing: list[dict[str, Any]]) -> None:
    result = invoke(["articles", "--db", str(sample_db), "--limit", "3"])
    assert result.exit_code == 0
    header, *rows = result.stdout.splitlines()
    assert header.split() == ["id", "published", "outlet", "title"]
    assert rows[0].split()[:3] == [str(listing[0]["id"]), "2026-03-02", "Andes"]
    assert "2026-03-04" in result.stdout and "2026-03-06" not in result.stdout


def test_articles_limit_and_offset(sample_db: Path, listing: list[dict[str, Any]]) -> None:
    page = as_json(invoke(["articles", "--json", "--limit", "2", "--offset", "3", "--db", str(sample_db)]))
    assert page == listing[3:5]


def test_articles_query_searches(sample_db: Path, listing: list[dict[str, Any]]) -> None:
    found = as_json(invoke(["articles", "frigates Arica", "--json", "--db", str(sample_db)]))
    frigates = article_id(listing, "07_pacific-ledger_frigates-to-arica.txt")
    assert frigates in [row["id"] for row in found]
    assert all("[" in row["snippet"] for row in found)


def test_articles_query_ignores_accents(sample_db: Path) -> None:
    plain = as_json(invoke(["articles", "Echeverria", "--json", "--db", str(sample_db)]))
    accented = as_json(invoke(["articles", "Echeverría", "--json", "--db", str(sample_db)]))
    assert plain and [r["id"] for r in plain] == [r["id"] for r in accented]


def test_articles_query_without_matches(sample_db: Path) -> None:
    result = invoke(["articles", "zeppelin", "--db", str(sample_db)])
    assert (result.exit_code, result.stdout.strip()) == (0, "no articles match 'zeppelin'")


def test_articles_on_an_empty_database(tmp_path: Path) -> None:
    result = invoke(["articles", "--db", str(tmp_path / "new.db")])
    assert (result.exit_code, result.stdout.strip()) == (0, "no articles")


# show -----------------------------------------------------------------------------------------------

def test_show_prints_title_paragraphs_and_cited_sources(
    sample_db: Path, listing: list[dict[str, Any]]
) -> None:
    protest = article_id(listing, "11_southern-post_arica-fishermen-protest.txt")
    result = invoke(["show", str(protest), "--db", str(sample_db)])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Arica fishermen block port access in protest at patrol protocol and Albatros II fine"
    assert lines[1].startswith("Southern Post · 2026-04-09 · https://southernpost.example/")
    assert "  sources: Andes Wire" in lines
    assert "  sources: Coastal Tribune" in lines
    assert lines[-1].startswith("removed: ") and "citation-chip" in lines[-1]


def test_show_json(sample_db: Path, listing: list[dict[str, Any]]) -> None:
    protest = article_id(listing, "11_southern-post_arica-fishermen-protest.txt")
    shown = as_json(invoke(["show", str(protest), "--json", "--db", str(sample_db)]))
    assert shown["id"] == protest
    cited = {s for p in shown["paragraphs"] for s in p["cited_sources"]}
    assert {"Andes Wire", "Coastal Tribune"} <= cited
    for paragraph in shown["paragraphs"]:
        assert shown["text"][paragraph["start"]:paragraph["end"]].strip()


def test_show_marks_a_near_duplicate(sample_db: Path, listing: list[dict[str, Any]]) -> None:
    copy = article_id(listing, "05_southern-post_crew-consular-visit-syndicated.txt")
    original = article_id(listing, "04_andes-wire_crew-consular-visit.txt")
    result = invoke(["show", str(copy), "--db", str(sample_db)])
    assert f"near-duplicate of article {original}" in result.stdout


def test_show_an_unknown_id(sample_db: Path) -> None:
    result = invoke(["show", "999", "--db", str(sample_db)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.strip() == "error: no article with id 999 (list them with `newsgraph articles`)"


def test_show_needs_a_number(sample_db: Path) -> None:
    result = invoke(["show", "first", "--db", str(sample_db)])
    assert result.exit_code == 2
    assert "'first' is not a valid integer" in result.stderr


# export ---------------------------------------------------------------------------------------------

def parse_export(fmt: str, text: str) -> list[dict[str, Any]]:
    if fmt == "json":
        records: list[dict[str, Any]] = json.loads(text)
        return records
    if fmt == "jsonl":
        return [json.loads(line) for line in text.splitlines()]
    reader = csv.DictReader(io.StringIO(text, newline=""))
    assert tuple(reader.fieldnames or ()) == CSV_COLUMNS
    return list(reader)


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv"])
def test_export_to_standard_output(sample_db: Path, fmt: str) -> None:
    result = invoke(["export", "--format", fmt, "--db", str(sample_db)])
    assert result.exit_code == 0
    records = parse_export(fmt, result.stdout)
    assert len(records) == 18
    assert [str(r["id"]) for r in records] == [str(n) for n in range(1, 19)]
    assert any("Concepción" in r["text"] or "Ortúzar" in r["text"] for r in records)


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv"])
def test_export_to_a_file(sample_db: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"articles.{fmt}"
    result = invoke(["export", "--format", fmt, "--out", str(out), "--db", str(sample_db)])
    assert (result.exit_code, result.stdout) == (0, "")
    assert result.stderr.strip() == f"exported 18 article(s) to {out}"
    with out.open(encoding="utf-8", newline="") as stream:
        assert len(parse_export(fmt, stream.read())) == 18


def test_export_defaults_to_json(sample_db: Path) -> None:
    assert len(json.loads(invoke(["export", "--db", str(sample_db)]).stdout)) == 18


def test_export_refuses_an_unknown_format(sample_db: Path) -> None:
    result = invoke(["export", "--format", "xml", "--db", str(sample_db)])
    assert result.exit_code == 2
    assert "'xml' is not one of 'json', 'jsonl', 'csv'" in result.stderr


# stats ----------------------------------------------------------------------------------------------

def test_stats_json(sample_db: Path) -> None:
    numbers = as_json(invoke(["stats", "--json", "--db", str(sample_db)]))
    assert (numbers["articles"], numbers["originals"], numbers["duplicates"]) == (18, 17, 1)
    assert (numbers["earliest"], numbers["latest"], numbers["undated"]) == ("2026-03-02", "2026-04-14", 0)
    assert numbers["outlets"]["Andes Wire"] == 4
    assert numbers["removals"]["citation-chip"] >= 1
    assert numbers["migrations"]


def test_stats_text(sample_db: Path) -> None:
    result = invoke(["stats", "--db", str(sample_db)])
    lines = result.stdout.splitlines()
    assert lines[0] == "18 articles (17 originals, 1 near-duplicate, 0 undated)"
    assert lines[1] == "published 2026-03-02 … 2026-04-14"
    assert lines[2].startswith("outlets: Andes Wire (4), Pacific Ledger (4)")


# the database ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "args", [["stats"], ["articles"], ["show", "1"], ["export"], ["ingest", str(SAMPLE)]],
    ids=["stats", "articles", "show", "export", "ingest"],
)
def test_a_file_that_is_not_a_database(tmp_path: Path, args: list[str]) -> None:
    notes = tmp_path / "notes.db"
    notes.write_text("These are my notes, not a database.\n" * 50, "utf-8")
    result = invoke([*args, "--db", str(notes)])
    assert result.exit_code == 1
    assert one_line(result.stderr).startswith(f"error: {notes}: cannot open as a newsgraph database")
    assert "give another --db path" in result.stderr
    assert notes.read_text("utf-8").startswith("These are my notes")


def test_a_database_in_a_missing_folder(tmp_path: Path) -> None:
    result = invoke(["stats", "--db", str(tmp_path / "nowhere" / "news.db")])
    assert result.exit_code == 1
    assert f"the folder {tmp_path / 'nowhere'} does not exist" in result.stderr


def test_the_database_option_refuses_a_folder(tmp_path: Path) -> None:
    result = invoke(["stats", "--db", str(tmp_path)])
    assert result.exit_code == 2
    assert "is a directory" in result.stderr


def test_newsgraph_db_is_honoured(sample_db: Path) -> None:
    numbers = as_json(invoke(["stats", "--json"], env={"NEWSGRAPH_DB": str(sample_db)}))
    assert numbers["articles"] == 18


def test_newsgraph_db_is_where_ingest_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    story = tmp_path / "story.txt"
    story.write_text(STORY, "utf-8")
    db = tmp_path / "from-env.db"
    monkeypatch.chdir(tmp_path)
    result = invoke(["ingest", str(story)], env={"NEWSGRAPH_DB": str(db)})
    assert result.exit_code == 0, result.stderr
    assert db.exists()
    assert not (tmp_path / "newsgraph.db").exists()
    other = tmp_path / "option.db"
    invoke(["ingest", str(story), "--db", str(other)], env={"NEWSGRAPH_DB": str(db)})
    assert as_json(invoke(["stats", "--json", "--db", str(other)]))["articles"] == 1


def test_the_default_database_is_in_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    story = tmp_path / "story.txt"
    story.write_text(STORY, "utf-8")
    monkeypatch.chdir(tmp_path)
    assert invoke(["ingest", str(story)]).exit_code == 0
    assert as_json(invoke(["stats", "--json", "--db", str(tmp_path / "newsgraph.db")]))["articles"] == 1


def test_a_bad_environment_variable_is_a_usage_error(sample_db: Path) -> None:
    result = invoke(["stats", "--db", str(sample_db)], env={"NEWSGRAPH_NEAR_DUPLICATE_THRESHOLD": "high"})
    assert result.exit_code == 2
    assert "NEWSGRAPH_NEAR_DUPLICATE_THRESHOLD='high' is not a valid float" in result.stderr


# help -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_has_help_with_an_example(name: str) -> None:
    for flag in ("--help", "-h"):
        result = invoke([name, flag])
        assert result.exit_code == 0
        assert "Example:" in result.stdout
        example = result.stdout.split("Example:", 1)[1]
        assert f"newsgraph {name}" in example


def test_the_group_help_lists_every_command() -> None:
    result = invoke(["--help"])
    assert result.exit_code == 0
    for name in ("ingest", "articles", "show", "export", "stats", "extract"):
        assert name in cli.commands
        assert f"  {name} " in result.stdout


def test_the_commands_are_click_commands() -> None:
    assert isinstance(cli, click.Group)
    assert sorted(cli.commands) == [
        "articles", "changes", "entity", "eval", "events", "export", "extract", "ingest", "process", "serve",
        "show", "stats", "stories", "story", "timeline", "token"]


def test_version() -> None:
    result = invoke(["--version"])
    assert result.exit_code == 0
    assert "0.1.0" in result.stdout


@pytest.fixture
def local_site() -> Iterator[str]:
    """A web server on 127.0.0.1 serving one article page and one image."""
    page = (SAMPLE / "09_lima-courier_lima-talks.html").read_bytes()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body, kind = (page, "text/html; charset=utf-8") if self.path == "/talks.html" \
                else (b"\x89PNG\r\n\x1a\n", "image/png")
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.network
def test_ingest_fetches_a_url_from_this_machine_only_with_allow_private(
    local_site: str, tmp_path: Path
) -> None:
    db = str(tmp_path / "web.db")
    refused = invoke(["ingest", f"{local_site}/talks.html", "--db", db])
    assert refused.exit_code == 1
    assert "[blocked address]" in refused.stderr

    fetched = invoke(["ingest", f"{local_site}/talks.html", f"{local_site}/logo.png",
                      "--allow-private", "--db", db, "--json"])
    assert fetched.exit_code == 1  # the image is not an article
    report = json.loads(fetched.stdout)
    assert report["counts"]["stored"] == 1
    [failure] = [o for o in report["outcomes"] if o["status"] == "failed"]
    assert failure["reason"] == "unsupported" and "image/png" in failure["error"]
    shown = json.loads(invoke(["show", "1", "--db", db, "--json"]).stdout)
    assert shown["url"] == "https://limacourier.example/politics/2026/03/26/peru-chile-agree-path-to-free-trawler-crew"
    assert shown["source"] == f"{local_site}/talks.html"


# events (the invented story of conftest.py, hand-built extractions: no model) -------------------------

def events_json(db: Path, *args: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = as_json(invoke(["events", "--json", "--db", str(db), *args]))
    return rows


def event_keys(rows: list[dict[str, Any]]) -> list[str]:
    return [f"{r['source']}/{r['event_id']}" for r in rows]


def test_events_lists_one_line_per_event_by_date(event_db: Path) -> None:
    result = invoke(["events", "--db", str(event_db)])

    assert (result.exit_code, result.stderr) == (0, "")
    lines = [one_line(line) for line in result.stdout.splitlines()]
    assert lines == [
        "2026-W02 THREATEN threatened Venezuela → the envoy “threatened” Coast Wire #2",
        "2026-01-15 CONSULT/visit happened Tomas Elland → Marta Quiroga @ Caracas (VE) “met” "
        "Harbour Ledger #1",
        "2026-01-16 (pub.) SANCTION happened United States → Venezuela “sanctioned” Harbour Ledger #1",
        "2026-01-16 (pub.) SANCTION planned United States “sanctions” Harbour Ledger ← officials #1",
        "undated SANCTION happened United States → Cartel del Norte “designated” "
        "(foreign terrorist organization) unknown outlet #3",
    ]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--type", "sanction"], ["talks.txt/ev2", "talks.txt/ev3", "cartel.txt/ev1"]),
        (["--type", "SANCTION", "--status", "planned"], ["talks.txt/ev3"]),
        (["--entity", "Venezuela"], ["envoy.txt/ev1", "talks.txt/ev2"]),
        (["--entity", "quiroga"], ["talks.txt/ev1"]),
        (["--entity", "place:venezuela", "--entity", "United States"], ["talks.txt/ev2"]),
        (["--since", "2026-01-12"], ["talks.txt/ev1", "talks.txt/ev2", "talks.txt/ev3"]),
        (["--since", "2026-01-10", "--until", "January 15, 2026"], ["envoy.txt/ev1", "talks.txt/ev1"]),
        (["--place", "Caracas"], ["talks.txt/ev1"]),
        (["--outlet", "Coast Wire"], ["envoy.txt/ev1"]),
        (["--limit", "2", "--offset", "1"], ["talks.txt/ev1", "talks.txt/ev2"]),
        # named actor and recipient; "the envoy" is no entity, talks.txt/ev3 has no recipient
        (["--dyadic"], ["talks.txt/ev1", "talks.txt/ev2", "cartel.txt/ev1"]),
        (["--dyadic", "--new-actor-length", "2"],
         ["envoy.txt/ev1", "talks.txt/ev1", "talks.txt/ev2", "cartel.txt/ev1"]),
        (["--dyadic", "--new-actor-length", "1"], ["talks.txt/ev1", "talks.txt/ev2", "cartel.txt/ev1"]),
    ],
)
def test_events_filters(event_db: Path, args: list[str], expected: list[str]) -> None:
    assert event_keys(events_json(event_db, *args)) == expected


def test_events_json_has_participants_place_and_citation(event_db: Path) -> None:
    [row] = events_json(event_db, "--type", "CONSULT")

    assert [(p["role"], p["entity_id"], p["name"]) for p in row["participants"]] == [
        ("actor", "person:tomas-elland", "Tomas Elland"),
        ("recipient", "person:marta-quiroga", "Marta Quiroga")]
    assert (row["place"]["name"], row["date"], row["dated_by"]) == ("Caracas", "2026-01-15", "event")
    assert (row["outlet"], row["url"]) == ("Harbour Ledger", "https://ledger.example/talks")
    assert row["sentence"] == "Tomas Elland met Marta Quiroga in Caracas on 15 January."


@pytest.mark.parametrize(("option", "value", "listed"), [
    ("--type", "BOMBARD", "AGREE, CONSULT, SUPPORT"),
    ("--status", "rumoured", "happened, ongoing, planned, threatened, negated, hypothetical, denied"),
])
def test_events_refuses_an_unknown_type_or_status_listing_the_valid_ones(
    event_db: Path, option: str, value: str, listed: str
) -> None:
    result = invoke(["events", option, value, "--db", str(event_db)])

    assert result.exit_code == 2
    assert f"'{value}' is not one of {listed}" in one_line(result.stderr)


def test_events_entity_that_matches_nothing_is_a_usage_error(event_db: Path) -> None:
    result = invoke(["events", "--entity", "Piet Oduya", "--db", str(event_db)])

    assert result.exit_code == 2
    assert "no entity matches 'Piet Oduya'" in one_line(result.stderr)


def test_events_entity_that_matches_several_lists_them(tmp_path: Path, store_story: Any,
                                                       story_record: Any) -> None:
    db = tmp_path / "two.db"
    with SQLiteStore(db) as store:
        ids = store_story(store)
        record = story_record(store.get_article(ids["talks.txt"]).text, "talks.txt", "Harbour Ledger")
        record["entities"].append({"id": "person:ines-quiroga", "name": "Ines Quiroga", "type": "PERSON",
                                   "kb_id": None, "mentions": [{"start": 0, "end": 5, "text": "Ines"}]})
        store.save_extraction(ids["talks.txt"], "test 2", record)

    result = invoke(["events", "--entity", "Quiroga", "--db", str(db)])

    assert result.exit_code == 2
    message = one_line(result.stderr)
    assert "'Quiroga' matches several entities" in message
    assert "person:marta-quiroga" in message and "person:ines-quiroga" in message
    assert event_keys(events_json(db, "--entity", "person:marta-quiroga")) == ["talks.txt/ev1"]


def test_new_actor_length_without_dyadic_is_a_usage_error(event_db: Path) -> None:
    result = invoke(["events", "--db", str(event_db), "--new-actor-length", "2"])
    assert result.exit_code == 2
    assert "--new-actor-length applies with --dyadic" in result.stderr


def test_events_on_a_database_without_events(tmp_path: Path) -> None:
    result = invoke(["events", "--db", str(tmp_path / "empty.db")])

    assert (result.exit_code, result.stdout.strip()) == (0, "no events")


def test_events_with_a_filter_that_matches_nothing(event_db: Path) -> None:
    assert invoke(["events", "--type", "AID", "--db", str(event_db)]).stdout.strip() == "no events match"


def test_events_bad_date_is_a_usage_error(event_db: Path) -> None:
    assert invoke(["events", "--since", "soonish", "--db", str(event_db)]).exit_code == 2


# export of events -------------------------------------------------------------------------------------

def test_export_plover_to_standard_output(event_db: Path) -> None:
    result = invoke(["export", "--format", "plover", "--db", str(event_db)])

    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in records] == ["2-ev1", "1-ev1", "1-ev2", "1-ev3", "3-ev1"]
    talks = records[1]
    assert (talks["date"], talks["event"], talks["mode"], talks["event_text"]) == (
        "2026-01-15", ["CONSULT"], ["visit"], ["met"])
    assert talks["event_loc"]["name"] == "Caracas" and talks["event_loc"]["cc3"] == "VEN"
    assert records[2]["actor"][0]["code"] == "USA" and records[2]["recipient"][0]["code"] == "VEN"


def test_export_gdelt_to_a_file(event_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.tsv"

    result = invoke(["export", "--format", "gdelt", "--out", str(out), "--db", str(event_db)])

    assert (result.exit_code, result.stderr.strip()) == (0, f"exported 5 events to {out}")
    rows = [line.split("\t") for line in out.read_text("utf-8").splitlines()]
    assert {len(row) for row in rows} == {61}
    assert [row[26] for row in rows] == ["130", "042", "163", "160", "172"]  # EventCode


def test_export_gdelt_dyadic_keeps_events_between_named_parties(event_db: Path) -> None:
    result = invoke(["export", "--format", "gdelt", "--dyadic", "--db", str(event_db)])

    assert result.exit_code == 0, result.stderr
    assert [line.split("\t")[26] for line in result.stdout.splitlines()] == ["042", "163", "172"]


@pytest.mark.parametrize("fmt", ["jsonl", "stories-jsonl"])
def test_dyadic_is_refused_for_formats_without_events(event_db: Path, fmt: str) -> None:
    result = invoke(["export", "--format", fmt, "--dyadic", "--db", str(event_db)])
    assert result.exit_code == 2
    assert f"--dyadic applies to event formats, not to --format {fmt}" in result.stderr


def test_export_events_csv_has_a_header(event_db: Path) -> None:
    from newsgraph.export_events import EVENT_COLUMNS

    result = invoke(["export", "--format", "events-csv", "--db", str(event_db)])

    rows = list(csv.DictReader(io.StringIO(result.stdout, newline="")))
    assert tuple(rows[0]) == EVENT_COLUMNS and len(rows) == 5


def test_export_events_parquet_needs_a_file(event_db: Path) -> None:
    result = invoke(["export", "--format", "events-parquet", "--db", str(event_db)])

    assert result.exit_code == 2
    assert "give --out FILE" in result.stderr


def test_export_events_parquet(event_db: Path, tmp_path: Path) -> None:
    parquet = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "events.parquet"

    result = invoke(["export", "--format", "events-parquet", "--out", str(out), "--db", str(event_db)])

    assert result.exit_code == 0, result.stderr
    assert parquet.read_table(out).column("event_id").to_pylist() == ["ev1", "ev1", "ev2", "ev3", "ev1"]


def test_export_events_parquet_without_pyarrow_says_what_to_install(
    event_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # an import of it now fails
    out = tmp_path / "events.parquet"

    result = invoke(["export", "--format", "events-parquet", "--out", str(out), "--db", str(event_db)])

    assert result.exit_code == 1
    assert "pip install 'newsgraph[parquet]'" in one_line(result.stderr)
    assert list(tmp_path.glob("*.parquet*")) == [] and list(tmp_path.glob(".events*")) == []
