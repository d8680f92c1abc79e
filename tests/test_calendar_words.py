"""Calendar words as numbers, and the days holidays fall on."""

from __future__ import annotations

from datetime import date

import pytest

from timeline_app.calendar_words import (
    day_number,
    holiday_date,
    month_number,
    weekday_number,
)


@pytest.mark.parametrize(("word", "number"), [("Sept.", 9), ("December", 12), ("Jan", 1), ("11", 11)])
def test_month_number(word: str, number: int) -> None:
    assert month_number(word) == number


@pytest.mark.parametrize(("word", "number"), [("16th", 16), ("sixteenth", 16), ("twenty-first", 21), ("thirtieth", 30)])
def test_day_number(word: str, number: int) -> None:
    assert day_number(word) == number


def test_weekday_number_follows_date_weekday() -> None:
    assert weekday_number("Wednesday") == date(2012, 1, 25).weekday()


@pytest.mark.parametrize(("rule", "year", "day"), [
    ("12-25", 1963, date(1963, 12, 25)),
    ("11-TH-4", 1999, date(1999, 11, 25)),  # Thanksgiving
    ("11-TH-4", 2012, date(2012, 11, 22)),
    ("11-TH-4+1", 2019, date(2019, 11, 29)),  # Black Friday, the fifth Friday of a November
    ("11-TH-4+4", 2023, date(2023, 11, 27)),  # Cyber Monday
    ("05-MO-L", 2012, date(2012, 5, 28)),  # Memorial Day
    ("09-MO-1", 2012, date(2012, 9, 3)),  # Labor Day
    ("easter", 2000, date(2000, 4, 23)),
    ("easter-2", 2012, date(2012, 4, 6)),  # Good Friday
    ("11-TH-4+1", 2019, date(2019, 11, 29)),  # Black Friday: November 2019 has five Fridays, the fifth is the one
    ("11-TH-4+4", 2023, date(2023, 11, 27)),  # Cyber Monday
    ("01-MO-3", 2024, date(2024, 1, 15)),  # Martin Luther King Jr. Day
])
def test_holiday_date(rule: str, year: int, day: date) -> None:
    assert holiday_date(rule, year) == day


def test_holiday_outside_the_calendar_is_none() -> None:
    assert holiday_date("easter", 0) is None
