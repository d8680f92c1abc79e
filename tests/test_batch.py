"""Streaming batch: one line per article in input order, errors as lines, the same bytes on any number of workers."""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from timeline_app import batch, cli
from timeline_app.batch import BatchError, Task, chunked, extract_many, ordered_map, run_batch
from timeline_app.identity import document_id
from timeline_app.model import Document
from timeline_app.pipeline import extract_document

TEXTS = [
    "The council met on Monday and will vote again on March 3.",
    "Prices rose 4% in the year to June 2019, the office said on Tuesday.",
    "The strike, which began on Dec. 16, lasted seven months.",
    "No dates here at all.",
    "Two days later the bridge reopened; it had been shut since 14 February 2020.",
]


def _jsonl(n: int, bad_every: int = 0) -> str:
    """``n`` articles of our own, with an unusable line every ``bad_every`` lines and a blank line."""
    lines = []
    for i in range(n):
        if bad_every and i % bad_every == bad_every - 1:
            lines.append("{not json" if i % 2 else json.dumps({"id": f"x{i}", "text": 5}))
        else:
            lines.append(json.dumps({"id": f"a{i}", "text": TEXTS[i % len(TEXTS)],
                                     "published": "2012-01-26" if i % 3 else None}))
    lines.insert(n // 2, "   ")
    return "\n".join(lines) + "\n"


def _run(source: Path | str, **options: object) -> tuple[str, batch.Summary]:
    out = io.StringIO()
    summary = run_batch(str(source), out, **options)  # type: ignore[arg-type]
    return out.getvalue(), summary


def test_each_line_gives_one_output_line_in_order(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(_jsonl(20, bad_every=7), encoding="utf-8")
    text, summary = _run(source, chunk=3)
    rows = [json.loads(line) for line in text.splitlines()]
    expected = [f"a{i}" for i in range(20)]
    expected[6], expected[13] = "x6", "15"  # line 15 is "{not json": its id is its line number
    assert [r["id"] for r in rows] == expected
    assert rows[6] == {"id": "x6", "error": "line 7: expected an object with a \"text\" string"}
    assert rows[13]["error"].startswith("line 15: not JSON")  # the blank line 11 counts as a line, not an article
    assert (summary.articles, summary.errors) == (20, 2)
    good = [r for r in rows if "error" not in r]
    assert good[0] == json.loads(batch.result_line(*_doc_and_result(TEXTS[0], None, "a0")))


def _doc_and_result(text: str, published: date | None, line_id: str) -> tuple[str, object]:
    """The line keeps the caller's id; the document inside is named by its text, as everywhere."""
    doc = Document(text, published, "given" if published else None, id=document_id(text))
    return line_id, extract_document(doc)


def test_workers_give_the_same_bytes_as_one_process(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(_jsonl(60, bad_every=11), encoding="utf-8")
    one, _ = _run(source, workers=1, chunk=4)
    two, summary = _run(source, workers=2, chunk=4)
    assert one == two and one.count("\n") == 60
    assert summary.errors == 5


def test_gzip_input_reads_like_plain(tmp_path: Path) -> None:
    plain = tmp_path / "in.jsonl"
    plain.write_text(_jsonl(9), encoding="utf-8")
    packed = tmp_path / "in.jsonl.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    assert _run(packed)[0] == _run(plain)[0]


def test_a_corrupt_gzip_is_a_clear_error(tmp_path: Path) -> None:
    packed = tmp_path / "in.jsonl.gz"
    packed.write_bytes(gzip.compress(_jsonl(50).encode())[:-30])
    with pytest.raises(BatchError, match="cannot read on"):
        _run(packed)


def test_bad_bytes_and_overlong_lines_are_error_lines(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_bytes(b'{"id": "ok", "text": "On Monday."}\n{"id": "\xff", "text": "x"}\n'
                       + b'{"text": "' + b"y" * 300 + b'"}\n{"id": "last", "text": "In 1999."}\n')
    rows = [json.loads(line) for line in
            ("".join(batch.run_task(Task(n, "line", raw)).line for n, raw in batch._lines(source.open("rb"), 200))
             ).splitlines()]
    assert [r.get("error") for r in rows] == [None, "line 2: not UTF-8 text (JSON Lines must be UTF-8)",
                                              "line 3: longer than 10 MB", None]
    assert rows[3]["id"] == "last"


def test_one_failing_article_does_not_stop_the_batch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = batch.extract_document

    def fragile(doc: Document) -> object:
        if "bridge" in doc.text:
            raise RecursionError("too deep")
        return real(doc)

    monkeypatch.setattr(batch, "extract_document", fragile)
    source = tmp_path / "in.jsonl"
    source.write_text(_jsonl(5), encoding="utf-8")
    rows = [json.loads(line) for line in _run(source, workers=1)[0].splitlines()]
    assert rows[4] == {"id": "a4", "error": "extraction failed (RecursionError: too deep)"}
    assert all("events" in r for r in rows[:4])


def test_a_folder_of_article_files(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    (folder / "sub").mkdir(parents=True)
    (folder / "b.txt").write_text("Published 2012-01-26\n\nThe talks resume on Monday.", encoding="utf-8")
    (folder / "a.md").write_text("# Strike\n\nIt began on **Dec. 16, 2011**.", encoding="utf-8")
    (folder / "sub" / "c.html").write_text("<p>On <b>5 May 2001</b> it rained.</p><script>x()</script>",
                                           encoding="utf-8")
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 not really a docx")
    (folder / "notes.csv").write_text("ignored", encoding="utf-8")
    rows = [json.loads(line) for line in _run(folder, workers=2, chunk=1)[0].splitlines()]
    assert [r["id"] for r in rows] == ["a.md", "b.txt", "broken.docx", "sub/c.html"]
    assert "error" in rows[2] and "events" in rows[3]
    assert rows[1]["published"] == "2012-01-26"
    assert [e["value"] for e in rows[3]["expressions"]] == ["2001-05-05"]
    globbed = [json.loads(line)["id"] for line in _run(str(folder / "**" / "*.html"))[0].splitlines()]
    assert globbed == [(folder / "sub" / "c.html").as_posix()]


@pytest.mark.parametrize("source, message", [("missing.jsonl", "no such file or folder"),
                                             ("none-*.txt", "no file matches"), ("empty", "no article files")])
def test_unusable_inputs(tmp_path: Path, source: str, message: str) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(BatchError, match=message):
        _run(tmp_path / source)


def test_the_reader_stays_a_few_chunks_ahead() -> None:
    """Flat memory: ordered_map pulls at most ``window`` chunks before the first result is used."""
    pulled = []

    def chunks() -> Iterator[list[int]]:
        for i in range(100):
            pulled.append(i)
            yield [i]

    results = ordered_map(lambda c: [x * 2 for x in c], chunks(), lambda fn, c: batch._Done(fn(c)), 3)
    assert next(results) == [0] and len(pulled) == 3
    assert [x for r in results for x in r] == [2 * i for i in range(1, 100)]


def test_chunks_close_at_a_count_or_a_size() -> None:
    assert [len(c) for c in chunked(range(10), 4)] == [4, 4, 2]
    assert [len(c) for c in chunked(["aaaa", "b", "cc", "d"], 10, 3, len)] == [1, 2, 1]


def test_chunks_after_the_first_ones_grow_by_count_and_size() -> None:
    assert [len(c) for c in chunked(range(30), 4, first=2, growth=3)] == [4, 4, 12, 10]
    assert [len(c) for c in chunked(["aaa"] * 8, 10, 3, len, first=1, growth=2)] == [1, 2, 2, 2, 1]


def test_extract_many_matches_one_at_a_time() -> None:
    docs = [Document(t, date(2012, 1, 26), "given", id=f"d{i}") for i, t in enumerate(TEXTS * 4)]
    assert list(extract_many(docs, workers=2, chunk=3)) == [extract_document(d) for d in docs]


def test_progress_bar_only_when_asked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(_jsonl(6), encoding="utf-8")
    _run(source, progress=False)
    assert capsys.readouterr().err == ""
    _run(source, progress=True, chunk=2)
    err = capsys.readouterr().err
    assert "6/6" in err and "articles/s" in err


def test_cli_workers_and_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(_jsonl(4), encoding="utf-8")
    target = tmp_path / "out.jsonl"
    assert cli.main(["batch", str(source), "-o", str(target), "--workers", "2"]) == 0
    err = capsys.readouterr().err
    assert err.startswith("batch: 4 articles, 4 extracted, 0 errors in ") and err.rstrip().endswith("2 workers)")
    assert target.read_text(encoding="utf-8").count("\n") == 4
    with pytest.raises(SystemExit):
        cli.main(["batch", str(source), "-o", str(target), "--workers", "0"])
    assert "1 or more" in capsys.readouterr().err
    assert cli.main(["batch", str(tmp_path / "nope.jsonl"), "-o", str(target)]) == cli.EXIT_BAD_INPUT
    assert "no such file or folder" in capsys.readouterr().err


_DEAD_WORKER = """
import io, os, sys
from timeline_app import batch
real = batch.extract_document
def killer(doc):
    if "bridge" in doc.text:
        os._exit(9)  # what the kernel's out-of-memory killer does to a worker
    return real(doc)
batch.extract_document = killer  # forked workers inherit it
try:
    batch.run_batch(sys.argv[1], io.StringIO(), workers=2, chunk=2)
except batch.BatchError as exc:
    print(exc)
"""


def test_a_dead_worker_is_a_clear_error(tmp_path: Path) -> None:
    """In a fresh interpreter (one thread, so the pool forks and the patch reaches the workers)."""
    import subprocess
    import sys

    source = tmp_path / "in.jsonl"
    source.write_text(_jsonl(10), encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", _DEAD_WORKER, str(source)], capture_output=True, text=True,
                          timeout=120, cwd=Path(__file__).resolve().parents[1])
    assert done.stdout.startswith("a worker process died (out of memory?) after "), done.stdout + done.stderr


def test_ctrl_c_keeps_an_ordered_prefix(tmp_path: Path) -> None:
    """Interrupted, the run stops cleanly: exit 130, a summary, and the first articles in order."""
    import signal
    import subprocess
    import sys
    import time

    source = tmp_path / "in.jsonl"
    source.write_text(_jsonl(3000), encoding="utf-8")
    target = tmp_path / "out.jsonl"
    root = Path(__file__).resolve().parents[1]
    child = subprocess.Popen([sys.executable, "-m", "timeline_app", "batch", str(source), "-o", str(target),
                              "--workers", "2"], cwd=root, stderr=subprocess.PIPE,
                             preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))  # as from a terminal
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and child.poll() is None and (
            not target.exists() or target.stat().st_size < 100_000):  # some lines out, most not yet
        time.sleep(0.05)
    child.send_signal(signal.SIGINT)
    _, err = child.communicate(timeout=60)
    lines = target.read_text(encoding="utf-8").splitlines()
    assert child.returncode == 130, err.decode()
    assert "batch: interrupted after" in err.decode() and "Traceback" not in err.decode()
    assert 0 < len(lines) < 3000
    assert [json.loads(line)["id"] for line in lines] == [f"a{i}" for i in range(len(lines))]


def test_extract_many_from_a_threaded_program() -> None:
    """The app runs threads; its pool then starts clean workers instead of forking them."""
    import threading

    docs = [Document(t, date(2012, 1, 26), "given", id=f"d{i}") for i, t in enumerate(TEXTS * 2)]
    got: list[object] = []
    worker = threading.Thread(target=lambda: got.extend(extract_many(docs, workers=2, chunk=2)))
    worker.start()
    worker.join(timeout=120)
    assert got == [extract_document(d) for d in docs]


def test_a_local_dask_cluster_forks_its_workers_unless_told_otherwise() -> None:
    """Spawned workers re-import everything and compile the rules again; a method chosen in Dask's config is kept."""
    assert batch._local_start_method("spawn") == "fork"
    assert batch._local_start_method("forkserver") == "forkserver"
    assert batch._local_start_method("spawn", threads=3) == "spawn"  # the app's threads: forking them can deadlock
