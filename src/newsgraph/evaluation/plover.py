"""The PLOVER gold standard records (openeventdata/PLOVER, ``PLOVER_GSR_CAMEO``): one event per sentence,
with its type, mode, actors and recipients, from the examples of the CAMEO manual.

Reading:

* the ``DOCUMENT`` record (the file's own documentation) is skipped; the other 322 are sentences;
* the labels are an older PLOVER revision and are mapped to today's types (``LABELS``);
* ``textInfo.markup`` marks the event's words as ``(EVT: …)``, sometimes in several pieces and once
  closed with ``}``; each piece is found in ``text`` (the occurrence nearest its place in the markup);
* ``source`` and ``target`` list the actors and recipients by ``actorText``; pieces of a discontinuous
  actor are written with ``...`` between them (``U.S. ... negotiators``).

Scoring, per sentence:

* the sentence's predicted event is the most confident one whose trigger overlaps an EVT piece, else
  the most confident one; a sentence with no event is wrong on every measure below;
* ``type_accuracy``: the predicted type is the gold one; ``type_macro_f1``: the mean over the gold types
  of each type's F1 (a sentence predicted as type T counts against T's precision when gold says otherwise);
* ``mode_accuracy``: over sentences whose gold record has a mode, the predicted mode is the same;
* ``actor_match`` / ``recipient_match``: over sentences with gold actors (recipients), one of the
  predicted event's actors (recipients) overlaps a gold one: its span overlaps where the gold text stands
  in the sentence, or one text contains the other once both are folded (``newsgraph.names.fold``);
* ``coverage``: the share of sentences with any event at all.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsgraph.evaluation.events import HALVES, Predictor, in_half
from newsgraph.names import fold
from newsgraph.nlp.event_lexicon import plover_type
from newsgraph.nlp.records import Event, Participant

FILE = "PLOVER_GSR_CAMEO.json"
SKIPPED = "DOCUMENT"
# The gold file's older PLOVER labels and the types that replaced them (README of the eval folder).
LABELS = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}

_EVT = re.compile(r"\(EVT:\s*([^()]*?)\s*[)}]")
_GAP = re.compile(r"\s*\.{2,}\s*")

Span = tuple[int, int]


@dataclass(frozen=True)
class GoldSentence:
    id: str
    text: str
    type: str
    mode: str | None
    actors: tuple[str, ...]
    recipients: tuple[str, ...]
    triggers: tuple[Span, ...]


def read_sentences(path: Path) -> list[GoldSentence]:
    """The gold sentences in file order (``path`` is the JSON file or the folder holding it)."""
    file = path / FILE if path.is_dir() else path
    records = json.loads(file.read_text("utf-8"))
    return [_sentence(r) for r in records if r.get("event") != SKIPPED]


def _sentence(record: dict[str, Any]) -> GoldSentence:
    text = str(record.get("text") or "").strip()
    info = record.get("textInfo")
    markup = str(info.get("markup", "") if isinstance(info, dict) else info or "")
    label = str(record["event"])
    return GoldSentence(
        id=str(record.get("id", "")),
        text=text,
        type=LABELS.get(label, label),
        mode=str(record.get("mode") or "") or None,
        actors=_actor_texts(record.get("source")),
        recipients=_actor_texts(record.get("target")),
        triggers=trigger_spans(text, markup),
    )


def _actor_texts(value: object) -> tuple[str, ...]:
    """``actorText`` of each actor; a field that is not a list (``""``, ``"diplomatic"``) names none."""
    if not isinstance(value, list):
        return ()
    return tuple(" ".join(str(a["actorText"]).split()) for a in value
                 if isinstance(a, dict) and str(a.get("actorText") or "").strip())


def trigger_spans(text: str, markup: str) -> tuple[Span, ...]:
    """Where each ``(EVT: …)`` piece of ``markup`` stands in ``text``, case ignored."""
    spans = []
    lowered = text.lower()
    for match in _EVT.finditer(markup):
        piece = match.group(1).lower()
        starts = [m.start() for m in re.finditer(re.escape(piece), lowered)] if piece else []
        if starts:
            guess = match.start() * len(text) / max(len(markup), 1)
            start = min(starts, key=lambda s: abs(s - guess))
            spans.append((start, start + len(piece)))
    return tuple(spans)


def main_event(events: Sequence[Event], triggers: Sequence[Span]) -> Event | None:
    """The event scored for a sentence: the most confident one on the gold trigger, else the most
    confident one; ``None`` when nothing was coded."""
    on_trigger = [e for e in events if any(_overlaps((e.trigger.start, e.trigger.end), t) for t in triggers)]
    candidates = on_trigger or list(events)
    return max(candidates, key=lambda e: e.confidence, default=None)


def participant_matches(predicted: Sequence[Participant], gold: Sequence[str], text: str) -> bool:
    """Whether a predicted participant overlaps a gold actor text (see the module's docstring)."""
    pieces = [p for actor in gold for p in _GAP.split(actor) if p.strip()]
    spans = [s for p in pieces for s in _occurrences(p, text)]
    for participant in predicted:
        if any(_overlaps((participant.start, participant.end), s) for s in spans):
            return True
        if any(_contains(participant.text, p) or _contains(p, participant.text) for p in pieces):
            return True
    return False


def _occurrences(piece: str, text: str) -> list[Span]:
    pattern = re.compile(r"\s+".join(re.escape(w) for w in piece.split()), re.IGNORECASE)
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def _contains(outer: str, inner: str) -> bool:
    inner_folded = fold(inner)
    return bool(inner_folded) and f" {inner_folded} " in f" {fold(outer)} "


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


@dataclass(frozen=True)
class Scores:
    half: str
    sentences: int
    type_accuracy: float
    type_macro_f1: float
    mode_accuracy: float
    actor_match: float
    recipient_match: float
    coverage: float
    per_type: dict[str, tuple[float, float, float, int]] = field(default_factory=dict)

    def figures(self) -> dict[str, float]:
        """The measures the suite reports and the gate pins."""
        return {"type_accuracy": self.type_accuracy, "type_macro_f1": self.type_macro_f1,
                "mode_accuracy": self.mode_accuracy, "actor_match": self.actor_match,
                "recipient_match": self.recipient_match, "coverage": self.coverage}


def _plover(event: Event | None) -> str | None:
    """The type PLOVER's records give the event: a planned meeting is an AGREE (see
    ``event_lexicon.plover_type``); the gold follows that convention."""
    return None if event is None else plover_type(event.type, event.status)


def score(pairs: Iterable[tuple[GoldSentence, Sequence[Event]]], half: str = "all") -> Scores:
    """Scores over ``(gold sentence, events coded in it)`` pairs."""
    pairs = list(pairs)
    chosen = [(gold, main_event(events, gold.triggers), bool(events)) for gold, events in pairs]
    with_mode = [(g, e) for g, e, _ in chosen if g.mode]
    with_actors = [(g, e) for g, e, _ in chosen if g.actors]
    with_recipients = [(g, e) for g, e, _ in chosen if g.recipients]
    per_type = _per_type([(g.type, _plover(e)) for g, e, _ in chosen])
    return Scores(
        half=half,
        sentences=len(chosen),
        type_accuracy=_share(e is not None and _plover(e) == g.type for g, e, _ in chosen),
        type_macro_f1=_mean([f1 for _, _, f1, _ in per_type.values()]),
        mode_accuracy=_share(e is not None and fold(e.mode or "") == fold(g.mode or "")
                             for g, e in with_mode),
        actor_match=_share(e is not None and participant_matches(e.actors, g.actors, g.text)
                           for g, e in with_actors),
        recipient_match=_share(e is not None and participant_matches(e.recipients, g.recipients, g.text)
                               for g, e in with_recipients),
        coverage=_share(coded for _, _, coded in chosen),
        per_type=per_type,
    )


def _per_type(labels: Sequence[tuple[str, str | None]]) -> dict[str, tuple[float, float, float, int]]:
    """Precision, recall, F1 and gold count of each gold type."""
    gold = Counter(g for g, _ in labels)
    predicted = Counter(p for _, p in labels if p is not None)
    correct = Counter(g for g, p in labels if g == p)
    table = {}
    for label in sorted(gold):
        precision = correct[label] / predicted[label] if predicted[label] else 0.0
        recall = correct[label] / gold[label]
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        table[label] = (precision, recall, f1, gold[label])
    return table


def _share(flags: Iterable[bool]) -> float:
    values = list(flags)
    return sum(values) / len(values) if values else 0.0


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def evaluate(path: Path, predict: Predictor, halves: Sequence[str] = HALVES) -> list[Scores]:
    """Code every gold sentence once and score each half."""
    gold = read_sentences(path)
    events = predict([(g.text, None) for g in gold])
    pairs = list(zip(gold, events, strict=True))
    return [score([p for i, p in enumerate(pairs) if in_half(i, half)], half) for half in halves]
