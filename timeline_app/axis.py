"""A time axis that shows the story: empty stretches between clusters of events are cut.

One 1991 event must not squash a six-week story into a sliver, and a reader must
never take a cut for continuous time. So the axis is a piecewise-linear map from
calendar time to "shown time": inside a cluster one day is always the same width;
each cut gap keeps only a fixed small share of the axis, where the figure draws the
cut and says how much time it hides.

Which gaps are cut (a stated rule, so the picture is predictable):

* gaps are considered from the shortest up, merging neighbours into clusters
  (single linkage); a gap is a candidate cut when it is longer than
  ``RATIO`` times the wider of the two clusters it separates, and at least
  ``MIN_CUT``; gaps inside the story's core (the shortest stretch holding
  three quarters of the events) are never cut: a quiet week of the story is part of it;
* candidates are then cut from the longest down, while the gap would take more
  than ``MIN_GAP_SHARE`` of the drawn axis, at most ``MAX_BREAKS`` of them.

Everything is pure arithmetic on datetimes and floats; the figure draws numbers
(days of shown time) and labels the ticks itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

DAY_S = 86_400.0
RATIO = 2.0
MIN_GAP_SHARE = 0.10
MAX_BREAKS = 10
CUT_SHARE = 0.04  # of the drawn axis, per cut; fewer if there are many cuts
MAX_CUTS_SHARE = 0.30  # all cuts together never take more than this
MIN_SPAN_S = DAY_S  # a cluster of one instant still gets a day
MIN_CUT = timedelta(days=31)
_SAME_S = 1e-3  # shown positions this close are one position (float seconds over centuries)


@dataclass(frozen=True)
class Break:
    """A hidden stretch of time: ``start`` to ``end`` are not drawn (the kept margins are outside)."""

    start: datetime
    end: datetime

    @property
    def hidden(self) -> timedelta:
        return self.end - self.start


@dataclass(frozen=True)
class Axis:
    """Calendar time -> shown time (seconds since ``origin`` minus the hidden stretches)."""

    origin: datetime
    breaks: tuple[Break, ...] = ()

    def to_shown(self, point: datetime) -> float:
        """Seconds of shown time from the origin; a point inside a break sits at the cut."""
        seconds = (point - self.origin).total_seconds()
        for b in self.breaks:
            if point >= b.end:
                seconds -= (b.end - b.start).total_seconds()
            elif point > b.start:
                seconds -= (point - b.start).total_seconds()
        return seconds

    def to_days(self, point: datetime) -> float:
        return self.to_shown(point) / DAY_S

    def from_shown(self, seconds: float, *, after_cut: bool = False) -> datetime:
        """The calendar time drawn at ``seconds``. A cut's position is both its start and its end:
        it maps to its start, or with ``after_cut`` to its end (a range's left edge, which
        shows what follows the cut)."""
        point = self.origin + timedelta(seconds=seconds)
        for b in self.breaks:
            if point > b.start or (after_cut and abs((point - b.start).total_seconds()) < _SAME_S):
                point += b.end - b.start
            else:
                break
        return point

    def from_days(self, days: float, *, after_cut: bool = False) -> datetime:
        return self.from_shown(days * DAY_S, after_cut=after_cut)

    def cut_positions(self) -> list[float]:
        """Where each cut sits on the drawn axis, in days of shown time."""
        return [self.to_days(b.start) for b in self.breaks]


def compress(spans: Sequence[tuple[datetime, datetime]], anchors: Sequence[datetime] = (), *,
             ratio: float = RATIO, min_gap_share: float = MIN_GAP_SHARE, max_breaks: int = MAX_BREAKS) -> Axis:
    """The axis for events spanning ``spans`` (start, exclusive end) and marked at ``anchors``
    (default: the starts); see the module rule."""
    instants = sorted({t for span in spans for t in span})
    if len(instants) < 2:
        return Axis(instants[0] if instants else datetime(2000, 1, 1))
    gaps = [(instants[n + 1] - instants[n]).total_seconds() for n in range(len(instants) - 1)]
    core_start, core_end = core(anchors or [s for s, _ in spans])
    candidates = {n for n in _candidates(gaps, ratio)
                  if not (core_start <= instants[n] and instants[n + 1] <= core_end)}
    cut: list[int] = []
    kept = sum(gaps)
    for n in sorted(candidates, key=lambda n: (-gaps[n], n)):
        drawn_now = kept / (1 - _cut_share(len(cut)) * len(cut))
        if len(cut) >= max_breaks or gaps[n] <= min_gap_share * drawn_now:
            break  # longest first: every later gap is shorter, on the same axis
        if kept - gaps[n] < MIN_SPAN_S:
            continue  # a cut must leave something to show (a lone interval is not cut in two)
        cut.append(n)
        kept -= gaps[n]
    if not cut:
        return Axis(instants[0])
    share = _cut_share(len(cut))
    drawn = max(kept, MIN_SPAN_S) / (1 - share * len(cut))
    margin = timedelta(seconds=share * drawn / 2)
    breaks = tuple(Break(instants[n] + margin, instants[n + 1] - margin) for n in sorted(cut))
    return Axis(instants[0], breaks)


def core(anchors: Iterable[datetime]) -> tuple[datetime, datetime]:
    """The shortest stretch of time holding three quarters of the anchors (at least two): the story."""
    points = sorted(anchors)
    k = min(len(points), max(2, -(-3 * len(points) // 4)))
    if not points:
        return datetime.max, datetime.min
    n = min(range(len(points) - k + 1), key=lambda n: (points[n + k - 1] - points[n], n))
    return points[n], points[n + k - 1]


def _cut_share(cuts: int) -> float:
    return min(CUT_SHARE, MAX_CUTS_SHARE / max(cuts, 1))


def _candidates(gaps: Sequence[float], ratio: float) -> set[int]:
    """Gaps longer than ``ratio`` times the wider cluster beside them, by single linkage."""
    left = list(range(len(gaps) + 1))  # each instant's cluster: [first, last] instant indices
    right = list(range(len(gaps) + 1))
    offsets = [0.0]
    for g in gaps:
        offsets.append(offsets[-1] + g)
    out: set[int] = set()
    for n in sorted(range(len(gaps)), key=lambda n: (gaps[n], n)):
        a_first, b_last = left[n], right[n + 1]
        wider = max(offsets[n] - offsets[a_first], offsets[b_last] - offsets[n + 1], MIN_SPAN_S)
        if gaps[n] > ratio * wider and gaps[n] >= MIN_CUT.total_seconds():
            out.add(n)
            continue
        left[b_last] = a_first  # merge: only the ends' entries are read again
        right[a_first] = b_last
    return out


def segments(axis: Axis, first: datetime, last: datetime) -> list[tuple[datetime, datetime]]:
    """The continuous stretches of calendar time drawn between ``first`` and ``last``."""
    out: list[tuple[datetime, datetime]] = []
    start = first
    for b in axis.breaks:
        if b.start > start and b.start < last:
            out.append((start, b.start))
        start = max(start, b.end)
    if start < last:
        out.append((start, last))
    return out


def framed(inner: Axis, outer: Axis, first: datetime, last: datetime) -> Axis:
    """``inner``'s map between ``first`` and ``last``, and ``outer``'s cuts beyond them.

    A zoomed chart is drawn on the axis of its period (``inner``), but its range slider
    spans the whole story: outside the period the whole story's cuts (``outer``) still
    hide its empty years, so the slider is not mostly empty time. Between ``first`` and
    ``last`` the result equals ``inner`` exactly (the origin moves back by what the cuts
    before ``first`` hide), so nothing drawn moves.
    """
    before = tuple(Break(b.start, min(b.end, first)) for b in outer.breaks if b.start < first)
    after = tuple(Break(max(b.start, last), b.end) for b in outer.breaks if b.end > last)
    hidden = sum((b.hidden for b in before), timedelta())
    return Axis(inner.origin - hidden, before + inner.breaks + after)
