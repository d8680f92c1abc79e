"""The chart in a real Chromium with several articles: no label collides; a drag zoom drills down and survives.

AppTest cannot see drawn geometry or drag a zoom box; this drives ``streamlit run``
with Playwright, as a journalist would, and measures the drawn SVG.
"""

from __future__ import annotations

import re
import time
from datetime import date, datetime, timedelta

import pytest

from benchmarks.readability import MEASURE_JS, cut, overlaps
from tests.test_browser import (  # noqa: F401 - fixtures
    CHROMIUM,
    COLD_START_MS,
    POINTS,
    ROW_PX,
    browser,
    click_point,
    laid_out,
    new_app_page,
    server,
    settle,
)
from timeline_app.ingest import read_document
from timeline_app.pipeline import extract_document

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} not found: browser tests need Debian's Chromium"),
]

ARTICLES = {
    "strike.txt": ("Oil strike spreads\n\nMay 20, 2011\n\nOil workers in Zhanaozen began a strike on May 16, 2011. "
                   "Managers fired 400 strikers on May 18, 2011. Talks with the unions failed on May 19, 2011."),
    "clashes.txt": ("Clashes in the oil town\n\nDecember 18, 2011\n\nPolice clashed with strikers on Dec. 16, 2011. "
                    "A curfew was imposed on Dec. 17, 2011. Officials said the town was calm on Dec. 18, 2011."),
    "trial.txt": ("Officers on trial\n\nMarch 28, 2012\n\nThe trial of five officers opened on March 27, 2012. "
                  "Prosecutors said the shooting on December 16, 2011 broke the law. "
                  "A verdict is expected on June 4, 2012. The country marked independence on December 16, 1991."),
}
CLICKED = "A curfew was imposed"
CHART = ".st-key-chart .js-plotly-plot"

@pytest.fixture(scope="module")
def page(browser, server: str, tmp_path_factory: pytest.TempPathFactory):  # noqa: F811 - fixtures
    folder = tmp_path_factory.mktemp("articles")
    paths = []
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
        paths.append(str(folder / name))
    page = new_app_page(browser, {"width": 1440, "height": 1100})
    page.goto(server, timeout=COLD_START_MS)
    page.wait_for_selector(POINTS, state="attached", timeout=COLD_START_MS)
    laid_out(page)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').first.set_input_files(paths)
    page.wait_for_function("() => [...document.querySelectorAll('.scatterlayer .textpoint text')]"
                           ".some(t => t.textContent.includes('verdict'))", timeout=60_000)
    laid_out(page)
    yield page
    page.context.close()


def geometry(page) -> dict:
    """The drawn chart's label boxes, plot area, legend box and x range (the benchmark's own measure)."""
    return page.evaluate(MEASURE_JS)


def test_labels_of_several_articles_never_overlap_or_leave_the_plot(page) -> None:
    drawn = geometry(page)
    labels = drawn["labels"]
    assert len(labels) >= 9
    assert overlaps(labels) == 0
    assert cut(labels, drawn["plot"], drawn["legend"]) == 0


def drawn_zoom(page) -> str:
    """The drawn figure's revision: "timeline:None" for the whole story, else the zoomed period."""
    return page.evaluate(f"() => document.querySelector({CHART!r}).layout.uirevision")


def period_of(revision: str) -> tuple[date, date]:
    first, last = (date(*map(int, m)) for m in re.findall(r"date\((\d+), (\d+), (\d+)\)", revision))
    return first, last


def label_day(text: str) -> date:
    """The day a label starts with ("17 Dec 2011 A curfew…"): every label is dated."""
    found = re.match(r"(\d{1,2}) (\w{3}) (\d{4})", text)
    assert found, f"undated label {text!r}"
    return datetime.strptime(" ".join(found.groups()), "%d %b %Y").date()


def marks_in(period: tuple[date, date]) -> int:
    """How many marks the chart should label in ``period``: events of one day of one article are one."""
    days = {(name, e.start.isoformat()) for name, text in ARTICLES.items()
            for e in extract_document(read_document(text.encode(), name)).events
            if period[0] <= e.start <= period[1]}
    return len(days)


def wait_redrawn(page, revision: str) -> None:
    page.wait_for_function(f"(r) => document.querySelector({CHART!r})?.layout?.uirevision === r", arg=revision)
    settle(page)
    time.sleep(0.5)  # let plotly finish drawing after the rerun


def test_a_drag_zoom_lays_labels_out_again_and_survives_a_click_and_a_table_row(page) -> None:
    """Drill down with the gesture a journalist uses (drag a box across the chart): the app zooms to
    that period and lays its labels out again; choosing an event on the chart or in the table keeps
    the zoom; a double click goes back to the whole story."""
    before = geometry(page)
    assert drawn_zoom(page) == "timeline:None"
    plot = before["plot"]
    label = page.locator(".scatterlayer .textpoint text", has_text=CLICKED).first.bounding_box()
    x = label["x"] - 8  # the clicked event's dot, left of its label
    y = (plot[1] + plot[3]) / 2
    page.mouse.move(max(plot[0] + 2, x - 60), y)
    page.mouse.down()
    page.mouse.move(min(plot[2] - 2, x + 80), y + 4, steps=8)
    page.mouse.up()
    page.wait_for_function(f"() => document.querySelector({CHART!r}).layout.uirevision !== 'timeline:None'")
    revision = drawn_zoom(page)
    wait_redrawn(page, revision)
    period = period_of(revision)
    assert period[0] <= date(2011, 12, 17) <= period[1] and period[1] - period[0] < timedelta(days=60)
    zoomed = geometry(page)
    labels = zoomed["labels"]
    assert overlaps(labels) == 0 and cut(labels, zoomed["plot"], zoomed["legend"]) == 0
    texts = [box[4] for box in labels]
    assert all(period[0] <= label_day(t) <= period[1] for t in texts)  # laid out for the zoomed period
    assert len(texts) == marks_in(period)  # every mark of the period labelled, none left from the whole
    # Plotly counts a mouse-down within doubleClickDelay of the drag's as a double click: click after it
    time.sleep(page.evaluate(f"() => document.querySelector({CHART!r})._context.doubleClickDelay") / 1000 + 0.2)
    click_point(page, CLICKED)
    page.wait_for_selector(".source-view mark.selected#selected")
    settle(page)
    time.sleep(0.5)
    assert CLICKED in " ".join(page.locator(".source-view mark.selected").first.inner_text().split())
    assert drawn_zoom(page) == revision
    assert geometry(page)["x"]["range"] == pytest.approx(zoomed["x"]["range"], rel=1e-6)
    # a row chosen in the table redraws the chart (its bold highlight) at the same zoom
    row = page.locator('[data-testid="stDataFrame"] table tr', has_text="Police clashed").first
    index = int(row.get_attribute("aria-rowindex"))  # 1 is the header
    grid = page.locator('[data-testid="stDataFrame"]').bounding_box()
    page.mouse.click(grid["x"] + 18, grid["y"] + (index - 1) * ROW_PX + ROW_PX / 2)
    page.wait_for_function("() => document.querySelector('#selected')?.textContent.startsWith('Police clashed')")
    wait_redrawn(page, revision)
    assert geometry(page)["x"]["range"] == pytest.approx(zoomed["x"]["range"], rel=1e-6)
    # a double click on the plot: the whole story again, every label back
    middle = ((plot[0] + plot[2]) / 2, (plot[1] + plot[3]) / 2)
    page.mouse.dblclick(*middle)
    wait_redrawn(page, "timeline:None")
    assert len(geometry(page)["labels"]) == len(before["labels"])


def test_the_range_slider_drills_down_too(page) -> None:
    """Dragging the slider's right handle in: the same drill-down as a drag zoom (labels of the
    period, none overlapping), then a double click back to the whole story."""
    assert drawn_zoom(page) == "timeline:None"
    before = geometry(page)
    handle = page.locator(f"{CHART} .rangeslider-grabber-max").first.bounding_box()
    x, y = handle["x"] + handle["width"] / 2, handle["y"] + handle["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x - (before["plot"][2] - before["plot"][0]) * 0.6, y, steps=10)
    page.mouse.up()
    page.wait_for_function(f"() => document.querySelector({CHART!r}).layout.uirevision !== 'timeline:None'")
    revision = drawn_zoom(page)
    wait_redrawn(page, revision)
    period = period_of(revision)
    zoomed = geometry(page)
    texts = [box[4] for box in zoomed["labels"]]
    assert overlaps(zoomed["labels"]) == 0 and cut(zoomed["labels"], zoomed["plot"], zoomed["legend"]) == 0
    assert texts and all(period[0] <= label_day(t) <= period[1] for t in texts)
    assert len(texts) == marks_in(period) < len(before["labels"])
    plot = zoomed["plot"]
    page.mouse.dblclick((plot[0] + plot[2]) / 2, (plot[1] + plot[3]) / 2)
    wait_redrawn(page, "timeline:None")


def slider_geometry(page) -> dict:
    """The range slider as drawn: its track and both handles (screen x), and the ranges it and the plot span."""
    return page.evaluate(f"""() => {{
        const chart = document.querySelector({CHART!r});
        const box = (sel) => chart.querySelector(sel).getBoundingClientRect();
        const track = box('.rangeslider-bg'), low = box('.rangeslider-grabber-min'),
              high = box('.rangeslider-grabber-max');
        return {{track: [track.left, track.right], low: (low.left + low.right) / 2,
                 high: (high.left + high.right) / 2, slider: chart.layout.xaxis.rangeslider.range,
                 plot: chart._fullLayout.xaxis.range}};
    }}""")


def handle_y(page) -> float:
    box = page.locator(f"{CHART} .rangeslider-grabber-max").first.bounding_box()
    return box["y"] + box["height"] / 2


def test_after_a_zoom_the_range_slider_still_spans_the_whole_story_and_zooms_back_out(page) -> None:
    """Zoom with the slider's right handle: the plot shows the period, while the slider still shows the
    whole story with its handles around the period; dragging the handle back out is the whole story again."""
    assert drawn_zoom(page) == "timeline:None"
    before = geometry(page)
    whole = slider_geometry(page)
    width = whole["track"][1] - whole["track"][0]
    assert whole["high"] == pytest.approx(whole["track"][1], abs=8) and whole["low"] == pytest.approx(
        whole["track"][0], abs=8)
    y = handle_y(page)
    page.mouse.move(whole["high"], y)
    page.mouse.down()
    page.mouse.move(whole["high"] - width * 0.6, y, steps=10)
    page.mouse.up()
    page.wait_for_function(f"() => document.querySelector({CHART!r}).layout.uirevision !== 'timeline:None'")
    revision = drawn_zoom(page)
    wait_redrawn(page, revision)
    zoomed = slider_geometry(page)
    assert zoomed["track"] == pytest.approx(whole["track"], abs=1)  # the same slider, the whole story
    assert zoomed["slider"][1] > zoomed["plot"][1] and zoomed["slider"][0] <= zoomed["plot"][0]
    # The handles frame the period, not the slider's ends: the right one stays about where it was let go.
    assert zoomed["low"] == pytest.approx(whole["track"][0], abs=8)
    assert zoomed["high"] < whole["track"][1] - width * 0.3
    assert len(geometry(page)["labels"]) < len(before["labels"])
    # Drag the right handle back out to the slider's end: the whole story, every label back.
    y = handle_y(page)  # the zoomed chart may be shorter: fewer lanes
    page.mouse.move(zoomed["high"], y)
    page.mouse.down()
    page.mouse.move(whole["track"][1] + 40, y, steps=10)
    page.mouse.up()
    wait_redrawn(page, "timeline:None")
    assert len(geometry(page)["labels"]) == len(before["labels"])
    back = slider_geometry(page)
    assert back["high"] == pytest.approx(back["track"][1], abs=8)


def test_the_chronology_list_is_built_when_its_tab_is_opened_and_the_zoom_outlives_it(page) -> None:
    assert page.locator("table.chronology").count() == 0  # a hidden list cost the browser seconds per click
    page.get_by_role("tab", name="Chronology list").click()
    page.wait_for_selector("table.chronology")
    settle(page)
    assert page.locator("table.chronology tr.day").count() >= 8
    page.get_by_role("tab", name="Timeline").click()
    page.wait_for_selector(f"{CHART} .scatterlayer .textpoint text")
    settle(page)
    assert drawn_zoom(page) == "timeline:None"


def test_a_date_in_the_text_is_reached_and_chosen_by_keyboard(page) -> None:
    """Whatever article and event earlier tests left shown: the last full date outside the selected
    sentence is a button reached by focus and chosen with Enter."""
    date_mark = page.locator(".source-view mark.timex:not(mark.selected mark.timex)",
                             has_text=re.compile(r"\d{4}")).last
    assert date_mark.get_attribute("tabindex") == "0" and date_mark.get_attribute("role") == "button"
    expression, text = date_mark.get_attribute("data-expr"), date_mark.inner_text()
    date_mark.focus()
    assert page.evaluate("() => document.activeElement.textContent") == text
    page.keyboard.press("Enter")
    page.wait_for_function("(e) => document.querySelector('#selected')?.querySelector(`mark.timex[data-expr='${e}']`)",
                           arg=expression)
    settle(page)
