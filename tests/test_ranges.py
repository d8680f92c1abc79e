"""Ranges: "22-25 April 1951" tags each end (the TimeML and WikiWars convention) and makes one event."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline_app import extract

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def values(text: str, published: str = "2012-01-26") -> list[tuple[str, str]]:
    return [(t.text, t.value) for t in extract(text, published=published).expressions]


@pytest.mark.parametrize(("text", "expected"), [
    ("The Battle of Kapyong (22-25 April 1951) followed.", [("22", "1951-04-22"), ("25 April 1951", "1951-04-25")]),
    ("Talks ran from the 13th to the 19th of October 1950.",
     [("the 13th", "1950-10-13"), ("the 19th of October 1950", "1950-10-19")]),
    # the year after the second day is the first day's too
    ("Talks were held between March 5-9, 1918 on the withdrawal.", [("March 5", "1918-03-05"), ("9, 1918", "1918-03-09")]),
    ("The expedition of 1957-58 crossed Antarctica.", [("1957", "1957"), ("58", "1958")]),
    ("The crisis of 1999-00 passed.", [("1999", "1999"), ("00", "2000")]),
    ("The Ionian Revolt (499-493 BC) failed.", [("499", "BC0499"), ("493 BC", "BC0493")]),
    ("The buyback could take between 12 and 18 months.", [("12", "P12M"), ("18 months", "P18M")]),
    ("The Battle of Pusan Perimeter (August-September 1950) held.", [("August", "1950-08"), ("September 1950", "1950-09")]),
    # a month before a range's end takes the end's year, even where a tense would have guessed another
    ("In the invasion phase (March 19-April 30, 2003), units advanced.",
     [("March 19", "2003-03-19"), ("April 30, 2003", "2003-04-30")]),
    ("The strike lasted from December 20 to January 5, 2004.",
     [("December 20", "2003-12-20"), ("January 5, 2004", "2004-01-05")]),
])
def test_each_end_of_a_range_is_tagged(text: str, expected: list[tuple[str, str]]) -> None:
    assert values(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("On March 3 and 4 people died.", [("March 3", "2011-03-03")]),  # four people, not 4 March
    ("The battle of 25-22 April 1951 failed.", [("22 April 1951", "1951-04-22")]),  # not a range in order
    ("From April 6 to 10 percent of voters stayed home.", [("April 6", "2011-04-06")]),
    ("The score was 1957-38 in the end.", [("1957", "1957")]),  # 38 years later is no two-digit range
    ("The war of 493-499 BC ended.", [("499 BC", "BC0499")]),  # BC years count down
    ("He was jailed for 5 to 3 years.", [("3 years", "P3Y")]),
    ("Resolution 242 and 18 months of talks followed.", [("18 months", "P18M")]),
])
def test_numbers_that_do_not_end_a_range_are_left_alone(text: str, expected: list[tuple[str, str]]) -> None:
    assert values(text) == expected


def test_a_range_is_one_interval_event() -> None:
    events = extract("The Battle of Kapyong (22-25 April 1951) blunted the offensive.", published="2012-01-26").events
    assert [(e.start, e.end, e.granularity, e.label, e.rule) for e in events] == [
        (date(1951, 4, 22), date(1951, 4, 25), "day", "The Battle of Kapyong blunted the offensive", "range")]
    assert events[0].explanation == "22-25 April 1951: from 22 Apr 1951 to 25 Apr 1951"


@given(st.sampled_from(MONTHS), st.integers(1, 28), st.integers(1, 28), st.integers(1000, 2099))
def test_day_ranges_follow_the_order_of_their_days(month: str, first: int, last: int, year: int) -> None:
    month_number = MONTHS.index(month) + 1
    found = values(f"The siege lasted from {first} to {last} {month} {year}, when it ended.")
    if first < last:
        assert found == [(str(first), f"{year:04d}-{month_number:02d}-{first:02d}"),
                         (f"{last} {month} {year}", f"{year:04d}-{month_number:02d}-{last:02d}")]
    else:
        assert found == [(f"{last} {month} {year}", f"{year:04d}-{month_number:02d}-{last:02d}")]
