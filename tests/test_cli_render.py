"""`render`: several articles into one chronology, the same figure and list as the app."""

from __future__ import annotations

import json
import struct
from pathlib import Path

import pytest

from timeline_app.cli import main
from tests.browser_check import needs_browser

FIRST = ("Strike in the oil town\n\nJanuary 26, 2012\n\nWorkers walked out on Dec. 16, 2011. "
         "Police detained <b>three</b> leaders on Dec. 17, 2011. A court met on Jan. 20, 2012.")
SECOND = ("Officials respond\n\nFebruary 2, 2012\n\nThe governor resigned on Jan. 30, 2012. "
          "The region declared independence on Dec. 16, 1991.")


@pytest.fixture
def articles(tmp_path: Path) -> list[str]:
    paths = [tmp_path / "first.txt", tmp_path / "second.txt"]
    for path, text in zip(paths, (FIRST, SECOND), strict=True):
        path.write_text(text, encoding="utf-8")
    return [str(p) for p in paths]


def render(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(["render", *argv])
    return code, capsys.readouterr().err


def test_several_files_make_one_chronology(capsys: pytest.CaptureFixture[str], articles: list[str],
                                           tmp_path: Path) -> None:
    out = tmp_path / "t.json"
    code, err = render(capsys, *articles, "-o", str(out))
    assert code == 0 and "from 2 articles" in err
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["documents"]) == 2
    assert {e["doc_id"] for e in data["events"]} == {d["id"] for d in data["documents"]}


def test_several_reports_of_one_happening_are_one_event_as_in_the_app(capsys: pytest.CaptureFixture[str],
                                                                     tmp_path: Path) -> None:
    texts = {"harbour.txt": "Storm floods Portmere\n\nMarch 5, 2021\n\nA storm flooded the harbour of Portmere "
                            "on March 2, 2021.",
             "wire.txt": "Portmere cleans up\n\nMarch 6, 2021\n\nCrews cleared the streets on March 5, 2021. A "
                         "storm flooded the harbour of Portmere on March 2, 2021."}
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    out = tmp_path / "t.json"
    assert render(capsys, *(str(tmp_path / n) for n in texts), "-o", str(out))[0] == 0
    events = json.loads(out.read_text(encoding="utf-8"))["events"]
    assert [(e["start"], e["label"]) for e in events] == [
        ("2021-03-02", "A storm flooded the harbour of Portmere"), ("2021-03-05", "Published: Storm floods Portmere"),
        ("2021-03-05", "Crews cleared the streets"), ("2021-03-06", "Published: Portmere cleans up")]
    assert events[0]["explanation"].startswith("Reported by 2 sources.\n• Storm floods Portmere, 2 Mar 2021: ")


def test_from_to_zooms_every_export(capsys: pytest.CaptureFixture[str], articles: list[str],
                                    tmp_path: Path) -> None:
    out = tmp_path / "t.csv"
    assert render(capsys, *articles, "-o", str(out), "--from", "2011-12-01", "--to", "2011-12-31")[0] == 0
    rows = out.read_text(encoding="utf-8").splitlines()[1:]
    assert rows and all(",2011-12-" in row for row in rows)


def test_list_view_writes_the_chronology(capsys: pytest.CaptureFixture[str], articles: list[str],
                                         tmp_path: Path) -> None:
    out = tmp_path / "t.md"
    assert render(capsys, *articles, "-o", str(out), "--view", "list", "--title", "Oil town")[0] == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Oil town\n") and "**16 Dec 1991**" in text and "**30 Jan 2012**" in text
    assert text.index("**16 Dec 1991**") < text.index("**16 Dec 2011**") < text.index("**30 Jan 2012**")
    html = tmp_path / "t.html"
    assert render(capsys, *articles, "-o", str(html), "--view", "list")[0] == 0
    page = html.read_text(encoding="utf-8")
    assert "<title>Timeline of 2 articles</title>" in page and "&lt;b&gt;three&lt;/b&gt;" in page


@pytest.mark.parametrize(("argv", "message"), [
    (["--from", "2012-13-01", "--to", "2012-01-01"], "--from must be a date like 2012-01-26, not '2012-13-01'"),
    (["--from", "2012-02-01", "--to", "2012-01-01"], "--from must not be after --to"),
    (["--width", "50"], "--width must be between 200 and 8000 pixels"),
])
def test_bad_options_give_one_line(capsys: pytest.CaptureFixture[str], articles: list[str], tmp_path: Path,
                                   argv: list[str], message: str) -> None:
    code, err = render(capsys, *articles, "-o", str(tmp_path / "t.csv"), *argv)
    assert code == 2 and err.strip() == f"error: {message}"


@pytest.mark.browser
@needs_browser
def test_png_has_the_asked_size(capsys: pytest.CaptureFixture[str], articles: list[str], tmp_path: Path) -> None:
    out = tmp_path / "t.png"
    assert render(capsys, *articles, "-o", str(out), "--width", "1280", "--height", "720")[0] == 0
    assert struct.unpack(">II", out.read_bytes()[16:24]) == (1280, 720)
