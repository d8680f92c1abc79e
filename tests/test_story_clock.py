"""Clock times in the story merge, on short articles written here: one day's several happenings told
by the clock stay apart, a clock time has sharp edges, a live page's update stamp dates the copy."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from timeline_app.chrome import is_copy_stamp
from timeline_app.model import Granularity
from timeline_app.pipeline import extract
from timeline_app.story import Source, article_sources, build_story, compatible

# 22 June 2023 was a Thursday.
DAY = "2023-06-22"


def _src(start: datetime, end: datetime, granularity: Granularity) -> Source:
    return Source("m", "d", 0, 1, 0, 1, "x", start, end, granularity, "explicit", "x", 0)


def _at(hour: int, minute: int = 0) -> datetime:
    return datetime(2023, 6, 22, hour, minute)


MORNING = (_at(6), _at(11, 59), "hour")
AFTERNOON = (_at(12), _at(17, 59), "hour")
EVENING = (_at(17), _at(21, 59), "hour")
NIGHT = (_at(21), _at(23, 59), "hour")


@pytest.mark.parametrize("a, b, expected", [
    (MORNING, (_at(10, 30), _at(10, 30), "minute"), True),
    (MORNING, (_at(4, 30), _at(4, 30), "minute"), True),  # a part of the day has fuzzy edges
    # was True: the part's three hours of slack and the clock time's own three made "morning" reach 4:21 p.m.
    (MORNING, (_at(16, 21), _at(16, 21), "minute"), False),
    (AFTERNOON, (_at(9, 30), _at(9, 30), "minute"), False),  # noon parts the morning from the afternoon
    (MORNING, AFTERNOON, False),  # was True
    (EVENING, NIGHT, True),
    (NIGHT, (_at(19, 55), _at(19, 55), "minute"), True),  # "night" starts anywhere from 6 to 9 p.m.
    ((_at(15), _at(15), "minute"), (_at(16, 21), _at(16, 21), "minute"), False),
])
def test_a_clock_time_has_sharp_edges_and_noon_parts_the_day(a: tuple, b: tuple, expected: bool) -> None:
    assert compatible(_src(*a), _src(*b)) is expected
    assert compatible(_src(*b), _src(*a)) is expected


def test_one_days_happenings_told_by_the_clock_are_not_one_misdated_happening() -> None:
    # Was one event with a conflict, 4:21 p.m. against 3 p.m.: the statement, the briefing and the
    # finding of one day told alike, a clock time apart, were taken for one happening misdated.
    found = extract("Trawler found\n\nThe harbour office announced the discovery of the Marla trawler wreck "
                    "Thursday morning.", DAY, doc_id="found")
    briefing = extract("Trawler lost\n\nAt a 3 p.m. briefing, the harbour master confirmed the loss of the Marla "
                       "trawler.", DAY, doc_id="briefing")
    statement = extract("Crew lost\n\nAt 4:21 p.m. the owners of the Marla trawler said that the crew is lost.",
                        DAY, doc_id="statement")
    story = build_story([found, briefing, statement])
    assert [([s.doc_id for s in e.sources], e.conflict) for e in story.events] == [
        (["found"], None), (["briefing"], None), (["statement"], None)]


def test_a_near_repeat_at_two_clock_times_is_a_conflict_unless_whole_hours_apart() -> None:
    def told(at: str, doc_id: str):  # noqa: ANN202 - an Extraction
        return extract(f"Trawler\n\nThe Marla trawler sank off Portmere at {at} on Thursday, the harbour office "
                       "said.", DAY, doc_id=doc_id)

    [sank] = [e for e in build_story([told("7:55 p.m.", "a"), told("8:25 p.m.", "b")]).events if e.conflict]
    assert [a.start for a in sank.conflict.alternatives] == [_at(19, 55), _at(20, 25)]
    assert sorted(s.doc_id for s in sank.sources) == ["a", "a", "b", "b"]
    # 7:55 p.m. Central is 8:55 p.m. Eastern: one moment told in two time zones, no clash of dates
    story = build_story([told("7:55 p.m.", "a"), told("8:55 p.m.", "b")])
    assert [e.conflict for e in story.events] == [None] * len(story.events)
    assert sorted(e.start for e in story.events if e.granularity == "minute") == [_at(19, 55), _at(20, 55)]


@pytest.mark.parametrize("text, stamped", [
    ("Update: 3:30 p.m. Thursday, June 22\nThe owners said the crew is lost.", ["3:30 p.m. Thursday, June 22"]),
    # a month name the tagger left beside the stamp's date ("May" alone is no date) is a piece of it
    ("Update: 3:30 p.m. Friday, May\nThe owners said the crew is lost.", ["3:30 p.m. Friday"]),
    ("Updated 4:30 p.m. EST — The harbour office said this morning a diver found the wreck.", ["4:30 p.m. EST"]),
    ("UPDATE at 11:03 a.m. Thursday\n\nDivers went down.", ["11:03 a.m. Thursday"]),
    # an update word that opens a sentence, or a stamp word among other words, makes no stamp
    ("Update: the owners said on Thursday that the crew is lost.", []),
    ("Updated figures came out at 4:30 p.m. on Thursday.", []),
    ("The owners updated the page at 4:30 p.m. on Thursday.", []),
])
def test_a_live_pages_update_stamp_dates_the_copy(text: str, stamped: list[str]) -> None:
    x = extract("Trawler\n\nThe Marla trawler was found on Wednesday.\n\n" + text, DAY, doc_id="live")
    part = article_sources(x)
    assert [s.sentence[s.expression_start - s.sentence_start:s.expression_end - s.sentence_start]
            for k, s in enumerate(part.sources) if k in part.dateline and s.expression_start > 40] == stamped


def test_an_update_stamp_is_read_on_the_text_with_its_dates_blanked() -> None:
    stamp = "Update: " + " " * 27  # "Update: 3:30 p.m. Thursday, June 22", its date blanked
    assert is_copy_stamp(stamp + "\nThe owners said.", 8, 35)
    assert is_copy_stamp(stamp + " — The owners said.", 8, 35)
    assert not is_copy_stamp(stamp + " the owners said.", 8, 35)
    assert not is_copy_stamp("The page was updated" + " " * 27 + "\n", 21, 47)


def test_an_update_stamp_is_merged_with_no_report_of_its_hour() -> None:
    # Was one event with a conflict: the stamp's 3:00 p.m. against the statement's 4:21 p.m.
    live = extract("Trawler live\n\nUpdate: at 3:00 p.m. Thursday, June 22\nThe owners of the Marla trawler have "
                   "announced that its crew is lost.", DAY, doc_id="live")
    statement = extract("Crew lost\n\nAt 4:21 p.m. the owners of the Marla trawler announced that its crew is "
                        "lost.", DAY, doc_id="statement")
    story = build_story([live, statement])
    assert [e.conflict for e in story.events] == [None] * len(story.events)
    assert all(len({s.doc_id for s in e.sources}) == 1 for e in story.events)
    assert date(2023, 6, 22) in {e.start.date() if isinstance(e.start, datetime) else e.start for e in story.events}


def test_a_published_stamp_line_dates_the_copy_and_joins_no_other_articles_stamp() -> None:
    # Was one event of both articles' stamp lines and the ferry's report, with a 22/23 June conflict.
    ferry = extract("Ferry stops\nPublished June 22, 2023\n\nThe Innis ferry stopped on Thursday.", DAY, doc_id="ferry")
    port = extract("Port shut\nPublished June 23, 2023 at 3:38pm\n\nThe port of Innis shut on Thursday after the "
                   "ferry stopped.", "2023-06-23", doc_id="port")
    parts = {x.document.id: (x.document.text, article_sources(x)) for x in (ferry, port)}
    stamps = {doc: [text[s.expression_start:s.expression_end] for k, s in enumerate(part.sources) if k in part.dateline]
              for doc, (text, part) in parts.items()}
    assert stamps == {"ferry": ["June 22, 2023"], "port": ["June 23, 2023", "3:38pm"]}
    story = build_story([ferry, port])
    assert [e.conflict for e in story.events] == [None] * len(story.events)
    assert [(e.start, e.doc_ids) for e in story.events if len(e.sources) > 1] == [
        (date(2023, 6, 22), ("ferry", "port"))]


def test_an_early_morning_meets_a_small_hours_clock_time_of_its_day() -> None:
    # Was one event with a false conflict: "early Thursday morning" read as 6 to 8 a.m. against 1:45 a.m.
    early = extract("Tower down\n\nThe old grain tower collapsed early Thursday morning after a barge hit its base.",
                    DAY, doc_id="early")
    clock = extract("Barge hits tower\n\nA barge hit the base of the old grain tower at about 1:45 a.m. Thursday, "
                    "and the tower collapsed.", DAY, doc_id="clock")
    story = build_story([early, clock])
    assert [(sorted(s.doc_id for s in e.sources), e.conflict) for e in story.events] == [(["clock", "early"], None)]
