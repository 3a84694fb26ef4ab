"""The ``newsgraph`` command line: thin commands over the library. Only this module talks to people.

Exit status: 0 when everything worked, 1 when any input failed or a command could not finish, 2 for
usage errors (a bad option or value).
"""

from __future__ import annotations

import functools
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from newsgraph.dates import DateParseError, parse_date
from newsgraph.dyads import DyadRule, dyad_rule
from newsgraph.errors import ConfigError, NewsgraphError
from newsgraph.evaluation.suite import SUITES
from newsgraph.export import FORMATS, article_record, export_to_path, write_export
from newsgraph.export_events import BINARY_FORMATS, EVENT_FORMATS, export_events_to_path, write_events
from newsgraph.export_stories import STORY_FORMATS, export_story_to_path, story_ids, write_story_export
from newsgraph.ledger import entity_ledger, ledger_record
from newsgraph.names import slug
from newsgraph.nlp.records import EVENT_STATUSES, EVENT_TYPES  # plain records: no spaCy
from newsgraph.pipeline import ingest as run_ingest
from newsgraph.records import IngestOutcome, Metadata, PartialDate
from newsgraph.settings import Settings
from newsgraph.store import EventQuery, EventRow, Store, open_store

F = TypeVar("F", bound=Callable[..., Any])
STATUS_LABELS = {
    "stored": "stored",
    "already_stored": "already stored",
    "duplicate": "near-duplicate",
    "failed": "failed",
}

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)  # a failure stays on one line for grep


def db_option(fn: F) -> F:
    return click.option(
        "--db", "db", type=click.Path(dir_okay=False, path_type=Path), default=None,
        help="SQLite database file [default: ./newsgraph.db, or $NEWSGRAPH_DB].",
    )(fn)


def json_option(fn: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")(fn)


def dyadic_options(fn: Callable[..., None]) -> Callable[..., None]:
    """``--dyadic`` and ``--new-actor-length N``, passed on as one ``dyads`` rule (None: every event)."""
    @functools.wraps(fn)
    def run(*args: Any, dyadic: bool, new_actor_length: int | None, **kwargs: Any) -> None:
        try:
            kwargs["dyads"] = dyad_rule(dyadic, new_actor_length)
        except ValueError:
            raise click.UsageError("--new-actor-length applies with --dyadic") from None
        fn(*args, **kwargs)

    run = click.option(
        "--new-actor-length", type=click.IntRange(0), metavar="N",
        help="With --dyadic: a participant that is no named entity (\"U.S. forces\") also counts when "
             "the text names it in at most N words [default: 0, none counts].")(run)
    return click.option(
        "--dyadic", is_flag=True,
        help="Only events whose actor and recipient are both named entities, as PETRARCH and GDELT "
             "code events (see docs/events.md).")(run)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsgraph")
def cli() -> None:
    """newsgraph: a sourced, time-aware record of a developing news story."""


def main() -> None:
    try:
        cli(standalone_mode=True)
    except NewsgraphError as error:  # raised outside a command's own handling
        err.print(f"[red]error:[/] {escape(str(error))}")
        sys.exit(1)


# ingest -------------------------------------------------------------------------------------------

def _date_option(_ctx: click.Context, _param: click.Parameter, value: str | None
                 ) -> PartialDate | None:
    if value is None:
        return None
    try:
        return parse_date(value)
    except DateParseError as e:
        raise click.BadParameter(str(e)) from e


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@db_option
@click.option("--published", callback=_date_option, metavar="DATE",
              help="Publication date for every input (ISO 8601: 2026-01-16, 2026-01, 2026).")
@click.option("--outlet", help="Outlet name for every input.")
@click.option("--title", help="Title for every input.")
@click.option("--url", help="URL for every input.")
@click.option("--allow-private", is_flag=True,
              help="Allow fetching URLs on private, loopback and link-local addresses.")
@click.option("--extract/--no-extract", default=True, show_default=True,
              help="Extract entities, roles, quotes and more from the new articles.")
@click.option("-v", "--verbose", is_flag=True, help="List every article, not just the failures.")
@json_option
def ingest(inputs: tuple[str, ...], db: Path | None, published: PartialDate | None,
           outlet: str | None, title: str | None, url: str | None, allow_private: bool,
           extract: bool, verbose: bool, as_json: bool) -> None:
    """Ingest articles from files, folders, URLs or - (standard input).

    Reads text (.txt, .md), HTML, JSON Lines, RSS/Atom feeds and WARC files; folders are read
    recursively. Each article is cleaned and stored once; near-duplicates are kept, marked.

    Example:

        newsgraph ingest articles/ feed.xml https://example.org/story.html --db story.db
    """
    settings = _settings(db=db, allow_private=allow_private or None)
    overrides = Metadata(title=title, url=url, outlet=outlet, published=published)
    tally = _Tally(keep_all=as_json)
    with _store(settings) as store:
        stream = run_ingest(inputs, store, settings=settings, overrides=overrides,
                            stdin=sys.stdin.buffer)
        stored: list[int] = []
        for outcome in _with_progress(stream, tally, enabled=not as_json):
            if verbose and not as_json:
                out.print(_outcome_line(outcome))
            if outcome.status == "stored" and outcome.article_id is not None:
                stored.append(outcome.article_id)
        extraction_failures: list[NewsgraphError] = []
        splits: list[dict[str, int]] = []
        if extract and stored:
            _, extraction_failures, splits = _extract(store, settings, stored, quiet=as_json)
    if as_json:
        _print_json({"counts": tally.counts, "outcomes": [asdict(o) for o in tally.outcomes],
                     "extraction_failures": [str(f) for f in extraction_failures],
                     "story_splits": splits})
    else:
        _report(tally)
    if tally.failures or extraction_failures:
        sys.exit(1)


@dataclass
class _Tally:
    """Running counts of a batch, its failures, and every outcome only when they are all printed."""

    keep_all: bool
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUS_LABELS, 0))
    failures: list[IngestOutcome] = field(default_factory=list)
    outcomes: list[IngestOutcome] = field(default_factory=list)

    def add(self, outcome: IngestOutcome) -> None:
        self.counts[outcome.status] += 1
        if outcome.status == "failed":
            self.failures.append(outcome)
        if self.keep_all:
            self.outcomes.append(outcome)

    def line(self) -> str:
        return ", ".join(f"{self.counts[s]} {label}" for s, label in STATUS_LABELS.items())


def _with_progress(outcomes: Iterator[IngestOutcome], tally: _Tally, enabled: bool
                   ) -> Iterator[IngestOutcome]:
    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True,
                  disable=not enabled or not err.is_terminal) as progress:
        task = progress.add_task("ingesting", total=None)
        for outcome in outcomes:
            tally.add(outcome)
            progress.update(task, description=tally.line())
            yield outcome


def _outcome_line(o: IngestOutcome) -> str:
    detail = ""
    if o.status == "duplicate" and o.similarity is not None:
        detail = f" (duplicate of {o.duplicate_of}, similarity {o.similarity:.2f})"
    ident = f"#{o.article_id} " if o.article_id else ""
    return f"{STATUS_LABELS[o.status]:>15}  {ident}{escape(o.source)}{detail}"


def _report(tally: _Tally) -> None:
    out.print(tally.line())
    if tally.failures:
        err.print(f"\n[red]{_plural(len(tally.failures), 'input')} failed:[/]")
        for o in tally.failures:
            err.print("  " + escape(f"[{o.reason or 'error'}] {o.error or o.source}"))


# extract ------------------------------------------------------------------------------------------

@cli.command()
@click.argument("inputs", nargs=-1)
@click.option("--published", callback=_date_option, metavar="DATE",
              help="Publication date, the anchor for relative dates (ISO 8601).")
@click.option("--raw", is_flag=True,
              help="Analyse the text exactly as given: no cleaning, offsets index the input.")
@click.option("--jsonl", "jsonl", type=click.Path(dir_okay=False, path_type=Path),
              help='Analyse each line {"id", "text", "published"} of this file as given.')
@click.option("--allow-private", is_flag=True, help="Allow fetching URLs on private addresses.")
@json_option
def extract(inputs: tuple[str, ...], published: PartialDate | None, raw: bool, jsonl: Path | None,
            allow_private: bool, as_json: bool) -> None:
    """Extract entities, sentences, times and places from articles without storing them.

    One input prints one JSON document; several inputs (or --jsonl) print one document per line.
    The model is loaded once for the whole run.

    Example:

        newsgraph extract story.txt --published 2026-01-16 --json
    """
    if bool(inputs) == bool(jsonl):
        raise click.UsageError("give input files (or -) or --jsonl FILE, not both and not neither")
    from newsgraph.extraction import ExtractionRun, extraction_record  # spaCy: only when extracting

    run = ExtractionRun(_settings(allow_private=allow_private or None), raw=raw or bool(jsonl),
                        overrides=Metadata(published=published), stdin=sys.stdin.buffer)
    results = run.from_jsonl(jsonl) if jsonl else run.from_inputs(inputs)
    single = len(inputs) == 1 and inputs[0] != "-" and not Path(inputs[0]).is_dir()
    try:
        for extracted in results:
            record = extraction_record(extracted)
            if single:
                _print_json(record)
            elif as_json or jsonl:
                sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
            else:
                _print_extraction(record)
    except NewsgraphError as error:
        _fail(str(error))
    for failure in run.failures:
        err.print("  " + escape(f"[{failure.reason}] {failure}"))
    if run.failures:
        sys.exit(1)


def _print_extraction(record: dict[str, Any]) -> None:
    article = record["article"]
    out.print(f"[bold]{escape(article['title'] or article['source'])}[/]")
    for entity in record["entities"]:
        out.print(f"  {entity['type']:<7} {escape(entity['name'])} ({len(entity['mentions'])}x)")
    for time in record["times"]:
        out.print(f"  TIME    {escape(time['text'])} → {time['value'] or '?'}")
    for place in record["places"]:
        out.print(f"  PLACE   {escape(place['text'])} → {escape(place['name'])} "
                  f"({place['country_code']}, {place['lat']}, {place['lon']})")


def _extract(store: Store, settings: Settings, article_ids: list[int] | None, *, quiet: bool,
             stale_only: bool = False) -> tuple[int, list[NewsgraphError], list[dict[str, int]]]:
    """Extract and store; returns how many articles were extracted, the ones that failed, and the
    stories the twin check split (``{"story", "new_story", "moved"}``). Failures and splits are also
    reported on standard error after the others are done."""
    from newsgraph.processing import process  # spaCy: only when extracting

    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    count = 0
    failures: list[NewsgraphError] = []
    splits: list[tuple[int, int]] = []
    try:
        with Progress(*columns, console=err, transient=True,
                      disable=quiet or not err.is_terminal) as progress:
            task = progress.add_task("extracting", total=None)
            for processed in process(store, settings, article_ids=article_ids, stale_only=stale_only):
                if processed.error is not None:
                    failures.append(processed.error)
                    continue
                count += 1
                if processed.split is not None:
                    splits.append(processed.split)
                progress.update(task, description=f"extracted {_plural(count, 'article')}")
    except NewsgraphError as error:
        _fail(f"{error} (the articles themselves are stored: run `newsgraph process --stale` once "
              "this is fixed)")
    # Where the moved articles are now: a later split of the new story may have moved them on.
    reported = [{"story": story, "new_story": new, "moved": len(store.story_article_ids(new))}
                for story, new in splits]
    if not quiet:
        err.print(f"extracted {_plural(count, 'article')}")
        for split in reported:
            err.print(f"story {split['story']} held two events: {_plural(split['moved'], 'article')} "
                      f"moved to story {split['new_story']} (undo with `newsgraph story merge "
                      f"{split['story']} {split['new_story']}`)")
        for failure in failures:
            err.print(f"[red]extraction failed:[/] {escape(str(failure))}")
    return count, failures, reported


@cli.command()
@db_option
@click.option("--stale", is_flag=True,
              help="Only articles never extracted by the current model and newsgraph version.")
@json_option
def process(db: Path | None, stale: bool, as_json: bool) -> None:
    """Run extraction again over stored articles (after a model or rule change). Idempotent.

    Example:

        newsgraph process --stale
    """
    settings = _settings(db=db)
    with _store(settings) as store:
        count, failures, splits = _extract(store, settings, None, quiet=as_json, stale_only=stale)
    if as_json:
        _print_json({"extracted": count, "failures": [str(f) for f in failures], "story_splits": splits})
    if failures:
        sys.exit(1)


@cli.command()
@click.argument("name")
@db_option
@json_option
def entity(name: str, db: Path | None, as_json: bool) -> None:
    """Show an entity: its aliases, its roles over time with evidence, and its articles.

    NAME is an entity id (person:renata-salinas) or a name, matched without accents or case; a
    surname finds every full name that ends with it.

    Example:

        newsgraph entity "Renata Salinas"
    """
    with _store(_settings(db=db)) as store:
        matches = store.find_entities(name)
        if not matches:
            _fail(f"no entity matches {name!r} (run `newsgraph process` if articles were ingested "
                  "with --no-extract)")
        overview = store.entity_overview(matches[0][0])
        assert overview is not None
        ledger, statuses = entity_ledger(store, overview.id, overview.roles)
    if as_json:
        _print_json({**asdict(overview), "ledger": [ledger_record(e) for e in ledger],
                     "status_changes": [asdict(s) for s in statuses],
                     "other_matches": [m[0] for m in matches[1:]]})
        return
    out.print(f"[bold]{escape(overview.name)}[/] [dim]{overview.id} · {overview.type} · "
              f"{_plural(overview.mentions, 'mention')} in {_plural(len(overview.articles), 'article')}[/]")
    if overview.aliases:
        out.print("also: " + escape(", ".join(overview.aliases)))
    for role in overview.roles:
        label = role.title if role.status == "current" else f"{role.status} {role.title}"
        org = f" ({role.organization})" if role.organization else ""
        out.print(f"  {role.as_of or 'undated':<10}  {escape(label + org):<36} "
                  f"[dim]{escape(role.outlet or '?')}: {escape(role.evidence)}[/]")
    from newsgraph.cli_timeline import ledger_lines  # registered after this module: see its end

    for line in ledger_lines(ledger, statuses):
        out.print(line)
    for article in overview.articles:
        out.print(f"  [dim]#{article.id} {_when(article.published)} {escape(article.title or '')}[/]")
    if len(matches) > 1:
        out.print("[dim]other matches: " + escape(", ".join(m[0] for m in matches[1:])) + "[/]")


# events -------------------------------------------------------------------------------------------

def _one_of(values: tuple[str, ...], normal: Callable[[str], str]
            ) -> Callable[[click.Context, click.Parameter, str | None], str | None]:
    """A callback accepting ``values`` in any case and listing them, as written, when given another."""
    def check(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
        if value is None or normal(value) in values:
            return None if value is None else normal(value)
        raise click.BadParameter(f"{value!r} is not one of {', '.join(values)}")
    return check


@cli.command()
@click.option("--type", "kind", metavar="TYPE", callback=_one_of(EVENT_TYPES, str.upper),
              help=f"Only events of this PLOVER type: {', '.join(EVENT_TYPES)}.")
@click.option("--status", metavar="STATUS", callback=_one_of(EVENT_STATUSES, str.lower),
              help=f"Only events with this status: {', '.join(EVENT_STATUSES)}.")
@click.option("--entity", "entities", multiple=True, metavar="NAME",
              help="Only events NAME takes part in, found as `newsgraph entity` finds it; repeat the "
                   "option for events they all take part in.")
@click.option("--since", callback=_date_option, metavar="DATE",
              help="Only events on or after DATE; an undated event counts as on its publication date.")
@click.option("--until", callback=_date_option, metavar="DATE", help="Only events on or before DATE.")
@click.option("--place", metavar="PLACE",
              help="Only events at this place, or in this country (ISO 3166 code: VE).")
@click.option("--outlet", metavar="NAME", help="Only events reported by this outlet.")
@dyadic_options
@click.option("--limit", type=click.IntRange(1, 10_000), default=50, show_default=True)
@click.option("--offset", type=click.IntRange(0), default=0, show_default=True)
@db_option
@json_option
def events(kind: str | None, status: str | None, entities: tuple[str, ...], since: PartialDate | None,
           until: PartialDate | None, place: str | None, outlet: str | None, dyads: DyadRule | None,
           limit: int, offset: int, db: Path | None, as_json: bool) -> None:
    """List events by date: what was done, planned, threatened or denied, by whom, to whom, where.

    Example:

        newsgraph events --type SANCTION --entity Maduro --since 2026-01
        newsgraph events --dyadic
    """
    with _store(_settings(db=db)) as store:
        query = EventQuery(
            types=(kind,) if kind else (), statuses=(status,) if status else (),
            entity_ids=tuple(_entity_id(store, name) for name in entities), outlet=outlet, place=place,
            since=since.iso if since else None, until=until.iso if until else None, dyads=dyads,
            limit=limit, offset=offset)
        rows = store.events(query)
    if as_json:
        _print_json([asdict(row) for row in rows])
        return
    if not rows:
        out.print("no events" + (" match" if query != EventQuery(limit=limit, offset=offset) else ""))
    for row in rows:
        out.print(_event_line(row))


def _entity_id(store: Store, name: str) -> str:
    """The one entity ``name`` names: an id, a name or a surname, as for ``newsgraph entity``."""
    matches = store.find_entities(name)
    exact = [m for m in matches if m[0] == name or m[0].split(":", 1)[-1] == slug(name)]
    if len(exact) == 1 or len(matches) == 1:
        return (exact or matches)[0][0]
    if not matches:
        raise click.BadParameter(f"no entity matches {name!r} (see `newsgraph entity`; run `newsgraph "
                                 "process` if articles were ingested with --no-extract)",
                                 param_hint="--entity")
    listed = ", ".join(f"{m[0]} ({_plural(m[3], 'mention')})" for m in matches[:8])
    raise click.BadParameter(f"{name!r} matches several entities: {listed}; give one of these ids",
                             param_hint="--entity")


def _event_line(row: EventRow) -> str:
    """One event on one line: date, type/mode, status, who → whom, @ where, “trigger”, on whose word."""
    if row.dated_by == "event":
        when = f"{row.date:<17}"
    elif row.when_start:
        when = f"[dim]{row.when_start + ' (pub.)':<17}[/]"
    else:
        when = f"[dim]{'undated':<17}[/]"
    who = ", ".join(p.name or p.text for p in row.actors) or "?"
    if row.recipients:
        who += " → " + ", ".join(p.name or p.text for p in row.recipients)
    where = ""
    if row.place is not None and row.place.name:
        country = row.place.country_code if row.place.feature != "country" else None
        where = f"  @ {row.place.name}" + (f" ({country})" if country else "")
    source = " ← ".join(row.attribution) or row.outlet or "unknown outlet"
    kind = row.type + (f"/{row.mode}" if row.mode else "")
    label = f" ({row.designation.label})" if row.designation else ""
    return (f"{when} {kind:<20} {row.status:<12} {escape(who)}{escape(where)}  “{escape(row.trigger)}”"
            f"{escape(label)}  [dim]{escape(source)} #{row.article_id}[/]")

@cli.command("eval")
@click.argument("suites", nargs=-1, type=click.Choice(SUITES))
@click.option("--data", type=click.Path(file_okay=False, path_type=Path),
              help="Folder of gold corpora [default: ../shared/eval beside the working copy].")
@click.option("--baseline", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="Fail (exit 1) when a figure falls below its floor in this file.")
@json_option
def evaluate(suites: tuple[str, ...], data: Path | None, baseline: Path | None, as_json: bool) -> None:
    """Score extraction on public gold corpora: ner, times, places, events, coref, timelines, stories
    (default: all).

    Example:

        newsgraph eval ner --data ../shared/eval
    """
    from newsgraph.evaluation.suite import default_data, load_baseline, regressions, run

    settings = _settings()
    try:
        figures = run(suites or SUITES, data or default_data(), settings.model)
    except NewsgraphError as error:
        _fail(str(error))
    problems = regressions(figures, load_baseline(baseline)) if baseline else []
    if as_json:
        _print_json({"figures": figures, "regressions": problems})
    else:
        table = Table("figure", "value", box=None, pad_edge=False)
        for key, value in figures.items():
            table.add_row(key, f"{value:,.3f}")
        out.print(table)
        for problem in problems:
            err.print(f"[red]regression:[/] {escape(problem)}")
    if problems:
        sys.exit(1)


# articles, show, export, stats --------------------------------------------------------------------

@cli.command()
@click.argument("query", required=False)
@db_option
@click.option("--limit", type=click.IntRange(1, 10_000), default=50, show_default=True)
@click.option("--offset", type=click.IntRange(0), default=0, show_default=True)
@json_option
def articles(query: str | None, db: Path | None, limit: int, offset: int, as_json: bool) -> None:
    """List stored articles by publication date, or search them (full text, accents ignored).

    Example:

        newsgraph articles "trawler crew" --limit 10
    """
    with _store(_settings(db=db)) as store:
        rows = (store.search_articles(query, limit=limit) if query
                else store.list_articles(limit=limit, offset=offset))
    if as_json:
        _print_json([asdict(r) for r in rows])
        return
    table = Table(box=None, pad_edge=False)
    table.add_column("id", justify="right", no_wrap=True)
    table.add_column("published", no_wrap=True)
    table.add_column("outlet", max_width=24)
    table.add_column("title", ratio=1)
    for r in rows:
        title = escape(r.title or r.source)
        if r.duplicate_of:
            title += f" [dim](duplicate of {r.duplicate_of})[/]"
        if r.snippet:
            title += f"\n[dim]{escape(r.snippet)}[/]"
        table.add_row(str(r.id), _when(r.published), escape(r.outlet or "?"), title)
    out.print(table if rows else "no articles" + (f" match {query!r}" if query else ""))


@cli.command()
@click.argument("article_id", type=int)
@db_option
@json_option
def show(article_id: int, db: Path | None, as_json: bool) -> None:
    """Show one article: metadata, cleaned paragraphs with their cited sources, and removals.

    Example:

        newsgraph show 3 --json
    """
    with _store(_settings(db=db)) as store:
        article = store.get_article(article_id)
    if as_json:
        _print_json(article_record(article))
        return
    meta = article.metadata
    out.print(f"[bold]{escape(meta.title or '(untitled)')}[/]")
    facts = [meta.outlet, str(meta.published) if meta.published else "undated", meta.author,
             meta.url, article.source]
    out.print("[dim]" + escape(" · ".join(f for f in facts if f)) + "[/]")
    if article.duplicate_of:
        out.print(f"[yellow]near-duplicate of article {article.duplicate_of}[/]")
    for p in article.paragraphs:
        text = escape(article.text[p.start:p.end])
        out.print(f"\n[bold]{text}[/]" if p.kind == "heading" else f"\n{text}")
        if p.cited_sources:
            out.print(f"[dim]  sources: {escape(', '.join(p.cited_sources))}[/]")
    if article.removals:
        reasons = Counter(r.reason for r in article.removals)
        out.print("\n[dim]removed: " + ", ".join(f"{n} {r}" for r, n in reasons.items()) + "[/]")


@cli.command()
@click.option("--format", "fmt", type=click.Choice((*FORMATS, *EVENT_FORMATS, *STORY_FORMATS)),
              default="json", show_default=True,
              help="Articles: json, jsonl, csv. Events: plover, gdelt, events-jsonl, events-csv, "
                   "events-parquet (needs --out and the parquet extra), event-groups-jsonl. Stories: "
                   "stories-jsonl, ledger-jsonl, changes-jsonl.")
@click.option("--story", "story_id", type=int, metavar="ID",
              help="Only this story's events, groups, ledger or changes (not for article formats).")
@click.option("--out", "out_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file (atomically) instead of standard output.")
@dyadic_options
@db_option
def export(fmt: str, story_id: int | None, out_path: Path | None, dyads: DyadRule | None,
           db: Path | None) -> None:
    """Export every article with its text, extraction and story; every event (PLOVER, GDELT, tables,
    grouped); or the stories, the role ledger and the changes.

    Example:

        newsgraph export --format jsonl --out articles.jsonl
        newsgraph export --format plover --out events.jsonl
        newsgraph export --format changes-jsonl --story 1
        newsgraph export --format gdelt --dyadic --out events.tsv
    """
    if fmt in EVENT_FORMATS:
        _export_events(fmt, out_path, db, EventQuery(dyads=dyads), story_id)
        return
    if dyads is not None:
        raise click.UsageError(f"--dyadic applies to event formats, not to --format {fmt}")
    if fmt in STORY_FORMATS:
        _export_stories(fmt, out_path, db, story_id)
        return
    if story_id is not None:
        raise click.UsageError(f"--story does not apply to --format {fmt}: articles are exported whole, "
                               "each with its story_id")
    with _store(_settings(db=db)) as store:
        if out_path is None:
            write_export(store.iter_articles(), fmt, sys.stdout, store.extraction, store.story_of)
            return
        count = export_to_path(store.iter_articles(), fmt, out_path, store.extraction, store.story_of)
    err.print(f"exported {count} article(s) to {escape(str(out_path))}")


def _export_events(fmt: str, out_path: Path | None, db: Path | None, query: EventQuery,
                   story_id: int | None) -> None:
    if out_path is None and fmt in BINARY_FORMATS:
        raise click.UsageError(f"--format {fmt} writes a binary file: give --out FILE")
    with _store(_settings(db=db)) as store:
        if story_id is not None:
            story_ids(store, story_id)  # an unknown story fails here, before any file is made
            query = replace(query, article_ids=tuple(store.story_article_ids(story_id)))
        if out_path is None:
            write_events(store.iter_events(query), fmt, sys.stdout)
            return
        count = export_events_to_path(store.iter_events(query), fmt, out_path)
    err.print(f"exported {_plural(count, 'event')} to {escape(str(out_path))}")


def _export_stories(fmt: str, out_path: Path | None, db: Path | None, story_id: int | None) -> None:
    with _store(_settings(db=db)) as store:
        if out_path is None:
            write_story_export(store, fmt, sys.stdout, story_id)
            return
        story_ids(store, story_id)  # an unknown story fails here, before any file is made
        count = export_story_to_path(store, fmt, out_path, story_id)
    err.print(f"exported {_plural(count, 'record')} to {escape(str(out_path))}")


@cli.command()
@db_option
@json_option
def stats(db: Path | None, as_json: bool) -> None:
    """Summarise the database: articles, duplicates, outlets, dates, cleaning.

    Example:

        newsgraph stats --json
    """
    with _store(_settings(db=db)) as store:
        numbers = store.stats()
    if as_json:
        _print_json(asdict(numbers))
        return
    out.print(f"{_plural(numbers.articles, 'article')} ({_plural(numbers.originals, 'original')}, "
              f"{_plural(numbers.duplicates, 'near-duplicate')}, {numbers.undated} undated)")
    if numbers.earliest:
        out.print(f"published {numbers.earliest} … {numbers.latest}")
    out.print("outlets: " + escape(_listing(numbers.outlets)))
    out.print("cited sources: " + escape(_listing(numbers.cited_sources) or "none"))
    out.print("removed by cleaning: " + escape(_listing(numbers.removals) or "nothing"))


# helpers ------------------------------------------------------------------------------------------

def _settings(**changes: Any) -> Settings:
    try:
        return Settings.from_env().with_changes(**changes)
    except ConfigError as e:
        raise click.UsageError(str(e)) from e


class _store:
    """Opens the configured store for one command and closes it; errors exit 1 with the message."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.store: Store | None = None

    def __enter__(self) -> Store:
        try:
            self.store = open_store(self.settings.db)
        except NewsgraphError as e:
            _fail(str(e))
        assert self.store is not None
        return self.store

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 _tb: object) -> None:
        if self.store is not None:
            self.store.close()
        if isinstance(exc, NewsgraphError):
            _fail(str(exc))


def _fail(message: str) -> None:
    err.print(f"[red]error:[/] {escape(message)}")
    sys.exit(1)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def _when(published: str | None) -> str:
    """A publication date for a listing: a timestamp shortened to its minute, in its own zone."""
    if published is None:
        return "[dim]undated[/]"
    return published[:16].replace("T", " ") if "T" in published else published


def _listing(counts: dict[str, int], most: int = 8) -> str:
    items = list(counts.items())
    text = ", ".join(f"{name} ({n})" for name, n in items[:most])
    return text + (f", and {len(items) - most} more" if len(items) > most else "")


def _print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


from newsgraph import cli_stories  # noqa: E402,F401  (registers the story commands)

# isort: split
from newsgraph import cli_timeline  # noqa: E402,F401  (registers timeline and changes)

# isort: split
from newsgraph import cli_serve  # noqa: E402,F401  (registers serve and token)
