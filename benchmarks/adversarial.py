"""Time the whole pipeline on adversarial shapes of text: it must stay linear, at most 2 s per MB.

    python benchmarks/adversarial.py [--sizes 10000,100000,1000000] [--shapes dec16,fixtures]

Real pastes include fixture lists, tables, logs and text with no sentence breaks at all,
and the app allows pastes of millions of characters. Each shape is repeated up to each
size and run once through ``extract``; the figure is CPU seconds per MB (CPU time, so
other processes on the machine do not inflate it). A shape whose cost per MB grows with
size is quadratic somewhere; the exit status is 1 when any run exceeds the budget.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repo root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from timeline_app.pipeline import extract

BUDGET_S_PER_MB = 2.0
MB = 1_000_000


def _cycle(pieces: Callable[[int], str]) -> Callable[[int], str]:
    """A text of ``size`` characters made of ``pieces(i)`` for i = 0, 1, 2 ..."""
    def make(size: int) -> str:
        out, n, i = [], 0, 0
        while n < size:
            piece = pieces(i)
            out.append(piece)
            n += len(piece)
            i += 1
        return "".join(out)[:size]
    return make


MONTHS = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")
SHAPES: dict[str, Callable[[int], str]] = {
    # the two: one date over and over with no sentence break, and a fixture list
    "dec16": _cycle(lambda i: "Dec. 16 "),
    "fixtures": _cycle(lambda i: f"{MONTHS[i % 12]} {i % 28 + 1} - home match against Rovers (7 p.m.)\n"),
    "table": _cycle(lambda i: f"| {2000 + i % 20}-{i % 12 + 1:02d}-{i % 28 + 1:02d} | {i * 7 % 9000:,} | Moscow |\n"),
    "anaphora": _cycle(lambda i: "the following day " if i % 5 else "on Dec. 16, 2011, "),
    "weekdays": _cycle(lambda i: "police said on Monday that they will meet on Friday and "),
    "no_spaces": _cycle(lambda i: "x"),
    "paragraphs": _cycle(lambda i: "\n\n" if i % 2 else "On Dec. 16 it rained."),
    "counts": _cycle(lambda i: f"{i % 90 + 2} years ago, "),
    "spans": _cycle(lambda i: "a seven-month dispute on Dec. 16 and "),
    "events": _cycle(lambda i: "On Dec. 16, 2011. the day after the battle " if i == 0 else "the day after the battle "),
    "blank_lines": _cycle(lambda i: " \n"),
    # the same run of blank lines before one sentence (each paragraph break once looked for the text after it)
    "blank_run": lambda size: (" \n" * (size // 2))[:max(0, size - 21)] + "On Dec. 16 it rained.",
    # one sentence before a run of blank lines (each line break once read the rest of the run for a label)
    "blank_tail": lambda size: ("On Dec. 16 it rained." + " \n" * (size // 2))[:size],
    "ranges": _cycle(lambda i: f"{i % 20 + 1}-{i % 20 + 3} April {1900 + i % 100}, "),
    # clock times among days with no sentence break: each looks for its day
    "clocks": _cycle(lambda i: "Dec. 16 at 7 p.m. and " if i % 3 else "at noon, "),
    # clock times on the publication day: each is asked whether it is the page's own time stamp
    "stamps": _cycle(lambda i: "Jan. 26 at 7:15 p.m. and "),
}


def seconds_per_mb(text: str) -> float:
    started = time.process_time()
    extract(text, published="2012-01-26")
    return (time.process_time() - started) / (len(text) / MB)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000", help="characters, comma-separated")
    parser.add_argument("--shapes", default=",".join(SHAPES), help="comma-separated: " + ", ".join(SHAPES))
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    extract("Warm-up on Dec. 16, 2011.", published="2012-01-26")  # rules compile once per process
    print("| shape | " + " | ".join(f"{s:,} chars" for s in sizes) + " |")
    print("|---|" + "---:|" * len(sizes))
    worst = 0.0
    for name in args.shapes.split(","):
        cells = []
        for size in sizes:
            rate = seconds_per_mb(SHAPES[name](size))
            worst = max(worst, rate)
            cells.append(f"{rate:.2f} s/MB")
        print(f"| {name} | " + " | ".join(cells) + " |", flush=True)
    print(f"worst: {worst:.2f} CPU s per MB (budget {BUDGET_S_PER_MB})")
    return 0 if worst <= BUDGET_S_PER_MB else 1


if __name__ == "__main__":
    sys.exit(main())
