"""The story commands: ``stories``, ``story ID``, ``story merge`` and ``story split``.

Registered into ``newsgraph.cli.cli`` when ``cli.py`` imports this module (its last line).
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import click
from rich.markup import escape

from newsgraph.cli import (
    _fail,
    _plural,
    _print_json,
    _settings,
    _store,
    _when,
    cli,
    db_option,
    json_option,
    out,
)
from newsgraph.store import StoryDetail, StorySummary
from newsgraph.story_views import refresh_story_views


@cli.command()
@db_option
@json_option
def stories(db: Path | None, as_json: bool) -> None:
    """List the stories: id, label, number of articles and period.

    Articles join stories as they are extracted (`ingest`, `process`); see docs/stories.md.

    Example:

        newsgraph stories --json
    """
    with _store(_settings(db=db)) as store:
        found = store.stories()
    if as_json:
        _print_json([asdict(s) for s in found])
        return
    if not found:
        out.print("no stories yet: ingest articles with extraction on, or run `newsgraph process`")
    for story in found:
        out.print(f"[bold]{story.id:>4}[/]  {escape(story.label)}  "
                  f"[dim]{_plural(story.articles, 'article')} · {_period(story)}[/]")


class _StoryGroup(click.Group):
    """``story ID`` shows a story; ``story merge`` and ``story split`` change them."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            args = ["show", *args]
        return super().parse_args(ctx, args)


@cli.group(cls=_StoryGroup)
def story() -> None:
    """Show a story (`story ID`), merge two (`story merge KEEP OTHER`) or split one
    (`story split ID ARTICLE_ID...`). Story ids never change: a merged story keeps its id, marked
    merged into the other.

    Example:

        newsgraph story 3
    """


@story.command("show")
@click.argument("story_id", metavar="ID", type=int)
@db_option
@json_option
def show(story_id: int, db: Path | None, as_json: bool) -> None:
    """Show a story: its label, its articles with dates and outlets, its main entities.

    Example:

        newsgraph story 3 --json
    """
    with _store(_settings(db=db)) as store:
        detail = store.story(story_id)
    if detail is None:
        _fail(f"there is no story {story_id}; list them with `newsgraph stories`")
    assert detail is not None
    if as_json:
        _print_json({**asdict(detail), "article_ids": list(detail.article_ids)})
        return
    _print_story(detail)


@story.command("merge")
@click.argument("keep", type=int)
@click.argument("other", type=int)
@db_option
@json_option
def merge(keep: int, other: int, db: Path | None, as_json: bool) -> None:
    """Move every article of story OTHER into story KEEP. OTHER keeps its id, marked merged into KEEP.

    Example:

        newsgraph story merge 3 7
    """
    if keep == other:
        raise click.BadParameter("give two different story ids", param_hint="OTHER")
    settings = _settings(db=db)
    with _store(settings) as store:
        kept = store.merge_stories(keep, other)
        if settings.refresh_views:
            refresh_story_views(store, [keep])
    if as_json:
        _print_json(asdict(kept))
        return
    out.print(f"merged story {other} into {keep}: {escape(kept.label)} "
              f"[dim]({_plural(kept.articles, 'article')})[/]")


@story.command("split")
@click.argument("story_id", metavar="ID", type=int)
@click.argument("article_ids", metavar="ARTICLE_ID...", type=int, nargs=-1, required=True)
@db_option
@json_option
def split(story_id: int, article_ids: tuple[int, ...], db: Path | None, as_json: bool) -> None:
    """Move ARTICLE_IDs out of story ID into a new story, and print its id.

    Example:

        newsgraph story split 3 12 14
    """
    settings = _settings(db=db)
    with _store(settings) as store:
        new_id = store.split_story(story_id, article_ids)
        if settings.refresh_views:
            refresh_story_views(store, [story_id, new_id])
        found = store.story(new_id)
    assert found is not None
    if as_json:
        _print_json(asdict(found.story))
        return
    out.print(f"new story {new_id}: {escape(found.story.label)} "
              f"[dim]({_plural(found.story.articles, 'article')} from story {story_id})[/]")


def _print_story(detail: StoryDetail) -> None:
    story = detail.story
    out.print(f"[bold]Story {story.id}: {escape(story.label)}[/] "
              f"[dim]{_plural(story.articles, 'article')} · {_period(story)}[/]")
    if story.merged_into is not None:
        out.print(f"merged into story {story.merged_into}: see `newsgraph story {story.merged_into}`")
    for article in detail.articles:
        copy = f" (copy of #{article.duplicate_of})" if article.duplicate_of else ""
        out.print(f"  #{article.id:<5} {_when(article.published):<12} {escape(article.outlet or '?'):<18} "
                  f"{escape(article.title or article.source)}[dim]{copy}[/]")
    if detail.entities:
        out.print("main entities: " + escape(", ".join(f"{e.name} ({e.articles})" for e in detail.entities)))


def _period(story: StorySummary) -> str:
    if story.first is None or story.last is None:
        return "undated"
    return story.first if story.first == story.last else f"{story.first} – {story.last}"
