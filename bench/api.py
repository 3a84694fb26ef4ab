"""API latency: p50 and p95 of the story, timeline, entity and search endpoints on a generated store.

The store is made as bench/stories.py makes it (its generator, no model): ``--articles`` generated
articles filed into stories, then probe stories of ``--story-sizes`` articles whose articles carry
generated extractions (eight events each, titles that change). Requests go through the whole application
in-process (routing, validation, the per-request store, serialisation, the guard) with Starlette's test
client, so the figures leave out only the socket.

    python bench/api.py [--articles 100000] [--story-sizes 100,300] [--repeat 50] [--seed 7]

Target (issue 6): p95 under 100 ms for each endpoint. The first timeline request after a story changes
computes its view and keeps it (see story_views.py); it is printed apart, not a target.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from fastapi.testclient import TestClient
from stories import Generator, file_one, probe_story  # bench/stories.py

from newsgraph.api.app import create_app
from newsgraph.api.deps import ApiOptions
from newsgraph.settings import Settings
from newsgraph.store import SQLiteStore
from newsgraph.stories import StoryOptions

TARGET_MS = 100.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--story-sizes", default="100,300")
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.db"
        started = time.perf_counter()
        probes = build(path, args.articles, [int(s) for s in args.story_sizes.split(",")], args.seed)
        print(f"generated {args.articles:,} articles and {len(probes)} probe stories in "
              f"{time.perf_counter() - started:.0f} s", flush=True)
        app = create_app(Settings(db=path), ApiOptions(rate_per_minute=0))
        worst: dict[str, float] = {}
        with TestClient(app) as client:
            for story_id, size, person in probes:
                cold = _timed(client, f"/v1/timeline?story={story_id}")
                paths = {"story": f"/v1/stories/{story_id}", "timeline": f"/v1/timeline?story={story_id}",
                         "entity": f"/v1/entities/{person}",
                         "search": f"/v1/articles?q={person.split(':')[1]}"}
                times = {name: [_timed(client, p) for _ in range(args.repeat)]
                         for name, p in paths.items()}
                print(f"story of {size} articles: " + ", ".join(
                    f"{name} p50 {statistics.median(t):.1f} / p95 {_p95(t):.1f} ms"
                    for name, t in times.items())
                    + f"; first timeline after a change {cold:.0f} ms", flush=True)
                for name, t in times.items():
                    worst[name] = max(worst.get(name, 0.0), _p95(t))
    for name, p95 in worst.items():
        verdict = "met" if p95 < TARGET_MS else "MISSED"
        print(f"{name} at {args.articles:,} articles: slowest p95 {p95:.1f} ms ({verdict}: target under "
              f"{TARGET_MS:.0f} ms)")
    if any(p95 >= TARGET_MS for p95 in worst.values()):
        sys.exit(1)


def build(path: Path, articles: int, story_sizes: list[int], seed: int) -> list[tuple[int, int, str]]:
    """Fill the store; ``(story id, size, main person's id)`` of each probe story."""
    options, generator = StoryOptions(), Generator(seed)
    probes = []
    with SQLiteStore(path) as store:
        while generator.count < articles:
            file_one(store, generator, options)
        for size in story_sizes:
            number = generator.count  # ProbeStory numbers its cast after the count when it starts
            story_id, _, _ = probe_story(store, generator, options, size)
            probes.append((story_id, size, f"person:probe{number}-0"))
    return probes


def _timed(client: TestClient, path: str) -> float:
    start = time.perf_counter()
    response = client.get(path)
    elapsed = (time.perf_counter() - start) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{path}: {response.status_code} {response.text[:200]}")
    return elapsed


def _p95(values: list[float]) -> float:
    return sorted(values)[min(len(values) - 1, int(len(values) * 0.95))]


if __name__ == "__main__":
    main()
