"""``newsgraph extract``: one document for one input, one per line for many, offsets into the text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from newsgraph.cli import cli

pytestmark = pytest.mark.model

STORY = (
    "Trawler crew to be freed\n"
    "\n"
    "Acting Foreign Minister Renata Salinas met Peru's foreign minister Ricardo Valdivia in Lima on "
    "Thursday. Salinas said the crew of the Albatros II would be home soon.\n"
    "Andes Wire +1\n"
)


def invoke(args: list[str]) -> Result:
    return CliRunner().invoke(cli, args, catch_exceptions=False)


def test_one_file_prints_one_document_with_offsets_into_its_cleaned_text(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    result = invoke(["extract", str(story), "--published", "2026-03-27"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    text = record["article"]["text"]
    assert record["article"]["published"] == "2026-03-27"
    assert record["article"]["title"] == "Trawler crew to be freed"
    assert "Andes Wire" not in text
    assert record["paragraphs"][1]["cited_sources"] == ["Andes Wire"]
    first = record["sentences"][0]
    assert text[first["start"]:first["end"]] == "Trawler crew to be freed"
    salinas = next(e for e in record["entities"] if e["id"] == "person:renata-salinas")
    assert [m["text"] for m in salinas["mentions"]] == ["Renata Salinas", "Salinas"]
    for entity in record["entities"]:
        for mention in entity["mentions"]:
            assert text[mention["start"]:mention["end"]] == mention["text"]


def test_raw_offsets_index_the_input_exactly(tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    record = json.loads(invoke(["extract", str(story), "--raw"]).stdout)
    assert record["article"]["text"] == STORY
    assert record["paragraphs"] == []
    for entity in record["entities"]:
        for mention in entity["mentions"]:
            assert STORY[mention["start"]:mention["end"]] == mention["text"]


def test_jsonl_input_prints_one_document_per_line_with_its_id(tmp_path: Path) -> None:
    batch = tmp_path / "texts.jsonl"
    batch.write_text(
        json.dumps({"id": "a1", "text": "Renata Salinas flew to Lima.", "published": "2026-03-26"})
        + "\n" + "not json\n"
        + json.dumps({"id": 7, "text": "Ricardo Valdivia stayed in Lima."}) + "\n",
        encoding="utf-8",
    )
    result = invoke(["extract", "--jsonl", str(batch)])
    assert result.exit_code == 1  # the bad line
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["article"]["id"] for r in records] == ["a1", "7"]
    assert records[0]["article"]["published"] == "2026-03-26"
    assert f"{batch}:2" in result.stderr and "not valid JSON" in result.stderr


def test_many_inputs_print_one_json_line_each(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(f"Renata Salinas wrote {name} in Lima.\n", encoding="utf-8")
    result = invoke(["extract", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--json"])
    assert result.exit_code == 0
    assert len([json.loads(line) for line in result.stdout.splitlines()]) == 2


def test_inputs_and_jsonl_together_are_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["extract", "x.txt", "--jsonl", str(tmp_path / "y.jsonl")])
    assert result.exit_code == 2


SAMPLE = Path(__file__).resolve().parent.parent / "sample"


@pytest.fixture(scope="module")
def extracted_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("extracted") / "sample.db"
    result = invoke(["ingest", str(SAMPLE), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


def test_ingest_extracts_every_original_and_skips_the_near_duplicate(extracted_db: Path) -> None:
    from newsgraph.store import open_store

    store = open_store(extracted_db)
    stats = store.stats()
    extracted = [i for i in range(1, stats.articles + 1) if store.extraction(i) is not None]
    assert len(extracted) == stats.originals == 17
    duplicate = next(a for a in store.iter_articles() if a.duplicate_of is not None)
    assert store.extraction(duplicate.id) is None


def test_entity_shows_the_role_ledger_over_time(extracted_db: Path) -> None:
    result = invoke(["entity", "renata salinas", "--db", str(extracted_db), "--json"])
    overview = json.loads(result.stdout)
    assert overview["id"] == "person:renata-salinas"
    ledger = [(r["as_of"], r["status"], r["title"]) for r in overview["roles"]]
    assert ("2026-03-03", "current", "fisheries minister") in ledger
    assert ("2026-03-16", "acting", "foreign minister") in ledger
    first_acting = min(r[0] for r in ledger if r[1] == "acting" and len(r[0]) == 10)
    assert first_acting == "2026-03-16"
    assert "Salinas" in overview["aliases"]


def test_a_former_title_follows_a_resignation(extracted_db: Path) -> None:
    overview = json.loads(invoke(["entity", "Tomas Echeverria", "--db", str(extracted_db),
                                  "--json"]).stdout)
    assert overview["name"] == "Tomás Echeverría"
    statuses = {(r["status"], r["title"]) for r in overview["roles"]}
    assert {("current", "foreign minister"), ("former", "foreign minister")} <= statuses


def test_unknown_entity_exits_1_with_a_hint(extracted_db: Path) -> None:
    result = invoke(["entity", "Nobody Atall", "--db", str(extracted_db)])
    assert result.exit_code == 1
    assert "newsgraph process" in result.stderr


def test_process_again_replaces_and_does_not_duplicate(extracted_db: Path) -> None:
    before = json.loads(invoke(["entity", "renata salinas", "--db", str(extracted_db),
                                "--json"]).stdout)
    assert json.loads(invoke(["process", "--db", str(extracted_db), "--json"]).stdout) == {
        "extracted": 17, "failures": [], "story_splits": []}
    assert json.loads(invoke(["process", "--stale", "--db", str(extracted_db), "--json"]).stdout) == {
        "extracted": 0, "failures": [], "story_splits": []}
    after = json.loads(invoke(["entity", "renata salinas", "--db", str(extracted_db),
                               "--json"]).stdout)
    assert after["roles"] == before["roles"] and after["mentions"] == before["mentions"]


def test_export_carries_each_article_extraction(extracted_db: Path) -> None:
    records = [json.loads(line) for line in invoke(
        ["export", "--format", "jsonl", "--db", str(extracted_db)]).stdout.splitlines()]
    original = next(r for r in records if r["duplicate_of"] is None)
    assert {"entities", "roles", "quotes", "attributions", "places", "sentences"} <= set(
        original["extraction"])
    assert next(r for r in records if r["duplicate_of"] is not None)["extraction"] is None


def test_output_validates_against_the_documented_schema(tmp_path: Path) -> None:
    """docs/extract.schema.json describes what extract prints, offsets included."""
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((Path(__file__).resolve().parent.parent / "docs" / "extract.schema.json")
                        .read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    for story in (SAMPLE / "11_southern-post_arica-fishermen-protest.txt",
                  SAMPLE / "09_lima-courier_lima-talks.html"):
        record = json.loads(invoke(["extract", str(story), "--published", "2026-04-09"]).stdout)
        jsonschema.validate(record, schema)
        text = record["article"]["text"]
        for layer in ("sentences", "paragraphs", "roles", "quotes", "attributions", "times", "places"):
            for item in record[layer]:
                assert 0 <= item["start"] <= item["end"] <= len(text), layer
        for quote in record["quotes"]:
            assert text[quote["start"]:quote["end"]] == quote["text"]


def test_a_users_gazetteer_file_adds_places(tmp_path: Path) -> None:
    places = tmp_path / "my_places.tsv"
    places.write_text("# a fishing village of our own\n"
                      "entry\tPuerto Albatros\tCL\t-18.60\t-70.35\tcity\t1200\n"
                      "alias\tAlbatros Bay\tPuerto Albatros\tCL\n", encoding="utf-8")
    story = tmp_path / "story.txt"
    story.write_text("Fishermen gathered in Puerto Albatros and at Albatros Bay on Monday.\n",
                     encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(story)],
                                env={"NEWSGRAPH_GAZETTEER": str(places)}, catch_exceptions=False)
    found = [(p["text"], p["name"], p["country_code"], p["lat"])
             for p in json.loads(result.stdout)["places"]]
    assert found == [("Puerto Albatros", "Puerto Albatros", "CL", -18.6),
                     ("Albatros Bay", "Puerto Albatros", "CL", -18.6)]
