"""Markup planted in every input route stays text in a real Chromium: nothing runs, no link is live,
and no request leaves for the remote images.

The "remote" server is a local HTTP server started here on 127.0.0.1 that records every
request; the planted Markdown images, HTML images, links and Streamlit directives all point
at it. Routes: the pasted article's title line and its sentences, uploaded file names (as
title and in the error box), and a corrections file (its labels on the Undo button, its bad
values in the toast), and source names in the chart (figure.py, escaped by the i9-chart work).
"""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Iterator

import pytest

from tests.test_browser import (  # noqa: F401 - fixtures
    CHROMIUM,
    COLD_START_MS,
    VIEWPORT,
    browser,
    laid_out,
    new_app_page,
    server,
    settle,
)
from timeline_app.escape import WORD_JOINER
from timeline_app.ingest import document_from_text
from timeline_app.pipeline import extract_document

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} not found: browser tests need Debian's Chromium"),
]


class _Recorder(http.server.BaseHTTPRequestHandler):
    seen: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        self.seen.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def remote() -> Iterator[str]:
    """A 'remote' host on 127.0.0.1 that counts requests; its address without the scheme."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def payload(host: str, tag: str) -> str:
    """Every kind of markup that would fetch, link or run, each pointing at ``host``."""
    return (f"![{tag}](http://{host}/md-{tag}.png) <img src=\"http://{host}/img-{tag}.png\" "
            f"onerror=\"window.__xss='{tag}'\"> <a href=\"http://{host}/a-{tag}\">link</a> "
            f"[md link](http://{host}/mdlink-{tag}) **bold** :red[red] <script>window.__xss='{tag}'</script>")


def article(host: str, tag: str) -> str:
    return (f"{payload(host, tag)}\n\nJanuary 26, 2012\n\nPolice detained him on Dec. 16 {payload(host, tag + '-s')}. "
            "He was freed the following day.")


_LIVE = """(host) => {
  const outside = (e) => !e.closest('.js-plotly-plot');
  const pick = (sel) => [...document.querySelectorAll(sel)];
  const href = (e) => e.getAttribute('href') || e.getAttributeNS('http://www.w3.org/1999/xlink', 'href') || '';
  const live = pick('a, area').filter(e => href(e).includes(host));  // SVG links use xlink:href
  return {
    xss: window.__xss === undefined ? null : String(window.__xss),
    links: live.filter(outside).length,
    images: pick('img, image, iframe, source, video, audio, object, embed').filter(e =>
        [...e.attributes].some(a => a.value.includes(host))).length,
    handlers: pick('*').filter(e => [...e.attributes].some(a => a.name.startsWith('on') && a.value.includes('__xss'))).length,
    chart_links: live.filter(e => !outside(e)).length,
  };
}"""


@pytest.fixture()
def page(browser, server: str, remote: str):  # noqa: F811 - the fixtures imported above
    """A fresh session per route, on the app as a journalist opens it."""
    _Recorder.seen.clear()
    page = new_app_page(browser, VIEWPORT)
    page.goto(server, timeout=COLD_START_MS)
    page.wait_for_selector(".scatterlayer .trace .points path", state="attached", timeout=COLD_START_MS)
    laid_out(page)
    yield page
    page.context.close()


def _paste(page, text: str, marker: str) -> None:
    """Paste ``text`` and wait until the page shows ``marker`` from it (its title, as text)."""
    box = page.get_by_label("…or paste an article")
    box.fill(text)
    box.press("Control+Enter")
    page.wait_for_function("(m) => document.body.innerText.includes(m)", arg=marker, polling=200)
    settle(page)


def _upload(page, index: int, files: list[dict[str, object]]) -> None:
    page.locator('[data-testid="stSidebar"] input[type="file"]').nth(index).set_input_files(files)
    page.wait_for_timeout(500)
    settle(page)


def _inert(page, remote: str) -> dict[str, object]:
    page.wait_for_timeout(800)  # time for any image a render let through to be requested
    return page.evaluate(_LIVE, remote)


def _clean(found: dict[str, object]) -> None:
    assert (found["xss"], found["links"], found["images"], found["handlers"]) == (None, 0, 0, 0), found
    assert _Recorder.seen == [], _Recorder.seen


def test_pasted_title_and_sentences_stay_text(page, remote: str) -> None:
    _paste(page, article(remote, "paste"), "md-paste.png")
    _clean(_inert(page, remote))
    shown = page.locator("body").inner_text().replace(WORD_JOINER, "")  # the joiner only stops autolinks
    assert f"![paste](http://{remote}/md-paste.png)" in shown and "**bold** :red[red]" in shown


def test_uploaded_file_names_stay_text_as_titles_and_in_errors(page, remote: str) -> None:
    name = payload(remote, "file").replace("/", "\\")  # no "/" in a file name; "\" works as one
    long_first_line = "x " * 200 + "\n\nJanuary 26, 2012\n\nPolice detained him on Dec. 16."
    _upload(page, 0, [{"name": f"{name}.txt", "mimeType": "text/plain", "buffer": long_first_line.encode()},
                      {"name": f"{name} broken.pdf", "mimeType": "application/pdf", "buffer": b"not a pdf"}])
    page.wait_for_selector('[data-testid="stSidebar"] [data-testid="stAlert"]')
    _clean(_inert(page, remote))
    assert "broken.pdf is not a readable PDF" in page.locator('[data-testid="stSidebar"] [data-testid="stAlert"]').inner_text()


def test_corrections_file_values_stay_text_on_the_undo_button_and_in_the_toast(page, remote: str) -> None:
    text = article(remote, "ops")
    _paste(page, text, "md-ops.png")
    doc = document_from_text(text)  # named by its text, as the app names a paste
    event = extract_document(doc).events[0]
    ops = {"format": "timeline_app corrections", "version": 1,
           "corrections": [{"op": "edit_label", "event_id": event.id, "label": payload(remote, "label")}]}
    _upload(page, 1, [{"name": "corrections.json", "mimeType": "application/json", "buffer": json.dumps(ops).encode()}])
    page.wait_for_selector('button:has-text("Undo: relabel")')
    _clean(_inert(page, remote))
    assert "**bold**" in page.locator('button:has-text("Undo: relabel")').inner_text()
    bad = {**ops, "corrections": [{"op": "edit_date", "event_id": event.id, "start": payload(remote, "date"),
                                   "end": "2012-01-01"}]}
    _upload(page, 1, [{"name": "bad.json", "mimeType": "application/json", "buffer": json.dumps(bad).encode()}])
    page.wait_for_selector('[data-testid="stToast"]')
    _clean(_inert(page, remote))
    assert "is not a date" in page.locator('[data-testid="stToast"]').inner_text()


def test_markup_in_source_names_is_no_live_link_in_the_chart(page, remote: str) -> None:
    files = [{"name": f"{n}.txt", "mimeType": "text/plain",
              "buffer": f'<a href="http://{remote}/legend{n}">Source {n}</a>\n\nJanuary 26, 2012\n\n'
                        f'Police detained him on Dec. 1{n}.'.encode()} for n in (1, 2)]
    _upload(page, 0, files)
    page.wait_for_function("() => [...document.querySelectorAll('.js-plotly-plot text')].some(t => "
                           "t.textContent.includes('Source 1'))", polling=200)  # legend or sources line
    found = _inert(page, remote)
    assert found["chart_links"] == 0 and found["xss"] is None, found
