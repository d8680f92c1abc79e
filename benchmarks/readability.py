"""Is the timeline readable? Measured from the drawn SVG in headless Chromium.

    python benchmarks/readability.py [--widths 1280 1440 1920] [--big-mb 9] [--big-whole] [--no-app | --app-only]
                                     [--png docs/timeline-webnews.png]

For each case (the sample article; the 30 webnews-dev articles together, with the
publication dates of gold.json; one article of ``--big-mb`` MB built by repeating
the corpus texts) and each width, the figure the app draws is rendered with
plotly.js in Chromium and measured from the page's own geometry:

* overlapping label pairs (bounding boxes of the drawn label texts);
* labels cut: past the plot area's edges or under the legend;
* story share: the share of the drawn axis taken by the story (the sample: 16 Dec
  2011 - 26 Jan 2012; otherwise the shortest stretch holding half of the events),
  and what a linear axis over the same events would give it;
* quarter share: the same for the shortest stretch holding a quarter of the events;
* time to drawn chart: extraction, figure building, drawing in the browser;
* image export times (kaleido): starting the browser, then each image in that one
  browser session (what the app and ``browser_session`` do);
* the chart in the app itself (``--no-app`` skips it): ``streamlit run`` in Chromium at
  each width with the sidebar open, the sample article (the example the app opens on)
  and the 30 webnews-dev articles (a project in a temporary ``TIMELINE_APP_DATA_DIR``,
  with their gold publication dates); the same three counts from the drawn page, the
  plot's drawn width, and the script runs from opening the page to a quiet page (two:
  the first draw, then the one laid out for the chart's real width; more would be a
  rerun loop);
* the long article in the app itself (``--no-app`` skips it): ``streamlit run`` in
  Chromium, seconds from uploading the file to the drawn chart, then from a click
  on an event to its sentence marked (a rerun: is the app still responsive?).

The long article is read as the app reads it (the first ``ingest.MAX_TEXT_CHARS``
characters, and it says so); ``--big-whole`` extracts all of it instead (engine speed).

Needs ../shared/corpora for the webnews and big cases (skipped, with a note, if absent).
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the repo root importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import plotly
from playwright.sync_api import Page, sync_playwright

from benchmarks.harness import markdown_table
from timeline_app import extract
from timeline_app.export import browser_session, figure_bytes
from timeline_app.figure import EXPORT_SIZE, build_figure, figure_axis, naive
from timeline_app.ingest import document_from_text, truncation_note
from timeline_app.model import Document, Event, Extraction, Timeline
from timeline_app.pipeline import extract_document
from timeline_app.store import open_store

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_4d8628aadc5fef2d.txt"
WEBNEWS = ROOT.parent / "shared" / "corpora" / "webnews-dev"
if not WEBNEWS.exists():
    WEBNEWS = Path("/work/shared/corpora/webnews-dev")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
SAMPLE_STORY = (datetime(2011, 12, 16), datetime(2012, 1, 27))
SHOTS = Path(os.environ["READABILITY_SHOTS"]) if os.environ.get("READABILITY_SHOTS") else None
PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
APP_CHART = ".st-key-chart .js-plotly-plot"  # the app's chart (st.plotly_chart(key="chart"))
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
# Counts the app's script runs as the page sees them: each one sets stApp's state to "running".
RUNS_JS = """
window.__scriptRuns = 0;
new MutationObserver((changes) => {
  for (const c of changes) if (c.target.getAttribute('data-test-script-state') === 'running') window.__scriptRuns++;
}).observe(document, {subtree: true, attributes: true, attributeFilter: ['data-test-script-state']});
"""

MEASURE_JS = """(selector) => {
  const gd = document.querySelector(selector || '.js-plotly-plot');
  const svg = gd.querySelector('.main-svg').getBoundingClientRect();
  const s = gd._fullLayout._size;
  const plot = [svg.left + s.l, svg.top + s.t, svg.left + s.l + s.w, svg.top + s.t + s.h];
  const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  const labels = [...gd.querySelectorAll('.cartesianlayer .scatterlayer .textpoint text')]
    .filter(t => t.textContent.trim() && !t.closest('.rangeslider-container')).map(t => [...box(t), t.textContent]);
  const legend = gd.querySelector('.legend .bg');
  const xa = gd._fullLayout.xaxis;
  return {labels, plot, legend: legend ? box(legend) : null,
          x: {offset: xa._offset, length: xa._length, range: xa.range}};
}"""


@dataclass(frozen=True)
class Case:
    name: str
    extractions: tuple[Extraction, ...]
    story: tuple[datetime, datetime] | None  # None: the densest half of the events
    extract_s: float


def sample_case() -> Case:
    began = time.perf_counter()
    x = extract(SEED.read_text(encoding="utf-8"), doc_id="sample", source="The Moscow Times")
    return Case("sample article", (x,), SAMPLE_STORY, time.perf_counter() - began)


def webnews_articles() -> list[tuple[str, str, date | None]]:
    gold = json.loads((WEBNEWS / "gold.json").read_text(encoding="utf-8"))
    return [((WEBNEWS / g["file"]).read_text(encoding="utf-8"), g.get("outlet") or g["file"],
             date.fromisoformat(g["published"]) if g.get("published") else None) for g in gold]


def webnews_case() -> Case:
    began = time.perf_counter()
    xs = tuple(extract(text, published=published, doc_id=f"w{n}", source=outlet.split(",")[0][:60])
               for n, (text, outlet, published) in enumerate(webnews_articles()))
    return Case(f"{len(xs)} webnews-dev articles", xs, None, time.perf_counter() - began)


def big_text(megabytes: float) -> str:
    """One long article: the corpus texts over and over."""
    texts = [text for text, _, _ in webnews_articles()]
    chunks: list[str] = []
    size = 0
    while size < megabytes * 1_000_000:
        for text in texts:
            chunks.append(text)
            size += len(text.encode("utf-8"))
    return "\n\n".join(chunks)


def big_case(body: str, whole: bool = False) -> Case:
    size = len(body.encode("utf-8")) / 1e6
    began = time.perf_counter()
    if whole:
        x = extract(body, published=date(2024, 6, 1), doc_id="big", source="One long article")
        return Case(f"one {size:.1f} MB article", (x,), None, time.perf_counter() - began)
    doc = document_from_text(body, doc_id="big", source="One long article", published=date(2024, 6, 1))
    x = extract_document(doc)
    print(f"note: {truncation_note(doc)}")
    return Case(f"one {size:.1f} MB article, as the app reads it", (x,), None, time.perf_counter() - began)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_s(pid: int) -> float:
    """CPU seconds a process has used (user + system), from /proc: wall time is noisy on a shared box."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def browser_cpu_s(server: int) -> float:
    """CPU seconds used so far by this process's descendants other than the server (Playwright's
    driver and Chromium with its renderers): what the page costs the browser."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            pid, ppid = int(stat.parent.name), int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(pid)
    total, todo = 0.0, [c for c in children.get(os.getpid(), []) if c != server]
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        try:
            total += cpu_s(pid)
        except OSError:
            pass
    return total


@contextmanager
def running_app(data: Path) -> Iterator[tuple[str, int]]:
    """``streamlit run`` on a free port with its project store in ``data``; yields its URL (once
    healthy) and process id."""
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "timeline_app" / "app.py"), "--server.headless",
         "true", "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats",
         "false", "--server.fileWatcherType", "none"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "TIMELINE_APP_DATA_DIR": str(data)})
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).close()
                break
            except OSError:
                time.sleep(0.2)
        yield url, server.pid
    finally:
        server.terminate()
        server.wait(timeout=30)


def app_times(body: str) -> dict[str, float]:
    """The long article in the app: seconds from upload to drawn chart, from a click on a date in
    the text to its event's sentence marked, and the events the app says it found."""
    with tempfile.TemporaryDirectory() as tmp:
        article = Path(tmp) / "long-article.txt"
        article.write_text(body, encoding="utf-8")
        with running_app(Path(tmp) / "data") as (url, server), sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1600, "height": 1250})
            page.set_default_timeout(180_000)
            page.goto(url)
            page.wait_for_selector(".scatterlayer .trace .points path", state="attached")
            page.wait_for_selector(IDLE, state="attached")
            began, cpu, seen = time.perf_counter(), cpu_s(server), browser_cpu_s(server)
            page.locator('[data-testid="stFileUploaderDropzoneInput"]').first.set_input_files(str(article))
            page.wait_for_function("() => /[0-9,]{4,} dated events from 1 article/.test(document.body.innerText)"
                                   " && document.querySelector('.st-key-chart .js-plotly-plot')?._fullLayout",
                                   polling=100)
            page.wait_for_selector(IDLE, state="attached")
            drawn_s, drawn_cpu = time.perf_counter() - began, cpu_s(server) - cpu
            drawn_browser = browser_cpu_s(server) - seen
            count = int(page.evaluate("() => document.body.innerText.match(/([0-9,]+) dated events/)[1]"
                                      ".replace(/,/g, '')"))
            # a rerun: a date clicked in the text
            began, cpu, seen = time.perf_counter(), cpu_s(server), browser_cpu_s(server)
            page.locator(".source-view mark.timex").nth(5).click()
            page.wait_for_selector(".source-view mark.selected#selected", state="attached")
            page.wait_for_selector(IDLE, state="attached")
            click_s, click_cpu = time.perf_counter() - began, cpu_s(server) - cpu
            click_browser = browser_cpu_s(server) - seen
            browser.close()
    return {"drawn_s": drawn_s, "drawn_cpu": drawn_cpu, "drawn_browser": drawn_browser, "click_s": click_s,
            "click_cpu": click_cpu, "click_browser": click_browser, "events": count}


def webnews_documents() -> list[Document]:
    return [document_from_text(text, source=outlet.split(",")[0][:60], published=published)
            for text, outlet, published in webnews_articles()]


def app_layout(name: str, documents: Sequence[Document], widths: Sequence[int]) -> list[list[Any]]:
    """The chart as the app draws it at each window width, sidebar open: one table row per width.

    No ``documents``: the app's own example (the sample article); else a project of them, which
    the app opens on. Each width is a fresh session (a new tab), measured once its runs are over.
    """
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        if documents:
            store = open_store(data)
            store.remember(store.create(name, documents))
            store.close()
        with running_app(data) as (url, _), sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for width in widths:
                context = browser.new_context(viewport={"width": width, "height": 1200})
                page = context.new_page()
                page.set_default_timeout(180_000)
                page.add_init_script(RUNS_JS)
                page.goto(url)
                page.wait_for_selector(f"{APP_CHART} .scatterlayer .textpoint text", state="attached")
                quiet(page)
                if SHOTS:
                    page.screenshot(path=str(SHOTS / f"app-{name.split()[0]}-{width}.png"), full_page=True)
                g = page.evaluate(MEASURE_JS, APP_CHART)
                labels, sidebar = g["labels"], page.locator('[data-testid="stSidebar"]').bounding_box()
                rows.append([name, width, "open" if sidebar and sidebar["width"] > 100 else "closed",
                             round(g["plot"][2] - g["plot"][0]), len(labels), overlaps(labels),
                             outside_plot(labels, g["plot"]), under_legend(labels, g["legend"]),
                             page.evaluate("() => window.__scriptRuns")])
                context.close()
            browser.close()
    return rows


def app_table(widths: Sequence[int]) -> str:
    """The app's chart at each width: the sample article, then the webnews-dev articles together."""
    rows = app_layout("sample article", (), widths)
    if WEBNEWS.exists():
        documents = webnews_documents()
        rows += app_layout(f"{len(documents)} webnews-dev articles", documents, widths)
    return "in the app (streamlit run, Chromium, a window of that width, 1200 px high):\n" + markdown_table(
        ("case", "window width", "sidebar", "plot px", "labels drawn", "overlapping pairs",
         "cut at the plot's edges", "under the legend", "script runs from opening the page"), rows)


def quiet(page: Page, calm_s: float = 3.0, within_s: float = 90.0) -> None:
    """Wait until no script has run for ``calm_s`` seconds (a width report reruns the script);
    a page that keeps rerunning for ``within_s`` seconds is a rerun loop: TimeoutError."""
    deadline = time.monotonic() + within_s
    while time.monotonic() < deadline:
        page.wait_for_selector(IDLE, state="attached")
        runs = page.evaluate("() => window.__scriptRuns")
        time.sleep(calm_s)
        if page.evaluate("() => window.__scriptRuns") == runs and page.locator(IDLE).count():
            return
    raise TimeoutError(f"the app was still rerunning after {within_s:.0f} s")


def page_for(page: Page, fig_json: str) -> float:
    """Draw the figure with plotly.js; milliseconds from newPlot to drawn."""
    page.set_content(f"<html><body style='margin:0'><div id='fig'></div>"
                     f"<script>{PLOTLY_JS.read_text(encoding='utf-8')}</script></body></html>")
    return page.evaluate("""async (spec) => {
        const fig = JSON.parse(spec);
        const t0 = performance.now();
        await Plotly.newPlot('fig', fig.data, fig.layout, {staticPlot: false});
        return performance.now() - t0;
    }""", fig_json)


def overlaps(labels: Sequence[Sequence[Any]]) -> int:
    boxes = sorted(labels, key=lambda b: b[0])
    count = 0
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            if b[0] >= a[2] - 0.5:
                break
            if min(a[3], b[3]) - max(a[1], b[1]) > 0.5 and min(a[2], b[2]) - max(a[0], b[0]) > 0.5:
                count += 1
    return count


def _outside(label: Sequence[Any], plot: Sequence[float]) -> bool:
    l, t, r, b = label[:4]
    return l < plot[0] - 0.5 or r > plot[2] + 0.5 or t < plot[1] - 0.5 or b > plot[3] + 0.5


def _under(label: Sequence[Any], legend: Sequence[float] | None) -> bool:
    l, t, r, b = label[:4]
    return legend is not None and min(r, legend[2]) > max(l, legend[0]) and min(b, legend[3]) > max(t, legend[1])


def cut(labels: Sequence[Sequence[Any]], plot: Sequence[float], legend: Sequence[float] | None) -> int:
    """Labels past the plot area's edges or under the legend."""
    return sum(_outside(label, plot) or _under(label, legend) for label in labels)


def outside_plot(labels: Sequence[Sequence[Any]], plot: Sequence[float]) -> int:
    return sum(_outside(label, plot) for label in labels)


def under_legend(labels: Sequence[Sequence[Any]], legend: Sequence[float] | None) -> int:
    return sum(_under(label, legend) for label in labels)


def shortest_window(events: Sequence[Event], fraction: float) -> tuple[datetime, datetime]:
    points = sorted(naive(e.start) for e in events)
    k = max(2, int(len(points) * fraction + 0.999))
    k = min(k, len(points))
    n = min(range(len(points) - k + 1), key=lambda n: points[n + k - 1] - points[n])
    first, last = points[n], points[n + k - 1]
    return first, last + timedelta(days=1)


def linear_share(events: Sequence[Event], window: tuple[datetime, datetime]) -> float:
    first = min(naive(e.start) for e in events)
    last = max(naive(e.end) for e in events) + timedelta(days=1)
    return (window[1] - window[0]) / (last - first)


def measure(page: Page, case: Case, width: int) -> dict[str, Any]:
    timeline = Timeline(case.extractions)
    events, documents = list(timeline.events), list(timeline.documents)
    color_by = "source" if len(documents) > 1 else "certainty"
    began = time.perf_counter()
    fig = build_figure(events, documents, color_by=color_by, width=width, title=case.name)
    fig_json = fig.to_json()
    build_s = time.perf_counter() - began
    page.set_viewport_size({"width": width + 40, "height": 1400})
    draw_ms = page_for(page, fig_json)
    geometry = page.evaluate(MEASURE_JS)
    if os.environ.get("READABILITY_DEBUG"):
        print(case.name, width, "plot", geometry["plot"], "figure height", fig.layout.height, file=sys.stderr)
    if SHOTS:
        page.screenshot(path=str(SHOTS / f"{case.name.split()[0]}-{width}.png"), full_page=True)
    axis = figure_axis(events)
    lo, hi = geometry["x"]["range"]

    def share(window: tuple[datetime, datetime]) -> float:
        return (axis.to_days(window[1]) - axis.to_days(window[0])) / (hi - lo)

    story = case.story or shortest_window(events, 0.5)
    quarter = shortest_window(events, 0.25)
    return {"labels": len(geometry["labels"]), "overlaps": overlaps(geometry["labels"]),
            "cut": cut(geometry["labels"], geometry["plot"], geometry["legend"]),
            "story": share(story), "story_linear": linear_share(events, story), "quarter": share(quarter),
            "events": len(events), "extract_s": case.extract_s, "build_s": build_s, "draw_s": draw_ms / 1000}


def export_times(case: Case) -> list[float]:
    """Seconds to start the browser, then for PNG, SVG, PDF, PNG in that one browser session."""
    timeline = Timeline(case.extractions)
    fig = build_figure(timeline.events, timeline.documents, title=case.name, for_export=True)
    began = time.perf_counter()
    with browser_session():
        times = [time.perf_counter() - began]
        for fmt in ("png", "svg", "pdf", "png"):
            began = time.perf_counter()
            figure_bytes(fig, fmt, width=EXPORT_SIZE[0], height=EXPORT_SIZE[1])  # type: ignore[arg-type]
            times.append(time.perf_counter() - began)
    return times


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--widths", type=int, nargs="+", default=[1280, 1440, 1920])
    parser.add_argument("--big-mb", type=float, default=9.0, help="size of the long article (0: skip)")
    parser.add_argument("--png", type=Path, default=ROOT / "docs" / "timeline-webnews.png")
    parser.add_argument("--big-whole", action="store_true", help="extract all of the long article, not its start")
    parser.add_argument("--no-exports", action="store_true")
    parser.add_argument("--no-app", action="store_true", help="skip the app's chart and the long article in it")
    parser.add_argument("--app-only", action="store_true", help="only the app's chart at each width")
    args = parser.parse_args(argv)
    if args.app_only:
        print(app_table(args.widths))
        return 0

    cases = [sample_case()]
    body = ""
    if WEBNEWS.exists():
        cases.append(webnews_case())
        if args.big_mb > 0:
            body = big_text(args.big_mb)
            cases.append(big_case(body, args.big_whole))
    else:
        print(f"note: {WEBNEWS} not found; only the sample article is measured")
    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        for case in cases:
            for width in args.widths:
                m = measure(page, case, width)
                rows.append([case.name, width, m["events"], m["labels"], m["overlaps"], m["cut"],
                             f"{m['story']:.0%} (linear {m['story_linear']:.0%})", f"{m['quarter']:.0%}",
                             f"{m['extract_s']:.2f} + {m['build_s']:.2f} + {m['draw_s']:.2f}"])
        browser.close()
    print(markdown_table(("case", "width", "events", "labels drawn", "overlapping pairs", "cut or under legend",
                          "story share of axis", "densest quarter share", "extract + figure + draw s"), rows))
    if not args.no_app:
        print("\n" + app_table(args.widths))
    if body and not args.no_app:
        t = app_times(body)
        print(f"\nin the app, {len(body.encode('utf-8')) / 1e6:.1f} MB uploaded: chart drawn with {t['events']:,.0f} "
              f"events in {t['drawn_s']:.1f} s (CPU: server {t['drawn_cpu']:.1f} s, "
              f"browser {t['drawn_browser']:.1f} s); "
              f"a click on a date in the text marks its event's sentence in {t['click_s']:.1f} s (CPU: server "
              f"{t['click_cpu']:.1f} s, browser {t['click_browser']:.1f} s)")
    if not args.no_exports:
        for case in cases[:2]:
            times = export_times(case)
            print(f"\n{case.name}: browser start {times[0]:.2f} s, then PNG {times[1]:.2f} s, "
                  f"SVG {times[2]:.2f} s, PDF {times[3]:.2f} s, PNG again {times[4]:.2f} s")
        if len(cases) > 1:
            timeline = Timeline(cases[1].extractions)
            fig = build_figure(timeline.events, timeline.documents, color_by="source", for_export=True,
                               title=f"{len(timeline.events)} events from {len(timeline.documents)} web news articles")
            args.png.write_bytes(figure_bytes(fig, "png", width=EXPORT_SIZE[0], height=EXPORT_SIZE[1]))
            print(f"wrote {args.png}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
