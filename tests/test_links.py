"""Dates that links.py derives: an offset from a happening, dated by the date right before it."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from timeline_app import extract


def derived(text: str) -> list[tuple[str, date, date, str]]:
    result = extract(text, published="2012-01-26")
    return [(e.rule, e.start, e.end, e.certainty) for e in result.events if e.rule == "offset_beside_date"]


@pytest.mark.parametrize("text", [
    "He walks out of jail today a few weeks after he was arrested.",
    "He walks out of jail today, just a few weeks after his arrest.",
])
def test_an_offset_right_after_a_date_dates_what_that_date_dates(text: str) -> None:
    assert derived(text) == [("offset_beside_date", date(2012, 1, 26), date(2012, 1, 26), "inferred")]


def test_a_counted_offset_after_a_weekday_takes_the_weekday_not_the_count() -> None:
    assert derived("The deal was signed on Monday, two days after the crash.") == [
        ("offset_beside_date", date(2012, 1, 23), date(2012, 1, 23), "inferred")]


@pytest.mark.parametrize("text", [
    "They were trapped on Monday for two days after the crash.",  # "for": a span, not an offset
    "The deal was signed on Monday and two days after the crash it fell apart.",  # not beside the date
    "The deal took two days after the crash.",  # no date to date it
    "Talks resumed on Monday after two days of rest.",  # the count is no offset
])
def test_no_offset_date_without_a_date_right_before_it(text: str) -> None:
    assert derived(text) == []


def from_happening(text: str) -> list[tuple[date, str]]:
    result = extract(text, published="2021-01-15")
    return [(e.start, e.certainty) for e in result.events if e.rule == "offset_from_happening"]


@pytest.mark.parametrize(("text", "expected"), [
    # 10 Jan + 30 hours: the next day, rounded as the resolver rounds "36 hours earlier"
    ("The blast happened on Jan. 10. The accident was not reported until 30 hours after the blast.",
     [(date(2021, 1, 11), "approximate")]),
    ("He was arrested on Jan. 3. Bail came 10 days after his arrest.", [(date(2021, 1, 13), "approximate")]),
    ("The vote was held on Jan. 12, a week before the inauguration. Riots began two days before the vote.",
     [(date(2021, 1, 10), "approximate")]),
    ("Girona was taken on Jan. 5, after the fall of Tarragona. Talks began five days after the fall of Girona.",
     [(date(2021, 1, 10), "approximate")]),
])
def test_an_offset_from_a_happening_counts_from_the_day_the_text_told_of_it(
        text: str, expected: list[tuple[date, str]]) -> None:
    assert from_happening(text) == expected


@pytest.mark.parametrize(("text", "label"), [
    # what happened at the offset is the clause's, never the offset itself ("Two days after the attack")
    ("Rebels attacked the town on Jan. 3. Two days after the attack, the army arrived.", "The army arrived"),
    ("The blast happened on Jan. 10. The accident was not reported until 30 hours after the blast.",
     "The accident was not reported"),
])
def test_an_offset_from_a_happening_is_labelled_by_what_happened_then(text: str, label: str) -> None:
    assert [e.label for e in extract(text, published="2021-01-15").events if e.rule == "offset_from_happening"] == [label]


@pytest.mark.parametrize("text", [
    "It was reported 30 hours after the blast. The blast happened on Jan. 10.",  # told only later
    "A blast hit on Jan. 10 and another blast on Jan. 12. It was reported 30 hours after the blast.",  # two days
    "A blast hit on Jan. 10, and police came on Jan. 12. It was reported 30 hours after the blast.",  # a sentence of two days
    "He was arrested on Jan. 3. Bail came over 10 days after his arrest.",  # a bound says no day
    "He was arrested on Jan. 3. Bail came months after his arrest.",  # no count
    "He was arrested on Jan. 3. Bail came two months after his arrest.",  # a rounded count of months
    "He was arrested on Jan. 3. He stayed in jail for 10 days after his arrest.",  # a span
    "Arrests were made on Jan. 3. Bail came 10 days after Arrests ended.",  # a name, not a happening
    # the word far from the date: what it tells of is not what happened that day
    "Officials said the blast investigation and its findings were published on Jan. 3. It was reported 30 hours after the blast.",
    "Girona was taken on Jan. 5. Talks began five days after the fall of Girona.",  # the fall is told nowhere
])
def test_no_offset_date_from_a_happening_the_text_does_not_date_on_one_day(text: str) -> None:
    assert from_happening(text) == []


def test_an_offset_that_is_a_difference_is_no_date() -> None:
    assert derived("The season started on Monday, a month earlier than usual.") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("The news comes just hours after the team said he was awake.", [(date(2012, 1, 26), "approximate")]),
    ("The ruling comes two weeks after his arrest.", [(date(2012, 1, 26), "approximate")]),
    ("The ruling came two weeks after his arrest.", []),  # what came then is not dated by the writing
    ("The ruling comes after two weeks of talks.", []),  # no offset
])
def test_what_comes_some_time_after_a_happening_comes_at_the_publication_date(
        text: str, expected: list[tuple[date, str]]) -> None:
    result = extract(text, published="2012-01-26")
    assert [(e.start, e.certainty) for e in result.events if e.rule == "offset_now"] == expected


def test_what_comes_after_a_happening_is_undated_without_a_publication_date() -> None:
    assert [e for e in extract("The ruling comes two weeks after his arrest.").events if e.rule == "offset_now"] == []


def test_an_offset_beside_a_date_is_labelled_as_that_date_is() -> None:
    # Its label was the date's own words ("Thursday, May 30"), as if the offset named a span.
    x = extract("The jury found him guilty on Thursday, May 24, more than a year after the charges were filed.",
                published="2012-05-25")
    labels = {e.rule: e.label for e in x.events}
    assert labels["offset_beside_date"] == labels[next(r for r in labels if r != "offset_beside_date")]
    assert labels["offset_beside_date"].startswith("The jury found him guilty")


@pytest.mark.parametrize(("text", "spans"), [
    ("With the conviction, he now faces up to four years in prison.", []),  # a penalty that may come
    ("The general could face 20 years in prison.", []),
    ("He was sentenced on Tuesday to 10 years in prison.", []),  # a sentence runs from when it is given
    ("The general spent 20 years in prison.", [(date(1992, 1, 26), date(2012, 1, 26))]),  # one that ran
    # a sentence given, sought or to be served is a penalty too, with a date or an object before "to"
    ("Smith was sentenced Tuesday to 10 years in prison.", []),
    ("A judge sentenced him to 12 years in prison on Monday.", []),
    ("Brown was given eight years in prison last week.", []),
    ("The former chief executive received 25 years in prison.", []),
    ("He will serve 15 years in prison under the plea deal.", []),
    ("Prosecutors are seeking 20 years in prison.", []),
    ("He could spend up to 30 years in prison.", []),
    ("A judge sentenced the former campaign aide Tom Ridley to 14 days in prison.", []),
    ("She was sentenced to spend 12 months and one day in jail.", []),
    ("The crime has a maximum sentence of five years in prison.", []),
    ("Prosecutors recommended six months in prison.", []),
    ("Jones, who has spent 22 years in prison, was freed.", [(date(1990, 1, 26), date(2012, 1, 26))]),
])
def test_a_penalty_faced_is_no_span_up_to_publication(text: str, spans: list[tuple[date, date]]) -> None:
    x = extract(text, published="2012-01-26")
    assert [(e.start, e.end) for e in x.events if e.rule == "duration_until_publication"] == spans


@pytest.mark.parametrize(("text", "spans"), [
    ("He was mayor from 2009 to 2017.", [("joined_range", date(2009, 1, 1), date(2017, 12, 31), "He was mayor")]),
    ("Between 2015 and 2020, sales doubled.", [("joined_range", date(2015, 1, 1), date(2020, 12, 31), "Sales doubled")]),
    ("The Directory (1795-1799) ruled France.",
     [("joined_range", date(1795, 1, 1), date(1799, 12, 31), "The Directory ruled France")]),
    # a season or fiscal year told across a slash is one stretch, and the slash leaves the label with the dates
    ("Their 2019/2020 campaign ended in May.",
     [("joined_range", date(2019, 1, 1), date(2020, 12, 31), "Their campaign ended"),
      ("month_alone", date(2020, 5, 1), date(2020, 5, 31), "Their campaign ended")]),
    ("He scored 20 goals in the 2021/22 season.",
     [("range", date(2021, 1, 1), date(2022, 12, 31), "He scored 20 goals")]),
    # two years that are no stretch stay two
    ("Sales rose in 2009 and 2017.", [("year", date(2009, 1, 1), date(2009, 12, 31), "Sales rose"),
                                      ("year", date(2017, 1, 1), date(2017, 12, 31), "Sales rose")]),
])
def test_two_years_of_one_stretch_are_one_interval(text: str, spans: list[tuple[str, date, date, str]]) -> None:
    x = extract(text, published="2023-03-15")
    assert [(e.rule, e.start, e.end, e.label) for e in x.events] == spans


def test_a_later_year_first_is_no_stretch() -> None:
    x = extract("The 2017-2009 list is reversed.", published="2023-03-15")
    assert [(e.rule, e.start.year) for e in x.events] == [("year", 2009), ("year", 2017)]


@pytest.mark.parametrize(("text", "span"), [
    ("He worked there from March 2019 to June 2020.", (date(2019, 3, 1), date(2020, 6, 30))),
    ("The road is closed from Monday to Friday.", (date(2023, 3, 13), date(2023, 3, 17))),
    ("Talks ran from 9 a.m. to 5 p.m. Tuesday.", (datetime(2023, 3, 14, 9), datetime(2023, 3, 14, 17))),
    # an end earlier in the day than the start is the next morning's
    ("The curfew runs from 10 p.m. to 5 a.m. on Friday.", (datetime(2023, 3, 17, 22), datetime(2023, 3, 18, 5))),
    # a date moved from one day to another, and a dash that is a pause, are no stretch
    ("The vote was moved from Monday to Friday.", None),
    ("They met on 2 March 2023-the day after the strike began.", None),
])
def test_two_dates_of_one_precision_joined_are_one_interval(text: str, span: tuple[date, date] | None) -> None:
    x = extract(text, published="2023-03-15")
    ranges = [(e.start, e.end) for e in x.events if e.rule == "joined_range"]
    assert ranges == ([span] if span else [])


@pytest.mark.parametrize(("text", "span"), [
    # a bare hour before a clock time opens its range, in the morning when the afternoon would not be earlier
    ("This clinic will be open from 1-7 p.m. on Friday.", (datetime(2023, 3, 17, 13), datetime(2023, 3, 17, 19))),
    ("The attack happened between 2 and 3 a.m. on Monday.", (datetime(2023, 3, 13, 2), datetime(2023, 3, 13, 3))),
    ("Doors open from 11 to 1 p.m. on Saturday.", (datetime(2023, 3, 18, 11), datetime(2023, 3, 18, 13))),
    # two times, and an hour that cannot open the range, are no stretch
    ("Mass is at 9 and 11 a.m. on Sunday.", None),
    ("It ran from 9-7 a.m. on Sunday.", None),
])
def test_a_bare_hour_before_a_clock_time_opens_its_range(text: str, span: tuple[datetime, datetime] | None) -> None:
    # "from 1-7 p.m." was one event at 7 p.m., the end of the opening hours
    x = extract(text, published="2023-03-15")
    assert [(e.start, e.end) for e in x.events if e.rule == "range"] == ([span] if span else [])


def test_a_term_for_a_count_after_a_date_starts_on_it() -> None:
    # "for a four-year term" was read as ending on the day she takes office
    x = extract("She will take office on Jan. 20, 2025, for a four-year term.", published="2024-01-10")
    [term] = [e for e in x.events if e.rule.startswith("duration_")]
    assert (term.rule, term.start, term.end) == ("duration_starting_at", date(2025, 1, 20), date(2029, 1, 20))


@pytest.mark.parametrize(("text", "span"), [
    # a term given on a day runs from it: the deal was read as the three years before its signing
    ("He signed a three-year deal on Tuesday.", (date(2024, 3, 19), date(2027, 3, 19))),
    ("He was handed a five-year prison sentence on Monday.", (date(2024, 3, 18), date(2029, 3, 18))),
    # a term that ended on the day, and a count of something else, end on it
    ("His three-year contract expired on Tuesday.", (date(2021, 3, 19), date(2024, 3, 19))),
    ("The ferry was back in service on Tuesday after a one-day suspension.", (date(2024, 3, 18), date(2024, 3, 19))),
    ("A seven-month labor dispute ended on Tuesday.", (date(2023, 8, 19), date(2024, 3, 19))),
])
def test_a_term_counted_beside_its_day_runs_from_it(text: str, span: tuple[date, date]) -> None:
    [term] = [e for e in extract(text, published="2024-03-20").events if e.rule.startswith("duration_")]
    assert (term.start, term.end) == span


def test_a_night_range_on_the_calendars_last_day_stays_two_times() -> None:
    # the next morning of 31 December 9999 is past the calendar: no interval, and no overflow
    x = extract("The curfew ran from 10 p.m. to 5 a.m.", published="9999-12-31")
    assert x.error is None and [e.rule for e in x.events] == ["clock_time", "clock_time"]
