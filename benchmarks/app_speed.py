"""How long the app's server side takes: extract the dates, build the figure, send it.

    python benchmarks/app_speed.py [--runs 20] [--png docs/timeline-200.png]

Two cases: the seed article (target: pipeline + figure < 150 ms, so the app
answers every click instantly) and 200 events from several synthetic articles
(the crowded case the lane layout has to keep readable). Each number is the
median of ``--runs`` warm runs; the first call in a fresh process (imports and
plotly's validators) is reported apart. The 200-event figure is also exported
as the PNG the README shows.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repo root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.harness import markdown_table
from timeline_app import extract
from timeline_app.export import write_export
from timeline_app.figure import build_figure
from timeline_app.model import Document, Event, Extraction

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_4d8628aadc5fef2d.txt"
SEED_TARGET_MS = 150.0
SOURCES = ("Reuters", "AP", "AFP", "BBC", "Al Jazeera")
SUBJECTS = ("Parliament", "Oil workers", "The central bank", "A court", "Police", "The premier", "The opposition",
            "The army", "Rights groups", "KazMunaiGas", "Protesters", "Prosecutors", "The governor", "Diplomats")
ACTIONS = ("backed the pipeline", "blocked a railway", "cut rates", "upheld the ban", "detained activists",
           "demanded an inquiry", "sacked the mayor", "imposed a curfew", "met unions", "froze accounts",
           "freed an editor", "raised fuel prices", "opened a probe", "signed a truce")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


@dataclass(frozen=True)
class Case:
    """One benchmark input: the articles the app would be given."""

    name: str
    articles: tuple[tuple[str, date | None, str | None], ...]  # text, published, source


def synthetic_article(rng: random.Random, sentences: int) -> str:
    """News-like sentences dated by day, month, year or a span, years apart."""
    lines = []
    for _ in range(sentences):
        when = date(2006, 1, 1) + timedelta(days=rng.randrange(7 * 365))
        what = f"{rng.choice(SUBJECTS)} {rng.choice(ACTIONS)}"
        lines.append(rng.choice((
            f"{what} on {MONTHS[when.month - 1]} {when.day}, {when.year}.",
            f"{what} on {MONTHS[when.month - 1]} {when.day}, {when.year}.",
            f"{what} in {MONTHS[when.month - 1]} {when.year}.",
            f"{what} in {when.year}.",
            f"A {rng.choice(('two', 'three', 'six'))}-month strike ended on "
            f"{MONTHS[when.month - 1]} {when.day}, {when.year}.",
        )))
    return " ".join(lines)


def cases() -> list[Case]:
    rng = random.Random(2012)
    crowded = tuple((synthetic_article(rng, 34), date(2013, 3, k + 1), source) for k, source in enumerate(SOURCES))
    return [Case(f"seed article `{SEED.name}`", ((SEED.read_text(encoding="utf-8"), None, "The Moscow Times"),)),
            Case(f"{len(SOURCES)} synthetic articles", crowded)]


def run_pipeline(case: Case) -> list[Extraction]:
    return [extract(text, published=published, doc_id=f"d{n}", source=source)
            for n, (text, published, source) in enumerate(case.articles)]


def events_and_documents(extractions: Sequence[Extraction]) -> tuple[list[Event], list[Document]]:
    return [e for x in extractions for e in x.events], [x.document for x in extractions]


def timed(step: Callable[[], object]) -> tuple[object, float]:
    began = time.perf_counter()
    result = step()
    return result, (time.perf_counter() - began) * 1000


def measure(case: Case) -> dict[str, float]:
    """One end-to-end run, as the app does it on each click: extract, draw, serialise."""
    extractions, extract_ms = timed(lambda: run_pipeline(case))
    events, documents = events_and_documents(extractions)  # type: ignore[arg-type]
    fig, figure_ms = timed(lambda: build_figure(events, documents))
    _, json_ms = timed(fig.to_json)  # type: ignore[attr-defined]
    return {"events": len(events), "extract": extract_ms, "figure": figure_ms, "json": json_ms,
            "total": extract_ms + figure_ms + json_ms}


def row(case: Case, runs: int) -> list[object]:
    samples = [measure(case) for _ in range(runs)]
    median = {k: statistics.median(s[k] for s in samples) for k in ("extract", "figure", "json", "total")}
    seed = case.name.startswith("seed")
    verdict = (f"< {SEED_TARGET_MS:.0f} ms: {'OK' if median['total'] < SEED_TARGET_MS else 'TOO SLOW'}"
               if seed else "—")
    return [case.name, samples[0]["events"], *(f"{median[k]:.1f}" for k in ("extract", "figure", "json", "total")),
            verdict]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="warm runs per case; the median is shown")
    parser.add_argument("--png", type=Path, default=ROOT / "docs" / "timeline-200.png",
                        help="where to write the 200-event export")
    args = parser.parse_args(argv)

    seed, crowded = cases()
    cold = measure(seed)["total"]
    print(markdown_table(
        ("case", "events", "extract ms", "figure ms", "figure→JSON ms", "total ms", "target"),
        [row(seed, args.runs), row(crowded, args.runs)],
    ))
    print(f"\nFirst call in a fresh process (imports, plotly validators): {cold:.0f} ms; "
          f"medians of {args.runs} warm runs.")

    events, documents = events_and_documents(run_pipeline(crowded))
    args.png.parent.mkdir(parents=True, exist_ok=True)
    _, png_ms = timed(lambda: write_export(events, documents, args.png,
                                           title=f"{len(events)} events from {len(documents)} articles"))
    print(f"Wrote {args.png} ({len(events)} events) in {png_ms:.0f} ms, browser start included.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
