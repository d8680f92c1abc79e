"""One article's discourse joining its own dates (story._told_as_one), each rule on short texts written here.

Each rule has its negative beside it: one article often tells different happenings of one day in
sentences side by side, and those must stay apart.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from timeline_app.grammar import RULES_PATH, load_grammar
from timeline_app.model import Extraction
from timeline_app.pipeline import extract
from timeline_app.story import Story, build_story


def _story(text: str, published: str) -> tuple[Extraction, Story]:
    x = extract(text, published, doc_id="a")
    return x, build_story([x])


def _events(x: Extraction, story: Story) -> list[tuple[object, object, list[str]]]:
    """Each event's start, end and the phrases of its sources, in the story's order."""
    return [(e.start, e.end, [x.document.text[s.expression_start:s.expression_end] for s in e.sources])
            for e in story.events]


def test_a_trip_told_by_its_two_ends_is_one_span_not_a_conflict() -> None:
    # Was: "2 pm on 4 March" and "around 10 am on 6 March" were two events (two instants that clash).
    x, story = _story("Ferry\n\nThe ferry was set to sail at 2 pm on 4 March and return to Portmere around "
                      "10 am on 6 March.", "2021-03-01")
    assert _events(x, story) == [(datetime(2021, 3, 4, 14), datetime(2021, 3, 6, 10),
                                  ["4 March", "2 pm", "6 March", "around 10 am"])]
    assert story.events[0].conflict is None
    assert story.events[0].granularity == "minute"


def test_from_to_in_one_sentence_is_one_span() -> None:
    x, story = _story("Search\n\nDivers searched the wreck from Monday afternoon to noon Tuesday, the coastguard "
                      "said.", "2021-03-05")
    assert _events(x, story) == [(datetime(2021, 3, 1, 12), datetime(2021, 3, 2, 12),
                                  ["Monday afternoon", "noon Tuesday"])]
    assert story.events[0].conflict is None


def test_two_dates_of_one_sentence_without_a_range_word_stay_two_happenings() -> None:
    x, story = _story("Search\n\nDivers searched the wreck on Monday afternoon and found the bell on Tuesday.",
                      "2021-03-05")
    assert _events(x, story) == [(datetime(2021, 3, 1, 12), datetime(2021, 3, 1, 17, 59), ["Monday afternoon"]),
                                 (date(2021, 3, 2), date(2021, 3, 2), ["Tuesday"])]


def test_a_range_end_that_comes_first_is_no_range() -> None:
    # "to" with the later date first is no span told by its ends: the two dates stay apart.
    x, story = _story("Search\n\nThe search moved from Tuesday to Monday afternoon, the coastguard said.",
                      "2021-03-05")
    assert sorted(len(e.sources) for e in story.events) == [1, 1]


def test_one_clock_time_off_the_hour_told_twice_is_one_happening() -> None:
    x, story = _story("Release\n\nGuards collected the release order at about 5.30 am today from the box outside "
                      "the jail. His father left home early. The order was reviewed at 5:30 AM by the warden.",
                      "2021-10-30")
    assert _events(x, story) == [(datetime(2021, 10, 30, 5, 30), datetime(2021, 10, 30, 5, 30),
                                  ["5.30 am today", "5:30 AM"])]


def test_a_time_on_the_hour_told_twice_stays_two_happenings() -> None:
    x, story = _story("Release\n\nGuards collected the release order at 2 pm today from the box outside the jail. "
                      "His father left home early. The warden spoke to reporters at 2 pm.", "2021-10-30")
    assert sorted(len(e.sources) for e in story.events) == [1, 1]


def test_a_sentence_that_confirms_the_one_before_is_its_happening_again() -> None:
    x, story = _story("Mayor\n\nThe Dunmore Herald reported on Friday morning that the mayor would step down. The "
                      "council confirmed it shortly thereafter.", "2021-03-05")
    assert _events(x, story) == [(datetime(2021, 3, 5, 6), datetime(2021, 3, 5, 11, 59),
                                  ["Friday morning", "shortly thereafter"])]


def test_a_denial_of_the_sentence_before_is_another_happening() -> None:
    x, story = _story("Mayor\n\nThe Dunmore Herald reported on Friday morning that the mayor would step down. The "
                      "mayor denied it shortly thereafter.", "2021-03-05")
    assert [len(e.sources) for e in story.events] == [1, 1]


def test_same_morning_in_sentences_side_by_side_stays_apart_without_a_word_that_points_back() -> None:
    x, story = _story("Fisherman\n\nA doctor told reporters on Tuesday morning that the fisherman was stable. Later "
                      "on Tuesday morning, his family released a statement. He remained in hospital on Tuesday "
                      "afternoon.", "2021-03-05")
    assert [len(e.sources) for e in story.events] == [1, 1, 1]


def test_a_confirmation_of_another_day_is_not_the_happening_before_it() -> None:
    x, story = _story("Mayor\n\nThe Dunmore Herald reported on Friday that the mayor would step down. The council "
                      "confirmed it on Monday.", "2021-03-10")
    assert sorted(len(e.sources) for e in story.events) == [1, 1]


_POST = ("Quay reopens\n\nFishing boats returned to the quay on Friday morning.\n\n{intro}\n\nThe quay is open "
         "again today for every boat.\n\nThank you all! pic.twitter.com/abc — Portmere Harbour (@PortmereHarbour) "
         "March 5, 2021")


def test_an_embedded_post_its_date_and_the_sentence_naming_its_author_are_one_happening() -> None:
    x, story = _story(_POST.format(intro="The Portmere harbour board welcomed them shortly thereafter."),
                      "2021-03-05")
    assert _events(x, story) == [(date(2021, 3, 5), date(2021, 3, 5), ["today", "March 5, 2021", "shortly thereafter"]),
                                 (datetime(2021, 3, 5, 6), datetime(2021, 3, 5, 11, 59), ["Friday morning"])]


def test_the_sentence_before_a_post_that_does_not_name_its_author_stays_apart() -> None:
    x, story = _story(_POST.format(intro="The town council welcomed them shortly thereafter."), "2021-03-05")
    assert sorted(sorted(phrases) for _, _, phrases in _events(x, story)) == [
        ["Friday morning"], ["March 5, 2021", "today"], ["shortly thereafter"]]


def test_the_words_that_point_back_come_from_the_language_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """[guard_words].restates_previous drives the rule: with another phrase listed, "confirmed it" stops
    counting and the new phrase starts."""
    from timeline_app import story

    texts = [f"Mayor\n\nThe Dunmore Herald reported on Friday morning that the mayor would step down. The council "
             f"{verb} it shortly thereafter." for verb in ("confirmed", "seconded")]

    def joined() -> list[int]:
        return [len(build_story([extract(t, "2021-03-05", doc_id="a")]).events) for t in texts]

    assert joined() == [1, 2]
    data = RULES_PATH.read_text(encoding="utf-8")
    start = data.index("restates_previous = [")
    changed = data[:start] + 'restates_previous = ["seconded it"]\n' + data[data.index("]\n", start) + 2:]
    other = tmp_path / "xx.toml"
    other.write_text(changed, encoding="utf-8")
    monkeypatch.setattr(story, "load_grammar", lambda: load_grammar(other))
    story._guard.cache_clear()
    try:
        assert joined() == [2, 1]
    finally:
        monkeypatch.undo()
        story._guard.cache_clear()


def test_coming_back_without_going_out_is_no_range() -> None:
    x, story = _story("Court\n\nThe fisherman was arrested on Monday and returned to court on Friday.", "2021-03-06")
    assert _events(x, story) == [(date(2021, 3, 1), date(2021, 3, 1), ["Monday"]),
                                 (date(2021, 3, 5), date(2021, 3, 5), ["Friday"])]


def test_a_date_moved_from_one_day_to_another_is_no_range() -> None:
    x, story = _story("Court\n\nThe hearing of the Innis fisherman was adjourned from Tuesday to Thursday.",
                      "2021-03-05")
    assert _events(x, story) == [(date(2021, 3, 2), date(2021, 3, 2), ["Tuesday"]),
                                 (date(2021, 3, 4), date(2021, 3, 4), ["Thursday"])]
