"""The sample box and the article list after a reload (AppTest; a new AppTest on the same data directory is a
reload): a project's box shows the samples the project holds, never the example's default; choosing or clearing
a sample there adds it to the project or removes it; every saved article is listed and removable; and the sample
never takes the place of an article the journalist pasted."""

from __future__ import annotations

import os

from streamlit.testing.v1 import AppTest

from tests.conftest import SEED
from tests.test_projects_app import ARTICLE, OTHER, open_app, run
from timeline_app.store import open_store

SAMPLE = SEED.name


def samples_box(at: AppTest):
    return at.sidebar.multiselect(key="samples")


def saved_texts() -> list[str]:
    project = open_store(os.environ["TIMELINE_APP_DATA_DIR"]).last_project()
    assert project is not None
    return [item.document.text for item in project.documents()]


def remove_buttons(at: AppTest) -> list:
    return [b for b in at.sidebar.button if b.key and b.key.startswith("project_remove:")]


def paste(at: AppTest, text: str) -> AppTest:
    at.text_area(key="pasted").input(text)
    return run(at)


def test_after_a_reload_the_box_shows_what_the_project_holds_not_the_example_sample() -> None:
    paste(open_app(), ARTICLE)
    reloaded = open_app()
    assert samples_box(reloaded).value == []  # the project holds no sample
    assert [t.value for t in reloaded.title] == ["Port strike ends"]
    assert len(remove_buttons(reloaded)) == 1  # the pasted article is listed, with its Remove button
    assert saved_texts() == [ARTICLE]


def test_a_sample_chosen_in_a_project_is_saved_and_cleared_again_after_a_reload() -> None:
    at = paste(open_app(), ARTICLE)
    run(samples_box(at).select(SAMPLE))
    assert len(saved_texts()) == 2
    reloaded = open_app()
    assert samples_box(reloaded).value == [SAMPLE]
    run(samples_box(reloaded).unselect(SAMPLE))  # clearing it takes it out of the project
    assert saved_texts() == [ARTICLE]
    again = open_app()
    assert samples_box(again).value == [] and [t.value for t in again.title] == ["Port strike ends"]


def test_a_saved_article_removed_after_a_reload_leaves_the_project_and_the_box() -> None:
    at = paste(open_app(), ARTICLE)
    run(samples_box(at).select(SAMPLE))
    reloaded = open_app()
    (sample_remove,) = [b for b in remove_buttons(reloaded) if "Kazakh" in b.help or SAMPLE in b.help]
    run(sample_remove.click())  # the sample's own Remove button, in the list of the project's articles
    assert saved_texts() == [ARTICLE]
    assert samples_box(reloaded).value == []


def test_a_paste_after_a_reload_joins_the_project_and_the_sample_never_replaces_it() -> None:
    paste(open_app(), ARTICLE)
    reloaded = paste(open_app(), OTHER)
    assert saved_texts() == [ARTICLE, OTHER]  # no sample slipped in with it
    assert samples_box(reloaded).value == []
    assert [t.value for t in open_app().title] == ["Timeline of 2 articles"]


def test_an_empty_project_reloads_empty_with_no_sample_chosen() -> None:
    at = open_app()
    run(next(b for b in at.button if b.label.startswith("New project")).click())
    reloaded = open_app()
    assert samples_box(reloaded).value == []
    assert any("Upload or paste an article" in i.value for i in reloaded.info)


def test_the_example_keeps_its_sample_and_saves_nothing_when_it_is_cleared() -> None:
    at = open_app()
    assert samples_box(at).value == [SAMPLE]
    run(samples_box(at).unselect(SAMPLE))
    assert open_store(os.environ["TIMELINE_APP_DATA_DIR"]).projects() == []
    assert samples_box(open_app()).value == [SAMPLE]  # a reload of the example shows it again


def test_the_example_saved_as_a_project_lists_its_sample_by_file_name() -> None:
    at = open_app()
    run(next(b for b in at.button if b.label.startswith("Save the example as a project")).click())
    (saved,) = open_store(os.environ["TIMELINE_APP_DATA_DIR"]).last_project().documents()
    assert (saved.origin_kind, saved.origin) == ("file", SAMPLE)  # not "pasted": the journalist pasted nothing
    assert samples_box(open_app()).value == [SAMPLE]


def upload_box(at: AppTest):
    return at.sidebar.file_uploader(key=f"uploads:{at.session_state['upload_gen']}")


def test_uploads_saved_in_a_project_do_not_follow_the_journalist_to_the_example() -> None:
    at = open_app()
    run(upload_box(at).set_value([("strike.txt", ARTICLE.encode(), "text/plain"),
                                  ("bridge.txt", OTHER.encode(), "text/plain")]))
    assert [t.value for t in at.title] == ["Timeline of 2 articles"] and not upload_box(at).value  # saved: box free
    run(at.sidebar.selectbox(key="project_pick").set_value(0))
    assert samples_box(at).value == [SAMPLE]
    assert [t.value for t in at.title] == ["Four Officers Prosecuted for Kazakh Riot Shootings"]  # the sample only
    run(at.sidebar.selectbox(key="project_pick").set_value(1))
    assert [t.value for t in at.title] == ["Timeline of 2 articles"] and saved_texts() == [ARTICLE, OTHER]


def test_a_file_that_could_not_be_read_is_still_said_once_the_others_are_saved() -> None:
    at = open_app()
    run(upload_box(at).set_value([("strike.txt", ARTICLE.encode(), "text/plain"),
                                  ("broken.pdf", b"%PDF-1.4 not a pdf", "application/pdf")]))
    assert saved_texts() == [ARTICLE] and not upload_box(at).value
    assert any("broken.pdf" in e.value for e in at.sidebar.error)
    assert any("broken.pdf" in e.value for e in run(at).sidebar.error)  # a rerun (the chart's width) keeps it
