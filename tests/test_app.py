"""The Streamlit app, driven headless with AppTest: what a journalist clicks, and what they then see."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from timeline_app.app import (
    View,
    data_downloads,
    event_for_expression,
    load_files,
    published_note,
    slide_image,
    unplaced_note,
    with_publication,
)
from timeline_app.corrections import EditLabel, Filters, corrections_to_json
from tests.browser_check import needs_browser
from timeline_app.export import release_browser
from timeline_app.model import Document, Event

APP = Path(__file__).resolve().parents[1] / "timeline_app" / "app.py"
VILLAGE = "Another person died in clashes in a nearby village"
VILLAGE_SENTENCE = ("Officially, 16 people were killed on that day and another person died in clashes in a nearby "
                    "village the following day.")
HOSTILE = ("Hostile page\n\nJanuary 26, 2012\n\n<script>window.__xss=1</script> Police detained him on Dec. 16 "
           '<img src=x onerror="window.__xss=1">. He was freed the following day.')


@pytest.fixture
def app() -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def table(at: AppTest) -> pd.DataFrame:
    return at.dataframe[0].value


def event_id(at: AppTest, label_part: str) -> str:
    frame = table(at)
    return next(i for i in frame.index if label_part in frame.loc[i, "Event"])


def source_html(at: AppTest) -> str:
    return next(h.proto.body for h in at.html if 'class="source-view"' in h.proto.body)


def chart_points(at: AppTest) -> list[str]:
    """Event ids drawn as points in the Plotly chart, those behind a mark of several events included."""
    (element,) = at.get("plotly_chart")
    spec = json.loads(element.proto.spec)
    return [i for trace in spec["data"] if trace.get("type") == "scatter" and trace.get("meta")
            for members in trace["meta"]["members"] for i in members]


def choose(at: AppTest, label_part: str) -> AppTest:
    at.selectbox(key="pick").set_value(event_id(at, label_part)).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label.startswith(label))


def test_opens_with_the_sample_article_its_chart_and_events(app: AppTest) -> None:
    assert app.title[0].value == "Four Officers Prosecuted for Kazakh Riot Shootings"
    frame = table(app)
    assert len(frame) >= 8 and VILLAGE in frame["Event"].tolist()
    assert set(frame.index) <= set(chart_points(app)) and len(frame) > 0
    assert app.sidebar.date_input[0].value == date(2012, 1, 26)
    assert "Detected from the dateline." in [c.value for c in app.sidebar.caption]
    assert 'data-selected=""' in source_html(app) and 'class="timex"' in source_html(app)


def test_choosing_an_event_shows_its_sentence_and_why(app: AppTest) -> None:
    choose(app, VILLAGE)
    markup = source_html(app)
    selected = re.search(r'<mark class="selected" id="selected">(.*?)</mark>\.</mark>', markup)
    assert selected is not None
    assert re.sub(r"<[^>]+>", "", selected.group(0)) == VILLAGE_SENTENCE
    assert "the following day: 17 Dec 2011, 1 day after &#x27;Dec. 16&#x27; (16 Dec 2011)" in markup
    assert f'data-selected="{event_id(app, VILLAGE)}"' in markup


def test_the_chart_marks_the_selected_event(app: AppTest) -> None:
    choose(app, VILLAGE)
    spec = json.loads(app.get("plotly_chart")[0].proto.spec)
    chosen = event_id(app, VILLAGE)
    sizes: dict[str, float] = {}
    for trace in spec["data"]:
        if trace.get("type") == "scatter" and trace.get("customdata"):
            size = trace["marker"]["size"]
            for i, s in zip(trace["customdata"], size if isinstance(size, list) else [size] * len(trace["x"])):
                sizes[i] = max(s, sizes.get(i, 0))
    assert sizes[chosen] > max(s for i, s in sizes.items() if i != chosen)


def test_editing_a_label_changes_the_table(app: AppTest) -> None:
    choose(app, VILLAGE)
    next(t for t in app.text_input if t.key.startswith("edit_label:")).input("A villager dies")
    button(app, "Save correction").click().run()
    labels = table(app)["Event"].tolist()
    assert "A villager dies" in labels and VILLAGE not in labels
    assert "1 change." in [c.value for c in app.sidebar.caption]


def test_editing_a_date_moves_the_event(app: AppTest) -> None:
    choose(app, VILLAGE)
    next(d for d in app.date_input if d.key and d.key.startswith("edit_start:")).set_value(date(2011, 12, 18))
    button(app, "Save correction").click().run()
    frame = table(app)
    row = frame.loc[event_id(app, VILLAGE)]
    assert row["When"] == "18 Dec 2011" and "Date set by hand" in row["Why this date"]


def test_delete_restore_and_undo(app: AppTest) -> None:
    choose(app, VILLAGE)
    removed = event_id(app, VILLAGE)
    button(app, "Remove from timeline").click().run()
    assert removed not in table(app).index and removed not in chart_points(app)
    button(app, "Restore").click().run()
    assert removed in table(app).index
    button(app, "Undo").click().run()  # undoes the restore
    assert removed not in table(app).index
    button(app, "Undo").click().run()  # undoes the removal
    assert removed in table(app).index
    assert button(app, "Undo").disabled


def test_adding_an_event_by_hand(app: AppTest) -> None:
    app.text_input(key="add_label").input("Curfew imposed")
    app.date_input(key="add_start").set_value(date(1991, 12, 18))  # older than ten years: must be allowed
    button(app, "Add to timeline").click().run()
    frame = table(app)
    added = next(i for i in frame.index if frame.loc[i, "Event"] == "Curfew imposed")
    assert frame.loc[added, "When"] == "18 Dec 1991"
    assert app.selectbox(key="pick").value == added  # the new event is selected


def test_pasted_hostile_text_shows_as_text_and_replaces_the_sample(app: AppTest) -> None:
    app.text_area(key="pasted").input(HOSTILE).run()
    assert not app.exception
    assert app.title[0].value == "Hostile page"
    markup = source_html(app)
    assert "<script" not in markup and "<img" not in markup
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in markup
    assert "&lt;img src=x onerror=" in markup
    assert "freed" in " ".join(table(app)["Event"])


def test_an_unreadable_upload_shows_an_error_not_a_traceback(app: AppTest) -> None:
    uploads = app.sidebar.file_uploader(key=f"uploads:{app.session_state['upload_gen']}")  # emptied once saved
    uploads.upload("broken.pdf", b"%PDF-1.4 this is not a pdf", "application/pdf").run()
    assert not app.exception
    assert any("broken.pdf" in e.value for e in app.sidebar.error)


def test_upload_handler_reports_each_bad_file() -> None:
    docs, errors = load_files([("ok.txt", b"Talks resume\n\nJanuary 26, 2012\n\nTalks began on Monday."),
                               ("broken.pdf", b"%PDF-1.4 nonsense"), ("big.txt", b"x" * (10 * 1024 * 1024 + 1))])
    assert [(d.title, d.source, d.published) for d in docs] == [("Talks resume", None, date(2012, 1, 26))]
    assert len(errors) == 2 and errors[0].startswith("broken.pdf") and "too large" in errors[1]


def test_a_document_without_dates_says_so_and_shows_its_text(app: AppTest) -> None:
    app.text_area(key="pasted").input("Nothing here has a date at all.").run()
    assert not app.exception
    assert "No dates found in this article." in [i.value for i in app.info]
    assert "No dated events to draw yet." in [i.value for i in app.info] and not app.get("plotly_chart")
    assert "Nothing here has a date at all." in source_html(app)


def test_changing_the_publication_date_re_resolves_and_keeps_corrections(app: AppTest) -> None:
    wednesday = event_id(app, "human rights groups")
    assert table(app).loc[wednesday, "When"] == "25 Jan 2012"
    choose(app, "human rights groups")
    next(t for t in app.text_input if t.key.startswith("edit_label:")).input("Release demanded")
    button(app, "Save correction").click().run()
    app.sidebar.date_input[0].set_value(date(2012, 2, 9)).run()
    row = table(app).loc[wednesday]
    assert row["When"] == "8 Feb 2012" and row["Event"] == "Release demanded"
    assert "Set by you (detected: 26 Jan 2012)." in [c.value for c in app.sidebar.caption]


def test_filters_narrow_the_table_and_the_chart(app: AppTest) -> None:
    app.text_input(key="query").input("village").run()  # both events of that sentence
    assert table(app)["Event"].tolist() == ["16 people were killed", VILLAGE]
    assert set(chart_points(app)) == set(table(app).index)
    app.text_input(key="query").input("").run()
    app.pills(key="certainty").set_value(["explicit"]).run()
    assert table(app)["Certainty"].unique().tolist() == ["Stated"]


def test_corrections_load_from_a_file(app: AppTest) -> None:
    target = event_id(app, VILLAGE)
    saved = corrections_to_json([EditLabel(target, "From yesterday's session")]).encode()
    app.sidebar.file_uploader(key="corrections_file").upload("corrections.json", saved, "application/json").run()
    assert "From yesterday's session" in table(app)["Event"].tolist()
    app.sidebar.file_uploader(key="corrections_file").clear().upload(
        "bad.json", b"{not json", "application/json").run()
    assert not app.exception
    assert any("not valid JSON" in t.value for t in app.toast)


def test_clicked_date_maps_to_its_event() -> None:
    def ev(key: str, expression: int) -> Event:
        return Event(key, "d", date(2011, 12, 16), date(2011, 12, 16), "day", "x", 0, 1, expression, "explicit", "")

    own, derived = ev("d:10-17:abc123", 3), ev("d:10-17:abc123:implied", 3)
    assert event_for_expression([derived, own], "d", 3) is own
    assert event_for_expression([derived], "d", 3) is derived
    assert event_for_expression([own], "d", 4) is None
    assert event_for_expression([own], "other", 3) is None


def test_a_clicked_date_without_event_is_explained(seed_text: str) -> None:
    from timeline_app import extract

    x = extract(seed_text, doc_id="mt")
    decades = next(i for i, t in enumerate(x.expressions) if t.text == "decades")
    assert unplaced_note([x], "mt", decades).startswith("decades: a span of time — no single place on the calendar")


def test_an_emptied_publication_date_falls_back_to_the_detected_one() -> None:
    doc = Document("t", date(2012, 1, 26), "dateline", "d")
    assert with_publication(doc, None) is doc and with_publication(doc, date(2012, 1, 26)) is doc
    changed = with_publication(doc, date(2012, 2, 1))
    assert (changed.published, changed.published_source) == (date(2012, 2, 1), "set by you")


def test_publication_note_says_where_the_date_came_from() -> None:
    doc = Document("t", date(2012, 1, 26), "dateline", "d")
    assert published_note(doc, date(2012, 1, 26)) == "Detected from the dateline."
    assert published_note(doc, date(2012, 2, 1)) == "Set by you (detected: 26 Jan 2012)."
    assert published_note(Document("t"), None).startswith("No publication date found")


def test_data_downloads_hold_what_is_on_screen(seed_text: str) -> None:
    from timeline_app import extract

    x = extract(seed_text, doc_id="mt")
    view = View(Filters(None, None, frozenset(), None, ""), "certainty")
    files = {d.file_name: d.make() for d in data_downloads(x.events, [x.document], view, "Kazakh riots")}
    assert files["timeline.html"].lower().startswith("<!doctype html>") and "Kazakh riots" in files["timeline.html"]
    assert files["timeline.csv"].count("\n") == len(x.events) + 1
    assert len(json.loads(files["timeline.json"])["events"]) == len(x.events)
    assert json.loads(files["timeline.timelinejs.json"])["title"]["text"]["headline"] == "Kazakh riots"


@pytest.mark.browser
@needs_browser
def test_slide_image_is_a_png(seed_text: str) -> None:
    from timeline_app import extract

    x = extract(seed_text, doc_id="mt")
    view = View(Filters(None, None, frozenset(), None, ""), "certainty")
    try:
        assert slide_image(x.events, [x.document], view, "Kazakh riots", "png").startswith(b"\x89PNG")
    finally:
        release_browser()  # the app keeps its browser for the server's life; a test must not
