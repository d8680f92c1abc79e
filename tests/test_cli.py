"""The command line: same pipeline, promised shapes, one clear line on bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from timeline_app.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_4d8628aadc5fef2d.txt"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_extract_json_shape(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "extract", str(SEED))
    data = json.loads(out)
    assert code == 0 and err == ""
    assert (data["published"], data["published_source"]) == ("2012-01-26", "dateline")
    assert set(data["expressions"][0]) == {"start", "end", "text", "type", "value", "mod", "explanation",
                                          "confidence"}
    following = next(x for x in data["expressions"] if x["text"] == "the following day")
    assert following["value"] == "2011-12-17"
    event = next(e for e in data["events"] if e["start"] == "2011-12-17")
    assert {"start", "end", "granularity", "label", "sentence_start", "sentence_end", "certainty",
            "explanation"} <= set(event)


def test_extract_published_overrides_detection(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Police detained him on Wednesday.", encoding="utf-8")
    code, out, _ = run(capsys, "extract", str(article), "--published", "2012-01-26")
    data = json.loads(out)
    assert (code, data["published_source"], data["expressions"][0]["value"]) == (0, "given", "2012-01-25")


def test_extract_csv_and_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "extract", str(SEED), "--format", "csv")
    header, *rows = out.splitlines()
    assert code == 0 and header.startswith("id,doc_id,start,end,granularity,label")
    assert len(rows) == 10
    code, out, _ = run(capsys, "extract", str(SEED), "--format", "table")
    assert "17 Dec 2011" in out and "1 day after 'Dec. 16'" in out
    # dates as the app writes them (when.format_when), not each end at its granularity ("1952 – 1952")
    dated = [line[:28].rstrip() for line in out.splitlines()[1:] if line[:1].strip()]
    assert dated == ["16 Dec 1991", "≈ 1992–2012", "≈ May–Dec 2011", "16 Dec 2011", "16 Dec 2011", "16 Dec 2011",
                     "17 Dec 2011", "23–29 Jan 2012", "25 Jan 2012", "26 Jan 2012"]


@pytest.mark.parametrize(("content", "name", "message"), [
    (b"\x00\x01\x02binary\x00" * 100, "x.txt", "binary"),
    (b"not a pdf at all", "x.pdf", "PDF"),
])
def test_bad_files_give_one_line_and_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                            content: bytes, name: str, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    code, out, err = run(capsys, "extract", str(path))
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and message.lower() in err.lower()
    assert "Traceback" not in err


def test_missing_file_and_bad_date(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "extract", "no/such/file.txt")[0] == 2
    code, _, err = run(capsys, "extract", str(SEED), "--published", "26/01/2012")
    assert code == 2 and "--published must be a date" in err


def test_empty_file_gives_an_empty_result(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("   \n", encoding="utf-8")
    code, out, _ = run(capsys, "extract", str(path))
    assert code == 0 and json.loads(out)["expressions"] == [] and json.loads(out)["events"] == []


def test_batch(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join([
        json.dumps({"id": "a", "text": "Clashes erupted on Dec. 16. A man died the following day.",
                    "published": "2012-01-26"}),
        json.dumps({"id": "b", "text": "Talks resume on Monday.", "published": None}),
        "{broken",
        json.dumps({"id": "c", "text": "x", "published": "yesterday"}),
    ]), encoding="utf-8")
    target = tmp_path / "out.jsonl"
    code, _, err = run(capsys, "batch", str(source), "-o", str(target))
    lines = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert code == 2
    assert err.splitlines()[:2] == ["error: line 3: not JSON (Expecting property name enclosed in double quotes)",
                                    "error: line 4: \"published\" must be YYYY-MM-DD or null, not 'yesterday'"]
    assert err.splitlines()[2].startswith("batch: 4 articles, 2 extracted, 2 errors in ")
    assert [x["id"] for x in lines] == ["a", "b", "3", "c"]
    assert lines[2] == {"id": "3", "error": "line 3: not JSON (Expecting property name enclosed in double quotes)"}
    assert [x["value"] for x in lines[0]["expressions"]] == ["2011-12-16", "2011-12-17"]
    assert [x["start"] for x in lines[0]["events"]] == ["2011-12-16", "2011-12-17"]
    assert lines[1]["published"] is None and lines[1]["expressions"][0]["value"] == "XXXX-WXX-1"


def test_module_entry_point_runs() -> None:
    done = subprocess.run([sys.executable, "-m", "timeline_app", "extract", str(SEED), "--format", "table"],
                          capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 0 and "Kazakh independence" in done.stdout
