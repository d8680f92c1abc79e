"""What every benchmark script shares: corpus flags, running a system, tables.

A *system* is any callable Doc -> list of spans (our ``extract`` or a peer
adapter), so accuracy, error analysis and the peer comparison all score
through the same code path.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from benchmarks.corpora import CORPORA, ENV_VAR, Doc, load_corpus
from benchmarks.tempeval import Evaluation, Span, evaluate

System = Callable[[Doc], Sequence[Span]]


def ours(doc: Doc) -> Sequence[Span]:
    """Our pipeline exactly as a user calls it: text plus publication date."""
    from timeline_app import extract  # imported late so --help works without the package

    return extract(doc.text, published=doc.published).expressions


@dataclass
class Run:
    """One system on one corpus: the score and how long the system itself took."""

    corpus: str
    evaluation: Evaluation
    seconds: float
    chars: int

    @property
    def chars_per_second(self) -> float:
        return self.chars / self.seconds if self.seconds else float("inf")


WARM_UP = Doc("warm-up", "On Monday, May 5, 2001, it rained for two days.", date(2001, 5, 8), [])


def run_system(corpus: str, docs: Sequence[Doc], system: System) -> Run:
    """Run ``system`` over ``docs`` timing only the system calls, then score.

    One untimed call first, so imports and lazy set-up are not billed to the first document.
    """
    system(WARM_UP)
    outputs = []
    seconds = 0.0
    for doc in docs:
        began = time.perf_counter()
        found = system(doc)
        seconds += time.perf_counter() - began
        outputs.append((doc.id, doc.gold, found))
    return Run(corpus, evaluate(outputs), seconds, sum(len(d.text) for d in docs))


def add_corpus_arguments(parser: argparse.ArgumentParser, default: Sequence[str]) -> None:
    """--corpus (repeatable) and --corpora (root folder), the same in every script."""
    parser.add_argument("--corpus", action="append", choices=sorted(CORPORA), dest="corpora_names",
                        metavar="NAME", help=f"corpus to use, repeatable (default: {' '.join(default)}); "
                                             f"one of {', '.join(CORPORA)}")
    parser.add_argument("--corpora", metavar="DIR",
                        help=f"corpora root folder (default: ${ENV_VAR} or <repo>/../shared/corpora)")
    parser.set_defaults(default_corpora=list(default))


def selected_corpora(args: argparse.Namespace) -> list[tuple[str, list[Doc]]]:
    names = args.corpora_names or args.default_corpora
    return [(name, load_corpus(name, args.corpora)) for name in names]


def pct(x: float) -> str:
    return f"{100 * x:.1f}"


def markdown_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def change_cell(new: float, old: float | None, digits: int = 0) -> str:
    """A table cell: the number, and its change since ``old`` when it moved."""
    if old is None or round(old - new, digits) == 0:
        return f"{new:.{digits}f}"
    return f"{new:.{digits}f} ({new - old:+.{digits}f})"


def add_report_arguments(parser: argparse.ArgumentParser, summary_help: str) -> None:
    """The error scripts' summary flags: --summary, --json FILE, --compare OLD."""
    parser.add_argument("--summary", action="store_true", help=summary_help)
    parser.add_argument("--json", metavar="FILE", help="write the summary as JSON (for --compare later)")
    parser.add_argument("--compare", metavar="OLD", help="show the summary's change since an earlier --json")


def report_summary(args: argparse.Namespace, report: dict, tables: Callable[[dict, dict | None], str]) -> bool:
    """Write ``report`` for --json; print its tables (against --compare's) for --summary or --compare.
    True when the summary was printed, and the script is done."""
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1) + "\n")
    if not (args.summary or args.compare):
        return False
    old = json.loads(Path(args.compare).read_text()) if args.compare else None
    print(tables(report, old))
    return True


SCORE_HEADERS = ("strict F1", "relaxed F1", "type F1", "value F1")


def score_cells(evaluation: Evaluation) -> list[str]:
    """The four TempEval-3 numbers, in the order of SCORE_HEADERS, as percentages."""
    return [pct(evaluation.strict.f1), pct(evaluation.relaxed.f1), pct(evaluation.type_f1), pct(evaluation.value_f1)]
