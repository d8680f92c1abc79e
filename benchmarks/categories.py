"""Rough families of temporal expressions, read from their wording (and TIMEX3 type).

Error reports count by family so a summary says which kind of expression to
work on next; every report (TempEval corpora, web news) uses the same families.
"""

from __future__ import annotations

import re

_MONTH = (r"(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?"
          r"|oct(ober)?|nov(ember)?|dec(ember)?)\.?")
_UNIT = r"(second|minute|hour|day|night|week|weekend|fortnight|month|year)s?"

# (name, TIMEX3 type that implies it, wording that implies it). First match wins,
# so the more specific categories come first.
_CATEGORY_RULES = (
    ("set", "SET", r"\b(every|each|daily|weekly|monthly|annually|yearly|nightly|hourly|per)\b"),
    ("time of day", None,
     r"\d:\d\d|\b[ap]\.?m\b|o'clock|\b(morning|afternoon|evening|tonight|night|noon|midnight|dawn|dusk)\b"),
    ("explicit date", None,
     rf"\b{_MONTH}\s+\d{{1,2}}(st|nd|rd|th)?,?\s+\d{{4}}\b|\b\d{{1,2}}\s+{_MONTH}\s+\d{{4}}\b"
     r"|\b\d{4}-\d\d-\d\d\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b|^\d{8}$"),
    ("holiday", None,
     r"\b(thanksgiving|christmas|easter|new year'?s?|independence day|memorial day|labou?r day"
     r"|ramadan|hanukkah|halloween|passover)\b"),
    ("decade/century", None, r"\b\d{2,4}'?s\b|'\d0s|\b(decade|century|centuries|millenni(um|a))\b"),
    ("season/quarter", None,
     r"\b(spring|summer|fall|autumn|winter|quarter|semester|season)s?\b|\b(first|second|latter) half\b|half[- ]year"),
    ("weekday", None, r"\b(mon|tues|wednes|thurs|fri|satur|sun)day\b"),
    ("month/partial date", None,
     rf"\b{_MONTH}(?=\s|$|,)|\b\d{{4}}\b|\bfiscal\b|\bnineteen\b|two thousand"
     r"|\b\d{1,4}\s*(b\.?c\.?e?|a\.?d\.?|c\.?e\.?)(?!\w)"),
    ("deictic", None, r"\b(today|yesterday|tomorrow|now)\b"),
    ("duration", "DURATION", None),
    ("relative offset", None,
     rf"\b(ago|later|hence|earlier)\b|\b(last|next|past|previous|coming|following|recent)\b.*\b{_UNIT}\b"),
    ("anaphoric", None, rf"^(the|that|this|same)\b\D*\b({_UNIT}|period|time|end)$"),
    ("vague ref", None,
     r"\b(recent(ly)?|former(ly)?|current(ly)?|past|future|soon|lately|once|previously|then"
     r"|present|nowadays|these days|the time|earlier|later|before|after)\b"),
)
CATEGORIES: tuple[tuple[str, str | None, re.Pattern[str] | None], ...] = tuple(
    (name, timex_type, re.compile(rx, re.I) if rx else None) for name, timex_type, rx in _CATEGORY_RULES)
CATEGORY_NAMES = (*(name for name, _, _ in CATEGORIES), "other")


def categorize(text: str, timex_type: str) -> str:
    """A rough family for an expression, from its wording (and DURATION type)."""
    for name, implied_by_type, wording in CATEGORIES:
        if timex_type == implied_by_type or (wording and wording.search(text)):
            return name
    return "other"
