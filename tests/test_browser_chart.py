"""The chart in a real Chromium with several articles: no label collides, a zoom survives a click.

AppTest cannot see drawn geometry or drag a zoom box; this drives ``streamlit run``
with Playwright, as a journalist would, and measures the drawn SVG.
"""

from __future__ import annotations

import time

import pytest

from benchmarks.readability import MEASURE_JS, cut, overlaps
from tests.test_browser import CHROMIUM, COLD_START_MS, POINTS, browser, click_point, server, settle  # noqa: F401 - fixtures

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

@pytest.fixture(scope="module")
def page(browser, server: str, tmp_path_factory: pytest.TempPathFactory):  # noqa: F811 - fixtures
    folder = tmp_path_factory.mktemp("articles")
    paths = []
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
        paths.append(str(folder / name))
    context = browser.new_context(viewport={"width": 1440, "height": 1100})
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.goto(server, timeout=COLD_START_MS)
    page.wait_for_selector(POINTS, state="attached", timeout=COLD_START_MS)
    settle(page)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').first.set_input_files(paths)
    page.wait_for_function("() => [...document.querySelectorAll('.scatterlayer .textpoint text')]"
                           ".some(t => t.textContent.includes('verdict'))", timeout=60_000)
    settle(page)
    yield page
    context.close()


def geometry(page) -> dict:
    """The drawn chart's label boxes, plot area, legend box and x range (the benchmark's own measure)."""
    return page.evaluate(MEASURE_JS)


def test_labels_of_several_articles_never_overlap_or_leave_the_plot(page) -> None:
    drawn = geometry(page)
    labels = drawn["labels"]
    assert len(labels) >= 9
    assert overlaps(labels) == 0
    assert cut(labels, drawn["plot"], drawn["legend"]) == 0


def test_a_zoom_survives_clicking_an_event_and_its_sentence_is_marked(page) -> None:
    before = geometry(page)
    plot = before["plot"]
    label = page.locator(".scatterlayer .textpoint text", has_text=CLICKED).first.bounding_box()
    # drag a zoom box around the clicked event's dot, in plot coordinates
    x = label["x"] - 8
    y = (plot[1] + plot[3]) / 2
    page.mouse.move(max(plot[0] + 2, x - 120), y)
    page.mouse.down()
    page.mouse.move(min(plot[2] - 2, x + 160), y + 4, steps=8)
    page.mouse.up()
    page.wait_for_function("(old) => { const r = document.querySelector('.js-plotly-plot')._fullLayout.xaxis.range;"
                           " return Math.abs(r[0] - old[0]) > 1e-6 || Math.abs(r[1] - old[1]) > 1e-6; }",
                           arg=before["x"]["range"])
    zoomed = geometry(page)["x"]["range"]
    # Plotly counts a mouse-down within doubleClickDelay of the drag's as a double click, which
    # resets the zoom and selects nothing: click as a person would, after that window
    time.sleep(page.evaluate("() => document.querySelector('.js-plotly-plot')._context.doubleClickDelay") / 1000 + 0.2)
    click_point(page, CLICKED)
    page.wait_for_selector(".source-view mark.selected#selected")
    settle(page)
    time.sleep(0.5)  # let plotly finish redrawing after the rerun
    assert CLICKED in " ".join(page.locator(".source-view mark.selected").first.inner_text().split())
    after = geometry(page)["x"]["range"]
    assert after == pytest.approx(zoomed, rel=1e-6)


def test_a_date_in_the_text_is_reached_and_chosen_by_keyboard(page) -> None:
    date = page.locator(".source-view mark.timex", has_text="Dec. 18").first
    assert date.get_attribute("tabindex") == "0" and date.get_attribute("role") == "button"
    date.focus()
    assert page.evaluate("() => document.activeElement.textContent") == "Dec. 18, 2011"
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('#selected')?.textContent.includes('calm')")
    settle(page)
