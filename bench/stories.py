"""Story assignment cost as the store grows: the time to file one more article at 1k, 10k and 100k articles.

Articles and their profiles are generated (no model): each belongs to a generated story with its own
people, organisation and event, plus widely shared places (``place:united-states`` in a third of them),
and nine random MinHash band keys. Articles go through ``Store.add_article`` and ``Store.file_story``,
as ``process`` files them. At each size, ``--probe`` more articles are filed and timed one by one.

    python bench/stories.py [--sizes 1000,10000,100000] [--probe 300] [--seed 7]

Target (issue 5): the median time to file an article stays within 2x from 1k to 100k articles.
Queries measured at each size go in ``QUERIES`` (name → function of store and story id); timeline and
changes queries (target under 100 ms at 100k) belong there.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from newsgraph.clean import clean
from newsgraph.records import Metadata, PartialDate
from newsgraph.store import NewArticle, SQLiteStore, Store
from newsgraph.stories import ArticleProfile, StoryOptions

TARGET_RATIO = 2.0
START = date(2024, 1, 1)
SHARED_PLACES = ["united-states", "china", "russia", "ukraine", "venezuela", "peru", "chile"]
# Name → query over (store, story id), timed at each size. Engineer C adds timeline and changes here.
QUERIES: dict[str, Callable[[Store, int], object]] = {
    "story": lambda store, story_id: store.story(story_id),
    "story_article_ids": lambda store, story_id: store.story_article_ids(story_id),
}


class Generator:
    """Articles of generated stories: most join a recent story, one in five starts a new one."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.stories = 0
        self.count = 0

    def next(self) -> tuple[NewArticle, int, date]:
        if not self.stories or self.rng.random() < 0.2:
            self.stories += 1
            story = self.stories
        else:
            story = self.rng.randint(max(1, self.stories - 2000), self.stories)
        self.count += 1
        day = START + timedelta(days=story // 40 + self.rng.randint(0, 3))
        text = f"Article {self.count} of generated story {story}."
        digest = hashlib.sha256(text.encode()).hexdigest()
        article = NewArticle(
            source=f"gen-{self.count}.txt", media_type="text/plain", raw_input=text.encode(), raw_text=text,
            cleaned=clean(text),
            metadata=Metadata(outlet=f"Outlet {self.count % 40}",
                              published=PartialDate(day.isoformat(), "day")),
            input_digest=digest, content_hash=digest, signature=b"\0" * 8,
            band_keys=tuple(self.rng.getrandbits(63) for _ in range(9)),
        )
        return article, story, day

    def profile(self, article_id: int, story: int, day: date, bands: tuple[int, ...]) -> ArticleProfile:
        entities = {f"person:s{story}-a": self.rng.randint(1, 5), f"person:s{story}-b": 2,
                    f"org:s{story}": 1, f"person:p{self.rng.randint(0, 50000)}": 1}
        if self.rng.random() < 0.33:
            entities["place:united-states"] = 1
        places = frozenset({self.rng.choice(SHARED_PLACES).title(), f"Town {story % 5000}"})
        events = frozenset({f"CONSULT|person:s{story}-a|person:s{story}-b"})
        return ArticleProfile(article_id, day, None, entities, events, places, bands)


def file_one(store: Store, generator: Generator, options: StoryOptions) -> float:
    article, story, day = generator.next()
    start = time.perf_counter()
    article_id = store.add_article(article)
    store.file_story(generator.profile(article_id, story, day, article.band_keys), options)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--probe", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    options, generator = StoryOptions(), Generator(args.seed)
    medians: dict[int, float] = {}
    with tempfile.TemporaryDirectory() as folder, SQLiteStore(Path(folder) / "bench.db") as store:
        for size in sizes:
            while generator.count < size:
                file_one(store, generator, options)
            probe = [file_one(store, generator, options) for _ in range(args.probe)]
            medians[size] = statistics.median(probe)
            queries = ", ".join(f"{name} {_timed(query, store, generator.stories // 2) * 1000:.1f} ms"
                                for name, query in QUERIES.items())
            print(f"{size:>7} articles, {len(store.stories()):>6} stories: file one article "
                  f"median {medians[size] * 1000:.2f} ms, p95 {_p95(probe) * 1000:.2f} ms; {queries}",
                  flush=True)
    ratio = medians[sizes[-1]] / medians[sizes[0]]
    verdict = "ok" if ratio <= TARGET_RATIO else "over target"
    print(f"{sizes[-1]:,} vs {sizes[0]:,} articles: {ratio:.2f}x (target at most {TARGET_RATIO}x): {verdict}")


def _timed(query: Callable[[Store, int], object], store: Store, story_id: int) -> float:
    start = time.perf_counter()
    query(store, story_id)
    return time.perf_counter() - start


def _p95(values: list[float]) -> float:
    return sorted(values)[int(len(values) * 0.95)]


if __name__ == "__main__":
    main()
