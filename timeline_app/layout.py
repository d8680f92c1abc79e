"""Lane layout for timeline labels: every label gets room on its own row.

A timeline is unreadable once labels collide, and collisions depend on the
drawing scale, so the layout works in pixels: each item occupies its time span
or its label's width (converted to time at the current scale), whichever ends
later. Items are then packed greedily into lanes (interval-graph colouring:
sorted by start, first-fit), which uses the fewest lanes possible for those
extents. Everything here is pure and deterministic so the figure, the tests and
the exports all agree on where things go.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from functools import lru_cache

ELLIPSIS = "…"
MIN_SPAN = timedelta(days=7)  # a lone event still gets an axis a human can read (a week of daily ticks)

# Advance widths of Arial / Liberation Sans (metric-compatible, and the fonts the
# figure asks for) in thousandths of an em, grouped by width.
_ASCII_WIDTHS: dict[int, str] = {
    191: "'", 222: "ijl", 260: "|", 278: " !,./:;I[\\]ft", 333: "()-`r{}", 355: '"',
    389: "*", 469: "^", 500: "Jcksvxyz", 556: "#$0123456789?L_abdeghnopqu", 584: "+<=>~",
    611: "FTZ", 667: "&ABEKPSVXY", 722: "CDHNRUw", 778: "GOQ", 833: "Mm", 889: "%",
    944: "W", 1015: "@",
}
_CHAR_EM = {c: w / 1000 for w, chars in _ASCII_WIDTHS.items() for c in chars}
_OTHER_EM = 0.6  # accented Latin, Cyrillic, punctuation: a little wider than average
_WIDE_EM = 1.0  # CJK and other full-width characters


@dataclass(frozen=True)
class LabelStyle:
    """How labels are drawn, in pixels: the layout must know what the figure draws."""

    font_px: float = 12.0
    max_chars: int = 56  # per line
    marker_px: float = 12.0  # from the anchor to where the label text begins
    pad_px: float = 12.0  # free space kept between neighbours in a lane
    # Labels are measured as if bold (Arial Bold runs up to ~8% wider): the
    # selected one is drawn bold, and selecting must neither collide nor move lanes.
    bold_room: float = 1.1


@dataclass(frozen=True)
class Item:
    """Something to place: its time span, where its label starts, and the label."""

    key: str
    start: datetime
    end: datetime  # exclusive: a day-long event ends at the next midnight
    anchor: datetime  # the marker; the label is drawn to its right
    label: str
    # A disputed mark (a dot and a conflict cross at each other date) draws a label turned left from
    # its leftmost date, and its crosses stick out past its span's ends by half their width.
    left_anchor: datetime | None = None  # where a label turned left ends (default: ``anchor``)
    reach_px: float = 0.0  # drawn past ``start`` and ``end``, in pixels

    @property
    def left_end(self) -> datetime:
        return self.anchor if self.left_anchor is None else self.left_anchor


@dataclass(frozen=True)
class Placement:
    """Where an item went: its lane, its (maybe shortened) label and its extent."""

    key: str
    lane: int
    label: str
    left: datetime
    right: datetime
    side: str = "right"  # where the label is drawn; "left" for the last ones, so the axis ends with the events


@dataclass(frozen=True)
class Layout:
    """A complete plan for one figure: x range, placements, and the style used."""

    x_range: tuple[datetime, datetime]
    placements: tuple[Placement, ...]
    style: LabelStyle

    @property
    def lanes(self) -> int:
        return 1 + max((p.lane for p in self.placements), default=-1)


@lru_cache(maxsize=8192)
def text_width_px(text: str, font_px: float) -> float:
    """Rendered width of ``text``, from Arial's metrics (no font engine needed).

    Cached: the layout measures the same labels again for each label length it tries.
    """
    return font_px * sum(_CHAR_EM.get(c) or _char_em(c) for c in text)


def _char_em(c: str) -> float:
    return _WIDE_EM if unicodedata.east_asian_width(c) in "WF" else _OTHER_EM


def truncate(label: str, max_chars: int) -> str:
    """Shorten a label to ``max_chars`` with an ellipsis, at a word break if one is near."""
    if len(label) <= max_chars:
        return label
    cut = label[: max_chars - 1]
    space = cut.rfind(" ")
    if space >= max_chars // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-–—") + ELLIPSIS


# A label may take at most this share of the plot's width, however wide its characters.
MAX_LABEL_SHARE = 0.8
MAX_LINES = 2  # a label wraps to a second line before it is cut


def wrap(label: str, max_chars: int, fits: Callable[[str], bool] = lambda line: True) -> list[str]:
    """``label`` in at most two lines of ``max_chars`` that each ``fits``; the rest is cut with an ellipsis.

    Lines break at spaces; a word too long for a line is cut inside.
    """
    lines: list[str] = []
    rest = " ".join(label.split())
    while rest and len(lines) < MAX_LINES:
        last = len(lines) == MAX_LINES - 1
        line = _first_line(rest, max_chars, fits)
        rest = rest[len(line):].lstrip()
        if last and rest:
            line = _cut(line + " " + rest, max_chars, fits)
            rest = ""
        lines.append(line)
    return lines or [""]


def _first_line(text: str, max_chars: int, fits: Callable[[str], bool]) -> str:
    """The longest prefix ending at a space (else any prefix) of at most ``max_chars`` that fits."""
    if len(text) <= max_chars and fits(text):
        return text
    breaks = [n for n in range(1, min(len(text), max_chars + 1)) if text[n] == " "]
    for n in reversed(breaks):
        if fits(text[:n]):
            return text[:n]
    n = min(len(text), max_chars)
    while n > 1 and not fits(text[:n]):
        n -= 1
    return text[:n]


def _cut(text: str, max_chars: int, fits: Callable[[str], bool]) -> str:
    label = truncate(text, max_chars)
    while len(label) > 1 and not fits(label):
        label = truncate(label, len(label) - 1)
    return label


def _label(item: Item, style: LabelStyle, plot_px: float) -> str:
    return _drawn_label(item.label, style, plot_px)


@lru_cache(maxsize=8192)
def _drawn_label(label: str, style: LabelStyle, plot_px: float) -> str:
    """The label as drawn, lines joined by newlines: ``style.max_chars`` a line at most, and
    narrow enough to fit on the page (twenty wide characters can be wider than a small plot).

    Cached: fitting the range and packing the lanes ask for the same labels again."""
    room = MAX_LABEL_SHARE * plot_px - style.marker_px - 2 * style.pad_px
    return "\n".join(wrap(label, style.max_chars,
                          lambda line: style.bold_room * text_width_px(line, style.font_px) <= room))


def _label_px(label: str, style: LabelStyle) -> float:
    return style.marker_px + style.bold_room * max(text_width_px(line, style.font_px) for line in label.split("\n"))


def fit_range(items: Sequence[Item], plot_px: float, style: LabelStyle) -> tuple[datetime, datetime]:
    """The narrowest x range that shows every span and every label in full.

    Labels stick out to the right of their anchors by a fixed number of pixels,
    so the range must grow until the last label fits: solved in closed form per
    item, since a label's width in time is proportional to the range itself.
    """
    if not items:  # any fixed month: an empty figure should not change from run to run
        anywhere = datetime(2000, 1, 1)
        return anywhere, anywhere + MIN_SPAN
    first = min(i.start for i in items)
    lead = max(i.reach_px for i in items if i.start == first)  # the first mark's cross sticks out left
    margins = 2 * style.pad_px + lead
    needed = MIN_SPAN.total_seconds()
    for item in items:
        label_share = (_label_px(_label(item, style, plot_px), style) + margins) / plot_px
        needed = max(
            needed,
            (item.end - first).total_seconds() / (1 - (margins + item.reach_px) / plot_px),
            (item.anchor - first).total_seconds() / (1 - label_share),
        )
    left_pad = timedelta(seconds=needed * (style.pad_px + lead) / plot_px)
    return first - left_pad, first - left_pad + timedelta(seconds=needed)


def frame(items: Sequence[Item], plot_px: float, style: LabelStyle) -> tuple[tuple[datetime, datetime], frozenset[str]]:
    """The x range, and the labels drawn left of their marks so the axis ends with the events.

    A label that would push the axis past the last event is turned to the left of
    its mark when it fits there; the range shrinks, so the others fit even better.
    A few rounds settle it (each only turns labels, or turns back one that no longer fits).
    """
    flipped: set[str] = set()
    x_range = fit_range(items, plot_px, style)
    if not items:
        return x_range, frozenset()
    for _ in range(4):
        kept = [i if i.key not in flipped else replace(i, label="") for i in items]
        x_range = fit_range(kept, plot_px, style)
        px = (x_range[1] - x_range[0]) / plot_px
        last = max(i.end + px * i.reach_px for i in items) + px * style.pad_px
        before = set(flipped)
        for item in items:
            width = px * _label_px(_label(item, style, plot_px), style)
            fits_left = item.left_end - width - px * style.pad_px >= x_range[0]
            if item.key in flipped and not fits_left:
                flipped.discard(item.key)
            elif item.key not in flipped and item.anchor + width > last and fits_left:
                flipped.add(item.key)
        if flipped == before:
            break
    kept = [i if i.key not in flipped else replace(i, label="") for i in items]
    x_range = fit_range(kept, plot_px, style)
    px = (x_range[1] - x_range[0]) / plot_px
    # the last round may have widened the range: a turned label that no longer fits turns back
    lost = {i.key for i in items if i.key in flipped
            and i.left_end - px * (_label_px(_label(i, style, plot_px), style) + style.pad_px) < x_range[0]}
    if lost:
        return fit_range(items, plot_px, style), frozenset()
    return x_range, frozenset(flipped)


def assign_lanes(items: Sequence[Item], plot_px: float, x_range: tuple[datetime, datetime],
                 style: LabelStyle, flipped: frozenset[str] = frozenset()) -> tuple[Placement, ...]:
    """Pack items into the fewest lanes so no two extents (labels included) touch.

    Items in ``flipped`` have their label left of the mark. Returns placements in
    the order of ``items``; ties are broken by key so the same input always gives
    the same picture.
    """
    origin = x_range[0]
    px = (x_range[1] - origin).total_seconds() / plot_px  # seconds per pixel

    def seconds(point: datetime) -> float:  # floats: this loop runs items x lanes times
        return (point - origin).total_seconds()

    extents = []
    for item in items:
        label = _label(item, style, plot_px)
        width = px * _label_px(label, style)
        reach = px * item.reach_px
        if item.key in flipped:
            left = min(seconds(item.start) - reach, seconds(item.left_end) - width)
            right = max(seconds(item.end) + reach, seconds(item.anchor))
        else:
            left = min(seconds(item.start) - reach, seconds(item.anchor))
            right = max(seconds(item.end) + reach, seconds(item.anchor) + width)
        extents.append((left, right, label))
    lane_ends: list[float] = []
    placed: list[Placement | None] = [None] * len(items)
    for n in sorted(range(len(items)), key=lambda n: (extents[n][0], items[n].anchor, items[n].key)):
        left, right, label = extents[n]
        free_from = left - px * style.pad_px
        lane = next((k for k, end in enumerate(lane_ends) if end <= free_from), len(lane_ends))
        if lane == len(lane_ends):
            lane_ends.append(right)
        lane_ends[lane] = right
        placed[n] = Placement(items[n].key, lane, label, origin + timedelta(seconds=left),
                              origin + timedelta(seconds=right), "left" if items[n].key in flipped else "right")
    return tuple(p for p in placed if p is not None)


def plan(items: Sequence[Item], plot_px: float, max_lanes: int, style: LabelStyle = LabelStyle(),
         label_caps: Sequence[int] = (56, 44, 34, 26, 20),
         span: tuple[datetime, datetime] | None = None) -> Layout:
    """Lay items out, shortening labels step by step until the lanes fit the height.

    Narrower labels (more of them on two lines) are the cheapest way to stay
    readable when a figure gets crowded; when even the shortest cap gives too many
    lanes, that last try is kept. ``span`` is a stretch the range must cover too.
    """
    extra = [Item("", span[0], span[1], span[0], "")] if span else []
    caps = sorted({min(c, style.max_chars) for c in label_caps}, reverse=True)
    for cap in caps[:-1]:
        layout = _layout_at(items, plot_px, replace(style, max_chars=cap), extra)
        if layout.lanes <= max_lanes:
            return layout
    return _layout_at(items, plot_px, replace(style, max_chars=caps[-1]), extra)


def _layout_at(items: Sequence[Item], plot_px: float, style: LabelStyle, extra: Sequence[Item] = ()) -> Layout:
    x_range, flipped = frame([*items, *extra], plot_px, style)
    return Layout(x_range, assign_lanes(items, plot_px, x_range, style, flipped), style)
