"""TempEval-3 Task A scores of ``timeline_app.extract`` on the gold corpora.

    python benchmarks/accuracy.py [--corpus NAME ...] [--corpora DIR]

Prints one markdown row per corpus. TempEval-3 ranks systems by value F1.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repo root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.harness import (
    SCORE_HEADERS,
    Run,
    add_corpus_arguments,
    markdown_table,
    ours,
    pct,
    run_system,
    score_cells,
    selected_corpora,
)

DEFAULT_CORPORA = ("te3-platinum", "tbaq", "wikiwars-dev")


def row(run: Run) -> list[object]:
    e = run.evaluation
    return [run.corpus, *score_cells(e), pct(e.relaxed.precision), pct(e.relaxed.recall), e.gold, e.system,
            f"{run.chars_per_second / 1000:.0f} k"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_corpus_arguments(parser, DEFAULT_CORPORA)
    args = parser.parse_args(argv)
    runs = [run_system(name, docs, ours) for name, docs in selected_corpora(args)]
    headers = ["corpus", *SCORE_HEADERS, "P (relaxed)", "R (relaxed)", "#gold", "#system", "chars/s"]
    print(markdown_table(headers, [row(r) for r in runs]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
