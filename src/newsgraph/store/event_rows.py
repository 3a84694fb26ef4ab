"""Events of an extraction record as table rows, and the day interval a date stands for (no SQL here).

An event's *when* is the interval of days its own date covers (``2026-01`` → 2026-01-01 … 2026-01-31) or,
when the text gives it no date, the interval of its article's publication date. Listings sort on its
first day and date filters test overlap with it, so a month-dated event matches a filter on any day of it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from newsgraph.day_intervals import Interval, interval
from newsgraph.errors import StoreError

# The columns of the ``events`` table that ``save_extraction`` writes, in the order of ``EventRows.event``.
EVENT_COLUMNS = (
    "article_id", "position", "event_id", "type", "mode", "contexts", "cameo", "status", "reported",
    "attribution", "confidence", "date_value", "date_precision", "when_start", "when_end", "dated_by",
    "place_name", "place_country", "place_lat", "place_lon", "place_geonameid", "place_feature",
    "trigger_start", "trigger_end", "trigger_text", "sentence_start", "sentence_end", "in_lead",
    "designation",
)
PARTICIPANT_COLUMNS = ("event_row", "position", "role", "entity_id", "name", "kb_id", "text")

@dataclass(frozen=True)
class EventRows:
    """One event as rows: the ``events`` row (``EVENT_COLUMNS``) and its participants' rows, which
    lack the event row id (known only once the event is inserted)."""

    event: tuple[Any, ...]
    participants: tuple[tuple[Any, ...], ...]


def event_rows(article_id: int, record: dict[str, Any], published: str | None) -> list[EventRows]:
    """The rows of every event in an extraction ``record``; ``published`` (ISO 8601 at its precision)
    dates the events the text leaves undated. A malformed event is a ``StoreError`` naming it."""
    names = {e["id"]: (e["name"], e.get("kb_id")) for e in record.get("entities", [])}
    places: Sequence[dict[str, Any]] = record.get("places", [])
    lead_end = _lead_end(record)
    fallback = interval(published) if published else None
    rows = []
    for position, event in enumerate(record.get("events", [])):
        try:
            rows.append(_rows(article_id, position, event, names, places, lead_end, fallback))
        except (AttributeError, KeyError, TypeError, ValueError, IndexError) as e:
            name = event.get("id", position) if isinstance(event, dict) else position
            raise StoreError(f"article {article_id}: event {name} is malformed ({type(e).__name__}: {e}); "
                             "nothing of this extraction was stored") from e
    return rows


def _rows(article_id: int, position: int, event: dict[str, Any], names: dict[str, tuple[str, str | None]],
          places: Sequence[dict[str, Any]], lead_end: int | None, fallback: Interval | None) -> EventRows:
    when = event.get("date")
    own = interval(when["value"]) if when else None
    span = own or fallback
    place = places[event["place"]] if event.get("place") is not None else {}
    trigger, sentence = event["trigger"], event["sentence"]
    row = (
        article_id, position, event["id"], event["type"], event.get("mode"),
        json.dumps(list(event.get("contexts", [])), ensure_ascii=False), event.get("cameo"),
        event["status"], bool(event.get("reported")),
        json.dumps(list(event.get("attribution", [])), ensure_ascii=False),
        float(event.get("confidence", 0.0)),
        when["value"] if when else None, when["precision"] if when else None,
        span[0] if span else None, span[1] if span else None,
        ("event" if own else "published") if span else None,
        place.get("name"), place.get("country_code"), place.get("lat"), place.get("lon"),
        place.get("geonameid"), place.get("feature"),
        trigger["start"], trigger["end"], trigger["text"], sentence["start"], sentence["end"],
        lead_end is not None and sentence["start"] < lead_end,
        json.dumps(event["designation"], ensure_ascii=False) if event.get("designation") else None,
    )
    participants = tuple(
        (i, p["role"], p.get("entity_id"), *names.get(p.get("entity_id") or "", (None, None)), p["text"])
        for i, p in enumerate(event.get("participants", []))
    )
    return EventRows(row, participants)


def _lead_end(record: dict[str, Any]) -> int | None:
    """Where the lead ends: the first body paragraph, or the first sentence when there are none."""
    for paragraph in record.get("paragraphs", []):
        if paragraph.get("kind", "body") == "body":
            return int(paragraph["end"])
    sentences = record.get("sentences", [])
    return int(sentences[0]["end"]) if sentences else None


# Dates as people read them ------------------------------------------------------------------------

# TIMEX3 parts of the day (``2026-03-02TNI`` is the night of 2 March) and seasons (``2026-SU``).
PARTS_OF_DAY = {"MO": "morning", "MI": "midday", "AF": "afternoon", "EV": "evening", "NI": "night",
                "DT": "daytime"}
SEASON_NAMES = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
_CLOCK = re.compile(r"^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$")
_SEASON_VALUE = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_DECADE = re.compile(r"^(\d{3})X?$")


def readable_date(value: str) -> str:
    """A TIMEX3 value as a reader writes it: ``2026-03-02 night`` for ``2026-03-02TNI``, ``2026-03-02
    14:30`` for a timestamp, ``summer 2026`` for ``2026-SU``, ``the 2020s`` for ``202``; anything else
    (days, months, ``2026-W03``, ``2026-Q1``, ``PRESENT_REF``) as it is."""
    day, _, part = value.partition("T")
    if part in PARTS_OF_DAY:
        return f"{day} {PARTS_OF_DAY[part]}"
    if match := _CLOCK.match(value):
        return f"{match[1]} {match[2]}"
    if match := _SEASON_VALUE.match(value):
        return f"{SEASON_NAMES[match[2]]} {match[1]}"
    if match := _DECADE.match(value):
        return f"the {match[1]}0s"
    return value
