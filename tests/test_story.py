"""Merging several articles into one story: exact expectations on short articles written here."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.story_articles import articles, extracted
from timeline_app.model import Extraction
from timeline_app.pipeline import extract
from timeline_app.story import (
    Source,
    Story,
    StoryEvent,
    StoryOpError,
    build_story,
    check_op,
    compatible,
)

# 2 March 2021 was a Tuesday.
HARBOUR = extract("Storm floods Portmere\n\nA storm flooded the harbour of Portmere on 2 March. "
                  "The next day, the harbour master resigned over the flooding.", "2021-03-05", doc_id="harbour")
COUNCIL = extract("Council statement\n\nCouncil officials said the harbour master resigned over the flooding on "
                  "Tuesday. Separately, the ferry company cancelled all crossings to Innis on Monday.",
                  "2021-03-05", doc_id="council")
REPEATS = extract("Portmere cleans up\n\nA storm flooded the harbour of Portmere on 2 March.\n\n"
                  "Photo: A storm flooded the harbour of Portmere on 2 March.", "2021-03-06", doc_id="repeats")
LIBRARY = extract("New library\n\nThe mayor of Dunmore opened the new public library on Monday.", "2021-03-05",
                  doc_id="library")


def mention(x: Extraction, fragment: str) -> str:
    """The id of the one event of ``x`` whose sentence contains ``fragment``."""
    [event] = [e for e in x.events if fragment in x.document.text[e.sentence_start:e.sentence_end]]
    return event.id


def event_of(story: Story, mention_id: str) -> StoryEvent:
    [event] = [e for e in story.events if any(s.mention == mention_id for s in e.sources)]
    return event


def mentions(event: StoryEvent) -> set[str]:
    return {s.mention for s in event.sources}


def test_the_same_happening_in_two_articles_is_one_event_and_repeats_fold_into_it() -> None:
    story = build_story([HARBOUR, REPEATS])
    storm = event_of(story, mention(HARBOUR, "storm flooded"))
    repeat_ids = {e.id for e in REPEATS.events}
    assert mentions(storm) == {mention(HARBOUR, "storm flooded"), *repeat_ids}
    assert (storm.start, storm.end, storm.granularity) == (date(2021, 3, 2), date(2021, 3, 2), "day")
    assert storm.doc_ids == ("harbour", "repeats")
    assert storm.conflict is None
    assert storm.label == "A storm flooded the harbour of Portmere"
    assert len(story.events) == 2  # the storm, and the resignation reported by one article


def test_the_same_happening_at_two_dates_is_one_event_with_a_conflict() -> None:
    story = build_story([HARBOUR, COUNCIL])
    resigned = event_of(story, mention(HARBOUR, "next day"))
    assert mentions(resigned) == {mention(HARBOUR, "next day"), mention(COUNCIL, "resigned")}
    assert resigned.open_conflict
    alternatives = [(a.start, a.end, a.doc_ids) for a in resigned.conflict.alternatives]
    assert sorted(alternatives) == [(date(2021, 3, 2), date(2021, 3, 2), ("council",)),
                                    (date(2021, 3, 3), date(2021, 3, 3), ("harbour",))]
    # Every source keeps its own sentence and date.
    by_doc = {s.doc_id: s for s in resigned.sources}
    assert by_doc["harbour"].start == date(2021, 3, 3)
    assert by_doc["council"].start == date(2021, 3, 2)
    assert "the harbour master resigned" in by_doc["council"].sentence


def test_unrelated_happenings_on_one_day_stay_apart() -> None:
    story = build_story([COUNCIL, LIBRARY])
    ferry = event_of(story, mention(COUNCIL, "ferry"))
    assert mentions(ferry) == {mention(COUNCIL, "ferry")}
    assert mentions(event_of(story, mention(LIBRARY, "library"))) == {mention(LIBRARY, "library")}


def test_accepting_a_date_settles_the_conflict_and_keeps_both_sources() -> None:
    next_day = mention(HARBOUR, "next day")
    story = build_story([HARBOUR, COUNCIL], [{"op": "accept_date", "mention": next_day}])
    resigned = event_of(story, next_day)
    assert (resigned.start, resigned.end) == (date(2021, 3, 3), date(2021, 3, 3))
    assert not resigned.open_conflict
    accepted = resigned.conflict.alternatives[resigned.conflict.accepted]
    assert accepted.doc_ids == ("harbour",)
    assert len(resigned.sources) == 2


def test_split_undoes_a_wrong_merge_and_merge_joins_by_hand() -> None:
    council = mention(COUNCIL, "resigned")
    split = build_story([HARBOUR, COUNCIL], [{"op": "split", "mentions": [council]}])
    assert mentions(event_of(split, council)) == {council}
    assert event_of(split, mention(HARBOUR, "next day")).conflict is None

    ferry, library = mention(COUNCIL, "ferry"), mention(LIBRARY, "library")
    merged = build_story([COUNCIL, LIBRARY], [{"op": "merge", "mentions": [ferry, library]}])
    assert mentions(event_of(merged, ferry)) == {ferry, library}
    assert event_of(merged, ferry).conflict is None  # both Monday 1 March


def test_an_operation_on_a_vanished_mention_is_stale_and_changes_nothing() -> None:
    op = {"op": "merge", "mentions": [mention(COUNCIL, "ferry"), "gone:event"]}
    story = build_story([COUNCIL, LIBRARY], [op])
    assert story.stale == (op,)
    assert story.events == build_story([COUNCIL, LIBRARY]).events


@pytest.mark.parametrize("op, message", [
    ({"op": "rename"}, "unknown story operation"),
    ({"op": "accept_date"}, "accept_date needs"),
    ({"op": "split", "mentions": []}, "split needs"),
    ({"op": "merge", "mentions": ["a", "a"]}, "at least two"),
])
def test_malformed_operations_are_refused(op: dict, message: str) -> None:
    with pytest.raises(StoryOpError, match=message):
        check_op(op)
    with pytest.raises(StoryOpError, match=message):
        build_story([HARBOUR], [op])


def test_the_same_article_twice_counts_once() -> None:
    assert build_story([HARBOUR, HARBOUR]).events == build_story([HARBOUR]).events


def _src(start: date, end: date, granularity: str) -> Source:
    return Source("m", "d", 0, 1, 0, 1, "x", start, end, granularity, "explicit", "x", 0)  # type: ignore[arg-type]


@pytest.mark.parametrize("a, b, expected", [
    ((date(2021, 3, 1), date(2021, 3, 31), "month"), (date(2021, 3, 2), date(2021, 3, 2), "day"), True),
    ((date(2021, 3, 2), date(2021, 3, 2), "day"), (date(2021, 3, 3), date(2021, 3, 3), "day"), False),
    ((date(2021, 3, 1), date(2021, 3, 7), "week"), (date(2021, 3, 3), date(2021, 3, 3), "day"), True),
    ((date(2021, 2, 1), date(2021, 2, 28), "month"), (date(2021, 3, 2), date(2021, 3, 2), "day"), False),
    # an instant inside a span is not the span's happening
    ((date(2021, 3, 1), date(2021, 3, 20), "day"), (date(2021, 3, 2), date(2021, 3, 2), "day"), False),
])
def test_dates_are_compatible_when_they_overlap_at_the_coarser_precision(a: tuple, b: tuple, expected: bool) -> None:
    assert compatible(_src(*a), _src(*b)) is expected
    assert compatible(_src(*b), _src(*a)) is expected


ALL = [HARBOUR, COUNCIL, REPEATS, LIBRARY]
IDS = sorted(e.id for x in ALL for e in x.events)
_op = st.one_of(
    st.builds(lambda m: {"op": "accept_date", "mention": m}, st.sampled_from(IDS)),
    st.builds(lambda ms: {"op": "split", "mentions": ms}, st.lists(st.sampled_from(IDS), min_size=1, max_size=3)),
    st.builds(lambda ms: {"op": "merge", "mentions": ms},
              st.lists(st.sampled_from(IDS), min_size=2, max_size=3, unique=True)),
)


@settings(max_examples=40, deadline=None)
@given(st.lists(_op, max_size=6))
def test_no_sequence_of_operations_hides_or_duplicates_a_source(ops: list[dict]) -> None:
    story = build_story(ALL, ops)
    found = sorted(s.mention for e in story.events for s in e.sources)
    assert found == IDS
    for e in story.events:
        if e.conflict is not None:
            assert sorted(m for a in e.conflict.alternatives for m in a.mentions) == sorted(mentions(e))


@pytest.mark.parametrize("line", ["PORTMERE, March 2 (AFP) -", "PORTMERE, March 2, (K9X) -"])
def test_a_wire_date_line_dates_the_copy_not_a_happening(line: str) -> None:
    wire = extract(f"Flood inquiry\n\n{line} A storm flooded the harbour of Portmere, officials said.", "2021-03-05",
                   doc_id="wire")
    story = build_story([wire, HARBOUR])
    [dated] = [e for e in wire.events if wire.document.text[e.sentence_start:].startswith("PORTMERE")]
    assert mentions(event_of(story, dated.id)) == {dated.id}


_SENTENCES = st.sampled_from([
    "A storm flooded the harbour of Portmere {d}.", "The harbour master resigned over the flooding {d}.",
    "The ferry company cancelled all crossings to Innis {d}.", "The mayor opened the new public library {d}.",
    "Photo: A storm flooded the harbour of Portmere {d}.", "Officials said the harbour would reopen {d}.",
])
_DATES = st.sampled_from(["on Monday", "on Tuesday", "the next day", "on 2 March", "in March", "in 2021",
                          "last week", "from 1 to 20 March", "at 9 p.m. on Tuesday", "yesterday"])


@settings(max_examples=30, deadline=None)
@given(articles(_SENTENCES, _DATES, per_article=5))
def test_any_articles_make_a_story_whose_events_agree_or_show_their_conflict(made: list) -> None:
    extractions = extracted(made)
    story = build_story(extractions)
    assert sorted(s.mention for e in story.events for s in e.sources) == sorted(
        e.id for x in extractions for e in x.events)
    for event in story.events:
        groups = [event.sources] if event.conflict is None else [
            [s for s in event.sources if s.mention in a.mentions] for a in event.conflict.alternatives]
        for group in groups:
            assert all(compatible(a, b) for a in group for b in group)
        if event.conflict is not None:
            assert (event.start, event.end) in {(a.start, a.end) for a in event.conflict.alternatives}
            assert len({d for a in event.conflict.alternatives for d in a.doc_ids}) >= 2
