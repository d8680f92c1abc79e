"""The timeline figure: what is drawn where, what the hover says, and selection ids."""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from itertools import pairwise
from typing import Any

import plotly.graph_objects as go
import pytest

from timeline_app.figure import build_figure, format_when, selected_event_ids
from timeline_app.layout import text_width_px
from timeline_app.model import Document, Event

TEXT = ("Clashes erupted in Zhanaozen on Dec. 16. A seven-month dispute preceded them. "
        "In December 2011 the town was <script>alert(1)</script> sealed off.")
DOC = Document(TEXT, date(2012, 1, 26), "dateline", "mt", "Four Officers Prosecuted", "The Moscow Times")


def event(n: int, start: date | datetime, end: date | datetime, granularity: str = "day",
          certainty: str = "explicit", label: str = "Something happened", doc_id: str = "mt") -> Event:
    return Event(f"{doc_id}:{n}", doc_id, start, end, granularity, label, 0, 40, n,  # type: ignore[arg-type]
                 certainty, f"explanation {n}")  # type: ignore[arg-type]


EVENTS = [
    event(0, date(2011, 12, 16), date(2011, 12, 16), label="Clashes with police in Zhanaozen"),
    event(1, date(2011, 5, 16), date(2011, 12, 16), certainty="inferred", label="Seven-month labour dispute"),
    event(2, date(2011, 12, 1), date(2011, 12, 31), "month", label="Town sealed off"),
    event(3, date(2012, 1, 25), date(2012, 1, 25), certainty="approximate", label="Activists detained"),
]


def traces(fig: go.Figure, kind: str) -> list[Any]:
    """Traces that draw events: not legend-only (no customdata), not the selection overlay."""
    return [t for t in fig.data if t.type == kind and t.customdata is not None and t.name != "Selected"]


def by_id(fig: go.Figure, kind: str) -> dict[str, dict[str, Any]]:
    """Per event id: the trace and index where it is drawn as ``kind``."""
    out = {}
    for t in traces(fig, kind):
        for i, event_id in enumerate(t.customdata):
            out[event_id] = {"trace": t, "i": i}
    return out


def test_every_event_is_one_dot_and_ids_ride_in_customdata() -> None:
    fig = build_figure(EVENTS, [DOC])
    dots = by_id(fig, "scatter")
    assert sorted(dots) == ["mt:0", "mt:1", "mt:2", "mt:3"]
    assert sorted(by_id(fig, "bar")) == ["mt:1", "mt:2"]  # only spans longer than their unit
    # one dot trace per colour, named in plain words
    assert [t.name for t in traces(fig, "scatter")] == [
        "Date stated in the text", "Date worked out from context", "Approximate date"]
    assert [t.customdata for t in traces(fig, "scatter")] == [("mt:0", "mt:2"), ("mt:1",), ("mt:3",)]


def test_interval_is_a_bar_over_exactly_its_days() -> None:
    fig = build_figure(EVENTS, [DOC])
    bar = by_id(fig, "bar")["mt:1"]
    assert bar["trace"].orientation == "h"
    assert bar["trace"].base[bar["i"]] == "2011-05-16T00:00:00"
    assert bar["trace"].x[bar["i"]] == (datetime(2011, 12, 17) - datetime(2011, 5, 16)).total_seconds() * 1000
    dot = by_id(fig, "scatter")["mt:1"]
    assert dot["trace"].x[dot["i"]] == "2011-05-16T00:00:00"  # a precise interval is marked at its start
    assert dot["trace"].marker.symbol[dot["i"]] == "circle"


def test_month_only_date_is_fuzzy_and_spans_the_whole_month() -> None:
    fig = build_figure(EVENTS, [DOC])
    bar = by_id(fig, "bar")["mt:2"]
    assert bar["trace"].base[bar["i"]] == "2011-12-01T00:00:00"
    assert bar["trace"].x[bar["i"]] == 31 * 86_400_000
    assert bar["trace"].marker.color == "#0072B2"
    assert bar["trace"].marker.opacity[bar["i"]] == 0.16  # pale
    interval = by_id(fig, "bar")["mt:1"]
    assert interval["trace"].marker.opacity[interval["i"]] == 0.45  # a precise span is solid
    dot = by_id(fig, "scatter")["mt:2"]
    assert dot["trace"].x[dot["i"]] == "2011-12-16T12:00:00"  # hollow marker mid-month
    assert dot["trace"].marker.symbol[dot["i"]] == "circle-open"
    precise = by_id(fig, "scatter")["mt:0"]
    assert precise["trace"].marker.symbol[precise["i"]] == "circle"


def test_approximate_day_is_hollow_without_a_bar() -> None:
    fig = build_figure(EVENTS, [DOC])
    dot = by_id(fig, "scatter")["mt:3"]
    assert dot["trace"].marker.symbol[dot["i"]] == "circle-open"
    assert "mt:3" not in by_id(fig, "bar")


@pytest.mark.parametrize(("start", "end", "granularity", "certainty", "expected"), [
    (date(2011, 12, 16), date(2011, 12, 16), "day", "explicit", "16 Dec 2011"),
    (date(2011, 12, 1), date(2011, 12, 31), "month", "explicit", "Dec 2011"),
    (date(2011, 1, 1), date(2011, 12, 31), "year", "inferred", "2011"),
    (date(2011, 5, 16), date(2011, 12, 16), "month", "approximate", "≈ 16 May 2011 – 16 Dec 2011"),
    (date(2011, 5, 1), date(2011, 12, 16), "month", "explicit", "May 2011 – 16 Dec 2011"),
    (date(2009, 1, 1), date(2011, 12, 31), "year", "explicit", "2009 – 2011"),
    (date(1990, 1, 1), date(1999, 12, 31), "decade", "explicit", "1990s"),
    (date(2012, 1, 23), date(2012, 1, 29), "week", "inferred", "23 Jan 2012 – 29 Jan 2012"),
    (datetime(2012, 1, 26, 14, 30), datetime(2012, 1, 26, 14, 30), "minute", "explicit", "26 Jan 2012, 14:30"),
])
def test_dates_read_as_a_person_writes_them(start: date, end: date, granularity: str, certainty: str,
                                             expected: str) -> None:
    assert format_when(event(9, start, end, granularity, certainty)) == expected


def test_hover_shows_date_label_certainty_and_escaped_sentence() -> None:
    hostile = event(5, date(2011, 12, 2), date(2011, 12, 2), label="<script>alert('x')</script> & co")
    hostile = Event(**{**hostile.__dict__, "sentence_start": TEXT.index("In December"),
                       "sentence_end": len(TEXT), "explanation": "<b>not bold</b>"})
    fig = build_figure([hostile], [DOC])
    dot = by_id(fig, "scatter")["mt:5"]
    hover = dot["trace"].hovertext[dot["i"]]
    assert "<script>" not in hover and "<b>not bold</b>" not in hover
    assert hover == (
        "<b>2 Dec 2011</b><br>&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; co<br>"
        "<i>Date stated in the text</i> · The Moscow Times<br>&lt;b&gt;not bold&lt;/b&gt;<br>"
        "<span style='color:#666666'>“In December 2011 the town was &lt;script&gt;alert(1)&lt;/script&gt; "
        "sealed off.”</span>")
    assert dot["trace"].text[dot["i"]] == "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; co"
    assert dot["trace"].hovertemplate == "%{hovertext}<extra></extra>"


def test_selected_event_is_drawn_again_on_top_in_bold() -> None:
    fig = build_figure(EVENTS, [DOC], selected="mt:2")
    overlay = [t for t in fig.data if t.name == "Selected"]
    assert [(t.type, t.customdata) for t in overlay] == [("bar", ("mt:2",)), ("scatter", ("mt:2",))]
    outline, dot = overlay
    assert outline.base == ("2011-12-01T00:00:00",) and outline.marker.line.width == 2
    assert dot.text == ("<b>Town sealed off</b>",) and dot.marker.size == 16
    assert list(fig.data).index(dot) > max(list(fig.data).index(t) for t in traces(fig, "scatter"))
    plain = by_id(fig, "scatter")["mt:2"]
    assert plain["trace"].text[plain["i"]] == ""  # its label is not drawn twice
    assert [t for t in build_figure(EVENTS, [DOC]).data if t.name == "Selected"] == []


def test_selection_payload_maps_back_to_event_ids() -> None:
    fig = build_figure(EVENTS, [DOC])
    bars = by_id(fig, "bar")
    curve = list(fig.data).index(bars["mt:2"]["trace"])
    payload = {  # the shape st.plotly_chart(..., on_select="rerun") returns after a box select
        "selection": {
            "points": [
                {"curve_number": curve, "point_number": bars["mt:2"]["i"], "point_index": bars["mt:2"]["i"],
                 "x": "2011-12-01", "y": 2, "customdata": "mt:2"},
                {"curve_number": 4, "point_number": 0, "point_index": 0, "x": "2011-12-16", "y": 0,
                 "customdata": ["mt:0"]},
                {"curve_number": 5, "point_number": 1, "point_index": 1, "customdata": "mt:2"},
            ],
            "point_indices": [1, 0, 1],
            "box": [{"x": ["2011-11-01", "2012-01-01"], "y": [-0.5, 3], "xref": "x", "yref": "y"}],
            "lasso": [],
        },
    }
    assert selected_event_ids(payload) == ["mt:2", "mt:0"]
    assert selected_event_ids({"selection": {"points": [], "box": [], "lasso": []}}) == []
    assert selected_event_ids({}) == []


def test_colour_by_source_names_each_article() -> None:
    other = Document("x", date(2012, 2, 1), "given", "ap", None, "AP")
    events = [*EVENTS, event(7, date(2012, 1, 30), date(2012, 1, 30), doc_id="ap")]
    fig = build_figure(events, [DOC, other], color_by="source")
    assert [t.name for t in traces(fig, "scatter")] == ["The Moscow Times", "AP"]
    assert [t.customdata for t in traces(fig, "scatter")][1] == ("ap:7",)


def test_interactive_figure_has_slider_and_fixed_lanes() -> None:
    fig = build_figure(EVENTS, [DOC])
    assert fig.layout.xaxis.type == "date"
    assert fig.layout.xaxis.rangeslider.visible is True
    assert fig.layout.yaxis.visible is False and fig.layout.yaxis.fixedrange is True
    assert fig.layout.width == 1200
    assert len(fig.data) <= 2 * 3 + 5  # bars + dots per colour, plus legend keys: never one per event


def test_export_is_a_white_16_9_slide_with_sources_footnote() -> None:
    ap = Document("x", None, None, "ap", "Riot follow-up", None)
    fig = build_figure(EVENTS, [DOC, ap], title="Zhanaozen <timeline>", for_export=True)
    assert (fig.layout.width, fig.layout.height) == (1600, 900)
    assert fig.layout.paper_bgcolor == "white" and fig.layout.plot_bgcolor == "white"
    assert fig.layout.xaxis.rangeslider.visible is False
    assert fig.layout.title.text == "<b>Zhanaozen &lt;timeline&gt;</b>"
    assert [a.text for a in fig.layout.annotations] == [
        "Sources: The Moscow Times, published 26 Jan 2012; Riot follow-up, published unknown date"]
    legend = [t.name for t in fig.data if t.customdata is None]
    assert "Hollow: approximate, or month/year only" in legend
    assert "Pale band: when it could be" in legend
    assert build_figure(EVENTS, [DOC], for_export=True, width=1280).layout.height == 720


def test_long_source_list_wraps_to_the_page() -> None:
    docs = [Document("x", date(2012, 1, k + 1), "given", f"d{k}", None, f"Newspaper number {k}") for k in range(12)]
    note = build_figure(EVENTS, docs, for_export=True).layout.annotations[0].text
    lines = note.split("<br>")
    assert len(lines) == 3
    assert all(text_width_px(line, 13) <= 1600 - 48 for line in lines)
    assert note.replace("<br>", "; ") == "Sources: " + "; ".join(
        f"Newspaper number {k}, published {k + 1} Jan 2012" for k in range(12))


def test_empty_timeline_still_draws() -> None:
    interactive, slide = build_figure([]), build_figure([], for_export=True)
    assert interactive.data == () and interactive.layout.height == 360
    assert slide.layout.annotations == () and (slide.layout.width, slide.layout.height) == (1600, 900)


def many_events(n: int, seed: int = 11) -> list[Event]:
    """``n`` events over five years: days, months, years, intervals, labels of every length."""
    rng = random.Random(seed)
    words = ("police", "protest", "oil", "strike", "court", "ruling", "minister", "resigns", "election", "talks")
    out = []
    for i in range(n):
        d = date(2008, 1, 1) + timedelta(days=rng.randrange(5 * 365))
        kind = rng.choice(["day", "day", "day", "month", "year", "span"])
        start, end = {
            "day": (d, d), "month": (d.replace(day=1), (d.replace(day=28) + timedelta(days=4)).replace(day=1)
                                     - timedelta(days=1)),
            "year": (date(d.year, 1, 1), date(d.year, 12, 31)), "span": (d, d + timedelta(days=rng.randrange(9, 200))),
        }[kind]
        label = " ".join(rng.choice(words) for _ in range(rng.randrange(1, 12))).capitalize()
        out.append(event(i, start, end, "day" if kind == "span" else kind,
                         rng.choice(["explicit", "inferred", "approximate"]), label))
    return out


def overlaps(fig: go.Figure, font_px: float) -> list[tuple[str, str]]:
    """Pairs of labels in the same lane whose drawn text would touch, measured on the figure."""
    x0, x1 = (datetime.fromisoformat(v) for v in fig.layout.xaxis.range)
    px = (x1 - x0) / (fig.layout.width - fig.layout.margin.l - fig.layout.margin.r)
    lanes: dict[int, list[tuple[datetime, datetime, str]]] = {}
    for t in traces(fig, "scatter"):
        for x, y, text, event_id in zip(t.x, t.y, t.text, t.customdata, strict=True):
            left = datetime.fromisoformat(x)
            right = left + px * (font_px + text_width_px(text, font_px))
            assert right <= x1  # not cut off at the right
            lanes.setdefault(y, []).append((left, right, event_id))
    bad = []
    for row in lanes.values():
        row.sort()
        bad += [(a[2], b[2]) for a, b in pairwise(row) if a[1] >= b[0]]
    return bad


@pytest.mark.parametrize("for_export", [False, True])
def test_200_events_no_labels_overlap(for_export: bool) -> None:
    events = many_events(200)
    fig = build_figure(events, [DOC], for_export=for_export)
    assert overlaps(fig, 14 if for_export else 12) == []
    assert len(by_id(fig, "scatter")) == 200
    assert 360 <= fig.layout.height <= 1200
    assert all(len(text) <= 56 for t in traces(fig, "scatter") for text in t.text)


def test_overlap_check_catches_a_collision() -> None:
    fig = build_figure([EVENTS[0], event(8, date(2011, 12, 17), date(2011, 12, 17))], [DOC])
    dots = traces(fig, "scatter")[0]
    dots.y = (0, 0)  # force both labels into one lane
    assert overlaps(fig, 12) == [("mt:0", "mt:8")]


def median_ms(build: Any, runs: int = 7) -> float:
    build()  # first call pays plotly's one-off validator loading
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        build()
        times.append(time.perf_counter() - began)
    return statistics.median(times) * 1000


def test_twenty_events_build_well_under_100_ms() -> None:
    events: Sequence[Event] = many_events(20)
    assert median_ms(lambda: build_figure(events, [DOC])) < 100
