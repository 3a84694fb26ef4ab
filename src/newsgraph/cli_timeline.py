"""``newsgraph timeline`` and ``newsgraph changes``: thin commands over ``timeline`` and ``changes``.

Registered on the ``cli`` group by the import at the end of ``cli.py``.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import click
from rich.markup import escape

from newsgraph.changes import Change, story_changes
from newsgraph.cli import (
    _date_option,
    _entity_id,
    _plural,
    _print_json,
    _settings,
    _store,
    cli,
    db_option,
    json_option,
    out,
)
from newsgraph.event_groups import group_events
from newsgraph.ledger import LedgerEntry, StatusChange
from newsgraph.records import PartialDate
from newsgraph.store import EventQuery, Store
from newsgraph.store.event_rows import readable_date
from newsgraph.story_views import changes_of_story, timeline_of_story
from newsgraph.timeline import TimelineEntry, timeline

# Articles a QUERY selects for a timeline: the best full-text matches.
QUERY_ARTICLES = 200


@cli.command("timeline")
@click.argument("query", required=False)
@click.option("--story", "story_id", type=int, metavar="ID", help="The events of this story.")
@click.option("--entity", metavar="NAME",
              help="The events NAME takes part in, found as `newsgraph entity` finds it.")
@click.option("--since", callback=_date_option, metavar="DATE",
              help="Only events on or after DATE (an undated one counts on its first report's day).")
@click.option("--until", callback=_date_option, metavar="DATE", help="Only events on or before DATE.")
@click.option("--confirmations", type=click.IntRange(0), default=0, metavar="N",
              help="Only events confirmed by at least N independent sources.")
@db_option
@json_option
def timeline_command(query: str | None, story_id: int | None, entity: str | None,
                     since: PartialDate | None, until: PartialDate | None, confirmations: int,
                     db: Path | None, as_json: bool) -> None:
    """Events ordered by when they happened, each report of one event grouped, with its sources.

    Give one of --story, --entity or QUERY (full-text search over the articles); none: every event.

    Example:

        newsgraph timeline --story 1 --since 2026-01
        newsgraph timeline --entity Maduro
        newsgraph timeline --story 1 --confirmations 2
    """
    if sum(x is not None for x in (query, story_id, entity)) > 1:
        raise click.UsageError("give one of --story, --entity and QUERY")
    low, high = since.iso if since else None, until.iso if until else None
    with _store(_settings(db=db)) as store:
        if story_id is not None:
            _article_ids(store, story_id, None)  # an unknown story is a usage error
            entries = timeline_of_story(store, story_id, low, high)
        else:
            query_ = (EventQuery(entity_ids=(_entity_id(store, entity),)) if entity is not None
                      else EventQuery(article_ids=_article_ids(store, None, query)))
            entries = timeline(group_events(store.events(query_)), low, high)
    entries = [e for e in entries if e.confirmations >= confirmations]
    if as_json:
        _print_json([asdict(e) for e in entries])
        return
    if not entries:
        out.print("no events")
    for e in entries:
        out.print(_entry_line(e))


@cli.command("changes")
@click.option("--story", "story_id", type=int, metavar="ID", help="The changes of this story.")
@click.option("--since", callback=_date_option, metavar="DATE",
              help="Only changes known on or after DATE.")
@db_option
@json_option
def changes_command(story_id: int | None, since: PartialDate | None, db: Path | None,
                    as_json: bool) -> None:
    """What changed: titles, plans and their outcomes, contradictions, and what each article adds.

    Example:

        newsgraph changes --story 1 --since 2026-01
    """
    low = since.iso if since else None
    with _store(_settings(db=db)) as store:
        if story_id is not None:
            _article_ids(store, story_id, None)  # an unknown story is a usage error
            found = changes_of_story(store, story_id, low)
        else:
            found = story_changes(store, None, low)
    if as_json:
        _print_json([asdict(c) for c in found])
        return
    if not found:
        out.print("no changes")
    for change in found:
        out.print(_change_lines(change))


def _article_ids(store: Store, story_id: int | None, query: str | None) -> tuple[int, ...] | None:
    """The articles a story or a full-text query selects; None (every article) for neither."""
    if story_id is not None:
        ids = store.story_article_ids(story_id)
        if not ids:
            raise click.BadParameter(f"no story {story_id} (see `newsgraph stories`)", param_hint="--story")
        return tuple(ids)
    if query is not None:
        return tuple(a.id for a in store.search_articles(query, limit=QUERY_ARTICLES))
    return None


def _entry_line(e: TimelineEntry) -> str:
    """``date  TYPE/mode  status  who → whom @ where  “triggers”  outlets (n confirmations)``."""
    shown = _date(e.date)
    when = f"{shown:<17}" if e.dated_by != "report" else f"[dim]{f'{shown} (rep.)':<17}[/]"
    kind = e.type + (f"/{e.mode}" if e.mode else "")
    where = f"  @ {e.place}" if e.place else ""
    triggers = ", ".join(f"“{t}”" for t in e.triggers[:3])
    sources = ", ".join(e.sources) or "unknown outlet"
    return (f"{when} {kind:<20} {e.status:<12} {escape(e.summary + where)}  {escape(triggers)}  "
            f"[dim]{escape(sources)} · {_plural(e.confirmations, 'confirmation')} · "
            f"{_plural(e.mentions, 'report')} · {e.group_id}[/]")


def _date(value: str | None) -> str:
    """A date for a line: ``2026-03-02 night`` for TIMEX3's ``2026-03-02TNI``; ``undated`` for none."""
    return "undated" if value is None else readable_date(value)


def _change_lines(change: Change) -> str:
    """The change on one line, then one indented line per side of its evidence."""
    lines = [f"{change.as_of or 'undated':<10}  {change.kind:<13} {escape(change.detail):<12} "
             f"{escape(change.summary)}"]
    for side, evidence in (("before", change.before), ("after", change.after)):
        if evidence and change.kind != "new":
            cited = "; ".join(f"#{e.article_id} {e.outlet or '?'} {e.published or 'undated'} “{e.text}”"
                              for e in evidence[:3])
            more = f" (+{len(evidence) - 3})" if len(evidence) > 3 else ""
            lines.append(f"            [dim]{side}: {escape(cited)}{more}[/]")
    return "\n".join(lines)


def ledger_lines(ledger: list[LedgerEntry], statuses: list[StatusChange]) -> list[str]:
    """The role ledger of ``newsgraph entity``: each title from its first to its last assertion, by
    which outlets, then the status changes events caused."""
    lines = ["  titles held:"] if ledger else []
    for e in ledger:
        org = f" ({', '.join(e.organizations)})" if e.organizations else ""
        dates = (e.first or "undated") if e.first == e.last else f"{e.first} … {e.last}"
        lines.append(f"    {escape(e.label + org):<36} {dates:<24} "
                     f"[dim]{escape(', '.join(e.outlets) or 'unknown outlet')}[/]")
    lines += ["  status changes:"] if statuses else []
    for s in statuses:
        lines.append(f"    {_date(s.date):<10} {escape(s.status):<24} “{escape(s.trigger)}” "
                     f"{escape(s.label)}  [dim]{escape(', '.join(s.outlets) or 'unknown outlet')} · "
                     f"{_plural(s.confirmations, 'confirmation')} · {s.group_id}[/]")
    return lines
