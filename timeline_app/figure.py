"""The timeline figure: what a journalist reads at a glance and pastes into a briefing.

Drawing rules, each for a reader rather than a plotting library:

* a day-precise event is a solid dot at its date, its label beside it;
* an interval ("a seven-month dispute") is a bar over the whole interval;
* an imprecise date (only the month or year known) or an approximate one is
  drawn fuzzy: a pale band over every day it could be, with a hollow marker;
* colour says how sure the date is (or which article it came from), using the
  Okabe-Ito palette so colour-blind readers see the same groups;
* labels never overlap: lanes come from :mod:`timeline_app.layout`.

The figure is built as one plain dict and validated once: plotly's per-trace and
``update_*`` paths cost far more than the drawing itself.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

import plotly.graph_objects as go

from .layout import Item, LabelStyle, Layout, plan, text_width_px
from .model import Certainty, Document, Event
from .when import day_label, format_when, naive

DEFAULT_WIDTH = 1200
EXPORT_SIZE = (1600, 900)
FONT = "Arial, 'Liberation Sans', Helvetica, sans-serif"
INK = "#222222"
MUTED = "#666666"

CERTAINTY_ORDER: tuple[Certainty, ...] = ("explicit", "inferred", "approximate")
CERTAINTY_NAMES: dict[str, str] = {
    "explicit": "Date stated in the text",
    "inferred": "Date worked out from context",
    "approximate": "Approximate date",
}
CERTAINTY_COLOURS: dict[str, str] = {"explicit": "#0072B2", "inferred": "#D55E00", "approximate": "#CC79A7"}
# Okabe-Ito, most legible on white first (yellow last: it vanishes on white).
SOURCE_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#56B4E9", "#E69F00", "#000000", "#F0E442")

_FINE: frozenset[str] = frozenset({"minute", "hour", "day"})
_UNIT = {"minute": timedelta(minutes=1), "hour": timedelta(hours=1)}

_SOLID_ALPHA = 0.45
_FUZZY_ALPHA = 0.16
_BAR_WIDTH = 0.62  # of a lane
_WRAP = 72  # hover lines, in characters
_SNIPPET = 280  # longest sentence quoted in a hover


_MIN_HEIGHT = 360
_MAX_HEIGHT = 1200  # past a laptop screen nobody sees the whole story: shorten labels instead
_MAX_LANE_SPREAD = 3.0  # on a tall slide, lanes sit at most this many lane heights apart
_SLIDER_PX = 44
_AXIS_PX = 34
_SLIDER_PAD_PX = 15  # plotly's own padding around a range slider
_LEGEND_SYMBOL_PX = 50  # swatch and gaps around each legend entry
_SIDE_PX = 24


@dataclass(frozen=True)
class _Sizing:
    """Pixel budget of one figure: the layout and the drawing must use the same one."""

    width: int
    height: int | None  # None: grow with the lanes
    font_px: int
    margin: dict[str, int]
    pushed_px: int = 0  # what plotly adds below our margin for the range slider

    @property
    def plot_px(self) -> int:
        return self.width - self.margin["l"] - self.margin["r"]

    @property
    def lane_px(self) -> float:
        return self.font_px * 2.1

    @property
    def chrome_px(self) -> int:
        return self.margin["t"] + self.margin["b"] + self.pushed_px

    def max_lanes(self) -> int:
        return max(1, int(((self.height or _MAX_HEIGHT) - self.chrome_px) // self.lane_px))

    def final_height(self, lanes: int) -> int:
        if self.height is not None:
            return self.height
        return int(min(max(self.chrome_px + lanes * self.lane_px, _MIN_HEIGHT), _MAX_HEIGHT))


@dataclass(frozen=True)
class _Group:
    """One colour in the legend: a certainty level or a source article."""

    key: str
    name: str
    colour: str


@dataclass(frozen=True)
class _Mark:
    """One event reduced to what is drawn: its span, marker position and group."""

    event: Event
    start: datetime
    end: datetime  # exclusive
    anchor: datetime
    fuzzy: bool
    bar: bool
    group: str


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
) -> go.Figure:
    """The timeline of ``events``, interactive or (``for_export``) slide-ready.

    For export, leaving ``width`` and ``height`` at their defaults gives a
    1600x900 slide; a given width alone gets a 16:9 height.
    """
    if for_export and height is None:
        width, height = EXPORT_SIZE if width == DEFAULT_WIDTH else (width, round(width * 9 / 16))
    docs = {d.id: d for d in documents}
    font_px = 14 if for_export else 12
    marks = [_mark(e, color_by) for e in events]
    groups = _groups(marks, color_by, documents)
    legend = _legend_traces(groups, marks)
    footnote = _footnote(events, documents, width - 2 * _SIDE_PX, font_px) if for_export else ""
    sizing = _sizing(width, height, font_px, title, footnote, [t["name"] for t in legend], for_export)
    layout = plan([_item(m) for m in marks], sizing.plot_px, sizing.max_lanes(),
                  LabelStyle(font_px=font_px, marker_px=font_px, pad_px=font_px))
    lanes = {p.key: p.lane for p in layout.placements}
    labels = {p.key: p.label for p in layout.placements}
    hover = {m.event.id: _hover(m.event, docs.get(m.event.doc_id)) for m in marks}
    by_group = {g.key: [m for m in marks if m.group == g.key] for g in groups}
    traces = [_bar_trace(g, [m for m in by_group[g.key] if m.bar], lanes, hover) for g in groups]
    traces += [_marker_trace(g, by_group[g.key], lanes, labels, hover, selected) for g in groups]
    traces += [t for g in groups for m in by_group[g.key] if m.event.id == selected
               for t in _highlight_traces(m, g, lanes, labels, hover)]
    traces += legend
    return go.Figure({
        "data": [t for t in traces if t is not None],
        "layout": _figure_layout(layout, sizing, title, footnote, for_export),
    })


def selected_event_ids(selection: Mapping[str, Any]) -> list[str]:
    """Event ids a Streamlit ``on_select`` payload points at, first-seen order, no repeats.

    Every drawn point carries its event id in ``customdata``; a bar and a dot of
    the same event may both be selected, hence the de-duplication.
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


def _mark(event: Event, color_by: str) -> _Mark:
    start, end = _span(event)
    fuzzy = event.granularity not in _FINE or event.certainty == "approximate"
    bar = end - start > _UNIT.get(event.granularity, timedelta(days=1))
    anchor = start + (end - start) / 2 if fuzzy and bar else start
    group = event.certainty if color_by == "certainty" else event.doc_id
    return _Mark(event, start, end, anchor, fuzzy, bar, group)


def _item(mark: _Mark) -> Item:
    return Item(mark.event.id, mark.start, mark.end, mark.anchor, mark.event.label)


def _groups(marks: Sequence[_Mark], color_by: str, documents: Sequence[Document]) -> list[_Group]:
    """Legend order: certainty from surest to least; sources in the order given."""
    present = {m.group for m in marks}
    if color_by == "certainty":
        return [_Group(c, CERTAINTY_NAMES[c], CERTAINTY_COLOURS[c]) for c in CERTAINTY_ORDER if c in present]
    docs = {d.id: d for d in documents}
    keys = [k for k in dict.fromkeys([*docs, *(m.group for m in marks)]) if k in present]
    return [_Group(k, source_name(docs.get(k), k), SOURCE_COLOURS[n % len(SOURCE_COLOURS)])
            for n, k in enumerate(keys)]


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
    return "<br>".join(html.escape(line) for line in lines)


def _snippet(event: Event, doc: Document | None) -> str:
    if doc is None:
        return ""
    sentence = " ".join(doc.text[event.sentence_start:event.sentence_end].split())
    return sentence if len(sentence) <= _SNIPPET else sentence[:_SNIPPET - 1].rstrip() + "…"


def _hover(event: Event, doc: Document | None) -> str:
    lines = [f"<b>{html.escape(format_when(event))}</b>", _wrapped(event.label),
             f"<i>{html.escape(CERTAINTY_NAMES[event.certainty])}</i> · "
             f"{html.escape(source_name(doc, event.doc_id))}"]
    if event.explanation:
        lines.append(_wrapped(event.explanation))
    snippet = _snippet(event, doc)
    if snippet:
        lines.append(f"<span style='color:{MUTED}'>“{_wrapped(snippet)}”</span>")
    return "<br>".join(lines)


# ---------------------------------------------------------------- traces


def _points(marks: Sequence[_Mark], lanes: Mapping[str, int], hover: Mapping[str, str]) -> dict[str, Any]:
    """What bars and dots share: lane, id for selection, and the hover card."""
    return {
        "y": [lanes[m.event.id] for m in marks],
        "customdata": [m.event.id for m in marks],
        "hovertext": [hover[m.event.id] for m in marks],
        "hovertemplate": "%{hovertext}<extra></extra>",
    }


def _bar_trace(group: _Group, marks: Sequence[_Mark], lanes: Mapping[str, int],
               hover: Mapping[str, str]) -> dict[str, Any] | None:
    """All of one group's spans as one trace; pale when the span is uncertain.

    Per-point values are kept to numbers: plotly validates every element of a
    colour or enumerated array one by one, which dominated the build time.
    """
    if not marks:
        return None
    return {
        "type": "bar", "orientation": "h", "name": group.name, "legendgroup": group.key,
        "showlegend": False, "width": _BAR_WIDTH,
        "base": [m.start.isoformat() for m in marks],
        "x": [(m.end - m.start).total_seconds() * 1000 for m in marks],
        **_points(marks, lanes, hover),
        "marker": {"color": group.colour, "opacity": [_FUZZY_ALPHA if m.fuzzy else _SOLID_ALPHA for m in marks]},
    }


def _marker_trace(group: _Group, marks: Sequence[_Mark], lanes: Mapping[str, int], labels: Mapping[str, str],
                  hover: Mapping[str, str], selected: str | None) -> dict[str, Any] | None:
    """All of one group's dots and labels as one trace (the selected label is
    left to the highlight trace, so it is not drawn twice)."""
    if not marks:
        return None
    return {
        "type": "scatter", "mode": "markers+text", "name": group.name, "legendgroup": group.key,
        "showlegend": False, "cliponaxis": False,
        "x": [m.anchor.isoformat() for m in marks],
        "text": ["" if m.event.id == selected else html.escape(labels[m.event.id]) for m in marks],
        "textposition": "middle right", "textfont": {"color": INK},
        **_points(marks, lanes, hover),
        "marker": {"color": group.colour, "size": 10, "line": {"color": group.colour, "width": 2},
                   "symbol": ["circle-open" if m.fuzzy else "circle" for m in marks]},
    }


def _highlight_traces(mark: _Mark, group: _Group, lanes: Mapping[str, int], labels: Mapping[str, str],
                      hover: Mapping[str, str]) -> list[dict[str, Any]]:
    """The selected event drawn again on top: outlined bar, big ringed dot, bold label."""
    common = {"name": "Selected", "legendgroup": group.key, "showlegend": False, **_points([mark], lanes, hover)}
    dot = {
        "type": "scatter", "mode": "markers+text", "cliponaxis": False, **common,
        "x": [mark.anchor.isoformat()], "text": [f"<b>{html.escape(labels[mark.event.id])}</b>"],
        "textposition": "middle right", "textfont": {"color": INK},
        "marker": {"color": group.colour, "size": 16, "line": {"color": INK, "width": 3},
                   "symbol": "circle-open-dot" if mark.fuzzy else "circle"},
    }
    if not mark.bar:
        return [dot]
    outline = {
        "type": "bar", "orientation": "h", "width": _BAR_WIDTH, **common,
        "base": [mark.start.isoformat()], "x": [(mark.end - mark.start).total_seconds() * 1000],
        "marker": {"color": "rgba(0,0,0,0)", "line": {"color": INK, "width": 2}},
    }
    return [outline, dot]


def _legend_traces(groups: Sequence[_Group], marks: Sequence[_Mark]) -> list[dict[str, Any]]:
    """Point-less traces that only draw legend entries: one per colour, then a key
    to the shapes, so the fuzzy style is explained wherever the figure goes."""
    entries = [_legend_dot(g.name, g.colour, "circle", g.key) for g in groups]
    if any(m.fuzzy for m in marks):
        entries.append(_legend_dot("Hollow: approximate, or month/year only", MUTED, "circle-open", "key-dot"))
    if any(m.fuzzy and m.bar for m in marks):
        entries.append(_legend_bar("Pale band: when it could be", _FUZZY_ALPHA))
    if any(m.bar and not m.fuzzy for m in marks):
        entries.append(_legend_bar("Bar: how long it lasted", _SOLID_ALPHA))
    return entries


def _legend_dot(name: str, colour: str, symbol: str, group: str) -> dict[str, Any]:
    return {"type": "scatter", "mode": "markers", "x": [None], "y": [None], "name": name,
            "legendgroup": group, "hoverinfo": "skip",
            "marker": {"color": colour, "symbol": symbol, "size": 10, "line": {"width": 2, "color": colour}}}


def _legend_bar(name: str, alpha: float) -> dict[str, Any]:
    """Each key entry is its own group: a horizontal legend stacks a group vertically."""
    return {"type": "bar", "orientation": "h", "x": [None], "y": [None], "name": name,
            "legendgroup": f"key-{alpha}", "hoverinfo": "skip",
            "marker": {"color": f"rgba(102,102,102,{alpha})"}}  # MUTED, faded as on the page


# ---------------------------------------------------------------- page layout


def _sizing(width: int, height: int | None, font_px: int, title: str | None, footnote: str,
            legend: Sequence[str], for_export: bool) -> _Sizing:
    top = (font_px * 4 if title else font_px) + _legend_px(legend, width - 2 * _SIDE_PX, font_px)
    margin = {"l": _SIDE_PX, "r": _SIDE_PX, "t": top, "b": font_px}
    if for_export:  # no slider; the footnote goes under the axis instead
        margin["b"] += _AXIS_PX + int((footnote.count("<br>") + 1) * font_px * 1.5 if footnote else 0)
        return _Sizing(width, height, font_px, margin)
    return _Sizing(width, height, font_px, margin, pushed_px=_SLIDER_PX + _AXIS_PX + _SLIDER_PAD_PX)


def _legend_px(names: Sequence[str], width_px: int, font_px: int) -> int:
    """Height of the horizontal legend, which wraps like text: it sits in the top margin."""
    rows, used = 1, 0.0
    for name in names:
        item = _LEGEND_SYMBOL_PX + text_width_px(name, font_px)
        if used and used + item > width_px:
            rows, used = rows + 1, 0.0
        used += item
    return int(rows * font_px * 1.6 + font_px)


def _footnote(events: Sequence[Event], documents: Sequence[Document], width_px: int, font_px: int) -> str:
    """The sources line, wrapped at "; " to fit the page, escaped."""
    lines: list[str] = []
    for part in filter(None, sources_line(events, documents).split("; ")):
        if lines and text_width_px(f"{lines[-1]}; {part}", font_px - 1) <= width_px:
            lines[-1] += f"; {part}"
        else:
            lines.append(part)
    return "<br>".join(html.escape(line) for line in lines)


def _lane_range(lanes: int, sizing: _Sizing, height: int) -> list[float]:
    """Top-to-bottom lanes; on a tall page, centred and spread no wider than readable."""
    plot_h = height - sizing.chrome_px
    shown = max(lanes, plot_h / (sizing.lane_px * _MAX_LANE_SPREAD))
    extra = (shown - lanes) / 2
    return [lanes - 0.5 + extra, -0.5 - extra]


def _figure_layout(layout: Layout, sizing: _Sizing, title: str | None, footnote: str,
                   for_export: bool) -> dict[str, Any]:
    height = sizing.final_height(layout.lanes)
    x_range = [layout.x_range[0].isoformat(), layout.x_range[1].isoformat()]
    font_px = sizing.font_px
    out: dict[str, Any] = {
        "template": "none", "width": sizing.width, "height": height, "margin": sizing.margin,
        "font": {"family": FONT, "size": font_px, "color": INK},
        "paper_bgcolor": "white", "plot_bgcolor": "white",
        "barmode": "overlay", "hovermode": "closest", "uirevision": "timeline",
        "showlegend": True,
        "legend": {"orientation": "h", "x": 0, "xanchor": "left", "y": 1, "yanchor": "bottom",
                   "font": {"size": font_px}, "itemsizing": "constant"},
        "hoverlabel": {"bgcolor": "white", "bordercolor": "#999999", "align": "left",
                       "font": {"family": FONT, "size": 13, "color": INK}},
        "xaxis": {
            "type": "date", "range": x_range, "showgrid": True, "gridcolor": "#E6E6E6",
            "showline": True, "linecolor": "#999999", "ticks": "outside", "tickcolor": "#999999",
            "zeroline": False, "tickfont": {"size": font_px},
            # The slider is a navigator only: a miniature of every label would be an
            # unreadable smear, so it shows a sliver between lanes 0 and 1 where
            # nothing is drawn (outside the main y range plotly would grey it out).
            "rangeslider": {"visible": not for_export, "range": x_range, "bgcolor": "#F4F4F4",
                            "bordercolor": "#CCCCCC", "borderwidth": 1,
                            "thickness": _SLIDER_PX / (height - sizing.margin["t"] - sizing.margin["b"]),
                            "yaxis": {"rangemode": "fixed", "range": [0.46, 0.44]}},
        },
        "yaxis": {"visible": False, "fixedrange": True, "range": _lane_range(layout.lanes, sizing, height)},
    }
    if title:
        out["title"] = {"text": f"<b>{html.escape(title)}</b>", "x": 0, "xref": "paper", "xanchor": "left",
                        "y": 1, "yref": "container", "yanchor": "top", "pad": {"t": font_px},
                        "font": {"size": round(font_px * 1.7)}}
    if footnote:
        out["annotations"] = [{"text": footnote, "xref": "paper", "yref": "paper", "x": 0, "y": 0,
                               "xanchor": "left", "yanchor": "top", "yshift": -_AXIS_PX, "align": "left",
                               "showarrow": False, "font": {"size": font_px - 1, "color": MUTED}}]
    return out
