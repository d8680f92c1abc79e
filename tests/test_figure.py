"""The timeline figure: what is drawn where, what the hover says, and selection ids."""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

import plotly.graph_objects as go
import pytest

from timeline_app.figure import (
    GROUP_PREFIX,
    MAX_MARKS,
    build_figure,
    figure_axis,
    format_when,
    group_key,
    label_text,
    selected_event_ids,
    zoom_of,
)
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
    """Traces that draw events in lanes: not legend keys, zoom handles or the selection overlay."""
    return [t for t in fig.data if t.type == kind and t.customdata is not None and t.name not in ("Selected", "Zoom")
            and t.yaxis in (None, "y")]


def by_id(fig: go.Figure, kind: str) -> dict[str, dict[str, Any]]:
    """Per mark key: the trace and index where it is drawn as ``kind``."""
    out = {}
    for t in traces(fig, kind):
        for i, key in enumerate(t.customdata):
            out[key] = {"trace": t, "i": i}
    return out


def days(fig: go.Figure, when: datetime) -> float:
    """Where a calendar instant is drawn: the figure's x axis is days of shown time."""
    return figure_axis(EVENTS).to_days(when)


def test_every_event_is_one_dot_and_ids_ride_in_customdata() -> None:
    fig = build_figure(EVENTS, [DOC])
    assert sorted(by_id(fig, "scatter")) == ["mt:0", "mt:1", "mt:2", "mt:3"]
    assert sorted(by_id(fig, "bar")) == ["mt:1", "mt:2"]  # only spans longer than their unit
    assert [t.name for t in traces(fig, "scatter")] == [
        "Date stated in the text", "Date worked out from context", "Approximate date"]
    assert [t.customdata for t in traces(fig, "scatter")] == [("mt:0", "mt:2"), ("mt:1",), ("mt:3",)]


def test_interval_is_a_bar_over_exactly_its_days() -> None:
    fig = build_figure(EVENTS, [DOC])
    axis = figure_axis(EVENTS)
    bar = by_id(fig, "bar")["mt:1"]
    assert bar["trace"].orientation == "h"
    assert bar["trace"].base[bar["i"]] == axis.to_days(datetime(2011, 5, 16))
    assert bar["trace"].x[bar["i"]] == pytest.approx(axis.to_days(datetime(2011, 12, 17)) - axis.to_days(datetime(2011, 5, 16)))
    dot = by_id(fig, "scatter")["mt:1"]
    assert dot["trace"].x[dot["i"]] == axis.to_days(datetime(2011, 5, 16))  # a precise interval: at its start
    assert dot["trace"].marker.symbol[dot["i"]] == "circle"


def test_month_only_date_is_fuzzy_and_spans_the_whole_month() -> None:
    fig = build_figure(EVENTS, [DOC])
    axis = figure_axis(EVENTS)
    bar = by_id(fig, "bar")["mt:2"]
    assert bar["trace"].base[bar["i"]] == axis.to_days(datetime(2011, 12, 1))
    assert bar["trace"].x[bar["i"]] == pytest.approx(31.0)  # December is not cut: it holds events
    assert bar["trace"].marker.color == "#0072B2"
    assert bar["trace"].marker.opacity[bar["i"]] == 0.16  # pale
    interval = by_id(fig, "bar")["mt:1"]
    assert interval["trace"].marker.opacity[interval["i"]] == 0.45  # a precise span is solid
    dot = by_id(fig, "scatter")["mt:2"]
    assert dot["trace"].x[dot["i"]] == axis.to_days(datetime(2011, 12, 16, 12))  # hollow marker mid-month
    assert dot["trace"].marker.symbol[dot["i"]] == "circle-open"


def test_approximate_day_is_hollow_without_a_bar() -> None:
    fig = build_figure(EVENTS, [DOC])
    dot = by_id(fig, "scatter")["mt:3"]
    assert dot["trace"].marker.symbol[dot["i"]] == "circle-open"
    assert "mt:3" not in by_id(fig, "bar")


@pytest.mark.parametrize(("start", "end", "granularity", "certainty", "expected"), [
    (date(2011, 12, 16), date(2011, 12, 16), "day", "explicit", "16 Dec 2011"),
    (date(2011, 12, 1), date(2011, 12, 31), "month", "explicit", "Dec 2011"),
    (date(2011, 1, 1), date(2011, 12, 31), "year", "inferred", "2011"),
    (date(2011, 5, 16), date(2011, 12, 16), "month", "approximate", "≈ May–Dec 2011"),
    (date(2011, 5, 1), date(2011, 12, 16), "month", "explicit", "May 2011 – 16 Dec 2011"),
    (date(2009, 1, 1), date(2011, 12, 31), "year", "explicit", "2009–2011"),
    (date(1992, 1, 26), date(2012, 1, 26), "year", "approximate", "≈ 1992–2012"),
    (date(1990, 1, 1), date(1999, 12, 31), "decade", "explicit", "1990s"),
    (date(2012, 1, 23), date(2012, 1, 29), "week", "inferred", "23–29 Jan 2012"),
    (date(2011, 12, 26), date(2012, 1, 1), "week", "inferred", "26 Dec 2011 – 1 Jan 2012"),
    (date(2011, 11, 28), date(2011, 12, 4), "week", "inferred", "28 Nov – 4 Dec 2011"),
    (datetime(2012, 1, 26, 14, 30), datetime(2012, 1, 26, 14, 30), "minute", "explicit", "26 Jan 2012, 14:30"),
    # one day's hours say the day once ("tonight"); hours across midnight keep both days
    (datetime(2019, 11, 5, 21), datetime(2019, 11, 5, 23, 59), "hour", "inferred", "5 Nov 2019, 21:00–23:59"),
    (datetime(2019, 11, 4, 23), datetime(2019, 11, 5, 2), "hour", "inferred", "4 Nov 2019, 23:00 – 5 Nov 2019, 02:00"),
])
def test_dates_read_as_a_person_writes_them(start: date, end: date, granularity: str, certainty: str,
                                             expected: str) -> None:
    assert format_when(event(9, start, end, granularity, certainty)) == expected


def test_every_label_starts_with_its_date_in_bold() -> None:
    fig = build_figure(EVENTS, [DOC])
    texts = {key: t.text[i] for t in traces(fig, "scatter") for i, key in enumerate(t.customdata)}
    assert texts["mt:0"] == "<b>16 Dec 2011</b> Clashes with police in Zhanaozen"
    assert texts["mt:1"] == "<b>16 May – 16 Dec 2011</b> Seven-month labour dispute"
    assert texts["mt:3"] == "<b>≈ 25 Jan 2012</b> Activists detained"


def test_a_long_label_wraps_to_a_second_line_before_it_is_cut() -> None:
    long = "Police fired on striking oil workers and their families in the main square of the town"
    fig = build_figure([event(0, date(2011, 12, 16), date(2011, 12, 16), label=long)], [DOC])
    (text,) = traces(fig, "scatter")[0].text
    first, second = text.split("<br>")
    assert first.startswith("<b>16 Dec 2011</b> Police fired")
    assert second.endswith("town") and "…" not in text  # room enough: wrapped, not cut


def test_hover_shows_date_label_certainty_and_escaped_sentence() -> None:
    hostile = event(5, date(2011, 12, 2), date(2011, 12, 2), label="<script>alert('x')</script> & \"co\"")
    hostile = Event(**{**hostile.__dict__, "sentence_start": TEXT.index("In December"),
                       "sentence_end": len(TEXT), "explanation": "<b>not bold</b>"})
    fig = build_figure([hostile], [DOC])
    dot = by_id(fig, "scatter")["mt:5"]
    hover = dot["trace"].hovertext[dot["i"]]
    assert "<script>" not in hover and "<b>not bold</b>" not in hover
    assert hover == (
        "<b>2 Dec 2011</b><br>&lt;script&gt;alert('x')&lt;/script&gt; &amp; \"co\"<br>"
        "<i>Date stated in the text</i> · The Moscow Times<br>&lt;b&gt;not bold&lt;/b&gt;<br>"
        "<span style='color:#666666'>“In December 2011 the town was &lt;script&gt;alert(1)&lt;/script&gt; "
        "sealed off.”</span>")
    assert dot["trace"].text[dot["i"]] == "<b>2 Dec 2011</b> &lt;script&gt;alert('x')&lt;/script&gt; &amp; \"co\""
    assert dot["trace"].hovertemplate == "%{hovertext}<extra></extra>"


def test_markup_in_a_title_or_source_name_stays_text() -> None:
    linked = Document("x", date(2012, 1, 26), "given", "ap", '<a href="http://x">AP</a>', None)
    fig = build_figure([event(0, date(2011, 12, 16), date(2011, 12, 16), doc_id="ap")], [DOC, linked],
                       color_by="source", title="<a href='x'>Riots</a>", for_export=True)
    names = [t.name for t in fig.data if t.name]
    assert '&lt;a href="http://x"&gt;AP&lt;/a&gt;' in names and not any("<a" in n for n in names)
    assert fig.layout.title.text == "<b>&lt;a href='x'&gt;Riots&lt;/a&gt;</b>"
    assert "<a" not in fig.layout.annotations[0].text


def test_a_group_label_names_each_happening_once() -> None:
    told_twice = [event(n, date(2023, 9, 5), date(2023, 9, 5), label=label)
                  for n, label in enumerate(["The governor will lie in state", "The governor will lie in state",
                                             "A service will be held"])]
    assert label_text(told_twice) == "5 Sep 2023 · 3 events: A service will be held; The governor will lie in state"


def test_a_group_label_says_what_happened_before_when_the_page_was_dated() -> None:
    day = [event(n, date(2017, 12, 19), date(2017, 12, 19), label=label)
           for n, label in enumerate(["Article published", "A spokesman for the company said", "Updated: Deal delayed"])]
    assert label_text(day) == ("19 Dec 2017 · 3 events: A spokesman for the company said; Article published; "
                               "Updated: Deal delayed")


def test_events_of_one_day_from_one_article_are_one_mark_with_a_count() -> None:
    same_day = [event(n, date(2011, 12, 16), date(2011, 12, 16), label=label)
                for n, label in enumerate(["Riots broke out", "16 people were killed", "Police fired"])]
    other_doc = event(7, date(2011, 12, 16), date(2011, 12, 16), label="Curfew", doc_id="ap")
    fig = build_figure([*same_day, other_doc], [DOC])
    key = group_key(same_day[0])
    assert key == f"{GROUP_PREFIX}mt:2011-12-16:2011-12-16"
    assert sorted(by_id(fig, "scatter")) == sorted([key, "ap:7"])
    assert label_text(same_day) == "16 Dec 2011 · 3 events: Police fired; Riots broke out; 16 people were killed"
    group = by_id(fig, "scatter")[key]
    assert group["trace"].marker.size[group["i"]] == 14
    assert group["trace"].meta["members"][group["i"]] == ["mt:0", "mt:1", "mt:2"]
    opened = build_figure([*same_day, other_doc], [DOC], expanded=frozenset({key}))
    assert sorted(by_id(opened, "scatter")) == ["ap:7", "mt:0", "mt:1", "mt:2"]
    chosen = build_figure([*same_day, other_doc], [DOC], selected="mt:1")  # selecting one opens its day
    assert "mt:1" in by_id(chosen, "scatter")


def test_edited_events_are_drawn_as_edited_by_you() -> None:
    edited = Event(**{**EVENTS[0].__dict__, "rule": "manual"})
    relabelled = Event(**{**EVENTS[3].__dict__, "rule": "manual-label"})
    fig = build_figure([edited, EVENTS[1], relabelled], [DOC])
    assert [t.name for t in traces(fig, "scatter")] == ["Date worked out from context", "Edited by you"]
    mark = by_id(fig, "scatter")["mt:0"]
    assert mark["trace"].marker.symbol[mark["i"]] == "diamond"
    assert "<i>Edited by you</i>" in mark["trace"].hovertext[mark["i"]]


def test_selected_event_is_drawn_again_on_top_in_bold() -> None:
    fig = build_figure(EVENTS, [DOC], selected="mt:2")
    overlay = [t for t in fig.data if t.name == "Selected"]
    assert [(t.type, t.customdata) for t in overlay] == [("bar", ("mt:2",)), ("scatter", ("mt:2",))]
    outline, dot = overlay
    assert outline.base == (figure_axis(EVENTS).to_days(datetime(2011, 12, 1)),) and outline.marker.line.width == 2
    assert dot.text == ("<b>Dec 2011 Town sealed off</b>",) and dot.marker.size == 16
    assert list(fig.data).index(dot) > max(list(fig.data).index(t) for t in traces(fig, "scatter"))
    plain = by_id(fig, "scatter")["mt:2"]
    assert plain["trace"].text[plain["i"]] == ""  # its label is not drawn twice
    assert [t for t in build_figure(EVENTS, [DOC]).data if t.name == "Selected"] == []


def test_selection_payload_maps_back_to_event_ids() -> None:
    payload = {  # the shape st.plotly_chart(..., on_select="rerun") returns
        "selection": {
            "points": [
                {"curve_number": 1, "point_number": 0, "point_index": 0, "x": 3.0, "y": 2, "customdata": "mt:2"},
                {"curve_number": 4, "point_number": 0, "point_index": 0, "x": 1.0, "y": 0, "customdata": ["mt:0"]},
                {"curve_number": 5, "point_number": 1, "point_index": 1, "customdata": "mt:2"},
            ],
            "point_indices": [1, 0, 1], "box": [], "lasso": [],
        },
    }
    assert selected_event_ids(payload) == ["mt:2", "mt:0"]
    assert selected_event_ids({"selection": {"points": [], "box": [], "lasso": []}}) == []
    assert selected_event_ids({}) == []


def test_far_context_stays_across_a_drawn_cut_and_the_view_is_framed_to_the_events() -> None:
    independence = event(8, date(1991, 12, 16), date(1991, 12, 16), label="Independence")
    fig = build_figure([independence, *EVENTS], [DOC], width=1280)
    axis = figure_axis([independence, *EVENTS])
    assert len(axis.breaks) == 1 and axis.breaks[0].start < datetime(1992, 1, 1) < axis.breaks[0].end
    assert "mt:8" in by_id(fig, "scatter")
    lo, hi = fig.layout.xaxis.range
    assert lo <= axis.to_days(datetime(1991, 12, 16)) and lo > axis.to_days(datetime(1991, 12, 1))  # no padding
    story = axis.to_days(datetime(2012, 1, 26)) - axis.to_days(datetime(2011, 5, 16))
    assert story / (hi - lo) > 0.5
    assert fig.layout.xaxis.ticktext[0] == "1991"  # the far stretch names its year
    assert any(s.type == "line" and s.line.dash == "dot" for s in fig.layout.shapes)
    zoom = next(t for t in fig.data if t.name == "Zoom")
    periods = [zoom_of(k) for k in zoom.customdata]
    assert periods[0] == (date(1991, 12, 16), date(1991, 12, 16)) and periods[-1][1] == date(2012, 1, 25)


def test_a_view_zooms_to_its_period_and_lays_out_again() -> None:
    fig = build_figure(EVENTS, [DOC], view=(date(2011, 12, 10), date(2011, 12, 31)))
    assert sorted(by_id(fig, "scatter")) == ["mt:0", "mt:1", "mt:2"]  # 25 Jan is outside
    bar = by_id(fig, "bar")["mt:1"]
    axis = figure_axis(EVENTS, view=(date(2011, 12, 10), date(2011, 12, 31)))
    assert bar["trace"].base[bar["i"]] == axis.to_days(datetime(2011, 12, 10))  # clipped to the view


def test_a_zoomed_charts_range_slider_spans_the_whole_story() -> None:
    """The app hands a zoom only its period's events; the slider still spans every event of the story, on
    an axis that is the zoom's inside the drawn range, so a handle dragged to an end is the story's end."""
    period = (date(2011, 12, 10), date(2011, 12, 31))
    shown = [e for e in EVENTS if e.end >= period[0] and e.start <= period[1]]
    fig = build_figure(shown, [DOC], view=period, story=EVENTS)
    drawn, slider = tuple(fig.layout.xaxis.range), tuple(fig.layout.xaxis.rangeslider.range)
    assert slider[0] < drawn[0] and slider[1] > drawn[1]
    axis = figure_axis(shown, period, drawn=drawn, story=EVENTS)
    assert axis.from_days(slider[0]) == datetime(2011, 5, 16)  # the story's first day ...
    assert axis.from_days(slider[1]) == datetime(2012, 1, 26)  # ... and the end of its last
    zoom = figure_axis(shown, period)
    assert [axis.to_days(datetime(2011, 12, d)) for d in (10, 20, 31)] == [zoom.to_days(datetime(2011, 12, d))
                                                                           for d in (10, 20, 31)]
    whole = build_figure(EVENTS, [DOC])
    assert tuple(whole.layout.xaxis.rangeslider.range) == tuple(whole.layout.xaxis.range)  # unzoomed: as before


def test_colour_by_source_names_each_article_and_never_repeats_a_colour() -> None:
    other = Document("x", date(2012, 2, 1), "given", "ap", None, "AP")
    events = [*EVENTS, event(7, date(2012, 1, 30), date(2012, 1, 30), doc_id="ap")]
    fig = build_figure(events, [DOC, other], color_by="source")
    assert [t.name for t in traces(fig, "scatter")] == ["The Moscow Times", "AP"]
    docs = [Document("x", date(2012, 1, 1), "given", f"d{k}", None, f"Paper {k}") for k in range(12)]
    many = [event(k, date(2011, 1 + k % 12, 1 + k), date(2011, 1 + k % 12, 1 + k), doc_id=f"d{k % 12}")
            for k in range(24)]
    legend = [t for t in build_figure(many, docs, color_by="source").data if t.customdata is None
              and t.marker.symbol == "circle" and t.marker.size == 10]
    colours = [t.marker.color for t in legend]
    assert len(colours) == len(set(colours)) == 7
    assert legend[-1].name == "Other sources (6 articles)" and "#F0E442" not in colours


def test_interactive_figure_has_slider_and_fixed_lanes() -> None:
    fig = build_figure(EVENTS, [DOC])
    assert fig.layout.xaxis.rangeslider.visible is True
    assert fig.layout.yaxis.visible is False and fig.layout.yaxis.fixedrange is True
    assert fig.layout.width == 1200 and fig.layout.legend.y == 1 and fig.layout.legend.yanchor == "bottom"
    assert len(fig.data) <= 2 * 3 + 7  # bars + dots per colour, legend keys, zoom: never one per event


def test_export_is_a_white_1920_slide_with_title_sources_and_legend() -> None:
    ap = Document("x", None, None, "ap", "Riot follow-up", None)
    fig = build_figure(EVENTS, [DOC, ap], title="Zhanaozen <timeline>", for_export=True)
    assert (fig.layout.width, fig.layout.height) == (1920, 1080)
    assert fig.layout.font.size >= 14
    assert fig.layout.xaxis.rangeslider.visible is False
    assert fig.layout.title.text == "<b>Zhanaozen &lt;timeline&gt;</b>" and fig.layout.meta["title"] == \
        "Zhanaozen <timeline>"
    assert [a.text for a in fig.layout.annotations] == [
        "Sources: The Moscow Times, published 26 Jan 2012; Riot follow-up, published unknown date"]
    legend = [t.name for t in fig.data if t.customdata is None]
    assert "Hollow: approximate or guessed" in legend
    assert build_figure(EVENTS, [DOC], for_export=True, width=1280).layout.height == 720


def test_empty_timeline_still_draws() -> None:
    interactive, slide = build_figure([]), build_figure([], for_export=True)
    assert [t for t in interactive.data if t.customdata is not None] == [] and interactive.layout.height == 360
    assert (slide.layout.width, slide.layout.height) == (1920, 1080)


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


def test_crowded_chart_labels_what_fits_by_the_stated_rule() -> None:
    events = many_events(200)
    fig = build_figure(events, [DOC], for_export=True)
    labelled = by_id(fig, "scatter")
    strip = [k for t in fig.data if t.yaxis == "y2" for k in (t.customdata or ())]
    assert labelled and strip and len(labelled) + len(strip) == len({group_key(e) for e in events} |
                                                                     set()) or len(labelled) + len(strip) <= 200
    note = next(a.text for a in fig.layout.annotations if "labelled" in a.text)
    assert note.startswith(f"{len(labelled)} of 200 events labelled (dates stated in the text first")
    stated = {e.id for e in events if e.certainty == "explicit"}
    assert all(k in stated or k.startswith(GROUP_PREFIX) for k in labelled) or len(labelled) > len(stated)


def test_past_300_marks_the_chart_is_a_density_overview() -> None:
    events = many_events(MAX_MARKS + 100)
    fig = build_figure(events, [DOC])
    density = next(t for t in fig.data if t.name == "Events per period")
    assert sum(density.y) == len(events)
    assert 0 < len(by_id(fig, "scatter")) < MAX_MARKS


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
