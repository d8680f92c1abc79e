"""The compressed time axis: which gaps are cut, and the map from calendar to drawn time."""

from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import example, given, settings
from hypothesis import strategies as st

from timeline_app.axis import DAY_S, Axis, Break, compress, core, framed, segments

D = timedelta(days=1)


def day(y: int, m: int, d: int) -> datetime:
    return datetime(y, m, d)


def points(*days: datetime) -> list[tuple[datetime, datetime]]:
    return [(d, d + D) for d in days]


def test_a_far_event_is_kept_across_one_cut() -> None:
    story = [day(2011, 12, 16), day(2011, 12, 17), day(2012, 1, 20), day(2012, 1, 25), day(2012, 1, 26)]
    axis = compress(points(day(1991, 12, 16), *story))
    assert len(axis.breaks) == 1
    (cut,) = axis.breaks
    assert day(1991, 12, 17) < cut.start < day(1992, 1, 1) and day(2011, 12, 1) < cut.end < day(2011, 12, 16)
    drawn = axis.to_days(day(2012, 1, 27))
    assert (axis.to_days(day(2012, 1, 27)) - axis.to_days(day(2011, 12, 16))) / drawn > 0.9
    # the cut keeps a fixed share of the axis: 4 %, split around the gap
    kept = axis.to_days(day(2011, 12, 16)) - axis.to_days(day(1991, 12, 17))
    assert abs(kept / drawn - 0.04) < 1e-9


def test_quiet_weeks_inside_the_story_are_not_cut() -> None:
    story = [day(2011, 12, 16), day(2011, 12, 16), day(2011, 12, 17), day(2012, 1, 23), day(2012, 1, 25)]
    axis = compress(points(*story))
    assert axis.breaks == ()  # a five-week gap between halves of the story stays continuous time


def test_evenly_spread_events_are_not_cut() -> None:
    axis = compress(points(*(day(2000, 1, 1) + n * 30 * D for n in range(40))))
    assert axis.breaks == ()


def test_core_is_the_shortest_stretch_with_three_quarters_of_the_events() -> None:
    assert core([day(1991, 1, 1), day(2011, 12, 16), day(2011, 12, 17), day(2012, 1, 1)]) == (
        day(2011, 12, 16), day(2012, 1, 1))


def test_map_and_inverse_around_a_break() -> None:
    axis = Axis(day(2000, 1, 1), (Break(day(2000, 1, 11), day(2010, 1, 1)),))
    assert axis.to_days(day(2000, 1, 11)) == 10
    assert axis.to_days(day(2005, 6, 1)) == 10  # inside the cut: at the cut
    assert axis.to_days(day(2010, 1, 2)) == 11
    assert axis.from_days(11) == day(2010, 1, 2)
    assert segments(axis, day(2000, 1, 1), day(2010, 2, 1)) == [(day(2000, 1, 1), day(2000, 1, 11)),
                                                               (day(2010, 1, 1), day(2010, 2, 1))]


instants = st.lists(st.integers(0, 200 * 365), min_size=1, max_size=80).map(
    lambda ns: sorted(day(1900, 1, 1) + n * D for n in ns))


@settings(max_examples=150, deadline=None)
@given(instants, st.integers(0, 400))
def test_the_map_keeps_order_and_every_instant_and_cut_shares_are_small(days: list[datetime], length: int) -> None:
    spans = [(d, d + D + (length * D if n % 3 == 0 else timedelta(0))) for n, d in enumerate(days)]
    axis = compress(spans)
    drawn = [axis.to_shown(t) for span in spans for t in span]
    ordered = sorted(t for span in spans for t in span)
    shown = [axis.to_shown(t) for t in ordered]
    assert shown == sorted(shown) and len(drawn) == len(ordered)
    for t in ordered:  # no instant of an event falls inside a cut
        assert all(not (b.start < t < b.end) for b in axis.breaks)
        assert abs((axis.from_shown(axis.to_shown(t)) - t).total_seconds()) < 1e-3
    total = axis.to_shown(ordered[-1]) - axis.to_shown(ordered[0])
    kept = sum((axis.to_shown(b.end) - axis.to_shown(b.start)) for b in axis.breaks)
    assert abs(kept) < 1e-3  # a cut itself takes no shown time; its margins are real time either side
    if axis.breaks:
        assert total >= DAY_S
        assert len(axis.breaks) <= 10


def test_framed_is_the_zoom_inside_and_the_whole_story_outside() -> None:
    """A zoomed chart's axis, extended to the whole story for its range slider: nothing drawn moves, and
    the whole story's cut still hides the empty years before the period."""
    story = points(day(1991, 12, 16), day(2011, 12, 16), day(2011, 12, 17), day(2012, 1, 20), day(2012, 1, 26))
    whole, zoom = compress(story), compress(story[1:4])
    first, last = day(2011, 12, 10), day(2012, 1, 22)
    axis = framed(zoom, whole, first, last)
    for n in range(0, (last - first).days + 1):
        point = first + n * D
        assert abs(axis.to_shown(point) - zoom.to_shown(point)) < 1e-6
    assert len(axis.breaks) == len(whole.breaks) + len(zoom.breaks)  # the 1992-2011 cut, and none inside
    hidden = axis.breaks[0].hidden  # the whole story's cut, ending where the drawn range starts
    assert axis.breaks[0].start == whole.breaks[0].start and axis.breaks[0].end == first
    linear = zoom.to_days(day(1991, 12, 16))
    assert abs(axis.to_days(day(1991, 12, 16)) - (linear + hidden.total_seconds() / DAY_S)) < 1e-9  # 20 years: a cut
    assert axis.to_days(day(2012, 1, 27)) == zoom.to_days(day(2012, 1, 27))  # no cut after: as drawn


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 9000), min_size=2, max_size=12), st.integers(0, 9000), st.integers(1, 400))
@example(offsets=[0, 0, 0, 4263], start=4262, length=1)  # the drawn range starts where a cut ends (CI found it)
def test_framed_is_monotonic_and_inverts_outside_its_cuts(offsets: list[int], start: int, length: int) -> None:
    base = day(1990, 1, 1)
    story = points(*(base + k * D for k in offsets))
    first, last = base + start * D, base + (start + length) * D
    inside = [s for s in story if first <= s[0] < last] or story[:1]
    axis = framed(compress(inside), compress(story), first, last)
    previous = None
    for k in range(-30, 9500, 37):
        point = base + k * D
        shown = axis.to_shown(point)
        assert previous is None or shown >= previous - 1e-6  # flat inside a cut, up to rounding
        previous = shown
        if any(b.start < point < b.end for b in axis.breaks):
            continue
        # a cut's start and end share one position: plainly it reads back as the start, as a
        # range's left edge (after_cut) as the end
        at_end = any(point == b.end for b in axis.breaks)
        at_start = any(point == b.start for b in axis.breaks)
        if not at_end:
            assert abs((axis.from_shown(shown) - point).total_seconds()) < 1e-3
        if not at_start:
            assert abs((axis.from_shown(shown, after_cut=True) - point).total_seconds()) < 1e-3
