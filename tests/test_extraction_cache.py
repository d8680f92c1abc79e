"""The extraction cache (extraction_cache.py): a hit is exactly the fresh answer; anything that could
change the answer misses; a broken entry is a miss, never a crash; concurrent writers are safe."""

from __future__ import annotations

import multiprocessing
import os
import pickle
import shutil
import sqlite3
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from timeline_app import extraction_cache as ec
from timeline_app.cli import main
from timeline_app.extraction_cache import (ExtractionCache, document_key, entry_bytes, extract_all, extract_entry,
                                           from_entry)
from timeline_app.identity import document_id
from timeline_app.ingest import read_path
from timeline_app.model import Document, Extraction
from timeline_app.pipeline import extract_document
from timeline_app.story import Story, build_story

HARBOUR = ("Storm floods Portmere\n\n5 March 2021\n\nA storm flooded the harbour of Portmere on 2 March. "
           "The next day, the harbour master resigned over the flooding.\n")
COUNCIL = ("Council statement\n\n5 March 2021\n\nCouncil officials said the harbour master resigned over the "
           "flooding on Tuesday, two days after the storm.\n")
UNDATED = "The ferry was cancelled on Friday and again the following week.\n"


def doc(text: str, published: date | None = None, **fields: object) -> Document:
    return Document(text, published, "given" if published else None, id=document_id(text), **fields)  # type: ignore[arg-type]


@pytest.fixture
def cache(tmp_path: Path) -> ExtractionCache:
    return ExtractionCache(tmp_path / "extractions", version="v1")


def stored(cache: ExtractionCache, d: Document) -> Extraction:
    cache.put(d, entry_bytes(extract_document(d)))
    got = cache.get(d)
    assert got is not None
    return got


@pytest.mark.parametrize("d", [doc(HARBOUR), doc(COUNCIL, date(2021, 3, 5)), doc(UNDATED), doc(""),
                               doc(HARBOUR, title="Storm", source="a.txt", full_size=10 ** 7)],
                         ids=["detected date", "given date", "no date", "empty", "title and size"])
def test_a_hit_is_exactly_the_fresh_extraction(cache: ExtractionCache, d: Document) -> None:
    fresh = extract_document(d)
    assert cache.get(d) is None
    assert stored(cache, d) == fresh


def test_the_files_name_is_the_callers(cache: ExtractionCache) -> None:
    stored(cache, doc(HARBOUR, source="first.txt"))
    again = cache.get(doc(HARBOUR, source="second.txt"))  # the same article under another name
    assert again is not None and again.document.source == "second.txt"
    assert again == extract_document(doc(HARBOUR, source="second.txt"))


@pytest.mark.parametrize("change", [
    {"published": date(2021, 3, 9)}, {"published": None, "published_source": None}, {"title": "Other headline"},
    {"full_size": 123456}, {"id": "another-id"}], ids=["date", "no date", "title", "size", "id"])
def test_what_the_engine_reads_is_in_the_key(cache: ExtractionCache, change: dict[str, object]) -> None:
    d = doc(COUNCIL, date(2021, 3, 5))
    stored(cache, d)
    assert cache.get(replace(d, **change)) is None  # type: ignore[arg-type]


def test_another_engine_version_misses_and_its_first_write_removes_the_old_entries(tmp_path: Path) -> None:
    old = ExtractionCache(tmp_path / "extractions", version="old")
    d = doc(HARBOUR)
    stored(old, d)
    new = ExtractionCache(tmp_path / "extractions", version="new")
    assert new.get(d) is None
    stored(new, doc(COUNCIL))
    assert not old.file.exists() and new.file.exists()
    assert ExtractionCache(tmp_path / "extractions", version="old").get(d) is None


def test_the_first_write_removes_the_older_layout_of_a_file_per_entry(tmp_path: Path) -> None:
    folder = tmp_path / "extractions" / "0123abcd" / "ab"
    folder.mkdir(parents=True)
    (folder / "ab12.entry").write_bytes(b"an entry of the format before")
    stored(ExtractionCache(tmp_path / "extractions", version="v1"), doc(HARBOUR))
    assert [p.name for p in (tmp_path / "extractions").iterdir() if p.is_dir()] == []


def rows(cache: ExtractionCache) -> dict[str, bytes]:
    with sqlite3.connect(cache.file) as connection:
        return dict(connection.execute("SELECT key, entry FROM entries"))


def engine_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    package = tmp_path / "pkg"
    shutil.copytree(ec._PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(ec, "_PACKAGE", package)
    return package


@pytest.mark.parametrize(("path", "changes"), [("resolver.py", True), ("sentences.py", True),
                                               ("rules/en.toml", True), ("figure.py", False),
                                               ("story.py", False)])
def test_the_engine_version_follows_the_engines_code_and_rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                               path: str, changes: bool) -> None:
    package = engine_copy(tmp_path, monkeypatch)
    before = ec.engine_version.__wrapped__()
    with (package / path).open("a", encoding="utf-8") as f:
        f.write("\n# a change\n")
    assert (ec.engine_version.__wrapped__() != before) is changes


def test_the_engine_modules_include_lazy_and_parenthesised_imports(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    package = engine_copy(tmp_path, monkeypatch)
    (package / "lazy_one.py").write_text("X = 1\n", encoding="utf-8")
    (package / "lazy_two.py").write_text("Y = 2\n", encoding="utf-8")
    with (package / "pipeline.py").open("a", encoding="utf-8") as f:
        f.write("\n\ndef later():\n    from . import (\n        lazy_one,\n    )\n    import timeline_app.lazy_two\n")
    modules, outside = ec._engine_modules()
    assert {"lazy_one", "lazy_two", "resolver", "tagger"} <= set(modules)
    assert "figure" not in modules and "story" not in modules
    assert "dateparser" in outside


def broken_entries(good: bytes) -> dict[str, bytes]:
    head = len(ec.MAGIC) + ec._DIGEST
    body = good[head:]
    evil = b"cos\nsystem\n(S'true'\ntR."  # a pickle that would call os.system
    forged = ec.MAGIC + ec.hashlib.sha256(evil).digest() + evil
    wrong_shape = pickle.dumps(["not", "an", "entry"])
    return {
        "empty": b"",
        "truncated": good[: len(good) // 2],
        "flipped byte": good[:-5] + bytes([good[-5] ^ 0xFF]) + good[-4:],
        "other magic": b"something else\n" + good[len(ec.MAGIC):],
        "garbage": b"\x00\xff" * 100,
        "code in a pickle": forged,
        "wrong shape": ec.MAGIC + ec.hashlib.sha256(wrong_shape).digest() + wrong_shape,
        "body only": body,
    }


@pytest.mark.parametrize("kind", list(broken_entries(b"x" * 200)))
def test_a_broken_entry_is_a_miss_and_is_replaced(cache: ExtractionCache, kind: str) -> None:
    d = doc(HARBOUR)
    good = entry_bytes(extract_document(d))
    assert good is not None
    cache.put_many([(document_key(d), broken_entries(good)[kind])])  # planted as a row
    assert cache.get(d) is None
    assert from_entry(d, broken_entries(good)[kind]) is None
    if kind == "code in a pickle":  # refused before it could run, not merely of the wrong shape
        with pytest.raises(pickle.UnpicklingError):
            ec._Unpickler(broken_entries(good)[kind][len(ec.MAGIC) + ec._DIGEST:]).load()
    [x] = extract_all([d], 1, cache, lambda docs, _: (extract_entry(each) for each in docs))
    assert x == extract_document(d)
    assert rows(cache) == {document_key(d): good}


@pytest.mark.parametrize("content", [b"", b"not a database at all" * 50, b"SQLite format 3\x00" + b"\xff" * 4000],
                         ids=["empty", "text", "damaged header"])
def test_a_file_that_is_not_a_database_is_a_miss_and_is_made_again(tmp_path: Path, content: bytes) -> None:
    cache = ExtractionCache(tmp_path / "extractions", version="v1")
    cache.file.parent.mkdir(parents=True)
    cache.file.write_bytes(content)
    d = doc(HARBOUR)
    assert cache.get(d) is None and not cache.has(d)
    [x] = extract_all([d], 1, cache, lambda docs, _: (extract_entry(each) for each in docs))
    assert x == extract_document(d)
    assert ExtractionCache(tmp_path / "extractions", version="v1").get(d) == x


def test_a_failed_extraction_is_not_kept(cache: ExtractionCache, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("engine bug")

    monkeypatch.setattr("timeline_app.pipeline.resolve", broken)
    d = doc(HARBOUR)
    [x] = extract_all([d], 1, cache, lambda docs, _: (extract_entry(each) for each in docs))
    assert x.error
    assert cache.get(d) is None and not cache.has(d)


def test_an_unwritable_cache_only_costs_speed(tmp_path: Path) -> None:
    (tmp_path / "extractions").write_text("a file where the folder would be", encoding="utf-8")
    cache = ExtractionCache(tmp_path / "extractions", version="v1")
    d = doc(HARBOUR)
    [x] = extract_all([d], 1, cache, lambda docs, _: (extract_entry(each) for each in docs))
    assert x == extract_document(d)
    assert cache.get(d) is None


def test_a_warm_run_looks_everything_up_before_extracting_the_rest(cache: ExtractionCache) -> None:
    docs = [doc(HARBOUR), doc(COUNCIL), doc(UNDATED)]
    stored(cache, docs[0])
    asked: list[int] = []

    def extract(todo, count):  # type: ignore[no-untyped-def]
        asked.append(count)
        return (extract_entry(d) for d in todo)

    got = extract_all(iter(docs), 3, cache, extract)
    assert got == [extract_document(d) for d in docs]
    assert asked == [2]  # two left, known before extracting
    assert extract_all(iter(docs), 3, cache, extract) == got and asked == [2]  # all cached: nothing extracted


def _write_many(root: str, rounds: int) -> None:
    cache = ExtractionCache(Path(root), version="v1")
    entries = [(d, entry_bytes(extract_document(d))) for d in (doc(HARBOUR), doc(COUNCIL), doc(UNDATED))]
    for _ in range(rounds):
        for d, entry in entries:
            cache.put(d, entry)
            assert cache.get(d) is not None  # a reader never sees half an entry


def test_concurrent_writers_and_readers_see_whole_entries(tmp_path: Path) -> None:
    context = multiprocessing.get_context("fork")
    writers = [context.Process(target=_write_many, args=(str(tmp_path / "extractions"), 60)) for _ in range(4)]
    for w in writers:
        w.start()
    for w in writers:
        w.join(60)
    assert [w.exitcode for w in writers] == [0] * 4
    cache = ExtractionCache(tmp_path / "extractions", version="v1")
    for d in (doc(HARBOUR), doc(COUNCIL), doc(UNDATED)):
        assert cache.get(d) == extract_document(d)
    assert len(rows(cache)) == 3


# ---------------------------------------------------------------- through the CLI

@pytest.fixture
def articles(tmp_path: Path) -> list[str]:
    paths = []
    for name, text in (("harbour.txt", HARBOUR), ("council.txt", COUNCIL), ("undated.txt", UNDATED)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(str(tmp_path / name))
    return paths


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def no_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(*_: object) -> None:
        raise AssertionError("extracted although cached")

    monkeypatch.setattr(ec, "extract_document", refused)


@pytest.mark.parametrize("command", [["story", "--format", "json"], ["story", "--format", "csv"],
                                     ["render", "-o", "-"]])
def test_a_cached_story_or_chart_is_the_fresh_one(capsys: pytest.CaptureFixture[str], articles: list[str],
                                                   tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   command: list[str]) -> None:
    if command[0] == "render":
        command = ["render", "-o", str(tmp_path / "t.json")]

    def output() -> str:
        printed = run(capsys, command[0], *articles, *command[1:], "--workers", "1", "--data-dir", str(tmp_path / "d"))
        return (tmp_path / "t.json").read_text(encoding="utf-8") if command[0] == "render" else printed

    fresh = run(capsys, command[0], *articles, *command[1:], "--no-cache") if command[0] == "story" else None
    cold = output()
    assert len(rows(ExtractionCache.in_data_dir(tmp_path / "d"))) == 3
    no_engine(monkeypatch)
    assert output() == cold
    assert fresh is None or fresh == cold


def test_no_cache_neither_reads_nor_writes(capsys: pytest.CaptureFixture[str], articles: list[str],
                                           tmp_path: Path) -> None:
    data = tmp_path / "d"
    run(capsys, "story", *articles, "--data-dir", str(data), "--workers", "1")
    cache = ExtractionCache.in_data_dir(data)
    # plant a different (valid) answer for the harbour article: a cached run shows it, --no-cache never
    d = read_path(articles[0])
    planted = extract_document(doc(COUNCIL, date(2021, 3, 5)))
    cache.put(d, entry_bytes(replace(planted, events=planted.events[:0])))
    shutil.rmtree(data / "stories")  # the merged story is kept too: without it, the plant is merged
    cached = run(capsys, "story", *articles, "--data-dir", str(data), "--workers", "1")
    fresh = run(capsys, "story", *articles, "--data-dir", str(data), "--workers", "1", "--no-cache")
    assert cached != fresh
    assert fresh == run(capsys, "story", *articles, "--no-cache", "--data-dir", str(tmp_path / "unused"))
    assert not (tmp_path / "unused").exists()


def test_cli_options(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("story", "render"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        shown = capsys.readouterr().out
        assert "--no-cache" in shown and "--data-dir" in shown


# ---------------------------------------------------------------- merged stories and charts

def documents(*texts: str) -> list[Document]:
    return [doc(t, source=f"{n}.txt") for n, t in enumerate(texts)]


def merged(docs: list[Document]) -> tuple[list[Extraction], Story]:
    xs = [extract_document(d) for d in docs]
    return xs, build_story(xs)


@pytest.fixture
def stories(tmp_path: Path) -> ec.StoryCache:
    return ec.StoryCache(tmp_path / "stories", version="s1")


def test_a_kept_story_is_the_merged_one_with_the_callers_documents(stories: ec.StoryCache) -> None:
    def read() -> list[Document]:  # the council's date given, the harbour's for the engine to detect
        return [doc(HARBOUR, source="0.txt"), doc(COUNCIL, date(2021, 3, 5), source="1.txt")]

    docs = read()
    xs, story = merged(docs)
    stories.put(docs, xs, story)
    again = read()  # another run: equal, not the same objects
    kept = stories.get(again, Story)
    assert kept == story
    assert kept.documents == tuple(x.document for x in xs)  # with the detected publication date
    assert kept.documents[1] is again[1]  # a given date: the caller's own document
    assert stories.get(again, tuple) is None  # not what the caller expects: a miss


@pytest.mark.parametrize("other", [
    lambda ds: ds[::-1], lambda ds: ds[:2], lambda ds: [*ds[:2], replace(ds[2], source="renamed.txt")],
    lambda ds: [*ds[:2], doc(UNDATED + "More.\n", source="2.txt")],
    lambda ds: [*ds[:2], replace(ds[2], published=date(2021, 3, 1), published_source="given")]],
    ids=["order", "fewer", "file name", "changed article", "date given"])
def test_an_answer_is_named_by_its_articles_in_order(stories: ec.StoryCache, other) -> None:  # type: ignore[no-untyped-def]
    docs = documents(HARBOUR, COUNCIL, UNDATED)
    stories.put(docs, *merged(docs))
    assert stories.get(docs, Story) is not None
    assert stories.get(other(docs), Story) is None


@pytest.mark.parametrize(("kind", "path", "changes"), [
    ("story", "story.py", True), ("story", "similarity.py", True), ("story", "resolver.py", True),
    ("story", "rules/en.toml", True), ("story", "figure.py", False), ("story", "cli.py", False),
    ("chart", "story_events.py", True), ("chart", "story.py", True), ("chart", "figure.py", True),
    ("chart", "cli.py", False)])
def test_the_answers_version_follows_its_code_and_the_engines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             kind: str, path: str, changes: bool) -> None:
    package = engine_copy(tmp_path, monkeypatch)
    monkeypatch.setattr(ec, "engine_version", ec.engine_version.__wrapped__)  # not remembered: asked twice
    before = ec.work_version.__wrapped__(kind)
    with (package / path).open("a", encoding="utf-8") as f:
        f.write("\n# a change\n")
    assert (ec.work_version.__wrapped__(kind) != before) is changes


def test_a_broken_answer_is_a_miss(stories: ec.StoryCache) -> None:
    docs = documents(HARBOUR, COUNCIL)
    stories.put(docs, *merged(docs))
    path = stories._entries.path(stories.key(docs))
    whole = path.read_bytes()
    path.write_bytes(whole[:-10])
    assert stories.get(docs, Story) is None
    body = pickle.dumps(("not", "an index"))
    path.write_bytes(ec._sealed(b"\x80\x05P" + pickle.dumps("x")[2:]))  # a persistent id that is no index
    assert stories.get(docs, Story) is None
    path.write_bytes(ec._sealed(body))
    assert stories.get(docs, Story) is None


def test_an_answer_with_a_failed_extraction_is_not_kept(stories: ec.StoryCache) -> None:
    docs = documents(HARBOUR, COUNCIL)
    xs = [extract_document(docs[0]), Extraction(docs[1], error="engine bug")]
    stories.put(docs, xs, build_story(xs))
    assert stories.get(docs, Story) is None


def test_only_the_answers_used_last_are_kept(tmp_path: Path) -> None:
    stories = ec.StoryCache(tmp_path / "stories", version="s1", keep=2)
    a, b, c = documents(HARBOUR), documents(COUNCIL), documents(UNDATED)
    for docs in (a, b):
        stories.put(docs, *merged(docs))
    os.utime(stories._entries.path(stories.key(a)), ns=(1, 1))  # a was used long ago ...
    assert stories.get(a, Story) is not None  # ... and again now, so b is the oldest
    stories.put(c, *merged(c))
    assert [stories.get(docs, Story) is not None for docs in (a, b, c)] == [True, False, True]


def test_a_warm_story_or_chart_is_not_worked_out_again(capsys: pytest.CaptureFixture[str], articles: list[str],
                                                       tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import timeline_app.cli as cli

    data = ["--data-dir", str(tmp_path / "d"), "--workers", "1"]
    cold = run(capsys, "story", *articles, *data)
    run(capsys, "render", *articles, "-o", str(tmp_path / "t.json"), *data)
    chart = (tmp_path / "t.json").read_text(encoding="utf-8")
    merges: list[int] = []
    real = cli.build_story
    monkeypatch.setattr(cli, "build_story", lambda *a, **k: merges.append(1) or real(*a, **k))
    monkeypatch.setattr(ExtractionCache, "get", lambda *_: pytest.fail("an extraction was loaded"))
    assert run(capsys, "story", *articles, *data) == cold
    run(capsys, "render", *articles, "-o", str(tmp_path / "t.json"), *data)
    assert (tmp_path / "t.json").read_text(encoding="utf-8") == chart
    assert merges == []
    monkeypatch.undo()
    monkeypatch.setattr(cli, "build_story", lambda *a, **k: merges.append(1) or real(*a, **k))
    assert run(capsys, "story", *articles, *data, "--no-cache") == cold and merges == [1]


@pytest.mark.parametrize("target", [b"timeline_app.model\n_as_datetime", b"timeline_app.model\nfield",
                                    b"timeline_app.cli\nmain", b"builtins\neval"])
def test_an_entry_builds_only_result_dataclasses_and_dates(target: bytes) -> None:
    with pytest.raises(pickle.UnpicklingError):
        ec._Unpickler(b"c" + target + b"\n.", ec._STORY_RESULTS).load()
    assert ec._Unpickler(pickle.dumps(date(2021, 3, 2))).load() == date(2021, 3, 2)
