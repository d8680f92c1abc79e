"""Date arithmetic that cannot overflow: the one place that knows where Python's calendar ends.

Python's ``date`` holds years 1 to 9999; article text does not stop there ("2500 years
ago", "25 centuries ago", "688130814 decades later"). Every computation that could
step outside that range goes through here and answers ``None`` instead of raising, so
the resolver can fall back to a year written in TIMEX3's BC notation ("BC0489") or to
a coarser value ("PAST_REF"). No other module catches ``OverflowError``.
"""

from __future__ import annotations

import calendar
import math
from datetime import date, datetime, timedelta

MIN_YEAR, MAX_YEAR = 1, 9999
# The BC notation has four digits: "BC9999" is the earliest year a value can name.
MIN_BC_YEAR = -9998  # astronomical year of 9999 BC (1 BC is year 0)
# Counts beyond this many days are no calendar position at all (10,000 years of days).
_MAX_DAYS = 3_652_500


def make_date(year: int, month: int, day: int) -> date | None:
    """``date(year, month, day)``, or None when no such day exists (31 April, year 0, 10000)."""
    try:
        return date(year, month, day)
    except (ValueError, OverflowError):
        return None


def clamped_date(year: int, month: int, day: int) -> date | None:
    """``day`` of that month, or its last day when the month is shorter ("the last day of" February: 31 -> 28/29);
    None outside the calendar."""
    if not MIN_YEAR <= year <= MAX_YEAR or not 1 <= month <= 12:
        return None
    return date(year, month, max(1, min(day, calendar.monthrange(year, month)[1])))


def make_datetime(day: date, hours: float = 0, minutes: float = 0) -> datetime | None:
    """Midnight of ``day`` plus a time of day, or None past 9999-12-31."""
    try:
        return datetime(day.year, day.month, day.day) + timedelta(hours=hours, minutes=minutes)
    except (ValueError, OverflowError):
        return None


def plus_days(point: date, days: float) -> date | None:
    """``point`` moved by whole days (a fraction is dropped), or None beyond the calendar."""
    if not math.isfinite(days) or abs(days) > _MAX_DAYS:
        return None
    try:
        return point + timedelta(days=int(days))
    except OverflowError:
        return None


def plus_clock(moment: datetime, amount: float, unit: str) -> datetime | None:
    """``moment`` moved by ``amount`` hours, minutes or seconds, or None beyond the calendar."""
    seconds = amount * {"hour": 3600, "minute": 60, "second": 1}[unit]
    if not math.isfinite(seconds) or abs(seconds) > _MAX_DAYS * 86400:
        return None
    try:
        return moment + timedelta(seconds=seconds)
    except OverflowError:
        return None


def plus_months(point: date, months: float) -> date | None:
    """Calendar months, clamped to the month's last day (Jan 31 + 1 month = Feb 28/29)."""
    if not math.isfinite(months) or abs(months) > 12 * (MAX_YEAR + 1):
        return None
    total = point.year * 12 + point.month - 1 + round(months)
    year, month = divmod(total, 12)
    return clamped_date(year, month + 1, point.day)


_MONTHS_IN = {"month": 1, "quarter": 3, "half": 6, "year": 12, "decade": 120, "century": 1200, "millennium": 12000}


def shifted(point: date, amount: float, unit: str) -> date | None:
    """``point`` moved by ``amount`` calendar units (day, week, month ... millennium)."""
    if unit == "day":
        return plus_days(point, amount)
    if unit == "week":  # a fraction of a week counts its whole days back as timedelta does
        return plus_days(point, math.floor(7 * amount)) if math.isfinite(amount) else None
    if not math.isfinite(amount):
        return None
    return plus_months(point, amount * _MONTHS_IN[unit])


def years_in(amount: float, unit: str) -> float:
    """How many years ``amount`` units span (days counted at the Gregorian mean)."""
    if unit == "day":
        return amount / 365.2425
    if unit == "week":
        return amount * 7 / 365.2425
    return amount * _MONTHS_IN[unit] / 12


def year_after(year: int, years: float) -> int | None:
    """The (astronomical) year ``years`` after ``year``, as a plain integer: no calendar limit,
    but None when the count is not a finite number."""
    if not math.isfinite(years):
        return None
    return year + round(years)


def week_start(year: int, week: int) -> date | None:
    """The Monday of ISO week ``week`` of ``year``, or None (week 53 of a 52-week year)."""
    try:
        return date.fromisocalendar(year, week, 1)
    except (ValueError, OverflowError):
        return None


def same_day_years_before(point: date, years: int) -> date | None:
    """The same day ``years`` earlier (29 February falls back to the 28th), or None before year 1."""
    year = point.year - years
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    return make_date(year, point.month, point.day) or make_date(year, point.month, 28)


# Publication dates and dates typed by hand must lie in this range: wide enough for any news
# archive and any plausible correction, narrow enough that a typo (year 9999) is caught.
EARLIEST_SANE, LATEST_SANE = date(1000, 1, 1), date(2999, 12, 31)


def insane_date_message(day: date, what: str) -> str | None:
    """Why ``day`` is refused as ``what`` ("the publication date"), or None when it is fine."""
    if EARLIEST_SANE <= day <= LATEST_SANE:
        return None
    return f"{what} {day.isoformat()} is outside {EARLIEST_SANE.isoformat()} to {LATEST_SANE.isoformat()}."
