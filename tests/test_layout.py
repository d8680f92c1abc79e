"""Lane layout: labels never collide, lanes are as few as possible, same input same picture."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import datetime, timedelta
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_app.layout import (
    Item,
    LabelStyle,
    Placement,
    assign_lanes,
    fit_range,
    plan,
    text_width_px,
    truncate,
    wrap,
)

ORIGIN = datetime(2020, 1, 1)
STYLE = LabelStyle(font_px=10, max_chars=56, marker_px=10, pad_px=10, bold_room=1.0)  # exact arithmetic


def day(n: float) -> datetime:
    return ORIGIN + timedelta(days=n)


def point(key: str, at: float, label: str) -> Item:
    return Item(key, day(at), day(at + 1), day(at), label)


def test_text_width_uses_arial_metrics() -> None:
    # H = 0.722 em, i = 0.222 em, M = 0.833 em; unknown non-ASCII 0.6 em; CJK 1 em
    assert text_width_px("Hi", 10) == pytest.approx(9.44)
    assert text_width_px("MM", 12) == pytest.approx(19.992)
    assert text_width_px("é", 10) == pytest.approx(6.0)
    assert text_width_px("日本", 10) == pytest.approx(20.0)


def test_truncate_at_a_word_break_with_an_ellipsis() -> None:
    assert truncate("Short label", 20) == "Short label"
    assert truncate("A seven-month labor dispute between fired oilmen", 30) == "A seven-month labor dispute…"
    assert truncate("Supercalifragilisticexpialidocious", 10) == "Supercali…"
    assert truncate("Police fired, then", 14) == "Police fired…"


def test_hand_case_exact_lanes() -> None:
    # 1000 px over 1000 days: one pixel is one day. "aaaa" is 4 x 5.56 = 22.24 px,
    # so a point label occupies [start, start + 10 + 22.24] and needs 10 px of air.
    items = [
        point("a", 10, "aaaa"),  # lane 0, ends at day 42.24
        point("b", 30, "aaaa"),  # starts inside a's label: lane 1, ends 62.24
        Item("c", day(40), day(400), day(40), "aaaa"),  # a long bar: lane 2 until day 400
        point("d", 55, "aaaa"),  # lane 0 is free from 52.24: lane 0, ends 87.24
        point("e", 60, "aaaa"),  # lane 0 busy to 97.24, lane 1 to 72.24, lane 2: new lane 3
        point("f", 410, "aaaa"),  # everything is free again: lane 0
    ]
    placed = assign_lanes(items, 1000, (ORIGIN, day(1000)), STYLE)
    assert [p.lane for p in placed] == [0, 1, 2, 0, 3, 0]
    assert placed[0] == Placement("a", 0, "aaaa", day(10), day(42.24))
    assert placed[2].right == day(400)  # the bar is longer than its label


def test_labels_get_room_to_turn_bold() -> None:
    roomy = LabelStyle(font_px=10, max_chars=56, marker_px=10, pad_px=10)  # default bold_room 1.1
    placed = assign_lanes([point("a", 10, "aaaa")], 1000, (ORIGIN, day(1000)), roomy)
    assert placed[0].right == day(10 + 10 + 1.1 * 22.24)


def test_fit_range_shows_the_last_label_in_full() -> None:
    items = [point("a", 0, "aaaa"), point("b", 100, "aaaa")]
    start, end = fit_range(items, 1000, STYLE)
    px = (end - start) / 1000
    assert abs(start - (day(0) - px * STYLE.pad_px)) < timedelta(seconds=1)
    label_end = day(100) + px * (STYLE.marker_px + 22.24)
    assert abs(end - (label_end + px * STYLE.pad_px)) < timedelta(seconds=1)


def test_plan_shortens_labels_until_the_lanes_fit() -> None:
    long = "Parliament votes on the pipeline deal after a long night of talks"
    items = [point(str(n), n * 3, long) for n in range(40)]
    roomy = plan(items, 1000, max_lanes=100, style=STYLE)
    tight = plan(items, 1000, max_lanes=8, style=STYLE)
    assert roomy.style.max_chars == 56
    assert tight.lanes < roomy.lanes
    assert tight.style.max_chars < 56
    assert all(len(line) <= tight.style.max_chars for p in tight.placements for line in p.label.split("\n"))


def test_same_input_in_any_order_gives_the_same_layout() -> None:
    items = [point(f"k{n}", (n * 37) % 90, "label " * (n % 5 + 1)) for n in range(60)]
    shuffled = items[:]
    random.Random(3).shuffle(shuffled)
    first = {p.key: p for p in plan(items, 800, 30, STYLE).placements}
    second = {p.key: p for p in plan(shuffled, 800, 30, STYLE).placements}
    assert first == second


labels = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=0, max_size=70)
items_strategy = st.lists(
    st.tuples(st.integers(0, 3000), st.integers(0, 400), st.booleans(), labels),
    min_size=1, max_size=60,
).map(lambda rows: [
    Item(f"i{n}", day(s), day(s + 1 + d), day(s + (d / 2 if mid else 0)), label)
    for n, (s, d, mid, label) in enumerate(rows)
])


@settings(max_examples=150, deadline=None)
@given(items_strategy, st.integers(300, 2000))
def test_lanes_never_overlap_and_are_minimal(items: list[Item], plot_px: int) -> None:
    layout = plan(items, plot_px, max_lanes=1000, style=STYLE)
    x0, x1 = layout.x_range
    px = (x1 - x0) / plot_px
    placements = layout.placements
    assert [p.key for p in placements] == [i.key for i in items]
    ms = timedelta(milliseconds=1)
    for item, p in zip(items, placements, strict=True):
        assert p.label.count("\n") <= 1  # two lines at most
        label_px = STYLE.marker_px + max(text_width_px(line, STYLE.font_px) for line in p.label.split("\n"))
        assert p.right >= item.end and p.left <= item.start
        if p.side == "right":
            assert p.left == min(item.start, item.anchor)
            assert p.right >= item.anchor + px * label_px - ms
        else:  # turned left of its mark
            assert p.left <= item.anchor - px * label_px + ms and p.right >= item.anchor
        assert x0 - ms <= p.left and p.right <= x1 + ms  # every label on the page
    by_lane: dict[int, list[Placement]] = {}
    for p in placements:
        by_lane.setdefault(p.lane, []).append(p)
    for lane in by_lane.values():
        lane.sort(key=lambda p: p.left)
        for before, after in pairwise(lane):
            assert before.right + px * STYLE.pad_px <= after.left + timedelta(milliseconds=1)
    # first-fit on start-sorted intervals is optimal: lanes == the largest pile-up
    pile_up = max(
        sum(1 for q in placements if q.left <= p.left < q.right + px * STYLE.pad_px) for p in placements
    )
    assert layout.lanes == pile_up


def test_a_label_of_wide_characters_is_cut_to_fit_a_small_plot() -> None:
    # found by hypothesis: twenty wide characters are wider than a 300-pixel plot
    wide = Item("w", day(3), day(4), day(3), "0" * 20 + "@CKKM" + "\u0e5c" * 8 + "\U0001f1ae" * 30)
    layout = plan([Item("a", day(0), day(1), day(0), ""), wide], 300, max_lanes=10, style=STYLE)
    placed = layout.placements[1]
    x1 = layout.x_range[1]
    assert placed.label.endswith("…") and placed.right <= x1 + timedelta(milliseconds=1)
    assert all(text_width_px(line, 10) <= 0.8 * 300 for line in placed.label.split("\n"))


def test_wrap_breaks_at_spaces_into_two_lines_then_cuts() -> None:
    assert wrap("16 Dec 2011 Riots broke out", 40) == ["16 Dec 2011 Riots broke out"]
    assert wrap("16 Dec 2011 Riots broke out in the oil town of Zhanaozen", 30) == [
        "16 Dec 2011 Riots broke out in", "the oil town of Zhanaozen"]
    assert wrap("16 Dec 2011 Riots broke out in the oil town of Zhanaozen after a long strike", 30) == [
        "16 Dec 2011 Riots broke out in", "the oil town of Zhanaozen…"]
    assert wrap("Supercalifragilisticexpialidocious", 10) == ["Supercalif", "ragilisti…"]
    assert wrap("   ", 10) == [""]


def test_wrap_respects_a_pixel_room() -> None:
    lines = wrap("aaaa bbbb cccc dddd", 56, lambda line: text_width_px(line, 10) <= 50)
    assert lines == ["aaaa bbbb", "cccc dddd"]


def test_the_last_label_turns_left_so_the_axis_ends_with_the_events() -> None:
    items = [point("a", 0, "aaaa"), point("b", 100, "aaaa")]
    layout = plan(items, 1000, max_lanes=5, style=STYLE)
    a, b = layout.placements
    assert (a.side, b.side) == ("right", "left")
    px = (layout.x_range[1] - layout.x_range[0]) / 1000
    assert layout.x_range[1] <= day(101) + px * (STYLE.marker_px + 2 * STYLE.pad_px) + timedelta(seconds=1)
    assert fit_range(items, 1000, STYLE)[1] > layout.x_range[1] + 20 * px  # drawn right, it would need room
    assert b.right == day(101) and b.left <= day(100) - px * (STYLE.marker_px + 22.24) + timedelta(milliseconds=1)


def disputed(key: str, dot: float, cross: float, label: str) -> Item:
    """A mark whose sources also give ``cross``: drawn from its dot to its cross, crosses 8 px wide each side."""
    first, last = min(dot, cross), max(dot, cross)
    return Item(key, day(first), day(max(dot + 1, last)), day(last), label, left_anchor=day(first), reach_px=8)


def test_a_conflict_cross_gets_its_half_width_past_the_span() -> None:
    style = replace(STYLE, marker_px=0)  # no labels, no markers: the crosses are the outermost things drawn
    items = [point("a", 0, ""), disputed("b", 40, 50, "")]
    start, end = fit_range(items, 1000, style)
    px = (end - start) / 1000
    assert abs(end - (day(50) + px * (8 + STYLE.pad_px))) < timedelta(seconds=1)  # the cross, then the pad
    assert abs(start - (day(0) - px * STYLE.pad_px)) < timedelta(seconds=1)
    first_cross = [disputed("c", 10, 0, ""), point("d", 30, "")]
    start, end = fit_range(first_cross, 1000, style)
    px = (end - start) / 1000
    assert abs(start - (day(0) - px * (8 + STYLE.pad_px))) < timedelta(seconds=1)
    (a, b) = assign_lanes(items, 1000, (start, end), style)
    assert abs(b.left - (day(40) - px * 8)) < timedelta(seconds=1)
    assert abs(b.right - (day(50) + px * 8)) < timedelta(seconds=1)


def test_a_disputed_label_turned_left_is_measured_from_its_first_date() -> None:
    """Its label is drawn from its leftmost date (the dot here, a day before its cross), so that is where
    its room on the left is measured from: a neighbour that ends before the cross minus the label's width
    but after the dot minus it must take another lane."""
    items = [point("a", 0, "aaaa"), disputed("b", 100, 110, "aaaa")]
    layout = plan(items, 1000, max_lanes=5, style=STYLE)
    a, b = layout.placements
    assert b.side == "left"
    px = (layout.x_range[1] - layout.x_range[0]) / 1000
    label_px = STYLE.marker_px + 22.24
    assert abs(b.left - (day(100) - px * label_px)) < timedelta(seconds=1)  # from the dot, not from the cross
    assert abs(b.right - (day(110) + px * 8)) < timedelta(seconds=1)
    # Turning left must fit from the dot: too little room there and the label stays right.
    cramped = [disputed("b", 1, 40, "a" * 30), point("c", 0, "")]
    (b, c) = plan(cramped, 1000, max_lanes=5, style=STYLE).placements
    assert b.side == "right"
