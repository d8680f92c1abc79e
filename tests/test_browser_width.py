"""The app's chart is laid out for the width it is drawn at, in a narrow window and a wide one.

``st.plotly_chart`` stretches the figure to its column; laid out for one fixed width, the
labels of several articles overlapped in a narrow window (sidebar open) and the top lane sat
under the legend in a wide one. This opens a project of four short articles in Chromium at
two window widths (and resizes one), and measures the drawn page: no overlapping labels,
none past the plot's edges or under the legend, and no rerun once the chart is laid out.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.readability import (
    APP_CHART,
    MEASURE_JS,
    outside_plot,
    overlaps,
    quiet,
    under_legend,
)
from tests.test_browser import CHROMIUM, COLD_START_MS, browser, new_app_page  # noqa: F401 - fixtures
from tests.test_browser_projects import start_server
from timeline_app.ingest import document_from_text
from timeline_app.store import open_store

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} not found: browser tests need Debian's Chromium"),
]

# Four sources (four legend colours, and the keys for bars, hollow marks and big dots) with
# many events in one month: lanes and legend rows both depend on the width.
ARTICLES = (
    ("Harbour strike spreads\n\nMarch 9, 2012\n\nDockers at the north quay walked out on March 1, 2012. "
     "Crane drivers joined them on March 2, 2012. The port authority cancelled all sailings on March 3, 2012. "
     "Talks between the union and the owners broke down on March 5, 2012. "
     "The strike lasted from March 1 to March 9, 2012.", "Harbour Courier"),
    ("Owners answer the union\n\nMarch 8, 2012\n\nThe owners hired replacement crews on March 4, 2012. "
     "Pickets blocked the south gate on March 6, 2012. A judge ordered the gate reopened on March 7, 2012. "
     "In early 2011 the owners had frozen wages. Two tugboats left under escort on March 8, 2012.",
     "Shipping Weekly"),
    ("Mediator named\n\nMarch 12, 2012\n\nThe minister named a mediator on March 10, 2012. "
     "The first joint meeting was held on March 11, 2012. Dockers voted on the offer on March 12, 2012. "
     "The mediator said talks would resume on March 14, 2012. Crane drivers met on March 12, 2012.",
     "The Evening Ledger"),
    ("Port reopens\n\nMarch 20, 2012\n\nThe first ship in two weeks docked on March 15, 2012. "
     "Exports recovered by March 19, 2012. The union signed the deal on March 16, 2012. "
     "The owners promised a wage review in June 2012. The last strike at the port was in July 1998.",
     "Coastal Radio News"),
)
HEIGHT = 1100


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app on a project of the four articles (it opens on the last project used)."""
    data = tmp_path_factory.mktemp("data")
    store = open_store(data)
    store.remember(store.create("Harbour strike", [document_from_text(text, source=source)
                                                    for text, source in ARTICLES]))
    store.close()
    process, address = start_server(data)
    try:
        yield address
    finally:
        process.terminate()
        process.wait(timeout=30)


def open_app(browser, url: str, width: int):  # noqa: F811 - the fixture
    page = new_app_page(browser, {"width": width, "height": HEIGHT})
    page.set_default_timeout(60_000)
    page.goto(url, timeout=COLD_START_MS)
    page.wait_for_selector(f"{APP_CHART} .scatterlayer .textpoint text", state="attached", timeout=COLD_START_MS)
    quiet(page, calm_s=2.0)
    return page.context, page


def assert_readable(page) -> dict:
    drawn = page.evaluate(MEASURE_JS, APP_CHART)
    labels = drawn["labels"]
    assert len(labels) >= 12
    assert overlaps(labels) == 0
    assert under_legend(labels, drawn["legend"]) == 0
    assert outside_plot(labels, drawn["plot"]) == 0
    return drawn


def sidebar_px(page) -> float:
    box = page.locator('[data-testid="stSidebar"]').bounding_box()
    return box["width"] if box else 0.0


@pytest.mark.parametrize("width", [1000, 1900])
def test_labels_fit_the_chart_as_drawn_with_the_sidebar_open(browser, url: str, width: int) -> None:  # noqa: F811
    context, page = open_app(browser, url, width)
    try:
        assert sidebar_px(page) > 200  # the sidebar is open: the chart gets what is left
        drawn = assert_readable(page)
        plot_px = drawn["plot"][2] - drawn["plot"][0]
        assert plot_px < width - 300
        runs = page.evaluate("() => window.__scriptRuns")
        page.wait_for_timeout(2_000)
        assert page.evaluate("() => window.__scriptRuns") == runs  # laid out: nothing reruns on its own
    finally:
        context.close()


def test_a_window_made_narrower_lays_the_chart_out_again_once(browser, url: str) -> None:  # noqa: F811
    context, page = open_app(browser, url, 1900)
    try:
        wide = assert_readable(page)
        runs = page.evaluate("() => window.__scriptRuns")
        page.set_viewport_size({"width": 1100, "height": HEIGHT})
        page.wait_for_function("(n) => window.__scriptRuns > n", arg=runs)
        quiet(page, calm_s=2.0)
        assert page.evaluate("() => window.__scriptRuns") - runs == 1
        narrow = assert_readable(page)
        assert narrow["plot"][2] - narrow["plot"][0] < wide["plot"][2] - wide["plot"][0] - 500
    finally:
        context.close()


# Every control above the chart, whole: neither clipped by a box it sits in nor its text cut inside it.
CUT_CONTROLS_JS = """() => {
  const page = document.querySelector('[data-testid="stMain"]'), main = page.getBoundingClientRect();
  const controls = [...page.querySelectorAll(
      '[data-testid="stButtonGroup"] button, [data-testid="stDateInputFieldsScroller"], [data-testid="stTextInput"] input,'
      + ' [data-testid="stPopover"] button, [data-testid="stPopover"] button p, [data-testid="stMultiSelect"], [data-testid="stCheckbox"] label')]
    .filter((el) => el.checkVisibility({opacityProperty: true, visibilityProperty: true}));
  const cut = [];
  for (const el of controls) {
    const r = el.getBoundingClientRect();
    if (!r.width) continue;
    let why = el.scrollWidth > el.clientWidth + 1 ? 'text cut' : (r.right > main.right + 1 ? 'off the page' : '');
    for (let a = el.parentElement; a && !why && a.dataset.testid !== 'stMain'; a = a.parentElement) {
      const box = a.getBoundingClientRect();
      if (getComputedStyle(a).overflowX !== 'visible' && (r.right > box.right + 1 || r.left < box.left - 1)) why = 'clipped';
    }
    if (why) cut.push([el.getAttribute('aria-label') || el.innerText || el.value, why]);
  }
  return cut;
}"""


@pytest.mark.parametrize("width", [1000, 1280, 1900])
def test_no_control_above_the_chart_is_cut(browser, url: str, width: int) -> None:  # noqa: F811
    # At 1,280 px (sidebar open) fixed columns clipped the "Approximate" chip and the period's
    # second date; at 1,000 px the Export button too.
    context, page = open_app(browser, url, width)
    try:
        assert page.locator('[data-testid="stButtonGroup"] button').count() == 3  # the certainty chips are there
        assert page.evaluate(CUT_CONTROLS_JS) == []
    finally:
        context.close()
