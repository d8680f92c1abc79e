"""TIMEX3 value strings: turn them into calendar intervals, and build them from dates.

The resolver speaks TIMEX3 (``2011-12``, ``2012-W04``, ``199``, ``2011-SU``); events
and the timeline need inclusive date intervals. Keeping the one conversion here means
every view agrees on what "the summer of 2011" or "the 1990s" spans.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta
from functools import lru_cache

from .calendar_math import MAX_YEAR, MIN_BC_YEAR, make_date, make_datetime, plus_days, week_start
from .calendar_math import plus_months as add_months  # noqa: F401 - month arithmetic, as values has always offered it
from .calendar_math import shifted as shift  # noqa: F401 - re-exported for the resolver and links
from .model import Granularity

SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}
# The hour an early morning ("early Tuesday morning", TMO with mod START) starts at (narrow_value)
EARLY_MORNING_FROM = 0
PART_OF_DAY_HOURS = {"MO": (6, 11), "MI": (12, 12), "AF": (12, 17), "EV": (17, 21), "NI": (21, 23), "DT": (9, 17)}

_VALUE = re.compile(
    r"^(?P<year>\d{4})(?:-(?:"
    r"(?P<month>\d\d)(?:-(?P<day>\d\d)(?:T(?:(?P<hour>\d\d)(?::(?P<minute>\d\d))?(?::\d\d)?|(?P<pod>MO|MI|AF|EV|NI|DT)))?)?"
    r"|W(?P<week>\d\d)(?P<weekend>-WE)?"
    r"|Q(?P<quarter>[1-4])|H(?P<half>[12])|(?P<season>SP|SU|FA|WI)))?$"
)
_DECADE = re.compile(r"^(\d{3})$")
_CENTURY = re.compile(r"^(\d{2})$")


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


Interval = tuple[date | datetime, date | datetime, Granularity]


@lru_cache(maxsize=1 << 16)  # a text names the same values again and again; the answer is immutable
def interval_of(value: str) -> Interval | None:
    """The inclusive interval a TIMEX3 DATE/TIME value denotes, or None if it has no calendar place
    (year 0, 31 April, week 53 of a 52-week year, anything past 9999-12-31)."""
    span = _interval(value)
    if span is None or span[0] is None or span[1] is None:
        return None
    return span


def _interval(value: str) -> tuple[date | datetime | None, date | datetime | None, Granularity] | None:
    if m := _DECADE.match(value):
        first = max(int(m[1]) * 10, 1)
        return date(first, 1, 1), make_date(int(m[1]) * 10 + 9, 12, 31), "decade"
    if m := _CENTURY.match(value):
        first = max(int(m[1]) * 100, 1)
        return date(first, 1, 1), make_date(int(m[1]) * 100 + 99, 12, 31), "century"
    m = _VALUE.match(value)
    if not m:
        return None
    year = int(m["year"])
    if year < 1:
        return None
    if m["day"]:
        d = make_date(year, int(m["month"]), int(m["day"]))
        if d is None:
            return None
        if m["hour"]:
            start = make_datetime(d, int(m["hour"]), int(m["minute"] or 0))
            if m["minute"]:
                return start, start, "minute"
            return start, make_datetime(d, int(m["hour"]), int(m["minute"] or 0) + 59), "hour"
        if m["pod"]:
            first, last = PART_OF_DAY_HOURS[m["pod"]]
            return make_datetime(d, first), make_datetime(d, last, 59), "hour"
        return d, d, "day"
    if m["month"]:
        month = int(m["month"])
        if not 1 <= month <= 12:
            return None
        return date(year, month, 1), month_end(year, month), "month"
    if m["week"]:
        start = week_start(year, int(m["week"]))
        if start is None:
            return None
        if m["weekend"]:
            return plus_days(start, 5), plus_days(start, 6), "week"
        return start, plus_days(start, 6), "week"
    if m["quarter"]:
        q = int(m["quarter"])
        return date(year, 3 * q - 2, 1), month_end(year, 3 * q), "quarter"
    if m["half"]:
        h = int(m["half"])
        return date(year, 6 * h - 5, 1), month_end(year, 6 * h), "half"
    if m["season"]:
        first, last = SEASON_MONTHS[m["season"]]
        start_year = year - 1 if last < first else year  # "1915-WI" is the winter that ends in 1915
        return make_date(start_year, first, 1), month_end(year, last), "season"
    return date(year, 1, 1), date(year, 12, 31), "year"


# Python's dates stop at year 1. A story told in 490 BC still needs "the following year", so
# its dates are computed this many years later, where the Gregorian calendar repeats exactly
# (a multiple of 400 years), and moved back when written as values.
ERA_SHIFT = 4000
_BC_VALUE = re.compile(r"^BC(\d{4})(.*)$")
_YEAR_PREFIX = re.compile(r"^(\d{4})(.*)$")


def proxy_value(value: str) -> str | None:
    """'BC0490-SU' -> the same season ERA_SHIFT years later, so date arithmetic works on it."""
    m = _BC_VALUE.match(value)
    if not m or int(m[1]) >= ERA_SHIFT:
        return None
    return f"{1 - int(m[1]) + ERA_SHIFT:04d}{m[2]}"


def unshift(value: str, years: int) -> str:
    """Undo ``proxy_value`` on a value computed from a shifted date ('3511' -> 'BC0490')."""
    if not years:
        return value
    if m := _YEAR_PREFIX.match(value):
        return year_value(int(m[1]) - years) + m[2]
    for pattern, size, width in ((_DECADE, 10, 3), (_CENTURY, 100, 2)):
        if m := pattern.match(value):
            first = int(m[1]) * size - years
            if first >= 0:
                return f"{first // size:0{width}d}"
            return f"BC{(1 - first - size // 2) // size:0{width}d}"  # named by the BC years it mostly covers
    return value


def narrow(start: date | datetime, end: date | datetime, mod: str | None) -> tuple[date | datetime, date | datetime]:
    """Apply a TIMEX3 mod that picks part of an interval (START, MID, END: thirds). A time span ends
    on its last minute (an afternoon at 17:59): its thirds are cut on whole minutes of the span that
    minute closes, so "late afternoon" opens at 16:00, not 15:59."""
    if mod not in {"START", "MID", "END"}:
        return start, end
    minute = timedelta(minutes=1) if isinstance(end, datetime) else timedelta(0)
    third = (end + minute - start) / 3
    if mod == "START":
        return start, start + third - minute
    if mod == "MID":
        return start + third, end - third
    return end + minute - third, end


def narrow_value(value: str, start: date | datetime, end: date | datetime,
                 mod: str | None) -> tuple[date | datetime, date | datetime]:
    """``narrow`` of ``value``'s interval, save that the early part of a morning starts at midnight
    (EARLY_MORNING_FROM): "early Tuesday morning" is mostly the small hours in the news ("the ship
    struck the bridge early Tuesday morning", at 1:30 a.m.), not only 6 to 8 a.m."""
    first, last = narrow(start, end, mod)
    if mod == "START" and value.endswith("TMO") and isinstance(first, datetime):
        first = first.replace(hour=EARLY_MORNING_FROM, minute=0)
    return first, last


def day_value(d: date) -> str:
    return d.isoformat()


def month_value(year: int, month: int) -> str:
    return in_year(year, f"-{month:02d}")


def week_value(d: date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year:04d}-W{week:02d}"


def year_value(year: int) -> str:
    """'2012', 'BC0490' (year 0 is 1 BC); a year no four digits can name is only past or future."""
    if year > MAX_YEAR:
        return "FUTURE_REF"
    if year < MIN_BC_YEAR:
        return "PAST_REF"
    if year < 1:
        return f"BC{1 - year:04d}"
    return f"{year:04d}"


def in_year(year: int, part: str) -> str:
    """A part of a year ('-Q1', '-SU', '-05') in ``year``; beyond four digits only the year's
    coarse value, since 'FUTURE_REF-Q1' is no value."""
    whole = year_value(year)
    return whole if whole.endswith("_REF") else whole + part


def value_for(d: date, granularity: str) -> str:
    """The TIMEX3 value of the unit of ``granularity`` that contains ``d``."""
    if granularity == "day":
        return day_value(d)
    if granularity == "week":
        return week_value(d)
    if granularity == "month":
        return month_value(d.year, d.month)
    if granularity == "quarter":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if granularity == "half":
        return f"{d.year:04d}-H{(d.month - 1) // 6 + 1}"
    if granularity == "decade":
        return f"{d.year // 10:03d}"
    if granularity == "century":
        return f"{d.year // 100:02d}"
    return year_value(d.year)


@lru_cache(maxsize=1 << 16, typed=True)
def human(point: date | datetime, granularity: str | None = "day") -> str:
    """How a journalist writes a date: '16 Dec 2011', 'Dec 2011', '2011'."""
    if granularity in {"minute", "hour"} and isinstance(point, datetime):
        return f"{point.day} {point:%b %Y %H:%M}"
    if granularity in {"day", "week"}:
        return f"{point.day} {point:%b %Y}"
    if granularity in {"month", "season", "quarter", "half"}:
        return f"{point:%b %Y}"
    if granularity == "decade":
        return f"{point.year // 10 * 10}s"
    if granularity == "century":
        return f"{_ordinal(point.year // 100 + 1)} century"
    return f"{point.year}"


def _ordinal(n: int) -> str:
    """'21st', '22nd', '23rd', '11th', '20th': the century's number as it is written."""
    suffix = "th" if n % 100 in {11, 12, 13} else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
