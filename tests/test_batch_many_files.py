"""`story` and `render` over many files extract them on every core (batch's pool): same answers as one process."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from tests.browser_check import needs_browser
from timeline_app import batch
from timeline_app.cli import main

TEXTS = ["Harbour news\n\n5 March 2021\n\nA storm flooded the harbour of Portmere on 2 March. The next day, "
         "the harbour master resigned.",
         "Council news\n\n6 March 2021\n\nCouncil officials said on Friday that the harbour master resigned on Tuesday.",
         "Court news\n\n9 March 2021\n\nThe court will meet on March 15 to hear the case of the flood gates."]


@pytest.fixture
def many(tmp_path: Path) -> list[str]:
    """40 short articles (more than one chunk per worker), each text its own."""
    paths = []
    for n in range(40):
        path = tmp_path / f"a{n:02d}.txt"
        path.write_text(TEXTS[n % 3] + f" Filed by desk {'abcdefghij'[n % 10]}{'klmnopqrst'[n // 10]}.\n",
                        encoding="utf-8")
        paths.append(str(path))
    return paths


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_story_on_two_workers_gives_the_json_of_one(capsys: pytest.CaptureFixture[str], many: list[str]) -> None:
    one = _run(capsys, "story", *many, "--workers", "1")
    two = _run(capsys, "story", *many, "--workers", "2")
    assert one[0] == 0 and one[1].count('"doc_id"') >= 40
    assert two == one


def test_render_on_two_workers_writes_the_file_of_one(capsys: pytest.CaptureFixture[str], many: list[str],
                                                      tmp_path: Path) -> None:
    for workers in ("1", "2"):
        code, _, err = _run(capsys, "render", *many, "-o", str(tmp_path / f"w{workers}.json"), "--workers", workers)
        assert code == 0 and "from 40 articles" in err
    assert (tmp_path / "w2.json").read_bytes() == (tmp_path / "w1.json").read_bytes()


def test_a_missing_file_among_many_is_still_one_line(capsys: pytest.CaptureFixture[str], many: list[str],
                                                     tmp_path: Path) -> None:
    code, out, err = _run(capsys, "story", *many[:20], str(tmp_path / "gone.txt"), *many[20:], "--workers", "2")
    assert code == 2 and out == ""
    assert err == f"error: {tmp_path / 'gone.txt'}: no such file\n"


def test_a_few_articles_stay_in_this_process() -> None:
    assert batch.workers_for(3) == 1
    assert batch.workers_for(5000, 2) == 2
    assert batch.workers_for(40, 8) == 2  # at least 16 articles per process


@pytest.mark.browser
@needs_browser
def test_an_image_of_many_files_uses_the_browser_started_during_extraction(
        capsys: pytest.CaptureFixture[str], many: list[str], tmp_path: Path) -> None:
    out = tmp_path / "t.png"
    code, _, err = _run(capsys, "render", *many, "-o", str(out), "--workers", "2", "--width", "800", "--height", "450")
    assert code == 0 and "from 40 articles" in err
    assert struct.unpack(">II", out.read_bytes()[16:24]) == (800, 450)


def test_a_browser_that_cannot_start_is_one_line_after_extraction(capsys: pytest.CaptureFixture[str],
                                                                   many: list[str], tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "no-browser"))
    code, _, err = _run(capsys, "render", *many, "-o", str(tmp_path / "t.png"), "--workers", "2")
    assert code == 2
    assert err == f"error: BROWSER_PATH={str(tmp_path / 'no-browser')!r} is not an executable browser\n"
