"""Extraction without storage: what ``newsgraph extract`` prints for one article or many.

The recipe: read → main text → clean (unless ``raw``) → analyse in batches → records. The model is
loaded once for the whole run, so scoring a corpus does not pay start-up per document.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any

from newsgraph.clean import clean
from newsgraph.dates import DateParseError, parse_date
from newsgraph.errors import ExtractionError, InputError, MalformedInputError, UnreadableInputError
from newsgraph.export import paragraph_records, published_fields
from newsgraph.inputs.fetch import Fetcher, HttpFetcher
from newsgraph.inputs.sources import InputReader
from newsgraph.nlp.analyse import analyse
from newsgraph.nlp.model import pipeline_for
from newsgraph.nlp.records import Analysis, Event, EventDate, Participant
from newsgraph.pipeline import main_text
from newsgraph.records import Metadata, Paragraph, PartialDate
from newsgraph.settings import Settings


@dataclass(frozen=True)
class Prepared:
    """A text ready for analysis, with what is known about its article."""

    source: str
    text: str
    metadata: Metadata
    paragraphs: tuple[Paragraph, ...] = ()
    id: str | None = None


@dataclass(frozen=True)
class Extracted:
    prepared: Prepared
    analysis: Analysis


@dataclass
class ExtractionRun:
    """Extract from ``inputs``; failures are collected in ``failures`` as the run goes."""

    settings: Settings
    raw: bool = False
    overrides: Metadata = field(default_factory=Metadata)
    fetcher: Fetcher | None = None
    stdin: IO[bytes] | None = None
    failures: list[InputError] = field(default_factory=list)

    def from_inputs(self, inputs: Sequence[str]) -> Iterator[Extracted]:
        reader = InputReader(self.settings, self.fetcher or HttpFetcher(self.settings), self.stdin)
        return self._analysed(self._prepared(reader.read(inputs)))

    def from_jsonl(self, path: Path) -> Iterator[Extracted]:
        """Lines of ``{"id", "text", "published"}``: texts analysed as given, never cleaned."""
        return self._analysed(self._jsonl_items(path))

    def _prepared(self, items: Iterable[Any]) -> Iterator[Prepared]:
        for item in items:
            if isinstance(item, InputError):
                self.failures.append(item)
                continue
            try:
                text, found = main_text(item)
            except InputError as error:
                self.failures.append(error)
                continue
            metadata = self.overrides.over(item.metadata.over(found))
            if self.raw:
                yield Prepared(item.source, text, metadata)
            else:
                cleaned = clean(text)
                metadata = metadata if metadata.title or not cleaned.headline else replace(
                    metadata, title=cleaned.headline)
                yield Prepared(item.source, cleaned.text, metadata, cleaned.paragraphs)

    def _jsonl_items(self, path: Path) -> Iterator[Prepared]:
        try:
            lines = path.open("rb")
        except OSError as e:
            raise UnreadableInputError(str(path), f"cannot read: {e.strerror}") from e
        with lines:
            for number, line in enumerate(lines, start=1):
                if line.strip():
                    try:
                        yield _jsonl_item(str(path), number, line)
                    except InputError as error:
                        self.failures.append(error)

    def _analysed(self, prepared: Iterable[Prepared]) -> Iterator[Extracted]:
        nlp = pipeline_for(self.settings)
        pending: deque[Prepared] = deque()

        def items() -> Iterator[tuple[str, PartialDate | None]]:
            for p in prepared:
                pending.append(p)
                yield p.text, p.metadata.published

        for analysis in analyse(items(), nlp, batch_size=self.settings.nlp_batch_size):
            prepared_item = pending.popleft()
            if analysis.failures:
                self.failures.append(ExtractionError(
                    prepared_item.source, "; ".join(analysis.failures),
                    hint="the other inputs went on; please report this text"))
                continue
            yield Extracted(prepared_item, analysis)


def _jsonl_item(source: str, number: int, line: bytes) -> Prepared:
    try:
        record = json.loads(line)
    except ValueError as e:
        raise MalformedInputError(source, f"not valid JSON: {e}", line=number) from e
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        raise MalformedInputError(source, 'expected an object with a "text" string', line=number)
    published: PartialDate | None = None
    if record.get("published"):
        try:
            published = parse_date(str(record["published"]))
        except DateParseError as e:
            raise MalformedInputError(source, f"'published' {e}", line=number) from e
    ident = record.get("id")
    return Prepared(f"{source}:{number}", record["text"], Metadata(published=published),
                    id=None if ident is None else str(ident))



def extraction_record(extracted: Extracted) -> dict[str, Any]:
    """The JSON form of one extraction (docs/extract.md)."""
    prepared, analysis = extracted.prepared, extracted.analysis
    meta = prepared.metadata
    article: dict[str, Any] = {
        "source": prepared.source,
        "title": meta.title,
        "outlet": meta.outlet,
        "url": meta.url,
        **published_fields(meta.published),
        "text": prepared.text,
    }
    if prepared.id is not None:
        article["id"] = prepared.id
    return {"article": article, **analysis_payload(prepared, analysis)}


def analysis_payload(prepared: Prepared, analysis: Analysis) -> dict[str, Any]:
    """Everything extraction found, as stored with an article and printed by ``extract``."""
    return {
        "paragraphs": paragraph_records(prepared.paragraphs),
        "sentences": [{"start": s.start, "end": s.end} for s in analysis.sentences],
        "entities": [
            {"id": e.id, "name": e.name, "type": e.type, "kb_id": e.kb_id,
             "mentions": [{"start": m.start, "end": m.end, "text": m.text} for m in e.mentions]}
            for e in analysis.entities
        ],
        "roles": [{"entity_id": r.entity_id, "title": r.title, "organization": r.organization,
                   "status": r.status, "as_of": r.as_of or _published_iso(prepared),
                   "start": r.start, "end": r.end}
                  for r in analysis.roles],
        "quotes": [
            {"start": q.start, "end": q.end, "text": q.text, "kind": q.kind, "cue": q.cue,
             "speaker": {"entity_id": q.speaker.entity_id, "text": q.speaker.text,
                         "anonymous_id": q.speaker.anonymous_id}}
            for q in analysis.quotes
        ],
        "attributions": _attributions(prepared, analysis),
        "times": [{"start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value}
                  for t in analysis.times],
        "places": [
            {"start": p.start, "end": p.end, "text": p.text, "name": p.name,
             "country_code": p.country_code, "lat": p.lat, "lon": p.lon, "geonameid": p.geonameid,
             "feature": p.feature, "role": p.role}
            for p in analysis.places
        ],
        "events": [_event(prepared, e) for e in analysis.events],
    }


def _event(prepared: Prepared, event: Event) -> dict[str, Any]:
    """An event: named actors and recipients as entity ids, every participant with its span, and the
    attribution chain headed by the article's outlet (``reported`` when it runs past the outlet)."""
    head = [prepared.metadata.outlet] if prepared.metadata.outlet else []
    return {
        "id": event.id, "type": event.type, "mode": event.mode, "contexts": list(event.contexts),
        "cameo": event.cameo,
        "trigger": {"start": event.trigger.start, "end": event.trigger.end, "text": event.trigger.text},
        "sentence": {"start": event.sentence.start, "end": event.sentence.end},
        "actors": [p.entity_id for p in event.actors if p.entity_id],
        "recipients": [p.entity_id for p in event.recipients if p.entity_id],
        "participants": [{"role": role, "entity_id": p.entity_id, "text": p.text, "start": p.start,
                          "end": p.end}
                         for role, group in (("actor", event.actors), ("recipient", event.recipients))
                         for p in group],
        "place": event.place,
        "date": _event_date(event.date),
        "status": event.status,
        "reported": bool(event.attribution),
        "attribution": [*head, *event.attribution],
        "confidence": round(event.confidence, 3),
        "designation": None if event.designation is None else {
            "label": event.designation.label,
            "authority": _participant(event.designation.authority),
            "target": _participant(event.designation.target),
            "effective": _event_date(event.designation.effective),
        },
    }


def _participant(participant: Participant | None) -> dict[str, Any] | None:
    if participant is None:
        return None
    return {"entity_id": participant.entity_id, "text": participant.text,
            "start": participant.start, "end": participant.end}


def _event_date(when: EventDate | None) -> dict[str, Any] | None:
    if when is None:
        return None
    return {"value": when.value, "precision": when.precision, "start": when.start, "end": when.end}


def _attributions(prepared: Prepared, analysis: Analysis) -> list[dict[str, Any]]:
    """Attributions from the text and from citation chips, each chain headed by the article's outlet."""
    head = [prepared.metadata.outlet] if prepared.metadata.outlet else []
    found = [(a.start, a.end, [*head, *a.chain], a.cue) for a in analysis.attributions]
    chips = [(p.start, p.end, [*head, source], "citation-chip")
             for p in prepared.paragraphs for source in p.cited_sources]
    return [{"start": start, "end": end, "chain": chain, "cue": cue}
            for start, end, chain, cue in sorted(found + chips, key=lambda a: (a[0], a[1]))]


def _published_iso(prepared: Prepared) -> str | None:
    """The publication date at its own precision (``2026-04`` for a monthly roundup)."""
    published = prepared.metadata.published
    return published.iso if published else None

