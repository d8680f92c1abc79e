"""What the app draws for a story of several real articles, and how long its server side takes.

    python benchmarks/story_chart.py [--corpora DIR] [--runs 5]

For each stories-dev story (and for all its articles together, a crowded project), the
articles run through the pipeline (gold publication dates); then, as the app does on every
run with two or more articles: the story is merged (``build_story``), turned into the
timeline's events (``story_events.story_timeline``) and drawn (``build_figure``). Reported:
the articles' own events (mentions), the events drawn, how many of those merge several
articles, the conflict crosses, and the median CPU time of merge + adapter + figure over
``--runs`` runs (CPU time, so other processes on the machine change it little). The app
caches the merge per set of articles and decisions, so a rerun that changes neither pays
only for the adapter and the figure ("redraw").
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repo root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpora import corpora_root
from benchmarks.harness import markdown_table
from timeline_app.figure import build_figure
from timeline_app.model import Document, Extraction
from timeline_app.pipeline import extract_document
from timeline_app.story import build_story
from timeline_app.story_events import story_input, story_timeline


def articles(gold: dict, root: Path) -> list[Extraction]:
    folder = root / "stories-dev" / gold["texts"]
    out = []
    for article in gold["articles"]:
        text = (folder / article["file"]).read_text(encoding="utf-8")
        doc = Document(text, date.fromisoformat(article["published"]), "given", id=article["file"],
                       title=text.split("\n", 1)[0], source=article["file"])
        out.append(extract_document(doc))
    return out


def cpu_ms(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.process_time()
        action()
        times.append((time.process_time() - start) * 1000)
    return statistics.median(times)


def row(name: str, extractions: Sequence[Extraction], runs: int) -> list[object]:
    events = [e for x in extractions for e in x.events]
    documents = [x.document for x in extractions]
    story = build_story(story_input(extractions, events))
    drawn = story_timeline(story, events, documents).events
    fig = build_figure(drawn, documents, width=1100).to_plotly_json()
    crosses = sum(len(t["x"]) for t in fig["data"] if t.get("name") == "Disputed date")

    def whole() -> None:
        merged = build_story(story_input(extractions, events))
        build_figure(story_timeline(merged, events, documents).events, documents, width=1100)

    def redraw() -> None:
        build_figure(story_timeline(story, events, documents).events, documents, width=1100)

    return [name, len(extractions), len(events), len(drawn), sum(len(e.reported_by) > 1 for e in drawn),
            sum(bool(e.disputed) for e in drawn), crosses, f"{cpu_ms(whole, runs):.0f}", f"{cpu_ms(redraw, runs):.0f}"]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", metavar="DIR", help="corpora root folder (default: ../shared/corpora)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per case (median)")
    args = parser.parse_args(argv)
    root = corpora_root(args.corpora)
    gold_path = root / "stories-dev" / "gold.json"
    if not gold_path.is_file():
        print(f"error: {gold_path} not found (set --corpora)", file=sys.stderr)
        return 2
    build_story([])  # imports (scikit-learn) outside the timings
    rows, everything = [], []
    for gold in json.loads(gold_path.read_text(encoding="utf-8"))["stories"]:
        extractions = articles(gold, root)
        everything += extractions
        rows.append(row(gold["story"], extractions, args.runs))
    rows.append(row("all three as one project", everything, args.runs))
    print(markdown_table(["story", "articles", "mentions", "events drawn", "merged", "disputed", "crosses",
                          "merge + draw CPU ms", "redraw CPU ms"], rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
