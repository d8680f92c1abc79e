"""Drill-down by the chart's own gestures: a drag zoom, the range slider, a pan, a double click.

``st.plotly_chart`` reports selections only (``on_select``), never Plotly's
``plotly_relayout``: a zoom made in the browser stayed there, with labels laid
out for the whole period (too few, cut) and undone by the next rerun that
changed the figure (a row chosen in the table). This bridge is a Streamlit
custom component (components v2, hand-written JavaScript, nothing downloaded)
mounted in the page itself: it listens to the chart's relayout and double-click
events and reports the x range drawn, with the figure's revision so a report
about an older figure is dropped. Python turns the range into calendar days
(:func:`period_of_range`, through the compressed axis the figure was drawn on)
and makes it the app's zoom, the "Between" control's value: the chart is then
laid out again for that period, and the zoom survives every rerun. A double
click goes back to the whole story.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, timedelta
from typing import Any

import streamlit as st

from .axis import Axis

KEY = "zoom_bridge"
CHART_SELECTOR = ".st-key-chart .js-plotly-plot"  # st.plotly_chart(key="chart")'s Plotly div
DEBOUNCE_MS = 450  # a range-slider drag reports every frame: act once it rests

ZOOM_JS = """
export default function ({ data, setTriggerValue }) {
  // One listener per Plotly div; it reads the newest render's data and sender.
  const bridge = window.__timelineZoom || (window.__timelineZoom = {});
  bridge.data = data;
  bridge.send = setTriggerValue;
  const report = (value) => {
    clearTimeout(bridge.timer);
    bridge.timer = setTimeout(() => bridge.send("zoomed", { ...value, revision: bridge.data.revision }),
                              bridge.data.debounce);
  };
  const onRelayout = (update) => {
    if (!update) return;
    let range = null;
    if (update["xaxis.range[0]"] !== undefined && update["xaxis.range[1]"] !== undefined) {
      range = [update["xaxis.range[0]"], update["xaxis.range[1]"]];
    } else if (Array.isArray(update["xaxis.range"])) {
      range = update["xaxis.range"];
    } else if (update["xaxis.autorange"]) {
      report({ whole: true });
      return;
    }
    if (!range) return;
    const [a, b] = range.map(Number);
    const [x0, x1] = bridge.data.range;
    if (!(b > a) || Math.abs(a - x0) + Math.abs(b - x1) <= 1e-6 * Math.max(x1 - x0, 1e-9)) return;
    report({ range: [a, b] });
  };
  const hook = () => {
    const chart = document.querySelector(bridge.data.selector);
    if (!chart || typeof chart.on !== "function" || chart.__timelineZoom) return;
    chart.__timelineZoom = true;
    chart.on("plotly_relayout", onRelayout);
    chart.on("plotly_doubleclick", () => report({ whole: true }));
  };
  hook();
  const poll = setInterval(hook, 250);  // Streamlit draws a new Plotly div when the figure changes
  return () => clearInterval(poll);
}
"""

_component = st.components.v2.component("timeline_app.zoom_bridge", js=ZOOM_JS, isolate_styles=False)


def period_of_range(axis: Axis, x0: float, x1: float, whole: tuple[date, date]) -> tuple[date, date] | None:
    """The calendar days drawn between ``x0`` and ``x1`` (days of shown time on ``axis``), within
    ``whole``; None when the range holds no day of it (a zoom into the labels' margin)."""
    if not x1 > x0:
        return None
    first = axis.from_days(x0, after_cut=True).date()
    last = (axis.from_days(x1) - timedelta(microseconds=1)).date()
    first, last = max(first, whole[0]), min(last, whole[1])
    return (first, last) if first <= last else None


def revision(period: tuple[date, date] | None) -> str:
    """The figure's ``uirevision``: a new zoom is a new figure, and Plotly takes its range."""
    return f"timeline:{period}"


def zoom_bridge(figure_range: tuple[float, float], period: tuple[date, date] | None,
                on_zoom: Callable[[], None]) -> None:
    """Mount the bridge under the chart; ``on_zoom`` runs when the journalist zooms in the browser."""
    _component(key=KEY, data={"range": list(figure_range), "revision": revision(period),
                              "selector": CHART_SELECTOR, "debounce": DEBOUNCE_MS},
               on_zoomed_change=on_zoom, height=0)


def zoom_report() -> Mapping[str, Any]:
    """The bridge's last report: ``{"range": [x0, x1], "revision": ...}`` or ``{"whole": True, ...}``."""
    report = (st.session_state.get(KEY) or {}).get("zoomed")
    return report if isinstance(report, Mapping) else {}
