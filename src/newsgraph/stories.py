"""Stories: each article joins the most similar story it can be found through, or starts one.

An article is described by its *terms*: the entity ids it names (``e:person:nicolas-maduro``), the
surnames of its people (``s:maduro``), its events as ``type|actors|recipients`` keys
(``v:CONSULT|person:a|person:b``), the places it resolves (``p:Venezuela``), its MinHash LSH band keys
(``b:-4821…``) and its name words (``n:rahman``: capitalised words and numbers inside sentences, which
only choose between stories that already qualify). People are scored by surname, so ``person:rahman``
in one article and ``person:hasim-rahman`` in another are one person. A ``StoryIndex`` keeps, for every story,
how many of its articles carry each term, and for every term how many articles and stories carry it.

Assigning an article (``assign``) is three steps:

1. **Blocking.** ``StoryIndex.candidates`` looks up only the stories that share a rare-enough term with
   the article (an inverted index from term to stories), never every story, so the cost of adding an
   article does not grow with the store.
2. **Scoring.** Each candidate gets an IDF-weighted overlap per kind of term (entities, events, places),
   the share of the article's bands it holds (text similarity), a weighted mean of those, times a factor
   that decays with the days between the article and the story's date range.
3. **Deciding.** The best candidate at or above ``StoryOptions.threshold`` is joined; else a story starts.

Then the story joined may be checked for twins (``split_due``, ``twin_split``): at growing check sizes,
its articles are clustered in two by their name words, and two groups far apart relative to their own
cohesion (two earthquakes filed together before the second had a story) become two stories.

Pure and spaCy-free: the store and the evaluation supply the index.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

ENTITY, EVENT, PLACE, BAND, SURNAME, NAME = "e:", "v:", "p:", "b:", "s:", "n:"
KINDS = (ENTITY, EVENT, PLACE, BAND, SURNAME, NAME)
PERSON = ENTITY + "person:"
# Generational suffixes a person id may end with (``person:martin-luther-king-jr``): the surname is the
# word before them.
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# Name words (``n:rahman``, ``n:12``): a word inside a sentence that is capitalised, or a number.
_WORD = re.compile(r"[^\W\d_][\w'’-]*|\d[\d,.]*\d|\d")
# Capitalised words that name no one: the pronoun, titles, days and months.
_NOT_NAMES = frozenset(
    "i mr mrs ms dr monday tuesday wednesday thursday friday saturday sunday january february march "
    "april may june july august september october november december".split())


@dataclass(frozen=True)
class StoryOptions:
    """How articles are grouped into stories; every weight is relative to the others."""

    # Weight of shared entities (people, organisations, places named) in the similarity.
    entity_weight: float = 1.0
    # Weight of shared events (same type with the same named participants): strong, specific evidence.
    event_weight: float = 0.5
    # Weight of shared resolved places; places are also entities, so this is kept low.
    place_weight: float = 0.25
    # Shared MinHash bands mean near-identical wording (syndicated and rewritten copies); absent bands
    # prove nothing, so text similarity is a bonus added to the mean of the others: this times the share
    # of the article's bands the story holds.
    text_weight: float = 0.5
    # A candidate story is joined when its score reaches this; below it the article starts a story.
    threshold: float = 0.25
    # Days for the time factor to halve: an article 90 days outside a story's date range counts half.
    # Developing stories run for months with quiet spells between bursts (a November plan, a January
    # capture); a month's half-life split them. ECB+, which has no dates, does not measure this.
    half_life_days: float = 90.0
    # The time factor never falls below this, so a story revived after months can still be joined.
    min_time_factor: float = 0.1
    # Blocking uses only terms carried by at most this many stories: a term in every story (``e:place:us``)
    # would make every story a candidate. Scoring still uses every term of the article.
    block_max_stories: int = 50
    # At most this many candidates (most shared blocking terms first) are scored per article.
    max_candidates: int = 20
    # A story's weight for a term is the share of its articles carrying it, raised to this power: below
    # 1 it favours a story whose articles carry the term at all over one where most of them do.
    coverage_power: float = 0.25
    # Weight of the reverse view: how much of the story's own main terms (its ``core_terms`` entities,
    # events and places carried by most of its articles) the article names. It keeps apart two stories
    # with the same protagonist and a different counterpart (one boxer's two title fights).
    core_weight: float = 0.5
    # How many of a story's most-carried terms make its core.
    core_terms: int = 15
    # Events with no named participant (``v:ATTACK||``) say little of which story they belong to.
    events_need_participants: bool = True
    # People are scored by surname (``s:rahman``) rather than by id: an article that names only "Rahman"
    # gets ``person:rahman`` while another has ``person:hasim-rahman``, and entity ids join short forms to
    # full names within an article only. Two different people with one surname then count as one; IDF
    # makes a common surname (``s:kim``) weigh less, but a story's opening article can still join another
    # Kim's story (docs/stories.md, "People by surname"). Off: people are scored by id.
    people_by_surname: bool = True
    # Among the candidates at or above the threshold, the one joined is the best by score plus this
    # times the share of the article's name words (capitalised words and numbers inside its sentences,
    # IDF-weighted) the story's articles carry. Name words tell one story from its twin (a boxer's
    # two title fights, two earthquakes) better than entity ids do, but as a kind in the score they
    # raise wrong joins too, so they only choose between stories that already qualify. 0: off.
    name_weight: float = 0.5
    # Twin check: a story that grew to a check size (``split_min_articles``, then each size times
    # ``split_growth``: 6, 9, 13, 19, 28 …) is split in two when its articles fall into two groups whose
    # mean name-word similarity between the groups is below this share of the mean within them (two
    # earthquakes, one boxer's two fights, filed together before the second had words of its own).
    # The smaller group moves to a new story. 0: never split.
    split_ratio: float = 0.4
    split_min_articles: int = 6
    split_growth: float = 1.5
    # Each group of a split holds at least this many articles. Two were enough on ECB+ (B³ 0.903 on
    # DEV against 0.900) but split a developing story (MEANTIME's months of US carmakers' crisis) into
    # pairs of reports of its episodes; three kept it whole.
    split_min_group: int = 3
    # Larger stories are not checked (the check's cost grows with the cube of the story's size).
    split_max_articles: int = 1000

    def __post_init__(self) -> None:
        for name in ("entity_weight", "event_weight", "place_weight", "text_weight", "half_life_days",
                     "name_weight"):
            if getattr(self, name) < 0:
                raise ValueError(f"StoryOptions.{name} is {getattr(self, name)}; give a number >= 0")
        if not 0.0 <= self.min_time_factor <= 1.0:
            raise ValueError(f"StoryOptions.min_time_factor is {self.min_time_factor}; give 0 to 1")
        if self.block_max_stories < 1 or self.max_candidates < 1:
            raise ValueError("StoryOptions.block_max_stories and max_candidates must be at least 1")
        if not 0.0 <= self.split_ratio <= 1.0:
            raise ValueError(f"StoryOptions.split_ratio is {self.split_ratio}; give 0 (off) to 1")
        if self.split_growth <= 1.0:
            raise ValueError(f"StoryOptions.split_growth is {self.split_growth}; give a number above 1")
        if self.split_min_group < 1 or self.split_min_articles < 2 * self.split_min_group:
            raise ValueError("StoryOptions.split_min_group must be at least 1 and split_min_articles at "
                             "least twice it")


@dataclass(frozen=True)
class ArticleProfile:
    """What story assignment needs of one article."""

    article_id: int
    published: date | None
    outlet: str | None
    entities: Mapping[str, int]  # entity id → mention count
    events: frozenset[str]  # ``TYPE|actor ids|recipient ids``
    places: frozenset[str]  # resolved place names
    bands: tuple[int, ...]  # MinHash LSH band keys, as dedup stores them
    names: frozenset[str] = frozenset()  # name words (``name_words``)

    def terms(self) -> dict[str, float]:
        """The article's terms and their weights: 1 + log(mentions) for entities and surnames, 1 for the
        rest."""
        terms = {ENTITY + k: 1.0 + math.log(max(n, 1)) for k, n in self.entities.items()}
        terms.update(_surnames(self.entities))
        terms.update({EVENT + k: 1.0 for k in self.events})
        terms.update({PLACE + k: 1.0 for k in self.places})
        terms.update({BAND + str(k): 1.0 for k in self.bands})
        terms.update({NAME + k: 1.0 for k in self.names})
        return terms


def surname(entity_id: str) -> str | None:
    """The last word of a person id (``person:hasim-rahman`` → ``rahman``), suffixes aside; None for
    anything but a person, and when that word is an initial or a number (``person:george-w``): those
    are no surname to match people by."""
    if not entity_id.startswith("person:"):
        return None
    words = [w for w in entity_id[len("person:"):].split("-") if w]
    while len(words) > 1 and words[-1] in NAME_SUFFIXES:
        words.pop()
    last = words[-1] if words else ""
    return last if len(last) > 1 and not last.isdigit() else None


def _surnames(entities: Mapping[str, int]) -> dict[str, float]:
    """``s:rahman`` for every person named, weighted by the mentions of all the people it covers."""
    mentions: Counter[str] = Counter()
    for entity_id, n in entities.items():
        if (name := surname(entity_id)) is not None:
            mentions[SURNAME + name] += max(n, 1)
    return {t: 1.0 + math.log(n) for t, n in mentions.items()}


@dataclass(frozen=True)
class Candidate:
    """A story found by blocking: its size, date range and its weight (articles carrying it) for
    each of the article's terms it has."""

    story_id: int
    articles: int
    first: date | None
    last: date | None
    counts: Mapping[str, int]
    core: Mapping[str, int] = field(default_factory=dict)  # its most-carried non-band terms, up to
    # ``StoryOptions.core_terms``, with their weights


@dataclass(frozen=True)
class Assignment:
    """The story to join (None: start one) and the score that decided it."""

    story_id: int | None
    score: float


class StoryIndex(Protocol):
    """The inverted index assignment reads."""

    def candidates(self, profile: ArticleProfile) -> Sequence[Candidate]:
        """Stories sharing a rare-enough term with ``profile`` (bounded, never a scan of all)."""
        ...

    def frequencies(self, terms: Iterable[str]) -> Mapping[str, int]:
        """How many indexed articles carry each of ``terms`` (absent: none)."""
        ...

    def size(self) -> int:
        """How many articles are indexed."""
        ...


# Profiles -----------------------------------------------------------------------------------------

def profile_of(article_id: int, published: date | None, outlet: str | None, record: Mapping[str, Any],
               bands: Iterable[int], options: StoryOptions | None = None, text: str = "") -> ArticleProfile:
    """The profile of an article from its extraction ``record`` (see docs/extract.md) and the ``text``
    its offsets index (without it, no name words)."""
    options = options or StoryOptions()
    entities = {e["id"]: max(len(e.get("mentions", [])), 1) for e in record.get("entities", [])}
    events = frozenset(
        key for event in record.get("events", [])
        if (key := event_key(event)) and (not options.events_need_participants or not key.endswith("||"))
    )
    places = frozenset(p["name"] for p in record.get("places", []) if p.get("name"))
    sentences = [(x["start"], x["end"]) for x in record.get("sentences", [])
                 if isinstance(x.get("start"), int) and isinstance(x.get("end"), int)]
    return ArticleProfile(article_id, published, outlet, entities, events, places, tuple(bands),
                          name_words(text, sentences))


def name_words(text: str, sentences: Iterable[tuple[int, int]]) -> frozenset[str]:
    """The capitalised words and numbers of ``text``'s sentences, their opening words aside (a
    capital there proves nothing), folded to lower case: ``rahman``, ``klitschko``, ``12``."""
    found: set[str] = set()
    for start, end in sentences:
        for n, match in enumerate(_WORD.finditer(text, start, end)):
            word = match.group().rstrip("'’-")
            if n and (word[0].isdigit() or word[0].isupper()) and word.lower() not in _NOT_NAMES:
                found.add(word.lower())
    return frozenset(found)


def event_key(event: Mapping[str, Any]) -> str:
    """``TYPE|actor ids|recipient ids``, ids sorted and joined by ``,``."""
    actors = sorted({i for i in event.get("actors", []) if i})
    recipients = sorted({i for i in event.get("recipients", []) if i})
    return f"{event.get('type', '')}|{','.join(actors)}|{','.join(recipients)}"


# Scoring --------------------------------------------------------------------------------------------

def assign(profile: ArticleProfile, index: StoryIndex, options: StoryOptions) -> Assignment:
    """The story ``profile`` joins: the best-scoring candidate at or above the threshold, else None."""
    candidates = index.candidates(profile)
    if not candidates:
        return Assignment(None, 0.0)
    terms = profile.terms()
    wanted = {t for t in terms if not t.startswith(BAND)} | {t for c in candidates for t in c.core}
    idf = _idf(index.frequencies(sorted(wanted)), index.size())
    scored = [(score(profile, terms, c, idf, options), c) for c in candidates]
    qualified = [(s, c) for s, c in scored if s >= options.threshold]
    if not qualified:
        return Assignment(None, max(s for s, _ in scored))
    names = {t: w for t, w in terms.items() if t.startswith(NAME)}
    best, chosen = max(qualified, key=lambda sc: (
        sc[0] + (options.name_weight * _overlap(names, sc[1], idf, options.coverage_power)
                 if names and options.name_weight else 0.0), -sc[1].story_id))
    return Assignment(chosen.story_id, best)


def score(profile: ArticleProfile, terms: Mapping[str, float], candidate: Candidate,
          idf: Mapping[str, float], options: StoryOptions) -> float:
    """The weighted mean of the entity, event and place overlaps (kinds the article lacks left out),
    plus the text bonus, at most 1, times the time factor."""
    weights = {ENTITY: options.entity_weight, EVENT: options.event_weight, PLACE: options.place_weight}
    total = mass = 0.0
    for kind, weight in weights.items():
        own = {t: w for t, w in terms.items() if _kind(t, options) == kind}
        if own and weight:
            total += weight * _overlap(own, candidate, idf, options.coverage_power)
            mass += weight
    if candidate.core and options.core_weight:
        total += options.core_weight * _covered(candidate, terms, idf, options)
        mass += options.core_weight
    bands = {t: w for t, w in terms.items() if t.startswith(BAND)}
    text = options.text_weight * _overlap(bands, candidate, {}, options.coverage_power) if bands else 0.0
    similarity = min(1.0, (total / mass if mass else 0.0) + text)
    return similarity * time_factor(profile.published, candidate.first, candidate.last, options)


def _kind(term: str, options: StoryOptions) -> str | None:
    """The kind ``term`` is scored in: a person by surname among the entities (by id when it has none,
    or with ``people_by_surname`` off); None for a term not scored."""
    if term.startswith(SURNAME):
        return ENTITY if options.people_by_surname else None
    if term.startswith(NAME):
        return None
    if term.startswith(PERSON) and options.people_by_surname and surname(term[len(ENTITY):]):
        return None
    return term[:2]


def _overlap(own: Mapping[str, float], candidate: Candidate, idf: Mapping[str, float],
             power: float) -> float:
    """The share of the article's IDF-weighted mass that the story carries (0…1)."""
    whole = shared = 0.0
    for term, weight in own.items():
        mass = weight * idf.get(term, 1.0)
        whole += mass
        count = candidate.counts.get(term, 0)
        if count:
            shared += mass * min(1.0, count / max(candidate.articles, 1)) ** power
    return shared / whole if whole else 0.0


def _covered(candidate: Candidate, terms: Mapping[str, float], idf: Mapping[str, float],
             options: StoryOptions) -> float:
    """The share of the story's core (IDF times the share of its articles carrying each term) that the
    article names."""
    whole = shared = 0.0
    for term, count in candidate.core.items():
        if _kind(term, options) is None:
            continue
        mass = idf.get(term, 1.0) * min(1.0, count / max(candidate.articles, 1))
        whole += mass
        shared += mass if term in terms else 0.0
    return shared / whole if whole else 0.0


def _idf(frequencies: Mapping[str, int], size: int) -> dict[str, float]:
    """Smoothed inverse document frequency, at least 1 for the article's own terms."""
    return {t: 1.0 + math.log((size + 1) / (n + 1)) for t, n in frequencies.items()}


def time_factor(published: date | None, first: date | None, last: date | None,
                options: StoryOptions) -> float:
    """1 inside the story's date range (or when either side is undated), halving every half-life
    outside it, never below ``min_time_factor``."""
    if published is None or first is None or last is None:
        return 1.0
    gap = (first - published).days if published < first else max((published - last).days, 0)
    if not options.half_life_days:
        return 1.0 if gap == 0 else options.min_time_factor
    return max(math.pow(0.5, gap / options.half_life_days), options.min_time_factor)


def blocking_terms(profile: ArticleProfile) -> list[str]:
    """Every term blocking may look up (the index drops the too-common ones); name words only choose
    among the stories found."""
    return [t for t in profile.terms() if not t.startswith(NAME)]


# Twin check -----------------------------------------------------------------------------------------

def split_due(articles: int, options: StoryOptions) -> bool:
    """Whether a story that has just reached ``articles`` articles is checked for twins: at
    ``split_min_articles`` and at each size ``split_growth`` times the last (6, 9, 13, 19, 28 …), so the
    checks of a growing story cost, in all, a constant factor more than its last one."""
    if not options.split_ratio or articles > options.split_max_articles:
        return False
    size = options.split_min_articles
    while size < articles:
        size = max(size + 1, int(size * options.split_growth))
    return size == articles


def find_twins(names: Sequence[Iterable[str]], index: StoryIndex, options: StoryOptions) -> list[int] | None:
    """``twin_split`` of a story's articles, given each one's name-word terms (``n:…``), weighted by
    their IDF in ``index``."""
    words = sorted({w for article in names for w in article})
    return twin_split(names, _idf(index.frequencies(words), index.size()), options)


def twin_split(names: Sequence[Iterable[str]], idf: Mapping[str, float],
               options: StoryOptions) -> list[int] | None:
    """The positions in ``names`` (each article's name words, in filing order) of the articles to move
    to a new story, or None to keep the story whole.

    Each article is the unit vector of its name words' IDF weights (a word ``idf`` lacks weighs 1).
    Average-link clustering merges the articles until two groups are left; the story is split when each
    group holds at least ``split_min_group`` articles and the mean cosine between the groups is below
    ``split_ratio`` times the mean within them. The smaller group moves; of two equal groups, the one
    without the earliest article. An article without name words says nothing of which event it reports: it
    is left out of the clustering and stays."""
    import numpy as np  # spaCy's dependency; imported here so that importing stories stays light

    worded = [(position, set(article)) for position, article in enumerate(names)]
    worded = [(position, article) for position, article in worded if article]
    if len(worded) < 2 * options.split_min_group:
        return None
    words = sorted({w for _, article in worded for w in article})
    column = {w: k for k, w in enumerate(words)}
    vectors = np.zeros((len(worded), len(words)))
    for row, (_, article) in enumerate(worded):
        for word in article:
            vectors[row, column[word]] = idf.get(word, 1.0)
    vectors /= np.linalg.norm(vectors, axis=1)[:, None]
    similarity = vectors @ vectors.T
    first, second = _two_groups(similarity)
    if min(len(first), len(second)) < options.split_min_group:
        return None
    pairs = sum(len(g) * (len(g) - 1) / 2 for g in (first, second))
    within = sum(float(np.triu(similarity[np.ix_(g, g)], 1).sum()) for g in (first, second)) / pairs
    between = float(similarity[np.ix_(first, second)].mean())
    if within <= 0 or between >= options.split_ratio * within:
        return None
    moving = second if (len(first), 0 in first) > (len(second), 0 in second) else first
    return [worded[row][0] for row in moving]


def _two_groups(similarity: Any) -> tuple[list[int], list[int]]:
    """Average-link agglomerative clustering of a cosine matrix down to two groups (Lance–Williams
    update of the mean similarity between groups, one n-by-n matrix)."""
    import numpy as np

    count = similarity.shape[0]
    mean = similarity.astype(float)
    np.fill_diagonal(mean, -np.inf)
    sizes = np.ones(count)
    groups: dict[int, list[int]] = {i: [i] for i in range(count)}
    while len(groups) > 2:
        i, j = divmod(int(mean.argmax()), count)
        if i > j:
            i, j = j, i
        merged = (sizes[i] * mean[i] + sizes[j] * mean[j]) / (sizes[i] + sizes[j])
        mean[i, :] = merged
        mean[:, i] = merged
        mean[i, i] = -np.inf
        mean[j, :] = -np.inf
        mean[:, j] = -np.inf
        sizes[i] += sizes[j]
        groups[i] += groups.pop(j)
    first, second = (sorted(g) for g in groups.values())
    return first, second


# In memory ------------------------------------------------------------------------------------------

@dataclass
class _Story:
    articles: int = 0
    first: date | None = None
    last: date | None = None
    counts: Counter[str] = field(default_factory=Counter)
    members: list[tuple[int, ArticleProfile]] = field(default_factory=list)  # (key, profile), filing order


class MemoryIndex:
    """A ``StoryIndex`` in memory, for ``cluster`` and tests."""

    def __init__(self, options: StoryOptions) -> None:
        self.options = options
        self._stories: dict[int, _Story] = {}
        self._postings: dict[str, set[int]] = {}
        self._articles: Counter[str] = Counter()
        self._size = 0

    def candidates(self, profile: ArticleProfile) -> list[Candidate]:
        hits: Counter[int] = Counter()
        for term in blocking_terms(profile):
            stories = self._postings.get(term, ())
            if len(stories) <= self.options.block_max_stories:
                hits.update(stories)
        chosen = sorted(hits, key=lambda s: (-hits[s], s))[: self.options.max_candidates]
        terms = profile.terms()
        return [self._candidate(s, terms) for s in chosen]

    def _candidate(self, story_id: int, terms: Mapping[str, float]) -> Candidate:
        story = self._stories[story_id]
        counts = {t: story.counts[t] for t in terms if story.counts.get(t)}
        ranked = sorted((t for t in story.counts if not t.startswith((BAND, NAME))),
                        key=lambda t: (-story.counts[t], t))
        core = {t: story.counts[t] for t in ranked[: self.options.core_terms]}
        return Candidate(story_id, story.articles, story.first, story.last, counts, core)

    def frequencies(self, terms: Iterable[str]) -> dict[str, int]:
        return {t: self._articles[t] for t in terms if self._articles.get(t)}

    def size(self) -> int:
        return self._size

    def add(self, profile: ArticleProfile, story_id: int | None, key: int | None = None) -> int:
        """Record ``profile`` in ``story_id`` (None: a new story) and return the story id. ``key`` names
        the article in ``members`` (default: the order of adding)."""
        if story_id is None:
            story_id = len(self._stories) + 1
        story = self._stories.setdefault(story_id, _Story())
        story.articles += 1
        story.members.append((self._size if key is None else key, profile))
        if profile.published is not None:
            story.first = min(story.first or profile.published, profile.published)
            story.last = max(story.last or profile.published, profile.published)
        for term in profile.terms():
            story.counts[term] += 1
            self._articles[term] += 1
            self._postings.setdefault(term, set()).add(story_id)
        self._size += 1
        return story_id

    def check_twins(self, story_id: int) -> int | None:
        """Split ``story_id`` if it is due a twin check and holds twins (``twin_split``): its smaller
        group moves to a new story, whose id is returned."""
        story = self._stories[story_id]
        if not split_due(story.articles, self.options):
            return None
        moved = find_twins([[NAME + w for w in p.names] for _, p in story.members], self, self.options)
        if moved is None:
            return None
        leaving = set(moved)
        self._stories[story_id] = _Story()
        self._size -= story.articles
        for _, profile in story.members:
            for term in profile.terms():
                self._articles[term] -= 1
                self._postings[term].discard(story_id)
        new_id = len(self._stories) + 1
        for position, (key, profile) in enumerate(story.members):
            self.add(profile, new_id if position in leaving else story_id, key)
        return new_id

    def members(self, story_id: int) -> list[int]:
        """The keys of the story's articles, in filing order."""
        return [key for key, _ in self._stories[story_id].members]


def cluster(profiles: Sequence[ArticleProfile], options: StoryOptions | None = None) -> list[int]:
    """Story numbers (from 1) for ``profiles``, assigned one by one in publication order (undated
    last, then in the order given), as the store assigns them, each story checked for twins after
    each article it gains; returned in the order given."""
    options = options or StoryOptions()
    index = MemoryIndex(options)
    order = sorted(range(len(profiles)), key=lambda i: (profiles[i].published is None,
                                                        profiles[i].published or date.min, i))
    for i in order:
        index.check_twins(index.add(profiles[i], assign(profiles[i], index, options).story_id, key=i))
    filed = [0] * len(profiles)
    for story_id in range(1, len(index._stories) + 1):
        for key in index.members(story_id):
            filed[key] = story_id
    return filed


# Labels ---------------------------------------------------------------------------------------------

def story_label(actors: Sequence[str], place: str | None, first: date | None, last: date | None) -> str:
    """``Trump, Maduro, Rodríguez — Venezuela, Nov 2025–Jan 2026``: main actors (see ``short_name``),
    main place and period."""
    names = ", ".join(actors[:3]) or "Untitled story"
    where = ", ".join(p for p in (place, period(first, last)) if p)
    return f"{names} — {where}" if where else names


def period(first: date | None, last: date | None) -> str | None:
    """``Jan 2026``, or ``Nov 2025–Jan 2026``; None when undated."""
    if first is None or last is None:
        return None
    a, b = first.strftime("%b %Y"), last.strftime("%b %Y")
    return a if a == b else f"{a}–{b}"


def short_name(name: str, entity_id: str) -> str:
    """A person by surname (``Delcy Rodríguez`` → ``Rodríguez``), anything else by its whole name."""
    words = name.split()
    return words[-1] if entity_id.startswith("person:") and len(words) > 1 else name
