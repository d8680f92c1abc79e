"""Projects in the app (AppTest): saved articles and corrections survive a reload, two tabs never overwrite each
other, projects are created, switched, renamed, duplicated and deleted, and a bad database is one message."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from timeline_app.escape import for_markdown
from timeline_app.store import DB_NAME, open_store

APP = Path(__file__).resolve().parents[1] / "timeline_app" / "app.py"
ARTICLE = ("Port strike ends\n\nMarch 3, 2012\n\nDockers went back to work on Thursday after a ten-day strike. "
           "Talks had resumed on Monday, officials said.")
OTHER = "Bridge reopens\n\nMay 9, 2013\n\nThe bridge reopened on Tuesday after repairs."


def open_app() -> AppTest:
    """A new browser tab (or a reload): a fresh session on the same data directory."""
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def run(target) -> AppTest:
    """Run the script after an interaction (``target``: the app, or a widget just set)."""
    at = target.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def data_dir() -> Path:
    return Path(os.environ["TIMELINE_APP_DATA_DIR"])


def labels(at: AppTest) -> list[str]:
    return at.dataframe[0].value["Event"].tolist()


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label.startswith(label))


def picker(at: AppTest):
    return at.sidebar.selectbox(key="project_pick")


def paste(at: AppTest, text: str) -> AppTest:
    at.text_area(key="pasted").input(text)
    return run(at)


def relabel(at: AppTest, label_part: str, new: str) -> AppTest:
    frame = at.dataframe[0].value
    event = next(i for i in frame.index if label_part in frame.loc[i, "Event"])
    run(at.selectbox(key="pick").set_value(event))
    next(t for t in at.text_input if t.key.startswith("edit_label:")).input(new)
    return run(button(at, "Save correction").click())


def test_a_new_user_sees_the_example_and_a_paste_starts_a_saved_project() -> None:
    at = open_app()
    assert picker(at).value == 0 and "read-only" in picker(at).format_func(0)
    paste(at, ARTICLE)
    assert at.title[0].value == "Port strike ends"
    (project,) = open_store(data_dir()).projects()
    assert project.name == "Port strike ends" and picker(at).value == project.id
    assert any("Saved as a new project" in t.value for t in at.toast)
    assert at.sidebar.multiselect(key="samples").value == []  # the sample stays with the example
    (saved,) = open_store(data_dir()).project(project.id).documents()
    assert (saved.origin_kind, saved.document.text) == ("paste", ARTICLE)
    reloaded = open_app()  # a reload opens on the last project, with its article
    assert picker(reloaded).value == project.id and reloaded.title[0].value == "Port strike ends"


def test_a_long_headline_names_its_project_cut_at_a_word() -> None:
    headline = "NFL Postpones Bills-Bengals Game After Damar Hamlin Collapses During Monday Night Football Game"
    paste(open_app(), f"{headline}\n\nJanuary 3, 2023\n\nThe game was postponed on Monday night.")
    (project,) = open_store(data_dir()).projects()
    assert project.name == "NFL Postpones Bills-Bengals Game After Damar Hamlin Collapses During Monday…"


def test_corrections_are_saved_before_they_show_and_survive_a_reload() -> None:
    at = paste(open_app(), ARTICLE)
    relabel(at, "Dockers went back", "Strike over")
    assert "Strike over" in labels(at)
    project = open_store(data_dir()).last_project()
    assert [op.label for _, op in project.corrections()] == ["Strike over"]
    again = open_app()
    assert "Strike over" in labels(again)
    run(button(again, "Undo").click())
    assert "Strike over" not in labels(again)
    assert [r.kind for r in project.log()] == ["edit_label", "undo"]  # undo is a new operation
    assert "Strike over" not in labels(open_app())


def test_two_tabs_on_one_project_never_overwrite_each_other() -> None:
    first = paste(open_app(), ARTICLE)
    second = open_app()
    relabel(first, "Dockers went back", "Work resumes")
    relabel(second, "Talks had resumed", "Talks resume")  # this tab had not seen the other's change
    assert {"Work resumes", "Talks resume"} <= set(labels(second))
    assert {"Work resumes", "Talks resume"} <= set(labels(run(first)))


def test_create_switch_rename_duplicate_and_delete_projects() -> None:
    at = paste(open_app(), ARTICLE)
    relabel(at, "Dockers went back", "Strike over")
    store = open_store(data_dir())
    strike = store.last_project()
    at.sidebar.text_input(key="project_name").input("Bridge")
    run(button(at, "New project").click())
    assert "Upload or paste an article" in " ".join(i.value for i in at.info)
    paste(at, OTHER)
    assert at.title[0].value == "Bridge reopens" and not at.exception
    bridge = store.project("Bridge")
    assert [d.document.text for d in bridge.documents()] == [OTHER]
    run(picker(at).set_value(strike.id))
    assert "Strike over" in labels(at)
    at.sidebar.text_input(key="project_name").input("Dock strike")
    run(button(at, "Rename").click())
    assert store.project(strike.id).name == "Dock strike"
    run(button(at, "Duplicate").click())
    copy = store.project("Dock strike (copy)")
    assert picker(at).value == copy.id and "Strike over" in labels(at)
    run(at.sidebar.checkbox(key="project_confirm_delete").check())
    run(button(at, "Delete project").click())
    assert sorted(p.name for p in store.projects()) == ["Bridge", "Dock strike"]
    assert picker(at).value == 0  # back on the example


def test_the_example_is_read_only_until_saved_as_a_project() -> None:
    at = open_app()
    relabel(at, "Another person died", "Village death")
    assert open_store(data_dir()).projects() == []
    assert any("nothing is saved" in c.value for c in at.sidebar.caption)
    run(button(at, "Save the example as a project").click())
    (project,) = open_store(data_dir()).projects()
    assert project.documents == 1 and "Village death" in labels(open_app())


def test_a_stale_correction_is_listed_with_what_it_said_and_applied_nowhere() -> None:
    at = paste(open_app(), ARTICLE)
    project = open_store(data_dir()).last_project()
    doc_id = project.documents()[0].document.id
    project.append("edit_label", {"event_id": f"{doc_id}:5-9:abcdef", "label": "Ghost label"},
                   about="1 Mar 2012 · A sentence that was edited away")
    run(at)
    assert "Ghost label" not in labels(at)
    assert any("relabel as “Ghost label” — was: 1 Mar 2012 · A sentence that was edited away" in t.value
               for t in at.sidebar.text)


def test_the_journalists_publication_date_and_view_are_kept() -> None:
    at = paste(open_app(), ARTICLE)
    run(at.sidebar.date_input[0].set_value(date(2012, 3, 10)))
    at.text_input(key="query").input("dockers")
    run(at)
    again = open_app()
    assert again.sidebar.date_input[0].value == date(2012, 3, 10)
    assert again.text_input(key="query").value == "dockers"
    when = again.dataframe[0].value["When"].tolist()
    assert "8 Mar 2012" in when and "1 Mar 2012" not in when  # "on Thursday" re-resolved from 10 March


@pytest.mark.parametrize("content", [b"not a database " * 100, b"SQLite format 3\x00" + b"\x00\xff" * 3000],
                         ids=["text", "damaged-header"])
def test_a_bad_database_is_one_message_and_the_app_still_works(content: bytes) -> None:
    data_dir().mkdir(parents=True)
    (data_dir() / DB_NAME).write_bytes(content)
    at = open_app()
    (error,) = at.sidebar.error
    assert "Projects are not available" in error.value and "not changed" in error.value
    assert at.title[0].value and at.dataframe  # the example still works, unsaved
    assert (data_dir() / DB_NAME).read_bytes() == content
    run(button(at, "Move that file aside").click())
    assert not at.sidebar.error and picker(at).value == 0
    assert any(p.read_bytes() == content for p in data_dir().iterdir() if "set-aside" in p.name)


def add_by_hand(at: AppTest, label: str, day: date) -> AppTest:
    at.text_input(key="add_label").input(label)
    at.date_input(key="add_start").set_value(day)
    return run(button(at, "Add to timeline").click())


def test_events_added_by_hand_in_two_tabs_both_stay() -> None:
    """Each tab proposes the next free id from what it has seen; the second must not replace the first."""
    first = paste(open_app(), ARTICLE)
    second = open_app()
    add_by_hand(first, "Union meets", date(2012, 2, 1))
    add_by_hand(second, "Port reopens", date(2012, 2, 2))
    assert {"Union meets", "Port reopens"} <= set(labels(run(first)))
    ids = [op.event_id for _, op in open_store(data_dir()).last_project().corrections()]
    assert len(set(ids)) == 2


def test_a_full_disk_says_so_and_the_correction_is_not_shown_as_saved(monkeypatch) -> None:
    from timeline_app.store import Store

    at = paste(open_app(), ARTICLE)
    with monkeypatch.context() as patch:  # no new page may be written: SQLite answers SQLITE_FULL, as on a full disk
        patch.setattr(Store, "pragmas", (*Store.pragmas, "max_page_count = 1"))
        relabel(at, "Dockers went back", "Never saved " * 2000)  # needs pages of its own
    assert not any(label.startswith("Never saved") for label in labels(at))
    assert any("is full. Your last change was not saved" in t.value for t in at.toast)
    assert open_store(data_dir()).last_project().log() == []  # and the article saved before is intact
    assert open_store(data_dir()).last_project().documents()


def test_a_database_that_fails_in_use_is_one_message_not_a_traceback(monkeypatch) -> None:
    from timeline_app.store import Store, StoreUnreadable

    at = paste(open_app(), ARTICLE)

    def damaged(self):
        raise StoreUnreadable("projects.sqlite3 is damaged (test).")

    with monkeypatch.context() as patch:
        patch.setattr(Store, "projects", damaged)
        run(at)
        (error,) = at.sidebar.error
        assert for_markdown("Projects are not available: projects.sqlite3 is damaged (test).") in error.value
        assert any("Upload or paste an article" in i.value for i in at.info)  # the page still works, unsaved
    run(at)  # repaired: the next run uses the project again
    assert not at.sidebar.error and at.title[0].value == "Port strike ends"


def test_an_upload_is_saved_with_its_file_name() -> None:
    at = open_app()
    uploads = at.sidebar.file_uploader(key=f"uploads:{at.session_state['upload_gen']}")  # emptied once saved
    run(uploads.upload("strike.txt", ARTICLE.encode(), "text/plain"))
    assert at.title[0].value == "Port strike ends"  # shown by its headline
    (saved,) = open_store(data_dir()).last_project().documents()
    assert (saved.origin_kind, saved.origin) == ("file", "strike.txt")


HARBOUR = ("Storm floods Portmere\n\n5 March 2021\n\nA storm flooded the harbour of Portmere on 2 March. "
           "The next day, the harbour master resigned over the flooding.\n")
COUNCIL = ("Council statement\n\n5 March 2021\n\nCouncil officials said the harbour master resigned over the "
           "flooding on Tuesday.\n")
PAGE = ("<html><head><meta property='article:published_time' content='2021-03-05'><title>Harbour master quits</title>"
        "</head><body><article><p>The harbour master of Portmere resigned on Wednesday after the storm flooded the "
        "harbour and sank three fishing boats at their moorings in the night.</p><p>Councillors had asked him to "
        "explain why the flood gates were left open during the storm.</p></article></body></html>").encode()


def test_an_article_from_a_link_is_saved_in_the_project() -> None:
    from tests.local_server import pages_handler, serve
    from timeline_app.story_view import LINK_INPUT

    with serve(pages_handler({"/harbour": (200, {"Content-Type": "text/html"}, PAGE)})) as url:
        at = open_app()  # on the example: the link starts a project
        run(at.text_input(key=LINK_INPUT).input(f"{url}/harbour"))
        (project,) = open_store(data_dir()).projects()
        assert picker(at).value == project.id and project.name == "Harbour master quits"
        paste(at, ARTICLE)  # a second article, then another link, join the same project
    saved = open_store(data_dir()).project(project.id).documents()
    assert [(d.origin_kind, d.origin) for d in saved] == [("url", f"{url}/harbour"), ("paste", None)]
    assert [t.value for t in open_app().title] == ["Timeline of 2 articles"]  # a reload: both, server gone


def test_story_decisions_are_saved_as_operations_and_survive_a_reload() -> None:
    at = paste(paste(open_app(), HARBOUR), COUNCIL)
    accept = next(b for b in at.button if b.label.startswith("Accept"))
    run(accept.click())
    project = open_store(data_dir()).last_project()
    assert [op["op"] for op in project.decision_ops()] == ["accept_date"]
    again = open_app()
    assert any(t.value.startswith("Settled: ") for t in again.text)  # the other tab and a reload see it
    run(again.button(key="undo").click())  # the decision is the newest change
    assert project.decision_ops() == [] and [r.kind for r in project.log()] == ["accept_date", "undo"]
    assert not any(t.value.startswith("Settled: ") for t in open_app().text)
