"""The chart and the chronology list in the app: zoom, grouped marks, text alternative.

What must survive a rerun lives in ``st.session_state``: the zoomed period (the
"Between" control's value, which a click on a cluster also sets), and the
grouped marks the journalist opened.

A zoom made in the browser (drag, range slider, pan, double click) is reported
by :mod:`timeline_app.zoom_bridge` and becomes that same zoomed period, so the
labels are laid out again for it and every later rerun keeps it. The bridge also
reports the chart's width, and the figure is laid out for it (labels, legend rows,
ticks), not for a fixed width stretched to the page. Streamlit still
starts the chart afresh whenever its figure changes (the figure is part of the
element's identity), so a click on an event must not change the figure: the
chart marks it with Plotly's own selection, and the bold highlight is drawn only
for events chosen elsewhere (table, picker, source text), which redraws the
chart at the zoomed period.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from datetime import date
from functools import partial
from typing import Any, TypeVar

import streamlit as st

from .axis import Axis
from .chronology import chronology, list_csv, list_html, list_markdown, list_table_html, summary
from .escape import for_markdown
from .figure import GROUP_PREFIX, build_figure, figure_axis, group_key, selected_event_ids, sources_line, zoom_of
from .model import Document, Event
from .zoom_bridge import chart_width, period_of_range, revision, zoom_bridge, zoom_report

RANGE_KEY = "range_key"  # the name of the "Between" widget's state, for callbacks
EXPANDED = "expanded"
CHART_PICK = "chart_pick"  # the event last chosen by a click on the chart itself
VIEW_TAB = "view_tab"  # which of the chart and the list is open
MEMO = "chart_memo"  # what the last rerun laid out, by what it was made from
T = TypeVar("T")


def range_key(lo: date, hi: date) -> str:
    """The "Between" control's key; remembered so a click on a cluster can set it."""
    key = f"range:{lo}:{hi}"
    st.session_state[RANGE_KEY] = key
    return key


def zoomed(period: tuple[date | None, date | None], whole: tuple[date, date]) -> tuple[date, date] | None:
    """The period to frame, or None for the whole story (the default view is framed to the events)."""
    start, end = period
    if start is None or end is None or (start, end) == whole:
        return None
    return start, end


def on_chart_select(docs_by_event: dict[str, str], select: Callable[[str, str | None], None]) -> None:
    """A click on the chart: a cluster handle zooms, a grouped mark opens, an event is selected."""
    ids = selected_event_ids(st.session_state.get("chart") or {})
    if not ids:
        return
    key = ids[0]
    period = zoom_of(key)
    if period is not None:
        zoom_to(period)
        return
    if key.startswith(GROUP_PREFIX):
        st.session_state[EXPANDED] = frozenset({*st.session_state.get(EXPANDED, frozenset()), key})
        return
    select(key, docs_by_event.get(key))
    st.session_state[CHART_PICK] = key


def zoom_to(period: tuple[date, date]) -> None:
    """Make ``period`` the app's zoom: the "Between" control's value (its state outlives reruns)."""
    if st.session_state.get(RANGE_KEY):
        st.session_state[st.session_state[RANGE_KEY]] = period


def on_chart_zoom(drawn_axis: Callable[[], Axis], period: tuple[date, date] | None,
                  whole: tuple[date, date]) -> None:
    """A zoom made in the browser (reported by the bridge) becomes the app's zoom; a double click,
    the whole story. A report about an older figure is dropped: its axis is not this one."""
    report = zoom_report()
    if report.get("revision") != revision(period):
        return
    if report.get("whole"):
        zoom_to(whole)
        return
    x0, x1 = (float(x) for x in report.get("range") or (0.0, 0.0))
    target = period_of_range(drawn_axis(), x0, x1, whole)
    if target is not None and target != (period or whole):
        zoom_to(target)


def chart_panel(visible: Sequence[Event], documents: Sequence[Document], selected: Event | None, color_by: str,
                docs_by_event: dict[str, str], period: tuple[date, date] | None, whole: tuple[date, date],
                select: Callable[[str, str | None], None], story: Sequence[Event] | None = None) -> None:
    """The timeline, or the chronology list, of what the filters show; framed to ``period``.

    ``select`` makes an event the app's selection (chart, table and source panel). ``story``:
    every event of the story (``visible`` are only the period's), which the range slider spans.
    """
    if not visible:
        st.info("No events match these filters." if docs_by_event else "No dated events to draw yet.")
        if period is not None:
            whole_story_button(whole)
        return
    # Only the open tab is built: the list of a long article (7,500 rows) in a hidden tab
    # cost the browser seconds on every click elsewhere.
    chart_tab, list_tab = st.tabs(["Timeline", "Chronology list"], key=VIEW_TAB, on_change="rerun")
    if list_tab.open:
        with list_tab:
            chronology_list(visible, documents)
        return
    with chart_tab:
        if period is not None:
            whole_story_button(whole)
        chosen_here = selected is not None and st.session_state.get(CHART_PICK) == selected.id
        highlighted = selected.id if selected and not chosen_here else None
        expanded = st.session_state.get(EXPANDED, frozenset()) | (
            {group_key(selected)} if selected and highlighted else set())
        content = (tuple(visible), tuple(documents))
        whole_story = tuple(story) if story is not None and period is not None else None  # what the slider spans
        width = chart_width()
        fig = memo("figure", (content, highlighted, color_by, period, expanded, whole_story, width),
                   lambda: build_figure(visible, documents, selected=highlighted, color_by=color_by,  # type: ignore[arg-type]
                                        width=width, view=period, expanded=expanded, story=whole_story))
        fig.layout.uirevision = revision(period)
        st.plotly_chart(fig, key="chart", on_select=partial(on_chart_select, docs_by_event, select),
                        selection_mode="points", theme=None, width="stretch",
                        config={"displaylogo": False, "modeBarButtonsToRemove": ["select2d", "lasso2d"]})
        zoom_bridge(tuple(fig.layout.xaxis.range), period,  # type: ignore[arg-type]
                    partial(on_chart_zoom, partial(figure_axis, visible, period, expanded,
                                                   tuple(fig.layout.xaxis.range), whole_story), period, whole),
                    width)
        st.caption("Drag across the chart (or the slider under it) to zoom in: the labels are laid out "
                   "again for that period; double-click for the whole story. Grey squares on the axis zoom "
                   "to a cluster; a big dot opens its day's events. "
                   "Text description: " + for_markdown(memo("summary", content, lambda: summary(visible, documents))))


def memo(name: str, key: Hashable, make: Callable[[], T]) -> T:
    """The value last made for ``name`` in this session, if it was made from an equal ``key``.

    Most reruns change nothing the chart shows (a row chosen, a date clicked in the text); on a
    long article (7,500 events) laying the figure, its summary and the list out again cost a
    second of every click.
    """
    made: dict[str, tuple[Hashable, Any]] = st.session_state.setdefault(MEMO, {})
    if name in made and made[name][0] == key:
        return made[name][1]
    value = make()
    made[name] = (key, value)
    return value


def whole_story_button(whole: tuple[date, date]) -> None:
    st.button(f"Whole story ({whole[0]:%d %b %Y} – {whole[1]:%d %b %Y})", key="whole_story",
              on_click=zoom_to, args=(whole,), icon=":material/zoom_out_map:")


def chronology_list(visible: Sequence[Event], documents: Sequence[Document]) -> None:
    """One line per event, in date order, grouped by date; selectable text, and downloadable."""
    def make() -> tuple[str, str, str, str]:
        days = chronology(visible, documents)
        sources = sources_line(visible, documents)
        title = "Chronology"
        return list_csv(days), list_markdown(days, title, sources), list_html(days, title, sources), \
            list_table_html(days)

    as_csv, as_markdown, as_html, table = memo("list", (tuple(visible), tuple(documents)), make)
    cols = st.columns(3)
    cols[0].download_button("List (CSV)", data=as_csv, file_name="chronology.csv", mime="text/csv",
                            on_click="ignore", key="list_csv")
    cols[1].download_button("List (Markdown)", data=as_markdown, file_name="chronology.md",
                            mime="text/markdown", on_click="ignore", key="list_md")
    cols[2].download_button("List (HTML)", data=as_html, file_name="chronology.html",
                            mime="text/html", on_click="ignore", key="list_html")
    st.html(table)
