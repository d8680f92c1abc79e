"""Articles from a link, and HTML files: fetch a page safely, read its article and its date.

The only module that imports trafilatura and htmldate (lazily: only web pages pay for them).

* **Fetching** (``fetch``): http and https only, a time limit for the whole download, a size
  limit checked on the announced length and again while streaming (the download stops there),
  at most ``MAX_REDIRECTS`` redirects and never the same URL twice. Every failure (an HTTP
  error, an unreachable host, a timeout, a redirect loop, a huge file, an answer that is not a
  web page, binary content) is one ``FetchError`` with a sentence for the user.
* **Reading** (``read_html``): trafilatura takes the main text without navigation, captions,
  share buttons or comments; the title is og:title, <title> or <h1> as for any HTML file
  (ingest.py), else the text's first line; chrome lines (copyright, "Share this",
  a section label) it lets through are dropped (``chrome.py``). A page with no article text is a ``FetchError`` too.
* **The publication date**, with where it came from: a date line at the top without a year
  ("April 19 (UPI) - ...") takes its year from the page's date; otherwise htmldate reads the
  page's markup (it is handed a parsed tree, never a URL, so it cannot fetch anything itself);
  otherwise our own detection (published.py: metadata, "Published" lines, datelines).
"""

from __future__ import annotations

import re
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from .chrome import is_chrome
from .ingest import MAX_BYTES, InputError, _decode, _declared_charset, _read_html, document_from_text
from .model import Document
from .published import _MONTH, parse_date

TIMEOUT_SECONDS = 20.0
MAX_REDIRECTS = 5
_CHUNK = 64 * 1024
_HTML_TYPES = {"text/html", "application/xhtml+xml"}
_USER_AGENT = "timeline_app (reads one article for a journalist's timeline)"
# "April 19 (UPI) -", "WASHINGTON, Jan. 5 (Reuters) —": a date line that names no year.
_YEARLESS_DATELINE = re.compile(
    rf"^[ \t]*(?:(?-i:[A-Z][A-Z.'’ -]{{1,40}}),\s+)?(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}})(?!\d|,?\s*\d{{4}})"
    r"\s*(?:\([^)\n]{1,30}\))?\s*[-–—]", re.IGNORECASE | re.MULTILINE)
_DATELINE_WINDOW = 600


class FetchError(InputError):
    """A link that could not be read as an article; ``str()`` is one line for the user."""


@dataclass(frozen=True)
class Page:
    url: str  # after redirects
    data: bytes
    charset: str | None


# ---------------------------------------------------------------- public API

def read_url(url: str, *, doc_id: str | None = None, published: date | None = None,
             timeout: float = TIMEOUT_SECONDS, max_bytes: int = MAX_BYTES) -> Document:
    """Fetch ``url`` and read its article (``Document.source`` is the link as given)."""
    page = fetch(url, timeout=timeout, max_bytes=max_bytes)
    return read_html(page.data, url, doc_id=doc_id, published=published, url=page.url,
                     charset=page.charset)


def fetch(url: str, *, timeout: float = TIMEOUT_SECONDS, max_bytes: int = MAX_BYTES) -> Page:
    """Download one web page within the limits in the module docstring."""
    if urllib.parse.urlsplit(url).scheme.lower() not in ("http", "https"):
        raise FetchError(f"{url}: only http:// and https:// links can be read")
    opener = urllib.request.build_opener(_Redirects())
    request = urllib.request.Request(url, headers={"User-Agent": _USER_AGENT, "Accept": "text/html,*/*;q=0.5"})
    deadline = time.monotonic() + timeout
    try:
        with opener.open(request, timeout=timeout) as response:
            _check_headers(url, response.headers, max_bytes)
            data = _read_limited(url, response, max_bytes, deadline, timeout)
            final, charset = response.geturl(), response.headers.get_content_charset()
    except FetchError:
        raise
    except urllib.error.HTTPError as exc:
        target = urllib.parse.urljoin(url, (exc.headers or {}).get("Location") or "")
        if 300 <= exc.code < 400 and urllib.parse.urlsplit(target).scheme.lower() not in ("http", "https"):
            raise FetchError(f"{url}: redirects to {target}, which is not an http(s) link") from None
        if 300 <= exc.code < 400:
            raise FetchError(f"{url}: too many redirects (more than {MAX_REDIRECTS}), or a redirect loop") from None
        raise FetchError(f"{url}: the site answered {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError | socket.timeout):
            raise FetchError(f"{url}: no answer within {timeout:g} s") from None
        raise FetchError(f"{url}: could not connect ({exc.reason})") from None
    except (TimeoutError, socket.timeout):
        raise FetchError(f"{url}: no answer within {timeout:g} s") from None
    except (OSError, ValueError) as exc:  # a reset connection, a malformed answer or URL
        raise FetchError(f"{url}: the page could not be downloaded ({exc})") from None
    if b"\x00" in data[:4096]:
        raise FetchError(f"{url}: the link gives binary data, not a web page")
    return Page(final, data, charset)


def read_html(data: bytes, name: str, *, doc_id: str | None = None, published: date | None = None,
              url: str | None = None, charset: str | None = None) -> Document:
    """Read a web page (fetched, or an uploaded .html file) as a Document."""
    html = _decode(data, name, declared=charset or _declared_charset(data))
    # Our own reading first: date metadata, the title, short pages; and its element and depth limits
    # refuse a hostile page (a giant table, deep nesting) before trafilatura builds a tree of it.
    ours = _read_html(data, name)
    import trafilatura  # lazy: see module docstring
    from trafilatura.settings import DEFAULT_CONFIG

    # No trafilatura metadata: it would run htmldate a second time; the title and date are read below.
    found = trafilatura.bare_extraction(html, url=url, include_comments=False, include_images=False,
                                        include_tables=True, include_links=False)
    text = _without_chrome((found.text or "").split("\n") if found else [])
    if len(text) < DEFAULT_CONFIG.getint("DEFAULT", "MIN_EXTRACTED_SIZE"):
        # Below this size trafilatura gives up on finding the article and splits the page at every tag;
        # our reader keeps its paragraphs, lists and tables whole (a page this short has little chrome).
        text = _without_chrome(ours.text.split("\n\n"))
    if not text.strip():
        raise FetchError(f"{name}: no article text found on the page")
    title = ours.title  # None: document_from_text takes the first line that is not chrome
    doc = document_from_text(text, doc_id=doc_id, title=title, source=name, published=published,
                             html_meta=ours.meta)
    if published is not None:
        return doc
    page_date = _htmldate(html)
    best = (page_date, "page date (htmldate)") if page_date and page_date != doc.published else None
    best = best or ((doc.published, doc.published_source) if doc.published else None)  # ours names its source
    best = _yearless_dateline(text, best[0] if best else None) or best
    if best is None:
        return doc
    return replace(doc, published=best[0], published_source=best[1])


def _without_chrome(paragraphs: list[str]) -> str:
    return "\n\n".join(p.strip() for p in paragraphs if p.strip() and not is_chrome(p))


# ---------------------------------------------------------------- fetching

class _Redirects(urllib.request.HTTPRedirectHandler):
    """urllib's redirects, fewer of them, never twice to one URL, never off http(s)."""

    max_redirections = MAX_REDIRECTS
    max_repeats = 1

    def redirect_request(self, req: urllib.request.Request, fp: Any, code: int, msg: str, headers: Any,
                         newurl: str) -> urllib.request.Request | None:
        if urllib.parse.urlsplit(newurl).scheme.lower() not in ("http", "https"):
            raise FetchError(f"{req.full_url}: redirects to {newurl}, which is not an http(s) link")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _check_headers(url: str, headers: Any, max_bytes: int) -> None:
    kind = headers.get("Content-Type")
    if kind and headers.get_content_type() not in _HTML_TYPES:
        raise FetchError(f"{url}: not a web page (the site sent {headers.get_content_type()})")
    length = headers.get("Content-Length")
    if length and length.isdigit() and int(length) > max_bytes:
        raise FetchError(f"{url}: the page is too large ({int(length) / 2**20:.1f} MB; "
                         f"the limit is {max_bytes / 2**20:.1f} MB)")


def _read_limited(url: str, response: Any, max_bytes: int, deadline: float, timeout: float) -> bytes:
    """Stream the body, stopping as soon as it passes the size or the time limit."""
    chunks, size = [], 0
    while chunk := response.read(_CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"{url}: the page is too large (more than {max_bytes / 2**20:.1f} MB)")
        if time.monotonic() > deadline:
            raise FetchError(f"{url}: the download took longer than {timeout:g} s")
        chunks.append(chunk)
    return b"".join(chunks)


# ---------------------------------------------------------------- dates

def _htmldate(html: str) -> date | None:
    """The page's publication date by htmldate, from a parsed tree only (it cannot fetch).

    Without the URL: htmldate would rank a date in the link above the page's own metadata.
    """
    from htmldate import find_date
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None:
        return None
    try:
        found = find_date(tree, extensive_search=False, original_date=True)
    except (ValueError, TypeError):
        return None
    return parse_date(found) if found else None


def _yearless_dateline(text: str, page_date: date | None) -> tuple[date, str] | None:
    """A date line without a year, completed with the page date's year (the year before, when
    the day would fall after the page date: a 30 December dateline on a page dated 2 January)."""
    match = _YEARLESS_DATELINE.search(text, 0, _DATELINE_WINDOW)
    if page_date is None or match is None:
        return None
    for year in (page_date.year, page_date.year - 1):
        day = parse_date(f"{match['day']} {match['month'].rstrip('.')} {year}")
        if day and day <= page_date + timedelta(days=1):
            return day, "dateline (year from the page date)"
    return None
