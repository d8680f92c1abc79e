"""`extract --project`: the CLI adds articles to the same saved projects the app opens."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from timeline_app.cli import main
from timeline_app.identity import document_id
from timeline_app.store import DB_NAME, open_store

ARTICLE = "Strike ends\n\nMarch 3, 2012\n\nWorkers returned on Monday after the strike ended the day before.\n"


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "strike.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_extract_adds_the_article_to_a_project_once(article: Path, tmp_path: Path, capsys) -> None:
    data = tmp_path / "data"
    assert main(["extract", str(article), "--project", "Strike", "--data-dir", str(data)]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["events"]  # the usual output is unchanged
    assert "“Strike”: 1 article(s) added" in err
    assert main(["extract", str(article), "--project", "strike", "--data-dir", str(data)]) == 0
    assert "0 article(s) added, 1 already there" in capsys.readouterr().err
    store = open_store(data)
    (saved,) = store.project("Strike").documents()
    assert (saved.document.id, saved.origin_kind, saved.origin) == (document_id(ARTICLE), "file", "strike.txt")
    assert saved.document.published_source == "dateline"
    assert store.last_project().name == "Strike"  # the app opens on it


def test_the_environment_names_the_data_dir(article: Path, tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("TIMELINE_APP_DATA_DIR", str(tmp_path / "env"))
    assert main(["extract", str(article), "--project", "Env", "--format", "table"]) == 0
    assert (tmp_path / "env" / DB_NAME).exists()


def test_a_damaged_database_is_one_line_and_exit_2(article: Path, tmp_path: Path, capsys) -> None:
    (tmp_path / DB_NAME).write_bytes(b"not a database at all" * 10)
    assert main(["extract", str(article), "--project", "X", "--data-dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1 and "is not an SQLite database" in err
    assert (tmp_path / DB_NAME).read_bytes() == b"not a database at all" * 10


def test_story_adds_its_articles_to_a_project(article: Path, tmp_path: Path, capsys) -> None:
    other = tmp_path / "talks.txt"
    other.write_text("Talks resume\n\nMarch 5, 2012\n\nTalks resumed on Sunday.\n", encoding="utf-8")
    data = tmp_path / "data"
    assert main(["story", str(article), str(other), "--project", "Strike", "--data-dir", str(data)]) == 0
    assert json.loads(capsys.readouterr().out)["documents"]
    saved = open_store(data).project("Strike").documents()
    assert [(d.origin, d.document.title) for d in saved] == [("strike.txt", "Strike ends"), ("talks.txt", "Talks resume")]
