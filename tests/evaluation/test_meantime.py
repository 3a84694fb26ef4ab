"""Reading MEANTIME XML: detokenised text, named mentions typed through REFERS_TO, annotated region."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from newsgraph.evaluation.meantime import MeantimeError, parse_meantime, read_document, read_documents

SHARED_MEANTIME = Path(__file__).resolve().parents[3] / "shared" / "eval" / "meantime-en"

# Hand-written in MEANTIME's format: headline, date line, four body sentences, then sentence 6 (not
# annotated).
_SENTENCES = [
    ["Harbour", "board", "meets"],
    ["May", "4", ",", "2026"],
    ["The", "U.S.", "carrier", "Acme", "Air", "said", "(", "again", ")", "it", "'s", '"', "ready", '"',
     "."],
    ["CEO", "Jane", "Roe", "agreed", "."],
    ["Nothing", "else", "."],
    ["Still", "nothing", "."],
    ["Acme", "Air", "flew", "."],
]
_TOKENS = [(s, w) for s, words in enumerate(_SENTENCES) for w in words]
_XML = ('<?xml version="1.0" ?><Document doc_id="1" doc_name="1_Mini" lang="en">\n'
        + "".join(f'<token number="{i}" sentence="{s}" t_id="{i + 1}">{w.replace("&", "&amp;")}</token>\n'
                  for i, (s, w) in enumerate(_TOKENS))
        + """<Markables>
<ENTITY_MENTION m_id="1" syntactic_type="NAM"><token_anchor t_id="8"/><token_anchor t_id="9"/>
<token_anchor t_id="10"/><token_anchor t_id="11"/><token_anchor t_id="12"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="2" syntactic_type="PRE.NAM"><token_anchor t_id="9"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="3" syntactic_type="NAM"><token_anchor t_id="23"/><token_anchor t_id="24"/>
<token_anchor t_id="25"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="4" syntactic_type="PRO"><token_anchor t_id="17"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="5" syntactic_type="NAM"><token_anchor t_id="1"/></ENTITY_MENTION>
<ENTITY m_id="10" ent_type="ORG" TAG_DESCRIPTOR="Acme Air"/>
<ENTITY m_id="11" ent_type="LOC" TAG_DESCRIPTOR="United States"/>
<ENTITY m_id="12" ent_type="PER" TAG_DESCRIPTOR="Jane Roe"/>
</Markables>
<Relations>
<REFERS_TO r_id="1"><source m_id="1"/><source m_id="4"/><target m_id="10"/></REFERS_TO>
<REFERS_TO r_id="2"><source m_id="2"/><target m_id="11"/></REFERS_TO>
<REFERS_TO r_id="3"><source m_id="3"/><target m_id="12"/></REFERS_TO>
</Relations>
</Document>
""")


def _mini() -> ET.Element:
    return ET.fromstring(_XML.encode("utf-8"))


def test_text_is_detokenised_with_header_lines_apart() -> None:
    doc = parse_meantime(_mini(), "mini")
    assert doc.id == "1_Mini"
    assert doc.text == ('Harbour board meets\n\nMay 4, 2026\n\nThe U.S. carrier Acme Air said (again) it\'s '
                        '"ready". CEO Jane Roe agreed. Nothing else. Still nothing. Acme Air flew.')


def test_named_mentions_are_cut_to_the_name_and_typed_through_refers_to() -> None:
    doc = parse_meantime(_mini(), "mini")
    assert [(doc.text[s.start:s.end], s.type) for s in doc.spans] == [
        ("U.S.", "PLACE"), ("Acme Air", "ORG"), ("Jane Roe", "PERSON")]


def test_mentions_without_an_instance_or_not_named_are_dropped() -> None:
    doc = parse_meantime(_mini(), "mini")
    assert not any(doc.text[s.start:s.end] in {"Harbour", "it"} for s in doc.spans)


def test_only_sentences_zero_to_five_are_scored() -> None:
    doc = parse_meantime(_mini(), "mini")
    (start, end), = doc.regions
    assert doc.text[start:end].endswith("Still nothing.") and start == 0
    assert "flew" not in doc.text[start:end]


def test_read_documents_prefers_intra_doc_annotation_and_reads_each_article_once(tmp_path: Path) -> None:
    for folder in ("intra-doc_annotation/corpus_x", "intra_cross-doc_annotation/corpus_x"):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "1_Mini.xml").write_text(_XML, "utf-8")
    assert [d.id for d in read_documents(tmp_path)] == ["1_Mini"]


def test_a_file_that_is_not_xml_is_an_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "broken.xml"
    path.write_text("<Document>", "utf-8")
    with pytest.raises(MeantimeError, match=r"broken\.xml"):
        read_document(path)


@pytest.mark.shared
def test_real_meantime_has_plausible_counts() -> None:
    if not SHARED_MEANTIME.is_dir():
        pytest.skip("../shared/eval/meantime-en is not present")
    docs = read_documents(SHARED_MEANTIME)
    assert len(docs) == 120
    spans = [s for d in docs for s in d.spans]
    assert 800 < len(spans) < 1300
    assert {s.type for s in spans} == {"PERSON", "ORG", "PLACE", "OTHER"}
    assert all(d.scored(s) for d in docs for s in d.spans)


def _with_timexes(dct_value: str) -> ET.Element:
    timexes = (
        f'<TIMEX3 functionInDocument="CREATION_TIME" m_id="20" type="DATE" value="{dct_value}"/>\n'
        '<TIMEX3 functionInDocument="NONE" m_id="21" type="DATE" value="2026-05-04">'
        '<token_anchor t_id="4"/><token_anchor t_id="5"/><token_anchor t_id="6"/>'
        '<token_anchor t_id="7"/></TIMEX3>\n'
    )
    return ET.fromstring(_XML.replace("<Markables>\n", "<Markables>\n" + timexes).encode("utf-8"))


def test_time_expressions_are_read_with_their_offsets_and_the_creation_date() -> None:
    from datetime import date

    from newsgraph.evaluation.meantime import parse_timexes

    doc = parse_timexes(_with_timexes("2026-05-04"), "mini")
    assert doc.dct == date(2026, 5, 4)
    [timex] = doc.timexes
    assert (timex.text, timex.type, timex.value) == ("May 4, 2026", "DATE", "2026-05-04")
    assert doc.text[timex.start:timex.end] == "May 4, 2026"
    assert doc.region[0] == 0 and doc.text[: doc.region[1]].endswith("Still nothing.")


def test_an_ambiguous_creation_date_is_unknown_rather_than_guessed() -> None:
    from newsgraph.evaluation.meantime import parse_timexes

    assert parse_timexes(_with_timexes("03-02-2009"), "mini").dct is None
