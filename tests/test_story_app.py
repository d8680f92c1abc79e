"""The story workspace in the whole app (AppTest): a project of two articles draws each happening once, with a
conflict mark where they disagree; accepting a date, splitting and merging are operations of the project's log
that a reload (a new session on the same data directory) finds again; one article draws as before."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from timeline_app.corrections import Delete
from timeline_app.escape import for_markdown
from timeline_app.ingest import document_from_text
from timeline_app.store import Project, correction_entry, open_store
from timeline_app.story import StoryOpError
from timeline_app.story_decisions import carry_over
from timeline_app.story_view import MERGE_A, MERGE_B

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "timeline_app" / "app.py"
# The harbour master resigned "the next day" after 2 March (3 March) in one, "on Tuesday" (2 March) in the other.
HARBOUR = ("Storm floods Portmere\n\nMarch 5, 2021\n\nA storm flooded the harbour of Portmere on 2 March. The next "
           "day, the harbour master resigned over the flooding.")
COUNCIL = ("Council statement\n\nMarch 5, 2021\n\nCouncil officials said the harbour master resigned over the "
           "flooding on Tuesday. A storm flooded the harbour of Portmere on 2 March.")
RESIGNED, STORM = "The harbour master resigned over the flooding", "A storm flooded the harbour of Portmere"


@pytest.fixture
def project() -> Project:
    docs = [document_from_text(HARBOUR), document_from_text(COUNCIL)]
    return open_store(os.environ["TIMELINE_APP_DATA_DIR"]).create("Portmere", docs)  # now the last project


def open_app() -> AppTest:
    """A new tab, or a reload: a fresh session on the same data directory (it opens on the last project)."""
    return run(AppTest.from_file(str(APP), default_timeout=60))


def run(target) -> AppTest:
    at = target.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def rows(at: AppTest) -> list[tuple[str, str]]:
    frame = at.dataframe[0].value
    return list(zip(frame["When"], frame["Event"], strict=True))


def traces(at: AppTest) -> list[dict]:
    return json.loads(at.get("plotly_chart")[0].proto.spec)["data"]


def crosses(at: AppTest) -> list[str]:
    """The events the chart marks with a conflict cross (one entry per cross)."""
    return [key for t in traces(at) if t.get("name") == "Disputed date" for key in t["customdata"]]


def label_of(at: AppTest, event_id: str) -> str:
    """The label drawn for an event (a disputed one's is drawn past its crosses)."""
    return next(t["text"][t["customdata"].index(event_id)] for t in traces(at)
                if t.get("mode") == "markers+text" and event_id in t.get("customdata", ())
                and t["text"][t["customdata"].index(event_id)])


def event_id(at: AppTest, label: str) -> str:
    frame = at.dataframe[0].value
    [found] = [i for i in frame.index if frame.loc[i, "Event"] == label]
    return found


def texts(at: AppTest) -> list[str]:
    return [t.value for t in at.text]


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def html_with(at: AppTest, marker: str) -> str:
    return next(h.proto.body for h in at.html if marker in h.proto.body)


def test_the_chart_draws_each_happening_once_with_a_conflict_mark_and_the_panel_lists_it(project: Project) -> None:
    at = open_app()
    assert [label for _, label in rows(at)].count(RESIGNED) == 1  # two articles, one happening
    assert [label for _, label in rows(at)].count(STORM) == 1
    resigned = event_id(at, RESIGNED)
    assert crosses(at) == [resigned]
    assert "<b>3 Mar 2021</b> (⚠ or 2 Mar 2021) The harbour master" in label_of(at, resigned)
    assert "Sources disagree: The harbour master resigned over the flooding" in texts(at)
    table = at.dataframe[0].value
    assert (table.loc[resigned, "Source"], table.loc[resigned, "Certainty"]) == (
        "Storm floods Portmere; Council statement", "Worked out, sources disagree")
    at.session_state["view_tab"] = "Chronology list"  # what clicking the tab does (AppTest cannot click tabs)
    chronology = html_with(run(at), 'class="chronology"')
    assert "Storm floods Portmere; Council statement" in chronology
    assert "sources disagree, also 2 Mar 2021" in chronology


def test_accepting_a_date_is_an_operation_that_survives_a_reload_and_undo_is_one_more(project: Project) -> None:
    at = open_app()
    run(button(at, "Accept 2 Mar 2021").click())
    assert [(r.kind, set(r.payload)) for r in project.log()] == [("accept_date", {"mention"})]
    assert crosses(at) == [] and ("2 Mar 2021", RESIGNED) in rows(at)
    reloaded = open_app()
    assert crosses(reloaded) == [] and ("2 Mar 2021", RESIGNED) in rows(reloaded)
    assert "Settled: The harbour master resigned over the flooding" in texts(reloaded)
    assert reloaded.button(key="undo").label == for_markdown(f"Undo: accept a date (2 Mar 2021 · {RESIGNED})")
    run(reloaded.button(key="undo").click())  # the one Undo: the decision is the newest change
    assert [r.kind for r in project.log()] == ["accept_date", "undo"]  # nothing erased
    again = open_app()
    assert crosses(again) == [event_id(again, RESIGNED)] and ("3 Mar 2021", RESIGNED) in rows(again)


def test_split_and_merge_by_hand_are_operations_that_survive_a_reload(project: Project) -> None:
    at = open_app()
    run(next(b for b in at.button if b.label == "Split off").click())  # the storm, reported by both articles
    assert [r.kind for r in project.log()] == ["split"]
    assert [label for _, label in rows(open_app())].count(STORM) == 2
    storms = [o for o in at.selectbox(key=MERGE_A).options if STORM in o]
    assert len(storms) == 2
    run(at.selectbox(key=MERGE_A).select(storms[0]))
    run(at.selectbox(key=MERGE_B).select(storms[1]))
    run(at.button(key="story_merge").click())
    assert [r.kind for r in project.log()] == ["split", "merge"]
    assert [label for _, label in rows(open_app())].count(STORM) == 1


def test_a_merged_event_lists_every_source_and_each_opens_its_own_sentence(project: Project) -> None:
    at = open_app()
    storm = event_id(at, STORM)
    run(at.selectbox(key="pick").set_value(storm))
    assert "Storm floods Portmere, 2 Mar 2021: A storm flooded the harbour of Portmere on 2 March." in texts(at)
    assert "Council statement, 2 Mar 2021: A storm flooded the harbour of Portmere on 2 March." in texts(at)
    harbour_doc, council_doc = (document_from_text(t).id for t in (HARBOUR, COUNCIL))
    assert f'data-doc="{harbour_doc}"' in html_with(at, 'class="source-view"')
    run(button(at, "Read").click())  # the other source
    view = html_with(at, 'class="source-view"')
    assert f'data-doc="{council_doc}"' in view
    assert view.split('id="selected">', 1)[1].startswith("A storm flooded the harbour of Portmere on <mark")
    assert at.selectbox(key="pick").value == storm  # still the happening that is selected
    assert f'data-doc="{council_doc}"' in html_with(run(at), 'class="source-view"')  # and it stays shown
    run(at.selectbox(key="pick").set_value(event_id(at, RESIGNED)))
    run(at.selectbox(key="pick").set_value(storm))  # a new selection shows the source it is drawn from
    assert f'data-doc="{harbour_doc}"' in html_with(at, 'class="source-view"')


def test_one_article_draws_its_own_events_as_before() -> None:
    open_store(os.environ["TIMELINE_APP_DATA_DIR"]).create("Harbour", [document_from_text(HARBOUR)])
    at = open_app()
    assert [label for _, label in rows(at)] == [STORM, RESIGNED, "Published: Storm floods Portmere"]
    assert crosses(at) == []
    assert "One story from all articles" not in [s.value for s in at.subheader]


def test_decisions_made_on_the_example_are_carried_into_its_project_in_one_transaction(project: Project) -> None:
    decisions = [{"op": "split", "mentions": ["a"]}, {"op": "merge", "mentions": ["a", "b"]}]
    with pytest.raises(StoryOpError):
        carry_over(project, [*decisions, {"op": "merge", "mentions": ["a"]}])
    assert project.log() == []  # a malformed one: none saved
    carry_over(project, decisions)
    assert project.decision_ops() == decisions


def test_the_project_picker_does_not_import_the_story_panel() -> None:
    code = "import sys, timeline_app.projects_view; print('timeline_app.story_view' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.stdout.strip() == "False", out.stderr


def test_removing_a_merged_event_removes_every_source_and_choosing_one_article_keeps_what_it_reports(
        project: Project) -> None:
    at = open_app()
    council = document_from_text(COUNCIL).id
    sources = next(m for m in at.multiselect if m.key.startswith("sources:"))
    run(sources.set_value([council]))  # the storm and the resignation are the council's too: both stay
    assert {STORM, RESIGNED} <= {label for _, label in rows(at)}
    run(sources.set_value([document_from_text(HARBOUR).id, council]))
    run(at.selectbox(key="pick").set_value(event_id(at, STORM)))
    run(button(at, "Remove from timeline (all 2 sources)").click())
    assert STORM not in [label for _, label in rows(at)]
    assert [r.kind for r in project.log()] == ["delete", "delete"]
    assert STORM not in [label for _, label in rows(open_app())]


def test_one_undo_brings_back_every_source_of_a_removed_merged_event(project: Project) -> None:
    at = open_app()
    run(at.selectbox(key="pick").set_value(event_id(at, STORM)))
    run(button(at, "Remove from timeline (all 2 sources)").click())
    assert STORM not in [label for _, label in rows(at)]
    undo = at.button(key="undo")
    assert undo.label == for_markdown("Undo: remove an event (2 sources)")
    run(undo.click())
    assert [label for _, label in rows(at)].count(STORM) == 1  # both sources back at once: one merged event
    assert [r.kind for r in project.log()] == ["delete", "delete", "undo", "undo"]  # appended, nothing erased
    assert project.corrections() == []
    reloaded = open_app()
    assert [label for _, label in rows(reloaded)].count(STORM) == 1
    assert "remove" not in reloaded.button(key="undo").label


def test_restoring_a_removed_merged_event_restores_all_its_sources(project: Project) -> None:
    at = open_app()
    run(at.selectbox(key="pick").set_value(event_id(at, STORM)))
    run(button(at, "Remove from timeline (all 2 sources)").click())
    picker = at.selectbox(key="restore_pick")
    assert len(picker.options) == 1 and picker.options[0].endswith("(2 sources)")  # one removal, one choice
    run(at.button(key="restore").click())  # the whole happening comes back
    assert [label for _, label in rows(at)].count(STORM) == 1
    assert [r.kind for r in project.log()] == ["delete", "delete", "restore", "restore"]
    assert at.button(key="undo").label == for_markdown("Undo: restore an event (2 sources)")


def test_a_project_saved_before_groups_undoes_its_removals_one_at_a_time(project: Project) -> None:
    """A merged event removed before groups existed is in the log as two lone deletes: each stays an action
    of its own, as it was saved (one undo brings one source back)."""
    storm = [e.id for x in project.extractions() for e in x.events
             if STORM in x.document.text[e.sentence_start:e.sentence_end]]
    assert len(storm) == 2
    project.append_many([correction_entry(Delete(i)) for i in storm])
    at = open_app()
    assert STORM not in [label for _, label in rows(at)]
    assert at.button(key="undo").label == for_markdown("Undo: remove an event")
    run(at.button(key="undo").click())
    assert [r.kind for r in project.log()] == ["delete", "delete", "undo"]
    assert [label for _, label in rows(at)].count(STORM) == 1  # one source back: drawn from it alone
    assert [op.event_id for _, op in project.corrections()] == storm[:1]


def changes(at: AppTest) -> str:
    """The sidebar's count of the journalist's changes ("3 changes.")."""
    return next(c.value for c in at.sidebar.caption if " change" in c.value)


def test_the_changes_count_counts_actions_not_log_rows(project: Project) -> None:
    at = open_app()
    assert changes(at) == "0 changes."
    run(at.selectbox(key="pick").set_value(event_id(at, STORM)))
    run(button(at, "Remove from timeline (all 2 sources)").click())  # two delete rows, one action
    assert changes(at) == "1 change."
    run(button(at, "Accept 2 Mar 2021").click())  # a story decision is an action too
    assert changes(at) == "2 changes (1 story decision)."
    assert at.button(key="undo").label == for_markdown(f"Undo: accept a date (2 Mar 2021 · {RESIGNED})")
    resigned = event_id(at, RESIGNED)
    run(at.selectbox(key="pick").set_value(resigned))
    next(t for t in at.text_input if t.key.startswith("edit_label:")).input("Harbour master quits")
    next(d for d in at.date_input if d.key.startswith("edit_start:")).set_value(date(2021, 3, 4))
    run(next(b for b in at.button if b.label == "Save correction").click())  # relabel and move: one edit
    assert len(project.log()) == 5 and changes(at) == "3 changes (1 story decision)."
    assert changes(open_app()) == "3 changes (1 story decision)."  # the log's groups are read back after a reload
    assert at.button(key="undo").label == for_markdown(  # the newest change
        "Undo: relabel as “Harbour master quits”, move to 2021-03-04")
    run(at.button(key="undo").click())  # the edit's two rows undone together: one action fewer
    assert changes(at) == "2 changes (1 story decision)."
    run(at.button(key="undo").click())  # one Undo for both kinds: now the decision, the newer of the two left
    assert changes(at) == "1 change." and project.decisions() == []
    assert at.button(key="undo").label == for_markdown("Undo: remove an event (2 sources)")
    run(at.button(key="undo").click())
    assert changes(at) == "0 changes." and at.button(key="undo").disabled
    assert changes(open_app()) == "0 changes."


def test_a_decision_whose_event_was_removed_is_listed_in_words_not_ids(project: Project) -> None:
    at = open_app()
    run(button(at, "Accept 2 Mar 2021").click())
    run(at.selectbox(key="pick").set_value(event_id(at, RESIGNED)))
    run(button(at, "Remove from timeline (all 2 sources)").click())
    (warning,) = [w.value for w in at.warning if "decision" in w.value]
    assert warning.endswith(for_markdown(f"applied to nothing: accept a date (2 Mar 2021 · {RESIGNED})"))
    assert "mention" not in warning and "{" not in warning  # no operation dict, no event ids
    run(at.button(key="undo").click())  # the event back: the decision applies again
    assert not [w for w in at.warning if "decision" in w.value] and ("2 Mar 2021", RESIGNED) in rows(at)
