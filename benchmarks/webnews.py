"""Web news (webnews-dev): how many hand-resolved dates a system gets right, and how the rest fail.

    python benchmarks/webnews.py [--errors] [--mode found|given] [--corpora DIR]

Each scored gold date (the date line, ``kind: dct``, and bare ages, ``kind: age``,
are skipped as the corpus README says for TempEval-style scoring) is paired with the
system expression that overlaps it (the TempEval pairing), then judged:

- **right**: the value is the gold value or its ``alt`` (TimeML-convention) value;
- **imprecise**: the two denote overlapping but different stretches of time (a week for a day);
- **wrong**: a dated answer that shares no time with the gold, or a different duration;
- **missed**: nothing overlaps the phrase, or the answer has no calendar place (a duration, ``XXXX``).

Two runs: the publication date *found* by the system from the text (line 2 holds the
date line as the page printed it) and *given* (the gold publication date passed in).
The found run also counts the publication dates found. ``--errors`` lists every wrong
and missed case with the phrase, gold, ours and why.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the repo root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.categories import categorize
from benchmarks.corpora import corpora_root
from benchmarks.harness import markdown_table
from benchmarks.outcomes import (
    OUTCOMES,
    Tallied,
    compare_periods,
    confidence_of,
    period,
    period_of,
    same_duration,
    tally_table,
)
from benchmarks.tempeval import Span

FOLDER = "webnews-dev"
SKIPPED_KINDS = ("dct", "age")
MODES = ("found", "given")

# A system: (text, publication date or None) -> an Extraction (``.expressions``, and
# ``.document.published`` for the date it used) or simply a sequence of spans.
ExtractFn = Callable[[str, date | None], Any]


@dataclass(frozen=True)
class GoldDate:
    """One hand-resolved date: its span in the article, TIMEX3 annotation and the annotator's reason."""

    start: int
    end: int
    text: str
    type: str
    value: str
    why: str = ""
    mod: str | None = None
    kind: str | None = None
    ambiguous: bool = False
    alt: GoldDate | None = None  # the TimeML-convention reading, also accepted

    @property
    def scored(self) -> bool:
        return self.kind not in SKIPPED_KINDS


@dataclass(frozen=True)
class Article:
    id: str
    text: str
    published: date
    dates: tuple[GoldDate, ...]


def find_occurrence(text: str, phrase: str, occurrence: int) -> int:
    """Offset of the ``occurrence``-th raw, case-sensitive, non-overlapping match (the README's rule)."""
    at = -len(phrase)
    for _ in range(occurrence + 1):
        at = text.find(phrase, at + len(phrase))
        if at < 0:
            raise ValueError(f"{phrase!r} occurs fewer than {occurrence + 1} times")
    return at


def _gold(entry: dict[str, Any], text: str) -> GoldDate:
    start = find_occurrence(text, entry["phrase"], entry["occurrence"])
    alt = None
    if "alt" in entry:  # every alt phrase lies inside its main phrase
        a = entry["alt"]
        a_start = start + text[start:start + len(entry["phrase"])].index(a["phrase"])
        alt = GoldDate(a_start, a_start + len(a["phrase"]), a["phrase"], a["type"], a["value"],
                       a.get("why", ""), a.get("mod"))
    return GoldDate(start, start + len(entry["phrase"]), entry["phrase"], entry["type"], entry["value"],
                    entry.get("why", ""), entry.get("mod"), entry.get("kind"), bool(entry.get("ambiguous")), alt)


def load_webnews(root: str | Path | None = None) -> list[Article]:
    """The 30 articles with their gold dates placed in the text."""
    base = corpora_root(root) / FOLDER
    articles = []
    for item in json.loads((base / "gold.json").read_text(encoding="utf-8")):
        text = (base / item["file"]).read_text(encoding="utf-8")
        dates = tuple(_gold(entry, text) for entry in item["dates"])
        articles.append(Article(Path(item["file"]).stem, text, date.fromisoformat(item["published"]), dates))
    return articles


def _overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


# ---- judging -------------------------------------------------------------------------------------

_RANK = {"right": 0, "imprecise": 1, "missed": 2, "wrong": 3}


def _judge_one(gold: GoldDate, system: Span) -> tuple[str, str]:
    if system.value == gold.value:
        return "right", "same value"
    if same_duration(system.value, gold.value):
        return "right", "same duration"
    expected, answer = period(gold.value), period_of(system)
    if expected and answer:
        outcome = compare_periods(answer, expected, finer_is_right=False)
        return outcome, {"imprecise": "overlapping period", "wrong": "no time in common"}.get(outcome, "same period")
    if expected:
        return "missed", f"answer has no calendar place ({system.type} {system.value})"
    if answer:
        return "wrong", "a date where the gold has none"
    return "wrong", "different value"


def judge(gold: GoldDate, candidates: Sequence[Span]) -> tuple[Span | None, str, str]:
    """(the answer judged, outcome, reason) for one gold date, given the unused system expressions
    that overlap it: the best of them counts ("Nov 20, 2024" and "08:57 PM" for "Nov 20, 2024 08:57 PM").
    Each answer serves one gold date only (the TempEval pairing is one-to-one too)."""
    readings = [gold, *([gold.alt] if gold.alt else [])]
    verdicts = [(s, *_judge_one(r, s)) for s in candidates for r in readings]
    return min(verdicts, key=lambda verdict: _RANK[verdict[1]], default=(None, "missed", "not tagged"))


@dataclass(frozen=True)
class Case:
    """One scored gold date and what the system made of it."""

    article: str
    gold: GoldDate
    system: Span | None
    outcome: str
    why: str

    @property
    def category(self) -> str:
        return categorize(self.gold.text, self.gold.type)

    @property
    def confidence(self) -> str | None:
        return confidence_of([self.system] if self.system else [])


@dataclass
class WebnewsScore(Tallied):
    mode: str
    cases: list[Case] = field(default_factory=list)
    spurious: list[tuple[str, Span]] = field(default_factory=list)  # system expressions with no gold at all
    published_right: int = 0  # publication dates the system used that equal the gold ones
    articles: int = 0


def _expressions(result: Any) -> tuple[Sequence[Span], date | None]:
    if hasattr(result, "expressions"):
        return result.expressions, result.document.published
    return result, None


def ours(text: str, published: date | None) -> Any:
    from timeline_app import extract  # imported late so --help works without the package

    return extract(text, published=published)


def score_webnews(extract_fn: ExtractFn = ours, *, mode: str = "given",
                  articles: Sequence[Article] | None = None, root: str | Path | None = None) -> WebnewsScore:
    """Run ``extract_fn`` on every article, with the gold publication date (``given``) or none (``found``)."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}")
    articles = load_webnews(root) if articles is None else articles
    score = WebnewsScore(mode, articles=len(articles))
    for article in articles:
        found, used = _expressions(extract_fn(article.text, article.published if mode == "given" else None))
        score.published_right += used == article.published
        free = list(found)
        for gold in sorted(article.dates, key=lambda g: (g.start, g.end)):
            answer, outcome, why = judge(gold, [s for s in free if _overlap(gold, s)])
            if answer is not None:
                free.remove(answer)
            if gold.scored:
                score.cases.append(Case(article.id, gold, answer, outcome, why))
        score.spurious.extend((article.id, s) for s in free)
    return score


# ---- report --------------------------------------------------------------------------------------

def summary_row(name: str, score: WebnewsScore) -> list[object]:
    return [name, score.mode, len(score.cases), f"{score.percent():.1f}", *(score.count(o) for o in OUTCOMES),
            len(score.spurious), f"{score.published_right}/{score.articles}" if score.mode == "found" else "given"]


SUMMARY_HEADERS = ("system", "publication date", "n", "right %", *OUTCOMES, "spurious", "pub. dates found")


def _describe(span: Span | None) -> str:
    if span is None:
        return "-"
    mod = getattr(span, "mod", None)
    return f"{span.text!r} {span.type} {span.value}" + (f" mod={mod}" if mod else "")


def format_case(case: Case) -> str:
    explanation = getattr(case.system, "explanation", "") if case.system else ""
    lines = [f"[{case.outcome}] {case.article} ({case.category}) {case.gold.text!r}: "
             f"gold {case.gold.value}{' (or ' + case.gold.alt.value + ')' if case.gold.alt else ''}"
             f" | ours {_describe(case.system)} -- {case.why}",
             f"    gold: {case.gold.why}"]
    if explanation:
        lines.append(f"    ours: {explanation}")
    return "\n".join(lines)


def report(scores: Sequence[WebnewsScore], errors: bool) -> str:
    parts = [markdown_table(SUMMARY_HEADERS, [summary_row("ours", s) for s in scores])]
    for score in scores:
        parts.append(f"by kind of phrase, publication date {score.mode}:\n\n"
                     + tally_table(((c.category, c.outcome) for c in score.cases), "kind"))
        if any(c.confidence for c in score.cases):  # the precision of guesses and of read cues
            parts.append(f"by our confidence, publication date {score.mode}:\n\n"
                         + tally_table(((c.confidence or "no answer", c.outcome) for c in score.cases), "confidence"))
        if errors:
            shown = [c for c in score.cases if c.outcome in ("wrong", "missed")]
            parts.append(f"wrong and missed, publication date {score.mode} ({len(shown)}):\n"
                         + "\n".join(format_case(c) for c in shown))
    return "\n\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--errors", action="store_true", help="list every wrong and missed case")
    parser.add_argument("--mode", choices=MODES, action="append", help="only this run (default: both)")
    parser.add_argument("--corpora", metavar="DIR", help="corpora root folder")
    args = parser.parse_args(argv)
    articles = load_webnews(args.corpora)
    scores = [score_webnews(mode=mode, articles=articles) for mode in args.mode or MODES]
    print(report(scores, args.errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
