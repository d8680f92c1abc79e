"""`python -m timeline_app story`: the JSON external checks read, exactly; CSV and table; links."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.local_server import pages_handler, serve
from timeline_app.cli import main
from timeline_app.identity import document_id
from timeline_app.store import open_store

HARBOUR = ("Storm floods Portmere\n\n5 March 2021\n\nA storm flooded the harbour of Portmere on 2 March. "
           "The next day, the harbour master resigned over the flooding.\n")
COUNCIL = ("Council statement\n\n5 March 2021\n\nCouncil officials said the harbour master resigned over the "
           "flooding on Tuesday.\n")
PAGE = ("<html><head><meta property='article:published_time' content='2021-03-05'><title>Council statement</title>"
        "</head><body><article><p>Council officials said the harbour master resigned over the flooding on Tuesday, "
        "after a storm flooded the harbour and sank three fishing boats at their moorings in the night.</p>"
        "<p>Councillors had asked him to explain why the flood gates were left open during the storm.</p>"
        "</article></body></html>").encode()


@pytest.fixture
def articles(tmp_path: Path) -> list[str]:
    paths = [tmp_path / "harbour.txt", tmp_path / "council.txt"]
    for path, text in zip(paths, (HARBOUR, COUNCIL), strict=True):
        path.write_text(text, encoding="utf-8")
    return [str(p) for p in paths]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_story_json_has_exactly_the_promised_shape(capsys: pytest.CaptureFixture[str], articles: list[str]) -> None:
    code, out, _ = run(capsys, "story", *articles)
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"documents", "events"}
    harbour, council = document_id(HARBOUR), document_id(COUNCIL)  # articles are named by their text
    texts = {harbour: HARBOUR, council: COUNCIL}
    assert [set(d) for d in data["documents"]] == [{"id", "title", "source", "published", "published_source"}] * 2
    assert [(d["id"], d["title"], d["published"]) for d in data["documents"]] == [
        (harbour, "Storm floods Portmere", "2021-03-05"), (council, "Council statement", "2021-03-05")]
    for event in data["events"]:
        assert set(event) == {"id", "start", "end", "granularity", "label", "certainty", "sources", "conflict"}
        for source in event["sources"]:
            assert set(source) == {"doc_id", "expression_start", "expression_end", "sentence_start", "sentence_end",
                                   "start", "end"}
            text = texts[source["doc_id"]]
            sentence = text[source["sentence_start"]:source["sentence_end"]]
            assert text[source["expression_start"]:source["expression_end"]] in sentence
    [resigned] = [e for e in data["events"] if "resigned" in e["label"]]
    assert resigned["conflict"] is not None
    assert sorted((a["start"], a["end"], a["doc_ids"]) for a in resigned["conflict"]["alternatives"]) == [
        ("2021-03-02", "2021-03-02", [council]), ("2021-03-03", "2021-03-03", [harbour])]
    by_doc = {s["doc_id"]: s for s in resigned["sources"]}
    assert HARBOUR[by_doc[harbour]["expression_start"]:by_doc[harbour]["expression_end"]] == "The next day"
    assert COUNCIL[by_doc[council]["expression_start"]:by_doc[council]["expression_end"]] == "Tuesday"
    [storm] = [e for e in data["events"] if "storm" in e["label"]]
    assert (storm["start"], storm["end"], storm["granularity"], storm["conflict"]) == ("2021-03-02", "2021-03-02",
                                                                                       "day", None)


def test_story_csv_and_table(capsys: pytest.CaptureFixture[str], articles: list[str]) -> None:
    code, out, _ = run(capsys, "story", *articles, "--format", "csv")
    assert code == 0
    header, *rows = out.splitlines()
    assert header.startswith("event_id,start,end,granularity,label,certainty,conflict,doc_id")
    assert sum("2021-03-03/2021-03-03 | 2021-03-02/2021-03-02" in row for row in rows) == 2
    code, out, _ = run(capsys, "story", *articles, "--format", "table")
    assert code == 0
    assert "The harbour master resigned over the flooding [2 source(s)] CONFLICT: 3 Mar 2021 (Storm floods " \
           "Portmere) or 2 Mar 2021 (Council statement)" in out
    assert "↳ Council statement, 2 Mar 2021: Council officials said the harbour master resigned" in out


@pytest.fixture
def server() -> Iterator[str]:
    with serve(pages_handler({"/council": (200, {"Content-Type": "text/html"}, PAGE)})) as url:
        yield url


def test_story_and_extract_read_links(capsys: pytest.CaptureFixture[str], articles: list[str], server: str) -> None:
    code, out, _ = run(capsys, "story", articles[0], f"{server}/council")
    assert code == 0
    data = json.loads(out)
    link = data["documents"][1]
    assert link == {"id": link["id"], "title": "Council statement", "source": f"{server}/council",
                    "published": "2021-03-05", "published_source": "meta article:published_time"}
    assert re.fullmatch(r"[0-9a-f]{12}", link["id"])
    [resigned] = [e for e in data["events"] if "resigned" in e["label"]]
    assert resigned["conflict"] is not None
    code, out, _ = run(capsys, "extract", f"{server}/council")
    assert code == 0 and json.loads(out)["published"] == "2021-03-05"
    code, out, err = run(capsys, "extract", f"{server}/gone")
    assert (code, out, err) == (2, "", f"error: {server}/gone: the site answered 404 Not Found\n")


def test_story_adds_its_articles_to_a_project(capsys: pytest.CaptureFixture[str], articles: list[str],
                                              tmp_path: Path) -> None:
    data = tmp_path / "data"
    code, out, err = run(capsys, "story", *articles, "--project", "Portmere", "--data-dir", str(data))
    assert code == 0 and json.loads(out)["events"]  # the usual output is unchanged
    assert "“Portmere”: 2 article(s) added" in err
    saved = open_store(data).project("Portmere").documents()
    assert sorted(d.document.id for d in saved) == sorted([document_id(HARBOUR), document_id(COUNCIL)])
