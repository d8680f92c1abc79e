"""Exports: slide images, a standalone interactive page, and data for other tools.

Images are drawn by kaleido in a headless Chrome/Chromium already on the machine
(``$BROWSER_PATH``, else Debian's ``/usr/bin/chromium``, else one on ``PATH``):
nothing is ever downloaded, and plotly.js comes from the plotly package, so
exports work offline. Starting the browser costs seconds, so several exports can
share one with :func:`browser_session`.
"""

from __future__ import annotations

import asyncio
import atexit
import csv
import io
import json
import os
import shutil
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

import kaleido
import plotly.graph_objects as go

from .chronology import chronology, list_csv, list_html, list_markdown, safe_cell, summary
from .escape import for_html
from .figure import (
    CERTAINTY_NAMES,
    EDITED_NAME,
    EXPORT_SIZE,
    build_figure,
    is_edited,
    source_name,
    sources_line,
)
from .model import Document, Event, Report, Timeline
from .reports import conflict_dates, dated_when, event_reports, own_explanation, plain, report_when
from .serialize import dumps_by_line, event_to_dict, iso
from .when import Bound, event_bounds, format_when

ImageFormat = Literal["png", "svg", "pdf"]
IMAGE_FORMATS: tuple[str, ...] = ("png", "svg", "pdf")
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
DEBIAN_CHROMIUM = "/usr/bin/chromium"
RENDER_TIMEOUT_S = 90.0
TABS = 2  # one renders while the other reloads: back-to-back exports never wait for a reload
CSV_COLUMNS = ("id", "source", "published", "date", "start", "end", "granularity", "certainty", "edited",
               "label", "explanation", "sentence", "source_count", "sources", "conflict_dates")


class ExportError(RuntimeError):
    """An export failed; the message is one line a CLI can print as it is."""


# ---------------------------------------------------------------- browser


def browser_path() -> str:
    """The browser kaleido will drive; never downloads one (the machine may be offline)."""
    configured = os.environ.get("BROWSER_PATH")
    if configured:
        if not os.access(configured, os.X_OK):
            raise ExportError(f"BROWSER_PATH={configured!r} is not an executable browser")
        return configured
    if os.access(DEBIAN_CHROMIUM, os.X_OK):
        return DEBIAN_CHROMIUM
    found = next((p for p in map(shutil.which, BROWSER_NAMES) if p), None)
    if found is None:
        raise ExportError("image export needs Chrome or Chromium: install chromium or set BROWSER_PATH")
    return found


class _Kaleido(kaleido.Kaleido):
    """Kaleido that hands the image back before it reloads its page.

    After every image kaleido reloads the tab (a fresh page, plotly.js again) and only
    then returns the bytes: 300-500 ms of every export, PNG, SVG or PDF alike, spent
    after the image was already made. Here the reload runs in the background; the
    next image waits for it only if it comes sooner, and a second tab serves it then.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._reloads: set[asyncio.Task[None]] = set()

    async def _return_kaleido_tab(self, tab: Any) -> None:
        task = asyncio.get_running_loop().create_task(super()._return_kaleido_tab(tab))
        self._reloads.add(task)
        task.add_done_callback(self._reloaded)

    def _reloaded(self, task: asyncio.Task[None]) -> None:
        self._reloads.discard(task)
        if not task.cancelled():
            task.exception()  # a reload that failed as the browser closed is no one's concern

    async def settle(self) -> None:
        """Wait for pending reloads (before closing the browser)."""
        await asyncio.gather(*self._reloads, return_exceptions=True)


class _Renderer:
    """One headless browser on its own event-loop thread, driven synchronously.

    Every wait has a timeout, so a browser that dies cannot hang the caller
    (kaleido's own sync server would wait forever).
    """

    def __init__(self) -> None:
        self._kaleido = _Kaleido(path=browser_path(), mathjax=False, timeout=RENDER_TIMEOUT_S, n=TABS)
        self._loop = asyncio.new_event_loop()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True, name="kaleido")
        self._thread.start()
        try:
            self._wait(self._kaleido.open())
        except BaseException:
            self.close()
            raise

    def render(self, fig: dict[str, Any], opts: dict[str, Any]) -> bytes:
        with self._lock:  # one page, one figure at a time (the app's sessions share the browser)
            return self._wait(self._kaleido.calc_fig(fig, opts=opts))

    def close(self) -> None:
        """Best effort: the image is already made, a browser that fails to quit must not undo that."""
        with suppress(Exception):
            self._wait(self._kaleido.settle())
            self._wait(self._kaleido.close())
        self._stop_loop()

    def _wait(self, coroutine: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(RENDER_TIMEOUT_S)

    def _stop_loop(self) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(RENDER_TIMEOUT_S)


_session: _Renderer | _Starting | None = None


@contextmanager
def _own_renderer() -> Iterator[_Renderer]:
    renderer = _guarded(_Renderer, f"start the browser {browser_path()}")
    try:
        yield renderer
    finally:
        renderer.close()


class _Starting:
    """A browser started on a thread of its own: the first image waits for it, the caller does not."""

    def __init__(self) -> None:
        self._renderer: _Renderer | None = None
        self._error: ExportError | None = None
        self._thread = threading.Thread(target=self._start, daemon=True, name="browser-start")
        self._thread.start()

    def _start(self) -> None:
        try:
            self._renderer = _guarded(_Renderer, f"start the browser {browser_path()}")
        except ExportError as exc:  # said by the first image, where a failure is reported
            self._error = exc

    def render(self, fig: dict[str, Any], opts: dict[str, Any]) -> bytes:
        self._thread.join()
        if self._renderer is None:
            raise self._error or ExportError("the browser did not start")
        return self._renderer.render(fig, opts)

    def close(self) -> None:
        self._thread.join()
        if self._renderer is not None:
            self._renderer.close()


@contextmanager
def browser_session(in_background: bool = False) -> Iterator[None]:
    """Keep one browser open for the image exports inside the block (one batch, one thread).

    Starting Chromium and loading plotly.js takes seconds; each further image
    then takes a fraction of a second. ``in_background``: the browser starts on a
    thread while the block does other work first (the CLI extracting articles).
    """
    global _session
    if _session is not None:  # nested: the outer session already serves
        yield
        return
    with _own_renderer() if not in_background else _started() as renderer:
        _session = renderer
        try:
            yield
        finally:
            _session = None


@contextmanager
def _started() -> Iterator[_Starting]:
    starting = _Starting()
    try:
        yield starting
    finally:
        starting.close()


_kept_lock = threading.Lock()


def keep_browser() -> None:
    """Open one browser for the rest of the process (the app): every later image reuses it.

    Without this each image starts Chromium and loads plotly.js again (seconds); with
    it, the second and later images take a fraction of a second.
    """
    global _session
    with _kept_lock:
        if _session is None:
            _session = _guarded(_Renderer, f"start the browser {browser_path()}")
            atexit.register(release_browser)


def release_browser() -> None:
    """Close the browser :func:`keep_browser` opened (at exit, or when a test is done with it)."""
    global _session
    if _session is not None:
        _session.close()
        _session = None


def _guarded(action: Callable[[], Any], doing: str) -> Any:
    """Run ``action``; any failure becomes an ExportError with a one-line reason."""
    try:
        return action()
    except ExportError:
        raise
    except Exception as exc:  # kaleido/choreographer raise many kinds, and timeouts
        first = str(exc.args[0]) if exc.args else ""  # choreographer packs a paragraph into args
        reason = (first.strip().splitlines() or [""])[0] or type(exc).__name__
        raise ExportError(f"could not {doing}: {reason}") from exc


def figure_bytes(fig: go.Figure, fmt: ImageFormat, *, width: int = EXPORT_SIZE[0],
                 height: int = EXPORT_SIZE[1]) -> bytes:
    """The figure as a PNG, SVG or PDF of exactly ``width`` x ``height`` layout pixels."""
    if fmt not in IMAGE_FORMATS:
        raise ExportError(f"unknown image format {fmt!r}; use one of {', '.join(IMAGE_FORMATS)}")
    spec = fig.to_dict()
    opts = {"format": fmt, "width": width, "height": height}
    shared = _session
    if shared is not None:
        data = _guarded(lambda: shared.render(spec, opts), f"render {fmt}")
    else:
        with _own_renderer() as renderer:
            data = _guarded(lambda: renderer.render(spec, opts), f"render {fmt}")
    title = (spec.get("layout", {}).get("meta") or {}).get("title")
    return _titled_pdf(data, title) if fmt == "pdf" and title else data


def _titled_pdf(data: bytes, title: str) -> bytes:
    """The PDF with the timeline's title as its document title (what a viewer's title bar shows)."""
    from pypdf import PdfReader, PdfWriter  # already a dependency, for .pdf uploads

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.add_metadata({"/Title": title, "/Creator": "timeline_app"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# ---------------------------------------------------------------- HTML


def to_html(fig: go.Figure, title: str = "Timeline", sources: str = "", description: str = "") -> str:
    """A standalone page with plotly.js inlined: opens offline, in any browser, years later.

    It carries a ``<title>``, the sources line and the chart's text alternative.
    """
    config = {"displaylogo": False, "responsive": True,
              "toImageButtonOptions": {"format": "png", "filename": "timeline",
                                       "width": EXPORT_SIZE[0], "height": EXPORT_SIZE[1]}}
    page = fig.to_html(full_html=True, include_plotlyjs=True, include_mathjax=False, config=config)
    head = f'<title>{for_html(title)}</title><meta name="description" content="{for_html(description)}">'
    page = page.replace("<head>", f"<head>{head}", 1)
    tail = "".join(f'<p class="{cls}" style="font-family:Arial,sans-serif;color:#666">{for_html(text)}</p>'
                   for cls, text in (("sources", sources), ("summary", description)) if text)
    return page.replace("</body>", f"{tail}</body>", 1)


# ---------------------------------------------------------------- data files


def _documents_by_id(documents: Sequence[Document]) -> dict[str, Document]:
    return {d.id: d for d in documents}


def _sentence(event: Event, doc: Document | None) -> str:
    return " ".join(doc.text[event.sentence_start:event.sentence_end].split()) if doc else ""


def events_csv(events: Sequence[Event], documents: Sequence[Document] = ()) -> str:
    """One row per event, for spreadsheets: readable date first, then ISO bounds.

    The last three columns list where the event comes from: how many sources report it,
    each source on a line of its own ("The Moscow Times [doc id], 16 Dec 2011: sentence"),
    and, while the sources disagree, each date they give on a line (the drawn one first)
    with the articles that give it. Line breaks inside article text are spaces, so a line
    is always one source.
    """
    docs = _documents_by_id(documents)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for e in events:
        doc = docs.get(e.doc_id)
        reports = event_reports(e, docs)
        writer.writerow([
            e.id, safe_cell(source_name(doc, e.doc_id)), iso(doc.published) if doc else "", format_when(e),
            iso(e.start), iso(e.end), e.granularity, e.certainty, EDITED_NAME.lower() if is_edited(e) else "",
            safe_cell(e.label), safe_cell(e.explanation), safe_cell(_sentence(e, doc)),
            len(reports), safe_cell("\n".join(_report_line(e, r, docs) for r in reports)),
            safe_cell("\n".join(f"{dated_when(e, d)}: {_names(d.doc_ids, docs)}" for d in conflict_dates(e))),
        ])
    return out.getvalue()


def _report_line(event: Event, report: Report, docs: dict[str, Document]) -> str:
    sentence = plain(report.sentence)
    return (f"{plain(source_name(docs.get(report.doc_id), report.doc_id))} [{report.doc_id}], "
            f"{report_when(event, report)}" + (f": {sentence}" if sentence else ""))


def _names(doc_ids: Sequence[str], docs: dict[str, Document]) -> str:
    return "; ".join(plain(source_name(docs.get(d), d)) for d in doc_ids)


def _document_to_dict(doc: Document) -> dict[str, Any]:
    return {"id": doc.id, "title": doc.title, "source": doc.source, "published": iso(doc.published),
            "published_source": doc.published_source}


def timeline_json(timeline: Timeline | Sequence[Event], documents: Sequence[Document] = ()) -> str:
    """Every document and event of a timeline, in the JSON shapes of :mod:`serialize`.

    Each event also lists its ``sources`` (a merged happening's every report, else the event
    itself: article, sentence, offsets and the date that source gives) and its ``conflict``:
    null, or while the sources disagree, every date they give with the articles giving it.
    """
    if isinstance(timeline, Timeline):
        events, documents = timeline.events, timeline.documents
    else:
        events = tuple(timeline)
    docs = _documents_by_id(documents)
    written: dict[tuple[Any, ...], str] = {}  # a date is written once: 5,000 articles give 32,000 reports
    payload = {"documents": [_document_to_dict(d) for d in documents],
               "events": [{**event_to_dict(e),
                           "sources": [_report_to_dict(e, r, docs, written) for r in event_reports(e, docs)],
                           "conflict": _conflict_to_dict(e)} for e in events]}
    return dumps_by_line(payload)


def _report_to_dict(event: Event, report: Report, docs: dict[str, Document],
                    written: dict[tuple[Any, ...], str]) -> dict[str, Any]:
    when = (report.start, report.end, report.granularity, report.certainty)  # all that format_when reads
    if when not in written:
        written[when] = report_when(event, report)
    doc = docs.get(report.doc_id)
    return {"doc_id": report.doc_id, "title": doc.title if doc else None,
            "source": source_name(doc, report.doc_id), "event_id": report.event_id,
            "sentence": plain(report.sentence), "sentence_start": report.sentence_start,
            "sentence_end": report.sentence_end, "start": iso(report.start), "end": iso(report.end),
            "granularity": report.granularity, "certainty": report.certainty, "date": written[when]}


def _conflict_to_dict(event: Event) -> dict[str, Any] | None:
    dates = conflict_dates(event)
    if not dates:
        return None
    return {"alternatives": [{"start": iso(d.start), "end": iso(d.end), "granularity": d.granularity,
                              "date": dated_when(event, d), "doc_ids": list(d.doc_ids), "drawn": d.drawn}
                             for d in dates]}


_TIMELINEJS_PARTS = {"year": ("year",), "month": ("year", "month"), "day": ("year", "month", "day"),
                     "hour": ("year", "month", "day", "hour"),
                     "minute": ("year", "month", "day", "hour", "minute")}


def _timelinejs_date(bound: Bound) -> dict[str, int]:
    """Only the parts the source gives: TimelineJS shows a bare year as "2011"."""
    return {part: getattr(bound.point, part) for part in _TIMELINEJS_PARTS[bound.precision]}


def _timelinejs_event(event: Event, doc: Document | None, docs: dict[str, Document]) -> dict[str, Any]:
    first, last = (_timelinejs_date(b) for b in event_bounds(event))
    how = EDITED_NAME if is_edited(event) else CERTAINTY_NAMES[event.certainty]
    body = [f"<p>{for_html(s)}</p>" for s in (_sentence(event, doc),) if s]
    explanation = event.explanation
    if event.reports:  # a merged happening: its sources as a list (the explanation's prose would repeat them)
        body.append(_sources_html(event, docs))
        explanation = own_explanation(event)
    body.append(f"<p><small>{for_html(how)}"
                + (f": {for_html(explanation)}" if explanation else "") + "</small></p>")
    out: dict[str, Any] = {"unique_id": event.id, "start_date": first}
    if last != first:
        out["end_date"] = last
    out.update({"display_date": format_when(event),
                "text": {"headline": for_html(event.label), "text": "".join(body)},
                "group": for_html(source_name(doc, event.doc_id))})
    return out


def _sources_html(event: Event, docs: dict[str, Document]) -> str:
    """ "Reported by N sources:" and each source's outlet, date and sentence; then the dates they disagree on."""
    items = "".join(f"<li><b>{for_html(plain(source_name(docs.get(r.doc_id), r.doc_id)))}</b>, "
                    f"{for_html(report_when(event, r))}: “{for_html(plain(r.sentence))}”</li>"
                    for r in event.reports)
    html = f"<p>Reported by {len(event.reports)} sources:</p><ul>{items}</ul>"
    dates = conflict_dates(event)
    if dates:
        html += ("<p>⚠ Sources disagree on the date: "
                 + " or ".join(f"{for_html(dated_when(event, d))} ({for_html(_names(d.doc_ids, docs))})"
                               for d in dates) + "</p>")
    return html


def timelinejs_json(events: Sequence[Event], documents: Sequence[Document] = (), title: str | None = None) -> str:
    """The events as a TimelineJS3 JSON file (knightlab.com's embeddable timelines).

    TimelineJS renders ``text`` fields as HTML, so every piece of article text is escaped.
    """
    docs = _documents_by_id(documents)
    payload = {
        "title": {"text": {"headline": for_html(title or "Timeline"),
                           "text": for_html(sources_line(events, documents))}},
        "events": [_timelinejs_event(e, docs.get(e.doc_id), docs) for e in events],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)


# ---------------------------------------------------------------- by file name


@dataclass(frozen=True)
class View:
    """What is on screen, so every export draws the same thing: zoom, colours, size, chart or list."""

    title: str | None = None
    color_by: Literal["certainty", "source"] = "certainty"
    period: tuple[date, date] | None = None
    width: int | None = None
    height: int | None = None
    kind: Literal["chart", "list"] = "chart"
    expanded: frozenset[str] = frozenset()


def slide_figure(events: Sequence[Event], documents: Sequence[Document], view: View) -> go.Figure:
    """The figure of the screen, as a slide (1920x1080 unless the view gives a size)."""
    width = view.width or EXPORT_SIZE[0]
    height = view.height or (EXPORT_SIZE[1] if view.width is None else round(width * 9 / 16))
    return build_figure(events, documents, color_by=view.color_by, title=view.title, width=width, height=height,
                        for_export=True, view=view.period, expanded=view.expanded)


def page_html(events: Sequence[Event], documents: Sequence[Document], view: View) -> str:
    """The interactive page of the screen's figure, with its title, sources and text alternative,
    and under it every source of each event several articles report."""
    fig = build_figure(events, documents, color_by=view.color_by, title=view.title, width=view.width or 1400,
                       view=view.period, expanded=view.expanded)
    page = to_html(fig, view.title or "Timeline", sources_line(events, documents), summary(events, documents))
    return page.replace("</body>", f"{_merged_sources_html(_in_period(events, view.period), documents)}</body>", 1)


def _merged_sources_html(events: Sequence[Event], documents: Sequence[Document]) -> str:
    docs = _documents_by_id(documents)
    items = "".join(f"<dt>{for_html(format_when(e))}: {for_html(e.label)}</dt><dd>{_sources_html(e, docs)}</dd>"
                    for e in events if e.reports)
    return (f'<section class="event-sources" style="font-family:Arial,sans-serif;color:#444">'
            f"<h2>Events reported by several sources</h2><dl>{items}</dl></section>" if items else "")


def _in_period(events: Sequence[Event], period: tuple[date, date] | None) -> list[Event]:
    if period is None:
        return list(events)
    return [e for e in events if _day(e.end) >= period[0] and _day(e.start) <= period[1]]


def _day(point: date) -> date:
    return point.date() if isinstance(point, datetime) else point


def _image(fmt: ImageFormat) -> Callable[[Sequence[Event], Sequence[Document], View], bytes]:
    def render(events: Sequence[Event], documents: Sequence[Document], view: View) -> bytes:
        fig = slide_figure(events, documents, view)
        return figure_bytes(fig, fmt, width=int(fig.layout.width), height=int(fig.layout.height))
    return render


def _list(make: Callable[..., str]) -> Callable[[Sequence[Event], Sequence[Document], View], str]:
    def render(events: Sequence[Event], documents: Sequence[Document], view: View) -> str:
        days = chronology(_in_period(events, view.period), documents)
        return make(days) if make is list_csv else make(days, view.title or "Timeline", sources_line(events, documents))
    return render


_CHART_WRITERS: dict[str, Callable[[Sequence[Event], Sequence[Document], View], str | bytes]] = {
    ".png": _image("png"), ".svg": _image("svg"), ".pdf": _image("pdf"),
    ".html": page_html,
    ".csv": lambda ev, docs, view: events_csv(_in_period(ev, view.period), docs),
    ".json": lambda ev, docs, view: timeline_json(_in_period(ev, view.period), docs),
    ".timelinejs.json": lambda ev, docs, view: timelinejs_json(_in_period(ev, view.period), docs, view.title),
    ".md": _list(list_markdown),
}
_LIST_WRITERS = {**_CHART_WRITERS, ".html": _list(list_html), ".csv": _list(list_csv), ".md": _list(list_markdown)}


def export_kind(path: Path) -> str:
    """The export a file name asks for: its extension, with ``.timelinejs.json`` as one."""
    name = path.name.lower()
    return ".timelinejs.json" if name.endswith(".timelinejs.json") else path.suffix.lower()


def write_export(events: Sequence[Event], documents: Sequence[Document], path: Path, *,
                 title: str | None = None, view: View | None = None) -> None:
    """Write the export that ``path``'s extension names (.png .svg .pdf .html .csv .json .timelinejs.json .md).

    ``view`` says what the screen shows; with ``kind="list"`` the HTML, CSV and
    Markdown files are the chronology list instead of the chart's data.
    """
    view = view or View(title=title)
    writers = _LIST_WRITERS if view.kind == "list" else _CHART_WRITERS
    writer = writers.get(export_kind(path))
    if writer is None:
        raise ExportError(f"cannot export to {path.name!r}: use one of {', '.join(writers)}")
    content = writer(events, documents, view)
    try:
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from exc
