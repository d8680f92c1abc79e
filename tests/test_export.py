"""Exports: exact data-file shapes, and real images from the machine's Chromium."""

from __future__ import annotations

import asyncio
import json
import struct
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from xml.etree import ElementTree

import pytest

from tests.browser_check import needs_browser
from timeline_app.export import (
    DEBIAN_CHROMIUM,
    TABS,
    ExportError,
    _Kaleido,
    View,
    browser_session,
    events_csv,
    figure_bytes,
    page_html,
    timeline_json,
    timelinejs_json,
    to_html,
    write_export,
)
from timeline_app.figure import build_figure
from timeline_app.model import Document, Event, Extraction, Timeline

TEXT = "Clashes erupted on Dec. 16. The town was sealed off in December. Unrest went on for years."
DOC = Document(TEXT, date(2012, 1, 26), "dateline", "mt", "Four Officers Prosecuted", "The Moscow Times")
FIRST, SECOND, THIRD = (TEXT.index(s) for s in ("Clashes", "The town", "Unrest"))

EVENTS = [
    Event("mt:0", "mt", date(2011, 12, 16), date(2011, 12, 16), "day", 'Clashes, "fierce" <b>', FIRST, SECOND - 1,
          0, "inferred", "Dec. 16: 16 Dec 2011"),
    Event("mt:1", "mt", date(2011, 12, 1), date(2011, 12, 31), "month", '=HYPERLINK("x")', SECOND, THIRD - 1, 1,
          "explicit", ""),
    Event("mt:2", "mt", date(2009, 1, 1), date(2011, 12, 31), "year", "Years of unrest", THIRD, len(TEXT), 2,
          "approximate", "for years"),
]


def test_csv_has_one_plain_row_per_event() -> None:
    orphan = Event("gone:0", "gone", date(2010, 3, 1), date(2010, 3, 1), "day", "-5 degrees", 0, 0, 0,
                   "explicit", "", "manual")  # added by hand
    assert events_csv([*EVENTS[:2], orphan], [DOC]) == (
        "id,source,published,date,start,end,granularity,certainty,edited,label,explanation,sentence,"
        "source_count,sources,conflict_dates\n"
        'mt:0,The Moscow Times,2012-01-26,16 Dec 2011,2011-12-16,2011-12-16,day,inferred,,'
        '"Clashes, ""fierce"" <b>",Dec. 16: 16 Dec 2011,Clashes erupted on Dec. 16.,'
        '1,"The Moscow Times [mt], 16 Dec 2011: Clashes erupted on Dec. 16.",\n'
        "mt:1,The Moscow Times,2012-01-26,Dec 2011,2011-12-01,2011-12-31,month,explicit,,"
        "\"'=HYPERLINK(\"\"x\"\")\",,The town was sealed off in December.,"
        '1,"The Moscow Times [mt], Dec 2011: The town was sealed off in December.",\n'
        "gone:0,gone,,1 Mar 2010,2010-03-01,2010-03-01,day,explicit,edited by you,'-5 degrees,,,"
        '1,"gone [gone], 1 Mar 2010",\n'
    )


def test_timeline_json_lists_documents_and_events() -> None:
    expected = {
        "documents": [{"id": "mt", "title": "Four Officers Prosecuted", "source": "The Moscow Times",
                       "published": "2012-01-26", "published_source": "dateline"}],
        "events": [{"id": "mt:1", "doc_id": "mt", "start": "2011-12-01", "end": "2011-12-31",
                    "granularity": "month", "label": '=HYPERLINK("x")', "sentence_start": SECOND,
                    "sentence_end": THIRD - 1, "expression": 1, "certainty": "explicit", "guessed": False,
                    "explanation": "",
                    "sources": [{"doc_id": "mt", "title": "Four Officers Prosecuted", "source": "The Moscow Times",
                                 "event_id": "mt:1", "sentence": "The town was sealed off in December.",
                                 "sentence_start": SECOND, "sentence_end": THIRD - 1, "start": "2011-12-01",
                                 "end": "2011-12-31", "granularity": "month", "certainty": "explicit",
                                 "date": "Dec 2011"}],
                    "conflict": None}],
    }
    assert json.loads(timeline_json([EVENTS[1]], [DOC])) == expected
    timeline = Timeline((Extraction(DOC, (), (EVENTS[1],)),))
    assert json.loads(timeline_json(timeline)) == expected


def test_timelinejs_keeps_only_the_date_parts_the_text_gives() -> None:
    data = json.loads(timelinejs_json(EVENTS, [DOC], "Zhanaozen & after"))
    assert data["title"] == {"text": {"headline": "Zhanaozen &amp; after",
                                      "text": "Sources: The Moscow Times, published 26 Jan 2012"}}
    assert data["events"] == [
        {"unique_id": "mt:0", "start_date": {"year": 2011, "month": 12, "day": 16}, "display_date": "16 Dec 2011",
         "text": {"headline": "Clashes, &quot;fierce&quot; &lt;b&gt;",
                  "text": "<p>Clashes erupted on Dec. 16.</p>"
                          "<p><small>Date worked out from context: Dec. 16: 16 Dec 2011</small></p>"},
         "group": "The Moscow Times"},
        {"unique_id": "mt:1", "start_date": {"year": 2011, "month": 12}, "display_date": "Dec 2011",
         "text": {"headline": "=HYPERLINK(&quot;x&quot;)",
                  "text": "<p>The town was sealed off in December.</p><p><small>Date stated in the text</small></p>"},
         "group": "The Moscow Times"},
        {"unique_id": "mt:2", "start_date": {"year": 2009}, "end_date": {"year": 2011},
         "display_date": "≈ 2009–2011",
         "text": {"headline": "Years of unrest",
                  "text": "<p>Unrest went on for years.</p><p><small>Approximate date: for years</small></p>"},
         "group": "The Moscow Times"},
    ]


@pytest.mark.parametrize(("name", "check"), [
    ("t.csv", lambda s: s.startswith("id,source,")),
    ("t.json", lambda s: [e["id"] for e in json.loads(s)["events"]] == ["mt:0", "mt:1", "mt:2"]),
    ("t.timelinejs.json", lambda s: json.loads(s)["title"]["text"]["headline"] == "Riots"),
])
def test_write_export_picks_the_format_from_the_name(tmp_path: Path, name: str, check: object) -> None:
    write_export(EVENTS, [DOC], tmp_path / name, title="Riots")
    assert check((tmp_path / name).read_text(encoding="utf-8"))  # type: ignore[operator]


def test_write_export_errors_are_one_line(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=r"^cannot export to 't\.docx': use one of \.png, \.svg"):
        write_export(EVENTS, [DOC], tmp_path / "t.docx")
    with pytest.raises(ExportError, match=r"^cannot write .*missing/t\.csv: No such file or directory$"):
        write_export(EVENTS, [DOC], tmp_path / "missing" / "t.csv")


def test_html_is_standalone_and_offline() -> None:
    page = to_html(build_figure(EVENTS, [DOC]))
    # booleans, not `in page`: pytest would diff the whole 5 MB page on failure
    inlined = "<script src=" not in page and "Plotly.newPlot" in page and len(page) > 1_000_000
    assert page.startswith("<!doctype html>") and inlined
    has_ids = '"customdata":["mt:0"]' in page
    label = '"\\u003cb\\u003e16 Dec 2011\\u003c\\u002fb\\u003e Clashes, \\"fierce\\" &lt;b&gt;"'  # plotly's JSON
    escaped = label in page and "fierce\\\" <b>" not in page and "fierce\\\" \\u003cb" not in page
    assert has_ids and escaped


def test_html_page_has_a_title_sources_and_a_text_alternative() -> None:
    page = page_html(EVENTS, [DOC], View(title="Riots <in> Zhanaozen"))
    head = page[:page.index("</head>")]
    assert "<title>Riots &lt;in&gt; Zhanaozen</title>" in head
    tail = page[page.rindex("</script>"):]
    assert '<p class="sources"' in tail and "Sources: The Moscow Times, published 26 Jan 2012" in tail
    assert "Timeline of 3 events from 1 article" in tail


def test_timelinejs_group_is_escaped() -> None:
    linked = Document(TEXT, date(2012, 1, 26), "given", "mt", None, '<a href="x">MT</a>')
    data = json.loads(timelinejs_json(EVENTS[:1], [linked]))
    assert data["events"][0]["group"] == "&lt;a href=&quot;x&quot;&gt;MT&lt;/a&gt;"


def test_list_exports_follow_the_view(tmp_path: Path) -> None:
    view = View(title="Riots", kind="list", period=(date(2011, 12, 1), date(2011, 12, 31)))
    write_export(EVENTS, [DOC], tmp_path / "l.md", view=view)
    write_export(EVENTS, [DOC], tmp_path / "l.csv", view=view)
    write_export(EVENTS, [DOC], tmp_path / "l.html", view=view)
    assert (tmp_path / "l.csv").read_text(encoding="utf-8").splitlines() == [
        "date,event,source,certainty,sources,conflict_dates",  # events of one article each: no sources listed
        "≈ 2009–2011,Years of unrest,The Moscow Times,approximate,,",
        "Dec 2011,\"'=HYPERLINK(\"\"x\"\")\",The Moscow Times,stated,,",
        '16 Dec 2011,"Clashes, ""fierce"" <b>",The Moscow Times,worked out,,']
    md = (tmp_path / "l.md").read_text(encoding="utf-8")
    assert md.startswith("# Riots\n\n**≈ 2009–2011**\n- Years of unrest (The Moscow Times; approximate)")
    assert '- Clashes, "fierce" \\<b\\> (The Moscow Times; worked out)' in md
    page = (tmp_path / "l.html").read_text(encoding="utf-8")
    assert "<title>Riots</title>" in page and "&lt;b&gt;" in page and "<b>" not in page


def test_missing_browser_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chrome")
    with pytest.raises(ExportError, match=r"^BROWSER_PATH='/nonexistent/chrome' is not an executable browser$"):
        figure_bytes(build_figure(EVENTS, [DOC]), "png")


@pytest.mark.skipif(not Path("/bin/false").exists(), reason="needs /bin/false as a browser that dies")
def test_browser_that_dies_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BROWSER_PATH", "/bin/false")
    with pytest.raises(ExportError) as caught:
        figure_bytes(build_figure(EVENTS, [DOC]), "png")
    assert str(caught.value) == ("could not start the browser /bin/false: "
                                 "The browser seemed to close immediately after starting.")


def test_unknown_image_format_is_refused() -> None:
    with pytest.raises(ExportError, match="unknown image format 'gif'"):
        figure_bytes(build_figure(EVENTS, [DOC]), "gif")  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def session() -> Iterator[None]:
    """One Chromium for all image tests: starting it is the slow part."""
    with browser_session():
        yield


@pytest.fixture(scope="module")
def slide() -> object:
    return build_figure(EVENTS, [DOC], title="Zhanaozen", for_export=True)


@pytest.mark.browser
@needs_browser
def test_png_is_a_16_9_slide(session: None, slide: object) -> None:
    png = figure_bytes(slide, "png")  # type: ignore[arg-type]
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert png[12:16] == b"IHDR"
    assert struct.unpack(">II", png[16:24]) == (1920, 1080)


@pytest.mark.browser
@needs_browser
def test_svg_parses_and_keeps_text_as_text(session: None, slide: object) -> None:
    svg = figure_bytes(slide, "svg", width=1280, height=720)  # type: ignore[arg-type]
    root = ElementTree.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert (root.get("width"), root.get("height")) == ("1280", "720")
    assert "Sources: The Moscow Times, published 26 Jan 2012" in svg.decode()


@pytest.mark.browser
@needs_browser
def test_pdf_written_by_extension(session: None, tmp_path: Path) -> None:
    write_export(EVENTS, [DOC], tmp_path / "t.pdf", title="Zhanaozen & after")
    assert (tmp_path / "t.pdf").read_bytes().startswith(b"%PDF")
    from pypdf import PdfReader

    assert PdfReader(tmp_path / "t.pdf").metadata.title == "Zhanaozen & after"


def test_an_image_is_handed_back_before_its_page_reloads() -> None:
    """Kaleido reloads its page after every image (300-500 ms); the export must not wait for that."""

    class Tab:
        def __init__(self) -> None:
            self.gate = asyncio.Event()
            self.tab = SimpleNamespace(target_id="tab1")  # what kaleido logs

        async def reload(self) -> None:
            await self.gate.wait()

    async def scenario() -> tuple[bool, int, int]:
        renderer = _Kaleido(path=DEBIAN_CHROMIUM, n=TABS)
        tab = Tab()
        await asyncio.wait_for(renderer._return_kaleido_tab(tab), 1)  # returns at once, reload pending
        waiting = renderer.tabs_ready.qsize()
        tab.gate.set()
        await renderer.settle()
        return bool(renderer._reloads), waiting, renderer.tabs_ready.qsize()

    pending, before, after = asyncio.run(scenario())
    assert (pending, before, after) == (False, 0, 1)  # the tab is back in the queue once reloaded
