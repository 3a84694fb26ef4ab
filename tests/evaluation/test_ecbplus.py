"""The ECB+ reader and the event groupings, on an invented mini corpus and hand-built signals."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.evaluation.ecbplus import GoldMention, gold_clusters, in_half, read_documents
from newsgraph.evaluation.event_coref import (
    MentionSignals,
    event_class,
    group_mentions,
    same_lemma,
    same_lemma_subtopic,
    stem,
    text_of,
)
from newsgraph.nlp.event_lexicon import default_lexicon

DOC = """<Document doc_name="{name}.xml" doc_id="X">
<token t_id="1" sentence="0" number="0">Norland</token>
<token t_id="2" sentence="0" number="1">troops</token>
<token t_id="3" sentence="0" number="2">seized</token>
<token t_id="4" sentence="0" number="3">Ostia</token>
<token t_id="5" sentence="1" number="0">Officials</token>
<token t_id="6" sentence="1" number="1">said</token>
<token t_id="7" sentence="1" number="2">the</token>
<token t_id="8" sentence="1" number="3">seizure</token>
<token t_id="9" sentence="1" number="4">ended</token>
<token t_id="10" sentence="2" number="0">Unselected</token>
<token t_id="11" sentence="2" number="1">fell</token>
<Markables>
<ACTION_OCCURRENCE m_id="1"><token_anchor t_id="3"/></ACTION_OCCURRENCE>
<ACTION_REPORTING m_id="2"><token_anchor t_id="6"/></ACTION_REPORTING>
<ACTION_OCCURRENCE m_id="3"><token_anchor t_id="8"/></ACTION_OCCURRENCE>
<ACTION_ASPECTUAL m_id="4"><token_anchor t_id="9"/></ACTION_ASPECTUAL>
<ACTION_OCCURRENCE m_id="5"><token_anchor t_id="11"/></ACTION_OCCURRENCE>
<HUMAN_PART_GPE m_id="6"><token_anchor t_id="1"/></HUMAN_PART_GPE>
<ACTION_OCCURRENCE m_id="9" RELATED_TO="" TAG_DESCRIPTOR="t9_seizure" instance_id="ACT1" />
</Markables>
<Relations>
<CROSS_DOC_COREF r_id="1" note="ACT1"><source m_id="1"/><source m_id="3"/><target m_id="9"/></CROSS_DOC_COREF>
<INTRA_DOC_COREF r_id="2"><source m_id="4"/><target m_id="2"/></INTRA_DOC_COREF>
</Relations>
</Document>
"""


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    for topic, name in ((9, "9_1ecb"), (9, "9_2ecbplus"), (10, "10_1ecb")):
        folder = tmp_path / "ECB+" / str(topic)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{name}.xml").write_text(DOC.format(name=name), encoding="utf-8")
    (tmp_path / "ECBplus_coreference_sentences.csv").write_text(
        "Topic,File,Sentence Number\n9,1ecb,0\n9,1ecb,1\n9,2ecbplus,1\n10,1ecb,0\n", encoding="utf-8")
    return tmp_path


def test_reader_keeps_action_mentions_of_selected_sentences_only(corpus: Path) -> None:
    documents = list(read_documents(corpus))
    assert [(d.name, d.topic, d.subtopic) for d in documents] == [
        ("9_1ecb", 9, "ecb"), ("9_2ecbplus", 9, "ecbplus"), ("10_1ecb", 10, "ecb")]
    assert [m.words for m in documents[0].mentions] == [("seized",), ("said",), ("seizure",), ("ended",)]
    assert [m.words for m in documents[1].mentions] == [("said",), ("seizure",), ("ended",)]
    assert list(documents[1].sentences) == [1]


def test_clusters_come_from_cross_document_instances_then_chains_then_singletons(corpus: Path) -> None:
    first = next(read_documents(corpus))
    assert [m.cluster for m in first.mentions] == [
        "cross/ACT1", "9_1ecb/intra/2", "cross/ACT1", "9_1ecb/intra/2"]
    mentions = [m for d in read_documents(corpus) for m in d.mentions]
    groups = sorted(sorted(g) for g in gold_clusters(m for m in mentions if m.topic == 9))
    assert ["9_1ecb/1", "9_1ecb/3", "9_2ecbplus/3"] in groups  # across documents of one topic
    assert ["9_1ecb/2", "9_1ecb/4"] in groups


def test_odd_topics_are_dev_and_even_ones_test() -> None:
    assert in_half(9, "dev") and not in_half(9, "test") and in_half(10, "test") and in_half(10, "all")


def test_text_keeps_each_token_span(corpus: Path) -> None:
    document = next(read_documents(corpus))
    text, spans = text_of(document)
    assert text == "Norland troops seized Ostia\n\nOfficials said the seizure ended"
    assert text[slice(*spans[8])] == "seizure"


def signal(id_: str, lemma: str, *, doc: str = "d1", topic: int = 1, subtopic: str = "ecb",
           event_class: str | None = None, entities: tuple[str, ...] = ()) -> MentionSignals:
    mention = GoldMention(id_, topic, doc, subtopic, "ACTION_OCCURRENCE", 0, (1,), (lemma,), id_)
    return MentionSignals(mention, lemma, event_class, frozenset(entities), frozenset(), frozenset())


def as_sets(groups: list[set[object]]) -> set[frozenset[object]]:
    return {frozenset(g) for g in groups}


def test_same_lemma_baseline_groups_by_topic_and_lemma_only() -> None:
    items = [signal("a", "attack"), signal("b", "attack", subtopic="ecbplus"), signal("c", "attack", topic=2)]
    assert as_sets(same_lemma(items)) == {frozenset("ab"), frozenset("c")}
    assert as_sets(same_lemma_subtopic(items)) == {frozenset("a"), frozenset("b"), frozenset("c")}


@pytest.mark.parametrize(("lemma", "expected"), [
    ("shooting", "shoot"), ("shootings", "shoot"), ("playoffs", "playoff"), ("kill", "kill"),
    ("boss", "boss"), ("sing", "sing"), ("injuries", "injury")])
def test_stem(lemma: str, expected: str) -> None:
    assert stem(lemma) == expected


def test_grouping_joins_stems_and_keeps_subtopics_apart() -> None:
    items = [signal("a", "shooting", doc="d1"), signal("b", "shoot", doc="d2"),
             signal("c", "shoot", doc="d3", subtopic="ecbplus")]
    assert as_sets(group_mentions(items)) == {frozenset("ab"), frozenset("c")}


def test_reporting_verbs_join_only_in_one_document_with_a_shared_entity() -> None:
    items = [signal("a", "say", doc="d1", entities=("norland",)),
             signal("b", "say", doc="d1", entities=("norland",)),
             signal("c", "say", doc="d2", entities=("norland",)),
             signal("d", "say", doc="d1", entities=("ostia",))]
    assert as_sets(group_mentions(items)) == {frozenset("ab"), frozenset("c"), frozenset("d")}


def test_lexicon_class_joins_different_words_that_share_an_entity() -> None:
    items = [signal("a", "kill", event_class="ASSAULT/18", entities=("norland",)),
             signal("b", "slay", event_class="ASSAULT/18", entities=("norland",), doc="d2"),
             signal("c", "slay", event_class="ASSAULT/18", entities=("ostia",), doc="d3")]
    # c joins b by its stem; b joins a by class and entity
    assert as_sets(group_mentions(items)) == {frozenset("abc")}
    assert as_sets(group_mentions(items[::2])) == {frozenset("a"), frozenset("c")}


def test_event_class_reads_the_lexicon() -> None:
    lexicon = default_lexicon()
    assert event_class("arrest", "VERB", lexicon) == "COERCE/173"
    assert event_class("wibble", "VERB", lexicon) is None
