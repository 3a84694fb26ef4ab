"""``/v1/events``, ``/v1/timeline`` and ``/v1/changes``: coded events with filters, the grouped timeline,
and what changed, over the same library functions as the CLI's commands."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from newsgraph.api.deps import ReadAccess, StoreDep
from newsgraph.api.errors import BadParameter, NotFound
from newsgraph.api.pagination import Page, Paging, paging
from newsgraph.api.params import MAX_TEXT, Since, Text, Until, checked_date, date_range
from newsgraph.api.stories import known_story
from newsgraph.changes import Change, story_changes
from newsgraph.dyads import dyad_rule
from newsgraph.event_groups import group_events
from newsgraph.names import slug
from newsgraph.nlp.records import EventStatus, EventType  # plain records: no spaCy
from newsgraph.store import EventQuery, EventRow, Store
from newsgraph.story_views import changes_of_story, timeline_of_story
from newsgraph.timeline import TimelineEntry, timeline

router = APIRouter(prefix="/v1", tags=["events"], dependencies=[ReadAccess])
# Articles a full-text query selects for a timeline: the best matches, as `newsgraph timeline QUERY`.
QUERY_ARTICLES = 200
MAX_ENTITIES = 5
StoryParam = Annotated[int | None, Query(ge=1, le=2**62, description="A story id (see /v1/stories).")]
EntityParam = Annotated[str | None, Query(min_length=1, max_length=MAX_TEXT,
                                          description="An entity id, a name or a surname.")]


@router.get("/events", summary="List events", tags=["events"])
def list_events(
    store: StoreDep, page: Annotated[Paging, Depends(paging)],
    type: Annotated[EventType | None, Query(description="A PLOVER event type.")] = None,
    status: Annotated[EventStatus | None, Query(description="An event status.")] = None,
    entity: Annotated[list[str], Query(max_length=MAX_ENTITIES,
                                       description="Events these entities all take part in (an id, a name "
                                                   "or a surname); repeat for several.")] = [],  # noqa: B006
    outlet: Text = None, place: Text = None, since: Since = None, until: Until = None,
    dyadic: Annotated[bool, Query(description="Only events whose actor and recipient are both named "
                                              "entities, as PETRARCH and GDELT code events.")] = False,
    new_actor_length: Annotated[int | None, Query(ge=0, le=100, description="With dyadic: a participant "
                                                  "that is no named entity also counts when named in at "
                                                  "most this many words.")] = None,
) -> Page[EventRow]:
    """Events by when they happened (undated last), as `newsgraph events` lists them. Dates filter on
    overlap; an event the text does not date counts on its article's publication date."""
    low, high = date_range(since, until)
    try:
        dyads = dyad_rule(dyadic, new_actor_length)
    except ValueError:
        raise BadParameter("new_actor_length applies with dyadic=true") from None
    ids = tuple(entity_id(store, name) for name in entity)
    query = EventQuery(types=(type,) if type else (), statuses=(status,) if status else (),
                       entity_ids=ids, outlet=outlet, place=place, since=low, until=high,
                       dyads=dyads)
    return page.page(lambda offset, count: store.events(_at(query, offset, count)))


@router.get("/timeline", summary="A timeline of grouped events")
def get_timeline(
    store: StoreDep, page: Annotated[Paging, Depends(paging)], story: StoryParam = None,
    entity: EntityParam = None,
    q: Annotated[str | None, Query(min_length=1, max_length=MAX_TEXT, description="The events of the "
                                   "articles a full-text search finds.")] = None,
    since: Since = None, until: Until = None,
    confirmations: Annotated[int, Query(ge=0, le=1000, description="At least this many independent "
                                                                   "confirmations.")] = 0,
) -> Page[TimelineEntry]:
    """Events, each reported once however many articles report it, by when they happened. Give at most
    one of `story`, `entity` and `q`; none gives every stored event."""
    if sum(x is not None for x in (story, entity, q)) > 1:
        raise BadParameter("give at most one of 'story', 'entity' and 'q'")
    low, high = date_range(since, until)
    if story is not None:
        known_story(store, story)
        entries = timeline_of_story(store, story, low, high)
    else:
        query = (EventQuery(entity_ids=(entity_id(store, entity),)) if entity is not None else
                 EventQuery(article_ids=None if q is None else tuple(
                     a.id for a in store.search_articles(q, limit=QUERY_ARTICLES))))
        entries = timeline(group_events(store.iter_events(query)), low, high)
    return page.window([e for e in entries if e.confirmations >= confirmations])


@router.get("/changes", summary="What changed")
def get_changes(store: StoreDep, page: Annotated[Paging, Depends(paging)], story: StoryParam = None,
                since: Since = None) -> Page[Change]:
    """Role changes, plans and their outcomes, contradictions and what each article adds, each with the
    evidence on both sides, by the day it became known."""
    low = checked_date("since", since)
    if story is not None:
        known_story(store, story)
        return page.window(changes_of_story(store, story, low))
    return page.window(story_changes(store, None, low))


def entity_id(store: Store, name: str) -> str:
    """The one entity ``name`` names (an id, a name or a surname), as the CLI's ``--entity`` finds it."""
    matches = store.find_entities(name)
    exact = [m for m in matches if m[0] == name or m[0].split(":", 1)[-1] == slug(name)]
    if len(exact) == 1 or len(matches) == 1:
        return (exact or matches)[0][0]
    if not matches:
        raise NotFound(f"no entity matches {name!r}; find ids with /v1/entities?q=NAME")
    listed = ", ".join(m[0] for m in matches[:8])
    raise BadParameter(f"{name!r} matches several entities: {listed}; give one of these ids")


def _at(query: EventQuery, offset: int, count: int) -> EventQuery:
    return replace(query, limit=count, offset=offset)
