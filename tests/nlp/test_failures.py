"""One text that makes a component fail never stops a batch, and never shifts records onto the wrong
article: it comes back with ``Analysis.failures`` and the texts around it are analysed as usual."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.nlp import components
from newsgraph.nlp.analyse import analyse
from newsgraph.records import PartialDate

TEXTS = ["Renata Salinas met Ricardo Valdivia in Lima.",
         "BOOM: the quote layer cannot read this one.",
         "Tomás Echeverría resigned on Friday."]


def _breaks_on_boom(doc: Doc, *args: object) -> tuple[()]:
    if "BOOM" in doc.text:
        raise IndexError("list index out of range")
    return ()


@pytest.mark.model
def test_a_failing_layer_marks_its_text_and_the_batch_goes_on(
        english, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(components, "find_quotes", _breaks_on_boom)
    first, broken, last = analyse(((t, date(2026, 3, 27)) for t in TEXTS), english)
    assert broken.failures == ("newsgraph_quotes: IndexError: list index out of range",)
    assert not first.failures and not last.failures
    assert {e.name for e in first.entities} >= {"Ricardo Valdivia", "Lima"}
    assert {e.name for e in last.entities} >= {"Tomás Echeverría"}  # not shifted onto another text
    assert broken.sentences  # the rest of the pipeline still ran on it


@pytest.mark.model
def test_a_publication_known_to_the_month_dates_what_names_its_day(english) -> None:  # type: ignore[no-untyped-def]
    text = "On Thursday, March 26, Alma Brook met Piet Dahl in Oslo. They spoke again on Friday."
    [analysis] = analyse([(text, PartialDate("2026-04", "month"))], english)
    assert [(t.text, t.value) for t in analysis.times] == [("Thursday, March 26", "2026-03-26"),
                                                           ("Friday", "XXXX-WXX-5")]
    met = next(e for e in analysis.events if e.trigger.text == "met")
    assert met.date is not None and met.date.value == "2026-03-26"


def test_a_text_that_breaks_a_spacy_component_is_retried_alone_and_reported() -> None:
    components.register_extensions()
    nlp = Language()  # a blank pipeline with one raising component, no model needed

    @Language.component("test_fragile_tagger")
    def fragile(doc: Doc) -> Doc:
        if "BOOM" in doc.text:
            raise ValueError("cannot tag this")
        return doc

    nlp.add_pipe("test_fragile_tagger")
    results = list(analyse(((t, None) for t in TEXTS), nlp))
    assert [r.failures for r in results] == [(), ("spaCy: ValueError: cannot tag this",), ()]


@pytest.mark.model
def test_ingest_reports_the_failed_article_at_the_end_and_extracts_the_others(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsgraph.cli import cli
    from newsgraph.store import open_store

    monkeypatch.setattr(components, "find_quotes", _breaks_on_boom)
    folder = tmp_path / "in"
    folder.mkdir()
    for i, text in enumerate(TEXTS):
        (folder / f"{i}.txt").write_text(text + "\n", encoding="utf-8")
    db = tmp_path / "x.db"
    result = CliRunner().invoke(cli, ["ingest", str(folder), "--db", str(db), "--published", "2026-03-27"])
    assert result.exit_code == 1, result.output
    assert "extraction failed" in result.stderr and "1.txt" in result.stderr
    assert "newsgraph_quotes: IndexError" in result.stderr
    with open_store(db) as store:
        extracted = {store.get_article(i).source.rsplit("/", 1)[-1]: store.extraction(i) is not None
                     for i in (1, 2, 3)}
    assert extracted == {"0.txt": True, "1.txt": False, "2.txt": True}
