"""Right / imprecise / wrong / missed: how a journalist sees one resolved date.

The TempEval metric asks whether a value string is identical; a journalist asks
whether the date is usable. Both the web-news report and the peer-suite report
turn values into calendar periods and compare those, so "2013-W08" against
"2013-02-20" is *imprecise* (the week contains the day), not simply different,
and a dated answer that shares no time with the truth is *wrong*, the one
outcome worse than none.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from benchmarks.harness import markdown_table
from timeline_app.values import interval_of

OUTCOMES = ("right", "imprecise", "wrong", "missed")

Period = tuple[datetime, datetime]  # [start, end): half-open, to the minute
_MIDNIGHT_END = re.compile(r"^\d{4}-\d\d-\d\dT24(:00)?$")


def period(value: str | None) -> Period | None:
    """The stretch of time a TIMEX3 DATE/TIME value denotes, or None (durations, sets,
    PAST_REF, values with X digits, impossible dates)."""
    if value and _MIDNIGHT_END.match(value):  # "T24": the midnight that ends the day it names
        end = datetime.fromisoformat(value[:10]) + timedelta(days=1)
        return end - timedelta(minutes=1), end
    found = interval_of(value) if value else None
    if found is None:
        return None
    start, end, _ = found
    first = start if isinstance(start, datetime) else datetime(start.year, start.month, start.day)
    if isinstance(end, datetime):
        return first, end.replace(second=0, microsecond=0) + timedelta(minutes=1)
    return first, datetime(end.year, end.month, end.day) + timedelta(days=1)


_DURATION = re.compile(r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$")


def same_duration(a: str, b: str) -> bool:
    """Whether two TIMEX3 durations measure the same (``PT36H`` is ``P1DT12H``, ``P1W`` is ``P7D``).

    Months and days are kept apart (a month is no fixed number of days); vague values (``PXD``)
    only equal themselves.
    """
    if a == b:
        return True
    ma, mb = _DURATION.match(a), _DURATION.match(b)
    if not (ma and mb) or a == "P" or b == "P":
        return False
    return _measure(ma) == _measure(mb)


def _measure(m: re.Match[str]) -> tuple[int, int]:
    years, months, weeks, days, hours, minutes, seconds = (int(g or 0) for g in m.groups())
    return years * 12 + months, (((weeks * 7 + days) * 24 + hours) * 60 + minutes) * 60 + seconds


def period_of(span: object) -> Period | None:
    """The period of a system's answer: its value's, or the first and last day it carries
    (``days``: a peer's range that no TIMEX3 value can write)."""
    days = getattr(span, "days", None)
    return day_period(*days) if days else period(getattr(span, "value", None))


def day_period(first: date, last: date) -> Period:
    """Whole days ``first`` to ``last`` inclusive."""
    return datetime(first.year, first.month, first.day), datetime(last.year, last.month, last.day) + timedelta(days=1)


def as_days(span: Period) -> Period:
    """Widen a period to the whole days it touches (a clock time is judged by its day)."""
    start, end = span
    last = (end - timedelta(microseconds=1)).date()
    return day_period(start.date(), last)


def inside(inner: Period, outer: Period) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def overlaps(a: Period, b: Period) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def compare_periods(answer: Period, expected: Period, *, finer_is_right: bool) -> str:
    """right if identical (or, with ``finer_is_right``, inside); imprecise if they share time; else wrong."""
    if answer == expected or (finer_is_right and inside(answer, expected)):
        return "right"
    return "imprecise" if overlaps(answer, expected) else "wrong"


def confidence_of(answers: Iterable[object]) -> str | None:
    """How sure the engine said it was ("cue" or "default", a guess) about the answers judged;
    "default" if any of them was a guess, None when the system reports no confidence."""
    said = {getattr(a, "confidence", None) for a in answers} - {None}
    return ("default" if "default" in said else "cue") if said else None


class Tallied:
    """Counts over ``self.cases``: anything judged, with an ``outcome``."""

    cases: Sequence[Any]

    def count(self, outcome: str) -> int:
        return sum(c.outcome == outcome for c in self.cases)

    def percent(self, outcome: str = "right") -> float:
        return 100 * self.count(outcome) / len(self.cases) if self.cases else 0.0


def tally_table(rows: Iterable[tuple[str, str]], label: str) -> str:
    """Markdown counts of (group, outcome) pairs: one row per group plus a total, right as a %."""
    counts = Counter(rows)
    groups = sorted({g for g, _ in counts}, key=lambda g: (-sum(counts[g, o] for o in OUTCOMES), g))
    table = [_tally_row(g, [counts[g, o] for o in OUTCOMES]) for g in groups]
    table.append(_tally_row("**total**", [sum(counts[g, o] for g in groups) for o in OUTCOMES]))
    return markdown_table([label, "n", "right %", *OUTCOMES], table)


def _tally_row(name: str, numbers: Sequence[int]) -> list[object]:
    n = sum(numbers)
    return [name, n, f"{100 * numbers[0] / n:.1f}" if n else "-", *numbers]
