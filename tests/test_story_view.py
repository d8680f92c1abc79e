"""The story workspace in the app (AppTest): the conflicts panel's decisions, and articles from a link."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.local_server import pages_handler, serve
from timeline_app.projects_view import CURRENT
from timeline_app.store import open_store
from timeline_app.escape import for_markdown
from timeline_app.story_decisions import STORY_OPS, undo_last
from timeline_app.story_view import LINK_INPUT, MERGE_A, MERGE_B

APP = Path(__file__).resolve().parents[1] / "timeline_app" / "app.py"


def _panel() -> None:
    from timeline_app.pipeline import extract
    from timeline_app.story_view import conflicts_panel, story_of

    harbour = extract("Storm floods Portmere\n\nA storm flooded the harbour of Portmere on 2 March. The next day, "
                      "the harbour master resigned over the flooding.", "2021-03-05", doc_id="harbour",
                      title="Storm floods Portmere")
    council = extract("Council statement\n\nCouncil officials said the harbour master resigned over the flooding "
                      "on Tuesday. A <b>storm</b> flooded the harbour of **Portmere** on 2 March.", "2021-03-05",
                      doc_id="council", title="Council statement")
    articles = [harbour, council]
    conflicts_panel(story_of(articles, [e for x in articles for e in x.events]))


@pytest.fixture
def panel() -> AppTest:
    at = AppTest.from_function(_panel, default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(at: AppTest) -> list[str]:
    return [t.value for t in at.text]


def buttons(at: AppTest) -> list[str]:
    return [b.label for b in at.button]


def test_the_panel_lists_the_conflict_with_each_sources_sentence(panel: AppTest) -> None:
    shown = texts(panel)
    assert "Sources disagree: The harbour master resigned over the flooding" in shown
    assert ("↳ Storm floods Portmere, 3 Mar 2021: The next day, the harbour master resigned over the "
            "flooding.") in shown
    assert ("↳ Council statement, 2 Mar 2021: Council officials said the harbour master resigned over the flooding "
            "on Tuesday.") in shown
    assert {"Accept 2 Mar 2021", "Accept 3 Mar 2021"} <= set(buttons(panel))
    # Article text is shown as text: markup stays literal.
    assert any("A <b>storm</b> flooded the harbour of **Portmere** on 2 March." in t for t in shown)


def test_accepting_a_date_settles_the_conflict(panel: AppTest) -> None:
    next(b for b in panel.button if b.label == "Accept 3 Mar 2021").click().run()
    [op] = panel.session_state[STORY_OPS]
    assert op["op"] == "accept_date"
    shown = texts(panel)
    assert "Settled: The harbour master resigned over the flooding" in shown
    assert "✔ 3 Mar 2021 — Storm floods Portmere" in shown
    assert "Accept 3 Mar 2021" not in buttons(panel) and "Accept 2 Mar 2021" in buttons(panel)
    assert "story_undo" not in [b.key for b in panel.button]  # one Undo, the app's, takes back decisions too
    assert ("1 decision in force; Undo, under the events, takes back the newest change, a decision or a "
            "correction.") in [c.value for c in panel.caption]


def test_split_and_merge_by_hand(panel: AppTest) -> None:
    storm_splits = [b for b in panel.button if b.label == "Split off"]
    assert len(storm_splits) == 2  # the storm, merged from both articles, can be taken apart
    storm_splits[0].click().run()
    assert [op["op"] for op in panel.session_state[STORY_OPS]] == ["split"]
    assert not [b for b in panel.button if b.label == "Split off"]
    storms = [o for o in panel.selectbox(key=MERGE_A).options if "flooded the harbour" in o]
    assert len(storms) == 2
    panel.selectbox(key=MERGE_A).select(storms[0]).run()
    panel.selectbox(key=MERGE_B).select(storms[1]).run()
    panel.button(key="story_merge").click().run()
    assert [op["op"] for op in panel.session_state[STORY_OPS]] == ["split", "merge"]
    assert len([b for b in panel.button if b.label == "Split off"]) == 2


PAGE = ("<html><head><meta property='article:published_time' content='2021-03-05'><title>Harbour master quits"
        "</title></head><body><article><p>The harbour master of Portmere resigned on Tuesday, two days after a "
        "storm flooded the harbour and sank three fishing boats at their moorings, the council said.</p>"
        "<p>Councillors had asked him to explain why the flood gates were left open during the storm.</p>"
        "</article></body></html>").encode()


@pytest.fixture
def server() -> Iterator[str]:
    with serve(pages_handler({"/harbour": (200, {"Content-Type": "text/html"}, PAGE)})) as url:
        yield url


def test_an_article_from_a_link_and_a_dead_link(server: str) -> None:
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    at.text_input(key=LINK_INPUT).input(f"{server}/harbour").run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Harbour master quits" in [t.value for t in at.title] + [h.value for h in at.header]
    at.text_input(key=LINK_INPUT).input(f"{server}/gone").run()
    # The message names the page's address: escaped, so it is shown as text and never becomes a live link.
    assert [e.value for e in at.sidebar.error] == [for_markdown(f"{server}/gone: the site answered 404 Not Found")]
    assert "Harbour master quits" in [t.value for t in at.title] + [h.value for h in at.header]


def test_decisions_are_saved_in_the_open_project_and_survive_a_reload() -> None:
    project = open_store(os.environ["TIMELINE_APP_DATA_DIR"]).open_or_create("Portmere")
    tab = AppTest.from_function(_panel, default_timeout=60)
    tab.session_state[CURRENT] = project.id
    tab.run()
    next(b for b in tab.button if b.label == "Accept 3 Mar 2021").click().run()
    [saved] = project.decisions()
    assert (saved.kind, set(saved.payload)) == ("accept_date", {"mention"})
    assert "Settled: The harbour master resigned over the flooding" in texts(tab)

    reloaded = AppTest.from_function(_panel, default_timeout=60)  # a reload, or another tab
    reloaded.session_state[CURRENT] = project.id
    reloaded.run()
    assert "Settled: The harbour master resigned over the flooding" in texts(reloaded)
    undo_last(project)  # what the app's Undo does when the decision is the newest change
    reloaded.run()
    assert project.decisions() == []
    assert [r.kind for r in project.log()] == ["accept_date", "undo"]  # undo is an operation: nothing erased
    assert "Sources disagree: The harbour master resigned over the flooding" in texts(reloaded)


def _example_undo_order() -> None:
    """On the example (no project) the decisions live in the session: which is newer, the newest
    decision or the newest correction, follows the corrections in force when the decision was made."""
    import streamlit as st

    from timeline_app.story_decisions import decide, newest_decision, undo_last

    op = {"op": "split", "mentions": ["harbour:3"]}
    seen = [newest_decision(None, 0, None)]
    decide(None, op, "split from · Storm floods Portmere", corrections=2)
    seen += [newest_decision(None, 2, None), newest_decision(None, 3, None), newest_decision(None, 1, None)]
    undo_last(None)
    seen.append(newest_decision(None, 1, None))
    st.session_state["seen"] = seen


def test_on_the_example_undo_takes_the_newest_of_a_decision_and_the_corrections() -> None:
    at = AppTest.from_function(_example_undo_order, default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    made = ({"op": "split", "mentions": ["harbour:3"]}, "split from · Storm floods Portmere")
    # nothing yet; the decision with the 2 corrections before it; a third correction came after it;
    # a correction undone since: the decision is the newest again; undone: nothing
    assert at.session_state["seen"] == [None, made, None, made, None]
