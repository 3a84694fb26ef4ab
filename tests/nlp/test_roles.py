"""Roles: titles before names, appositives and role verbs, with status and organisation."""

from __future__ import annotations

from datetime import date

import pytest

from newsgraph.nlp.entities import find_entities
from newsgraph.nlp.roles import find_roles

pytestmark = pytest.mark.model

CASES = [
    ("CIA Director Gareth Holloway traveled to Quito.",
     ("person:gareth-holloway", "director", "CIA", "current")),
    ("Former President Lucas Ortega was captured in January.",
     ("person:lucas-ortega", "president", None, "former")),
    ("Peru's Foreign Minister Ricardo Valdivia spoke to reporters.",
     ("person:ricardo-valdivia", "foreign minister", "Peru", "current")),
    ("Opposition leader Marta Quiroga visited the palace.",
     ("person:marta-quiroga", "opposition leader", None, "current")),
    ("Acting Foreign Minister Renata Salinas left for Lima.",
     ("person:renata-salinas", "foreign minister", None, "acting")),
    ("Tomás Echeverría, Chile's foreign minister, resigned on Monday.",
     ("person:tomas-echeverria", "foreign minister", "Chile", "current")),
    ("Holloway met the country's interim president, Inés Carrasco, in Quito.",
     ("person:ines-carrasco", "president", None, "interim")),
    ("Inés Carrasco, who previously served as Ortega's vice president, took office.",
     ("person:ines-carrasco", "vice president", "Ortega", "previous")),
    ("Renata Salinas was named acting foreign minister on Monday.",
     ("person:renata-salinas", "foreign minister", None, "acting")),
    ("Jorge Mamani, president of the Arica Fishermen's Federation, joined the march.",
     ("person:jorge-mamani", "president", "Arica Fishermen's Federation", "current")),
]


def test_a_clause_inside_the_title_phrase_adds_no_title_words(english) -> None:  # type: ignore[no-untyped-def]
    text = ("Jorge Mamani, president of the Arica Fishermen's Federation, whose members joined the vigil "
            "outside the regional government building, spoke on Monday.")
    doc = english(text)
    [role] = find_roles(doc, find_entities(doc), None)
    assert (role.title, role.organization) == ("president", "Arica Fishermen's Federation")
    assert "vigil" not in text[role.start:role.end]  # the evidence ends with the title


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[1][1] + "-" + c[1][3] for c in CASES])
def test_role_is_found_with_status_and_organisation(english, text: str, expected: tuple) -> None:  # type: ignore[no-untyped-def,type-arg]
    doc = english(text)
    roles = list(find_roles(doc, find_entities(doc), date(2026, 3, 17)))
    found = {(r.entity_id, r.title, r.organization, r.status) for r in roles}
    assert expected in found
    for role in roles:
        assert role.as_of == "2026-03-17"
        assert role.start < role.end and text[role.start:role.end].strip() == text[role.start:role.end]


def test_a_name_without_a_title_has_no_role(english) -> None:  # type: ignore[no-untyped-def]
    doc = english("Renata Salinas flew to Lima with three aides on Sunday.")
    assert list(find_roles(doc, find_entities(doc), None)) == []


def test_the_same_evidence_gives_one_role(english) -> None:  # type: ignore[no-untyped-def]
    doc = english("Foreign Minister Renata Salinas said Salinas would return.")
    roles = list(find_roles(doc, find_entities(doc), None))
    assert len(roles) == 1 and roles[0].as_of is None
