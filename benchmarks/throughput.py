"""Speed of ``timeline_app.extract`` against dateparser, and a check that cost is linear.

    python benchmarks/throughput.py [--corpus tbaq] [--repeat 3] [--base-chars N]

Both systems see the same documents with the same anchor date in the same run,
so the ratio is meaningful even on a noisy machine; each figure is the best of
``--repeat`` passes. The linearity check runs ours on the concatenated corpus
at 1x, 2x, 4x and 8x length: chars/s must stay roughly flat (a quadratic step
would divide it by 8 at 8x).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repo root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpora import Doc
from benchmarks.harness import WARM_UP, add_corpus_arguments, markdown_table, ours, selected_corpora

SCALES = (1, 2, 4, 8)
LINEAR_ENOUGH = 0.6  # chars/s at 8x over chars/s at 1x; quadratic cost would give 0.125


def dateparser_search(doc: Doc) -> object:
    """dateparser's own free-text search, anchored like ours on the document date."""
    from dateparser.search import search_dates

    base = datetime(doc.published.year, doc.published.month, doc.published.day) if doc.published else None
    return search_dates(doc.text, languages=["en"], settings={"RELATIVE_BASE": base} if base else None)


def best_seconds(docs: Sequence[Doc], system: Callable[[Doc], object], repeat: int) -> float:
    """Fastest of ``repeat`` full passes over ``docs``."""
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        for doc in docs:
            system(doc)
        times.append(time.perf_counter() - began)
    return min(times)


def concatenated(docs: Sequence[Doc], base_chars: int | None) -> Doc:
    """All texts as one document (optionally cut), anchored on the first document's date."""
    text = "\n\n".join(doc.text for doc in docs)
    return Doc("concatenated", text[:base_chars] if base_chars else text, docs[0].published, [])


def speed_rows(docs: Sequence[Doc], repeat: int) -> list[list[object]]:
    chars = sum(len(doc.text) for doc in docs)
    rows = []
    for name, system in (("timeline_app.extract", ours), ("dateparser.search_dates", dateparser_search)):
        seconds = best_seconds(docs, system, repeat)
        rows.append([name, len(docs), chars, f"{seconds:.2f}", f"{chars / seconds:,.0f}"])
    return rows


def linearity_rows(base: Doc, repeat: int) -> tuple[list[list[object]], bool]:
    """chars/s of ours at each scale, and whether the largest scale kept pace."""
    ours(WARM_UP)
    rows, rates = [], []
    for scale in SCALES:
        doc = Doc(f"x{scale}", "\n\n".join([base.text] * scale), base.published, [])
        seconds = best_seconds([doc], ours, repeat)
        rates.append(len(doc.text) / seconds)
        rows.append([f"{scale}x", len(doc.text), f"{seconds:.2f}", f"{rates[-1]:,.0f}", f"{rates[-1] / rates[0]:.2f}"])
    return rows, rates[-1] / rates[0] >= LINEAR_ENOUGH


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_corpus_arguments(parser, ["tbaq"])
    parser.add_argument("--repeat", type=int, default=3, help="passes per measurement; the best counts")
    parser.add_argument("--linearity-repeat", type=int, default=1, help="passes per linearity scale")
    parser.add_argument("--base-chars", type=int, help="cut the concatenated text to N chars for the 1x run")
    args = parser.parse_args(argv)
    docs = [doc for _, corpus in selected_corpora(args) for doc in corpus]
    print(markdown_table(["system", "docs", "chars", "best seconds", "chars/s"], speed_rows(docs, args.repeat)))
    print()
    rows, linear = linearity_rows(concatenated(docs, args.base_chars), args.linearity_repeat)
    print(markdown_table(["length", "chars", "seconds", "chars/s", "vs 1x"], rows))
    print(f"\nlinearity: {'OK' if linear else 'FAIL'} (8x keeps >= {LINEAR_ENOUGH:.0%} of the 1x rate)")
    return 0 if linear else 1


if __name__ == "__main__":
    sys.exit(main())
