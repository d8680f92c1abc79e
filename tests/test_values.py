"""TIMEX3 values to calendar intervals: the one conversion every view relies on."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from timeline_app.values import ERA_SHIFT, add_months, human, interval_of, narrow, proxy_value, unshift, value_for


@pytest.mark.parametrize(("value", "expected"), [
    ("2011-12-16", (date(2011, 12, 16), date(2011, 12, 16), "day")),
    ("2011-12", (date(2011, 12, 1), date(2011, 12, 31), "month")),
    ("2012-02", (date(2012, 2, 1), date(2012, 2, 29), "month")),
    ("2011", (date(2011, 1, 1), date(2011, 12, 31), "year")),
    ("199", (date(1990, 1, 1), date(1999, 12, 31), "decade")),
    ("19", (date(1900, 1, 1), date(1999, 12, 31), "century")),
    ("2012-W04", (date(2012, 1, 23), date(2012, 1, 29), "week")),
    ("2012-W04-WE", (date(2012, 1, 28), date(2012, 1, 29), "week")),
    ("2011-Q3", (date(2011, 7, 1), date(2011, 9, 30), "quarter")),
    ("2011-H2", (date(2011, 7, 1), date(2011, 12, 31), "half")),
    ("2011-SU", (date(2011, 6, 1), date(2011, 8, 31), "season")),
    ("2012-WI", (date(2011, 12, 1), date(2012, 2, 29), "season")),  # named by the year it ends in
    ("2011-12-16T10:30", (datetime(2011, 12, 16, 10, 30), datetime(2011, 12, 16, 10, 30), "minute")),
    ("2011-12-16TMO", (datetime(2011, 12, 16, 6), datetime(2011, 12, 16, 11, 59), "hour")),
])
def test_interval_of(value: str, expected: tuple) -> None:
    assert interval_of(value) == expected


@pytest.mark.parametrize("value", ["PRESENT_REF", "P7M", "XXXX-12-16", "BC0490", "2011-02-30", "2011-W60", "0000"])
def test_values_without_a_calendar_place(value: str) -> None:
    assert interval_of(value) is None


def test_narrow_picks_thirds() -> None:
    start, end = date(2011, 1, 1), date(2011, 12, 31)
    assert narrow(start, end, "START") == (date(2011, 1, 1), date(2011, 5, 2))
    assert narrow(start, end, "END") == (date(2011, 9, 1), date(2011, 12, 31))
    assert narrow(start, end, "APPROX") == (start, end)
    # an afternoon ends on its last minute: "late afternoon" opens at 16:00, "early afternoon" ends at 13:59
    noon, last = datetime(2011, 1, 1, 12, 0), datetime(2011, 1, 1, 17, 59)
    assert narrow(noon, last, "START") == (noon, datetime(2011, 1, 1, 13, 59))
    assert narrow(noon, last, "MID") == (datetime(2011, 1, 1, 14, 0), datetime(2011, 1, 1, 15, 59))
    assert narrow(noon, last, "END") == (datetime(2011, 1, 1, 16, 0), last)


def test_month_arithmetic_clamps() -> None:
    assert add_months(date(2012, 1, 31), 1) == date(2012, 2, 29)
    assert add_months(date(2011, 12, 16), -7) == date(2011, 5, 16)


def test_value_for_and_human() -> None:
    d = date(2012, 1, 26)
    assert [value_for(d, g) for g in ("day", "week", "month", "quarter", "year", "decade", "century")] == [
        "2012-01-26", "2012-W04", "2012-01", "2012-Q1", "2012", "201", "20"]
    assert (human(d), human(d, "month"), human(d, "year"), human(d, "decade")) == ("26 Jan 2012", "Jan 2012", "2012", "2010s")


def test_a_century_is_written_with_its_own_ordinal_ending() -> None:
    """'the 21st century' was shown as '21th century'."""
    centuries = [date(y, 1, 1) for y in (2012, 2150, 2201, 1950, 1050, 1150, 1250, 1001)]
    assert [human(d, "century") for d in centuries] == [
        "21st century", "22nd century", "23rd century", "20th century", "11th century", "12th century",
        "13th century", "11th century"]


@pytest.mark.parametrize(("bc", "proxy"), [("BC0490", "3511"), ("BC0480-08", "3521-08"), ("BC0001-SU", "4000-SU")])
def test_bc_values_round_trip_through_their_proxy_years(bc: str, proxy: str) -> None:
    assert proxy_value(bc) == proxy
    assert unshift(proxy, ERA_SHIFT) == bc


@pytest.mark.parametrize(("proxy", "expected"), [("351", "BC048"), ("35", "BC04"), ("4001", "0001"), ("400", "000")])
def test_unshift_names_decades_and_centuries_by_the_years_they_mostly_cover(proxy: str, expected: str) -> None:
    assert unshift(proxy, ERA_SHIFT) == expected


def test_values_that_are_not_bc_have_no_proxy() -> None:
    assert proxy_value("2011-12-16") is None
    assert unshift("PAST_REF", ERA_SHIFT) == "PAST_REF"
