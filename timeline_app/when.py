"""An event's date as people write it: "16 Dec 2011", "Dec 2011", "1990s", "≈ 2011".

The chart, the tables, the source view, corrections and exports all print dates the
same way, so the wording lives here, beside neither the engine nor Plotly: the
engine's modules (corrections included) import it without importing a plotting library.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import NamedTuple, Protocol

from .model import DatePoint


class Dated(Protocol):
    """What the wording reads of an event, an article's or a story's."""

    @property
    def start(self) -> DatePoint: ...
    @property
    def end(self) -> DatePoint: ...
    @property
    def granularity(self) -> str: ...
    @property
    def certainty(self) -> str: ...

# The most detail a granularity promises; anything coarser prints as a year.
_NATURAL_PRECISION = {"minute": "minute", "hour": "hour", "day": "day", "week": "day", "month": "month",
                      "season": "month", "quarter": "month", "half": "month"}
_PRECISION_RANK = {"minute": 0, "hour": 1, "day": 2, "month": 3, "year": 4}


def naive(point: DatePoint) -> datetime:
    """Dates are whole days and times are shown as written, so drop any time zone."""
    if isinstance(point, datetime):
        return point.replace(tzinfo=None)
    return datetime(point.year, point.month, point.day)


def day_label(point: DatePoint | None) -> str:
    """A date as "26 Jan 2012"."""
    return "unknown date" if point is None else f"{point.day} {point:%b %Y}"


class Bound(NamedTuple):
    """One end of an event's span, and how much of it the source actually says."""

    point: datetime
    precision: str  # "minute", "hour", "day", "month" or "year"


def event_bounds(event: Dated) -> tuple[Bound, Bound]:
    """Start and end with their printable precision.

    A bound prints with what its granularity promises, or finer when it is off a
    period boundary (a month-granular span ending on the 16th shows the day) --
    unless the date is approximate: "about seven months" promises no day.
    """
    natural = _NATURAL_PRECISION.get(event.granularity, "year")
    start, end = naive(event.start), naive(event.end)
    if event.certainty == "approximate":
        return Bound(start, natural), Bound(end, natural)
    return (Bound(start, _finer(natural, _aligned(start))),
            Bound(end, _finer(natural, _aligned(end + timedelta(days=1)))))


def format_when(event: Dated) -> str:
    """The event's date as a person writes it: "16 Dec 2011", "Dec 2011", "≈ May–Dec 2011", "1990s"."""
    first, last = event_bounds(event)
    text = _decade(event) or range_text(first, last)
    return f"≈ {text}" if event.certainty == "approximate" else text


def range_text(first: Bound, last: Bound) -> str:
    """Both ends, sharing what they share: "23–29 Jan 2012", "May–Dec 2011", "16 May – 16 Dec 2011",
    "5 Nov 2019, 21:00–23:59"."""
    a, b = _bound_text(first), _bound_text(last)
    if a == b:
        return a
    (p, pp), (q, qp) = first, last
    if pp in _CLOCK and qp in _CLOCK and p.date() == q.date():
        return f"{day_label(p)}, {p:%H:%M}–{q:%H:%M}"
    if pp == qp == "day" and p.year == q.year:
        return f"{p.day}–{q.day} {q:%b %Y}" if p.month == q.month else f"{p.day} {p:%b} – {q.day} {q:%b %Y}"
    if pp == qp == "month" and p.year == q.year:
        return f"{p:%b}–{q:%b %Y}"
    if pp == qp == "year":
        return f"{p.year}–{q.year}"
    return f"{a} – {b}"


def _aligned(edge: datetime) -> str:
    """The coarsest period that starts at ``edge`` (an end bound passes the next day)."""
    return "day" if edge.day != 1 else "month" if edge.month != 1 else "year"


_CLOCK = ("minute", "hour")


def _finer(a: str, b: str) -> str:
    return min(a, b, key=_PRECISION_RANK.__getitem__)


def _bound_text(bound: Bound) -> str:
    point, precision = bound
    if precision in _CLOCK:
        return f"{day_label(point)}, {point:%H:%M}"
    return {"day": day_label(point), "month": f"{point:%b %Y}"}.get(precision, str(point.year))


def _decade(event: Dated) -> str | None:
    start, end = naive(event.start), naive(event.end)
    whole = (start.month, start.day, end.month, end.day) == (1, 1, 12, 31)
    if event.granularity == "decade" and whole and start.year % 10 == 0 and end.year == start.year + 9:
        return f"{start.year}s"
    return None
