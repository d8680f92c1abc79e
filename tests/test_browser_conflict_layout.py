"""A disputed happening near the chart's right edge, drawn in Chromium: its label, turned left from its
leftmost date, and its conflict cross get the room they really take (no label off the plot, none over
another label or a cross), measured from the drawn page."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.test_browser import CHROMIUM, browser  # noqa: F401 - fixture
from tests.test_browser_projects import DRAWN
from timeline_app.figure import build_figure
from timeline_app.model import Event

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} not found: browser tests need Debian's Chromium"),
]


def event(n: int, day: int, label: str, other: int | None = None) -> Event:
    """One event on ``day`` March 2021; with ``other``, two articles give it that other day too."""
    disputed = ((date(2021, 3, other), date(2021, 3, other), "day"),) if other else ()
    return Event(f"d{n}:0", f"d{n}", date(2021, 3, day), date(2021, 3, day), "day", label, 0, 0, 0, "explicit", "",
                 reported_by=(f"d{n}", "x") if other else (), disputed=disputed)


# The 7 March happening is given as 9 March by another article: its cross is the last thing on the axis.
# While the layout measured its label's room from the cross (9 March) instead of its dot (7 March), where
# a label turned left is drawn from, that label ran off the plot at 1100 px.
EVENTS = [
    event(1, 2, "Council"),
    event(2, 5, "Resigned gates quay council resigned harbour"),
    event(3, 1, "Storm quay wall resigned quay"),
    event(4, 7, "Flood master", other=9),
]
PLOT = """() => { const r = document.querySelector('.js-plotly-plot .nsewdrag').getBoundingClientRect();
                  return [r.left, r.right]; }"""


def drawn(browser, tmp_path: Path, width: int) -> tuple[dict, list[float]]:  # noqa: F811 - fixture
    page_file = tmp_path / f"chart-{width}.html"
    page_file.write_text(build_figure(EVENTS, width=width).to_html(include_plotlyjs=True), encoding="utf-8")
    page = browser.new_page(viewport={"width": width + 40, "height": 900})
    try:
        page.goto(page_file.as_uri())
        page.wait_for_selector(".scatterlayer .textpoint text")
        return page.evaluate(DRAWN), page.evaluate(PLOT)
    finally:
        page.close()


def apart(a: dict, b: dict) -> bool:
    return a["right"] <= b["left"] or b["right"] <= a["left"] or a["bottom"] <= b["top"] or b["bottom"] <= a["top"]


@pytest.mark.parametrize("width", [1100, 800])
def test_a_disputed_label_turned_left_and_its_cross_get_their_true_room(browser, tmp_path: Path,  # noqa: F811
                                                                         width: int) -> None:
    shapes, (left, right) = drawn(browser, tmp_path, width)
    texts, crosses = shapes["texts"], shapes["crosses"]
    assert len(texts) == len(EVENTS) and len(crosses) == 1
    (disputed,) = [t for t in texts if "Flood master" in t["text"]]
    (cross,) = crosses
    assert abs(cross["y"] - disputed["y"]) < 3
    assert disputed["right"] <= cross["left"] or cross["right"] <= disputed["left"]  # drawn past its cross
    for text in texts:
        assert left - 0.5 <= text["left"] and text["right"] <= right + 0.5, text["text"]  # never off the plot
        assert all(apart(text, other) for other in texts if other is not text), text["text"]
        assert all(apart(text, cross) for cross in crosses), text["text"]
    assert all(left <= c["left"] and c["right"] <= right for c in crosses)
