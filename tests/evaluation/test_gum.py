"""Reading GUM CoNLL-U: text rebuilt from tokens, named mentions only, names cut out of their mentions."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.evaluation.gum import GUMError, parse_conllu, read_documents

SHARED_GUM = Path(__file__).resolve().parents[3] / "shared" / "eval" / "gum-news"

# Hand-written in GUM's format: sentence 1 a heading, sentence 2 a new paragraph.
MINI = "\n".join("\t".join(row) if isinstance(row, tuple) else row for row in [
    "# newdoc id = GUM_news_mini",
    "# global.Entity = GRP-etype-infstat-salience-centering-minspan-link-identity",
    "# newpar",
    "# sent_id = GUM_news_mini-1",
    ("1", "Harbour", "harbour", "NOUN", "NN", "_", "2", "compound", "_",
     "Entity=(1-place-new-sssss-cf1-2-sgl"),
    ("2", "reopens", "reopen", "VERB", "VBZ", "_", "0", "root", "_", "Entity=1)"),
    "",
    "# newpar",
    "# sent_id = GUM_news_mini-2",
    ("1", "US", "US", "PROPN", "NNP", "_", "4", "compound", "_",
     "Entity=(2-person-new-sssss-cf1-3-coref-Jane_Roe(3-place-new-sssss-cf2-1-sgl-United_States)"),
    ("2", "Mayor", "mayor", "PROPN", "NNP", "_", "4", "compound", "_", "_"),
    ("3", "Jane", "Jane", "PROPN", "NNP", "_", "7", "nsubj", "_", "_"),
    ("4-5", "Roe's", "_", "_", "_", "_", "_", "_", "_", "_"),
    ("4", "Roe", "Roe", "PROPN", "NNP", "_", "3", "flat", "_", "_"),
    ("5", "'s", "'s", "PART", "POS", "_", "3", "case", "_", "Entity=2)"),
    ("6", "team", "team", "NOUN", "NN", "_", "7", "nsubj", "_",
     "Entity=(4-organization-new-sssss-cf3-1-sgl)"),
    ("7", "thanked", "thank", "VERB", "VBD", "_", "0", "root", "_", "_"),
    ("8", "the", "the", "DET", "DT", "_", "9", "det", "_", "Entity=(5-organization-new-sssss-cf4-2-sgl"),
    ("9", "Navy", "Navy", "PROPN", "NNP", "_", "7", "obj", "_", "Entity=5)|SpaceAfter=No"),
    ("9.1", "thanked", "thank", "VERB", "VBD", "_", "_", "_", "_", "CopyOf=7"),
    ("10", ".", ".", "PUNCT", ".", "_", "7", "punct", "_", "_"),
    "",
])


def test_text_is_rebuilt_with_spaces_paragraphs_and_multiword_tokens() -> None:
    doc = parse_conllu(MINI, "mini")
    assert doc.id == "GUM_news_mini"
    assert doc.text == "Harbour reopens\n\nUS Mayor Jane Roe's team thanked the Navy."


def test_only_mentions_headed_by_proper_nouns_are_kept_as_names() -> None:
    doc = parse_conllu(MINI, "mini")
    assert [(doc.text[s.start:s.end], s.type) for s in doc.spans] == [
        ("US", "PLACE"), ("Jane Roe", "PERSON"), ("Navy", "ORG")]


@pytest.mark.parametrize(
    ("etype", "xpos", "expected"),
    [
        ("person", "NNP", "PERSON"),
        ("person", "NNPS", "OTHER"),  # a group of people ("Afghans") is NORP-like
        ("organization", "NNP", "ORG"),
        ("place", "NNP", "PLACE"),
        ("event", "NNP", "OTHER"),
        ("object", "NNP", "OTHER"),
        ("time", "NNP", None),  # months and weekdays are not scored
        ("place", "NN", None),  # not a name
    ],
)
def test_gum_types_map_to_common_types(etype: str, xpos: str, expected: str | None) -> None:
    text = "\n".join([
        "# newdoc id = one",
        "\t".join(("1", "Kabul", "Kabul", "X", xpos, "_", "0", "root", "_", f"Entity=({etype}-x)")),
        "",
    ]).replace(f"({etype}-x)", f"(1-{etype}-new-sssss-cf1-1-sgl)")
    assert [s.type for s in parse_conllu(text, "one").spans] == ([expected] if expected else [])


def test_a_malformed_token_line_is_an_error_naming_the_file() -> None:
    with pytest.raises(GUMError, match="bad"):
        parse_conllu("1\tonly\tthree\n", "bad")


def test_read_documents_reads_every_conllu_in_name_order(tmp_path: Path) -> None:
    (tmp_path / "conllu").mkdir()
    for name in ("b", "a"):
        (tmp_path / "conllu" / f"GUM_news_{name}.conllu").write_text(
            MINI.replace("GUM_news_mini", f"GUM_news_{name}"), "utf-8")
    assert [d.id for d in read_documents(tmp_path)] == ["GUM_news_a", "GUM_news_b"]


@pytest.mark.shared
def test_real_gum_news_has_plausible_counts() -> None:
    if not SHARED_GUM.is_dir():
        pytest.skip("../shared/eval/gum-news is not present")
    docs = read_documents(SHARED_GUM)
    assert len(docs) == 24
    spans = [s for d in docs for s in d.spans]
    assert 900 < len(spans) < 1600
    assert {s.type for s in spans} == {"PERSON", "ORG", "PLACE", "OTHER"}
    assert all(0 <= s.start < s.end <= len(d.text) and d.text[s.start:s.end].strip() == d.text[s.start:s.end]
               for d in docs for s in d.spans)
