"""Other date parsers' own test cases (chrono, ctparse), scored as calendar periods.

    python benchmarks/peer_suites.py [--suite chrono|ctparse] [--errors] [--corpora DIR]

Each case is a short text, a reference time (passed as the publication date) and the
period the phrase means. Every expression that overlaps the phrase is turned into the
calendar days it denotes (a clock time is judged by its day), as the suites' README says:

- **right**: an answer lies inside the expected period (finer is fine); for an expected
  interval, the answers together cover exactly its days;
- **imprecise**: the answer only overlaps the period (coarser, or part of a range);
- **wrong**: dated, and no day in common: the worst outcome for a journalist;
- **missed**: nothing overlaps the phrase, or only undated durations and sets.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the repo root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpora import corpora_root
from benchmarks.harness import markdown_table
from benchmarks.outcomes import (
    OUTCOMES,
    Period,
    Tallied,
    as_days,
    compare_periods,
    confidence_of,
    day_period,
    period_of,
    tally_table,
)
from benchmarks.tempeval import Span

FOLDER = "peer-suites"
SUITES = ("chrono", "ctparse")

ExtractFn = Callable[[str, date], Any]  # (text, publication date) -> Extraction or spans


@dataclass(frozen=True)
class SuiteCase:
    id: str
    suite: str
    text: str  # the newspaper-cased text (``text_news``)
    start: int  # the phrase's span in ``text``
    end: int
    reference: datetime
    expected: Period  # whole days
    kind: str  # point, interval, open-after, open-before
    grain: str
    category: str

    @property
    def phrase(self) -> str:
        return self.text[self.start:self.end]

    @property
    def published(self) -> date:
        return self.reference.date()


def load_suite(suite: str, root: str | Path | None = None) -> list[SuiteCase]:
    if suite not in SUITES:
        raise ValueError(f"unknown suite {suite!r}; choose from {', '.join(SUITES)}")
    path = corpora_root(root) / FOLDER / f"{suite}.jsonl"
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        exp = item["expected"]
        cases.append(SuiteCase(
            item["id"], item["suite"], item["text_news"], *item["span"], datetime.fromisoformat(item["reference"]),
            day_period(date.fromisoformat(exp["start"]), date.fromisoformat(exp["end"])),
            exp["kind"], exp["grain"], item.get("category") or "other"))
    return cases


def judge_case(case: SuiteCase, spans: Sequence[Span]) -> tuple[str, str]:
    """(outcome, reason) for the expressions a system found in the case's text."""
    relevant = [s for s in spans if s.start < case.end and case.start < s.end]
    if not relevant:
        return "missed", "nothing overlaps the phrase"
    dated = [as_days(p) for p in map(period_of, relevant) if p]
    if not dated:
        return "missed", "only undated: " + ", ".join(s.value for s in relevant)
    if case.kind == "interval":
        hull = (min(p[0] for p in dated), max(p[1] for p in dated))
        outcome = compare_periods(hull, case.expected, finer_is_right=False)
    else:
        outcome = min((compare_periods(p, case.expected, finer_is_right=True) for p in dated), key=OUTCOMES.index)
    return outcome, {"right": "inside the expected period", "imprecise": "overlaps the expected period",
                     "wrong": "no day in common"}[outcome]


@dataclass(frozen=True)
class CaseResult:
    case: SuiteCase
    answers: tuple[Span, ...]
    outcome: str
    why: str

    @property
    def confidence(self) -> str | None:
        return confidence_of(s for s in self.answers if s.start < self.case.end and self.case.start < s.end)


@dataclass
class SuiteScore(Tallied):
    suite: str
    cases: list[CaseResult] = field(default_factory=list)


def score_answers(suite: str, cases: Sequence[SuiteCase], answers: Mapping[str, Sequence[Span]]) -> SuiteScore:
    """Score answers already computed, by case id (a peer that was run on many cases at once)."""
    score = SuiteScore(suite)
    for case in cases:
        found = tuple(answers.get(case.id, ()))
        score.cases.append(CaseResult(case, found, *judge_case(case, found)))
    return score


def ours(text: str, published: date) -> Any:
    from timeline_app import extract  # imported late so --help works without the package

    return extract(text, published=published)


def score_suite(suite: str, extract_fn: ExtractFn = ours, *, cases: Sequence[SuiteCase] | None = None,
                root: str | Path | None = None) -> SuiteScore:
    """Run ``extract_fn`` on each case alone, with the case's reference date as the publication date."""
    cases = load_suite(suite, root) if cases is None else cases
    answers = {}
    for case in cases:
        result = extract_fn(case.text, case.published)
        answers[case.id] = getattr(result, "expressions", result)
    return score_answers(suite, cases, answers)


# ---- report --------------------------------------------------------------------------------------

SUMMARY_HEADERS = ("system", "suite", "n", "right %", *OUTCOMES)


def summary_row(system: str, score: SuiteScore) -> list[object]:
    return [system, score.suite, len(score.cases), f"{score.percent():.1f}", *(score.count(o) for o in OUTCOMES)]


def format_result(result: CaseResult) -> str:
    case = result.case
    first, last = case.expected[0].date(), (case.expected[1] - timedelta(days=1)).date()
    expected = first.isoformat() if first == last else f"{first}..{last}"
    ours_text = ", ".join(f"{s.text!r} {s.value}" for s in result.answers) or "-"
    return (f"[{result.outcome}] {case.id} ({case.category}) {case.phrase!r} ref {case.reference:%Y-%m-%d %a}: "
            f"expected {expected} {case.kind}/{case.grain} | ours {ours_text} -- {result.why}\n    {case.text!r}")


def report(scores: Sequence[SuiteScore], errors: bool) -> str:
    parts = [markdown_table(SUMMARY_HEADERS, [summary_row("ours", s) for s in scores])]
    for score in scores:
        parts.append(f"{score.suite} by category:\n\n"
                     + tally_table(((r.case.category, r.outcome) for r in score.cases), "category"))
        if any(r.confidence for r in score.cases):  # the precision of guesses and of read cues
            parts.append(f"{score.suite} by our confidence:\n\n"
                         + tally_table(((r.confidence or "no answer", r.outcome) for r in score.cases), "confidence"))
        if errors:
            shown = [r for r in score.cases if r.outcome in ("wrong", "missed")]
            parts.append(f"{score.suite}: wrong and missed ({len(shown)}):\n" + "\n".join(map(format_result, shown)))
    return "\n\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--suite", action="append", choices=SUITES, help="only this suite (default: both)")
    parser.add_argument("--errors", action="store_true", help="list every wrong and missed case")
    parser.add_argument("--corpora", metavar="DIR", help="corpora root folder")
    args = parser.parse_args(argv)
    print(report([score_suite(s, root=args.corpora) for s in args.suite or SUITES], args.errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
