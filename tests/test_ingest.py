"""Reading each input format into a Document whose text is what spans index into."""

from __future__ import annotations

import io
import time
import zipfile
from datetime import date
from pathlib import Path

import docx
import pytest

from timeline_app.identity import document_id
from timeline_app.ingest import InputError, document_from_text, read_document, read_path

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_4d8628aadc5fef2d.txt"


def make_pdf(*pages: list[str]) -> bytes:
    """A minimal valid PDF: one Helvetica text line per string, one page per list."""
    count = len(pages)
    objects = ["<< /Type /Catalog /Pages 2 0 R >>",
               "<< /Type /Pages /Kids [" + " ".join(f"{4 + 2 * i} 0 R" for i in range(count))
               + f"] /Count {count} >>",
               "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    for i, lines in enumerate(pages):
        shown = " ".join(f"({line}) Tj T*" for line in lines)
        stream = f"BT /F1 12 Tf 14 TL 72 720 Td {shown} ET"
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                       f"/Contents {5 + 2 * i} 0 R /Resources << /Font << /F1 3 0 R >> >> >>")
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1"))
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    out.write("".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n"
              f"startxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def make_docx(*paragraphs: str, title: str = "", table: list[list[str]] | None = None) -> bytes:
    document = docx.Document()
    document.core_properties.title = title
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, values in zip(grid.rows, table):
            for cell, value in zip(row.cells, values):
                cell.text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# ---------------------------------------------------------------- plain text and Markdown

def test_seed_article_text_is_kept_as_is() -> None:
    doc = read_path(SEED)
    assert doc.text == SEED.read_text(encoding="utf-8")
    assert (doc.published, doc.published_source) == (date(2012, 1, 26), "dateline")
    assert doc.title == "Four Officers Prosecuted for Kazakh Riot Shootings"
    assert (doc.id, doc.source) == (document_id(doc.text), "000_4d8628aadc5fef2d.txt")  # named by content


def test_line_endings_become_newlines() -> None:
    doc = read_document(b"one\r\ntwo\rthree\n", "a.txt")
    assert doc.text == "one\ntwo\nthree\n"


def test_markdown_markup_is_dropped() -> None:
    source = ("# Kazakh riots #\n\nOn **Dec. 16** the __police__ fired; see "
              "[the report](https://example.org/r_(1) \"R\") and <https://example.org/x>.\n"
              "> A quote\n\n---\n")
    doc = read_document(source.encode(), "a.md")
    assert doc.text == ("Kazakh riots\n\nOn Dec. 16 the police fired; see "
                        "the report and https://example.org/x.\nA quote\n\n\n")
    assert doc.title == "Kazakh riots"


def test_markdown_spans_index_into_returned_text() -> None:
    doc = read_document(b"**Published** on *Jan. 26, 2012*: a [fire](http://x) broke out", "n.md")
    start = doc.text.index("Jan. 26, 2012")
    assert doc.text[start:start + 13] == "Jan. 26, 2012"
    assert doc.text == "Published on *Jan. 26, 2012*: a fire broke out"


def test_snake_case_is_not_emphasis() -> None:
    assert read_document(b"file__name__x", "a.md").text == "file__name__x"


# ---------------------------------------------------------------- encodings

def test_cp1252_text_is_decoded_not_mangled() -> None:
    doc = read_document("Caf\u00e9 \u201cquoted\u201d".encode("cp1252"), "a.txt")
    assert doc.text == "Caf\u00e9 \u201cquoted\u201d"


def test_utf8_bom_is_removed() -> None:
    assert read_document("\ufeffcaf\u00e9".encode(), "a.txt").text == "caf\u00e9"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(codec: str) -> None:
    bom = b"\xff\xfe" if codec.endswith("le") else b"\xfe\xff"
    doc = read_document(bom + "Almaty, 26 janvier\r\n".encode(codec), "a.txt")
    assert doc.text == "Almaty, 26 janvier\n"


def test_mostly_utf8_with_a_stray_byte_keeps_utf8() -> None:
    doc = read_document("na\u00efve ".encode() + b"\xff", "a.txt")
    assert doc.text == "na\u00efve \ufffd"


def test_declared_html_charset_is_used_for_non_utf8_pages() -> None:
    page = '<meta charset="windows-1251"><p>Москва</p>'.encode("cp1251")
    assert read_document(page, "a.html").text == "Москва"


# ---------------------------------------------------------------- HTML

PAGE = b"""<!DOCTYPE html><html><head><title>Riots | Example Times</title>
<meta property="og:title" content="Riots &amp; trials">
<meta property="article:published_time" content="2012-01-26T10:00:00+06:00">
<style>p { color: red }</style><script>var secret = "SCRIPT";</script></head>
<body><h1>Four officers</h1><p>First   paragraph,
with <b>bold</b>&nbsp;text &amp; &eacute;t&eacute;.</p><div>line one<br>line two</div>
<noscript>NOSCRIPT</noscript><template><p>TEMPLATE</p></template>
<ul><li>item 1</li><li>item 2</li></ul>
<table><tr><th>When</th><th>What</th></tr><tr><td>Dec. 16</td><td>clashes</td></tr></table>
</body></html>"""


def test_html_text_title_and_meta_date() -> None:
    doc = read_document(PAGE, "riots.html")
    assert doc.text == ("Four officers\n\nFirst paragraph, with bold text & \u00e9t\u00e9.\n\n"
                        "line one\nline two\n\nitem 1\nitem 2\n\nWhen What\nDec. 16 clashes")
    assert doc.title == "Riots & trials"
    assert (doc.published, doc.published_source) == (date(2012, 1, 26),
                                                     "meta article:published_time")


def test_html_title_falls_back_to_title_then_h1() -> None:
    assert read_document(b"<title>T</title><h1>H</h1>", "a.htm").title == "T"
    assert read_document(b"<body><h1>The <i>H</i></h1><p>x</p>", "a.htm").title == "The H"


def test_hostile_html_becomes_inert_text() -> None:
    page = (b"<p>Hi<script>alert('SCRIPT')</script><img src=x onerror=alert('IMG')>"
            b"<a href=\"javascript:alert('A')\">link</a> &lt;script&gt;x&lt;/script&gt;</p>"
            b"<svg><script>alert('SVG')</script></svg><iframe>FRAME</iframe>")
    assert read_document(page, "evil.html").text == "Hilink <script>x</script>"


def test_jsonld_and_time_tags_feed_the_publication_date() -> None:
    page = (b'<script type="application/ld+json">{"@graph": [{"@type": "WebPage"}, '
            b'{"@type": "NewsArticle", "datePublished": "2012-01-26"}]}</script><p>Text</p>')
    assert read_document(page, "a.html").published_source == "JSON-LD datePublished"
    page = b'<time itemprop="datePublished" datetime="2012-01-26T09:00">Jan 26</time>'
    doc = read_document(page, "a.html")
    assert (doc.published, doc.published_source) == (date(2012, 1, 26), "<time> datetime")


def test_ten_thousand_nested_divs_are_fast() -> None:
    page = b"<div>" * 10_000 + b"deep" + b"</div>" * 10_000
    started = time.perf_counter()
    assert read_document(page, "deep.html").text == "deep"
    assert time.perf_counter() - started < 2


def test_unknown_extension_is_sniffed() -> None:
    assert read_document(b"<!doctype html><p>a &amp; b</p>", "page").text == "a & b"
    assert read_document(b"a &amp; b", "notes.log").text == "a &amp; b"
    assert read_document(make_pdf(["sniffed"]), "download").text == "sniffed"


# ---------------------------------------------------------------- DOCX

def test_docx_paragraphs_tables_and_title() -> None:
    data = make_docx("January 26, 2012", "", "Police fired on Dec. 16.",
                     title="Riots", table=[["When", "What"], ["Dec. 16", "clashes"]])
    doc = read_document(data, "story.docx")
    assert doc.text == ("January 26, 2012\n\nPolice fired on Dec. 16.\n\n"
                        "When | What\nDec. 16 | clashes")
    assert doc.title == "Riots"
    assert (doc.published, doc.published_source) == (date(2012, 1, 26), "dateline")


def test_corrupt_docx_is_an_input_error() -> None:
    data = make_docx("hello")
    with pytest.raises(InputError, match=r"^story\.docx is not a readable Word document"):
        read_document(data[: len(data) // 2], "story.docx")
    with pytest.raises(InputError, match="not a readable Word document"):
        read_document(b"this is not a zip", "story.docx")


def test_zip_that_is_not_a_docx_is_an_input_error() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(InputError, match="not a readable Word document"):
        read_document(out.getvalue(), "a.docx")


# ---------------------------------------------------------------- PDF

def test_pdf_pages_lines_and_hyphens() -> None:
    data = make_pdf(
        ["A long line of text that runs to the right edge of the",
         "column and the investi-", "gation began in a two-", "week period. The investigation",
         "ended."],
        ["Second page."])
    doc = read_document(data, "report.pdf")
    assert doc.text == ("A long line of text that runs to the right edge of the column and the "
                        "investigation began in a two-week period. The investigation ended."
                        "\n\nSecond page.")


def test_pdf_short_line_ends_a_paragraph() -> None:
    data = make_pdf(["Kazakh riot trial", "Prosecutors said on Thursday that four officers",
                     "would stand trial."])
    assert read_document(data, "a.pdf").text == (
        "Kazakh riot trial\n\nProsecutors said on Thursday that four officers would stand trial.")


def test_corrupt_pdf_is_an_input_error() -> None:
    with pytest.raises(InputError) as caught:
        read_document(b"%PDF-1.4\n1 0 obj << /Type /Catalog", "report.pdf")
    assert str(caught.value) == "report.pdf is not a readable PDF (file is damaged or encrypted)"


# ---------------------------------------------------------------- refusals and edge cases

def test_binary_is_an_input_error() -> None:
    with pytest.raises(InputError, match=r"^blob\.txt does not look like text"):
        read_document(bytes(range(256)) * 4, "blob.txt")
    with pytest.raises(InputError, match="does not look like text"):
        read_document(b"a long line of ordinary text with a single NUL\x00 in it", "x.html")


@pytest.mark.parametrize("name", ["a.txt", "a.md", "a.html", "a.docx", "a.pdf", "a"])
@pytest.mark.parametrize("data", [b"", b"  \n\t "])
def test_empty_input_gives_an_empty_document(name: str, data: bytes) -> None:
    doc = read_document(data, name)
    assert (doc.text, doc.published) == ("", None)


def test_oversize_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        read_document(b"x" * 3_000_000, "big.txt", max_bytes=2 * 2**20)
    assert str(caught.value) == "big.txt is too large (2.9 MB; the limit is 2.0 MB)"
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 2000)
    with pytest.raises(InputError, match="too large"):
        read_path(path, max_bytes=1000)


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"^cannot open gone\.txt"):
        read_path(tmp_path / "gone.txt")


def test_given_date_wins_and_ids_default_to_the_content() -> None:
    doc = read_document(b"January 26, 2012\n\nText.", "dir/x.txt", published=date(2020, 5, 1))
    assert (doc.published, doc.published_source, doc.id) == (date(2020, 5, 1), "given", document_id(doc.text))
    # the same article under another name, with Windows line endings, pasted: one id
    assert read_document(b"January 26, 2012\r\n\r\nText.", "copy.txt").id == doc.id
    assert document_from_text("January 26, 2012\n\nText.\n").id == doc.id
    assert read_document(b"x", "x.txt", doc_id="d7").id == "d7"


def test_document_from_text_detects_the_date() -> None:
    doc = document_from_text("Posted on 26 January 2012\r\nText", doc_id="p")
    assert doc.text == "Posted on 26 January 2012\nText"
    assert (doc.published, doc.published_source, doc.id) == (date(2012, 1, 26), "'Posted' line", "p")
    assert document_from_text("Nothing dated here.").published is None
