"""Small uploads with big costs end quickly, in bounded memory, with one clear line.

The hostile files are built here, at test time, in tmp_path (nothing big is committed):
a 0.5 MB .docx holding 150 MB of XML, a zip whose directory understates what it
inflates to, an 8.75 MB HTML table and 8.4 MB of nested spans. Each goes through the
real CLI in a child process that reports its own peak memory.
"""

from __future__ import annotations

import struct
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from timeline_app import ingest
from timeline_app.ingest import MAX_TEXT_CHARS, document_from_text, read_document, truncation_note
from timeline_app.pipeline import extract_document

ROOT = Path(__file__).resolve().parents[1]
SECONDS = 10
MEGABYTES = 500
# The child's own peak (VmHWM of its address space): ru_maxrss would also count the pytest process it
# was forked from, since Linux carries the pre-exec high-water mark across exec.
_CHILD = """
import re, sys
from pathlib import Path
from timeline_app.cli import main
code = main(sys.argv[1:])
peak = re.search(r"VmHWM:\\s+(\\d+) kB", Path("/proc/self/status").read_text())[1]
print(f"peak-kb {peak}", file=sys.stderr)
sys.exit(code)
"""
_CONTENT_TYPES = (b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                  b'content-types"/>')


def _docx_with_xml_of(path: Path, megabytes: int) -> Path:
    """A .docx whose document.xml inflates to ``megabytes``, written in chunks (never all in memory)."""
    paragraph = b"<w:p><w:r><w:t>Dec. 16</w:t></w:r></w:p>" * 1000
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        with archive.open("word/document.xml", "w") as member:
            for _ in range(megabytes * 2**20 // len(paragraph)):
                member.write(paragraph)
    return path


def _forged_zip(path: Path) -> Path:
    """200 MB of zeros whose local and central headers both claim 1,000 bytes."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        with archive.open("word/media/image1.bin", "w") as member:
            zeros = bytes(2**20)
            for _ in range(200):
                member.write(zeros)
    data = bytearray(path.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(signature, data.find(b"word/media") - 100 if signature == b"PK\x03\x04" else 0)
        while at >= 0:
            name_at = at + (30 if signature == b"PK\x03\x04" else 46)
            if data[name_at:name_at + 10] == b"word/media":
                struct.pack_into("<I", data, at + offset, 1000)
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))
    return path


def _html_table(path: Path) -> Path:
    row = b"<tr><td>Dec. 16</td><td>1,500</td><td>Moscow</td></tr>\n"
    path.write_bytes(b"<html><body><table>" + row * int(8.75 * 2**20 // len(row)) + b"</table></body></html>")
    return path


def _nested_spans(path: Path) -> Path:
    path.write_bytes(b"<html><body>" + b"<span>" * int(8.4 * 2**20 // 6) + b"deep</body></html>")
    return path


def _cli(*argv: str) -> tuple[int, list[str], float, int]:
    """Exit code, stderr lines (the memory report taken out), seconds and peak MB of one CLI run."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _CHILD, *argv], capture_output=True, text=True, cwd=ROOT,
                          timeout=120)
    seconds = time.perf_counter() - started
    lines = done.stderr.splitlines()
    peak = next(int(line.split()[1]) for line in lines if line.startswith("peak-kb "))
    return done.returncode, [line for line in lines if not line.startswith("peak-kb ")], seconds, peak // 1024


@pytest.mark.parametrize(("build", "name", "message"), [
    (lambda p: _docx_with_xml_of(p, 150), "bomb.docx", "unpacks to more than 20.0 MB of XML"),
    (_forged_zip, "forged.docx", "not a readable Word document"),
    (_html_table, "table.html", "more than 300,000 HTML elements"),
    (_nested_spans, "spans.html", "nests HTML elements more than 20,000 deep"),
])
def test_hostile_file_ends_fast_in_bounded_memory_with_one_line(tmp_path: Path, build, name: str,
                                                                message: str) -> None:
    path = build(tmp_path / name)
    assert path.stat().st_size < 10 * 2**20  # each passes the upload size check
    code, lines, seconds, peak = _cli("extract", str(path))
    assert code == 2 and len(lines) == 1 and message in lines[0], lines
    assert seconds < SECONDS and peak < MEGABYTES, (seconds, peak)


def test_small_docx_bomb_is_refused_by_what_it_inflates_to(tmp_path: Path) -> None:
    data = _docx_with_xml_of(tmp_path / "b.docx", 30).read_bytes()
    assert len(data) < 2**20
    with pytest.raises(Exception, match="unpacks to more than 20.0 MB of XML"):
        read_document(data, "b.docx")


def test_long_article_is_cut_and_says_how_much_was_read(monkeypatch: pytest.MonkeyPatch) -> None:
    paragraph = "On Dec. 16 police fired on the crowd.\n\n"
    doc = document_from_text(paragraph * (MAX_TEXT_CHARS // len(paragraph) + 5000), doc_id="long")
    assert MAX_TEXT_CHARS * 0.9 < len(doc.text) <= MAX_TEXT_CHARS and doc.text.endswith("crowd.")
    assert truncation_note(doc) == f"This article is 1.1 MB; the first {len(doc.text):,} characters were read."
    assert truncation_note(document_from_text(paragraph)) is None
    monkeypatch.setattr(ingest, "MAX_TEXT_CHARS", 1000)  # the pipeline passes the note on (small, to be quick)
    short = document_from_text(paragraph * 100)
    assert len(short.text) <= 1000 and truncation_note(short) in extract_document(short).warnings
