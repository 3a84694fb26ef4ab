"""Mentions of one event within an article (``newsgraph.nlp.event_mentions``), on hand-built events."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from newsgraph.nlp.event_mentions import MUTUAL, WINDOW, Mention, _apart, corefer
from newsgraph.nlp.records import Event, EventDate, Participant, Sentence
from newsgraph.nlp.records import Mention as Span


def event(type_: str = "CONSULT", *, named: Sequence[str] = (), date: str | None = None,
          mode: str | None = None, status: str = "happened", place: int | None = None,
          at: int = 0, recipients: Sequence[str] = ()) -> Event:
    return Event(
        id="", type=type_, mode=mode, contexts=(), cameo="04", trigger=Span(at, at + 4, "meet"),  # type: ignore[arg-type]
        sentence=Sentence(at, at + 10),
        actors=tuple(Participant(e, e, at, at + 1) for e in named),
        recipients=tuple(Participant(e, e, at, at + 1) for e in recipients), place=place,
        date=EventDate(date, "day", at, at + 1) if date else None, status=status,  # type: ignore[arg-type]
        attribution=(), confidence=0.8)


def test_a_later_mention_of_the_same_people_takes_the_earlier_ones_date_and_place() -> None:
    mentions = [Mention(event(named=["e1", "e2"], date="2026-01-15", at=0), 0, bare=False),
                Mention(event(named=["e2"], place=3, at=40), 1, bare=False)]
    first, second = corefer(mentions)
    assert (second.date is not None and second.date.value, second.place) == ("2026-01-15", 3)
    assert first.place == 3 and (first.id, second.id) == ("ev1", "ev2")


def test_meetings_of_the_same_people_on_different_days_stay_apart() -> None:
    mentions = [Mention(event(named=["e1"], date="2026-01-15", place=1), 0, bare=False),
                Mention(event(named=["e1"], date="2026-01-20"), 1, bare=False)]
    assert corefer(mentions)[1].place is None


def test_an_entity_in_another_role_makes_another_event_unless_the_type_is_mutual() -> None:
    won = Mention(event("SUPPORT", recipients=["machado"], date="2024-07-28"), 0, bare=False)
    presented = Mention(event("SUPPORT", named=["machado"], recipients=["trump"]), 1, bare=False)
    assert corefer([won, presented])[1].date is None  # the medal was not presented at the election
    met = Mention(event("CONSULT", named=["ratcliffe"], recipients=["rodriguez"], date="2026-01-15"), 0,
                  bare=False)
    received = Mention(event("CONSULT", named=["rodriguez"], recipients=["ratcliffe"]), 1, bare=False)
    meeting = corefer([met, received])[1].date
    assert meeting is not None and meeting.value == "2026-01-15"


def test_a_bare_mention_names_the_latest_event_of_its_type_in_the_window() -> None:
    mentions = [Mention(event(named=["e1"], date="2026-01-10"), 0, bare=False),
                Mention(event(named=["e2"], date="2026-01-15"), 1, bare=False),
                Mention(event(), 2, bare=True)]
    bare = corefer(mentions)[2]
    assert bare.date is not None and bare.date.value == "2026-01-15"
    assert [a.entity_id for a in bare.actors] == ["e2"]


def test_a_bare_mention_past_the_window_is_dropped() -> None:
    mentions = [Mention(event(named=["e1"]), 0, bare=False), Mention(event(), WINDOW + 1, bare=True)]
    assert len(corefer(mentions)) == 1


def test_a_plan_lends_no_date_to_what_happened() -> None:
    mentions = [Mention(event(named=["e1"], date="2026-03-11", status="planned"), 0, bare=False),
                Mention(event(named=["e1"], place=2), 1, bare=False)]
    plan, happened = corefer(mentions)
    assert happened.date is None
    assert plan.place == 2  # one event still: the place where it happened is where it was planned


# The rules as first written: every mention compared with every earlier one, and each mention's others
# sorted by distance. Quadratic, and the reference the faster code must agree with.

def reference(mentions: Sequence[Mention]) -> list[Event]:
    n = len(mentions)
    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    def latest_of_type(i: int) -> int | None:
        for j in range(i - 1, -1, -1):
            if mentions[i].sentence - mentions[j].sentence > WINDOW:
                return None
            if mentions[j].event.type == mentions[i].event.type and not mentions[j].bare \
                    and not _apart(mentions[j].event, mentions[i].event):
                return j
        return None

    def roles(e: Event) -> set[tuple[str, str | None]]:
        mutual = e.type in MUTUAL
        return ({("" if mutual else "actor", p.entity_id) for p in e.actors}
                | {("" if mutual else "recipient", p.entity_id) for p in e.recipients})

    def same(a: Event, b: Event) -> bool:
        named = roles(a) & roles(b)
        dates = a.date is None or b.date is None or a.date.value == b.date.value
        return a.type == b.type and bool(named) and dates and (a.mode == b.mode or None in (a.mode, b.mode))

    latest = [latest_of_type(i) if m.bare else None for i, m in enumerate(mentions)]
    for i in range(n):
        for j in range(i):
            if (latest[i] == j) if mentions[i].bare else same(mentions[j].event, mentions[i].event):
                parent[root(i)] = root(j)
    kept = []
    for i, m in enumerate(mentions):
        others = sorted((j for j in range(n) if j != i and root(j) == root(i)),
                        key=lambda j: (j != latest[i], abs(j - i), j))
        if m.bare and not others:
            continue
        e, found = m.event, [mentions[j].event for j in others]
        date = e.date or next((o.date for o in found if o.date is not None and not _apart(e, o)), None)
        place = e.place if e.place is not None else next(
            (o.place for o in found if o.place is not None), None)
        parties = (e.actors, e.recipients) if e.actors or e.recipients else next(
            ((o.actors, o.recipients) for o in found if o.actors or o.recipients), ((), ()))
        kept.append(replace(e, date=date, place=place, actors=parties[0], recipients=parties[1]))
    return [replace(e, id=f"ev{k}") for k, e in enumerate(kept, start=1)]


def random_mentions(seed: int, n: int) -> list[Mention]:
    rng = random.Random(seed)
    mentions, sentence = [], 0
    for at in range(n):
        sentence += rng.random() < 0.4
        if rng.random() < 0.2:  # a bare "the meeting": no participants of its own
            mentions.append(Mention(event(rng.choice(["CONSULT", "ASSAULT"]), at=at), sentence, bare=True))
            continue
        mentions.append(Mention(event(
            rng.choice(["CONSULT", "ASSAULT"]),
            named=rng.sample(["e1", "e2", "e3", "e4"], rng.randint(1, 2)),
            recipients=rng.sample(["e1", "e2", "e3", "e4"], rng.randint(0, 1)),
            date=rng.choice([None, None, "2026-01-15", "2026-01-16"]),
            mode=rng.choice([None, "visit", "phone"]),
            status=rng.choice(["happened", "planned", "ongoing", "threatened"]),
            place=rng.choice([None, None, None, 1, 2]), at=at), sentence, bare=False))
    return mentions


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 10**6), st.integers(0, 40))
def test_mentions_are_grouped_and_filled_as_by_comparing_every_pair(seed: int, n: int) -> None:
    mentions = random_mentions(seed, n)
    assert corefer(mentions) == reference(mentions)
