"""Errors on web news and the peer suites, by kind of phrase: the dev loop for issue 10.

    python benchmarks/news_errors.py [--set webnews-dev|webnews-found|chrono|ctparse ...]
                                     [--outcome wrong|missed|imprecise ...] [--category CAT] [--limit N]
    python benchmarks/news_errors.py --summary [--json NEW.json] [--compare OLD.json]

The sibling of ``errors.py`` (which reads the TempEval pairing). Here each case is judged
as a journalist would (benchmarks/outcomes.py): right, imprecise, wrong or missed. Cases
are listed grouped by kind of phrase, the kinds with the most wrong dates first; the
summary counts outcomes per set and kind, and ``--compare`` shows the change since an
earlier ``--json``.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repo root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import peer_suites, webnews
from benchmarks.harness import add_report_arguments, change_cell, markdown_table, report_summary
from benchmarks.outcomes import OUTCOMES

SETS = ("webnews-dev", "webnews-found", "chrono", "ctparse")
FAILURES = ("wrong", "missed", "imprecise")


@dataclass(frozen=True)
class Judged:
    """One case of any set: its kind of phrase, outcome and a printable description."""

    set: str
    category: str
    outcome: str
    text: str


def judged(name: str, root: str | None) -> list[Judged]:
    if name.startswith("webnews"):
        score = webnews.score_webnews(mode="found" if name == "webnews-found" else "given", root=root)
        return [Judged(name, c.category, c.outcome, webnews.format_case(c)) for c in score.cases]
    suite = peer_suites.score_suite(name, root=root)
    return [Judged(name, r.case.category, r.outcome, peer_suites.format_result(r)) for r in suite.cases]


def summary(cases: Sequence[Judged]) -> dict[str, dict[str, dict[str, int]]]:
    """{set: {kind of phrase: {outcome: count}}}, plus a "total" kind per set."""
    result: dict[str, dict[str, dict[str, int]]] = {}
    for (name, category, outcome), n in sorted(Counter((c.set, c.category, c.outcome) for c in cases).items()):
        for kind in (category, "total"):
            row = result.setdefault(name, {}).setdefault(kind, dict.fromkeys(OUTCOMES, 0))
            row[outcome] += n
    return result


def summary_tables(new: dict, old: dict | None = None) -> str:
    parts = []
    for name, kinds in new.items():
        before = (old or {}).get(name, {})
        order = sorted((k for k in kinds if k != "total"), key=lambda k: (-kinds[k]["wrong"], -kinds[k]["missed"], k))
        rows = []
        for kind in [*order, "total"]:
            counts, was = kinds[kind], before.get(kind) if old else None
            n = sum(counts.values())
            rows.append([kind if kind != "total" else "**total**", n, f"{100 * counts['right'] / n:.1f}",
                         *(change_cell(counts[o], was.get(o, 0) if was is not None else None) for o in OUTCOMES)])
        parts.append(f"{name}:\n\n" + markdown_table(["kind", "n", "right %", *OUTCOMES], rows))
    return "\n\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", action="append", choices=SETS, dest="sets", help="only these sets (repeatable)")
    parser.add_argument("--outcome", action="append", choices=FAILURES, help="only these outcomes (default: all three)")
    parser.add_argument("--category", action="append", metavar="CAT", help="only these kinds of phrase")
    parser.add_argument("--limit", type=int, help="print at most N cases per kind")
    add_report_arguments(parser, "print counts per set and kind, not cases")
    parser.add_argument("--corpora", metavar="DIR", help="corpora root folder")
    args = parser.parse_args(argv)
    cases = [c for name in args.sets or SETS for c in judged(name, args.corpora)]
    report = summary(cases)
    if report_summary(args, report, summary_tables):
        return 0
    wanted = [c for c in cases if c.outcome in (args.outcome or FAILURES)
              and (not args.category or c.category in args.category)]
    groups = Counter((c.set, c.category) for c in wanted)
    wrong = Counter((c.set, c.category) for c in wanted if c.outcome == "wrong")
    for name, category in sorted(groups, key=lambda g: (g[0], -wrong[g], -groups[g])):
        shown = [c for c in wanted if (c.set, c.category) == (name, category)]
        print(f"## {name}: {category} ({groups[name, category]}: {wrong[name, category]} wrong)")
        for case in shown[:args.limit]:
            print(case.text)
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
