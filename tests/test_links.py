"""Dates that links.py derives: an offset from a happening, dated by the date right before it."""

from __future__ import annotations

from datetime import date

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
