"""Month, weekday and day-of-month words as numbers ("Sept." -> 9, "twenty-first" -> 21).

Shared by the tagger (is "22-25 April" in order?) and the resolver (what date is it?).
"""

from __future__ import annotations

import re

MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
WEEKDAYS = {d: i for i, d in enumerate(["mon", "tue", "wed", "thu", "fri", "sat", "sun"])}
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
             "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
             "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
             "twentieth": 20, "thirtieth": 30}


def month_number(name: str) -> int:
    return int(name) if name.isdigit() else MONTHS[name.lower().rstrip(".")[:3]]


def weekday_number(name: str) -> int:
    """Monday is 0, as in ``date.weekday()``."""
    return WEEKDAYS[name.lower()[:3]]


def day_number(s: str) -> int:
    """'16', '16th', 'sixteenth', 'twenty-first'."""
    digits = re.match(r"\d+", s)
    if digits:
        return int(digits[0])
    lower = s.lower()
    tens = 20 if lower.startswith("twenty-") else 30 if lower.startswith("thirty-") else 0
    return tens + _ORDINALS[lower.removeprefix("twenty-").removeprefix("thirty-")]
