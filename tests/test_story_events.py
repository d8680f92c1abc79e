"""The story as the timeline's events (story_events.py): one event per happening for the chart, the list and
the exports, with its sources, its conflict and its honest marks; one article stays as it is."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_app.chronology import chronology, list_csv
from timeline_app.corrections import Add, Delete, EditLabel, apply_corrections
from timeline_app.export import View, page_html, slide_figure
from timeline_app.figure import CONFLICT_NAME, build_figure, is_edited
from timeline_app.model import Event, Extraction
from timeline_app.pipeline import extract
from timeline_app.story import build_story
from timeline_app.story_events import StoryTimeline, story_input, story_timeline

HARBOUR = ("Storm floods Portmere\n\nA storm flooded the harbour of Portmere on 2 March. The next day, the harbour "
           "master resigned over the flooding.")
COUNCIL = ("Council statement\n\nCouncil officials said the harbour master resigned over the flooding on Tuesday. "
           "A storm flooded the harbour of Portmere on 2 March.")


@pytest.fixture(scope="module")
def articles() -> list[Extraction]:
    return [extract(HARBOUR, "2021-03-05", doc_id="harbour", title="Storm floods Portmere"),
            extract(COUNCIL, "2021-03-05", doc_id="council", title="Council statement")]


def drawn(articles: list[Extraction], ops: list[dict] = (), corrections: list = ()) -> StoryTimeline:
    corrected = apply_corrections([e for x in articles for e in x.events], corrections)
    return story_timeline(build_story(story_input(articles, corrected), ops), corrected,
                          [x.document for x in articles])


def mention(articles: list[Extraction], doc: str, fragment: str) -> Event:
    x = next(x for x in articles if x.document.id == doc)
    return next(e for e in x.events if fragment in x.document.text[e.sentence_start:e.sentence_end])


def only(timeline: StoryTimeline, fragment: str) -> Event:
    [event] = [e for e in timeline.events if fragment in e.label]
    return event


def test_a_happening_two_articles_report_is_one_event_that_lists_both_sources(articles: list[Extraction]) -> None:
    timeline = drawn(articles)
    storm = only(timeline, "storm flooded")
    assert (storm.start, storm.reported_by, storm.disputed) == (date(2021, 3, 2), ("harbour", "council"), ())
    assert storm.explanation.split("\n")[:3] == [
        "Reported by 2 sources.",
        "• Storm floods Portmere, 2 Mar 2021: “A storm flooded the harbour of Portmere on 2 March.”",
        "• Council statement, 2 Mar 2021: “A storm flooded the harbour of Portmere on 2 March.”"]
    # Its id, sentence and expression are its first source's: selecting and correcting it work as for any event.
    assert storm.id == mention(articles, "harbour", "storm flooded").id
    assert [e.id for e in timeline.members[storm.id]] == [mention(articles, "harbour", "storm flooded").id,
                                                          mention(articles, "council", "storm flooded").id]
    assert timeline.shown(mention(articles, "council", "storm flooded").id) == storm.id
    assert len(timeline.events) == 2  # the storm and the resignation: no mention is drawn twice


def test_where_sources_disagree_the_event_carries_the_other_date(articles: list[Extraction]) -> None:
    resigned = only(drawn(articles), "resigned")
    assert (resigned.start, resigned.disputed) == (date(2021, 3, 3), ((date(2021, 3, 2), date(2021, 3, 2), "day"),))
    assert ("⚠ Sources disagree on the date: 3 Mar 2021 (Storm floods Portmere); 2 Mar 2021 (Council statement)."
            in resigned.explanation.split("\n"))
    # Accepting the other date draws it there, and the dispute is over (both sources stay listed).
    council_mention = mention(articles, "council", "resigned").id
    settled = only(drawn(articles, [{"op": "accept_date", "mention": council_mention}]), "resigned")
    assert (settled.start, settled.disputed, settled.id) == (date(2021, 3, 2), (), council_mention)
    assert "Date accepted by you; sources gave 3 Mar 2021 (Storm floods Portmere); 2 Mar 2021 (Council statement)." \
        in settled.explanation.split("\n")


def test_split_and_merge_decisions_change_what_is_drawn(articles: list[Extraction]) -> None:
    harbour_storm = mention(articles, "harbour", "storm flooded").id
    split = drawn(articles, [{"op": "split", "mentions": [harbour_storm]}])
    assert sorted((e.doc_id, e.reported_by) for e in split.events if "storm flooded" in e.label) == [
        ("council", ()), ("harbour", ())]
    merged = drawn(articles, [{"op": "split", "mentions": [harbour_storm]},
                              {"op": "merge", "mentions": [harbour_storm, mention(articles, "council", "storm").id]}])
    assert only(merged, "storm flooded").reported_by == ("harbour", "council")


def test_one_article_is_drawn_as_it_is(articles: list[Extraction]) -> None:
    events = list(articles[0].events)
    assert story_timeline(None, events).events == tuple(events)
    assert story_timeline(build_story([articles[0]]), events).events == tuple(events)


def test_corrections_hold_on_a_merged_event_and_hand_added_events_are_kept(articles: list[Extraction]) -> None:
    storm = mention(articles, "harbour", "storm flooded").id
    added = Add("harbour:hand1", "harbour", date(2021, 3, 20), date(2021, 3, 20), "Harbour reopens")
    timeline = drawn(articles, corrections=[EditLabel(storm, "Storm floods the harbour"), added,
                                            Delete(mention(articles, "council", "resigned").id)])
    relabelled = only(timeline, "Storm floods the harbour")
    assert is_edited(relabelled) and relabelled.reported_by == ("harbour", "council")  # the journalist's words win
    assert only(timeline, "Harbour reopens").id == "harbour:hand1"
    resigned = only(timeline, "resigned")  # its other source was deleted: one source, no conflict
    assert (resigned.reported_by, resigned.disputed, resigned.doc_id) == ((), (), "harbour")


def test_the_chart_draws_a_conflict_cross_at_the_other_date_and_the_list_names_both(
        articles: list[Extraction]) -> None:
    timeline = drawn(articles)
    resigned = only(timeline, "resigned")
    documents = [x.document for x in articles]
    fig = build_figure(timeline.events, documents).to_plotly_json()
    [crosses] = [t for t in fig["data"] if t.get("name") == "Disputed date"]
    assert list(crosses["customdata"]) == [resigned.id]  # a click on the cross selects the happening
    [labels] = [t for t in fig["data"] if t.get("mode") == "markers+text" and t["name"] != "Disputed label"
                and resigned.id in list(t["customdata"])]
    at = list(labels["customdata"]).index(resigned.id)
    assert labels["text"][at] == ""  # the label is drawn past the cross, not at the dot
    [moved] = [t for t in fig["data"] if t.get("name") == "Disputed label"]
    assert "3 Mar 2021</b> (⚠ or 2 Mar 2021) The harbour master" in moved["text"][0]
    side = moved["textposition"][0]
    assert moved["x"][0] == (max if side.endswith("right") else min)(labels["x"][at], crosses["x"][0])
    assert CONFLICT_NAME in [t.get("name") for t in fig["data"]]
    hover = labels["hovertext"][at].replace("<br>", " ")
    assert "2 sources" in hover and "Council officials said the harbour master resigned" in hover
    assert "Disputed date" not in json.dumps([t.get("name") for t in build_figure(articles[0].events).to_plotly_json()
                                              ["data"]])
    days = chronology(timeline.events, documents)
    assert [(d.when, e.source, e.certainty) for d in days for e in d.entries] == [
        ("2 Mar 2021", "Storm floods Portmere; Council statement", "worked out"),
        ("3 Mar 2021", "Storm floods Portmere; Council statement", "worked out; sources disagree, also 2 Mar 2021")]
    assert "sources disagree, also 2 Mar 2021" in list_csv(days)


def test_the_exports_draw_the_same_merged_events(articles: list[Extraction]) -> None:
    timeline = drawn(articles)
    documents = [x.document for x in articles]
    view = View(title="Portmere")
    slide = slide_figure(list(timeline.events), documents, view).to_plotly_json()
    assert [t.get("name") for t in slide["data"]].count("Disputed date") == 1
    page = page_html(list(timeline.events), documents, view)
    assert "Disputed date" in page and "Timeline of 2 events from 2 articles" in page


def test_coloured_by_source_a_happening_several_articles_report_has_its_own_colour(
        articles: list[Extraction]) -> None:
    timeline = drawn(articles)
    fig = build_figure(timeline.events, [x.document for x in articles], color_by="source").to_plotly_json()
    dots = {t["name"]: list(t["customdata"]) for t in fig["data"] if t.get("mode") == "markers+text"
            and t["name"] != "Disputed label"}
    assert dots["Reported by several articles"] == [only(timeline, "storm").id, only(timeline, "resigned").id]
    legend = [t["name"] for t in fig["data"] if t.get("x") == [None]]
    assert legend == ["Reported by several articles", CONFLICT_NAME]  # no article has an event of its own alone


_SENTENCES = st.sampled_from([
    "A storm flooded the harbour of Portmere {d}.", "The harbour master resigned over the flooding {d}.",
    "The ferry company cancelled all crossings to Innis {d}.", "Photo: A storm flooded the harbour of Portmere {d}.",
])
_DATES = st.sampled_from(["on Monday", "on Tuesday", "the next day", "on 2 March", "in March", "from 1 to 20 March"])
_ARTICLES = st.lists(st.lists(st.tuples(_SENTENCES, _DATES), min_size=1, max_size=4), min_size=2, max_size=3)


@settings(max_examples=25, deadline=None)
@given(_ARTICLES, st.data())
def test_every_mention_is_drawn_exactly_once_whatever_the_decisions(articles: list, data: st.DataObject) -> None:
    extractions = [extract("Report\n\n" + " ".join(s.format(d=d) for s, d in sentences), "2021-03-05",
                           doc_id=f"d{n}", title=f"Report {n}") for n, sentences in enumerate(articles)]
    mentions = [e for x in extractions for e in x.events]
    ids = sorted(e.id for e in mentions)
    if not ids:  # nothing dated ("the next day" with no day before it): nothing to draw or decide
        assert story_timeline(build_story(story_input(extractions, mentions)), mentions).events == ()
        return
    some = st.lists(st.sampled_from(ids), min_size=2, max_size=3, unique=True) if len(ids) > 1 else st.nothing()
    ops = data.draw(st.lists(st.one_of(
        st.builds(lambda m: {"op": "accept_date", "mention": m}, st.sampled_from(ids)),
        st.builds(lambda ms: {"op": "split", "mentions": ms}, st.lists(st.sampled_from(ids), min_size=1, max_size=2)),
        st.builds(lambda ms: {"op": "merge", "mentions": ms}, some)), max_size=4))
    timeline = story_timeline(build_story(story_input(extractions, mentions), ops), mentions,
                              [x.document for x in extractions])
    drawn = {e.id: e for e in timeline.events}
    assert len(drawn) == len(timeline.events)  # no id drawn twice
    assert sorted(timeline.owner) == ids and set(timeline.owner.values()) == set(drawn)
    reachable = sorted(m.id for e in timeline.events for m in timeline.members.get(e.id, (e,)))
    assert reachable == ids  # every sentence stays reachable, once
    for e in timeline.events:
        assert all((start, end) != (e.start, e.end) for start, end, _ in e.disputed)
        if e.id in timeline.members:
            assert set(e.reported_by) == {m.doc_id for m in timeline.members[e.id]}
            assert e.id in {m.id for m in timeline.members[e.id]}  # it is one of its sources


def test_a_days_group_holding_a_disputed_happening_says_so(articles: list[Extraction]) -> None:
    harbour = extract(HARBOUR + " Fishermen said their boats sank on 3 March.",
                      "2021-03-05", doc_id="harbour", title="Storm floods Portmere")
    both = [harbour, articles[1]]
    timeline = drawn(both)
    assert any(e.disputed for e in timeline.events)
    fig = build_figure(timeline.events, [x.document for x in both]).to_plotly_json()
    [moved] = [t for t in fig["data"] if t.get("name") == "Disputed label"]
    assert any("events (⚠ dates disputed):" in text for text in moved["text"]), moved["text"]


def test_a_happening_dated_by_counts_is_drawn_through_an_articles_own_event() -> None:
    # Three articles count four days trapped (back from 5 March: 1 March), two say "since Tuesday"
    # (2 March): the counts' date wins, but only an article's own event can be drawn (was a KeyError).
    texts = {"a": "Six divers have been trapped underground in the Kelso pit since Tuesday.",
             "a2": "The Kelso pit divers, trapped underground since Tuesday, have been found.",
             "b": "The six Kelso pit divers have spent four days trapped underground.",
             "c": "The six divers of the Kelso pit have spent four days trapped underground.",
             "d": "For four days the six Kelso pit divers have been trapped underground."}
    xs = [extract(f"Kelso\n\n{text}", "2021-03-05", doc_id=k) for k, text in texts.items()]
    corrected = [e for x in xs for e in x.events]
    timeline = story_timeline(build_story(story_input(xs, corrected)), corrected)
    [drawn] = timeline.events
    assert (drawn.start, drawn.end) == (date(2021, 3, 1), date(2021, 3, 5))
    assert drawn.reported_by == ("a", "a2", "b", "c", "d")
    assert drawn.id in {e.id for e in corrected}
    assert drawn.disputed == ((date(2021, 3, 2), date(2021, 3, 5), "day"),)
