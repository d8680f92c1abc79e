"""A cold story or chart of many articles: work done once is reused, never changing an answer."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from timeline_app import extraction_cache as ec
from timeline_app.cli import main
from timeline_app.extraction_cache import ExtractionCache
from timeline_app.ingest import read_path
from timeline_app.pipeline import extract, extract_document
from timeline_app.sentences import sentence_spans
from timeline_app.serialize import story_to_dict
from timeline_app.story import build_story

# Short articles written for these tests: one happening told twice, a count, a date line.
DOCKS = ("Dock strike ends\n\nPORTMERE, 12 May 2022 - The dock workers ended their strike on Tuesday. "
         "The strike had lasted 26 days. Talks resume on 20 May.\n")
HARBOUR = ("Harbour reopens\n\nThe harbour reopened on Wednesday, a day after the dock workers ended their "
           "strike. Ships queued for two days. Dr. Alva said the port will be busy until June.\n")
EMPTY = "   \n"


@pytest.fixture(scope="module")
def extractions():  # type: ignore[no-untyped-def]
    return [extract(DOCKS, "2022-05-12", doc_id="docks"), extract(HARBOUR, date(2022, 5, 12), doc_id="harbour"),
            extract(EMPTY, "2022-05-12", doc_id="empty")]


def test_an_extraction_carries_the_sentences_the_engine_cut(extractions) -> None:  # type: ignore[no-untyped-def]
    for x in extractions:
        assert list(x.sentences) == sentence_spans(x.document.text)
    assert extractions[0].sentences and extractions[1].sentences


def test_a_story_from_the_engines_sentences_is_the_story_that_cuts_them_again(extractions) -> None:  # type: ignore[no-untyped-def]
    bare = [replace(x, sentences=()) for x in extractions]  # as an extraction made by hand comes
    assert story_to_dict(build_story(extractions)) == story_to_dict(build_story(bare))
    assert build_story(extractions).events == build_story(bare).events
    assert len(build_story(extractions).events) >= 3


# ---------------------------------------------------------------- batch --cache, then story and render

def _articles(folder: Path) -> list[str]:
    """40 article files of my own (more than a chunk per worker), each text its own, one with no date."""
    folder.mkdir()
    paths = []
    for n in range(40):
        text = (DOCKS, HARBOUR, "Ferry news\n\nThe ferry was cancelled again.")[n % 3]
        path = folder / f"a{n:02d}.txt"
        path.write_text(f"{text}\nFiled by desk {'abcdefghij'[n % 10]}{'klmnopqrst'[n // 10]}.\n", encoding="utf-8")
        paths.append(str(path))
    return paths


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


@pytest.mark.parametrize("workers", ["1", "2"])
def test_batch_with_cache_writes_the_same_lines_and_makes_story_and_render_warm(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: str) -> None:
    files = _articles(tmp_path / "news")
    data = str(tmp_path / "data")
    _run(capsys, "batch", str(tmp_path / "news"), "-o", str(tmp_path / "plain.jsonl"), "--workers", workers)
    _run(capsys, "batch", str(tmp_path / "news"), "-o", str(tmp_path / "kept.jsonl"), "--workers", workers,
         "--cache", "--data-dir", data)
    assert (tmp_path / "kept.jsonl").read_bytes() == (tmp_path / "plain.jsonl").read_bytes()
    cache = ExtractionCache.in_data_dir(data)
    assert all(cache.get(read_path(f)) == extract_document(read_path(f)) for f in files)

    story = _run(capsys, "story", *files, "--no-cache")
    _run(capsys, "render", *files, "-o", str(tmp_path / "fresh.json"), "--no-cache")

    def refused(*_: object) -> None:
        raise AssertionError("extracted although batch kept it")

    monkeypatch.setattr(ec, "extract_document", refused)
    assert _run(capsys, "story", *files, "--data-dir", data) == story
    _run(capsys, "render", *files, "-o", str(tmp_path / "warm.json"), "--data-dir", data)
    assert (tmp_path / "warm.json").read_bytes() == (tmp_path / "fresh.json").read_bytes()


def test_batch_without_cache_keeps_nothing(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    _articles(tmp_path / "news")
    _run(capsys, "batch", str(tmp_path / "news"), "-o", str(tmp_path / "out.jsonl"), "--workers", "1",
         "--data-dir", str(tmp_path / "data"))
    assert not (tmp_path / "data").exists()
