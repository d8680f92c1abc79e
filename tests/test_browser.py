"""The app in a real Chromium: clicking the chart or a date in the text, hostile pastes, speed, screenshot.

AppTest cannot click a Plotly point, run the scroll script or execute article
markup; these tests do, against ``streamlit run`` as a journalist would start it.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from benchmarks.readability import RUNS_JS, quiet

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
# The README's screenshot is redrawn only on request, so a test run never dirties the checkout:
# TIMELINE_APP_SCREENSHOT=1 pytest tests/test_browser.py -k clicking_a_chart_point
SCREENSHOT = ROOT / "docs" / "screenshot.png"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync", "--disable-quic"]
VIEWPORT = {"width": 1600, "height": 1250}
POINTS = ".scatterlayer .trace .points path"
ROW_PX = 35  # Streamlit's data grid row height
COLD_START_MS = 90_000  # first load: server imports, Streamlit's front end, plotly.js; slow on a busy 2-core box
VILLAGE = "Another person died in clashes in a nearby village"
VILLAGE_SENTENCE = ("Officially, 16 people were killed on that day and another person died in clashes in a nearby "
                    "village the following day.")
WEDNESDAY_SENTENCE = ("U.S.-based and local human rights groups called on Wednesday for the release of opposition "
                      "activists and a newspaper editor detained this week.")
HOSTILE = ("Hostile page\n\nJanuary 26, 2012\n\n<script>window.__xss=1</script> Police detained him on Dec. 16 "
           '<img src=x onerror="window.__xss=1">. He was freed the following day.')
MAX_INPUT_TO_CHART_S = 2.0

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} not found: browser tests need Debian's Chromium"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(url: str, process: subprocess.Popen[bytes], timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"streamlit did not answer at {url} within {timeout_s} s")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``streamlit run`` as the README says, on a free port, with its own empty project store
    (the app reopens the last project: a test must neither see nor leave one); stopped after the module."""
    port = _free_port()
    data = tmp_path_factory.mktemp("store")
    command = [sys.executable, "-m", "streamlit", "run", str(ROOT / "timeline_app" / "app.py"),
               "--server.headless", "true", "--server.port", str(port), "--server.address", "127.0.0.1",
               "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env={**os.environ, "PYTHONUNBUFFERED": "1", "TIMELINE_APP_DATA_DIR": str(data)})
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, process)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def page(browser, server: str):
    """One session for the module, opened on the sample article with its chart drawn.

    Loading Streamlit's front end is the slow part, so the tests share the page; each
    selects a different event, so none depends on what an earlier one left behind.
    """
    page = new_app_page(browser, VIEWPORT)
    started = time.monotonic()
    page.goto(server, timeout=COLD_START_MS)
    page.wait_for_selector(POINTS, state="attached", timeout=COLD_START_MS)
    print(f"\nfirst page load to drawn chart (cold server, Streamlit front end): {time.monotonic() - started:.1f} s")
    laid_out(page)
    yield page
    page.context.close()


def settle(page) -> None:
    """Wait until Streamlit has finished its script run (the page is then stable)."""
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', state="attached")


def new_app_page(browser, viewport: dict[str, int]):
    """A page in a new context that counts the app's script runs (for :func:`laid_out`)."""
    page = browser.new_context(viewport=viewport).new_page()
    page.set_default_timeout(30_000)
    page.add_init_script(RUNS_JS)
    return page


def laid_out(page) -> None:
    """Wait until the chart is laid out for its drawn width: the first draw is laid out for a
    default width, and the browser's width report then reruns the script once. A click before
    that rerun can land on the chart it replaces."""
    quiet(page, calm_s=1.5)


def click_point(page, label: str) -> None:
    """Click the chart dot whose label is ``label``: dots and labels share an index within a trace."""
    index = page.evaluate("""(label) => {
        const traces = [...document.querySelectorAll('.scatterlayer .trace')];
        for (const trace of traces) {
            const texts = [...trace.querySelectorAll('.textpoint text')].map(t => t.textContent);
            const i = texts.findIndex(t => t.includes(label.slice(0, 30)));  // labels start with their date
            if (i >= 0) return [traces.indexOf(trace), i];
        }
        return null;
    }""", label)
    assert index is not None, f"no chart point labelled {label!r}"
    trace, point = index
    box = page.locator(".scatterlayer .trace").nth(trace).locator(".points path").nth(point).bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def wait_scrolled_into_view(page) -> None:
    """The scroll script moved the text box (not the page) so the selected sentence is visible."""
    page.wait_for_function("""() => {
        const text = document.querySelector('.source-view .source-text');
        const box = text.getBoundingClientRect();
        const mark = document.querySelector('#selected').getBoundingClientRect();
        return text.scrollTop > 0 && mark.top >= box.top && mark.bottom <= box.bottom;
    }""", timeout=10_000)


def selected_sentence(page) -> str:
    return " ".join(page.locator(".source-view mark.selected").first.inner_text().split())


def test_clicking_a_chart_point_marks_its_sentence_and_scrolls_to_it(page, tmp_path: Path) -> None:
    click_point(page, VILLAGE)
    page.wait_for_selector(".source-view mark.selected#selected")
    settle(page)
    assert selected_sentence(page) == VILLAGE_SENTENCE
    why = page.locator(".source-view .why").inner_text()
    assert "the following day: 17 Dec 2011, 1 day after 'Dec. 16' (16 Dec 2011)" in why
    wait_scrolled_into_view(page)
    page.mouse.move(5, VIEWPORT["height"] - 5)  # no hover card or chart toolbar in the picture
    page.wait_for_timeout(600)  # let the smooth scroll finish before the picture
    picture = SCREENSHOT if os.environ.get("TIMELINE_APP_SCREENSHOT") else tmp_path / "screenshot.png"
    page.screenshot(path=str(picture))
    assert picture.stat().st_size > 10_000  # a drawn page, not a blank one


def test_clicking_a_date_in_the_text_selects_its_event(page) -> None:
    page.locator(".source-view mark.timex", has_text="Wednesday").first.click()
    page.wait_for_function("() => document.querySelector('#selected')?.textContent.includes('Wednesday')")
    settle(page)
    assert selected_sentence(page) == WEDNESDAY_SENTENCE
    assert "Wednesday: 25 Jan 2012" in page.locator(".source-view .why").inner_text()
    wait_scrolled_into_view(page)


def test_clicking_a_table_row_selects_its_event(page) -> None:
    """The grid is a canvas: find the row in its accessible copy, then click that row's checkbox."""
    row = page.locator('[data-testid="stDataFrame"] table tr', has_text="The riots broke out").first
    index = int(row.get_attribute("aria-rowindex"))  # 1 is the header
    grid = page.locator('[data-testid="stDataFrame"]').bounding_box()
    page.mouse.click(grid["x"] + 18, grid["y"] + (index - 1) * ROW_PX + ROW_PX / 2)
    page.wait_for_function("() => document.querySelector('#selected')?.textContent.startsWith('The riots broke out')")
    settle(page)
    assert "The riots broke out" in page.locator(".source-view .why").inner_text()
    wait_scrolled_into_view(page)


def paste(page, text: str, marker: str) -> float:
    """Paste ``text`` as the article; seconds from committing it to a chart showing ``marker``."""
    box = page.get_by_label("…or paste an article")
    box.fill(text)
    started = time.monotonic()
    box.press("Control+Enter")  # Streamlit commits a text area on Ctrl+Enter or blur
    page.wait_for_function("(marker) => [...document.querySelectorAll('.scatterlayer .textpoint text')]"
                           ".some(t => t.textContent.includes(marker))", arg=marker, polling="raf")
    elapsed = time.monotonic() - started
    settle(page)
    return elapsed


def test_a_hostile_paste_stays_text_and_the_chart_follows_within_two_seconds(page) -> None:
    timings = [paste(page, HOSTILE, "freed")]
    assert page.evaluate("() => window.__xss") is None
    assert page.locator(".source-view script, .source-view img").count() == 0
    text = page.locator(".source-view .source-text").inner_text()
    assert "<script>window.__xss=1</script>" in text and '<img src=x onerror="window.__xss=1">' in text
    # Other processes can stall a shared machine for a moment: the best of three
    # fresh (uncached) articles is the app's speed, and it must still be quick.
    for n in range(2):
        if min(timings) < MAX_INPUT_TO_CHART_S:
            break
        # weeks apart: the same happening told by two articles of a project (or a day apart) is one event
        again = HOSTILE.replace("freed", f"released{n}").replace("Dec. 16", ("Nov. 3", "Oct. 3")[n])
        timings.append(paste(page, again, f"released{n}"))
    print(f"\ninput-to-drawn-chart: {', '.join(f'{t:.2f}' for t in timings)} s")
    assert min(timings) < MAX_INPUT_TO_CHART_S, f"chart took {min(timings):.2f} s after the paste"
