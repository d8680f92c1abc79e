"""The chart in the app: zooming to a period keeps through selections; the chronology list."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from streamlit.components.v2.bidi_component.main import _make_trigger_id
from streamlit.testing.v1 import AppTest

from timeline_app.axis import Axis, Break
from timeline_app.figure import figure_axis
from timeline_app.ingest import read_document
from timeline_app.model import Timeline
from timeline_app.pipeline import extract_document
from timeline_app.zoom_bridge import DEFAULT_PX, MAX_PX, MIN_PX, period_of_range

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "timeline_app" / "app.py"
SAMPLE = ROOT / "seeds" / "000_4d8628aadc5fef2d.txt"
VILLAGE = "Another person died in clashes in a nearby village"


@pytest.fixture
def app() -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def spec(at: AppTest) -> dict:
    return json.loads(at.get("plotly_chart")[0].proto.spec)


def drawn(at: AppTest) -> set[str]:
    return {i for t in spec(at)["data"] if t.get("meta") for members in t["meta"]["members"] for i in members}


def between(at: AppTest):
    return next(d for d in at.date_input if d.label == "Between")


def test_choosing_a_period_zooms_and_selecting_an_event_keeps_the_zoom(app: AppTest) -> None:
    whole = drawn(app)
    assert spec(app)["layout"]["uirevision"] == "timeline:None"
    between(app).set_value((date(2011, 12, 10), date(2012, 1, 29))).run()
    zoomed = drawn(app)
    assert zoomed < whole and len(zoomed) >= 5  # 1991 and 1992 are outside
    revision = spec(app)["layout"]["uirevision"]
    assert revision == "timeline:(datetime.date(2011, 12, 10), datetime.date(2012, 1, 29))"
    x_range = spec(app)["layout"]["xaxis"]["range"]
    frame = app.dataframe[0].value
    chosen = next(i for i in frame.index if VILLAGE in frame.loc[i, "Event"])
    app.selectbox(key="pick").set_value(chosen).run()
    assert spec(app)["layout"]["uirevision"] == revision  # the browser keeps its own zoom too
    assert spec(app)["layout"]["xaxis"]["range"] == x_range
    assert between(app).value == (date(2011, 12, 10), date(2012, 1, 29))
    next(b for b in app.button if b.label.startswith("Whole story")).click().run()
    assert drawn(app) == whole and not any(b.label.startswith("Whole story") for b in app.button)


def open_list(at: AppTest) -> AppTest:
    at.session_state["view_tab"] = "Chronology list"  # what clicking the tab does (AppTest cannot click tabs)
    return at.run()


def test_the_chronology_list_has_one_row_per_event_grouped_by_date(app: AppTest) -> None:
    assert not any('class="chronology"' in h.proto.body for h in app.html)  # built only when its tab is open
    table = next(h.proto.body for h in open_list(app).html if 'class="chronology"' in h.proto.body)
    assert table.count('<tr class="day">') == 8  # ten events on eight dates
    assert '<th colspan="4" scope="rowgroup">16 Dec 2011</th>' in table
    assert table.count("<td>16 Dec 2011</td>") == 3
    assert f"<td>{VILLAGE}</td>" in table
    labels = [b.label for b in app.get("download_button")]
    assert {"List (CSV)", "List (Markdown)", "List (HTML)"} <= set(labels)


def test_the_chart_has_a_text_alternative(app: AppTest) -> None:
    caption = next(c.value for c in app.caption if "Text description" in c.value).replace("\\", "")  # Markdown escapes
    assert "Timeline of 10 events from 1 article, from 16 Dec 1991 to 23–29 Jan 2012." in caption
    assert "Busiest date: 16 Dec 2011 (3 events)." in caption


# ---------------------------------------------------------------- zoom by the chart's own gestures


def bridge_of(at: AppTest):
    return next(n for n in at._tree if getattr(n, "type", "") == "bidi_component"
                and n.proto.component_name == "timeline_app.zoom_bridge")


def report_zoom(at: AppTest, value: Any, event: str = "zoomed") -> AppTest:
    """What the zoom bridge's JavaScript sends when the journalist drags a zoom box, the
    slider or double-clicks, or (``event="resized"``) when the chart's width changes
    (AppTest runs no JavaScript: the same trigger, sent by hand)."""
    states = at._tree.get_widget_states()
    trigger = states.widgets.add()
    trigger.id = _make_trigger_id(bridge_of(at).proto.id, "events")
    trigger.json_trigger_value = json.dumps([{"event": event, "value": value}])
    return at._run(states)


def sample_axis():
    events = Timeline((extract_document(read_document(SAMPLE.read_bytes(), SAMPLE.name)),)).events
    return figure_axis(events)


def test_a_drag_zoom_in_the_browser_zooms_the_app_and_lays_labels_out_for_it(app: AppTest) -> None:
    whole = drawn(app)
    axis = sample_axis()
    x0, x1 = axis.to_days(datetime(2011, 12, 15, 6)), axis.to_days(datetime(2011, 12, 20))
    report_zoom(app, {"range": [x0, x1], "revision": "timeline:None"})
    assert not app.exception
    assert between(app).value == (date(2011, 12, 15), date(2011, 12, 19))
    zoomed = drawn(app)
    assert zoomed < whole and len(zoomed) == 6  # 16 Dec (three), 17 Dec, and two long spans over them
    layout = spec(app)["layout"]
    assert layout["uirevision"] == "timeline:(datetime.date(2011, 12, 15), datetime.date(2011, 12, 19))"
    labels = [t for trace in spec(app)["data"] if trace.get("meta") for t in trace.get("text", [])]
    assert len(labels) == sum(len(t["meta"]["members"]) for t in spec(app)["data"] if t.get("meta"))
    x_range = layout["xaxis"]["range"]
    assert not layout.get("shapes") and not any("199" in tick for tick in layout["xaxis"]["ticktext"])  # no cut
    # a row chosen in the table (or the picker) redraws the chart at the same zoom
    frame = app.dataframe[0].value
    app.selectbox(key="pick").set_value(next(i for i in frame.index if VILLAGE in frame.loc[i, "Event"])).run()
    assert spec(app)["layout"]["xaxis"]["range"] == x_range and drawn(app) == zoomed
    # a report about the figure before the zoom is dropped: its axis was another one
    report_zoom(app, {"range": [x0 - 30, x1 + 30], "revision": "timeline:None"})
    assert between(app).value == (date(2011, 12, 15), date(2011, 12, 19))
    # a double click goes back to the whole story
    report_zoom(app, {"whole": True, "revision": layout["uirevision"]})
    assert drawn(app) == whole and spec(app)["layout"]["uirevision"] == "timeline:None"


def laid_out_for(at: AppTest) -> tuple[int, int]:
    """The width the figure was laid out for, and the one the bridge was told it was."""
    return spec(at)["layout"]["width"], json.loads(bridge_of(at).proto.json)["width"]


def test_the_chart_is_laid_out_for_the_width_the_browser_reports(app: AppTest) -> None:
    assert laid_out_for(app) == (DEFAULT_PX, DEFAULT_PX)  # the first draw, before any report
    default_ticks = spec(app)["layout"]["xaxis"]["ticktext"]
    report_zoom(app, 772, "resized")
    assert not app.exception
    assert laid_out_for(app) == (772, 772)
    assert spec(app)["layout"]["xaxis"]["ticktext"] != default_ticks  # ticks spaced for 772 px
    # the list tab unmounts the bridge; back on the chart, the width is still known
    assert not open_list(app).get("plotly_chart")
    app.session_state["view_tab"] = "Timeline"
    app.run()
    assert laid_out_for(app) == (772, 772)
    report_zoom(app, 10, "resized")  # a hidden or absurd container: the narrowest layout the app makes
    assert laid_out_for(app) == (MIN_PX, MIN_PX)
    report_zoom(app, 10**6, "resized")
    assert laid_out_for(app) == (MAX_PX, MAX_PX)


def test_a_range_is_read_back_as_the_calendar_days_drawn_across_a_cut() -> None:
    axis = Axis(datetime(2000, 1, 1), (Break(datetime(2000, 2, 1), datetime(2010, 2, 1)),))
    whole = (date(2000, 1, 1), date(2010, 3, 1))
    assert period_of_range(axis, 0.0, 10.0, whole) == (date(2000, 1, 1), date(2000, 1, 10))
    across = period_of_range(axis, 20.5, axis.to_days(datetime(2010, 2, 11)), whole)
    assert across == (date(2000, 1, 21), date(2010, 2, 10))
    assert period_of_range(axis, -50.0, 10.0, whole) == (date(2000, 1, 1), date(2000, 1, 10))  # clipped
    assert period_of_range(axis, -50.0, -40.0, whole) is None  # only the labels' margin
    assert period_of_range(axis, 5.0, 5.0, whole) is None


def test_a_rerun_that_changes_nothing_shown_lays_nothing_out_again(app: AppTest) -> None:
    """A click in the text or the table must not rebuild the figure (a second per click on a long article)."""
    made = app.session_state["chart_memo"]["figure"]
    app.selectbox(key="pick").set_value(None).run()  # a rerun: same events, nothing highlighted
    assert app.session_state["chart_memo"]["figure"][1] is made[1]
    frame = app.dataframe[0].value
    app.selectbox(key="pick").set_value(next(i for i in frame.index if VILLAGE in frame.loc[i, "Event"])).run()
    assert app.session_state["chart_memo"]["figure"][1] is not made[1]  # the chosen event is drawn bold
