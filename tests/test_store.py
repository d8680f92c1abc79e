"""Saved projects: schema and migrations, the append-only operation log, and damaged, foreign, locked, full or
newer databases (one clear message, nothing lost)."""

from __future__ import annotations

import sqlite3
import threading
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_app import extract
from timeline_app.corrections import Add, Delete, EditDate, EditLabel, apply_corrections
from timeline_app.store import (
    APP_ID,
    DB_NAME,
    MIGRATIONS,
    OpRecord,
    SCHEMA_VERSION,
    Store,
    StoreBusy,
    StoreError,
    StoreFull,
    StoreNewer,
    StoreUnreadable,
    active_records,
    add_documents,
    data_dir,
    open_store,
    set_aside,
)

TEXT = "Talks fail\n\nJanuary 26, 2012\n\nThe union said on Wednesday that talks had failed. Police came on Dec. 16."


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return open_store(tmp_path)


def files(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


# ---------------------------------------------------------------- where


def test_data_dir_order_flag_then_environment_then_xdg(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.delenv("TIMELINE_APP_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert data_dir() == tmp_path / "xdg" / "timeline_app"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert data_dir() == tmp_path / "home" / ".local" / "share" / "timeline_app"
    monkeypatch.setenv("TIMELINE_APP_DATA_DIR", str(tmp_path / "env"))
    assert data_dir() == tmp_path / "env"
    assert data_dir(tmp_path / "flag") == tmp_path / "flag"


def test_a_new_database_is_ours_current_and_in_wal_mode(tmp_path: Path) -> None:
    open_store(tmp_path / "nested" / "dir")
    con = sqlite3.connect(tmp_path / "nested" / "dir" / DB_NAME)
    assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 3
    assert con.execute("PRAGMA application_id").fetchone()[0] == APP_ID
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


# ---------------------------------------------------------------- projects and articles


def test_projects_create_rename_duplicate_delete(store: Store) -> None:
    story = store.create("  Kazakh   riots ")
    assert story.name == "Kazakh riots"
    with pytest.raises(StoreError, match="already exists"):
        store.create("KAZAKH RIOTS")
    with pytest.raises(StoreError, match="needs a name"):
        store.create("   ")
    doc = extract(TEXT).document
    assert add_documents(story, [doc, doc]) == [doc.id]  # the same article twice is one article
    event = extract(TEXT).events[0]
    story.append_correction(EditLabel(event.id, "Talks fail"), about="25 Jan 2012 · talks had failed")
    story.update_settings({"color_by_source": False, "query": "union"})
    renamed = store.rename(story.id, "Zhanaozen")
    copy = store.duplicate(renamed.id, store.unique_name("Zhanaozen"))
    assert copy.name == "Zhanaozen (2)"
    assert [d.document for d in copy.documents()] == [d.document for d in renamed.documents()]
    assert [op for _, op in copy.corrections()] == [EditLabel(event.id, "Talks fail")]
    assert copy.settings() == {"color_by_source": False, "query": "union"}
    assert store.last_project() == copy
    store.delete(renamed.id)
    assert [p.name for p in store.projects()] == ["Zhanaozen (2)"]
    assert copy.corrections() and copy.documents()  # the copy does not share rows with the deleted original
    with pytest.raises(StoreError, match="no project called"):
        store.project("Zhanaozen")


def test_articles_keep_their_origin_and_publication_dates(store: Store) -> None:
    story = store.create("s")
    pasted = extract(TEXT).document
    from_file = extract(TEXT + " More.", source="talks.txt").document
    from_url = extract(TEXT + " Web.", source="https://example.org/a").document
    story.add_documents([pasted, from_file, from_url])
    story.set_published(from_file.id, date(2012, 2, 1))
    kept = story.documents()
    assert [(d.origin_kind, d.origin) for d in kept] == [("paste", None), ("file", "talks.txt"),
                                                         ("url", "https://example.org/a")]
    assert [d.document for d in kept] == [pasted, from_file, from_url]  # text as shown, date and its source
    assert kept[0].document.published_source == "dateline"
    assert [d.published_set for d in kept] == [None, date(2012, 2, 1), None]
    story.remove_document(pasted.id)
    assert [d.document.id for d in story.documents()] == [from_file.id, from_url.id]


# ---------------------------------------------------------------- the operation log


def test_undo_is_a_new_operation_and_undoing_an_undo_redoes(store: Store) -> None:
    story = store.create("s")
    a = story.append_correction(Delete("d:1-2:aa"))
    b = story.append_correction(EditLabel("d:3-4:bb", "x"))
    undo_b = story.undo(b.seq)
    assert [r.seq for r in story.active()] == [a.seq]
    story.undo(undo_b.seq)
    assert [r.seq for r in story.active()] == [a.seq, b.seq]
    assert [r.kind for r in story.log()] == ["delete", "edit_label", "undo", "undo"]  # nothing rewritten


def test_the_log_cannot_be_rewritten(store: Store) -> None:
    story = store.create("s")
    story.append_correction(Delete("d:1-2:aa"))
    con = sqlite3.connect(store.path)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        con.execute("UPDATE ops SET kind = 'restore'")


def test_operations_are_checked_before_they_are_saved(store: Store) -> None:
    story = store.create("s")
    with pytest.raises(StoreError, match="Unknown operation"):
        story.append("explode", {})
    with pytest.raises(StoreError, match="missing “label”"):
        story.append("edit_label", {"event_id": "x"})
    with pytest.raises(StoreError, match="no operation 99"):
        story.undo(99)
    other = store.create("other")
    foreign = other.append_correction(Delete("d:1-2:aa"))
    with pytest.raises(StoreError, match=f"no operation {foreign.seq}"):
        story.undo(foreign.seq)  # an undo never reaches into another project
    assert story.log() == []


def test_merge_decisions_are_generic_operations(store: Store) -> None:
    story = store.create("s")
    accept = story.append_decision({"op": "accept_date", "mention": "b:5-9:cc"}, about="4 Mar 2012 · Protest")
    story.append_decision({"op": "split", "mentions": ["a:1-2:aa"]})
    story.append("merge", {"mentions": ["a:1-2:aa", "b:5-9:cc"]})
    story.append_correction(Delete("a:1-2:aa"))
    assert story.decision_ops()[0] == {"op": "accept_date", "mention": "b:5-9:cc"}
    story.undo(accept.seq)
    assert story.decision_ops() == [{"op": "split", "mentions": ["a:1-2:aa"]},
                                    {"op": "merge", "mentions": ["a:1-2:aa", "b:5-9:cc"]}]
    assert [op for _, op in story.corrections()] == [Delete("a:1-2:aa")]
    with pytest.raises(StoreError, match="Unknown operation"):
        story.append_decision({"mentions": []})


def test_two_tabs_appending_at_once_never_overwrite_each_other(tmp_path: Path) -> None:
    first, second = open_store(tmp_path), open_store(tmp_path)
    story = first.create("s")
    tab_b = second.project("s")
    def tab(project, prefix: str) -> None:
        for n in range(15):
            project.append_correction(EditLabel(f"d:{n}-{n + 1}:aa", f"{prefix}{n}"))
    threads = [threading.Thread(target=tab, args=(story, "a")), threading.Thread(target=tab, args=(tab_b, "b"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    labels = sorted(op.label for _, op in story.corrections())
    assert labels == sorted([f"a{n}" for n in range(15)] + [f"b{n}" for n in range(15)])


def test_corrections_replay_from_the_store_onto_a_re_extraction(store: Store) -> None:
    story = store.create("s")
    x = extract(TEXT)
    story.add_documents([x.document])
    wednesday = next(e for e in x.events if "talks had failed" in e.label)
    story.append_many([("edit_label", {"event_id": wednesday.id, "label": "Talks collapse"}, None),
                       ("add", {"event_id": f"{x.document.id}:hand1", "doc_id": x.document.id,
                                "start": "2012-01-01", "end": "2012-01-01", "label": "Strike"}, None)])
    redated = extract(x.document.text, "2012-02-09")  # another publication date: "Wednesday" moves
    shown = apply_corrections(redated.events, [op for _, op in store.project("s").corrections()])
    moved = next(e for e in shown if e.id == wednesday.id)
    assert (moved.label, moved.start) == ("Talks collapse", date(2012, 2, 8))
    assert any(isinstance(op, Add) for _, op in story.corrections())


def test_a_failed_batch_saves_nothing(store: Store) -> None:
    story = store.create("s")
    with pytest.raises(StoreError):
        story.append_many([("delete", {"event_id": "a"}, None), ("edit_date", {"event_id": "a", "start": "2012-02-02",
                                                                                "end": "2012-01-01"}, None)])
    assert story.log() == []
    story.append_correction(EditDate("a", date(2012, 1, 1), date(2012, 1, 2)))
    assert len(story.log()) == 1


def test_active_records_settles_chains_of_undos() -> None:
    def rec(seq: int, kind: str = "delete", target: int | None = None) -> OpRecord:
        return OpRecord(seq, kind, {"seq": target} if target else {"event_id": "x"}, None, "")

    log = [rec(1), rec(2, "undo", 1), rec(3, "undo", 2), rec(4, "undo", 3), rec(5)]
    assert [r.seq for r in active_records(log)] == [5]  # 4 cancels 3, so 2 stands, so 1 is undone
    assert [r.seq for r in active_records(log[:3])] == [1]


# ---------------------------------------------------------------- migrations


def test_an_article_read_in_part_keeps_its_full_size_so_the_app_keeps_saying_so(store: Store) -> None:
    from timeline_app.ingest import truncation_note
    from timeline_app.model import Document

    project = store.open_or_create("long read")
    project.add_documents([Document("The start of a long article.", id="long", full_size=9 * 2**20),
                           Document("A short one.", id="short")])
    copy = store.duplicate(project.id, "long read, copy")
    for p in (project, copy):
        by_id = {d.document.id: d.document for d in p.documents()}
        assert by_id["long"].full_size == 9 * 2**20 and by_id["short"].full_size is None
        assert truncation_note(by_id["long"]) == "This article is 9.0 MB; the first 28 characters were read."


def test_an_older_database_is_migrated_after_a_backup_and_keeps_everything(tmp_path: Path) -> None:
    db = tmp_path / DB_NAME
    con = sqlite3.connect(db, isolation_level=None)
    con.executescript(MIGRATIONS[0] + "PRAGMA user_version = 1;")
    con.execute("INSERT INTO projects (name, created, updated) VALUES ('old story', 't', 't')")
    con.execute("INSERT INTO documents (project_id, doc_id, position, text, origin_kind, added)"
                " VALUES (1, 'd', 0, 'Old text.', 'paste', 't')")
    con.execute("INSERT INTO ops (project_id, kind, payload, created)"
                " VALUES (1, 'delete', '{\"event_id\": \"d:1\"}', 't')")
    con.close()
    store = open_store(tmp_path)
    old = store.project("old story")
    assert [d.document.text for d in old.documents()] == ["Old text."]
    assert [op for _, op in old.corrections()] == [Delete("d:1")]
    old.update_settings({"query": "x"})  # a version-2 feature works on the migrated file
    assert sqlite3.connect(db).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    (backup,) = [p for p in tmp_path.iterdir() if ".schema1-" in p.name]
    assert sqlite3.connect(backup).execute("PRAGMA user_version").fetchone()[0] == 1
    assert open_store(tmp_path).project("old story")  # opening again changes nothing


def test_a_newer_schema_is_refused_untouched(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    store.create("s")
    sqlite3.connect(store.path, isolation_level=None).execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    store.close()  # its last connection: the log is folded into the file before we read its bytes
    before = store.path.read_bytes()
    with pytest.raises(StoreNewer, match=r"newer timeline_app \(schema 4; this version reads up to 3\)"):
        open_store(tmp_path)
    assert store.path.read_bytes() == before


# ---------------------------------------------------------------- bad databases


@pytest.mark.parametrize("content", [b"this is a shopping list, not a database\n" * 50,
                                     b"SQLite format 3\x00" + b"\xff" * 5000], ids=["text", "damaged-header"])
def test_a_corrupt_or_foreign_file_is_backed_up_and_never_overwritten(tmp_path: Path, content: bytes) -> None:
    db = tmp_path / DB_NAME
    db.write_bytes(content)
    with pytest.raises(StoreUnreadable, match="is not an SQLite database") as caught:
        open_store(tmp_path)
    message = str(caught.value)
    assert "not changed" in message and "TIMELINE_APP_DATA_DIR" in message and "\n" not in message
    assert db.read_bytes() == content
    assert caught.value.backup is not None and caught.value.backup.read_bytes() == content
    moved = set_aside(tmp_path)  # the app's "start afresh": the file is renamed, not deleted
    assert moved.read_bytes() == content and not db.exists()
    assert open_store(tmp_path).projects() == []


def test_another_programs_sqlite_database_is_left_alone(tmp_path: Path) -> None:
    db = tmp_path / DB_NAME
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE recipes (name TEXT)")
    con.execute("INSERT INTO recipes VALUES ('soup')")
    con.commit()
    con.close()
    before = db.read_bytes()
    with pytest.raises(StoreUnreadable, match="another program"):
        open_store(tmp_path)
    assert db.read_bytes() == before


def test_damage_is_one_message_at_open_and_in_use(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    story = store.create("s")
    story.append_correction(Delete("x"))
    store.close()  # as after the app stopped: everything is in the main file
    data = bytearray(store.path.read_bytes())
    page = sqlite3.connect(store.path).execute("PRAGMA page_size").fetchone()[0]
    for start in range(page, len(data), page):  # scribble over every page but the header's
        data[start:start + page] = b"\x17" * page
    store.path.write_bytes(bytes(data))
    with pytest.raises(StoreUnreadable, match="is damaged"):
        story.corrections()  # a tab that had it open
    with pytest.raises(StoreUnreadable, match="is damaged"):
        open_store(tmp_path)


def test_a_locked_database_says_so_and_keeps_what_was_saved(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr("timeline_app.store.BUSY_TIMEOUT_S", 0.2)
    store = open_store(tmp_path)
    story = store.create("s")
    story.append_correction(Delete("kept"))
    other = sqlite3.connect(store.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    with pytest.raises(StoreBusy, match="locked by another program.*not saved"):
        story.append_correction(Delete("lost"))
    assert [op for _, op in story.corrections()] == [Delete("kept")]  # readers still see the saved work
    other.execute("ROLLBACK")
    story.append_correction(Delete("later"))
    assert [op.event_id for _, op in story.corrections()] == ["kept", "later"]


def test_a_full_disk_says_so_and_keeps_what_was_saved(tmp_path: Path, monkeypatch) -> None:
    store = open_store(tmp_path)
    story = store.create("s")
    story.append_correction(Delete("kept"))
    pages = sqlite3.connect(store.path).execute("PRAGMA page_count").fetchone()[0]
    big = extract("x " * 200_000).document
    with monkeypatch.context() as patch:
        patch.setattr(Store, "pragmas", (*Store.pragmas, f"max_page_count = {pages}"))
        with pytest.raises(StoreFull, match="is full. Your last change was not saved"):
            story.add_documents([big])
    assert story.documents() == [] and [op for _, op in story.corrections()] == [Delete("kept")]


def test_an_unwritable_folder_is_one_message(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="Cannot create the data directory"):
        open_store(blocker / "sub")


def test_the_python_api_gives_the_projects_timeline_as_the_app_shows_it(store: Store) -> None:
    story = store.create("s")
    x = extract(TEXT)
    story.add_documents([x.document])
    wednesday = next(e for e in x.events if "talks had failed" in e.label)
    story.append_correction(EditLabel(wednesday.id, "Talks collapse"))
    story.set_published(x.document.id, date(2012, 2, 9))
    shown = {e.id: e for e in store.project("s").events()}
    assert (shown[wednesday.id].label, shown[wednesday.id].start) == ("Talks collapse", date(2012, 2, 8))
    (extraction,) = story.extractions()
    assert extraction.document.published_source == "set by you"


def test_a_damaged_file_opened_again_and_again_is_copied_once(tmp_path: Path) -> None:
    (tmp_path / DB_NAME).write_bytes(b"garbage" * 100)
    for _ in range(3):  # the app retries on every rerun
        with pytest.raises(StoreUnreadable):
            open_store(tmp_path)
    assert len([p for p in tmp_path.iterdir() if ".unreadable-" in p.name]) == 1


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["add", "undo", "redo"]), max_size=40))
def test_undo_and_redo_behave_like_a_stack(actions: list[str]) -> None:
    """The log, settled, is what an editor's undo stack would show, however undos and redos interleave."""
    log: list[OpRecord] = []
    shown: list[int] = []  # the model: operations in force
    undone: list[tuple[int, int]] = []  # (undo's seq, the operation it cancelled), for redo
    for action in actions:
        seq = len(log) + 1
        if action == "add":
            log.append(OpRecord(seq, "delete", {"event_id": f"e{seq}"}, None, ""))
            shown.append(seq)
            undone.clear()  # a new change ends the redo chain, as in any editor
        elif action == "undo" and shown:
            log.append(OpRecord(seq, "undo", {"seq": shown[-1]}, None, ""))
            undone.append((seq, shown.pop()))
        elif action == "redo" and undone:
            undo_seq, target = undone.pop()
            log.append(OpRecord(seq, "undo", {"seq": undo_seq}, None, ""))
            shown.append(target)
        assert sorted(r.seq for r in active_records(log)) == sorted(shown)
