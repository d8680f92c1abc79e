"""Whatever bytes arrive, reading ends quickly in a Document or an InputError."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.test_ingest import make_docx, make_pdf

from timeline_app.ingest import InputError, read_document
from timeline_app.published import detect_published, parse_date

EXTENSIONS = ["a.txt", "a.md", "a.html", "a.htm", "a.docx", "a.pdf", "upload"]
VALID_PDF = make_pdf(["Published January 26, 2012", "Police fired on Dec. 16."], ["Page 2"])
VALID_DOCX = make_docx("January 26, 2012", "Police fired on Dec. 16.", table=[["a", "b"]])
HTML_PIECES = ["<div>", "</div>", "<p>", "</p>", "<script>", "</script>", "<style>", "<!--",
               "-->", "<![CDATA[", "<!doctype html>", "&amp;", "&#", "&#x110000;", "<", ">",
               "<br/>", "<pre>", "<title>", "</title>", "<h1>", "<table><tr><td>", "text ",
               "\n", '<meta name="date" content="', '2012-01-26">', '<time pubdate datetime="',
               '<script type="application/ld+json">{"datePublished": "', "\x00", "\r", "é"]
QUICK = settings(max_examples=40, deadline=timedelta(seconds=2),
                 suppress_health_check=[HealthCheck.too_slow])
MAX_SECONDS = 2.0


@pytest.fixture(scope="module", autouse=True)
def _warm_up_libraries() -> None:
    """Load lxml, python-docx, pypdf and dateparser once, so timings measure reading only."""
    read_document(VALID_PDF, "a.pdf")
    read_document(VALID_DOCX, "a.docx")
    read_document(b"<p>x</p>", "a.html")
    parse_date("Thu, 26 Jan 2012 10:00:00 GMT")


def read_quickly(data: bytes, name: str) -> None:
    """Read and check the one contract every input shares."""
    started = time.perf_counter()
    try:
        doc = read_document(data, name)
    except InputError as error:
        message = str(error)
        assert message and "\n" not in message and "Traceback" not in message
    else:
        assert isinstance(doc.text, str) and "\r" not in doc.text
    assert time.perf_counter() - started < MAX_SECONDS


@QUICK
@given(data=st.binary(max_size=3000), name=st.sampled_from(EXTENSIONS))
def test_arbitrary_bytes(data: bytes, name: str) -> None:
    read_quickly(data, name)


@QUICK
@given(pieces=st.lists(st.sampled_from(HTML_PIECES), max_size=300),
       name=st.sampled_from(["a.html", "upload", "a.md", "a.txt"]))
def test_markup_soup(pieces: list[str], name: str) -> None:
    read_quickly("".join(pieces).encode("utf-8"), name)


@QUICK
@given(valid=st.sampled_from([(VALID_PDF, "a.pdf"), (VALID_DOCX, "a.docx")]),
       edits=st.lists(st.tuples(st.integers(min_value=0), st.integers(0, 255)), min_size=1,
                      max_size=8),
       cut=st.integers(min_value=1))
def test_damaged_pdf_and_docx(valid: tuple[bytes, str], edits: list[tuple[int, int]],
                              cut: int) -> None:
    data = bytearray(valid[0])
    for position, value in edits:
        data[position % len(data)] = value
    read_quickly(bytes(data[: max(1, len(data) - cut % len(data))]), valid[1])


@QUICK
@given(prefix=st.sampled_from([b"%PDF-1.4\n", b"PK\x03\x04", b"\xff\xfe", b"\xef\xbb\xbf"]),
       rest=st.binary(max_size=2000), name=st.sampled_from(EXTENSIONS))
def test_plausible_headers_with_junk(prefix: bytes, rest: bytes, name: str) -> None:
    read_quickly(prefix + rest, name)


TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\ufeff")
               | st.sampled_from("\n\t\r"), max_size=400)


@QUICK
@given(text=TEXT)
def test_utf8_text_is_kept_exactly(text: str) -> None:
    data = text.encode("utf-8")
    expected = text.replace("\r\n", "\n").replace("\r", "\n") if data.strip() else ""
    assert read_document(data, "a.txt").text == expected


@QUICK
@given(text=st.text(max_size=300))
def test_date_detection_never_fails(text: str) -> None:
    found = detect_published(text, html_meta={"date": text, "article:published_time": text})
    assert found is None or 1800 <= found[0].year <= 2100
