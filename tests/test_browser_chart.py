"""The chart in a real Chromium with several articles: no label collides, a zoom survives a click.

AppTest cannot see drawn geometry or drag a zoom box; this drives ``streamlit run``
with Playwright, as a journalist would, and measures the drawn SVG.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

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

MEASURE = """() => {
  const gd = document.querySelector('.js-plotly-plot');
  const svg = gd.querySelector('.main-svg').getBoundingClientRect();
  const s = gd._fullLayout._size;
  const plot = [svg.left + s.l, svg.top + s.t, svg.left + s.l + s.w, svg.top + s.t + s.h];
  const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const labels = [...gd.querySelectorAll('.cartesianlayer .scatterlayer .textpoint text')]
    .filter(t => t.textContent.trim() && !t.closest('.rangeslider-container')).map(box);
  const legend = gd.querySelector('.legend .bg');
  return {labels, plot, legend: legend ? box(legend) : null, range: gd._fullLayout.xaxis.range};
}"""


def intersect(a: list[float], b: list[float]) -> bool:
    return min(a[2], b[2]) - max(a[0], b[0]) > 0.5 and min(a[3], b[3]) - max(a[1], b[1]) > 0.5


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
    return page.evaluate(MEASURE)


def test_labels_of_several_articles_never_overlap_or_leave_the_plot(page) -> None:
    drawn = geometry(page)
    labels = drawn["labels"]
    assert len(labels) >= 9
    assert [(a, b) for i, a in enumerate(labels) for b in labels[i + 1:] if intersect(a, b)] == []
    plot, legend = drawn["plot"], drawn["legend"]
    assert all(plot[0] - 0.5 <= b[0] and b[2] <= plot[2] + 0.5 for b in labels)
    assert legend is None or not any(intersect(b, legend) for b in labels)


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
                           arg=before["range"])
    zoomed = geometry(page)["range"]
    click_point(page, CLICKED)
    page.wait_for_selector(".source-view mark.selected#selected")
    settle(page)
    time.sleep(0.5)  # let plotly finish redrawing after the rerun
    assert CLICKED in " ".join(page.locator(".source-view mark.selected").first.inner_text().split())
    after = geometry(page)["range"]
    assert after == pytest.approx(zoomed, rel=1e-6)


def test_nothing_needs_the_shared_corpora() -> None:
    assert not any("shared" in Path(p).parts for p in ARTICLES)
