"""The timeline figure: what a journalist reads at a glance and pastes into a briefing.

Drawing rules, each for a reader rather than a plotting library:

* every label starts with its date, at the precision the text gives ("16 Dec 2011",
  "Dec 2011", "≈ May–Dec 2011"), and wraps to a second line before it is cut;
* empty years between clusters of events are cut out of the axis
  (:mod:`timeline_app.axis`) and each cut is drawn and says how long it is;
* a day-precise event is a solid dot; an interval is a bar over the whole
  interval; an imprecise or approximate date is a pale band with a hollow marker;
  an event the journalist edited is a diamond, "edited by you";
* a happening several articles report (story_events.py) is one mark whose hover lists
  its sources; where they disagree on its date, a red cross marks each other date they
  give, joined to the mark by a dotted line, and its label gives both dates and starts
  past the outermost of them (the layout plans it there), so no cross sits on its text;
* events of one day from one article are one mark with a count, until expanded;
* colour says how sure the date is, or which article it came from (Okabe-Ito
  without its yellow: colour-blind safe and readable on white, never repeated;
  past seven sources the rest are "other sources", and the legend says so);
* labels never overlap and stay inside the plot: lanes come from
  :mod:`timeline_app.layout`; past ``MAX_MARKS`` marks the figure is an overview:
  a density strip plus the events the lanes can label, stated dates first.

The x axis is numeric (days of shown time) and the figure writes its own ticks,
so the layout, the screen and every export agree to the pixel. The figure is
built as one plain dict and validated once: plotly's per-trace and ``update_*``
paths cost far more than the drawing itself.
"""

from __future__ import annotations

import heapq
import os
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any, Literal

import plotly.graph_objects as go

from .axis import DAY_S, Axis, compress, framed, segments
from .chrome import is_stamp_label
from .escape import for_plotly
from .layout import Item, LabelStyle, Layout, plan, text_width_px, truncate
from .model import Certainty, DatePoint, Document, Event
from .when import Bound, day_label, format_when, naive, range_text

DEFAULT_WIDTH = 1200
EXPORT_SIZE = (1920, 1080)
FONT = "Arial, 'Liberation Sans', Helvetica, sans-serif"
INK = "#222222"
MUTED = "#666666"
MAX_MARKS = 300  # past this many marks the chart is an overview that drills down

CERTAINTY_ORDER: tuple[Certainty, ...] = ("explicit", "inferred", "approximate")
CERTAINTY_NAMES: dict[str, str] = {
    "explicit": "Date stated in the text",
    "inferred": "Date worked out from context",
    "approximate": "Approximate date",
}
EDITED = "edited"
GUESSED_NAME = "a guess: nothing in the text decided this reading"
EDITED_NAME = "Edited by you"
EDITED_RULE_PREFIX = "manual"  # corrections.py marks every event the journalist changed so
CERTAINTY_COLOURS: dict[str, str] = {"explicit": "#0072B2", "inferred": "#D55E00", "approximate": "#CC79A7",
                                     EDITED: "#000000"}
# Okabe-Ito without yellow (it vanishes on white); each colour once, then "other sources".
SOURCE_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#56B4E9", "#E69F00", "#000000")
OTHER_COLOUR = "#999999"
OTHER = "other"
SEVERAL_COLOUR = "#555555"  # a happening several articles report (story_events.py), coloured by source
SEVERAL = "several"
CONFLICT_COLOUR = "#C4001A"  # the cross at a date the sources dispute (its shape, not its colour, says so)
CONFLICT_NAME = "Red cross: another date sources give"
GROUP_PREFIX = "group:"  # customdata of a mark that stands for several events of one day
ZOOM_PREFIX = "zoom:"  # customdata of a cluster's zoom handle: zoom:<first day>:<last day>

_FINE: frozenset[str] = frozenset({"minute", "hour", "day"})
_UNIT = {"minute": timedelta(minutes=1), "hour": timedelta(hours=1)}

_SOLID_ALPHA = 0.45
_FUZZY_ALPHA = 0.16
_BAR_WIDTH = 0.5  # of a lane
_WRAP = 72  # hover lines, in characters
_SNIPPET = 280  # longest sentence quoted in a hover
_HOVER_LIST = 8  # events listed in a group's hover card
_GROUP_LABELS = 6  # labels a group's label starts from

_MIN_HEIGHT = 360
_MAX_HEIGHT = 1200  # past a laptop screen nobody sees the whole story: shorten labels instead
_MAX_LANE_SPREAD = 2.0  # on a tall slide, lanes sit at most this many lane heights apart
_SLIDER_PX = 30
_AXIS_PX = 44  # two lines of tick labels
_LEGEND_SYMBOL_PX = 46  # swatch and gaps around each legend entry
_LEGEND_ENTRY_MAX_PX = 300
_SIDE_PX = 24
_DENSITY_SHARE = 0.14  # of the plot's height, for the overview's density strip
_TICK_GAP_PX = 16
_OVERVIEW_MAX = 150  # labels at most, however big the chart
_OVERVIEW_CAPS = (44, 34, 28)  # when not all fit, fewer labels of readable length beat many stubs
_CROSS_PX, _CROSS_LINE_PX = 13, 3  # a conflict cross: its size and stroke
_CROSS_REACH_PX = (_CROSS_PX + _CROSS_LINE_PX) / 2  # how far it is drawn on either side of its date
_EPOCH = datetime(2000, 1, 1)  # where the layout's shown time starts (any fixed instant)


@dataclass(frozen=True)
class _Sizing:
    """Pixel budget of one figure: the layout and the drawing must use the same one."""

    width: int
    height: int | None  # None: grow with the lanes
    font_px: int
    margin: dict[str, int]
    pushed_px: int = 0  # what plotly adds below our margin for the range slider
    lanes_share: float = 1.0  # of the plot's height (the overview keeps a strip for density)
    legend_entry_px: int = _LEGEND_ENTRY_MAX_PX

    @property
    def plot_px(self) -> int:
        return self.width - self.margin["l"] - self.margin["r"]

    @property
    def lane_px(self) -> float:
        return self.font_px * 3.0  # two lines of label and air

    @property
    def chrome_px(self) -> int:
        return self.margin["t"] + self.margin["b"] + self.pushed_px

    def max_lanes(self) -> int:
        return max(1, int(((self.height or _MAX_HEIGHT) - self.chrome_px) * self.lanes_share // self.lane_px))

    def final_height(self, lanes: int) -> int:
        if self.height is not None:
            return self.height
        return int(min(max(self.chrome_px + lanes * self.lane_px / self.lanes_share, _MIN_HEIGHT), _MAX_HEIGHT))


@dataclass(frozen=True)
class _Group:
    """One colour in the legend: a certainty level, a source article, or the other sources."""

    key: str
    name: str
    colour: str


@dataclass(frozen=True)
class _Mark:
    """What is drawn for one event, or for several of one day from one article."""

    key: str  # the event id, or GROUP_PREFIX + doc + day for a group
    events: tuple[Event, ...]
    start: datetime
    end: datetime  # exclusive
    anchor: datetime
    fuzzy: bool
    bar: bool
    edited: bool

    @property
    def event(self) -> Event:
        return self.events[0]


# ---------------------------------------------------------------- public API


def build_figure(
    events: Sequence[Event],
    documents: Sequence[Document] = (),
    *,
    selected: str | None = None,
    color_by: Literal["certainty", "source"] = "certainty",
    title: str | None = None,
    width: int = DEFAULT_WIDTH,
    height: int | None = None,
    for_export: bool = False,
    view: tuple[date, date] | None = None,
    expanded: frozenset[str] = frozenset(),
    story: Sequence[Event] | None = None,
) -> go.Figure:
    """The timeline of ``events``, interactive or (``for_export``) slide-ready.

    ``view`` zooms to a period (first and last day): only events that touch it are
    drawn, clipped to it, and the axis and labels are laid out again for it.
    ``expanded`` names grouped marks (``GROUP_PREFIX`` keys) to draw one by one.
    ``story``: every event of the story when ``events`` are only a zoom's (the app filters
    them by the period); a zoomed chart's range slider spans the whole story (default: ``events``).
    For export, leaving ``width`` and ``height`` at their defaults gives a
    1920x1080 slide; a given width alone gets a 16:9 height.
    """
    if for_export and height is None:
        width, height = EXPORT_SIZE if width == DEFAULT_WIDTH else (width, round(width * 9 / 16))
    docs = {d.id: d for d in documents}
    font_px = 14 if for_export else 12
    expanded = expanded | {group_key(e) for e in events if e.id == selected}
    marks = _marks(events, view, expanded)
    groups, colour_of = _groups(marks, color_by, documents)
    legend = _legend_traces(groups, marks)
    footnote = _footnote(events, documents, width - 2 * _SIDE_PX, font_px) if for_export else ""
    names = [t["name"] for t in legend]
    overview = len(marks) > MAX_MARKS
    sizing = _sizing(width, height, font_px, title, footnote, names, for_export, overview)
    axis = _axis(marks)
    style = LabelStyle(font_px=font_px, marker_px=font_px, pad_px=font_px)
    drawn, rest, layout = _labelled(marks, axis, sizing, style)
    if rest and not overview:  # not every label fits: make room for the strip of the others
        overview = True
        sizing = _sizing(width, height, font_px, title, footnote, names, for_export, overview)
        drawn, rest, layout = _labelled(marks, axis, sizing, style)
    lanes = {p.key: p.lane for p in layout.placements}
    labels = {p.key: p.label for p in layout.placements}
    sides = {p.key: f"middle {p.side}" for p in layout.placements}
    x_range = (_shown_days(layout.x_range[0]), _shown_days(layout.x_range[1]))
    hover = {m.key: _hover(m, docs) for m in drawn}
    traces: list[dict[str, Any] | None] = []
    by_colour = {g.key: [m for m in drawn if colour_of(m) == g.key] for g in groups}
    if len(marks) > MAX_MARKS:
        traces.append(_density_trace(marks, axis, x_range, sizing.plot_px))
    elif rest:
        traces += [_strip_trace(g, [m for m in rest if colour_of(m) == g.key], axis, docs) for g in groups]
    traces += [_bar_trace(g, [m for m in by_colour[g.key] if m.bar], axis, lanes, hover) for g in groups]
    traces += [_marker_trace(g, by_colour[g.key], axis, lanes, labels, sides, hover, selected) for g in groups]
    traces += _conflict_traces(drawn, axis, lanes, hover, view, labels, sides, selected)
    traces += [t for g in groups for m in by_colour[g.key] if m.key == selected
               for t in _highlight_traces(m, g, axis, lanes, labels, sides, hover)]
    note = _overview_note(len(drawn), sum(len(m.events) for m in marks), len(marks) > MAX_MARKS) if overview else ""
    fig_layout = _figure_layout(layout, axis, x_range, sizing, title, footnote, for_export, overview, note,
                                density=len(marks) > MAX_MARKS)
    story = events if story is None else story
    if view is not None and not for_export and story:  # the slider keeps the whole story; the plot, the zoom
        slider = _slider_range(story, _framed(story, expanded, axis, x_range), x_range)
        fig_layout["xaxis"]["rangeslider"]["range"] = list(slider)
    if not for_export:
        traces.append(_zoom_trace(marks, axis, fig_layout["yaxis"]["range"][0]))
    traces += legend
    return go.Figure({"data": [t for t in traces if t is not None], "layout": fig_layout})


def selected_event_ids(selection: Mapping[str, Any]) -> list[str]:
    """What a Streamlit ``on_select`` payload points at, first-seen order, no repeats.

    Every drawn point carries its event id in ``customdata`` (a group's key, or a
    zoom handle's, for those marks); a bar and a dot of the same event may both be
    selected, hence the de-duplication.
    """
    points = (selection.get("selection") or {}).get("points") or []
    ids: dict[str, None] = {}
    for point in points:
        data = point.get("customdata")
        if isinstance(data, (list, tuple)):
            data = data[0] if data else None
        if isinstance(data, str):
            ids.setdefault(data)
    return list(ids)


def figure_axis(events: Sequence[Event], view: tuple[date, date] | None = None,
                expanded: frozenset[str] = frozenset(), drawn: tuple[float, float] | None = None,
                story: Sequence[Event] | None = None) -> Axis:
    """The (compressed) time axis :func:`build_figure` draws these events on; with the ``drawn``
    x range of a zoomed figure, the axis its range slider spans (the whole ``story``, see :func:`_framed`)."""
    axis = _axis(_marks(events, view, expanded))
    if view is None or drawn is None:
        return axis
    return _framed(events if story is None else story, expanded, axis, drawn)


def _framed(events: Sequence[Event], expanded: frozenset[str], axis: Axis, drawn: tuple[float, float]) -> Axis:
    """A zoomed figure's axis beyond what it draws: the whole story's, cuts and all, so the range
    slider keeps showing the whole story and dragging a handle back out zooms out."""
    return framed(axis, _axis(_marks(events, None, expanded)), axis.from_days(drawn[0], after_cut=True),
                  axis.from_days(drawn[1]))


def _slider_range(events: Sequence[Event], axis: Axis, x_range: tuple[float, float]) -> tuple[float, float]:
    """What a zoomed chart's range slider spans on ``axis`` (:func:`_framed`): the whole story."""
    spans = [_span(e) for e in events]
    return (min(x_range[0], axis.to_days(min(s for s, _ in spans))),
            max(x_range[1], axis.to_days(max(e for _, e in spans))))


def _axis(marks: Sequence[_Mark]) -> Axis:
    return compress([(m.start, m.end) for m in marks], [m.anchor for m in marks])


def zoom_of(key: str) -> tuple[date, date] | None:
    """The period a zoom handle's customdata names, or None for any other mark."""
    if not key.startswith(ZOOM_PREFIX):
        return None
    first, _, last = key[len(ZOOM_PREFIX):].partition(":")
    return date.fromisoformat(first), date.fromisoformat(last)


def group_key(event: Event) -> str:
    """The mark an event shares with the other events of its day in its article."""
    return _group_name(event.doc_id, _day_of(event.start), _day_of(event.end))


def is_edited(event: Event) -> bool:
    """The journalist changed or added this event (corrections.py marks its rule)."""
    return event.rule.startswith(EDITED_RULE_PREFIX)


def label_text(mark_events: Sequence[Event]) -> str:
    """What a mark's label says: its date first, then what happened (or how many things did)."""
    first = mark_events[0]
    when = format_when(first)
    if len(mark_events) == 1:
        return f"{when}{disputed_text(first)} {first.label}"
    # What happened first, shortest first (two lines hold no more), each once (one happening told
    # twice is one label); a date stamp's "Published: ..." comes last.
    labels = heapq.nsmallest(_GROUP_LABELS, dict.fromkeys(e.label for e in mark_events),
                             key=lambda label: (is_stamp_label(label), len(label)))
    disputed = " (⚠ dates disputed)" if any(e.disputed for e in mark_events) else ""  # crosses: see its hover
    return f"{when} · {len(mark_events)} events{disputed}: {'; '.join(labels)}"


def disputed_dates(event: Event) -> list[str]:
    """The other dates the sources of a merged happening give while they disagree ("2 Mar 2021")."""
    return [format_when(replace(event, start=s, end=e, granularity=g)) for s, e, g in event.disputed]


def disputed_text(event: Event) -> str:
    """ " (⚠ or 2 Mar 2021)" after a disputed happening's date; nothing for any other event."""
    return f" (⚠ or {' / '.join(disputed_dates(event))})" if event.disputed else ""


def source_name(doc: Document | None, doc_id: str) -> str:
    """What a reader calls an article: its outlet, else its title, else its id."""
    return (doc.source or doc.title or doc_id) if doc else doc_id


def sources_line(events: Sequence[Event], documents: Sequence[Document]) -> str:
    """ "Sources: The Moscow Times, published 26 Jan 2012; ..." (documents, else event doc ids)."""
    docs = list(documents) or [Document(text="", id=i) for i in dict.fromkeys(e.doc_id for e in events)]
    if not docs:
        return ""
    return "Sources: " + "; ".join(f"{source_name(d, d.id)}, published {day_label(d.published)}" for d in docs)


# ---------------------------------------------------------------- dates


def _span(event: Event) -> tuple[datetime, datetime]:
    """Inclusive calendar bounds -> [start, end) so bars cover the last day too."""
    step = _UNIT.get(event.granularity, timedelta(days=1)) if isinstance(event.end, datetime) \
        else timedelta(days=1)
    return naive(event.start), naive(event.end) + step


# ---------------------------------------------------------------- marks and groups


def _marks(events: Sequence[Event], view: tuple[date, date] | None, expanded: frozenset[str]) -> list[_Mark]:
    """One mark per event, or per day of one article; clipped to ``view``.

    Keys are tuples until the end: a 9 MB article has tens of thousands of events.
    """
    lo, hi = (naive(view[0]), naive(view[1]) + timedelta(days=1)) if view else (datetime.min, datetime.max)
    by_key: dict[tuple[str, ...], list[Event]] = {}
    for e in events:
        start, end = _span(e)
        if end <= lo or start >= hi:
            continue
        key = (e.doc_id, _day_of(e.start), _day_of(e.end))
        alone = is_edited(e) or (expanded and _group_name(*key) in expanded)
        by_key.setdefault(("", e.id) if alone else key, []).append(e)
    return [_mark(_group_name(*key) if key[0] else key[1], tuple(group), lo, hi) for key, group in by_key.items()]


def _day_of(point: DatePoint) -> str:
    return (point.date() if isinstance(point, datetime) else point).isoformat()


def _group_name(doc_id: str, first: str, last: str) -> str:
    return f"{GROUP_PREFIX}{doc_id}:{first}:{last}"


def _mark(key: str, events: tuple[Event, ...], lo: datetime, hi: datetime) -> _Mark:
    event = events[0]
    start, end = _span(event)
    start, end = max(start, lo), min(end, hi)
    fuzzy = event.granularity not in _FINE or event.certainty == "approximate" or event.guessed
    bar = end - start > _UNIT.get(event.granularity, timedelta(days=1))
    anchor = start + (end - start) / 2 if fuzzy and bar else start
    key = event.id if len(events) == 1 else key
    return _Mark(key, events, start, end, anchor, fuzzy, bar, any(is_edited(e) for e in events))


def _groups(marks: Sequence[_Mark], color_by: str,
            documents: Sequence[Document]) -> tuple[list[_Group], Any]:
    """The legend's colours, and which colour each mark takes.

    Certainty from surest to least, then edits; sources by how many marks they
    have (then the order given), seven colours at most, the rest "other sources".
    """
    if color_by == "certainty":
        def certainty(m: _Mark) -> str:
            return EDITED if m.edited else m.event.certainty
        present = {certainty(m) for m in marks}
        order = [*CERTAINTY_ORDER, EDITED]
        names = {**CERTAINTY_NAMES, EDITED: EDITED_NAME}
        return [_Group(c, names[c], CERTAINTY_COLOURS[c]) for c in order if c in present], certainty
    docs = {d.id: d for d in documents}
    several = any(len(m.event.reported_by) > 1 for m in marks)
    counts = Counter(m.event.doc_id for m in marks if len(m.event.reported_by) < 2)
    given = {k: n for n, k in enumerate(dict.fromkeys([*docs, *counts]))}  # order given (a dict: 5,000 articles)
    ranked = sorted((k for k in given if counts[k]), key=lambda k: (-counts[k], given[k]))
    named = ranked if len(ranked) <= len(SOURCE_COLOURS) else ranked[:len(SOURCE_COLOURS) - 1]
    rest = ranked[len(named):]
    groups = [_Group(k, source_name(docs.get(k), k), SOURCE_COLOURS[n]) for n, k in enumerate(named)]
    if rest:
        groups.append(_Group(OTHER, f"Other sources ({len(rest)} articles)", OTHER_COLOUR))
    if several:
        groups.append(_Group(SEVERAL, "Reported by several articles", SEVERAL_COLOUR))
    keep = set(named)

    def source(m: _Mark) -> str:
        if len(m.event.reported_by) > 1:
            return SEVERAL
        return m.event.doc_id if m.event.doc_id in keep else OTHER
    return groups, source


def _item(mark: _Mark, axis: Axis) -> Item:
    def shown(point: datetime) -> datetime:
        return _EPOCH + timedelta(seconds=axis.to_shown(point))
    others = _disputed_points(mark)
    if not others:
        return Item(mark.key, shown(mark.start), shown(mark.end), shown(mark.anchor), label_text(mark.events))
    last = max(mark.anchor, *others)  # the label starts past every date the sources give
    return Item(mark.key, shown(min(mark.start, *others)), shown(max(mark.end, last)), shown(last),
                label_text(mark.events), left_anchor=shown(min(mark.anchor, *others)), reach_px=_CROSS_REACH_PX)


def _disputed_points(mark: _Mark) -> list[datetime]:
    """Where the crosses of a mark go: the other dates its sources give (none for most marks)."""
    return [naive(start) for e in mark.events for start, _, _ in e.disputed]


def _label_x(mark: _Mark, side: str) -> datetime:
    """Where a mark's label is drawn from: its dot, or past its outermost cross on the label's side."""
    others = _disputed_points(mark)
    if not others:
        return mark.anchor
    return min(mark.anchor, *others) if side.endswith("left") else max(mark.anchor, *others)


def _shown_days(point: datetime) -> float:
    return (point - _EPOCH).total_seconds() / DAY_S


def _labelled(marks: Sequence[_Mark], axis: Axis, sizing: _Sizing,
              style: LabelStyle) -> tuple[list[_Mark], list[_Mark], Layout]:
    """The marks drawn in lanes with labels, the rest (drawn in the strip below), and the layout.

    When every label fits the lanes, all are labelled. Otherwise as many as fit,
    chosen by a stated rule: dates stated in the text (or by the journalist)
    first, then the days cited by the most articles, then marks of the most
    events, then earliest; zooming in shows the others.
    """
    max_lanes = sizing.max_lanes()
    items: dict[str, Item] = {}  # each mark's item once: the tries below ask again

    def item(m: _Mark) -> Item:
        if m.key not in items:
            items[m.key] = _item(m, axis)
        return items[m.key]

    if len(marks) <= MAX_MARKS:
        layout = plan([item(m) for m in marks], sizing.plot_px, max_lanes, style)
        if layout.lanes <= max_lanes:
            return list(marks), [], layout
    articles: dict[date, set[str]] = {}
    for m in marks:
        articles.setdefault(naive(m.event.start).date(), set()).add(m.event.doc_id)

    def rank(m: _Mark) -> tuple[bool, int, int, datetime, str]:
        day = naive(m.event.start).date()
        return (m.event.certainty != "explicit" and not m.edited, -len(articles[day]), -len(m.events),
                m.anchor, m.key)
    ranked = sorted(marks, key=rank)
    whole = (_EPOCH + timedelta(seconds=axis.to_shown(min(m.start for m in marks))),
             _EPOCH + timedelta(seconds=axis.to_shown(max(m.end for m in marks))))
    def fit(n: int) -> Layout:
        return plan([item(m) for m in ranked[:n]], sizing.plot_px, max_lanes, style, _OVERVIEW_CAPS, span=whole)

    # the most labels that fit: bisection (more labels never need fewer lanes, near enough)
    lo, hi = 0, min(len(ranked) - 1, _OVERVIEW_MAX)
    layout = fit(0)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        tried = fit(mid)
        if tried.lanes <= max_lanes:
            lo, layout = mid, tried
        else:
            hi = mid - 1
    chosen = ranked[:lo]
    keys = {m.key for m in chosen}
    return chosen, [m for m in marks if m.key not in keys], layout


# ---------------------------------------------------------------- hover text


def _wrapped(text: str) -> str:
    """Escape then wrap at spaces: article text may hold markup, and hovers do not
    wrap by themselves. (``textwrap`` is ten times slower and 200 cards add up.)"""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= _WRAP:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(for_plotly(line) for line in lines)


def _snippet(event: Event, doc: Document | None) -> str:
    if doc is None:
        return ""
    sentence = " ".join(doc.text[event.sentence_start:event.sentence_end].split())
    return sentence if len(sentence) <= _SNIPPET else sentence[:_SNIPPET - 1].rstrip() + "…"


def _how_sure(event: Event) -> str:
    if is_edited(event):
        return EDITED_NAME
    return CERTAINTY_NAMES[event.certainty] + (f" ({GUESSED_NAME})" if event.guessed else "")


def _hover(mark: _Mark, docs: Mapping[str, Document]) -> str:
    event = mark.event
    doc = docs.get(event.doc_id)
    if len(mark.events) > 1:
        items = [f"• {_wrapped(e.label)}" for e in mark.events[:_HOVER_LIST]]
        more = len(mark.events) - _HOVER_LIST
        heading = (f"<b>{for_plotly(format_when(event))}</b> · {len(mark.events)} events · "
                   f"{for_plotly(source_name(doc, event.doc_id))}")
        return "<br>".join([heading, *items,
                            *([f"… and {more} more"] if more > 0 else []), "<i>Click to list them one by one</i>"])
    reporters = (f"{len(event.reported_by)} sources" if len(event.reported_by) > 1
                 else source_name(doc, event.doc_id))
    lines = [f"<b>{for_plotly(format_when(event) + disputed_text(event))}</b>", _wrapped(event.label),
             f"<i>{for_plotly(_how_sure(event))}</i> · {for_plotly(reporters)}"]
    lines += [_wrapped(line) for line in event.explanation.split("\n") if line.strip()]  # a merged event's lines
    snippet = _snippet(event, doc) if len(event.reported_by) < 2 else ""  # a merged event quotes every source
    if snippet:
        lines.append(f"<span style='color:{MUTED}'>“{_wrapped(snippet)}”</span>")
    return "<br>".join(lines)


def _label_markup(mark: _Mark, label: str, bold_all: bool = False) -> str:
    """The planned label (lines joined by newlines), escaped, its date in bold."""
    when = format_when(mark.event)
    lines = label.split("\n")
    first = lines[0]
    cut = len(os.path.commonprefix([first, when]))
    head, rest = for_plotly(first[:cut]), for_plotly(first[cut:])
    lines_out = [f"<b>{head}</b>{rest}" if head and not bold_all else for_plotly(first)]
    lines_out += [for_plotly(line) for line in lines[1:]]
    text = "<br>".join(lines_out)
    return f"<b>{text}</b>" if bold_all else text


# ---------------------------------------------------------------- traces


def _points(marks: Sequence[_Mark], lanes: Mapping[str, int], hover: Mapping[str, str]) -> dict[str, Any]:
    """What bars and dots share: lane, id for selection, and the hover card."""
    return {
        "y": [lanes[m.key] for m in marks],
        "customdata": [m.key for m in marks],
        "hovertext": [hover[m.key] for m in marks],
        "hovertemplate": "%{hovertext}<extra></extra>",
    }


def _bar_trace(group: _Group, marks: Sequence[_Mark], axis: Axis, lanes: Mapping[str, int],
               hover: Mapping[str, str]) -> dict[str, Any] | None:
    """All of one colour's spans as one trace; pale when the span is uncertain.

    Per-point values are kept to numbers: plotly validates every element of a
    colour or enumerated array one by one, which dominated the build time.
    """
    if not marks:
        return None
    starts = [axis.to_days(m.start) for m in marks]
    return {
        "type": "bar", "orientation": "h", "name": for_plotly(group.name), "legendgroup": group.key,
        "showlegend": False, "width": _BAR_WIDTH, "base": starts,
        "x": [axis.to_days(m.end) - s for m, s in zip(marks, starts, strict=True)],
        **_points(marks, lanes, hover),
        "marker": {"color": group.colour, "opacity": [_FUZZY_ALPHA if m.fuzzy else _SOLID_ALPHA for m in marks]},
    }


def _symbol(mark: _Mark) -> str:
    if mark.edited:
        return "diamond"
    return "circle-open" if mark.fuzzy else "circle"


def _marker_trace(group: _Group, marks: Sequence[_Mark], axis: Axis, lanes: Mapping[str, int],
                  labels: Mapping[str, str], sides: Mapping[str, str], hover: Mapping[str, str],
                  selected: str | None) -> dict[str, Any] | None:
    """All of one colour's dots and labels as one trace (the selected label is left
    to the highlight trace, so it is not drawn twice). A group's dot is bigger."""
    if not marks:
        return None
    return {
        "type": "scatter", "mode": "markers+text", "name": for_plotly(group.name), "legendgroup": group.key,
        "showlegend": False, "cliponaxis": False,
        "x": [axis.to_days(m.anchor) for m in marks],
        "text": ["" if m.key == selected or _disputed_points(m) else _label_markup(m, labels[m.key])
                 for m in marks],  # a disputed mark's label is drawn past its crosses (_conflict_traces)
        "textposition": [sides[m.key] for m in marks], "textfont": {"color": INK},
        **_points(marks, lanes, hover),
        "meta": {"members": [[e.id for e in m.events] for m in marks]},  # the events behind each mark
        "marker": {"color": group.colour, "size": [10 if len(m.events) == 1 else 14 for m in marks],
                   "line": {"color": group.colour, "width": 2}, "symbol": [_symbol(m) for m in marks]},
        # a click marks its event with plotly's own selection (the figure must not change, see
        # chart_view): the chosen dot grows, the others fade a little but stay readable
        "selected": {"marker": {"size": 16}, "textfont": {"color": "#000000"}},
        "unselected": {"marker": {"opacity": 0.5}, "textfont": {"color": "#555555"}},
    }


def _highlight_traces(mark: _Mark, group: _Group, axis: Axis, lanes: Mapping[str, int],
                      labels: Mapping[str, str], sides: Mapping[str, str],
                      hover: Mapping[str, str]) -> list[dict[str, Any]]:
    """The selected mark drawn again on top: outlined bar, big ringed dot, bold label."""
    common = {"name": "Selected", "legendgroup": group.key, "showlegend": False, **_points([mark], lanes, hover)}
    dot = {
        "type": "scatter", "mode": "markers+text", "cliponaxis": False, **common,
        "x": [axis.to_days(mark.anchor)],
        "text": ["" if _disputed_points(mark) else _label_markup(mark, labels[mark.key], bold_all=True)],
        "textposition": sides[mark.key], "textfont": {"color": INK},
        "marker": {"color": group.colour, "size": 16, "line": {"color": INK, "width": 3},
                   "symbol": "circle-open-dot" if mark.fuzzy else "circle"},
    }
    if not mark.bar:
        return [dot]
    start = axis.to_days(mark.start)
    outline = {
        "type": "bar", "orientation": "h", "width": _BAR_WIDTH, **common,
        "base": [start], "x": [axis.to_days(mark.end) - start],
        "marker": {"color": "rgba(0,0,0,0)", "line": {"color": INK, "width": 2}},
    }
    return [outline, dot]


def _conflict_traces(marks: Sequence[_Mark], axis: Axis, lanes: Mapping[str, int], hover: Mapping[str, str],
                     view: tuple[date, date] | None, labels: Mapping[str, str], sides: Mapping[str, str],
                     selected: str | None) -> list[dict[str, Any]]:
    """A red cross at each date the sources of a happening give besides the drawn one, on the
    mark's lane, and a dotted line to the mark; hovering or clicking the cross is the mark's.
    The mark's label is drawn here, past its outermost cross (bold when selected)."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    cross_x, cross_y, keys = [], [], []
    lo, hi = (naive(view[0]), naive(view[1]) + timedelta(days=1)) if view else (datetime.min, datetime.max)
    disputed = [m for m in marks if _disputed_points(m)]
    for m in disputed:
        for point in _disputed_points(m):
            if not lo <= point < hi:
                continue
            x = axis.to_days(point)
            xs += [axis.to_days(m.anchor), x, None]
            ys += [lanes[m.key], lanes[m.key], None]
            cross_x.append(x)
            cross_y.append(lanes[m.key])
            keys.append(m.key)
    if not disputed:
        return []
    texts = {"type": "scatter", "mode": "markers+text", "name": "Disputed label", "showlegend": False,
             "cliponaxis": False, "hoverinfo": "skip", "textfont": {"color": INK},
             "marker": {"size": 13, "opacity": 0},  # keeps the text a cross's width off its point
             "x": [axis.to_days(min(max(_label_x(m, sides[m.key]), lo), hi)) for m in disputed],
             "y": [lanes[m.key] for m in disputed], "customdata": [m.key for m in disputed],
             "text": [_label_markup(m, labels[m.key], bold_all=m.key == selected) for m in disputed],
             "textposition": [sides[m.key] for m in disputed]}
    line = {"type": "scatter", "mode": "lines", "name": "Disputed", "showlegend": False, "hoverinfo": "skip",
            "x": xs, "y": ys, "line": {"color": CONFLICT_COLOUR, "width": 1.5, "dash": "dot"}}
    crosses = {"type": "scatter", "mode": "markers", "name": "Disputed date", "showlegend": False,
               "cliponaxis": False, "x": cross_x, "y": cross_y, "customdata": keys,
               "hovertext": [hover[k] for k in keys], "hovertemplate": "%{hovertext}<extra></extra>",
               "marker": {"symbol": "x-thin", "size": _CROSS_PX, "color": CONFLICT_COLOUR,
                          "line": {"color": CONFLICT_COLOUR, "width": _CROSS_LINE_PX}}}
    return [line, crosses, texts]


def _zoom_trace(marks: Sequence[_Mark], axis: Axis, bottom: float) -> dict[str, Any] | None:
    """A handle on the axis under each stretch between cuts: clicking it zooms to that cluster."""
    if not marks or not axis.breaks:
        return None
    first, last = min(m.start for m in marks), max(m.end for m in marks)
    xs, keys, hovers = [], [], []
    for a, b in segments(axis, first, last):
        inside = [m for m in marks if m.end > a and m.start < b]
        if not inside:
            continue
        lo = max(a, min(m.start for m in inside)).date()
        hi = (min(b, max(m.end for m in inside)) - timedelta(seconds=1)).date()
        xs.append((axis.to_days(a) + axis.to_days(b)) / 2)
        keys.append(f"{ZOOM_PREFIX}{lo}:{hi}")
        count = sum(len(m.events) for m in inside)
        hovers.append(f"Zoom to {for_plotly(_period(lo, hi))}: {count} event{'s' * (count != 1)}")
    return {"type": "scatter", "mode": "markers", "name": "Zoom", "showlegend": False, "cliponaxis": False,
            "x": xs, "y": [bottom] * len(xs), "customdata": keys, "hovertext": hovers,
            "hovertemplate": "%{hovertext}<extra></extra>",
            "marker": {"symbol": "square", "size": 9, "color": "#DDDDDD", "line": {"color": "#999999", "width": 1}}}


def _strip_trace(group: _Group, marks: Sequence[_Mark], axis: Axis,
                 docs: Mapping[str, Document]) -> dict[str, Any] | None:
    """The events without a label, as small dots in the strip under the lanes (hover and click still work)."""
    if not marks:
        return None
    return {"type": "scatter", "mode": "markers", "name": for_plotly(group.name), "legendgroup": group.key,
            "showlegend": False, "yaxis": "y2", "x": [axis.to_days(m.anchor) for m in marks],
            "y": [0.5] * len(marks), "customdata": [m.key for m in marks],
            "hovertext": [_hover(m, docs) for m in marks], "hovertemplate": "%{hovertext}<extra></extra>",
            "marker": {"color": group.colour, "size": 7, "opacity": 0.8, "symbol": [_symbol(m) for m in marks],
                       "line": {"color": group.colour, "width": 1.5}}}


def _overview_note(labelled: int, total: int, density: bool) -> str:
    below = "bars: events per period" if density else "dots: the others"
    return (f"{labelled} of {total} events labelled (dates stated in the text first, then days cited by most "
            f"articles); "
            f"{below}. Zoom in to label more.")


def _period(first: date, last: date) -> str:
    return range_text(Bound(naive(first), "day"), Bound(naive(last), "day"))


def _density_trace(marks: Sequence[_Mark], axis: Axis, x_range: tuple[float, float],
                   plot_px: int) -> dict[str, Any]:
    """The overview's strip: how many events fall in each stretch of the drawn axis."""
    bins = max(10, plot_px // 8)
    lo, hi = x_range
    step = (hi - lo) / bins
    counts = [0] * bins
    for m in marks:
        n = int((axis.to_days(m.anchor) - lo) / step)
        counts[min(max(n, 0), bins - 1)] += len(m.events)
    xs = [lo + (n + 0.5) * step for n in range(bins)]
    return {"type": "bar", "name": "Events per period", "showlegend": False, "yaxis": "y2",
            "x": xs, "y": counts, "width": step * 0.9, "marker": {"color": "#9E9E9E"},
            "hovertemplate": "%{y} events<extra></extra>"}


def _legend_traces(groups: Sequence[_Group], marks: Sequence[_Mark]) -> list[dict[str, Any]]:
    """Point-less traces that only draw legend entries: one per colour, then a key
    to the shapes, so the fuzzy style is explained wherever the figure goes."""
    entries = [_legend_dot(g.name, g.colour, "circle", g.key) for g in groups]
    if any(m.fuzzy for m in marks):
        entries.append(_legend_dot("Hollow: approximate or guessed", MUTED, "circle-open", "key-dot"))
    if any(m.edited for m in marks) and not any(g.key == EDITED for g in groups):
        entries.append(_legend_dot(f"Diamond: {EDITED_NAME.lower()}", MUTED, "diamond", "key-edited"))
    if any(e.disputed for m in marks for e in m.events):
        entries.append(_legend_dot(CONFLICT_NAME, CONFLICT_COLOUR, "x-thin", "key-conflict"))
    if any(len(m.events) > 1 for m in marks):
        entries.append(_legend_dot("Big dot: several events that day", MUTED, "circle", "key-group", 14))
    if any(m.fuzzy and m.bar for m in marks):
        entries.append(_legend_bar("Pale band: when it could be", _FUZZY_ALPHA))
    if any(m.bar and not m.fuzzy for m in marks):
        entries.append(_legend_bar("Bar: how long it lasted", _SOLID_ALPHA))
    return entries


def _legend_dot(name: str, colour: str, symbol: str, group: str, size: int = 10) -> dict[str, Any]:
    return {"type": "scatter", "mode": "markers", "x": [None], "y": [None], "name": _legend_name(name),
            "legendgroup": group, "hoverinfo": "skip",
            "marker": {"color": colour, "symbol": symbol, "size": size, "line": {"width": 2, "color": colour}}}


def _legend_bar(name: str, alpha: float) -> dict[str, Any]:
    """Each key entry is its own group: a horizontal legend stacks a group vertically."""
    return {"type": "bar", "orientation": "h", "x": [None], "y": [None], "name": _legend_name(name),
            "legendgroup": f"key-{alpha}", "hoverinfo": "skip",
            "marker": {"color": f"rgba(102,102,102,{alpha})"}}  # MUTED, faded as on the page


def _legend_name(name: str) -> str:
    """Escaped, and short enough for a legend entry of fixed width (the rows are then predictable)."""
    room = _LEGEND_ENTRY_MAX_PX - _LEGEND_SYMBOL_PX
    cut = truncate(name, 60)
    while len(cut) > 1 and text_width_px(cut, 14) > room:
        cut = truncate(cut, len(cut) - 1)
    return for_plotly(cut)


# ---------------------------------------------------------------- page layout


def _sizing(width: int, height: int | None, font_px: int, title: str | None, footnote: str,
            legend: Sequence[str], for_export: bool, overview: bool) -> _Sizing:
    top = (font_px * 4 if title else font_px) + _legend_px(legend, width - 2 * _SIDE_PX, font_px)
    margin = {"l": _SIDE_PX, "r": _SIDE_PX, "t": top, "b": font_px + _AXIS_PX}
    share = 1 - _DENSITY_SHARE - 0.02 if overview else 1.0
    entry = legend_entry_px(legend, font_px)
    if for_export:  # no slider; the footnote goes under the axis instead
        margin["b"] += int((footnote.count("<br>") + 1) * font_px * 1.5 if footnote else 0)
        return _Sizing(width, height, font_px, margin, lanes_share=share, legend_entry_px=entry)
    pushed = _SLIDER_PX + _AXIS_PX + 10  # the slider sits under the tick labels, with plotly's padding
    return _Sizing(width, height, font_px, margin, pushed_px=pushed, lanes_share=share,
                   legend_entry_px=entry)


def legend_entry_px(names: Sequence[str], font_px: int) -> int:
    """The fixed width of every legend entry: the widest name's, capped."""
    widest = max((text_width_px(n.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">"), font_px)
                  for n in names), default=0.0)
    return int(min(_LEGEND_SYMBOL_PX + widest + 8, _LEGEND_ENTRY_MAX_PX))


def _legend_px(names: Sequence[str], width_px: int, font_px: int) -> int:
    """Height of the horizontal legend: entries of one fixed width, so the rows are known."""
    per_row = max(1, width_px // legend_entry_px(names, font_px))
    rows = -(-len(names) // per_row) if names else 0
    return int(rows * (font_px + 8) + font_px)


def _footnote(events: Sequence[Event], documents: Sequence[Document], width_px: int, font_px: int) -> str:
    """The sources line, wrapped at "; " to fit the page, three lines at most, escaped."""
    lines: list[str] = []
    parts = [p for p in sources_line(events, documents).split("; ") if p]
    for n, part in enumerate(parts):
        if lines and text_width_px(f"{lines[-1]}; {part}", font_px - 1) <= width_px:
            lines[-1] += f"; {part}"
        elif len(lines) == 3:
            lines[-1] = truncate(lines[-1], len(lines[-1])) + f"; and {len(parts) - n} more"
            break
        else:
            lines.append(part)
    return "<br>".join(for_plotly(line) for line in lines)


def _lane_range(lanes: int, sizing: _Sizing, height: int) -> list[float]:
    """Top-to-bottom lanes; on a tall page, centred and spread no wider than readable."""
    plot_h = (height - sizing.chrome_px) * sizing.lanes_share
    shown = max(lanes, plot_h / (sizing.lane_px * _MAX_LANE_SPREAD))
    extra = (shown - lanes) / 2
    return [lanes - 0.5 + extra, -0.5 - extra]


_STEPS: tuple[tuple[str, int], ...] = (("day", 1), ("day", 2), ("day", 7), ("month", 1), ("month", 3),
                                        ("month", 6), ("year", 1), ("year", 2), ("year", 5), ("year", 10),
                                        ("year", 20), ("year", 50), ("year", 100), ("year", 500))


def _ticks(axis: Axis, x_range: tuple[float, float], plot_px: int, font_px: int) -> tuple[list[float], list[str]]:
    """Calendar ticks for each drawn stretch, and the cuts named by the time they hide.

    Each stretch gets the finest step whose ticks stay ``_TICK_GAP_PX`` apart; a
    stretch too narrow for any gets one tick with its year. Ticks that would crowd
    a cut or a neighbour are dropped.
    """
    px_per_day = plot_px / max(x_range[1] - x_range[0], 1e-9)
    first, last = axis.from_days(x_range[0], after_cut=True), axis.from_days(x_range[1])
    placed: list[tuple[float, str, float]] = []  # x, text, half width in days

    def room(x: float, text: str) -> float:
        widest = max(text_width_px(line, font_px) for line in text.split("<br>"))
        return (widest / 2 + _TICK_GAP_PX / 2) / px_per_day

    def free(x: float, half: float) -> bool:
        return all(abs(x - other) >= half + h for other, _, h in placed)

    def add(x: float, text: str, plain: str) -> None:
        half = room(x, plain)
        if x_range[0] <= x <= x_range[1] and free(x, half):
            placed.append((x, text, half))

    ticks = [[(axis.to_days(p), t) for p, t in _segment_ticks(a, b, (axis.to_days(b) - axis.to_days(a)) * px_per_day,
                                                               font_px)] for a, b in segments(axis, first, last)]
    for x, text in (t[0] for t in ticks if t):  # each stretch's first tick names its year
        add(x, text, text)
    for cut in axis.breaks:
        plain = _duration(cut.hidden)
        add(axis.to_days(cut.start), f"<span style='color:{MUTED}'><i>{plain}</i></span>", plain)
    for x, text in (tick for t in ticks for tick in t[1:]):
        add(x, text, text)
    placed.sort()
    return [x for x, _, _ in placed], [t for _, t, _ in placed]


def _segment_ticks(a: datetime, b: datetime, width_px: float, font_px: int) -> list[tuple[datetime, str]]:
    for unit, n in _STEPS:
        points = _calendar_points(a, b, unit, n)
        if points and width_px / (len(points) + 1) >= text_width_px("Sep 2011", font_px) + _TICK_GAP_PX:
            return _tick_texts(points, unit)
    mid = a + (b - a) / 2
    return [(mid, str(mid.year))]


def _calendar_points(a: datetime, b: datetime, unit: str, n: int) -> list[datetime]:
    out: list[datetime] = []
    if unit == "day":
        point = datetime(a.year, a.month, a.day) + timedelta(days=1 if a.time() != datetime.min.time() else 0)
        if n == 7:
            point += timedelta(days=(7 - point.weekday()) % 7)  # Mondays
        while point <= b and len(out) < 400:
            out.append(point)
            point += timedelta(days=n)
    elif unit == "month":
        month = a.year * 12 + a.month - 1 + (0 if (a.day, a.time()) == (1, datetime.min.time()) else 1)
        month += (-month) % n
        while len(out) < 400:
            point = datetime(month // 12, month % 12 + 1, 1)
            if point > b:
                break
            out.append(point)
            month += n
    else:
        year = a.year + (0 if (a.month, a.day, a.time()) == (1, 1, datetime.min.time()) else 1)
        year += (-year) % n
        while year <= b.year and len(out) < 400:
            point = datetime(year, 1, 1)
            if point > b:
                break
            out.append(point)
            year += n
    return out


def _tick_texts(points: Sequence[datetime], unit: str) -> list[tuple[datetime, str]]:
    """ "16 Dec" with the year under the first tick and each January's; "Mar" likewise; "2011"."""
    out = []
    for n, p in enumerate(points):
        new_year = n == 0 or p.year != points[n - 1].year
        if unit == "day":
            out.append((p, f"{p.day} {p:%b}" + (f"<br>{p.year}" if new_year else "")))
        elif unit == "month":
            out.append((p, f"{p:%b}" + (f"<br>{p.year}" if new_year else "")))
        else:
            out.append((p, str(p.year)))
    return out


def _duration(span: timedelta) -> str:
    """How much time a cut hides, rounded as a person would say it."""
    days = span.total_seconds() / DAY_S
    if days >= 365 * 1.5:
        return f"{round(days / 365.25)} years"
    if days >= 60:
        return f"{round(days / 30.44)} months"
    return f"{round(days)} days"


def _cut_shapes(axis: Axis, x_range: tuple[float, float]) -> list[dict[str, Any]]:
    """Each cut drawn across the plot: a pale band with dashed edges, and the axis-break mark."""
    shapes: list[dict[str, Any]] = []
    for x in axis.cut_positions():
        if not x_range[0] < x < x_range[1]:
            continue
        common = {"xref": "x", "xsizemode": "pixel", "xanchor": x, "layer": "below"}
        shapes.append({**common, "type": "rect", "x0": -5, "x1": 5, "yref": "paper", "y0": 0, "y1": 1,
                       "fillcolor": "#F2F2F2", "line": {"width": 0}})
        for dx in (-5, 5):
            shapes.append({**common, "type": "line", "x0": dx, "x1": dx, "yref": "paper", "y0": 0, "y1": 1,
                           "line": {"color": "#BBBBBB", "width": 1, "dash": "dot"}})
        for dx in (-4, 2):  # the "//" across the axis line
            shapes.append({**common, "layer": "above", "type": "line", "x0": dx - 3, "x1": dx + 5,
                           "yref": "paper", "ysizemode": "pixel", "yanchor": 0, "y0": -7, "y1": 7,
                           "line": {"color": MUTED, "width": 1.5}})
    return shapes


def _figure_layout(layout: Layout, axis: Axis, x_range: tuple[float, float], sizing: _Sizing,
                   title: str | None, footnote: str, for_export: bool, overview: bool,
                   note: str = "", density: bool = False) -> dict[str, Any]:
    height = sizing.final_height(layout.lanes)
    font_px = sizing.font_px
    tickvals, ticktext = _ticks(axis, x_range, sizing.plot_px, font_px)
    lanes_bottom = 1 - sizing.lanes_share
    out: dict[str, Any] = {
        "template": "none", "width": sizing.width, "height": height, "margin": sizing.margin,
        "font": {"family": FONT, "size": font_px, "color": INK},
        "paper_bgcolor": "white", "plot_bgcolor": "white",
        "barmode": "overlay", "hovermode": "closest", "uirevision": "timeline", "dragmode": "zoom",
        "showlegend": True,
        "legend": {"orientation": "h", "x": 0, "xanchor": "left", "y": 1, "yanchor": "bottom",
                   "yref": "paper", "font": {"size": font_px}, "itemsizing": "constant",
                   "entrywidthmode": "pixels", "entrywidth": sizing.legend_entry_px, "tracegroupgap": 0},
        "hoverlabel": {"bgcolor": "white", "bordercolor": "#999999", "align": "left",
                       "font": {"family": FONT, "size": 13, "color": INK}},
        "xaxis": {
            "type": "linear", "range": list(x_range), "showgrid": True, "gridcolor": "#ECECEC",
            "showline": True, "linecolor": "#999999", "ticks": "outside", "tickcolor": "#999999",
            "zeroline": False, "tickfont": {"size": font_px}, "tickmode": "array", "tickangle": 0,
            "tickvals": tickvals, "ticktext": ticktext, "anchor": "y2" if overview else "y",
            # The slider is a navigator only: a miniature of every label would be an
            # unreadable smear, so it shows a sliver between lanes where nothing is drawn.
            "rangeslider": {"visible": not for_export, "range": list(x_range), "bgcolor": "#F4F4F4",
                            "bordercolor": "#CCCCCC", "borderwidth": 1,
                            "thickness": _SLIDER_PX / max(height - sizing.margin["t"] - sizing.margin["b"], 1),
                            "yaxis": {"rangemode": "fixed", "range": [0.46, 0.44]}},
        },
        "yaxis": {"visible": False, "fixedrange": True, "range": _lane_range(layout.lanes, sizing, height),
                  "domain": [lanes_bottom, 1]},
        "shapes": _cut_shapes(axis, x_range),
    }
    if overview:
        out["yaxis2"] = {"domain": [0, _DENSITY_SHARE], "fixedrange": True, "showgrid": False,
                         "visible": False, **({"rangemode": "tozero"} if density else {"range": [0, 1]})}
        if sizing.lanes_share < 1:  # say what the strip is, inside it, at its top left
            out.setdefault("annotations", []).append(
                {"text": for_plotly(note), "xref": "paper", "yref": "paper", "x": 0, "y": _DENSITY_SHARE + 0.005,
                 "xanchor": "left", "yanchor": "bottom", "showarrow": False, "align": "left",
                 "font": {"size": font_px - 1, "color": MUTED}})
    if title:
        out["meta"] = {"title": title}  # the PDF export's document title
        out["title"] = {"text": f"<b>{for_plotly(title)}</b>", "x": 0, "xref": "paper", "xanchor": "left",
                        "y": 1, "yref": "container", "yanchor": "top", "pad": {"t": font_px},
                        "font": {"size": round(font_px * 1.7)}}
    if footnote:
        out.setdefault("annotations", []).append({"text": footnote, "xref": "paper", "yref": "paper", "x": 0, "y": 0,
                               "xanchor": "left", "yanchor": "top", "yshift": -_AXIS_PX - 4, "align": "left",
                               "showarrow": False, "font": {"size": font_px - 1, "color": MUTED}})
    return out
