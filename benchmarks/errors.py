"""Error analysis of ``timeline_app.extract`` against gold, for the tagger dev loop.

    python benchmarks/errors.py --corpus tbaq [--kind missed|spurious|extent|type|value]
                                [--category CAT] [--doc ID] [--limit N]
    python benchmarks/errors.py --corpus tbaq --summary [--json NEW.json] [--compare OLD.json]

Error kinds come straight from the metric's pairing: *missed* (gold left
unpaired), *spurious* (system left unpaired), and, for paired expressions,
*extent* (offsets differ), *type* and *value* (attribute differs). A pair can
carry several kinds. Each error also gets a rough category from its text so a
summary says which kind of expression to work on next.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repo root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.categories import CATEGORY_NAMES, categorize
from benchmarks.corpora import Doc
from benchmarks.harness import (
    SCORE_HEADERS,
    add_corpus_arguments,
    add_report_arguments,
    change_cell,
    markdown_table,
    ours,
    report_summary,
    run_system,
    score_cells,
    selected_corpora,
)
from benchmarks.tempeval import Evaluation, Span

KINDS = ("missed", "spurious", "extent", "type", "value")


@dataclass(frozen=True)
class Error:
    """One scoring decision that cost points; gold or system is None when unpaired."""

    kind: str
    doc_id: str
    gold: Span | None
    system: Span | None

    @property
    def reference(self) -> Span:
        """The span the error is about: the gold one when there is one."""
        return self.gold or self.system  # type: ignore[return-value]

    @property
    def category(self) -> str:
        return categorize(self.reference.text, self.reference.type)


def errors_of(evaluation: Evaluation) -> list[Error]:
    """Every error the metric's decisions imply, in reading order (document, then offset)."""
    found = list(_unsorted_errors(evaluation))
    return sorted(found, key=lambda e: (e.doc_id, e.reference.start, KINDS.index(e.kind)))


def _unsorted_errors(evaluation: Evaluation) -> Iterator[Error]:
    for u in evaluation.missed:
        yield Error("missed", u.doc_id, u.span, None)
    for u in evaluation.spurious:
        yield Error("spurious", u.doc_id, None, u.span)
    for p in evaluation.pairs:
        for kind, ok in (("extent", p.strict), ("type", p.type_ok), ("value", p.value_ok)):
            if not ok:
                yield Error(kind, p.doc_id, p.gold, p.system)


def _describe(label: str, span: Span | None) -> str:
    if span is None:
        return f"{label} -"
    extras = [f"{name}={getattr(span, name)}" for name in ("mod", "rule") if getattr(span, name, None)]
    return " ".join([label, repr(span.text), span.type, span.value, *extras])


def context(text: str, error: Error, width: int = 60) -> str:
    """About ``width`` characters around the error, the reference span in [[ ]]."""
    spans = [s for s in (error.gold, error.system) if s is not None]
    ref = error.reference
    start, end = min(s.start for s in spans), max(s.end for s in spans)
    left = text[max(0, start - width // 2):ref.start]
    right = text[ref.end:end + width // 2]
    snippet = f"{left}[[{text[ref.start:ref.end]}]]{right}"
    return " ".join(snippet.split())


def format_error(kinds: Sequence[str], error: Error, texts: dict[str, str]) -> str:
    """Two lines: kinds, place, category, gold vs system; then the context."""
    head = (f"[{','.join(kinds)}] {error.doc_id} @{error.reference.start} ({error.category}): "
            f"{_describe('gold', error.gold)} | {_describe('sys', error.system)}")
    return f"{head}\n    {context(texts[error.doc_id], error)}"


def grouped(errors: Sequence[Error]) -> list[tuple[list[str], Error]]:
    """One entry per gold/system pairing, with all its error kinds: a pair wrong in extent,
    type and value is one thing to look at, not three."""
    by_pairing = groupby(errors, key=lambda e: (e.doc_id, e.gold, e.system))
    return [([e.kind for e in group], group[0]) for group in (list(g) for _, g in by_pairing)]


def summary(evaluation: Evaluation, errors: Sequence[Error], corpora: Sequence[str]) -> dict[str, object]:
    """The numbers worth comparing between two runs, as plain JSON-ready data."""
    by_category: dict[str, dict[str, int]] = {kind: {} for kind in KINDS}
    for (kind, category), n in sorted(Counter((e.kind, e.category) for e in errors).items()):
        by_category[kind][category] = n
    return {
        "corpora": list(corpora),
        "scores": dict(zip(SCORE_HEADERS, map(float, score_cells(evaluation)), strict=True)),  # percentages
        "gold": evaluation.gold,
        "system": evaluation.system,
        "pairs": len(evaluation.pairs),
        "counts": {kind: sum(by_category[kind].values()) for kind in KINDS},
        "by_category": by_category,
    }


def summary_tables(new: dict, old: dict | None = None) -> str:
    """Scores, then errors per category and kind; with ``old``, each cell shows the change."""
    old_scores = old["scores"] if old else {}
    old_cats = old["by_category"] if old else {kind: {} for kind in KINDS}
    scores = markdown_table([*SCORE_HEADERS, "#gold", "#system", "#paired"], [[
        *(change_cell(new["scores"][h], old_scores.get(h), 1) for h in SCORE_HEADERS),
        *(change_cell(new[k], old[k] if old else None) for k in ("gold", "system", "pairs"))]])
    categories = [c for c in CATEGORY_NAMES
                  if any(c in new["by_category"][k] or c in old_cats[k] for k in KINDS)]
    rows = [[c, *(change_cell(new["by_category"][k].get(c, 0), old_cats[k].get(c, 0) if old else None) for k in KINDS)]
            for c in categories]
    rows.append(["**total**", *(change_cell(new["counts"][k], old["counts"][k] if old else None) for k in KINDS)])
    return f"{scores}\n\n{markdown_table(['category', *KINDS], rows)}"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_corpus_arguments(parser, ["tbaq"])
    parser.add_argument("--kind", action="append", choices=KINDS, help="only these error kinds (repeatable)")
    parser.add_argument("--category", action="append", choices=CATEGORY_NAMES, metavar="CAT",
                        help=f"only these categories (repeatable): {', '.join(CATEGORY_NAMES)}")
    parser.add_argument("--doc", action="append", help="only these document ids (repeatable)")
    parser.add_argument("--limit", type=int, help="print at most N errors")
    add_report_arguments(parser, "print counts per kind and category, not errors")
    return parser


def _wanted(error: Error, args: argparse.Namespace) -> bool:
    return ((not args.kind or error.kind in args.kind)
            and (not args.category or error.category in args.category)
            and (not args.doc or error.doc_id in args.doc))


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    corpora = selected_corpora(args)
    docs: list[Doc] = [doc for _, corpus in corpora for doc in corpus]
    evaluation = run_system("+".join(name for name, _ in corpora), docs, ours).evaluation
    errors = errors_of(evaluation)
    report = summary(evaluation, errors, [name for name, _ in corpora])
    if report_summary(args, report, summary_tables):
        return 0
    texts = {doc.id: doc.text for doc in docs}
    shown = grouped([e for e in errors if _wanted(e, args)])
    for kinds, error in shown[:args.limit]:
        print(format_error(kinds, error, texts))
    limited = f" (first {args.limit} shown)" if args.limit and args.limit < len(shown) else ""
    print(f"-- {len(shown)} expressions with errors{limited}; {len(errors)} errors in all kinds")
    return 0


if __name__ == "__main__":
    sys.exit(main())
