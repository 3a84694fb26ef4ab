"""``/v1/entities``: a search by name or id, and one entity with its role ledger, events and quotes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query
from pydantic import BaseModel

from newsgraph.api.deps import ReadAccess, StoreDep
from newsgraph.api.errors import NotFound
from newsgraph.api.pagination import Page, Paging, paging
from newsgraph.api.params import MAX_TEXT
from newsgraph.api.records import EntityQuote, LedgerRecord
from newsgraph.ledger import StatusChange, entity_ledger, ledger_record
from newsgraph.store import EntityOverview, EventQuery, EventRow, Store

router = APIRouter(prefix="/v1/entities", tags=["entities"], dependencies=[ReadAccess])
# One entity's page shows its first events and the quotes of its latest articles; the rest are a
# query away (/v1/events?entity=ID, /v1/articles/ID).
ENTITY_EVENTS = 100
QUOTE_ARTICLES = 50
EntityId = Annotated[str, Path(min_length=3, max_length=MAX_TEXT, pattern=r"^[a-z]+:\S+$",
                               description="An entity id: `person:renata-salinas`.")]


@dataclass(frozen=True)
class EntityMatch:
    id: str
    name: str
    type: str
    mentions: int


class EntityDetail(BaseModel):
    entity: EntityOverview
    ledger: list[LedgerRecord]
    status_changes: list[StatusChange]
    events: list[EventRow]
    more_events: bool
    quotes: list[EntityQuote]


@router.get("", summary="Search entities")
def list_entities(store: StoreDep, page: Annotated[Paging, Depends(paging)],
                  q: Annotated[str, Query(min_length=1, max_length=MAX_TEXT,
                                          description="An id, a name or a surname (accents and case "
                                                      "ignored).")]) -> Page[EntityMatch]:
    """Entities whose id is `q` or whose name ends with it, most mentioned first."""
    return page.window([EntityMatch(*match) for match in store.find_entities(q)])


@router.get("/{entity_id}", summary="One entity: role ledger, events, quotes")
def get_entity(store: StoreDep, entity_id: EntityId) -> EntityDetail:
    """The entity's names, roles and articles; its role ledger and the status changes events caused;
    its first events (all of them: `/v1/events?entity=ID`); and what it said in its latest articles."""
    overview = store.entity_overview(entity_id)
    if overview is None:
        raise NotFound(f"no entity {entity_id!r}; find ids with /v1/entities?q=NAME")
    ledger, statuses = entity_ledger(store, entity_id, overview.roles)
    events = store.events(EventQuery(entity_ids=(entity_id,), limit=ENTITY_EVENTS + 1))
    return EntityDetail(
        entity=overview, ledger=[LedgerRecord.model_validate(ledger_record(e)) for e in ledger],
        status_changes=statuses, events=events[:ENTITY_EVENTS], more_events=len(events) > ENTITY_EVENTS,
        quotes=entity_quotes(store, overview))


def entity_quotes(store: Store, overview: EntityOverview) -> list[EntityQuote]:
    """The quotes the entity is the speaker of in its latest ``QUOTE_ARTICLES`` articles, each with its
    article id, by article."""
    found = []
    for article in overview.articles[-QUOTE_ARTICLES:]:
        record = store.extraction(article.id) or {}
        for quote in record.get("quotes", []):
            if (quote.get("speaker") or {}).get("entity_id") == overview.id:
                found.append(EntityQuote.model_validate({"article_id": article.id, **quote}))
    return found
