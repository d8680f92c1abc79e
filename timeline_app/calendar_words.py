"""Month, weekday and day-of-month words as numbers ("Sept." -> 9, "twenty-first" -> 21),
and the day a holiday falls on in a given year.

Shared by the tagger (is "22-25 April" in order?) and the resolver (what date is it?).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from dateutil.easter import easter

from .grammar import Grammar, load_grammar, words_pattern

def month_number(name: str, grammar: Grammar | None = None) -> int:
    """'Sept.' -> 9, '09' -> 9, from the language's words.month."""
    if name.isdigit():
        return int(name)
    return int((grammar or load_grammar()).word("month", name.rstrip(".")))


def weekday_number(name: str, grammar: Grammar | None = None) -> int:
    """Monday is 0, as in ``date.weekday()``; a plural ("Mondays") names the same day."""
    grammar = grammar or load_grammar()
    key = name.rstrip(".")
    n = grammar.word("weekday", key)
    return int(n if n is not None else grammar.word("weekday", key[:-1]))


_DIGITS = re.compile(r"\d+")


def day_number(s: str) -> int:
    """'16', '16th', 'sixteenth', 'twenty-first'."""
    digits = _DIGITS.match(s)
    if digits:
        return int(digits[0])
    return ordinal_number(s) or 0


def ordinal_number(word: str) -> int | None:
    """'sixteenth' -> 16, 'thirty-first' -> 31, '3rd' -> 3, from the language data's ordinals;
    None for what names no count ('last', 'final')."""
    grammar = load_grammar()
    lower = " ".join(word.lower().split())
    endings = grammar.guard_words.get("ordinal_endings", ())  # "3rd", "16th"
    if digits := words_pattern(r"(\d+)(?:WORDS)?", endings).fullmatch(lower):
        n = int(digits[1])
    else:
        n = grammar.word("ordinal", lower)
    if n is None and "-" in lower:  # a tens number and an ordinal
        tens, ones = lower.split("-", 1)
        ten, one = grammar.word("number", tens), grammar.word("ordinal", ones)
        n = ten + one if isinstance(ten, int) and isinstance(one, int) and one > 0 else None
    return n if isinstance(n, int) and n > 0 else None


_WEEKDAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
_MOVABLE = re.compile(r"^(\d\d)-([A-Z]{2})-(\d|L)([+-]\d+)?$")


def holiday_date(when: str, year: int) -> date | None:
    """The day of a holiday in ``year``, from its rule in the words.holiday table:
    "12-25" (fixed), "11-TH-4" (fourth Thursday of November), "05-MO-L" (last Monday of
    May), "11-TH-4+1" (the day after the fourth Thursday of November), "easter-2" (two days before
    Easter Sunday)."""
    if year < 1 or year > 9999:
        return None
    if when.startswith("easter"):
        return easter(year) + timedelta(days=int(when[6:] or 0))
    if m := _MOVABLE.match(when):
        month, weekday = int(m[1]), _WEEKDAY_CODES.index(m[2])
        first = date(year, month, 1)
        day = first + timedelta(days=(weekday - first.weekday()) % 7)
        if m[3] != "L":
            day += timedelta(weeks=int(m[3]) - 1)
        else:
            while (day + timedelta(weeks=1)).month == month:
                day += timedelta(weeks=1)
        return day + timedelta(days=int(m[4] or 0))
    month, day_of_month = (int(x) for x in when.split("-"))
    return date(year, month, day_of_month)
