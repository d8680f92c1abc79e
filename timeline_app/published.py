"""Find when an article was published, and say where that date came from.

The publication date anchors every relative expression ("yesterday", "last
week"), so a wrong one silently shifts a whole timeline. Hence the rules here
are conservative: only full calendar dates count, sources are tried from the
most to the least reliable, and there is never a fallback to today.

dateparser is imported only here, and lazily: it is slow to import and is only
needed for free-form metadata strings such as "Thu, 26 Jan 2012 10:00:00 GMT".
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from datetime import date, datetime
from functools import cache
from typing import Any

from .chrome import page_words
from .grammar import language_data

# Keys under which ingest reports dates that are not plain <meta> tags.
JSONLD_KEY = "json-ld:datepublished"
TIME_KEY = "time:pubdate"  # <time datetime> marked pubdate or itemprop=datePublished

# html_meta keys (lower case) in order of trust, with the source shown to users.
_META_SOURCES = (
    ("article:published_time", "meta article:published_time"),
    ("og:published_time", "meta og:published_time"),
    (JSONLD_KEY, "JSON-LD datePublished"),
    ("datepublished", "meta itemprop datePublished"),
    (TIME_KEY, "<time> datetime"),
    ("date", "meta date"),
    ("dc.date.issued", "meta DC.date.issued"),
    ("sailthru.date", "meta sailthru.date"),
    ("parsely-pub-date", "meta parsely-pub-date"),
)

# Years outside this range are CMS placeholders ("0001-01-01"), not news.
_YEARS = range(1800, 2101)
_DATELINE_WINDOW = 600
_MAX_VALUE_CHARS = 100  # metadata strings longer than this are not dates

_DATEPARSER_SETTINGS = {
    "PREFER_DATES_FROM": "past",
    "RETURN_AS_TIMEZONE_AWARE": False,
    "STRICT_PARSING": True,
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PARSERS": ["absolute-time"],  # no "relative-time", no bare timestamps
}

# The words are the language's: month names from rules/en.toml, metadata words from rules/chrome_en.toml.
_MONTHS: dict[str, int] = dict(language_data()["words"]["month"])
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WEEKDAY = rf"(?:{page_words('dateline_weekday')})\.?,?\s+"
_ORD = "(?:" + "|".join(language_data().get("guard_words", {}).get("ordinal_endings", ())) + ")?"
# One full date, in any of the shapes newsrooms print; group names say which part.
_DATE = (
    rf"(?:(?P<m1>{_MONTH})\.?\s+(?P<d1>\d{{1,2}}){_ORD},?\s+(?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}}){_ORD}\s+(?:(?:{page_words('day_of_month')})\s+)?(?P<m2>{_MONTH})\.?,?\s+(?P<y2>\d{{4}})"
    rf"|(?P<y3>\d{{4}})[-/](?P<m3>\d{{2}})[-/](?P<d3>\d{{2}})"
    # numeric shapes web pages print: 20.05.2003 (European), 03/15/2016 or 03/15/16 (US first)
    rf"|(?<![\d.])(?P<d4>\d{{1,2}})\.(?P<m4>\d{{1,2}})\.(?P<y4>\d{{4}})"
    rf"|(?<![\d/])(?P<m5>\d{{1,2}})/(?P<d5>\d{{1,2}})/(?P<y5>\d{{4}}|\d{{2}})(?![\d/])"
    # 15-01-2021 (day first) or 01-15-2021 (month first): taken only when the numbers say which
    rf"|(?<![\d-])(?P<d6>\d{{1,2}})-(?P<m6>\d{{1,2}})-(?P<y6>\d{{4}})(?![\d-]))(?!\d)"
)
_LEAD = r"^[ \t#*_>|]*"  # Markdown/quote decoration a line may start with
# A date that names its month after its day ("22 July") or before it ("July 22"): a page that writes only
# the first kind writes its numeric stamps day first too ("07/06/2019" on a British page is 7 June)
_DAY_MONTH_RX = re.compile(rf"(?<![\d.,/-])\d{{1,2}}{_ORD}\s+(?:of\s+)?(?:{_MONTH})\b", re.IGNORECASE)
_MONTH_DAY_RX = re.compile(rf"\b(?:{_MONTH})\.?\s+\d{{1,2}}(?![\d.,]\d|\d)", re.IGNORECASE)
# "ALMATY, Jan. 26, 2012 -" press-release style: an upper-case place first.
_PLACE = r"(?:(?-i:[A-Z][A-Z.'’ -]{1,40}),\s+)?"
_DATELINE_RX = re.compile(rf"{_LEAD}{_PLACE}(?:{_WEEKDAY})?{_DATE}", re.IGNORECASE | re.MULTILINE)


def _keyword_line_rx(words: str) -> re.Pattern[str]:
    """A short line that starts with one of ``words`` and names a date soon after.

    Short, because "Posted on Facebook on Jan. 3, 2012, the video showed ..." is
    a sentence of the story, not a line of metadata.
    """
    return re.compile(rf"{_LEAD}(?P<kw>{words})\b[^\n]{{0,60}}?\b{_DATE}[^\n]{{0,50}}$",
                      re.IGNORECASE | re.MULTILINE)


_PUBLISHED_RX = _keyword_line_rx(page_words("published_line"))
_UPDATED_RX = _keyword_line_rx(page_words("updated_line"))
_URL_RX = re.compile(r"(?:https?://|www\.)[^\s<>\"']+", re.IGNORECASE)
_URL_DATE_RX = re.compile(rf"/(?P<y>\d{{4}})/(?P<m>\d{{1,2}}|{_MONTH})/(?P<d>\d{{1,2}})(?:[/?#.]|$)",
                          re.IGNORECASE)

_DATE_RX = re.compile(_DATE, re.IGNORECASE)
_TOP_LINE_RX = re.compile(r"^[^\n]{6,90}$", re.MULTILINE)
_UPDATED_START_RX = re.compile(_LEAD + "(?:" + page_words("updated_line").replace(" ", r"\s+") + r")\b",
                               re.IGNORECASE)
_WORD_RX = re.compile(r"[^\W\d_]{2,}")
_DATE_LINE_WORDS = 4  # words besides the date ("Xinhua,", "By staff writers"); a sentence has more, or a full stop
_YEARLESS_DATELINE_RX = re.compile(
    rf"^{_LEAD}(?-i:[A-Z][A-Z.'’ -]{{1,40}}),\s+(?P<m>{_MONTH})\.?\s+(?P<d>\d{{1,2}})"
    r"(?!\d|,?\s+\d{4})\s*(?:\([^)\n]{1,30}\)\s*)?[-–—]", re.IGNORECASE | re.MULTILINE)
_COPYRIGHT_RX = re.compile(rf"(?:{page_words('copyright')})\s*(\d{{4}})\b", re.IGNORECASE)
_YEAR_RX = re.compile(r"(?<![\d.,/$-])(\d{4})(?![\d.,/%-])")

Found = tuple[date, str]


def detect_published(text: str, *, html_meta: Mapping[str, str] | None = None) -> Found | None:
    """Return (publication date, where it came from), or None if nothing is reliable.

    Order of trust: HTML metadata, a "Published/Posted/Created" line, a dateline near the
    top, a short line near the top that is mostly a date, an "Updated" line, a dated URL, a
    dateline without its year ("FRANKFURT, Dec 19 (Reuters) -") dated from the rest of the page. An "Updated" line ranks below the
    dateline because it names a later day than the one the text was written on.
    """
    finders: tuple[Callable[[], Found | None], ...] = (
        lambda: _from_meta(html_meta or {}),
        lambda: _from_keyword_line(text, _PUBLISHED_RX),
        lambda: _from_dateline(text),
        lambda: _from_date_line(text),
        lambda: _from_keyword_line(text, _UPDATED_RX),
        lambda: _from_url(text),
        lambda: _from_yearless_dateline(text),
    )
    return next((found for find in finders if (found := find())), None)


def parse_date(value: str) -> date | None:
    """Parse a string that names one full calendar date; anything vaguer gives None.

    ISO strings take the fast path; other shapes go through dateparser with
    relative parsing disabled, so "yesterday" can never become a date.
    """
    value = value.strip()
    if not value or len(value) > _MAX_VALUE_CHARS:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        parsed = _dateparser().parse(value, languages=["en"], settings=_DATEPARSER_SETTINGS)
    return _plausible(parsed.date()) if parsed else None


def first_jsonld_date(script: str) -> str | None:
    """Return the first datePublished string in a JSON-LD block (None if absent or bad JSON).

    Walks the JSON with an explicit stack: pages nest @graph arbitrarily deep.
    """
    try:
        stack: list[Any] = [json.loads(script)]
    except (ValueError, RecursionError):
        return None
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if isinstance(node.get("datePublished"), str):
                return node["datePublished"]
            stack.extend(reversed(list(node.values())))
        elif isinstance(node, list):
            stack.extend(reversed(node))
    return None


@cache
def _dateparser() -> Any:
    import dateparser  # lazy: see module docstring

    return dateparser


def _plausible(day: date) -> date | None:
    return day if day.year in _YEARS else None


def _from_meta(meta: Mapping[str, str]) -> Found | None:
    lowered = {key.lower(): value for key, value in meta.items()}
    for key, source in _META_SOURCES:
        day = parse_date(lowered.get(key, ""))
        if day:
            return day, source
    return None


def _from_keyword_line(text: str, rx: re.Pattern[str]) -> Found | None:
    for match in rx.finditer(text):
        day = _date_from_match(match, text)
        if day:
            keyword = match["kw"].split()[-1].capitalize()
            return day, f"'{keyword}' line"
    return None


def _from_dateline(text: str) -> Found | None:
    window = text[: _DATELINE_WINDOW + 200]  # a line starting in the window may run past it
    for match in _DATELINE_RX.finditer(window):
        if match.start() >= _DATELINE_WINDOW:
            break
        day = _date_from_match(match, text)
        if day:
            return day, "dateline"
    return None


def _from_date_line(text: str) -> Found | None:
    """A short line near the top that is mostly a full date and no sentence: the page's date
    stamp, however it is dressed ("Xinhua, January 7, 2015", "Wire staff | 26.01.2012")."""
    for line in _TOP_LINE_RX.finditer(text, 0, _DATELINE_WINDOW):
        match = _DATE_RX.search(line[0])
        if match is None or _UPDATED_START_RX.match(line[0]):
            continue
        rest = line[0][: match.start()] + " " + line[0][match.end():]
        day = _date_from_match(match, text)
        if day and len(_WORD_RX.findall(rest)) <= _DATE_LINE_WORDS and not line[0].rstrip().endswith((".", "!", "?")):
            return day, "date line"
    return None


def _from_yearless_dateline(text: str) -> Found | None:
    """'FRANKFURT, Dec 19 (Reuters) -': the month and day open the story; the year comes from
    elsewhere on the page: a dated URL, a copyright line, else the year the text names most."""
    match = _YEARLESS_DATELINE_RX.search(text, 0, _DATELINE_WINDOW + 200)
    if match is None or match.start() >= _DATELINE_WINDOW:
        return None
    years = [int(u["y"]) for url in _URL_RX.finditer(text) for u in _URL_DATE_RX.finditer(url[0])]
    years += [int(c[1]) for c in _COPYRIGHT_RX.finditer(text)]
    if not years:
        named = [int(y) for y in _YEAR_RX.findall(text) if int(y) in _YEARS]
        years = [max(set(named), key=lambda y: (named.count(y), y))] if named else []
    if not years:
        return None
    day = _make_date(str(years[0]), match["m"], match["d"])
    return (day, "dateline (year from the page)") if day else None


def _may_hold_url(text: str) -> bool:
    """Whether ``_URL_RX`` can match: every match holds "://" or, in some case, "www." (a substring
    test: the pattern itself, under IGNORECASE, is tried at every character of a text without one)."""
    return "://" in text or "www." in text.lower()


def _from_url(text: str) -> Found | None:
    if not _may_hold_url(text):
        return None
    for url in _URL_RX.finditer(text):
        for match in _URL_DATE_RX.finditer(url[0]):
            day = _make_date(match["y"], match["m"], match["d"])
            if day:
                return day, "URL"
    return None


def _writes_day_first(text: str) -> bool:
    """Whether the page names its months after their days ("5pm on 22 July") and never before them."""
    return _DAY_MONTH_RX.search(text) is not None and _MONTH_DAY_RX.search(text) is None


def _date_from_match(match: re.Match[str], text: str) -> date | None:
    """Build the date from whichever alternative of _DATE matched (a slash date either way round is read
    as ``text`` writes its dates: ``_writes_day_first``)."""
    for n in "123456":
        if match[f"y{n}"]:
            year, month, day = match[f"y{n}"], match[f"m{n}"], match[f"d{n}"]
            if len(year) == 2:  # "03/15/16": a page stamp of this century or the last
                year = str(2000 + int(year) if int(year) < 70 else 1900 + int(year))
            if n in "56" and int(month) > 12:  # "15/03/2016" can only be day first, "01-15-2021" month first
                month, day = day, month
            elif n == "5" and int(day) <= 12 and _writes_day_first(text):
                month, day = day, month
            if n == "6" and int(month) <= 12 and int(day) <= 12 and month != day:
                return None  # "05-06-2021": either way round
            return _make_date(year, month, day)
    return None


def _make_date(year: str, month: str, day: str) -> date | None:
    """A real calendar date or None: "February 31, 2012" is rejected, not rolled over."""
    month_no = int(month) if month.isdigit() else _MONTHS[month.lower()]
    try:
        return _plausible(date(int(year), month_no, int(day)))
    except ValueError:
        return None

