"""A correction made in a real Chromium survives killing the server: a new server on the same data directory
opens on the project and draws the corrected label. A project of two articles that disagree on a date is drawn
with the conflict cross on the happening's lane, at the other date."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright
from tests.test_browser import (CHROMIUM, CHROMIUM_ARGS, COLD_START_MS, POINTS, VIEWPORT, _free_port, _wait_healthy,
                                laid_out, new_app_page, settle)

from timeline_app.ingest import document_from_text
from timeline_app.store import open_store

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ("Port strike ends\n\nMarch 3, 2012\n\nDockers went back to work on Thursday after a ten-day strike. "
           "Talks had resumed on Monday, officials said.")
NEW_LABEL = "Dockers back at work"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} not found: browser tests need Debian's Chromium"),
]


def start_server(data: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = _free_port()
    command = [sys.executable, "-m", "streamlit", "run", str(ROOT / "timeline_app" / "app.py"),
               "--server.headless", "true", "--server.port", str(port), "--server.address", "127.0.0.1",
               "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env={**os.environ, "TIMELINE_APP_DATA_DIR": str(data)})
    url = f"http://127.0.0.1:{port}"
    _wait_healthy(url, process)
    return process, url


@pytest.fixture
def browser() -> Iterator[object]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def open_page(browser, url: str):
    page = new_app_page(browser, VIEWPORT)
    page.goto(url, timeout=COLD_START_MS)
    page.wait_for_selector(POINTS, state="attached", timeout=COLD_START_MS)
    laid_out(page)
    return page


def chart_labels(page) -> list[str]:
    return page.evaluate("() => [...document.querySelectorAll('.scatterlayer .textpoint text')]"
                         ".map(t => t.textContent)")


def test_a_correction_survives_a_server_killed_and_restarted(browser, tmp_path: Path) -> None:
    data = tmp_path / "data"
    process, url = start_server(data)
    try:
        page = open_page(browser, url)  # the example
        box = page.get_by_label("…or paste an article")
        box.fill(ARTICLE)
        box.press("Control+Enter")
        page.wait_for_function("() => [...document.querySelectorAll('.scatterlayer .textpoint text')]"
                               ".some(t => t.textContent.includes('Dockers went back'))")  # after its date
        settle(page)
        page.locator(".source-view mark.timex", has_text="Thursday").first.click()
        page.wait_for_function("() => document.querySelector('#selected')?.textContent.includes('Thursday')")
        settle(page)
        page.get_by_text("Correct this event").click()
        form = page.get_by_test_id("stForm")
        form.get_by_label("What happened").fill(NEW_LABEL)
        form.get_by_role("button", name="Save correction").click()
        page.wait_for_function("(label) => [...document.querySelectorAll('.scatterlayer .textpoint text')]"
                               ".some(t => t.textContent.includes(label))", arg=NEW_LABEL)
        assert "Saved in “Port strike ends”" in page.locator('[data-testid="stSidebar"]').inner_text()
    finally:
        process.send_signal(signal.SIGKILL)  # no clean shutdown: what was shown as saved must be on disk
        process.wait(timeout=10)
    (project,) = open_store(data).projects()
    assert project.name == "Port strike ends"
    process, url = start_server(data)
    try:
        page = open_page(browser, url)  # a new session: it opens on the last project
        assert any(NEW_LABEL in label for label in chart_labels(page))
        assert "Port strike ends" in page.locator('[data-testid="stSidebar"]').inner_text()
    finally:
        process.terminate()
        process.wait(timeout=10)


# "The next day" after 2 March is 3 March in one article; "on Tuesday" is 2 March in the two others, so the
# resignation is drawn at 2 March with a cross at 3 March: its label must start past the cross.
HARBOUR = ("Storm floods Portmere\n\nMarch 5, 2021\n\nA storm flooded the harbour of Portmere on 2 March. The next "
           "day, the harbour master resigned over the flooding.")
COUNCIL = ("Council statement\n\nMarch 5, 2021\n\nCouncil officials said the harbour master resigned over the "
           "flooding on Tuesday. A storm flooded the harbour of Portmere on 2 March.")
QUAY = ("Quay news\n\nMarch 5, 2021\n\nThe harbour master of Portmere resigned over the flooding on Tuesday, "
        "the quay association said.")
# Every conflict cross, every label (its box and text) and every event's dot, as drawn.
DRAWN = """() => {
  const box = (el) => { const r = el.getBoundingClientRect(); return {x: r.x + r.width / 2, y: r.y + r.height / 2,
                                                                      left: r.left, right: r.right, top: r.top,
                                                                      bottom: r.bottom, w: r.width, h: r.height}; };
  const traces = [...document.querySelectorAll('.scatterlayer .trace')]
    .filter(g => !g.closest('.rangeslider-container'));  // the range slider draws a copy of every trace
  const crosses = traces.filter(g => g.__data__?.[0]?.trace?.name === 'Disputed date')
    .flatMap(g => [...g.querySelectorAll('.points path.point')])
    .map(p => ({...box(p), stroke: getComputedStyle(p).stroke}));
  const texts = traces.flatMap(g => [...g.querySelectorAll('.text .textpoint')])
    .filter(t => t.textContent).map(t => ({...box(t), text: t.textContent}));
  const dots = traces.filter(g => !g.__data__?.[0]?.trace?.name?.startsWith('Disputed'))
    .flatMap(g => [...g.querySelectorAll('.points path.point')]).map(box);
  return {crosses, texts, dots};
}"""


def test_a_conflict_is_drawn_as_a_cross_at_the_other_date_on_the_happenings_lane(browser, tmp_path: Path) -> None:
    data = tmp_path / "data"
    open_store(data).create("Portmere", [document_from_text(t) for t in (HARBOUR, COUNCIL, QUAY)])
    process, url = start_server(data)
    try:
        page = open_page(browser, url)  # it opens on the project
        drawn = page.evaluate(DRAWN)
    finally:
        process.terminate()
        process.wait(timeout=10)
    (label,) = [t for t in drawn["texts"] if "2 Mar 2021 (⚠ or 3 Mar 2021) The harbour master" in t["text"]]
    (storm,) = [t for t in drawn["texts"] if "A storm flooded the harbour" in t["text"]]
    (cross,) = drawn["crosses"]  # one happening in dispute, one other date
    assert cross["w"] > 5 and cross["h"] > 5 and cross["stroke"] == "rgb(196, 0, 26)"
    assert abs(cross["y"] - label["y"]) < 3  # on the happening's lane
    (storm_dot,) = [d for d in drawn["dots"] if abs(d["y"] - storm["y"]) < 3 and d["right"] <= storm["left"]]
    assert [d for d in drawn["dots"] if abs(d["y"] - label["y"]) < 3 and abs(d["x"] - storm_dot["x"]) < 2]  # 2 March
    assert cross["x"] > storm_dot["x"] + 10  # 3 March, a day later
    assert cross["right"] <= label["left"]  # the label starts past the cross
    for text in drawn["texts"]:  # no cross on any label
        assert (cross["right"] <= text["left"] or cross["left"] >= text["right"] or cross["bottom"] <= text["top"]
                or cross["top"] >= text["bottom"]), text["text"]
