"""Articles from a link: pages served by a local server started here; nothing leaves 127.0.0.1."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.local_server import PageHandler, serve
from timeline_app.ingest import InputError, read_document
from timeline_app.webpage import FetchError, read_html, read_url

ARTICLE = b"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Harbour master quits | Portmere Post</title>
<meta property="og:title" content="Harbour master quits after the flood">
<meta property="article:published_time" content="2021-03-05T09:00:00Z">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<div class="ad">Advertisement</div>
<article>
<h1>Harbour master quits after the flood</h1>
<p>The harbour master of Portmere resigned on Tuesday, two days after a storm flooded the harbour and sank
three fishing boats at their moorings, the town council said in a statement.</p>
<figure><img src="boats.jpg"><figcaption>Boats sunk at their moorings on Sunday.</figcaption></figure>
<p>Councillors had asked him to explain why the flood gates were left open during the storm, which the coast
guard had forecast two days earlier. He said he would answer their questions at a public meeting next week.</p>
<p>The ferry to Innis, cancelled since the storm, is due to sail again on Friday, its operator said.</p>
<p>Share this on Facebook</p>
</article>
<footer><p>Copyright 2021 Portmere Post. All rights reserved.</p><p><a href="/privacy">Privacy</a></p></footer>
</body></html>"""

BODY = ("<p>The harbour master of Portmere resigned over the flooding of the harbour, which sank three fishing "
        "boats at their moorings and closed the ferry to Innis, the town council said in a long statement.</p>"
        "<p>Councillors had asked him to explain why the flood gates were left open during the storm.</p>")
DATELINE = (f"<html><head><meta name='pubdate' content='2021-04-21'></head><body><article><h1>Flood inquiry</h1>"
            f"<p>PORTMERE, April 19 (UPI) -- {BODY[3:]}</article></body></html>").encode()
HTMLDATE_ONLY = (f"<html><head><meta name='pubdate' content='2021-04-21'></head><body><article><h1>Flood</h1>"
                 f"{BODY}</article></body></html>").encode()

ROUTES: dict[str, tuple[int, dict[str, str], bytes]] = {
    "/article": (200, {"Content-Type": "text/html; charset=utf-8"}, ARTICLE),
    "/dateline": (200, {"Content-Type": "text/html"}, DATELINE),
    "/htmldate": (200, {"Content-Type": "text/html"}, HTMLDATE_ONLY),
    "/pdf": (200, {"Content-Type": "application/pdf"}, b"%PDF-1.4 ..."),
    "/binary": (200, {"Content-Type": "text/html"}, b"\x00\x01\x02" * 1000),
    "/announced-huge": (200, {"Content-Type": "text/html", "Content-Length": str(50 * 2**20)}, b""),
    "/loop": (302, {"Location": "/loop2"}, b""),
    "/loop2": (302, {"Location": "/loop"}, b""),
    "/to-article": (301, {"Location": "/article"}, b""),
    "/to-file": (302, {"Location": "file:///etc/passwd"}, b""),
    "/empty": (200, {"Content-Type": "text/html"}, b"<html><body><nav><a href='/'>Home</a></nav></body></html>"),
}


class _Handler(PageHandler):
    pages = ROUTES

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        if self.path == "/endless":  # no Content-Length: streams until the client stops reading
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(10_000):
                    self.wfile.write(b"<p>" + b"x" * 4096 + b"</p>")
            except OSError:
                pass
            return
        if self.path == "/slow":
            time.sleep(1.5)
            self.path = "/article"
        super().do_GET()


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with serve(_Handler) as url:
        yield url


def test_an_article_page_gives_its_text_title_and_date(server: str) -> None:
    doc = read_url(f"{server}/to-article")
    assert doc.title == "Harbour master quits after the flood"
    assert doc.source == f"{server}/to-article"
    assert (doc.published, doc.published_source) == (date(2021, 3, 5), "meta article:published_time")
    assert "The harbour master of Portmere resigned on Tuesday" in doc.text
    assert "due to sail again on Friday" in doc.text
    for chrome in ("Home", "Advertisement", "Boats sunk", "Share this", "Copyright", "Privacy"):
        assert chrome not in doc.text


def test_a_date_only_htmldate_knows(server: str) -> None:
    doc = read_url(f"{server}/htmldate")
    assert (doc.published, doc.published_source) == (date(2021, 4, 21), "page date (htmldate)")


def test_a_dateline_without_a_year_takes_the_page_dates_year(server: str) -> None:
    doc = read_url(f"{server}/dateline")
    assert (doc.published, doc.published_source) == (date(2021, 4, 19), "dateline (year from the page date)")


@pytest.mark.parametrize("path, message", [
    ("/missing", "the site answered 404 Not Found"),
    ("/pdf", "not a web page (the site sent application/pdf)"),
    ("/binary", "binary data, not a web page"),
    ("/announced-huge", "too large (50.0 MB; the limit is"),
    ("/endless", "too large (more than 1.0 MB)"),
    ("/loop", "too many redirects (more than 5), or a redirect loop"),
    ("/to-file", "not an http(s) link"),
    ("/empty", "no article text found on the page"),
])
def test_bad_links_give_one_clear_message(server: str, path: str, message: str) -> None:
    with pytest.raises(FetchError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_url(f"{server}{path}", max_bytes=2**20)


def test_a_slow_server_times_out(server: str) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError, match="no answer within 0.3 s"):
        read_url(f"{server}/slow", timeout=0.3)
    assert time.monotonic() - started < 1.4


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1/x", "javascript:alert(1)"])
def test_only_web_links(url: str) -> None:
    with pytest.raises(FetchError, match="only http:// and https:// links"):
        read_url(url)


def test_an_unreachable_host_is_one_message() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens here once closed
    with pytest.raises(FetchError, match="could not connect"):
        read_url(f"http://127.0.0.1:{port}/x", timeout=2)


def test_reading_a_page_never_opens_a_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the reader tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    doc = read_html(ARTICLE, "page.html", url="https://news.invalid/2020/01/01/harbour")
    assert doc.published == date(2021, 3, 5)
    link = read_html(b"https://news.invalid/2021/04/19/story", "link.html")  # a page that is only a link
    assert link.text == "https://news.invalid/2021/04/19/story"


def test_an_uploaded_html_file_goes_through_the_same_reader() -> None:
    doc = read_document(ARTICLE, "saved.html")
    assert doc.title == "Harbour master quits after the flood"
    assert "Share this" not in doc.text and "Advertisement" not in doc.text
    assert doc.source == "saved.html"


_MARKUP = st.sampled_from(["<p>", "</p>", "<div>", "<article>", "</article>", "<nav>", "<script>", "<!--", "-->",
                           "<meta name='date' content='2021-03-0", "<h1>", "&amp;", "&#0;", "\x00", "\ufffd",
                           "Copyright 2021", "April 19 (UPI) -", "\n"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(_MARKUP, st.text(max_size=40)), max_size=40))
def test_any_html_gives_a_document_or_one_clear_message(parts: list[str]) -> None:
    data = "".join(parts).encode("utf-8", errors="surrogatepass")
    try:
        doc = read_html(data, "page.html")
    except InputError as exc:  # FetchError is one: a sentence for the user, never a traceback
        assert str(exc) and "\n" not in str(exc)
    else:
        assert doc.text.strip()
