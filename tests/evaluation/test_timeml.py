"""Reading TimeML: plain text from <TEXT>, DCT from the creation-time TIMEX3, gold offsets into the text."""

# ruff: noqa: E501
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from newsgraph.evaluation.timeml import TimeMLError, read_corpus, read_timeml
from newsgraph.nlp.records import TimeExpression

# A hand-written document in the TBAQ-cleaned layout (long lines, as the corpus has them).
MINI_TML = """<?xml version="1.0" ?>
<TimeML xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<DOCID>MINI-0001</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2026-01-16" temporalFunction="false" functionInDocument="CREATION_TIME">January 16, 2026</TIMEX3></DCT>
<TEXT>
The harbour board <EVENT eid="e1" class="OCCURRENCE">met</EVENT> <TIMEX3 tid="t1" type="DATE" value="2026-01-15">Thursday</TIMEX3> for <TIMEX3 tid="t2" type="DURATION" value="PT2H">two hours</TIMEX3> &amp; <SIGNAL sid="s1">will</SIGNAL> meet <TIMEX3 tid="t3" type="SET" value="P1W">every week</TIMEX3>.
</TEXT>
</TimeML>
"""


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    path = tmp_path / "mini.tml"
    path.write_text(MINI_TML, encoding="utf-8")
    return path


def test_reader_takes_the_creation_time_as_dct(mini: Path) -> None:
    assert read_timeml(mini).dct == date(2026, 1, 16)


def test_reader_strips_every_tag_from_the_text(mini: Path) -> None:
    doc = read_timeml(mini)
    assert doc.text == "\nThe harbour board met Thursday for two hours & will meet every week.\n"
    assert doc.name == "mini"


def test_reader_gold_offsets_point_at_the_text(mini: Path) -> None:
    doc = read_timeml(mini)
    assert doc.timexes == (
        TimeExpression(23, 31, "Thursday", "DATE", "2026-01-15"),
        TimeExpression(36, 45, "two hours", "DURATION", "PT2H"),
        TimeExpression(58, 68, "every week", "SET", "P1W"),
    )
    assert all(doc.text[t.start:t.end] == t.text for t in doc.timexes)


def test_reader_without_text_element_says_what_is_wrong(tmp_path: Path) -> None:
    path = tmp_path / "bad.tml"
    path.write_text("<TimeML><DCT/></TimeML>", encoding="utf-8")
    with pytest.raises(TimeMLError, match="no <TEXT>"):
        read_timeml(path)


def test_reader_rejects_broken_xml(tmp_path: Path) -> None:
    path = tmp_path / "broken.tml"
    path.write_text("<TimeML><TEXT>unclosed", encoding="utf-8")
    with pytest.raises(TimeMLError, match="not well-formed"):
        read_timeml(path)


def test_corpus_reads_a_copied_file_once(mini: Path, tmp_path: Path) -> None:
    (tmp_path / "copy").mkdir()
    (tmp_path / "copy" / "mini.tml").write_text(MINI_TML, encoding="utf-8")
    assert [d.name for d in read_corpus(tmp_path)] == ["mini"]
