"""A merged event's exports list each source (article, sentence, its own date) in the format's own structure,
and a disputed one both dates with the articles that give each; every piece of article text escaped."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from timeline_app.corrections import apply_corrections
from timeline_app.export import View, events_csv, page_html, timeline_json, timelinejs_json
from timeline_app.model import Document, Event, Extraction
from timeline_app.pipeline import extract
from timeline_app.story import build_story
from timeline_app.story_events import story_input, story_timeline

# Two short articles written for this test; the second's outlet name and both sentences carry markup,
# a formula opener and quotes, which every export must keep inert.
HARBOUR = ("Storm floods Portmere\n\nA storm flooded the <i>harbour</i> of Portmere on 2 March. The next day, the "
           "harbour master resigned over the \"flooding\".")
COUNCIL = ("Council statement\n\nCouncil officials said the harbour master resigned over the \"flooding\" on "
           "Tuesday. A storm flooded the <i>harbour</i> of Portmere on 2 March.")
COUNCIL_OUTLET = "=Council <b>Gazette</b>"


@pytest.fixture(scope="module")
def story() -> tuple[list[Event], list[Document]]:
    harbour = extract(HARBOUR, "2021-03-05", doc_id="harbour", title="Storm floods Portmere")
    council = extract(COUNCIL, "2021-03-05", doc_id="council", title="Council statement")
    council = Extraction(Document(council.document.text, council.document.published, council.document.published_source,
                                  "council", council.document.title, COUNCIL_OUTLET),
                         council.expressions, council.events)
    articles = [harbour, council]
    corrected = apply_corrections([e for x in articles for e in x.events], [])
    documents = [x.document for x in articles]
    timeline = story_timeline(build_story(story_input(articles, corrected)), corrected, documents)
    return list(timeline.events), documents


def only(events: list[Event], fragment: str) -> Event:
    [event] = [e for e in events if fragment in e.label]
    return event


def test_json_lists_each_source_of_a_merged_event(story: tuple[list[Event], list[Document]]) -> None:
    events, documents = story
    data = json.loads(timeline_json(events, documents))
    by_id = {e["id"]: e for e in data["events"]}
    storm = by_id[only(events, "storm flooded").id]
    texts = {d.id: d.text for d in documents}
    assert [(s["doc_id"], s["title"], s["source"], s["date"], s["sentence"]) for s in storm["sources"]] == [
        ("harbour", "Storm floods Portmere", "Storm floods Portmere", "2 Mar 2021",
         "A storm flooded the <i>harbour</i> of Portmere on 2 March."),
        ("council", "Council statement", COUNCIL_OUTLET, "2 Mar 2021",
         "A storm flooded the <i>harbour</i> of Portmere on 2 March.")]
    for s in storm["sources"]:  # offsets into each article's text as shown, ISO dates
        assert texts[s["doc_id"]][s["sentence_start"]:s["sentence_end"]].strip() == s["sentence"]
        assert (s["start"], s["end"], s["granularity"]) == ("2021-03-02", "2021-03-02", "day")
    assert storm["conflict"] is None
    # The serialize.py fields stay as they were, first.
    assert list(storm)[:12] == ["id", "doc_id", "start", "end", "granularity", "label", "sentence_start",
                                "sentence_end", "expression", "certainty", "guessed", "explanation"]


def test_json_gives_a_disputed_event_both_dates_and_who_gives_each(
        story: tuple[list[Event], list[Document]]) -> None:
    events, documents = story
    resigned = only(events, "resigned")
    [data] = [e for e in json.loads(timeline_json(events, documents))["events"] if e["id"] == resigned.id]
    assert data["conflict"] == {"alternatives": [
        {"start": "2021-03-03", "end": "2021-03-03", "granularity": "day", "date": "3 Mar 2021",
         "doc_ids": ["harbour"], "drawn": True},
        {"start": "2021-03-02", "end": "2021-03-02", "granularity": "day", "date": "2 Mar 2021",
         "doc_ids": ["council"], "drawn": False}]}
    assert sorted((s["doc_id"], s["start"]) for s in data["sources"]) == [("council", "2021-03-02"),
                                                                        ("harbour", "2021-03-03")]


def test_json_an_event_of_one_article_is_its_own_single_source() -> None:
    text = "Rain fell on 4 May 2020. Nothing else."
    x = extract(text, "2020-05-06", doc_id="rain", title="Rain")
    [event] = x.events
    [data] = json.loads(timeline_json([event], [x.document]))["events"]
    assert data["sources"] == [{"doc_id": "rain", "title": "Rain", "source": "Rain", "event_id": event.id,
                                "sentence": "Rain fell on 4 May 2020.", "sentence_start": event.sentence_start,
                                "sentence_end": event.sentence_end, "start": "2020-05-04", "end": "2020-05-04",
                                "granularity": "day", "certainty": "explicit", "date": "4 May 2020"}]
    assert data["conflict"] is None


def test_csv_has_a_source_count_and_one_source_a_line(story: tuple[list[Event], list[Document]]) -> None:
    events, documents = story
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(events_csv(events, documents)))}
    storm = rows[only(events, "storm flooded").id]
    assert storm["source_count"] == "2"
    assert storm["sources"].split("\n") == [
        "Storm floods Portmere [harbour], 2 Mar 2021: A storm flooded the <i>harbour</i> of Portmere on 2 March.",
        f"{COUNCIL_OUTLET} [council], 2 Mar 2021: A storm flooded the <i>harbour</i> of Portmere on 2 March."]
    assert storm["conflict_dates"] == ""
    resigned = rows[only(events, "resigned").id]
    assert resigned["conflict_dates"].split("\n") == ["3 Mar 2021: Storm floods Portmere",
                                                      f"2 Mar 2021: {COUNCIL_OUTLET}"]
    assert '"flooding"' in resigned["sources"]  # csv quoting round-trips the quotes


def test_csv_defuses_a_source_cell_that_opens_like_a_formula(story: tuple[list[Event], list[Document]]) -> None:
    events, documents = story
    council_first = [Event(e.id, e.doc_id, e.start, e.end, e.granularity, e.label, e.sentence_start,
                           e.sentence_end, e.expression, e.certainty, e.explanation, reports=e.reports[::-1],
                           disputed=e.disputed)
                     for e in events if e.reports]
    rows = list(csv.DictReader(io.StringIO(events_csv(council_first, documents))))
    assert rows and all(r["sources"].startswith("'=Council") for r in rows)
    disputed = [r for r in rows if r["conflict_dates"]]
    assert disputed and all(not r["conflict_dates"].startswith("=") for r in disputed)


def test_timelinejs_slide_lists_the_sources_escaped(story: tuple[list[Event], list[Document]]) -> None:
    events, documents = story
    slides = {s["unique_id"]: s for s in json.loads(timelinejs_json(events, documents, "Portmere"))["events"]}
    storm = slides[only(events, "storm flooded").id]["text"]["text"]
    assert ("<p>Reported by 2 sources:</p><ul>"
            "<li><b>Storm floods Portmere</b>, 2 Mar 2021: “A storm flooded the &lt;i&gt;harbour&lt;/i&gt; of "
            "Portmere on 2 March.”</li>"
            "<li><b>=Council &lt;b&gt;Gazette&lt;/b&gt;</b>, 2 Mar 2021: “A storm flooded the "
            "&lt;i&gt;harbour&lt;/i&gt; of Portmere on 2 March.”</li></ul>") in storm
    assert "<i>" not in storm and "<b>Gazette" not in storm
    assert "•" not in storm  # the explanation's prose list is not repeated
    resigned = slides[only(events, "resigned").id]["text"]["text"]
    assert ("<p>⚠ Sources disagree on the date: 3 Mar 2021 (Storm floods Portmere) or 2 Mar 2021 "
            "(=Council &lt;b&gt;Gazette&lt;/b&gt;)</p>") in resigned
    assert "&quot;flooding&quot;" in resigned and '"flooding"' not in resigned


def test_html_page_lists_the_sources_of_merged_events(story: tuple[list[Event], list[Document]]) -> None:
    events, documents = story
    page = page_html(events, documents, View(title="Portmere"))
    tail = page[page.rindex("</script>"):]
    assert '<section class="event-sources"' in tail
    assert "<li><b>=Council &lt;b&gt;Gazette&lt;/b&gt;</b>, 2 Mar 2021:" in tail
    assert "<i>harbour" not in tail and "&lt;i&gt;harbour&lt;/i&gt;" in tail
    # Zoomed to a day without merged events, the page lists none.
    quiet = page_html(events, documents, View(period=(date(2021, 3, 5), date(2021, 3, 5))))
    assert "event-sources" not in quiet[quiet.rindex("</script>"):]
