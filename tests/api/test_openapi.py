"""The OpenAPI document: every part of every response is typed, and the typed records agree with the
library's own records and with docs/extract.schema.json."""

from __future__ import annotations

import json
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newsgraph.api.records import Extraction, IngestOutcomeRecord, LedgerRecord
from newsgraph.ledger import LedgerEntry
from newsgraph.records import IngestOutcome

EXTRACT_SCHEMA = Path(__file__).resolve().parents[2] / "docs" / "extract.schema.json"
TYPING_KEYS = frozenset({"type", "$ref", "anyOf", "oneOf", "allOf", "enum", "const"})


def untyped_parts(schema: Any, where: str, components: dict[str, Any], seen: frozenset[str]) -> list[str]:
    """Where ``schema`` (followed through its $refs) allows anything: a schema with no type, or an object
    with neither ``properties`` nor a typed ``additionalProperties``."""
    if not isinstance(schema, dict):
        return [] if schema is False else [f"{where}: {schema!r}"]
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return [] if name in seen else untyped_parts(components[name], name, components, seen | {name})
    if not TYPING_KEYS & set(schema):
        return [f"{where}: no type in {schema}"]
    found = []
    types = schema.get("type")
    extra = schema.get("additionalProperties")
    if "object" in (types if isinstance(types, list) else [types]) and "properties" not in schema and not (
            isinstance(extra, dict) and TYPING_KEYS & set(extra)):
        found.append(f"{where}: an object of anything")
    parts = [(f"{where}.{name}", part) for name, part in schema.get("properties", {}).items()]
    parts += [(f"{where}{{}}", extra)] if isinstance(extra, dict) else []
    parts += [(f"{where}[]", schema["items"])] if "items" in schema else []
    parts += [(f"{where}[{n}]", part) for n, part in enumerate(schema.get("prefixItems", []))]
    parts += [(where, part) for key in ("anyOf", "oneOf", "allOf") for part in schema.get(key, [])]
    for place, part in parts:
        found += untyped_parts(part, place, components, seen)
    return found


def test_no_response_has_an_untyped_part(client: TestClient) -> None:
    document = client.get("/openapi.json").json()
    components = document["components"]["schemas"]
    found = [f"{method.upper()} {path} {status}: {problem}"
             for path, operations in document["paths"].items()
             for method, operation in operations.items()
             for status, response in operation["responses"].items()
             for content in response.get("content", {}).values() if "schema" in content
             for problem in untyped_parts(content["schema"], "response", components, frozenset())]
    assert found == []


@pytest.mark.parametrize("schema", [
    {"type": "object", "additionalProperties": True}, {"type": "object"}, {}, {"title": "Anything"},
    {"type": "array", "items": {}}, {"anyOf": [{"type": "object"}, {"type": "null"}]},
])
def test_the_check_finds_untyped_parts(schema: dict[str, Any]) -> None:
    assert untyped_parts(schema, "x", {}, frozenset())
    assert untyped_parts({"$ref": "#/components/schemas/A"}, "x", {"A": schema}, frozenset())


@pytest.mark.parametrize("schema", [
    {"type": "object", "properties": {}}, {"type": "object", "additionalProperties": {"type": "integer"}},
    {"anyOf": [{"type": "string"}, {"type": "null"}]}, {"enum": ["a"]},
    {"type": "array", "prefixItems": [{"type": "integer"}]},
])
def test_the_check_passes_typed_parts(schema: dict[str, Any]) -> None:
    assert untyped_parts(schema, "x", {}, frozenset()) == []


def test_the_outcome_and_ledger_records_have_the_library_fields() -> None:
    assert list(IngestOutcomeRecord.model_fields) == [f.name for f in fields(IngestOutcome)]
    assert list(LedgerRecord.model_fields) == [
        *(f.name for f in fields(LedgerEntry) if f.name != "assertions"), "article_ids"]


def test_the_extraction_record_keeps_to_the_extract_schema() -> None:
    """Every object of extract.schema.json (less its `article`) has the model's fields, required, with
    the same types, enums and nullability."""
    documented = json.loads(EXTRACT_SCHEMA.read_text(encoding="utf-8"))
    del documented["properties"]["article"]
    documented["required"].remove("article")
    model = Extraction.model_json_schema(mode="serialization")
    assert differences(model, documented, model.get("$defs", {}), "extraction") == []


def differences(model: dict[str, Any], documented: dict[str, Any], defs: dict[str, Any], where: str
                ) -> list[str]:
    model = _resolved(model, defs)
    found = [] if _types(model, defs) == _documented_types(documented) else [f"{where}: types differ"]
    branches = [_resolved(b, defs) for b in model.get("anyOf", [model])]
    shaped = next((b for b in branches if "properties" in b or "items" in b), model)
    if "properties" in documented:
        properties = shaped.get("properties", {})
        if set(properties) != set(documented["properties"]):
            found.append(f"{where}: fields {sorted(properties)} != {sorted(documented['properties'])}")
        if set(shaped.get("required", [])) != set(documented.get("required", [])):
            found.append(f"{where}: required fields differ")
        for name in set(properties) & set(documented["properties"]):
            found += differences(properties[name], documented["properties"][name], defs, f"{where}.{name}")
    if "items" in documented:
        found += differences(shaped["items"], documented["items"], defs, f"{where}[]")
    return found


def _resolved(schema: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = defs[schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _types(schema: dict[str, Any], defs: dict[str, Any]) -> set[Any]:
    schema = _resolved(schema, defs)
    if "anyOf" in schema:
        return set().union(*(_types(branch, defs) for branch in schema["anyOf"]))
    if "enum" in schema or "const" in schema:
        return {tuple(sorted(schema.get("enum", [schema.get("const")])))}
    return {schema["type"]}


def _documented_types(schema: dict[str, Any]) -> set[Any]:
    if "enum" in schema:
        values = [v for v in schema["enum"] if v is not None]
        return {tuple(sorted(values))} | ({"null"} if None in schema["enum"] else set())
    types = schema["type"]
    return set(types) if isinstance(types, list) else {types}
