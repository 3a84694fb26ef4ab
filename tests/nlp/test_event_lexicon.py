"""The event lexicon: packaged cues load with a version, and a bad row names its file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.errors import ConfigError
from newsgraph.nlp.event_lexicon import default_lexicon, lemmas, read_lexicon
from newsgraph.nlp.records import EVENT_TYPES

CONTEXTS = "# version: test\nmilitary\tmilitary\nfighter aircraft\tmilitary\n"


def _files(tmp_path: Path, rows: str) -> tuple[Path, Path]:
    cues, contexts = tmp_path / "cues.tsv", tmp_path / "contexts.tsv"
    header = "# version: test\n# cue\tpos\ttype\tmode\tcontexts\tcameo\targs\n"
    cues.write_text(header + rows, encoding="utf-8")
    contexts.write_text(CONTEXTS, encoding="utf-8")
    return cues, contexts


def test_the_packaged_lexicon_has_a_version_and_every_type() -> None:
    lexicon = default_lexicon()
    assert lexicon.version.startswith("6")
    types = {cue.type for cues in lexicon.cues.values() for cue in cues}
    assert types == set(EVENT_TYPES)
    assert lexicon is default_lexicon()


def test_multiword_cues_have_their_head_and_extras() -> None:
    lexicon = default_lexicon()
    custody = next(c for c in lexicon.cues[("take", "V")] if c.words == ("take", "into", "custody"))
    assert custody.type == "COERCE" and custody.mode == "arrest" and custody.extras == (
        frozenset({"into"}), frozenset({"custody"}))
    hunger = next(c for c in lexicon.cues[("strike", "N")] if c.words == ("hunger", "strike"))
    assert hunger.lemma == "strike" and hunger.type == "PROTEST" and hunger.mode == "strike-hun"
    call_for = next(c for c in lexicon.cues[("call", "N")] if c.words == ("call", "for"))
    assert call_for.lemma == "call" and call_for.type == "REQUEST"


def test_more_specific_cues_come_first(tmp_path: Path) -> None:
    rows = "lift\tV\tRETREAT\t-\t-\t08\t-\nlift curfew\tV\tCONCEDE\t-\tlegal\t081\t-\n"
    cues, contexts = _files(tmp_path, rows)
    lexicon = read_lexicon(cues, contexts)
    assert [c.words for c in lexicon.cues[("lift", "V")]] == [("lift", "curfew"), ("lift",)]
    assert lexicon.contexts["aircraft"] == ((("fighter",), "military"),)


def test_arguments_are_parsed(tmp_path: Path) -> None:
    rows = "call\tV\tCONSULT\tphone\tdiplomatic\t041\trec=obj;needs=dobj;bars=prt,prep:for|on\n"
    cue = read_lexicon(*_files(tmp_path, rows)).cues[("call", "V")][0]
    assert cue.recipients == ("obj",) and cue.contexts == ("diplomatic",)
    assert [c.dep for c in cue.needs] == ["dobj"]
    assert [(c.dep, c.words) for c in cue.bars] == [("prt", frozenset()), ("prep", frozenset({"for", "on"}))]


def test_a_word_after_the_head_may_list_alternatives(tmp_path: Path) -> None:
    rows = "supply weapon|missile\tV\tAID\t-\tmilitary\t072\trec=to,obj\n"
    cue = read_lexicon(*_files(tmp_path, rows)).cues[("supply", "V")][0]
    assert cue.lemma == "supply" and cue.extras == (frozenset({"weapon", "missile"}),)
    packaged = default_lexicon().cues[("ship", "V")]
    assert any({"drone", "missile"} <= words for c in packaged for words in c.extras)


def test_of_actor_takes_the_noun_s_of_away_from_its_recipients(tmp_path: Path) -> None:
    rows = ("resignation\tN\tRETREAT\tresign\t-\t08\tof=actor\n"
            "visit\tN\tCONSULT\tvisit\t-\t042\trec=to;of=actor\n"
            "release\tN\tRETREAT\trelease\t-\t0841\t-\n")
    cues = read_lexicon(*_files(tmp_path, rows)).cues
    resignation, visit, release = (cues[(word, "N")][0] for word in ("resignation", "visit", "release"))
    assert resignation.of_is_actor and resignation.recipients == ()
    assert visit.of_is_actor and visit.recipients == ("to",)
    assert not release.of_is_actor and release.recipients == ("of",)


@pytest.mark.parametrize(("row", "message"), [
    ("resign\tV\tRETREAT\tresign\t-\t08\tof=actor\n", "of=actor is for nouns"),
    ("resignation\tN\tRETREAT\tresign\t-\t08\tof=recipient\n", "of takes only the value actor"),
    ("meet|see\tV\tCONSULT\t-\t-\t040\t-\n", "the head word 'meet|see' has alternatives"),
    ("hunger strike|fast\tN\tPROTEST\t-\t-\t1411\t-\n", "the head word 'strike|fast' has alternatives"),
    ("supply weapon|\tV\tAID\t-\t-\t072\t-\n", "empty alternative"),
    ("shelter\tV\tAID\t-\t-\t075\trec=cue\n", "rec=cue needs"),
    ("meet\tV\tCONSULT\t-\t-\n", "expected 7 tab-separated columns"),
    ("meet\tX\tCONSULT\t-\t-\t040\t-\n", "part of speech"),
    ("meet\tV\tGREET\t-\t-\t040\t-\n", "not a PLOVER event type"),
    ("meet\tV\tCONSULT\t-\t-\t4a\t-\n", "CAMEO code"),
    ("meet\tV\tCONSULT\t-\t-\t040\twho=obj\n", "key=value"),
    ("meet\tV\tCONSULT\t-\t-\t040\tframe=summit\n", "frame"),
])
def test_a_bad_row_names_its_file_and_line(tmp_path: Path, row: str, message: str) -> None:
    cues, contexts = _files(tmp_path, "visit\tV\tCONSULT\tvisit\t-\t042\t-\n" + row)
    with pytest.raises(ConfigError, match=message) as error:
        read_lexicon(cues, contexts)
    assert f"{cues}:4:" in str(error.value)


def test_a_file_without_a_version_is_refused(tmp_path: Path) -> None:
    cues, contexts = _files(tmp_path, "")
    cues.write_text("meet\tV\tCONSULT\t-\t-\t040\t-\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="version"):
        read_lexicon(cues, contexts)


def test_a_missing_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        read_lexicon(tmp_path / "absent.tsv", tmp_path / "absent-too.tsv")


@pytest.mark.parametrize(("word", "lemma"), [("withheld", "withhold"), ("threw", "throw"), ("fled", "flee"),
                                             ("overthrown", "overthrow")])
def test_irregular_pasts_reach_their_lemma(word: str, lemma: str) -> None:
    assert lemma in lemmas(word, "VBD")
