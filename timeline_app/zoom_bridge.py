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

The same bridge reports the chart's real width. The labels, the legend's rows and
the ticks are laid out in pixels for one width, and ``st.plotly_chart`` stretches
the figure to its column (780 px in a 1280 px window with the sidebar open, 1,400
at 1920): laid out for another width, labels overlapped or sat under the legend. A
ResizeObserver on the chart's container reports its width (debounced) when the
figure was laid out wider than that, or narrower by more than ``SLACK_PX``: a chart
laid out a little narrower than drawn only gets more air, and that slack is what
stops a rerun loop (a scrollbar that comes and goes with the chart's height). The
same width is never reported twice in a row, so a width the app will not take
(below ``MIN_PX``) cannot loop either. The first draw, before any report, is laid
out for ``DEFAULT_PX``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, timedelta
from typing import Any

import streamlit as st

from .axis import Axis

KEY = "zoom_bridge"
CHART_SELECTOR = ".st-key-chart .js-plotly-plot"  # st.plotly_chart(key="chart")'s Plotly div
CONTAINER_SELECTOR = ".st-key-chart"  # its container: the width Streamlit stretches the figure to
DEBOUNCE_MS = 450  # a range-slider drag reports every frame: act once it rests
RESIZE_DEBOUNCE_MS = 200  # a window dragged wider reports every frame too
WIDTH_KEY = "chart_px"  # the chart's reported width, in the app's session state
DEFAULT_PX = 1000  # the first draw's width, before the browser reports one
MIN_PX, MAX_PX = 320, 4000  # what a report may set (a hidden or absurd container is not a layout)
SLACK_PX = 24  # drawn this much wider than laid out: no new layout (only more air between labels)

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
  // The chart's width: reported when the figure was laid out wider than drawn, or much narrower.
  const resized = () => {
    clearTimeout(bridge.resizeTimer);
    bridge.resizeTimer = setTimeout(() => {
      const box = document.querySelector(bridge.data.container);
      if (!box) return;
      const width = Math.floor(box.getBoundingClientRect().width);
      const planned = bridge.data.width;
      if (width <= 0 || width === bridge.sentWidth) return;
      if (width < planned || width > planned + bridge.data.slack) {
        bridge.sentWidth = width;
        bridge.send("resized", width);
      }
    }, bridge.data.resize_debounce);
  };
  const hook = () => {
    const chart = document.querySelector(bridge.data.selector);
    if (chart && typeof chart.on === "function" && !chart.__timelineZoom) {
      chart.__timelineZoom = true;
      chart.on("plotly_relayout", onRelayout);
      chart.on("plotly_doubleclick", () => report({ whole: true }));
    }
    const box = document.querySelector(bridge.data.container);
    if (box && bridge.observed !== box) {  // it fires once at once: the first draw's width is checked
      if (bridge.observer) bridge.observer.disconnect();
      bridge.observer = new ResizeObserver(resized);
      bridge.observer.observe(box);
      bridge.observed = box;
    }
  };
  hook();
  resized();  // this render's figure may have been laid out for another width
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
                on_zoom: Callable[[], None], width: int) -> None:
    """Mount the bridge under the chart; ``on_zoom`` runs when the journalist zooms in the browser.
    ``width``: what the figure was laid out for (a report of another width lays it out again)."""
    _component(key=KEY, data={"range": list(figure_range), "revision": revision(period),
                              "selector": CHART_SELECTOR, "debounce": DEBOUNCE_MS,
                              "container": CONTAINER_SELECTOR, "width": width, "slack": SLACK_PX,
                              "resize_debounce": RESIZE_DEBOUNCE_MS},
               on_zoomed_change=on_zoom, on_resized_change=on_resize, height=0)


def chart_width() -> int:
    """The width to lay the chart out for: the last one the browser reported, else ``DEFAULT_PX``."""
    return int(st.session_state.get(WIDTH_KEY, DEFAULT_PX))


def on_resize() -> None:
    """Keep the reported width in the session (the bridge's own state goes while the chart is hidden)."""
    width = (st.session_state.get(KEY) or {}).get("resized")
    if isinstance(width, (int, float)) and not isinstance(width, bool):
        st.session_state[WIDTH_KEY] = int(min(max(width, MIN_PX), MAX_PX))


def zoom_report() -> Mapping[str, Any]:
    """The bridge's last report: ``{"range": [x0, x1], "revision": ...}`` or ``{"whole": True, ...}``."""
    report = (st.session_state.get(KEY) or {}).get("zoomed")
    return report if isinstance(report, Mapping) else {}
