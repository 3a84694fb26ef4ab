"""Ingest throughput and peak memory: newsgraph's ingest + clean + store against a bare SQLite insert.

Generates N news-like articles (default 10,000) into a JSON Lines batch, then runs each side in its own
child process on one core, one after the other, and prints articles/s, peak RSS and their ratio.

    python bench/ingest.py [--articles 10000] [--seed 7]

Targets (issue 2): at least 200 articles/s and under 500 MiB peak RSS for newsgraph's side.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from _sides import measure as run_side

TARGET_RATE = 200.0
TARGET_RSS_MIB = 500.0

PEOPLE = ["Renata Salinas", "Tomás Echeverría", "Ricardo Valdivia", "Gabriela Huamán", "Óscar Benavente",
          "Claudia Ortúzar", "Héctor Rivas", "Jorge Mamani", "Lucía Ferreyra", "Martín Aguirre"]
PLACES = ["Arica", "Lima", "Santiago", "Tacna", "Ilo", "Iquique", "Valparaíso", "Callao", "Antofagasta"]
OUTLETS = ["Andes Wire", "Pacific Ledger", "Lima Courier", "Southern Post", "Coastal Tribune"]
VERBS = ["said", "told reporters", "announced", "warned", "confirmed", "denied", "insisted"]
TOPICS = ["the fishing dispute", "joint patrols", "the detained crew", "the maritime boundary",
          "port fees", "the trawler fleet", "vessel transponders", "the fisheries regulator"]
CHIPS = ["Andes Wire +1", "Reuters", "coastaltribune.example", "AP News +2"]


def sentence(rng: random.Random) -> str:
    person, place, topic = rng.choice(PEOPLE), rng.choice(PLACES), rng.choice(TOPICS)
    number = rng.randint(2, 900)
    forms = [
        f"{person} {rng.choice(VERBS)} in {place} on Tuesday that {topic} would be reviewed.",
        f"About {number} people gathered in {place} to discuss {topic}, officials {rng.choice(VERBS)}.",
        f"\u201cWe will not accept delays on {topic},\u201d {person} {rng.choice(VERBS)}.",
        f"According to officials in {place}, {number} vessels were inspected during the week.",
        f"The talks on {topic} are planned for next week in {place}, {person} {rng.choice(VERBS)}.",
    ]
    return rng.choice(forms)


def article(rng: random.Random, index: int) -> dict[str, str]:
    paragraphs = []
    for _ in range(rng.randint(6, 12)):
        paragraph = " ".join(sentence(rng) for _ in range(rng.randint(2, 4)))
        if rng.random() < 0.1:
            paragraph += " \ufffd\n" + rng.choice(CHIPS)
        paragraphs.append(paragraph)
    return {
        "text": f"{rng.choice(TOPICS).capitalize()} in {rng.choice(PLACES)}\n\n" + "\n\n".join(paragraphs),
        "title": f"Report {index}",
        "outlet": rng.choice(OUTLETS),
        "published": f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "url": f"https://news.example/{index}",
    }


def generate(path: Path, count: int, seed: int) -> float:
    """Write ``count`` articles, 5% of them syndicated near-copies; returns mean characters per article."""
    rng = random.Random(seed)
    written: list[dict[str, str]] = []
    total = 0
    with path.open("w", encoding="utf-8") as out:
        for index in range(count):
            if written and rng.random() < 0.05:
                record = dict(rng.choice(written))
                record["text"] += "\n\nThis story was distributed by Andes Wire."
                record["outlet"] = "Southern Post"
            else:
                record = article(rng, index)
                written.append(record)
            total += len(record["text"])
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return total / count


def run_bare(batch: Path, db: Path) -> int:
    """The floor: parse each line and insert its text, one transaction per article, as newsgraph does."""
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("CREATE TABLE articles (id INTEGER PRIMARY KEY, title TEXT, outlet TEXT, text TEXT)")
    count = 0
    with batch.open("rb") as lines:
        for line in lines:
            record = json.loads(line)
            conn.execute("BEGIN")
            conn.execute("INSERT INTO articles (title, outlet, text) VALUES (?, ?, ?)",
                         (record["title"], record["outlet"], record["text"]))
            conn.execute("COMMIT")
            count += 1
    conn.close()
    return count


def run_newsgraph(batch: Path, db: Path) -> int:
    from newsgraph.pipeline import ingest
    from newsgraph.store import open_store

    store = open_store(db)
    count = 0
    for outcome in ingest([str(batch)], store):
        if outcome.status == "failed":
            raise SystemExit(f"benchmark input failed: {outcome.error}")
        count += 1
    store.close()
    return count


def child(side: str, batch: Path, db: Path) -> None:
    runner = run_bare if side == "bare" else run_newsgraph
    if side == "newsgraph":  # import cost is start-up, not throughput
        import newsgraph.pipeline  # noqa: F401
    start = time.perf_counter()
    count = runner(batch, db)
    seconds = time.perf_counter() - start
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"articles": count, "seconds": seconds, "peak_mib": peak_mib}))


def measure(side: str, batch: Path, workdir: Path) -> dict[str, float]:
    return run_side(__file__, side, "--batch", str(batch), "--db", str(workdir / f"{side}.db"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--child", choices=["bare", "newsgraph"], help=argparse.SUPPRESS)
    parser.add_argument("--batch", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.batch, args.db)
        return
    with tempfile.TemporaryDirectory(prefix="newsgraph-bench-") as tmp:
        workdir = Path(tmp)
        batch = workdir / "batch.jsonl"
        mean_chars = generate(batch, args.articles, args.seed)
        bare = measure("bare", batch, workdir)
        ours = measure("newsgraph", batch, workdir)
    report(args.articles, mean_chars, bare, ours)


def report(count: int, mean_chars: float, bare: dict[str, float], ours: dict[str, float]) -> None:
    print(f"ingest benchmark: {count:,} generated articles, {mean_chars:,.0f} characters on average, "
          "one process each, run one after the other")
    print(f"{'':24}{'articles/s':>12}{'peak RSS':>12}")
    for name, figures in (("bare SQLite insert", bare), ("newsgraph ingest", ours)):
        print(f"{name:24}{figures['rate']:>12,.0f}{figures['peak_mib']:>9,.0f} MiB")
    print(f"ratio newsgraph / bare:  {ours['rate'] / bare['rate']:.3f} of the throughput, "
          f"{ours['peak_mib'] / bare['peak_mib']:.1f}x the memory")
    rate_ok = ours["rate"] >= TARGET_RATE
    rss_ok = ours["peak_mib"] < TARGET_RSS_MIB
    print(f"target >= {TARGET_RATE:.0f} articles/s: {'met' if rate_ok else 'MISSED'} "
          f"({ours['rate']:,.0f}); peak RSS < {TARGET_RSS_MIB:.0f} MiB: "
          f"{'met' if rss_ok else 'MISSED'} ({ours['peak_mib']:,.0f} MiB)")
    if not (rate_ok and rss_ok):
        sys.exit(1)


if __name__ == "__main__":
    main()
