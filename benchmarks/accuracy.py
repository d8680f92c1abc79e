"""Accuracy of ``timeline_app.extract`` on every gold set, and the figures the regression gate holds.

    python benchmarks/accuracy.py [--corpus NAME ...] [--corpora DIR]
    python benchmarks/accuracy.py --record      # write benchmarks/recorded.json (all sets)

Prints one markdown row per TempEval corpus (TempEval-3 ranks systems by value F1), then
the share of dates right on web news (publication date found and given) and on the two
peer suites. ``--record`` measures every set and writes the figures to
``benchmarks/recorded.json``; ``tests/test_accuracy_gate.py`` fails when a later run falls
more than ``TOLERANCE`` points below any of them. Record on purpose, when a change is accepted.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repo root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import peer_suites, webnews
from benchmarks.corpora import load_corpus
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
RECORDED = Path(__file__).resolve().parent / "recorded.json"
TOLERANCE = 0.5  # points a recorded figure may fall before the gate fails

Figures = dict[str, dict[str, float]]  # set -> metric -> percentage (higher is better)


def row(run: Run) -> list[object]:
    e = run.evaluation
    return [run.corpus, *score_cells(e), pct(e.relaxed.precision), pct(e.relaxed.recall), e.gold, e.system,
            f"{run.chars_per_second / 1000:.0f} k"]


def _round(x: float) -> float:
    return round(x, 2)


def news_figures(root: str | Path | None = None) -> Figures:
    """Right % on web news (both ways of getting the publication date) and on the peer suites."""
    articles = webnews.load_webnews(root)
    found = webnews.score_webnews(mode="found", articles=articles)
    given = webnews.score_webnews(mode="given", articles=articles)
    figures: Figures = {"webnews-dev": {
        "right % (publication date found)": _round(found.percent()),
        "right % (publication date given)": _round(given.percent()),
        "publication dates found %": _round(100 * found.published_right / found.articles),
    }}
    for suite in peer_suites.SUITES:
        figures[suite] = {"right %": _round(peer_suites.score_suite(suite, root=root).percent())}
    return figures


def tempeval_figures(run: Run) -> dict[str, float]:
    e = run.evaluation
    values = (e.strict.f1, e.relaxed.f1, e.type_f1, e.value_f1)
    return {header: _round(100 * v) for header, v in zip(SCORE_HEADERS, values, strict=True)}


def measure(root: str | Path | None = None) -> Figures:
    """Every figure the gate holds: TempEval F1 on te3-platinum, wikiwars-dev and TBAQ, right % on the rest."""
    figures = {name: tempeval_figures(run_system(name, load_corpus(name, root), ours))
               for name in ("te3-platinum", "wikiwars-dev", "tbaq")}
    figures.update(news_figures(root))
    return figures


def regressions(measured: Figures, recorded: Figures, tolerance: float = TOLERANCE) -> list[str]:
    """Each recorded figure that is missing or more than ``tolerance`` points lower now."""
    problems = []
    for name, metrics in recorded.items():
        for metric, before in metrics.items():
            now = measured.get(name, {}).get(metric)
            if now is None:
                problems.append(f"{name} {metric}: recorded {before}, not measured")
            elif now < before - tolerance:
                problems.append(f"{name} {metric}: {now:.2f}, recorded {before:.2f} ({now - before:+.2f})")
    return problems


def news_table(figures: Figures) -> str:
    rows = [[name, metric, f"{value:.1f}"] for name, metrics in figures.items() for metric, value in metrics.items()]
    return markdown_table(["set", "figure", "%"], rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_corpus_arguments(parser, DEFAULT_CORPORA)
    parser.add_argument("--record", action="store_true", help=f"measure every set and write {RECORDED.name}")
    args = parser.parse_args(argv)
    if args.record:
        figures = measure(args.corpora)
        RECORDED.write_text(json.dumps(figures, indent=1) + "\n")
        print(f"wrote {RECORDED}\n\n{news_table(figures)}")
        return 0
    runs = [run_system(name, docs, ours) for name, docs in selected_corpora(args)]
    headers = ["corpus", *SCORE_HEADERS, "P (relaxed)", "R (relaxed)", "#gold", "#system", "chars/s"]
    print(markdown_table(headers, [row(r) for r in runs]))
    print("\n" + news_table(news_figures(args.corpora)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
