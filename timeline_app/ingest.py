"""Turn uploaded files and pasted text into ``Document``s.

Every span the app shows is an offset into ``Document.text``, so each format is
reduced here, once, to the plain text a journalist would read; nothing later
re-reads the original file. Anything wrong with an input surfaces as one
``InputError`` with a sentence fit for the UI, never a library traceback.

Third-party readers sit behind this module only: lxml (HTML), python-docx and
pypdf; web pages are read by webpage.py (trafilatura, htmldate), which uses the
HTML reader here for the page's date metadata and title. HTML goes through
lxml's streaming parser interface rather than a tree, so ten thousand nested
tags cost no recursion and hostile markup stays linear.
"""

from __future__ import annotations

import codecs
import io
import logging
import re
import zipfile
from collections.abc import Callable
from datetime import date
from itertools import pairwise
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from .identity import document_id
from .chrome import is_chrome
from .model import Document
from .published import JSONLD_KEY, TIME_KEY, detect_published, first_jsonld_date

if TYPE_CHECKING:
    from docx.table import Table

MAX_BYTES = 10 * 1024 * 1024
# What one article may cost, whatever its file claims: counted as it is really decompressed and read.
_MAX_UNPACKED_BYTES = 100 * 1024 * 1024  # everything a .docx inflates to (images included)
_MAX_XML_BYTES = 20 * 1024 * 1024  # its XML, which python-docx holds as a tree
_MAX_ZIP_MEMBERS = 5_000
_MAX_ELEMENTS = 300_000  # HTML elements: a long article has a few thousand
_MAX_DEPTH = 20_000  # HTML nesting: libxml2's cost per tag grows with it
# The text read from one article; more is cut (at a paragraph break when one is near) and the
# user told how much was read: at worst the engine reads a dense fixture list at ~15 s per MB.
MAX_TEXT_CHARS = 1_000_000
_CHUNK = 1 << 16
_MAX_TITLE_CHARS = 300
_CONTROL_SHARE = 0.05  # more control characters than this and it is not text
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # Cc except tab/newline/vt/ff/cr
_SUPPORTED = ".txt, .md, .html, .docx, .pdf"

log = logging.getLogger(__name__)


class InputError(ValueError):
    """An input the app cannot read; ``str()`` is a one-line message for the user."""


class _Parsed(NamedTuple):
    text: str
    title: str | None = None
    meta: dict[str, str] | None = None


# ---------------------------------------------------------------- public API

def read_document(data: bytes, filename: str, *, doc_id: str | None = None,
                  published: date | None = None, max_bytes: int = MAX_BYTES) -> Document:
    """Read one uploaded file; the format comes from the extension, else from the bytes."""
    name = Path(filename).name or "input"
    if len(data) > max_bytes:
        raise _too_large(name, len(data), max_bytes)
    kind = _kind(data, name) if data.strip() else "text"
    if kind == "html":  # web pages: the same reader as links (webpage.py)
        from .webpage import read_html

        return read_html(data, name, doc_id=doc_id, published=published)
    parsed = _READERS[kind](data, name) if data.strip() else _Parsed("")
    return document_from_text(parsed.text, doc_id=doc_id, title=parsed.title,
                              source=name, published=published, html_meta=parsed.meta)


def read_path(path: str | PathLike[str], *, doc_id: str | None = None,
              published: date | None = None, max_bytes: int = MAX_BYTES) -> Document:
    """Read a file from disk, checking its size before loading it into memory."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise _too_large(path.name, size, max_bytes)
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot open {path.name}: {exc.strerror or exc}") from exc
    return read_document(data, path.name, doc_id=doc_id, published=published,
                         max_bytes=max_bytes)


def document_from_text(text: str, *, doc_id: str | None = None, title: str | None = None,
                       source: str | None = None, published: date | None = None,
                       html_meta: dict[str, str] | None = None) -> Document:
    """Wrap already-extracted text (or a paste) as a Document with its publication date.

    A given ``published`` wins (source "given"); otherwise it is detected, and
    left empty rather than guessed when nothing in the text is reliable. Without a
    ``doc_id`` the document is named by its text (identity.document_id).
    """
    text, full_size = _within_limit(_normalise_newlines(text))
    if published is not None:
        found: tuple[date, str] | None = (published, "given")
    else:
        found = detect_published(text, html_meta=html_meta)
    return Document(text=text, published=found[0] if found else None,
                    published_source=found[1] if found else None,
                    id=doc_id or document_id(text), title=title or _first_line_title(text), source=source,
                    full_size=full_size)


def _within_limit(text: str) -> tuple[str, int | None]:
    """The text cut to MAX_TEXT_CHARS, at the last paragraph break (else line, else space) in its
    final tenth, and the whole text's size in UTF-8 bytes when it was cut."""
    if len(text) <= MAX_TEXT_CHARS:
        return text, None
    floor = MAX_TEXT_CHARS * 9 // 10
    cut = next((i for sep in ("\n\n", "\n", " ") if (i := text.rfind(sep, floor, MAX_TEXT_CHARS)) > 0),
               MAX_TEXT_CHARS)
    return text[:cut].rstrip(), len(text.encode("utf-8", "surrogatepass"))


def truncation_note(doc: Document) -> str | None:
    """What the app and CLI say when only the start of a long article was read."""
    if doc.full_size is None:
        return None
    return (f"This article is {doc.full_size / 2**20:.1f} MB; the first {len(doc.text):,} characters "
            "were read.")


# ---------------------------------------------------------------- formats

def _kind(data: bytes, name: str) -> str:
    """Pick a reader by extension; sniff the bytes when the extension says nothing."""
    suffix = Path(name).suffix.lower()
    if suffix in _EXTENSIONS:
        return _EXTENSIONS[suffix]
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    head = data[:2048].decode("latin-1").lower()
    return "html" if re.search(r"<(?:!doctype\s+html|html|head|body)\b", head) else "text"


def _read_text(data: bytes, name: str) -> _Parsed:
    return _Parsed(_decode(data, name))


def _read_markdown(data: bytes, name: str) -> _Parsed:
    return _Parsed(_strip_markdown(_decode(data, name)))


def _read_html(data: bytes, name: str) -> _Parsed:
    text = _decode(data, name, declared=_declared_charset(data))
    from lxml import etree  # lazy: only HTML uploads pay for lxml

    target = _HtmlText(name)
    # huge_tree lifts libxml2's caps on nesting depth and text-node size (10 MB): _HtmlText sets its own.
    parser = etree.HTMLParser(target=target, encoding="utf-8", huge_tree=True)
    try:
        parser.feed(text.encode("utf-8"))
        parser.close()
    except InputError:
        raise
    except Exception as exc:  # lxml's error types vary by version; the user needs one message
        if target.refused is not None:  # lxml may wrap what a target callback raised
            raise target.refused from None
        raise InputError(f"{name} is not readable HTML (the markup could not be parsed)") from exc
    return _Parsed(target.text(), target.title(), target.meta)


def _read_docx(data: bytes, name: str) -> _Parsed:
    import docx  # lazy: python-docx is slow to import and rarely needed
    from docx.table import Table

    try:
        _check_unpacked(data, name)
        doc = docx.Document(io.BytesIO(data))
        blocks = [_table_text(block) if isinstance(block, Table) else block.text
                  for block in doc.iter_inner_content()]
        title = doc.core_properties.title
    except InputError:
        raise
    except Exception as exc:  # python-docx raises zip, XML and key errors alike
        raise InputError(f"{name} is not a readable Word document "
                         "(file is damaged or not .docx)") from exc
    text = "\n\n".join(block.strip() for block in blocks if block.strip())
    return _Parsed(text, _clean_title(title))


def _read_pdf(data: bytes, name: str) -> _Parsed:
    import pypdf  # lazy: slow to import and rarely needed

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputError(f"{name} is a password-protected PDF; remove the password first")
        pages = [page.extract_text() or "" for page in reader.pages]
        title = reader.metadata.title if reader.metadata else None
    except InputError:
        raise
    except Exception as exc:  # pypdf raises many unrelated types for damaged files
        raise InputError(f"{name} is not a readable PDF (file is damaged or encrypted)") from exc
    return _Parsed(_pdf_text(pages), _clean_title(title))


_READERS: dict[str, Callable[[bytes, str], _Parsed]] = {
    "text": _read_text, "markdown": _read_markdown,
    "docx": _read_docx, "pdf": _read_pdf,
}
_EXTENSIONS = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
               ".html": "html", ".htm": "html", ".docx": "docx", ".pdf": "pdf"}


# ---------------------------------------------------------------- decoding

_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig", "UTF-8"), (b"\xff\xfe", "utf-16", "UTF-16"),
         (b"\xfe\xff", "utf-16", "UTF-16"))


def _decode(data: bytes, name: str, declared: str | None = None) -> str:
    """Bytes to text without silent mojibake; a non-UTF-8 guess is logged.

    Order: byte-order mark, strict UTF-8, UTF-8 with a few bad bytes replaced
    (when real UTF-8 characters show it is UTF-8), the HTML-declared charset,
    then Windows-1252 and Latin-1.
    """
    text, encoding = _guess_encoding(data, name, declared)
    if encoding not in ("utf-8", "utf-8-sig", "utf-16"):
        log.warning("%s is not UTF-8; decoded as %s", name, encoding)
    text = _normalise_newlines(text)
    if _looks_binary(text):
        raise InputError(f"{name} does not look like text (binary data, or UTF-16 "
                         f"without a byte-order mark); supported formats: {_SUPPORTED}")
    return text


def _guess_encoding(data: bytes, name: str, declared: str | None) -> tuple[str, str]:
    for bom, encoding, label in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise InputError(f"{name} starts with a {label} byte-order mark "
                                 f"but is not valid {label}") from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    lenient = data.decode("utf-8", errors="replace")
    if re.search("[^\x00-\x7f\ufffd]", lenient):  # real UTF-8 characters: bad bytes are noise
        return lenient, "utf-8 (invalid bytes replaced)"
    for fallback in (declared, "cp1252"):
        if fallback:
            try:
                return data.decode(fallback), fallback
            except (UnicodeDecodeError, LookupError):
                continue
    return data.decode("latin-1"), "latin-1"


def _declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first kilobytes, read as browsers do.

    Browsers read "iso-8859-1" and "ascii" as Windows-1252 (which has the curly
    quotes such pages really contain) and ignore a declared UTF-16 or UTF-32.
    """
    match = re.search(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([\w.:-]{1,40})""",
                      data[:4096], re.IGNORECASE)
    try:
        codec = codecs.lookup(match[1].decode("ascii")).name if match else None
    except LookupError:
        return None
    if codec in ("iso8859-1", "ascii"):
        return "cp1252"
    return None if codec is None or codec.startswith("utf-") else codec


def _looks_binary(text: str) -> bool:
    return "\x00" in text or len(_CONTROLS.findall(text)) > _CONTROL_SHARE * len(text)


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# ---------------------------------------------------------------- Markdown

_MD_RULES = (
    (re.compile(r"^ {0,3}(?:[-*_] *){3,}$|^ {0,3}=+ *$", re.MULTILINE), ""),   # rules, setext underlines
    (re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$", re.MULTILINE), r"\1"),  # ATX headings
    (re.compile(r"^ {0,3}#{1,6}$", re.MULTILINE), ""),                           # empty headings
    (re.compile(r"^ {0,3}> ?", re.MULTILINE), ""),                               # block quotes
    (re.compile(r"!?\[([^\[\]\n]{0,500})\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"\n]*\")?\)"),
     r"\1"),                                                              # links, images
    (re.compile(r"<((?:https?|ftp)://[^\s<>]+|mailto:[^\s<>]+)>", re.IGNORECASE), r"\1"),  # autolinks
    (re.compile(r"\*\*(?=[^\s*])([^*\n]{0,300}?[^\s*])\*\*"), r"\1"),      # **strong**
    (re.compile(r"(?<!\w)__(?=[^\s_])([^_\n]{0,300}?[^\s_])__(?!\w)"), r"\1"),  # __strong__
)


def _strip_markdown(text: str) -> str:
    """Drop the markup a reader never sees; keep everything else exactly as written."""
    for rx, replacement in _MD_RULES:
        text = rx.sub(replacement, text)
    return text


# ---------------------------------------------------------------- HTML

_SKIPPED = frozenset({"script", "style", "noscript", "template", "svg", "iframe", "title"})
_PARAGRAPHS = frozenset({
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "ul", "ol", "dl", "table",
    "figure", "hr", "section", "article", "header", "footer", "main", "aside", "nav",
    "address", "form", "fieldset", "details",
})
_LINES = frozenset({"div", "li", "dt", "dd", "tr", "br", "figcaption", "summary", "caption",
                    "body", "html"})
_CELLS = frozenset({"td", "th"})
_CAPTURES = {"title": "title", "h1": "h1", "script": "json-ld"}  # closing tag -> what it ends
_SPACES = re.compile(r"[ \t\n\r\f\xa0]+")


class _HtmlText:
    """lxml parser target: collects readable text, the title and date metadata.

    Callbacks, not a tree: no recursion however deep the nesting, and hidden
    content (scripts, styles, templates) is dropped as it streams past.
    """

    def __init__(self, name: str = "input") -> None:
        self.name = name
        self.refused: InputError | None = None  # why reading stopped early, if it did
        self._elements = 0
        self._depth = 0
        self.meta: dict[str, str] = {}
        self._out: list[str] = []
        self._pending_break = 0
        self._hidden = 0
        self._pre = 0
        self._capture: str | None = None  # "title", "h1" or "json-ld" while inside one
        self._captured: dict[str, list[str]] = {"title": [], "h1": [], "json-ld": []}

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        self._elements += 1
        self._depth += 1
        if self._elements > _MAX_ELEMENTS or self._depth > _MAX_DEPTH:
            self._refuse()
        tag = tag.lower()
        if tag == "meta":
            self._meta(attrib)
        elif tag == "time":
            self._time(attrib)
        if tag in ("title", "h1") and not self._captured[tag]:
            self._capture = tag
        elif tag == "script" and attrib.get("type", "").lower() == "application/ld+json":
            self._capture = "json-ld"
        if tag in _CELLS and not self._hidden:
            self._out.append(" ")
        self._open_or_close(tag, +1)

    def end(self, tag: str) -> None:
        self._depth -= 1
        tag = tag.lower()
        if self._capture and self._capture == _CAPTURES.get(tag):
            self._finish_capture()
        self._open_or_close(tag, -1)

    def data(self, data: str) -> None:
        if self._capture:
            self._captured[self._capture].append(data)
        if self._hidden:
            return
        if not self._pre:
            data = _SPACES.sub(" ", data)
        if self._pending_break and data.strip():
            self._out.append("\n" * self._pending_break)
            self._pending_break = 0
            data = data.lstrip(" ")
        self._out.append(data)

    def close(self) -> None:
        self._finish_capture()

    def _refuse(self) -> None:
        """Stop reading a page built to cost more than any article (a giant table, deep nesting)."""
        if self._elements > _MAX_ELEMENTS:
            why = f"has more than {_MAX_ELEMENTS:,} HTML elements"
        else:
            why = f"nests HTML elements more than {_MAX_DEPTH:,} deep"
        self.refused = InputError(f"{self.name} {why}; too complex to read as an article")
        raise self.refused

    def text(self) -> str:
        lines = "".join(self._out).split("\n")
        return re.sub(r"\n{3,}", "\n\n", "\n".join(line.strip(" ") for line in lines)).strip()

    def title(self) -> str | None:
        """og:title first: <title> often carries the site name ("... | The Moscow Times")."""
        candidates = (self.meta.get("og:title"), "".join(self._captured["title"]), "".join(self._captured["h1"]))
        return next(filter(None, map(_clean_title, candidates)), None)

    def _open_or_close(self, tag: str, step: int) -> None:
        if tag in _SKIPPED:
            self._hidden = max(0, self._hidden + step)
        if tag == "pre":
            self._pre = max(0, self._pre + step)
        breaks = 2 if tag in _PARAGRAPHS else 1 if tag in _LINES else 0
        if breaks and self._out:
            self._pending_break = max(self._pending_break, breaks)

    def _finish_capture(self) -> None:
        if self._capture == "json-ld":
            found = first_jsonld_date("".join(self._captured["json-ld"]))
            if found and JSONLD_KEY not in self.meta:
                self.meta[JSONLD_KEY] = found
            self._captured["json-ld"].clear()
        self._capture = None

    def _meta(self, attrib: dict[str, str]) -> None:
        key = attrib.get("property") or attrib.get("name") or attrib.get("itemprop")
        if key and "content" in attrib:
            self.meta.setdefault(key.lower(), attrib["content"])

    def _time(self, attrib: dict[str, str]) -> None:
        marked = "pubdate" in attrib or attrib.get("itemprop", "").lower() == "datepublished"
        if marked and attrib.get("datetime"):
            self.meta.setdefault(TIME_KEY, attrib["datetime"])


# ---------------------------------------------------------------- DOCX and PDF

def _table_text(table: Table) -> str:
    """One line per row, cells separated by " | ", so a table reads like a list."""
    return "\n".join(" | ".join(cell.text.strip() for cell in row.cells) for row in table.rows)


def _check_unpacked(data: bytes, name: str) -> None:
    """Inflate every member in bounded chunks, counting the bytes that really come out: a zip
    directory can claim any size, so what it says is never trusted. python-docx opens the file
    only once this says it is small enough (zipfile never inflates past a member's stated size,
    and this pass has checked that those sizes, and the CRCs, are true)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = archive.infolist()
        if len(members) > _MAX_ZIP_MEMBERS:
            raise InputError(f"{name} holds more than {_MAX_ZIP_MEMBERS:,} files; too many to be a Word document")
        total = xml = 0
        for info in members:
            with archive.open(info) as member:
                while chunk := member.read(_CHUNK):
                    total += len(chunk)
                    if info.filename.endswith((".xml", ".rels")):
                        xml += len(chunk)
                    if total > _MAX_UNPACKED_BYTES or xml > _MAX_XML_BYTES:
                        limit = _MAX_UNPACKED_BYTES if total > _MAX_UNPACKED_BYTES else _MAX_XML_BYTES
                        what = "" if total > _MAX_UNPACKED_BYTES else " of XML"
                        raise InputError(f"{name} unpacks to more than {_megabytes(limit)}{what}; "
                                         "too large to read")


def _pdf_text(pages: list[str]) -> str:
    """Page texts as paragraphs: lines re-joined, hyphenated breaks mended."""
    text = "\n\n".join(_normalise_newlines(page).strip() for page in pages)
    text = _mend_hyphens(text)
    return "\n\n".join(_join_lines(block) for block in re.split(r"\n\s*\n", text)
                       if block.strip())


def _mend_hyphens(text: str) -> str:
    """Join "investi-\\ngation" only when the document spells "investigation" elsewhere.

    Otherwise keep the hyphen: "two-\\nweek" must stay "two-week", and a
    dictionary-free guess that drops real hyphens would garble dates and durations.
    """
    known = set(re.findall(r"\w+", text.lower()))

    def mend(match: re.Match[str]) -> str:
        joined = match[1] + match[2]
        return joined if joined.lower() in known else f"{match[1]}-{match[2]}"

    return re.sub(r"\b(\w+)-[ \t]*\n[ \t]*([a-z]\w*)", mend, text)


def _join_lines(block: str) -> str:
    """Lines of one paragraph joined by spaces; a short line ends a paragraph.

    PDFs break lines at the column edge, so a line much shorter than the
    longest one is a heading or the last line of a paragraph.
    """
    lines = [line.strip() for line in block.split("\n") if line.strip()]
    width = max(len(line) for line in lines)
    parts = [lines[0]]
    for previous, line in pairwise(lines):
        parts += ["\n\n" if len(previous) < 0.6 * width else " ", line]
    return "".join(parts)


# ---------------------------------------------------------------- small helpers

def _first_line_title(text: str) -> str | None:
    """The first line that is not page chrome ("Advertisement", "World"), when short enough for a title."""
    lines = (m[0].lstrip("# ") for m in re.finditer(r"\S[^\n]*", text[:2000]))
    return next((_clean_title(line) for line in lines if not is_chrome(line)), None)


def _clean_title(title: str | None) -> str | None:
    title = _SPACES.sub(" ", title or "").strip()
    return title if 0 < len(title) <= _MAX_TITLE_CHARS and not is_chrome(title) else None


def _too_large(name: str, size: int, limit: int) -> InputError:
    return InputError(f"{name} is too large ({_megabytes(size)}; the limit is {_megabytes(limit)})")


def _megabytes(size: int) -> str:
    return f"{size / 2**20:.1f} MB"
