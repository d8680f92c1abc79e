"""Resolve tagged mentions into TIMEX3 values with their provenance.

One setting for news and narratives. Two anchors are kept while reading in text order:
- the publication date, for deictic words ("yesterday", "on Wednesday", "last year");
- the narrative's reference time: the last date the text itself placed on the calendar,
  for anaphora ("the following day", "two months later") and for partial dates.
When the story has moved far from the publication date (a history of 1941 read in 2009),
deictic words count from the narrative instead: that is what lets one setting serve both.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from itertools import takewhile
from datetime import date, datetime

from .calendar_math import clamped_date, make_date, plus_clock, plus_days, year_after, years_in
from .calendar_words import day_number, holiday_date, month_number, ordinal_number, weekday_number
from .grammar import POD_DAYS, Grammar, load_grammar, words_pattern
from .marks import Marks
from .needles import needle_search, needles
from .model import Anchor, Certainty, Confidence, Resolution, Timex
from .quick_init import quick_init
from .sentences import POSSESSIVE, BreakIndex
from .tagger import Mention
from .tense import Tense, TenseReader
from .values import (
    ERA_SHIFT, human, in_year, interval_of, month_end, month_value, narrow, narrow_value, proxy_value, shift, unshift,
    value_for, week_value, year_value,
)

APPROXIMATE_MODS = {"APPROX", "LESS_THAN", "MORE_THAN", "EQUAL_OR_LESS", "EQUAL_OR_MORE", "START", "MID", "END"}
# A year this far from the publication date is "far"; a document is a narrative (a history,
# not news) when most of the years it names are far: then its own dates anchor deixis.
FAR_YEARS = 2
MIN_NARRATIVE_YEARS = 3
# News compares with one recent year again and again ("in 2019", "since 2019", "the 2019 result" in an
# election-night report, the last census): one far year, named only, within this many years of the
# publication date, is still told from the publication date; a history of one year (1914) lies further back.
COMPARED_YEARS = 10
RECENT_RATIO = 3
# A narrative moves forward: after "5 November 1917", "15 July" (more than this many days back in
# 1917) is July 1918, unless the clause steps back ("had been drafted in July").
BACK_DAYS = 90
SENTENCE_REACH = 300  # how far back the start of a quotation's sentence is looked for
QUOTE_DATES = 12  # how many of the last days placed may precede the quotation they date
_SENTENCE_BREAK = re.compile(r"[.!?][\"”’)]*\s+[\"“(]?[A-Z]|\n\s*\n")
_SHORTEST_BREAK = re.compile(r"[.!?][\"”’)]*?\s+?[\"“(]?[A-Z]|\n\s*?\n")  # for sentences.BreakIndex


@quick_init
@dataclass(frozen=True)
class Ref:
    """A date the text placed on the calendar, usable as an anchor by later expressions."""

    day: date
    granularity: str
    index: int
    text: str
    explicit: bool
    end: int = 0  # offset where the expression ends, to tell whether it is in the current sentence
    shift: int = 0  # years ``day`` is moved forward from a BC date (values.ERA_SHIFT)
    year_named: bool = False  # the text gave its year ("December 1916"), not the resolver
    moment: datetime | None = None  # the clock time, when the text gave one ("7:55 p.m.")
    stated: str = ""  # the value the expression itself got ("2023-01-06TMO" for "Friday morning")
    counted: bool = False  # placed by an offset counted from another of the text's dates ("six months later")
    approximate: bool = False  # read only roughly (a company's own quarter): what counts from it is rough too

    @property
    def value(self) -> str:
        return unshift(value_for(self.day, self.granularity), self.shift)


@quick_init
@dataclass(frozen=True)
class Value:
    """What a kind resolver returns; the driver turns it into a Timex with a Resolution."""

    value: str
    type: str | None = None
    mod: str | None = None
    anchor: Anchor | None = None
    certainty: Certainty = "inferred"
    how: str = ""
    sets_ref: bool = True
    confidence: Confidence = "cue"  # "default": no cue chose between the readings
    dated: str | None = None  # the value that places it on the calendar when ``value`` cannot ("now": PRESENT_REF)
    placed: bool = True  # False: a date at which nothing is told to happen ("the highest since 2008"): no interval, no event
    # the part of the value's interval the text points at, when its mod's third is not it ("earlier
    # this year": from the year's start to the publication date)
    within: tuple[date, date] | None = None


BETWEEN_REACH = 40  # characters before a date in which the words its verb reaches across ("a week before") are looked for


class _Context:
    """Reading state: the publication date, the narrative's references and the current mention."""

    def __init__(self, text: str, dct: date | None, grammar: Grammar, narrative: bool) -> None:
        self.text = text
        self.dct = dct
        self.grammar = grammar
        self.narrative_doc = narrative
        self.ref: Ref | None = None  # last date placed on the calendar
        self.explicit_ref: Ref | None = None  # last date named outright (not derived)
        self.quarter_ref: Ref | None = None  # last quarter the text named ("third-quarter results")
        self.aside_ref: Ref | None = None  # last date named in brackets ("Katrina (2005)"): local only
        self.year_said: Ref | None = None  # last year a sentence opened with by deixis ("Last year, ..."): local only
        self.work_ref: Ref | None = None  # last year of a work compared with ("the 1984 original"): past clauses only
        self.clock_ref: Ref | None = None  # last clock time placed on the calendar ("7:55 p.m.")
        self.decade_ref: Ref | None = None  # last decade named ("the 2000s"): what "the decade" after it is
        self.entry_day: Ref | None = None  # last day that opened a line: a list's entry ("2 January, ... died")
        self.placed: Ref | None = None  # last date placed on the calendar, restatements of ``ref`` included
        self.placed_days: list[Ref] = []  # the days placed so far, in text order (for speech_day)
        self.stamp: datetime | None = None  # the page's own time, from its date line ("January 03, 2023 11:12 AM")
        self.owner: Mention | None = None  # the mention that names the day of the current clock time
        self.mention: Mention | None = None
        self.day_first: Mention | None = None  # a numeric date that shows the text writes the day first
        self.owner_day: Value | None = None  # the day a bare clock time belongs to (see _clock_owners)
        self.range_head: Mention | None = None  # the first end of a range the current mention ends ("from March 3 to")
        self.tenses = TenseReader(text, grammar)  # the grammar's tense cues, read once over the text
        self.words_before: dict[int, str] = {}  # offset -> _word_before_text there (asked 3 times per date)
        self.word_windows: dict[tuple[bool, str], str] = {}  # the same, by the characters it reads (see _word_before)
        self._dct_anchor: Anchor | None = None
        self._ref_anchor: tuple[Ref, Anchor] | None = None  # the last reference asked about, and its anchor

    # -- indexes of the text, built when first asked for (most articles never ask: 181 of TBAQ's 256
    # never look for a sentence break between two dates)
    @cached_property
    def breaks(self) -> BreakIndex:
        """Where _SENTENCE_BREAK matches."""
        return BreakIndex(self.text, _SHORTEST_BREAK, ".!?\n")

    @cached_property
    def marks(self) -> Marks:
        """The text's line breaks and quote marks."""
        return Marks(self.text)

    # -- anchors (immutable: the same one serves every expression that counts from it)
    def dct_anchor(self) -> Anchor:
        if self._dct_anchor is None:
            self._dct_anchor = Anchor("publication", self.dct.isoformat() if self.dct else None)
        return self._dct_anchor

    def ref_anchor(self, ref: Ref) -> Anchor:
        if self._ref_anchor is None or self._ref_anchor[0] is not ref:
            self._ref_anchor = (ref, Anchor("expression", ref.value, ref.index, ref.text))
        return self._ref_anchor[1]

    def far_from_dct(self) -> bool:
        """Deixis follows the narrative in a history, or when there is no publication date."""
        return self.ref is not None and (self.narrative_doc or self.dct is None)

    def same_sentence_ref(self) -> Ref | None:
        """An explicit date earlier in the current sentence ("in 1991 ... on Dec. 16"), a year in
        brackets included ("Katrina (2005): ... landfall on August 29", a list of past storms), one
        counted from the text's dates ("six months later, on June 29": June of that year), or a year
        the sentence opens with ("Last year the season started in June": June of last year)."""
        work = self.work_ref if self.work_ref is not None and self.tense() == "past" else None
        counted = self.placed if self.placed is not None and self.placed.counted else None
        # the one that ends later; on a tie, the explicit one
        ref = max((r for r in (self.explicit_ref, self.aside_ref, work, counted, self.year_said) if r is not None),
                  key=lambda r: r.end, default=None)
        if ref is None or self.mention is None or ref.end > self.mention.start:
            return None
        if self.breaks.first(ref.end, self.mention.start) is not None:
            return None
        return ref

    def deixis(self, narrative_aware: bool = False) -> tuple[date, Anchor] | None:
        """What 'now' means here. Speaker words ("yesterday", "last week", "ago") always count
        from the publication date when there is one; a bare weekday or season in a history told
        day by day (``narrative_aware``) counts from the day the narrative is at."""
        if (spoken := self.speech_day()) is not None:
            return spoken
        shifts = narrative_aware or self.dct is None
        if shifts and self.far_from_dct() and self.ref is not None and self.ref.granularity in {"day", "week", "month"}:
            assert self.ref is not None
            return self.ref.day, self.ref_anchor(self.ref)
        if self.dct is None:
            return None
        return self.dct, self.dct_anchor()

    def speech_day(self) -> tuple[date, Anchor] | None:
        """Inside a quotation whose sentence, before the quote opens, says when it was said ("the
        mayor told a briefing on Monday 25, “... to this afternoon”"): that day is the speaker's
        today. In news only; a history's quotes follow the narrative already."""
        m = self.mention
        if m is None or not self.placed_days or self.narrative_doc or self.dct is None:
            return None
        opening = self.marks.quote_opening(m.start)
        if opening is None:
            return None
        ref = next((r for r in reversed(self.placed_days[-QUOTE_DATES:]) if r.end <= opening), None)
        if ref is None or not self.dates_quote(ref, opening):
            return None
        return ref.day, self.ref_anchor(ref)

    def dates_quote(self, ref: Ref, opening: int) -> bool:
        """Whether ``ref`` says when the quotation opening at ``opening`` was said: it stands in the
        quotation's sentence before it, and so does a reporting word ("In 2015 she told investors, “...").
        A quotation that opens a sentence of its own is not dated by the sentence before: the break
        there ends past the opening mark, on the quote's first letter (hence ``opening + 2``)."""
        if ref.end > opening or self.breaks.first(ref.end, opening + 2) is not None:
            return False
        said = words_pattern(r"\b(?:WORDS)\b", self.grammar.guard_words.get("reporting", ()), re.IGNORECASE)
        start = max(0, ref.end - SENTENCE_REACH)
        for end in _SENTENCE_BREAK.finditer(self.text, start, ref.end):
            start = end.end() - 1
        return said.search(self.text, start, opening) is not None

    def narrative(self, day_level: bool = False) -> tuple[date, Anchor, str] | None:
        """The date the text was last talking about. Before the text has named any date, a
        day-level anaphor ("two days later") has nothing to count from: None, not a guess.
        Coarser ones ("the same year") fall back to the publication date."""
        ref = self.ref
        if ref is not None and (not day_level or ref.granularity == "day"):
            shown = ref.value if ref.shift else human(ref.day, ref.granularity)
            return ref.day, self.ref_anchor(ref), f"'{ref.text}' ({shown})"
        if self.dct is None or day_level:
            return None  # "four days later" after "in 1915" is not four days after the publication date
        return self.dct, self.dct_anchor(), f"the publication date ({human(self.dct)})"

    def somewhere_in_ref(self, unit: str) -> Value:
        """'four days later' after 'in 1915': a day of 1915 ('1915-XX-XX'), the most the text says
        (a week 'YYYY-WXX', a month 'YYYY-XX'; a year, nothing)."""
        ref = self.ref
        if ref is None:
            return Value("XXXX", anchor=Anchor("none"), how="no anchor", sets_ref=False)
        year = ref.value[:6] if ref.value.startswith("BC") else ref.value[:4]
        value = {"week": f"{year}-WXX", "month": f"{year}-XX", "year": "XXXX"}.get(unit, f"{year}-XX-XX")
        return Value(value, anchor=self.ref_anchor(ref), certainty="approximate", sets_ref=False,
                     how=f"some {unit} near '{ref.text}', which names no {unit}")

    def clock_of(self, day: date) -> Ref | None:
        """The last clock time the text gave on ``day``, the day the narrative is at: what "more
        than an hour later" counts from."""
        clock = self.clock_ref
        return clock if clock is not None and clock.day == day and self.ref is not None and \
            self.ref.day == day else None

    def placed_in_sentence(self) -> Ref | None:
        """The last day placed on the calendar, if that was earlier in the current sentence."""
        ref, m = self.placed, self.mention
        if ref is None or m is None or ref.granularity != "day" or ref.end > m.start or self.breaks.first(ref.end, m.start) is not None:
            return None
        return ref

    def near_ref(self) -> Ref | None:
        """The narrative's date if the text named it in this sentence or the one before: only then
        is it likely the event that "the day after the battle" counts from."""
        return self.near(self.ref)

    def near(self, ref: Ref | None) -> Ref | None:
        """``ref`` if the text placed it in this sentence or the one before."""
        m = self.mention
        if ref is None or m is None:
            return None
        first = self.breaks.first(ref.end, m.start)  # no more than one break between them
        if first is None:
            return ref
        after = _SENTENCE_BREAK.match(self.text, first, m.start)
        return ref if after is None or self.breaks.first(after.end(), m.start) is None else None

    def period_compared(self) -> Ref | None:
        """The quarter a report is discussing: "a year ago" then means that quarter a year back
        ("net income rose in the third quarter from $2 million a year ago")."""
        ref = self.quarter_ref  # "results beat the year-ago quarter" said "today" is still about that quarter
        if ref is None or self.dct is None or abs(ref.day.year - self.dct.year) > 1:
            return None
        return ref

    def speaker_time(self) -> bool:
        """A history's present or future tense ("the book is due to be published in May") speaks
        from the publication date, not from the story's time."""
        assert self.mention is not None
        return self.dct is not None and self.tenses.speaks_ahead(self.mention.start, self.mention.end)

    def tense(self) -> Tense | None:
        assert self.mention is not None
        return self.tenses.tense_at(self.mention.start, self.mention.end)

    def governing_tense(self) -> Tense | None:
        """The tense of the verb that governs the mention, read across the words between them ("came
        a week before Christmas", "will be announced on 8 October": [guard_words].between_verb_and_date)."""
        assert self.mention is not None
        between = self.between_start()
        return self.tenses.governing(self.mention.start if between is None else between, self.mention.end)

    def between_start(self) -> int | None:
        """Where the words a verb reaches across to the mention start ("a week before", "be announced on")."""
        assert self.mention is not None
        start = self.mention.start
        between = words_pattern(r"(?:WORDS)\s+$", self.grammar.guard_words.get("between_verb_and_date", ()), re.IGNORECASE)
        found = between.search(self.text, max(0, start - BETWEEN_REACH), start)
        return found.start() if found else None

    def word(self, table: str, key: str | None) -> object:
        return self.grammar.word(table, key)


# ------------------------------------------------------------------------ small parsers

def _fmt_number(n: float) -> str:
    """'2', '2.5'; never an exponent ('6.88131e+08' is no TIMEX3 amount), which ':g' writes past 10^6."""
    return str(int(n)) if n == int(n) else f"{n:.6f}".rstrip("0").rstrip(".")


def _mod(ctx: _Context, g: dict[str, str]) -> str | None:
    return ctx.word("mod", g.get("mod")) or ctx.word("approx", g.get("approx"))  # type: ignore[return-value]


# ------------------------------------------------------------------------ year inference

# What the word right before a date says (words.word_before): "due" words put it at or after
# publication and, with "deadline" words, ahead of the clause's verb; "span" words make "the next
# decade" a stretch of time (words.span_rel); "range_end" words ("to", "until", "through") end a range.
FORWARD = {"due", "deadline"}


def _before_kinds(grammar: Grammar, word: str) -> set[str]:
    return set(grammar.word("word_before", word or None) or ())


def _plausible(gap: int, other: int | None) -> bool:
    """A tense cue is trusted for a yearless date unless it puts the date far away while the
    other reading is only days off: "extended to Nov. 20" in a Nov. 2 story is this month's, and
    "the Feb. 23 agreement" in a March 6 story that looks ahead is still last month's (a writer
    gives the year of a date almost a year away)."""
    return gap <= 366 and (other is None or gap <= RECENT_RATIO * max(other, 1))


def _steps_back(ctx: _Context) -> bool:
    """A pluperfect clause looks back from the story's time, unless the date is a deadline
    ("the offensive had been repulsed by January")."""
    assert ctx.mention is not None
    m = ctx.mention
    return not _before_kinds(ctx.grammar, _word_before(ctx, m.start)) & FORWARD and ctx.tenses.looks_back(m.start, m.end)


def _names_a_plan(ctx: _Context) -> bool:
    """'Nintendo has announced a June 5 launch date': a date a schedule noun follows ([guard_words].schedule_nouns)
    is what a plan names; a past verb tells when it was told, so only a plausible year back is taken."""
    assert ctx.mention is not None
    nouns = words_pattern(r"\s+(?:[\w-]+\s+)?(?:WORDS)\b", ctx.grammar.guard_words.get("schedule_nouns", ()),
                          re.IGNORECASE)
    return nouns.match(ctx.text, ctx.mention.end) is not None


_MISSING = object()
# (publication date, what ``on`` depends on, unit, weekday) -> _year_choices: one table for the process,
# not one per document (an archive's articles share their dates and name the same days).
_YEAR_CHOICES: dict[object, object] = {}
_YEAR_CHOICES_MAX = 10_000  # entries (about 3 MB) before starting afresh
# nearest year, upcoming year, days ahead to it, most recent year, days back to it (None: no such year)
_YearChoices = tuple[int, int | None, int | None, int | None, int | None]


def _year_choices(dct: date, on: Callable[[int], date | None], unit: str, weekday: int | None) -> _YearChoices | None:
    """The years around the publication date a partial date can take, and how far each lies
    from it: what _pick_year chooses among once the tense is read (None: no year fits)."""
    options: list[tuple[int, date]] = []
    for year in range(dct.year - 6, dct.year + 7):
        d = on(year)
        if d is None or (weekday is not None and d.weekday() != weekday):
            continue
        options.append((year, d))
    if not options:
        return None
    # a month or a week counts as "past" once it has begun
    last_day = {y: month_end(d.year, d.month) if unit == "month" else (plus_days(d, 6) or date.max) if unit == "week"
                else d for y, d in options}
    past = [o for o in options if o[1] <= dct]
    future = [o for o in options if last_day[o[0]] >= dct]
    first_ahead = min(future, key=lambda o: o[1]) if future else None
    last_back = max(past, key=lambda o: o[1]) if past else None
    return (min(options, key=lambda o: abs((o[1] - dct).days))[0],
            first_ahead[0] if first_ahead else None, (first_ahead[1] - dct).days if first_ahead else None,
            last_back[0] if last_back else None, (dct - last_back[1]).days if last_back else None)


_SPLIT_YEAR_END = re.compile(r"[-–/](\d{4}|\d{2})(?!\d)")
MAX_RANGE_YEARS = 30  # a range of years "1914-18" whose end or start a later date in its sentence may be in
SPLIT_SECOND_HALF = 6  # a month up to June named after a split year ("2022-23") is of its second year


def _split_year(ctx: _Context, ref: Ref, on: Callable[[int], date | None]) -> tuple[int, str, Confidence] | None:
    """'The 2022-23 campaign ended in May': a date after a range of years in its sentence is in one of them.
    The clause between says which when it tells of a start or an end ([guard_words].start_words,
    term_ended: "began in August" is the first year, "the war of 1914-18 ended in November" the last). In a
    split year (a season's, a fiscal year's: two years in a row), without such words,
    a month of January to March is the second and one of October to December the first in every
    split year, and a month between is only guessed (the first half of the year the second: seasons end
    in May, but a British fiscal year starts in April)."""
    assert ctx.mention is not None
    m = _SPLIT_YEAR_END.match(ctx.text, ref.end)
    if ref.granularity != "year" or m is None:
        return None
    second = int(m[1]) if len(m[1]) == 4 else ref.day.year // 100 * 100 + int(m[1])
    first_day = on(ref.day.year)
    if not ref.day.year < second <= ref.day.year + MAX_RANGE_YEARS or first_day is None or on(second) is None:
        return None
    words = ctx.grammar.guard_words
    told = ctx.text[m.end():ctx.mention.start]
    label = f"'{ctx.text[ref.end - len(ref.text):m.end()]}'"
    if words_pattern(r"\b(?:WORDS)\b", words.get("term_ended", ()), re.I).search(told):
        return second, f"year {second}: the end of {label}", "cue"
    if words_pattern(r"\b(?:WORDS)\b", words.get("start_words", ()), re.I).search(told):
        return ref.day.year, f"year {ref.day.year}: the start of {label}", "cue"
    if second != ref.day.year + 1:
        return None  # "the war of 1914-18 ... in November": any of its years
    year = second if first_day.month <= SPLIT_SECOND_HALF else ref.day.year
    sure: Confidence = "cue" if first_day.month <= 3 or first_day.month >= 10 else "default"
    return year, f"year {year}: the {'second' if year == second else 'first'} year of {label}", sure


def _pick_year(ctx: _Context, on: Callable[[int], date | None], unit: str = "day",
               weekday: int | None = None, key: object = None) -> tuple[int, Anchor, str, Confidence] | None:
    """The year of a partial date ("Dec. 16", "in March", "Thanksgiving") from the narrative or
    the publication date. ``on`` gives the date in a given year (the first day of a month or
    week, when ``unit`` is one); a ``weekday`` named with the date must agree with it. A caller
    that names what ``on`` depends on (``key``) has the years around the publication date worked
    out once per process for it (``_YEAR_CHOICES``): dense text names the same day again and again,
    and an archive's articles the same days as each other."""
    assert ctx.mention is not None
    if weekday is None and (ranged := _year_from_range_start(ctx, on, unit)) is not None:
        return ranged[0], ctx.ref_anchor(ranged[1]), f"year from '{ranged[1].text}', where its range starts", "cue"
    before = _word_before(ctx, ctx.mention.start)
    # "a week before Christmas": the "before" of a count of time is no deadline
    kinds = _before_kinds(ctx.grammar, before)
    if kinds and ctx.between_start() is not None:
        kinds = set()
    if ctx.range_head is not None:  # "ran from March 3 to May 9": the end of a range, no deadline
        kinds = kinds - FORWARD
    period_to = bool(kinds & FORWARD) and _said_before(ctx, _phrases(ctx.grammar, "period_to"))
    if period_to:
        kinds = kinds - FORWARD  # "fell in the year to March": the end of the period told, no deadline
    from_now = "due" in kinds or ctx.speaker_time()  # "effective June 1", "will join on March 12"
    if "previous" in kinds and weekday is None and ctx.dct is not None and (gone := _last_gone(ctx.dct, on)) is not None:
        return gone, ctx.dct_anchor(), f"year {gone}: 'last', the one gone more than {LAST_GAP_DAYS} days before publication", "cue"
    if weekday is None and not from_now and (entry := _next_entry_year(ctx, on)) is not None:
        return entry, ctx.ref_anchor(ctx.entry_day), f"year from '{ctx.entry_day.text}', the entry before it", "cue"  # type: ignore[arg-type]
    local = ctx.same_sentence_ref() if not from_now else None
    if local is not None and (_ahead_of_past(ctx, local, on) or _out_of_turn(ctx, local, on)
                              or _behind_future(ctx, local, on, unit)) and not _heads_line(ctx, local):
        local = None
    ref = local or (ctx.ref if ctx.far_from_dct() and not from_now else None)
    if ref is not None and ref is local and weekday is None and (split := _split_year(ctx, ref, on)) is not None:
        return split[0], ctx.ref_anchor(ref), split[1], split[2]
    if ref is not None:
        candidates = [ref.day.year]
        first = on(ref.day.year)
        if ref.year_named and ref.granularity in {"day", "week", "month"} and first and (
                ref.day - first).days > BACK_DAYS and not _steps_back(ctx):
            candidates = [ref.day.year + 1]
        elif first and first < ref.day and _entry_after(ctx, ref):
            candidates = [ref.day.year + 1]  # "Dec. 12: ... Feb. 2: ...": a list's entries run forward
        if weekday is not None:
            candidates = [ref.day.year + k for k in (0, 1, -1, 2, -2, 3, -3)]
        for year in candidates:
            d = on(year)
            if d and (weekday is None or d.weekday() == weekday):
                return year, ctx.ref_anchor(ref), f"year from '{ref.text}'", "cue"
        return None
    if ctx.dct is None:
        return None
    dct = ctx.dct
    bound = _bound_by_past(ctx)  # "stayed home until 6 Apr": the stretch a past verb tells is over
    tense: Tense | None = "future" if "due" in kinds or _pushed_ahead(ctx) else bound or ctx.tense()
    if kinds & FORWARD and tense != "future" and bound is None:  # a deadline sets the verb's tense aside,
        tense = None  # unless it looks ahead ("extended to Nov. 20"; but "will be done by December")
    choices = _memo_year_choices(dct, on, unit, weekday, key)
    slip = ""
    if weekday is not None and (choices is None or _weekday_year_against(dct, on, choices[0], tense)):
        choices, weekday = _memo_year_choices(dct, on, unit, None, key), None
        slip = "; the weekday named with it fits no nearby year"
    if choices is None:
        return None
    nearest, upcoming, ahead, recent, back = choices  # type: ignore[misc]
    if weekday is not None:  # "Saturday, April 25": the weekday fixes the year
        year = nearest
        why = "the nearest year in which it falls on that weekday"
    elif unit == "day" and _names_a_happening(ctx):
        year = nearest
        why = "nearest: the date names a happening, which the clause's tense does not date"
    elif period_to and tense != "future" and recent is not None:
        year = recent
        why = "most recent: a figure for the period up to it is reported once that period is over"
    elif tense == "future" and ahead is not None and (
            ctx.governing_tense() == "future"
            and not ctx.tenses.ahead_of_a_past(ctx.between_start() or ctx.mention.start)
            or _plausible(ahead, back) or bool(kinds & FORWARD) and ctx.speaker_time()):
        year = upcoming
        why = "upcoming, from the future tense"
    elif tense == "past" and back is not None and (
            ctx.governing_tense() == "past" and not _names_a_plan(ctx) or _plausible(back, ahead)):
        year = recent
        why = "most recent, from the past tense"
    else:  # the present says neither ("Her term ends in December"; "sales are up since March")
        year = nearest
        why = "nearest to the publication date"
    confidence: Confidence = "default" if why.startswith("nearest to") else "cue"
    if weekday is None and (run := _run_year(ctx, on, year)) is not None:
        return run[0], ctx.ref_anchor(run[1]), f"year from '{run[1].text}', {run[2]}{slip}", "cue"
    return year, ctx.dct_anchor(), f"year {year} ({why}){slip}", confidence


WEEKDAY_YEAR_DAYS = 366  # a weekday may put a yearless date this far from publication against its tense


def _weekday_year_against(dct: date, on: Callable[[int], date | None], year: int, tense: Tense | None) -> bool:
    """'Screens went blue on Thursday (July 19)' in a story of Friday 19 July 2024: the year the weekday
    fits (2029) is years ahead of a past clause (or years back from a future one), so the weekday is
    the writer's slip and the day the text numbers is the one meant."""
    d = on(year)
    if d is None or abs((d - dct).days) <= WEEKDAY_YEAR_DAYS:
        return False
    return tense == "past" and d > dct or tense == "future" and d < dct


def _memo_year_choices(dct: date, on: Callable[[int], date | None], unit: str, weekday: int | None,
                       key: object) -> _YearChoices | None:
    """_year_choices, kept in _YEAR_CHOICES when the caller names what ``on`` depends on (``key``)."""
    memo_key = None if key is None else (dct, key, unit, weekday)
    choices = _YEAR_CHOICES.get(memo_key, _MISSING) if memo_key is not None else _MISSING
    if choices is _MISSING:
        choices = _year_choices(dct, on, unit, weekday)
        if memo_key is not None:
            if len(_YEAR_CHOICES) >= _YEAR_CHOICES_MAX:
                _YEAR_CHOICES.clear()
            _YEAR_CHOICES[memo_key] = choices
    return choices  # type: ignore[return-value]


RUN_DAYS = 31  # a yearless date this many days or fewer after the day just before it continues its run
# ... or this many, when it opens a line as a list's entry ("Oct. 16: End of first quarter"): a school
# calendar or a fixture list runs in order with gaps of weeks
ENTRY_RUN_DAYS = 183
# The mark after a date that opens its line and makes it a list's entry ("Oct. 16: End of term")
_ENTRY_AFTER = re.compile(r"[ \t]*(?:[:–—]|-[ \t])")
WEAK_DAYS = 120  # a year read from the publication date that puts the date further than this from it is weak


def _run_year(ctx: _Context, on: Callable[[int], date | None], year: int) -> tuple[int, Ref, str] | None:
    """When the publication date's reading of a yearless date is weak (months away either way), the
    text's own year: a timeline's next entry ("Jan. 1: ... Jan. 3: ...") keeps in step with the day
    placed just before it (the year turns forward only), and the first one takes the year the text
    named ("2020 timeline: ... Jan. 1: ..."), when that year's date is within a year of publication;
    a past clause after a month named with its year, with no date between, goes on from it ("hired
    in June 2015. On Aug. 3, he was fired"), but never past the publication date."""
    chosen, dct = on(year), ctx.dct
    if chosen is None or dct is None or abs((chosen - dct).days) <= WEAK_DAYS:
        return None
    ref = ctx.placed
    if ref is not None and ref.granularity in {"day", "week"}:  # "Thanksgiving week" is a list's entry too
        entries = _opens_an_entry(ctx)
        run = _first_after(on, ref.day, year, ENTRY_RUN_DAYS if entries else RUN_DAYS)
        return None if run is None else (run, ref, "the entry just before it" if entries else "the day just before it")
    named = ctx.explicit_ref
    if named is None or not named.year_named:
        return None
    if named.granularity == "year":
        d = on(named.day.year)
        return (named.day.year, named, "the year the text named") if named.day.year != year and d is not None and \
            abs((d - dct).days) <= 366 else None
    if ctx.tense() != "past" or (ctx.placed is not named and ctx.near(named) is None):
        return None  # the story has moved on since, or this clause does not tell it
    after = _first_after(on, named.day, year, 366)  # "hired in June 2015. On Aug. 3, he was fired"
    if after is None or (told := on(after)) is None or told > dct:
        return None  # "set an October 2026 trial date. The agency filed the suit on Sept. 26": behind the page
    return after, named, "the first after the date named just before it"


ENTRY_HEAD = 24  # characters a list entry's date (or range of dates) takes at most at its line's start


def _heads_its_line(ctx: _Context, ref: Ref) -> bool:
    """Does ``ref`` (a date, or a range of dates ending there) open its line as a list's entry?"""
    line = _line_start_within(ctx.text, ref.end, ENTRY_HEAD)
    return line is not None and _opens_entry(ctx, line, ref.end)


def _line_start_within(text: str, at: int, reach: int) -> int | None:
    """Where the line holding ``at`` starts, if that is at most ``reach`` characters before it (a bounded
    look back: a text without line breaks is not read back to its start from every date)."""
    lo = max(0, at - reach)
    line = text.rfind("\n", lo, at) + 1
    return line if line or lo == 0 else None


def _heads_line(ctx: _Context, ref: Ref) -> bool:
    """Is ``ref`` the date that opens the current mention's line as a list entry ("Nov. 23 - Nov. 27:
    Thanksgiving holiday week")? The line's other dates are then that entry's, whatever a verb says."""
    assert ctx.mention is not None
    return "\n" not in ctx.text[ref.end:ctx.mention.start] and _heads_its_line(ctx, ref)


def _opens_an_entry(ctx: _Context) -> bool:
    """Does the current mention (with the range it ends: "Dec. 21 - Jan. 1: Winter break") open its
    line as a list's entry?"""
    m = ctx.mention
    head = ctx.range_head or m
    return m is not None and head is not None and _opens_entry(ctx, head.start, m.end)


def _entry_after(ctx: _Context, ref: Ref) -> bool:
    """Do the current mention and ``ref``, the date before it, each open a line as a list's entry?"""
    return _opens_an_entry(ctx) and _heads_its_line(ctx, ref)


def _opens_entry(ctx: _Context, start: int, end: int) -> bool:
    """Does text[start:end] open its line, a colon or a dash after it ("Oct. 16: End of first quarter")?"""
    return _first_on_line(ctx, start) and _ENTRY_AFTER.match(ctx.text, end) is not None


LAST_GAP_DAYS = 7  # "last Feb. 14" is no day of the week just gone: that one is called by its weekday


def _last_gone(dct: date, on: Callable[[int], date | None]) -> int | None:
    """The year of 'last Dec. 14': the latest one more than LAST_GAP_DAYS before ``dct``."""
    for year in (dct.year, dct.year - 1):
        d = on(year)
        if d is not None and (dct - d).days > LAST_GAP_DAYS:
            return year
    return None


LINE_LEAD = 12  # characters of spaces and a bullet that may come before a date that opens its line


def _first_on_line(ctx: _Context, start: int) -> bool:
    """Whether what starts at ``start`` is the first thing on its line (a bullet or a dash may come before it)."""
    line = _line_start_within(ctx.text, start, LINE_LEAD)
    return line is not None and _ENTRY_LEAD.fullmatch(ctx.text, line, start) is not None


def _next_entry_year(ctx: _Context, on: Callable[[int], date | None]) -> int | None:
    """A list whose lines open with a yearless day ("1 January, X died. ... 2 January, Y died"): an
    entry's year is the entry's before it, the list running forward, whatever years the entry before
    told in between ("a hit in 1981"), when no day was placed since that entry."""
    entry, m = ctx.entry_day, ctx.mention
    if entry is None or m is None or not _first_on_line(ctx, m.start):
        return None
    if ctx.placed is not None and ctx.placed.granularity == "day" and ctx.placed is not entry:
        return None  # a day told since the entry: the run goes on from it (_run_year)
    return _first_after(on, entry.day, -1, RUN_DAYS)


_ENTRY_LEAD = re.compile(r"[ \t]*(?:[-–—•*·][ \t]*)?")
_YEARLESS_DAY = re.compile(r"(?:(?!\d{4}).)*", re.S)  # no four digits: the entry named no year


def _first_after(on: Callable[[int], date | None], day: date, year: int, reach: int) -> int | None:
    """The year, ``day``'s or the next and not ``year``, in which ``on`` falls 0 to ``reach`` days after ``day``."""
    for y in (day.year, day.year + 1):
        d = on(y)
        if y != year and d is not None and 0 <= (d - day).days <= reach:
            return y
    return None


def _names_a_happening(ctx: _Context) -> bool:
    """'the results of the May 23 vote will be announced', 'since the July 4 election date was announced':
    a yearless date between a determiner and a happening's noun ([guard_words].named_happenings) names
    that happening; the clause's verb tells of something else (the results, the announcement)."""
    assert ctx.mention is not None
    m, words = ctx.mention, ctx.grammar.guard_words
    before = _word_before(ctx, m.start)
    after = _NEXT_WORD.match(ctx.text, m.end)
    return before in words.get("determiners", ()) and after is not None and \
        after[1].lower() in words.get("named_happenings", ())


_NEXT_WORD = re.compile(r"\s+([A-Za-z]+)\b")


def _behind_future(ctx: _Context, ref: Ref, on: Callable[[int], date | None], unit: str) -> bool:
    """'The law, passed in March, takes effect in January' told in June: the year of a date whose own
    year the text did not give would put January, over before the publication date, in a clause that
    looks ahead; the date's year is then chosen as if that date were not there (``_ahead_of_past``'s twin).
    A year told as one ("This year the season starts in June") is the text's word for it: it stays."""
    if ref.year_named or ref.granularity not in {"day", "week", "month"} or ctx.dct is None or ctx.tense() != "future":
        return False
    d = on(ref.day.year)
    last = month_end(d.year, d.month) if d is not None and unit == "month" else d
    return last is not None and last < ctx.dct


def _ahead_of_past(ctx: _Context, ref: Ref, on: Callable[[int], date | None]) -> bool:
    """'Prices rose in March and April' told on 15 March: the year of a date whose own year the
    text did not give ('March', read as this year's) would put April after the publication date,
    which the past tense rules out; the date's year is then chosen as if that date were not there."""
    if ref.year_named or ctx.dct is None or ctx.tense() != "past":
        return False
    d = on(ref.day.year)
    return d is not None and d > ctx.dct


AHEAD_IN_TURN_DAYS = 183  # a date named after another in its sentence this far after it is not of its year


def _out_of_turn(ctx: _Context, ref: Ref, on: Callable[[int], date | None]) -> bool:
    """The year of a date whose own year the text did not give would put the date far from it where
    a sentence naming dates in turn does not: 'rose to 5.4% in December and 5.5% in February' told in
    March would put February ten months before the December of last year, 'payable Jan. 15 to
    holders of record on Dec. 29' told in December the record day eleven months after the coming
    January. The date's year is then chosen as if that date were not there (a pluperfect clause,
    which steps back, keeps it behind)."""
    if ref.year_named or ref.granularity not in {"day", "month"}:
        return False
    d = on(ref.day.year)
    if d is None:
        return False
    return (ref.day - d).days > BACK_DAYS and not _steps_back(ctx) or (d - ref.day).days > AHEAD_IN_TURN_DAYS


# ------------------------------------------------------------------------ kind resolvers

_FIRST_NUMBER = re.compile(r"\d+")
_NUMERIC_SEPARATORS = "/.-"


def _first_number(m: Mention, g: dict[str, str]) -> str | None:
    """The number a numeric date writes first ("25" in "25/11/2023"); None for a date that names its month."""
    if not (g.get("day", "").isdigit() and g.get("month", "").isdigit()) or not any(c in m.text for c in _NUMERIC_SEPARATORS):
        return None
    first = _FIRST_NUMBER.search(m.text)
    return first[0] if first else None


def _numeric_order(m: Mention) -> str | None:
    """Which of day and month a full numeric date writes first when only one reading fits it ("25/11/2023":
    "day"; "11/25/2023": "month"); None for a date either reading fits ("04/12/2023"), a date without
    its year (a score such as "13/4" looks like one), or no numeric date."""
    g = m.groups
    first = _first_number(m, g)
    if first is None or not ("year" in g or "yy" in g) or int(g["day"]) <= 12:
        return None
    return "day" if first == g["day"] else "month" if first == g["month"] else None


def _named_order(m: Mention) -> str | None:
    """Which of day and month a date that names its month writes first ("22 July": "day"; "July 22":
    "month"); None for a numeric date or one without a day in digits."""
    g = m.groups
    day, month = g.get("day", ""), g.get("month", "")
    if not day.isdigit() or not month or month.isdigit():
        return None
    return "day" if m.text.find(day) < m.text.find(month) else "month"


def _day_first_evidence(mentions: list[Mention]) -> Mention | None:
    """A numeric date that can only be read day first ("25/11/2023"), in a text with none that can only
    be read month first: the text's other numeric dates are written the same way. Without one, a date
    that names its month after its day ("5pm on 22 July"), in a text that never names it before its day:
    a British page that writes "22 July" stamps itself "07/06/2019" for 7 June."""
    for order_of in (_numeric_order, _named_order):
        orders = [(order, m) for m in mentions if (order := order_of(m)) is not None]
        if orders:
            return None if any(order == "month" for order, _ in orders) else orders[0][1]
    return None


def _read_day_first(ctx: _Context, g: dict[str, str]) -> dict[str, str] | None:
    """The groups of a month-first numeric date ("04/12/2023": 12 April) read day first (4 December),
    when the text writes its numeric dates day first (``_day_first_evidence``); None otherwise."""
    m = ctx.mention
    if ctx.day_first is None or m is None or m is ctx.day_first:
        return None
    first = _first_number(m, g)
    if first is None or first != g["month"] or first == g["day"] or int(g["day"]) > 12:
        return None
    return {**g, "day": g["month"], "month": g["day"]}


def _resolve_date(ctx: _Context, g: dict[str, str]) -> Value | None:
    if (day_first := _read_day_first(ctx, g)) is not None:
        v = _resolve_date(ctx, day_first)
        evidence = ctx.day_first.text if ctx.day_first is not None else ""
        return v and replace(v, certainty="inferred" if v.certainty == "explicit" else v.certainty,
                             how=f"{v.how}, read day first as the text writes '{evidence}'")
    mod = _mod(ctx, g)
    era = (g.get("era") or "").upper().replace(".", "")
    if "yy" in g:
        yy = int(g["yy"])
        g = {**g, "year": str(1900 + yy if yy > 30 else 2000 + yy)}
    if "rel_year" in g and (base := ctx.deixis()) is not None:  # "June last year"
        offset = ctx.word("rel", g["rel_year"])[0]  # type: ignore[index]
        g = {**g, "year": str(base[0].year + offset)}
        era = ""
    if "rel" in g and "month" in g and "year" not in g:
        return _resolve_rel_month(ctx, g, mod)
    if "year" not in g and "month" not in g:  # "last fiscal year"
        return _resolve_relative(ctx, {"rel": g.get("rel", ""), "unit": _unit_word(ctx, "Y")})
    if (clock := _year_as_clock(ctx, g, era)) is not None:  # "27 July 1100" in today's news: 11:00
        day = _resolve_date(ctx, {k: v for k, v in g.items() if k not in {"year", "yy"}})
        if day is None or not _DAY_VALUE.fullmatch(day.value):
            return day
        return replace(day, value=f"{day.value}T{clock}", type="TIME", how=f"{day.how}; the number after it is a time")
    if "year" in g:
        year = int(g["year"])
        if era.startswith("B"):
            year = 1 - year
        explicit: Certainty = "inferred" if "rel_year" in g else "explicit"
        if "month" not in g:
            if _names_a_title(ctx, g, year):
                return None
            return Value(year_value(year), mod=mod, certainty=explicit, how="year named in the text")
        month = month_number(g["month"], ctx.grammar)
        if "day" not in g:
            return Value(month_value(year, month), mod=mod, certainty=explicit, how="month and year named")
        d = make_date(year + (ERA_SHIFT if year < 1 else 0), month, day_number(g["day"]))  # BC: checked in a same-calendar year
        if d is None:
            return None
        return Value(f"{year_value(year)}-{d:%m-%d}", mod=mod, certainty=explicit, how="full date named in the text")
    month = month_number(g["month"], ctx.grammar)
    day = day_number(g["day"]) if "day" in g else None
    weekday = weekday_number(g["weekday"], ctx.grammar) if "weekday" in g and day is not None else None
    if day is not None and make_date(2000, month, day) is None:
        return None  # "31 April" is in no year (2000 is a leap year: 29 February stays)
    if day is None:  # a month's year is chosen by the part of it the text names ("Talks resumed in late March")
        last = "edge" in g and ctx.word("edge_day", g["edge"]) == "last"
        part = 31 if last else _PART_START_DAY.get(mod or "", 1)
        picked = _pick_year(ctx, lambda year: clamped_date(year, month, part), "month", key=(month, part))
    else:
        picked = _pick_year(ctx, lambda year: make_date(year, month, day), "day", weekday, key=(month, day))
    if picked is None:
        value = f"XXXX-{month:02d}" + (f"-{day:02d}" if day else "")
        return Value(value, mod=mod, anchor=Anchor("none"), how="no year: no publication date or narrative", sets_ref=False)
    year, anchor, why, confidence = picked
    if day is None:
        return Value(month_value(year, month), mod=mod, anchor=anchor, how=why, confidence=confidence)
    d = make_date(year, month, day)
    if d is None:
        return None
    return Value(d.isoformat(), mod=mod, anchor=anchor, how=why, confidence=confidence)


# The first day of the part of a month a mod names (thirds, as values.narrow cuts them), by which a
# month's year is chosen: late March told in the past on 6 March is last year's.
_PART_START_DAY = {"MID": 11, "END": 21}


TITLE_YEARS = 25  # a bare year this far after a news story's date, right after a capitalised word, names a work
_CAPITALISED_BEFORE = re.compile(r"\b([A-Z][\w'’-]*)\s+$")


def _names_a_title(ctx: _Context, g: dict[str, str], year: int) -> bool:
    """'Cyberpunk 2077', 'Blade Runner 2049': a year decades after a news story's date, right after a
    capitalised word that is no time word ("In 2077", "By 2070" stay years), is part of a game's or a
    film's name, not a time the story tells."""
    m = ctx.mention
    if ctx.dct is None or ctx.narrative_doc or m is None or _mod(ctx, g) or year - ctx.dct.year <= TITLE_YEARS \
            or len(m.text) != 4:
        return False
    before = _CAPITALISED_BEFORE.search(ctx.text, max(0, m.start - WORD_BEFORE_REACH * 2), m.start)
    return before is not None and before[1].lower() not in ctx.grammar.guard_words.get("time_prepositions", ())


FAR_CLOCK_YEARS = 300  # a four-digit "year" this far before a news story's date that reads as a time is one
# What may follow a year read as a time: the end of its line, a time range, or a clock word
# ([guard_words].clock_after: "hrs", "GMT").
_CLOCK_AFTER = r"[ \t]*(?:[-–][ \t]*\d{4}|(?:WORDS)\b|$)"


_WRITTEN_YEAR = re.compile(r",\s*\d{4}\b")


def _year_as_clock(ctx: _Context, g: dict[str, str], era: str) -> str | None:
    """'12 Nov 1115' in a 2017 booking, 'Jun 7 1440-1825', 'Departs 27 July 1100 hrs': a number that
    reads as a 24-hour time, would put the date centuries back, and ends its line or runs into a
    time range or a clock word, is the time (never in histories)."""
    year = g.get("year", "")
    if ctx.narrative_doc or ctx.dct is None or "day" not in g or era or len(year) != 4:
        return None
    m = ctx.mention
    after = words_pattern(_CLOCK_AFTER, ctx.grammar.guard_words.get("clock_after", ()), re.MULTILINE)
    if m is None or _WRITTEN_YEAR.search(m.text) or not after.match(ctx.text, m.end):
        return None  # "June 15, 1215" and "from 2 to 5 May 1100, when" write a year
    hour, minute = int(year[:2]), int(year[2:])
    if hour > 23 or minute > 59 or ctx.dct.year - int(year) <= FAR_CLOCK_YEARS:
        return None
    return f"{hour:02d}:{minute:02d}"


def _resolve_rel_month(ctx: _Context, g: dict[str, str], mod: str | None) -> Value | None:
    """'last May', 'this March', 'that June'."""
    month = month_number(g["month"], ctx.grammar)
    rel = " ".join(g["rel"].lower().split())
    offset, anchoring = ctx.word("rel", rel) or (0, "deictic")  # type: ignore[misc]
    base = ctx.narrative() if anchoring == "anaphoric" else _with_desc(ctx.deixis())
    if base is None:
        return None
    day, anchor, desc = base
    year = day.year
    if anchoring == "anaphoric" and ctx.ref is not None and ctx.ref.granularity == "year":
        year += offset  # "in 2009 ... the following March": the story names no month to count from: 2010's
    elif offset < 0:
        year = day.year if month < day.month else day.year - 1
    elif offset > 0:
        year = day.year if month > day.month else day.year + 1
    return Value(month_value(year, month), mod=mod, anchor=anchor, how=f"'{rel}' {g['month']} from {desc}",
                 sets_ref=offset >= 0)


def _with_desc(base: tuple[date, Anchor] | None) -> tuple[date, Anchor, str] | None:
    if base is None:
        return None
    day, anchor = base
    what = "the publication date" if anchor.kind == "publication" else f"'{anchor.text}'"
    return day, anchor, f"{what} ({human(day)})"


def _resolve_decade(ctx: _Context, g: dict[str, str]) -> Value | None:
    mod = _mod(ctx, g)
    if "decade" in g and int(g["decade"]) < 200 and int(g["decade"]) % 10 == 0:
        # "the 1800s", "the early 1900s": the century of those hundreds, as writers mean it (the decade
        # 1800-1809 has no name of its own); "the 2000s" is the decade, the reading of its own time
        return Value(g["decade"][:2], mod=mod, certainty="explicit", how="the hundreds of a century named")
    if "decade" in g:
        return Value(g["decade"], mod=mod, certainty="explicit", how="decade named")
    if "decade_bc" in g:
        return Value(f"BC{int(g['decade_bc']):03d}", mod=mod, certainty="explicit", how="decade named")
    if "decade_short" in g:
        tens = int(g["decade_short"].lstrip("'’")[0])
        century = 19
        if ctx.dct is not None and tens * 10 <= ctx.dct.year % 100:
            century = ctx.dct.year // 100 if tens <= 2 else 19
        return Value(f"{century}{tens}", mod=mod, how="decade of the 1900s or 2000s")
    tens = int(ctx.word("decade_word", g["decade_word"]))  # type: ignore[arg-type]
    return Value(f"19{tens}", mod=mod, how="decade word read as the 1900s")


def _resolve_century(ctx: _Context, g: dict[str, str]) -> Value | None:
    raw = g["century"].lower()
    n = ordinal_number(raw)
    if n is None:
        return None
    era = (g.get("era") or "").upper().replace(".", "")
    value = f"BC{n - 1:02d}" if era.startswith("B") else f"{n - 1:02d}"
    return Value(value, mod=_mod(ctx, g), certainty="explicit", how="century named")


_RANGE_JOIN = re.compile(r"\s*(?:-|–|—|(?P<word>\w+))\s*")


def _ends_range_from(ctx: _Context, ref: Ref | None) -> bool:
    """Whether the current mention ends a range that ``ref``, right before it, opens ("Friday to
    Monday", "Mon - Fri", "from Nov. 15 to March 31")."""
    m = ctx.mention
    if ref is None or m is None or ref.end > m.start:
        return False
    join = _RANGE_JOIN.fullmatch(ctx.text, ref.end, m.start)
    if join is None:
        return False
    return join["word"] is None or "range_end" in _before_kinds(ctx.grammar, join["word"]) or _between(ctx, ref, join["word"])


def _between(ctx: _Context, ref: Ref, word: str) -> bool:
    """'Between Friday and Sunday': a range opened by a word before its start ([guard_words].range_opening)
    and joined by another ([guard_words].range_and), as links.py joins two dates."""
    words = ctx.grammar.guard_words
    if word.lower() not in words.get("range_and", ()):
        return False
    opening = words_pattern(r"\b(?:WORDS)\s*[(\[]?\s*$", words.get("range_opening", ()), re.IGNORECASE)
    start = ref.end - len(ref.text)
    return opening.search(ctx.text, max(0, start - PHRASE_REACH), start) is not None


def _range_start(ctx: _Context) -> Ref | None:
    """The day a range began if the current mention, a weekday (or a part of one), ends it ("Friday to
    Monday", "winds expected Tuesday afternoon until early Wednesday morning")."""
    ref, m = ctx.ref, ctx.mention
    if ref is None or m is None or ref.granularity != "day" or not (
            m.rule.kind == "weekday" or {"weekday", "pod"} <= m.groups.keys()):
        return None
    return ref if _ends_range_from(ctx, ref) else None


def _year_from_range_start(ctx: _Context, on: Callable[[int], date | None], unit: str) -> tuple[int, Ref] | None:
    """In news, a yearless date that ends a range opened by a date of its own unit just before it falls
    on or after that date ("from Nov. 15 to March 31": the next March; it was read in the start's year,
    before it). Not in a history, where a start read in the wrong year would carry its end further off,
    nor across units ("a revision Friday to December's figures" is no range)."""
    start = ctx.placed
    if ctx.narrative_doc or start is None or start.granularity != unit or not _ends_range_from(ctx, start):
        return None
    year = next((y for y in (start.day.year, start.day.year + 1) if (d := on(y)) is not None and d >= start.day), None)
    return None if year is None else (year, start)


def _resolve_weekday(ctx: _Context, g: dict[str, str]) -> Value | None:
    wd = weekday_number(g["weekday"], ctx.grammar)
    rel = " ".join(g.get("rel", "").lower().split())
    direction, anchoring, reach = ctx.word("weekday_rel", rel) or (0, "deictic", "")  # see words.weekday_rel
    if anchoring == "anaphoric":  # "the following Monday": after the day the story is at
        base = ctx.narrative(day_level=True)
        if base is None:
            return None
        day, anchor, desc = base
        step = -1 if direction < 0 else 1
        gap = (wd - day.weekday() - 1) % 7 + 1 if step > 0 else -((day.weekday() - wd - 1) % 7 + 1)
        d = plus_days(day, gap)  # the first such weekday that way
        if d is None:
            return None
        return Value(d.isoformat(), anchor=anchor, how=f"the {g['weekday']} after {desc}" if step > 0 else f"the {g['weekday']} before {desc}")
    if "week_rel" in g:  # "Wednesday of this week": the weekday of the week the words name
        week = _resolve_relative(ctx, {"rel": g["week_rel"], "unit": _unit_word(ctx, "W")})
        monday = interval_of(week.value)[0] if week and interval_of(week.value) else None
        if week is None or monday is None:
            return None
        d = plus_days(monday, wd)
        return Value(d.isoformat(), anchor=week.anchor, how=f"the {g['weekday']} of {week.how}") if d else None
    if not rel and (day_of := _weekend_day(ctx, wd)) is not None:  # "this weekend ..., with a race on Saturday"
        weekend, d = day_of
        return Value(d.isoformat(), anchor=ctx.ref_anchor(weekend), how=f"the {g['weekday']} of '{weekend.text}'")
    if not rel and (start := _range_start(ctx)) is not None:  # "Friday to Monday": the Monday after that Friday
        d = plus_days(start.day, (wd - start.day.weekday()) % 7 or 7)
        return Value(d.isoformat(), anchor=ctx.ref_anchor(start), how=f"the end of a range from '{start.text}'") \
            if d else None
    base = _with_desc(ctx.deixis(narrative_aware=True))
    if base is None:
        return Value(f"XXXX-WXX-{wd + 1}", anchor=Anchor("none"), how="no publication date", sets_ref=False)
    day, anchor, desc = base
    if "weeks_on" in g:  # "Friday week": the coming Friday, and a week after it
        later = int(ctx.word("weeks_on", g["weeks_on"]))  # type: ignore[call-overload]
        d = plus_days(day, (wd - day.weekday()) % 7 + later)
        return Value(d.isoformat(), anchor=anchor, how=f"{later} days after the {g['weekday']} on or after {desc}") if d else None
    confidence: Confidence = "cue"
    if reach == "near":  # "this Saturday" is the coming one, unless the verb looks back
        direction = -1 if ctx.tense() == "past" and wd <= day.weekday() else 1
    elif not reach:  # a bare weekday: the tense decides, else the coming one
        tense = "future" if _pushed_ahead(ctx) or _told_ahead(ctx) else _bound_by_past(ctx) or ctx.tense()
        before = _before_kinds(ctx.grammar, _word_before(ctx, ctx.mention.start))  # type: ignore[union-attr]
        if tense == "present" and ({"range_end", "present_ahead"} & before or _fixture_before(ctx)) or \
                tense == "past" and "present_ahead" in before and _perfect_cue(ctx):
            # "the festival runs through Sunday", "the derby is on Saturday", "lawmakers are racing to
            # pass it by Friday's deadline", "if Congress has not passed a bill by Friday night": ahead
            tense = "future"
        direction = -1 if tense in {"past", "present"} else 1
        confidence = "default" if tense is None and wd != day.weekday() else "cue"
    if direction < 0:
        delta = (day.weekday() - wd) % 7
        if reach == "strict" and delta == 0:
            delta = 7
        d = plus_days(day, -delta)
        how = f"the {g['weekday']} on or before {desc}" if not rel else f"the {g['weekday']} before {desc}"
    else:
        delta = (wd - day.weekday()) % 7
        if reach in {"strict", "week"} and delta == 0:
            delta = 7
        d = plus_days(day, delta)
        if reach == "week":  # that weekday of the week ``direction`` weeks on
            d = plus_days(day, 7 * direction + wd - day.weekday())
        how = f"the {g['weekday']} on or after {desc} (future tense)" if not rel else f"the {g['weekday']} after {desc}"
    return Value(d.isoformat(), anchor=anchor, how=how, confidence=confidence) if d else None


def _resolve_deictic(ctx: _Context, g: dict[str, str]) -> Value | None:
    word = " ".join(g["day_word"].lower().split())
    base = _with_desc(ctx.deixis())
    if base is None:
        return Value("XXXX-XX-XX", anchor=Anchor("none"), how="no publication date", sets_ref=False)
    day, anchor, desc = base
    offset = int(ctx.word("day_word", word))  # type: ignore[arg-type]
    d = plus_days(day, offset)
    if d is None:
        return None
    return Value(d.isoformat(), anchor=anchor, how=f"{word}: {_days_phrase(offset)} {desc}")


def _days_phrase(n: int) -> str:
    if n == 0:
        return "the day of"
    unit = "day" if abs(n) == 1 else "days"
    return f"{abs(n)} {unit} {'before' if n < 0 else 'after'}"


def _unit_word(ctx: _Context, letter: str) -> str:
    """The language's first word for a unit ("W" -> "week"), for a phrase that names it only by implication."""
    return next(w for w, (unit_letter, _) in ctx.grammar.words["unit"].items() if unit_letter == letter)


def _unit_of(ctx: _Context, word: str) -> tuple[str, str]:
    letter, unit = ctx.word("unit", word)  # type: ignore[misc]
    return letter, unit


def _at_edge(ctx: _Context, m: Mention, v: Value | None) -> Value | None:
    """'the last day of March', 'the first day of the year': that day of the period the mention's
    resolver found (words.edge_day), or, told in the past of a day still ahead of the page, that day
    of the period before, as a guess; a value with no calendar place stays as it is."""
    span = None if v is None or "edge" not in m.groups else interval_of(v.value)
    if v is None or span is None or span[2] not in {"month", "year"}:
        return v
    first = ctx.word("edge_day", m.groups["edge"]) == "first"

    def edge(period: tuple[date | datetime, date | datetime, str]) -> date:
        d = period[0] if first else period[1]
        return d.date() if isinstance(d, datetime) else d

    day, how, confidence = edge(span), f"{v.how}, its {'first' if first else 'last'} day", v.confidence
    if v.anchor is not None and v.anchor.kind == "publication" and ctx.dct is not None and day > ctx.dct \
            and _told_in_past(ctx) and (back := shift(day, -1, span[2])) and (before := interval_of(value_for(back, span[2]))):
        day, how, confidence = edge(before), f"{how} of the {span[2]} before: a past verb cannot tell of a day still ahead", "default"
    return replace(v, value=day.isoformat(), mod=None, how=how, confidence=confidence, sets_ref=v.sets_ref)


def _told_in_past(ctx: _Context) -> bool:
    """The current mention's clause is past, or it ends a stretch a past verb tells ("lasted until")."""
    return ctx.tense() == "past" or _bound_by_past(ctx) is not None


def _told_past_but_ahead(ctx: _Context, value: str, mod: str | None) -> bool:
    """'the end of the year' in a past clause when that end is still ahead of the page: the past
    tense tells of a part of the period that has come, so the period is not the page's own."""
    if mod is None or ctx.dct is None or not _told_in_past(ctx):
        return False
    span = interval_of(value)
    if span is None:
        return False
    first = narrow(span[0], span[1], mod)[0]
    return (first.date() if isinstance(first, datetime) else first) > ctx.dct


def _resolve_relative(ctx: _Context, g: dict[str, str]) -> Value | None:
    """'last year', 'this week', 'the following year', 'earlier this month', 'the end of the year'."""
    mod = _mod(ctx, g)
    unit_word = g["unit"].lower()
    letter, unit = _unit_of(ctx, unit_word)
    rel = " ".join(g.get("rel", "").lower().split())  # no word: the current one
    if rel == "the" and "rel_after" in g:  # "the week ahead": "the coming week"
        rel = ctx.word("rel_after", g["rel_after"])
    # "recent months" and "past years" are spans; so is "the next decade" that something happens
    # over or for (words.span_rel), and "the next week" something is to happen in ("span_ahead":
    # only from the writer's present, "is expected to pay in the next week"; "in the next week,
    # the army advanced" is the week after the story's last date). "The past year" is last year,
    # as "in the last week" is last week (the TimeML reading), but "the past decade" is the ten
    # years up to now: an entry for the relative word with its unit ("the past decade") says so for
    # that unit alone.
    before = _word_before(ctx, ctx.mention.start)  # type: ignore[union-attr]
    span_when = {*(ctx.word("span_rel", rel) or ()), *(ctx.word("span_rel", f"{rel} {unit_word}") or ())}  # type: ignore[misc]
    said = _before_kinds(ctx.grammar, before) & span_when
    spans = "always" in span_when or bool(said - {"span_ahead"}) or ("span_ahead" in said and ctx.dct is not None and (
        ctx.speaker_time() or ctx.tenses.ahead_before(ctx.mention.start)))  # type: ignore[union-attr]
    if spans and letter != "WE":
        span = _resolve_duration(ctx, {"num": "1", "unit": unit_word})
        return span and Value(span.value, type="DURATION", mod=mod, how=f"'{rel} {unit_word}' is a span", sets_ref=False)
    offset, anchoring = ctx.word("rel", rel) or (0, "deictic")  # type: ignore[misc]
    if unit == "decade" and anchoring == "anaphoric" and (named := _decade_named_last(ctx)) is not None:
        return _decade_from(ctx, named, offset, mod)
    if offset == -1 and letter == "Y" and _same_period_before(ctx):
        return _resolve_offset(ctx, {"num": "1", "unit": unit_word, "dir": "earlier"})
    points = ctx.word("pointing", rel) or ()  # type: ignore[var-annotated]
    if anchoring == "anaphoric" and letter == "WE" and "WE" in points and not ctx.narrative_doc and \
            ctx.tense() == "future" and not ctx.tenses.looks_back(ctx.mention.start, ctx.mention.end):  # type: ignore[union-attr]
        anchoring = "deictic"  # "results are expected by the weekend": the coming one, not the story date's
    base = ctx.narrative() if anchoring == "anaphoric" else _with_desc(ctx.deixis())
    if base is None:
        return Value("XXXX", mod=mod, anchor=Anchor("none"), how="no publication date", sets_ref=False)
    day, anchor, desc = base
    if letter == "Q" and "Q" in points:
        return _the_quarter(ctx, mod)
    if anchoring == "anaphoric" and ctx.ref is not None and ctx.ref.granularity not in _AS_FINE.get(letter, (ctx.ref.granularity,)):
        # "the same week" after "in 2021" is some week of 2021, not the one holding 1 January; "earlier
        # in the week" in a report (words.pointing "W") is the page's week
        if "W" not in points or ctx.narrative_doc or ctx.dct is None:
            return ctx.somewhere_in_ref(unit)
        return Value(value_for(ctx.dct, unit), mod=mod, anchor=ctx.dct_anchor(), certainty="approximate",
                     how=f"the week of the publication date ({human(ctx.dct)}): {desc} names no week")
    d = shift(day, offset, unit)
    if d is not None and letter == "WE" and "WE" in points and d.weekday() < 5 and ctx.tense() != "future":
        d = plus_days(d, -7)  # "over the weekend", told on a weekday: the one just gone
    if d is None:
        return None
    moved = {-1: "before", 0: "of", 1: "after"}.get(offset, "from")
    if "day" in g and unit == "month":  # "the 21st of this month"
        named = make_date(d.year, d.month, day_number(g["day"]))
        return named and Value(named.isoformat(), mod=mod, anchor=anchor,
                               how=f"day {named.day} of the month {moved} {desc}")
    value = week_value(d) + "-WE" if letter == "WE" else value_for(d, unit)
    if letter == "W" and offset == 0 and anchoring == "anaphoric" and _on_week_edge(ctx, day):
        if ctx.dct is not None and 0 < (ctx.dct - day).days <= 6:  # written in the week that day opens
            return Value(value_for(ctx.dct, "week"), mod=mod, anchor=ctx.dct_anchor(),
                         how=f"the week of the publication date ({human(ctx.dct)}), which {desc} opens")
        return Value(value, mod=mod, anchor=anchor, certainty="approximate", sets_ref=False,
                     how=f"the week of {desc}, a day that ends one week or opens the next")
    if offset == 0 and anchor.kind == "publication" and _told_past_but_ahead(ctx, value, mod):
        d = shift(day, -1, unit)  # "the ban lasted until the end of the year", told in March: last year's end
        return d and Value(value_for(d, unit), mod=mod, anchor=anchor, confidence="default", sets_ref=False,
                           how=f"the {unit} before {desc}: a past verb cannot tell of this {unit}'s part still ahead")
    side = ctx.grammar.words.get("mod_around_day", {}).get(" ".join(g.get("mod", "").lower().split()))
    on_a_day = anchor.kind == "publication" or (ctx.ref is not None and ctx.ref.granularity == "day")
    within = _cut_at_day(side, value, day) if offset == 0 and on_a_day else None  # not from 'January 1946': no day
    cut = "" if within is None else f", {'up to' if side == 'before' else 'from'} that day"
    return Value(value, mod=mod, anchor=anchor, how=f"the {unit} {moved} {desc}{cut}", sets_ref=offset >= 0, within=within)


def _decade_named_last(ctx: _Context) -> Ref | None:
    """The decade the text named last ("the 2000s"), when no date was placed after it: what "the
    decade", "that decade" or "the following decade" is about, not the decade of publication."""
    named = ctx.decade_ref
    if named is None or (ctx.ref is not None and ctx.ref.end > named.end):
        return None
    return named


def _decade_from(ctx: _Context, named: Ref, offset: int, mod: str | None) -> Value:
    """'the decade' (offset 0), 'the following decade' (1): counted from the decade named before."""
    value = f"{int(named.stated) + offset:03d}"
    moved = {-1: "before", 0: "of", 1: "after"}.get(offset, "from")
    return Value(value, mod=mod, anchor=ctx.ref_anchor(named), sets_ref=False,
                 how=f"the decade {moved} '{named.text}' ({named.stated}0s), the decade named before it")


def _cut_at_day(side: str | None, value: str, day: date) -> tuple[date, date] | None:
    """'earlier this year', 'later this month' (words.mod_around_day ``side``): the period up to
    ("before"), or from ("after"), the day it is counted from, when that day is inside it; None
    for any other premodifier."""
    span = interval_of(value) if side else None
    if span is None or isinstance(span[0], datetime) or not span[0] <= day <= span[1]:  # type: ignore[operator]
        return None
    return (span[0], day) if side == "before" else (day, span[1])  # type: ignore[return-value]


def _same_period_before(ctx: _Context) -> bool:
    """'in the same period last year' ([guard_words].same_period_before): the period the report
    is about, a year back, as "a year earlier" is, not the whole of the year before publication."""
    return _said_before(ctx, ctx.grammar.guard_words.get("same_period_before", ()))


# characters right before a mention in which a guard list's phrase is looked for ("marks the third human
# mission from Florida in")
PHRASE_REACH = 56


# At most one word between the start of a sentence (of the text, after a sentence's end or a line
# break) and the date: "Last year, ...", "But this year ...".
_OPENING = re.compile(r"(?:^|[.!?][\"”’)]*\s+|\n\s*)(?:\w+,?\s+)?$")
OPENING_REACH = 30  # characters before a date in which its sentence's start is looked for


def _opens_sentence(text: str, m: Mention) -> bool:
    """Does ``m`` open its sentence, as the whole clause's time and not a noun's ("last year's
    winner")?"""
    return _OPENING.search(text, max(0, m.start - OPENING_REACH), m.start) is not None \
        and not POSSESSIVE.match(text, m.end)


def _phrases(grammar: Grammar, key: str) -> tuple[str, ...]:
    """A guard list of phrases in which a space stands for any white space."""
    return _spaced(tuple(grammar.guard_words.get(key, ())))


@lru_cache(maxsize=64)
def _spaced(phrases: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(p.replace(" ", r"\s+") for p in phrases)


@lru_cache(maxsize=64)
def _last_words(phrases: tuple[str, ...]) -> frozenset[str]:
    return frozenset(p.split()[-1].lower() for p in phrases)


def _ends_phrase_word(ctx: _Context, m: Mention, key: str) -> bool:
    """Is the word right before ``m`` the last word of one of guard list ``key``'s phrases? The
    cheap test before the phrase search, asked of every date ("since" for "its highest since")."""
    return _word_before(ctx, m.start) in _last_words(tuple(ctx.grammar.guard_words.get(key, ())))


def _is_baseline(ctx: _Context, m: Mention) -> bool:
    """Is ``m`` the baseline of a comparison ("its highest level since 2008", "his first win since the 2019
    season": [guard_words].baseline_before, a determiner allowed between)? Nothing is told to happen then."""
    phrases = _phrases(ctx.grammar, "baseline_before")
    if _ends_phrase_word(ctx, m, "baseline_before"):
        return _said_before(ctx, phrases)
    word = _word_before(ctx, m.start)
    return word in ctx.grammar.guard_words.get("determiners", ()) and \
        _said_before(ctx, tuple(rf"{p}\s+{word}" for p in phrases))


def _said_before(ctx: _Context, phrases: tuple[str, ...], reach: int = PHRASE_REACH) -> bool:
    """Does one of ``phrases`` (patterns, ignoring case) end right before the current mention, in the
    ``reach`` characters before it? A window without any word every match needs is not searched."""
    assert ctx.mention is not None
    start = ctx.mention.start
    lo = max(0, start - reach)
    pattern, needed = _phrase_search(phrases)
    if needed is not None and needed.search(ctx.text, lo, start) is None:
        return False
    return pattern.search(ctx.text, lo, start) is not None


@lru_cache(maxsize=64)
def _phrase_search(phrases: tuple[str, ...]) -> tuple[re.Pattern[str], re.Pattern[str] | None]:
    """The pattern of ``phrases`` ending right before a mention, and a search for the words one of which
    each of its matches holds (needles.py), or None when there are none."""
    pattern = words_pattern(r"\b(?:WORDS)\s+$", phrases, re.IGNORECASE)
    found = needles(pattern)
    return pattern, needle_search(found) if found else None


# The granularities of a reference that name a day (unit letter "D"), a week ("W") or a month ("M"), so "the same
# day" or "that week" can count from it; after a coarser one the text names no such day, week or month.
_AS_FINE = {"D": ("day", "hour", "minute"), "W": ("week", "day", "hour", "minute"),
            "M": ("month", "week", "day", "hour", "minute")}


def _on_week_edge(ctx: _Context, day: date) -> bool:
    """Is ``day``, the day the narrative is at, one that ends the ISO week but opens the week of
    everyday use (words.week_edge: Sunday)? Then "the week" counted from it is ambiguous: "The Titan
    vanished on Sunday. Earlier in the week, ..." on a Thursday page is that Thursday's week. Not the
    publication day itself: "in the week to Sunday" on a Sunday page is the week it ends."""
    ref = ctx.ref
    return ref is not None and ref.day == day != ctx.dct and ref.granularity == "day" and \
        day.weekday() in ctx.grammar.words.get("week_edge", {}).values()


def _as_rough_as(ref: Ref) -> Certainty:
    """The certainty of a period read from ``ref``: "a year ago" after a company's own third quarter,
    read only roughly, is as rough."""
    return "approximate" if ref.approximate else "inferred"


def _the_quarter(ctx: _Context, mod: str | None) -> Value | None:
    """'the quarter' in a report is the quarter it is about: the one the text last named, else
    the quarter of the date it is at, else the last full quarter before publication."""
    period = ctx.period_compared()
    if period is not None:
        return Value(value_for(period.day, "quarter"), mod=mod, anchor=ctx.ref_anchor(period),
                     certainty=_as_rough_as(period), how=f"the quarter '{period.text}'")
    ref = ctx.ref
    if ref is not None and ref.granularity in {"day", "week", "month"}:
        return Value(value_for(ref.day, "quarter"), mod=mod, anchor=ctx.ref_anchor(ref), how=f"the quarter of '{ref.text}'")
    if ctx.dct is None:
        return Value("XXXX-QX", mod=mod, anchor=Anchor("none"), how="no publication date", sets_ref=False)
    last = shift(ctx.dct, -1, "quarter")
    if last is None:
        return None
    return Value(value_for(last, "quarter"), mod=mod, anchor=ctx.dct_anchor(),
                 how=f"the last full quarter before the publication date ({human(ctx.dct)})")


def _after_span_phrase(ctx: _Context) -> bool:
    """'the first time in five years': the count is how long something has not happened
    (the phrases right before "in N years" are [guard_words].span_before_ahead)."""
    return _said_before(ctx, _phrases(ctx.grammar, "span_before_ahead"))


_DAY_KINDS = ("day_word", "weekday", "month")
_CLOCK_UNITS = {"hour", "minute", "second"}  # "in 5 minutes" is today whatever the verb


def _offset_base(ctx: _Context, g: dict[str, str], unit: str, anchoring: str) -> tuple[date, Anchor, str] | None:
    """What an offset counts from: the day it names ("two days after tomorrow"), the narrative
    ("two days later"), or the publication date ("three years ago", "in 3 hours")."""
    if any(k in g for k in _DAY_KINDS):
        named = {k: g[k] for k in ("day_word", "weekday", "rel", "month", "day") if k in g}
        kind = "deictic" if "day_word" in g else "weekday" if "weekday" in g else "date"
        v = RESOLVERS[kind](ctx, named)
        if v is None or not _DAY_VALUE.fullmatch(v.value):
            return None
        day = date.fromisoformat(v.value)
        return day, v.anchor or ctx.dct_anchor(), f"{human(day)}"
    if anchoring == "anaphoric":
        if unit == "month" and ctx.ref is not None and ctx.ref.granularity not in _AS_FINE["M"]:
            return None  # "three months later" after "In 2014": some month, not three months after 1 January
        base = ctx.narrative(day_level=unit in {"day", "week", "hour", "minute", "second"})
        if base is None and ctx.ref is None:  # "two days later" before any date: from publication, a guess
            return _with_desc(ctx.deixis())
        return base
    return _with_desc(ctx.deixis())


def _resolve_offset(ctx: _Context, g: dict[str, str]) -> Value | None:
    """'three years ago', 'two days later', 'a year earlier', 'in five days', 'two days after tomorrow'."""
    if "low" in g:  # "in 1-2 hours": a compact range is valued at its start
        g = {**g, "num": g["low"]}
    mod = ctx.word("approx", g.get("approx"))
    n = ctx.grammar.number(g["num"], "half_before" in g)
    if n is not None and "half_of" in g:  # "half an hour ago"
        n /= 2
    _, unit = _unit_of(ctx, g["unit"].lower())
    if "ahead" in g:  # "in five days" on its own; "will be ready in five years" stays a duration
        assert ctx.mention is not None
        if unit == "quarter":  # "in some quarters" is not a time
            return None
        if n is None or ctx.tense() == "past" or (ctx.tense() == "future" and unit not in _CLOCK_UNITS) or \
                _after_span_phrase(ctx):
            span = _resolve_duration(ctx, g)
            return span and replace(span, type="DURATION")
        sign, anchoring = 1, "deictic"
    else:
        sign, anchoring = ctx.word("direction", g["dir"])  # type: ignore[misc]
    if sign < 0 and anchoring == "deictic" and "stamp" in _before_kinds(ctx.grammar, _word_before(ctx, ctx.mention.start)):  # type: ignore[union-attr]
        # "Updated 21 hours ago" counts from when the page was shown, which the text does not say
        return Value("PAST_REF", mod=mod, anchor=Anchor("none"), certainty="approximate", sets_ref=False,
                     how="a page stamp counted from when the page was shown, not from the text")
    if anchoring == "anaphoric" and not any(k in g for k in _DAY_KINDS) and _quoted_apart(ctx):
        span = _resolve_duration(ctx, g)  # '“... about 10 minutes later, entered Macy's”': the speaker's own story
        return span and replace(span, type="DURATION", how="a span in a quotation, whose story the text does not date")
    base = _offset_base(ctx, g, unit, anchoring)
    if base is None:
        return ctx.somewhere_in_ref(unit if unit in {"week", "month"} else "day")
    day, anchor, desc = base
    guessed: Confidence = "default" if anchoring == "anaphoric" and anchor.kind == "publication" else "cue"
    if guessed == "default" and sign > 0 and unit in _YEARS and ctx.tense() != "future":
        # "Two decades later, the idea became reality", "A century later, the pandemic seems remote",
        # with no date of the story to count from: what it counts from is untold, and years past the
        # publication date need a verb that looks ahead (a few days past it stay a guess, flagged as
        # one: the story may be the page's own week)
        return Value("XXXX", mod=mod, anchor=Anchor("none"), sets_ref=False,
                     how="counted from a time the text has not named")
    if n is not None and unit in _CLOCK_UNITS and anchoring == "anaphoric" and not any(k in g for k in _DAY_KINDS) \
            and (clock := ctx.clock_of(day)) is not None and clock.moment is not None \
            and (at := plus_clock(clock.moment, sign * n, unit)) is not None:
        # "more than an hour later" after "7:55 p.m.": a clock time, not just its day
        return Value(f"{at:%Y-%m-%dT%H:%M}", type="TIME", mod=mod, anchor=ctx.ref_anchor(clock),
                     how=f"{_count_of(n, unit)} {'before' if sign < 0 else 'after'} "
                         f"'{clock.text}' ({clock.moment:%H:%M})", sets_ref=sign > 0)
    if n is None:
        ref_value = "PAST_REF" if sign < 0 else "FUTURE_REF"
        return Value(ref_value, mod=mod, anchor=anchor, how=f"an unspecified time {'before' if sign < 0 else 'after'} {desc}", sets_ref=False)
    if unit in {"hour", "minute", "second"}:  # "36 hours earlier" is a day and a half back: the day before
        hours = n / {"hour": 1, "minute": 60, "second": 3600}[unit]
        unit, n = "day", int(hours / 24 + 0.5) if hours >= 24 else 0
    if unit == "year" and (period := ctx.period_compared()) is not None and (
            d := shift(period.day, sign * n, "year")) is not None:
        return Value(value_for(d, "quarter"), mod=mod, anchor=ctx.ref_anchor(period), sets_ref=False,
                     certainty=_as_rough_as(period), how=f"the same quarter {_fmt_number(n)} year{'s' if n != 1 else ''} {'before' if sign < 0 else 'after'} '{period.text}'")
    within = g.get("this_unit", "").lower() if unit in _YEARS else ""  # "25 years ago this month"
    if "this_day" in g and unit in _YEARS | {"month", "week"}:  # "five years ago today": that very day
        within = "day"
    granularity = "day" if any(k in g for k in _DAY_KINDS) else within or \
        {"decade": "year", "century": "year", "millennium": "year"}.get(unit, unit)
    step = unit if unit != "millennium" else "century"
    d = shift(day, sign * n, step)
    phrase = f"{_count_of(n, unit)} {'before' if sign < 0 else 'after'} {desc}"
    if within == "day":
        phrase += ", on the same day"
    elif within:  # that year's month (or week) of the date counted from
        phrase += f", in its {granularity}"
    if d is None:
        return _beyond_calendar(day, sign * n, step, anchor, phrase, mod)
    if _later_than_told(ctx, d, sign, unit, anchor):
        return Value("XXXX", mod=mod, anchor=Anchor("none"), sets_ref=False,
                     how=f"{phrase} would be after the publication date, which a clause that does not look ahead cannot tell")
    # "eight decades ago", "half a century ago": a round count of decades names no year exactly
    rough: Certainty = "approximate" if unit in _ROUND_UNITS and not within else "inferred"
    return Value(value_for(d, granularity), mod=mod, anchor=anchor, certainty=rough, how=phrase, sets_ref=sign > 0,
                 confidence=guessed)


def _later_than_told(ctx: _Context, d: date, sign: int, unit: str, anchor: Anchor) -> bool:
    """'A year later, little has changed' after a date of this week: counted from the date before it,
    the years land after the publication date, which a past or present clause cannot tell of; the text
    counts from a time it has not named (the event it is about)."""
    counted_from_text = anchor.kind == "expression" and not (anchor.value or "").startswith("BC")  # BC: a proxy year
    return sign > 0 and counted_from_text and unit in _YEARS and ctx.dct is not None and \
        d.year > ctx.dct.year and ctx.tense() in {"past", "present"}


_DECADE_VALUE = re.compile(r"[0-9]{3}")  # a decade's TIMEX3 value ("200" is the 2000s)
_YEARS = {"year", "decade", "century", "millennium"}
_ROUND_UNITS = _YEARS - {"year"}  # units an offset counts only roughly in, though its value is a year


def _count_of(n: float, unit: str) -> str:
    """'3 years', '1 century', '0.5 centuries': a count of a calendar unit, for an explanation."""
    if n == 1:
        return f"1 {unit}"
    plural = unit[:-1] + "ies" if unit.endswith("y") and unit[-2] not in "aeiou" else unit + "s"
    return f"{_fmt_number(n)} {plural}"


def _quoted_apart(ctx: _Context) -> bool:
    """Whether the current mention is inside a quotation and the narrative's date outside it: the
    speaker's "ten minutes later" counts from a moment of their own story, not from the text's."""
    m, ref = ctx.mention, ctx.ref
    if m is None or ref is None or ctx.narrative_doc:  # a history's quotes are dated by the history
        return False
    opening = ctx.marks.quote_opening(m.start)
    return opening is not None and ref.end <= opening


def _beyond_calendar(day: date, amount: float, unit: str, anchor: Anchor, phrase: str, mod: str | None) -> Value | None:
    """'2500 years ago' lands before year 1: only its year can be written ('BC0489', in TIMEX3's
    BC notation), and only roughly when the count was in days or weeks. Counted from a BC date's
    proxy year (values.ERA_SHIFT), the year is moved back here: the driver's unshift reads digits only."""
    year = year_after(day.year, years_in(amount, unit))
    if year is None:
        return None
    if anchor.kind == "expression" and (anchor.value or "").startswith("BC"):
        year -= ERA_SHIFT
    value = year_value(year)
    rough = unit in {"day", "week"} or value.endswith("_REF")
    return Value(value, mod=mod or ("APPROX" if rough and not value.endswith("_REF") else None), anchor=anchor,
                 certainty="approximate" if rough else "inferred", how=f"{phrase}, beyond the calendar Python can hold",
                 sets_ref=False)


def _resolve_anaphor(ctx: _Context, g: dict[str, str]) -> Value | None:
    """'the following day', 'that day', 'the next morning', 'the day before the landing'."""
    rel = " ".join(g["rel"].lower().split())
    unit_word = (g.get("unit") or "day").lower()
    offset, unit = ctx.word("rel_unit", rel) or ((ctx.word("rel", rel) or (0,))[0], "day")  # type: ignore[index, misc]
    if "event" in g and ctx.near_ref() is None:  # "the day after the battle", and no battle date nearby
        return ctx.somewhere_in_ref(unit) if ctx.ref is not None else None
    alone = unit == "year" and "unit" not in g and "event" not in g  # "up from 480 the year before"
    base = _named_in_sentence(ctx) if alone else ctx.narrative(day_level=unit == "day")
    if base is None:
        return None
    day, anchor, desc = base
    d = shift(day, offset, unit)
    if d is None:
        return None
    value = value_for(d, unit)
    pod = ctx.word("pod", unit_word)
    what = {-1: f"1 {unit} before", 0: "the same day as", 1: f"1 {unit} after"}[offset] if unit == "day" else \
        {-1: f"the {unit} before", 0: f"the same {unit} as", 1: f"the {unit} after"}[offset]
    if pod:
        return Value(f"{value}T{pod}", type="TIME", anchor=anchor, how=f"{what} {desc}")
    return Value(value, anchor=anchor, how=f"{what} {desc}")


def _named_in_sentence(ctx: _Context) -> tuple[date, Anchor, str] | None:
    """What "the year before" with nothing after it counts from: a date the sentence named before it
    ("528 jets in 2023, up from 480 the year before"). The story's date further back may be another
    than the one compared with ("revenues dropped last year, down from $450 million the year before",
    after a day in August): None then, no date."""
    ref = ctx.same_sentence_ref()
    if ref is None:
        return None
    shown = ref.value if ref.shift else human(ref.day, ref.granularity)
    return ref.day, ctx.ref_anchor(ref), f"'{ref.text}' ({shown})"


def _resolve_soon_after(ctx: _Context, g: dict[str, str]) -> Value | None:
    """'shortly thereafter', 'soon afterwards': about when the text last placed a day (or a finer
    time), at that precision ("Friday morning"), if it did so in this sentence or the one before."""
    ref = ctx.near(ctx.placed)
    if ref is None or ref.granularity != "day" or not ref.stated:
        return None
    return Value(ref.stated, type="TIME" if "T" in ref.stated else None, anchor=ctx.ref_anchor(ref),
                 how=f"soon after '{ref.text}'", sets_ref=False)


def _clock(ctx: _Context, g: dict[str, str]) -> tuple[int, int] | None:
    if "clockword" in g:  # "noon", "midnight": words.clock_word
        return int(ctx.word("clock_word", g["clockword"])), 0  # type: ignore[call-overload]
    hour = int(g["hour"])
    minute = int(g.get("minute", 0))
    ampm = "".join(g.get("ampm", "").lower().replace(".", "").split())  # "p. m.", "p.\nm."
    if ampm:  # "12 a.m." is 0:00, "3 p.m." 15:00 (words.half_day: the hours a half of the day adds)
        half = ctx.word("half_day", ampm)
        if half is None or not 1 <= hour <= 12:
            return None
        hour = hour % 12 + int(half)  # type: ignore[call-overload]
    if hour > 24 or minute > 59:
        return None
    return hour, minute


def _night_before(ctx: _Context, g: dict[str, str], day: Value) -> Value | None:
    """'through the night and into Monday morning': a night that runs into the day named after it is
    the night of the day before ([guard_words].night_into); None for any other part of the day."""
    m, owner = ctx.mention, ctx.owner
    if m is None or owner is None or owner.start < m.end or ctx.word("pod", g.get("pod")) != "NI" \
            or not _DAY_VALUE.fullmatch(day.value):
        return None
    into = words_pattern(r"\s*(?:WORDS)\s*", ctx.grammar.guard_words.get("night_into", ()), re.IGNORECASE)
    before = plus_days(date.fromisoformat(day.value), -1)
    if not into.fullmatch(ctx.text, m.end, owner.start) or before is None:
        return None
    return Value(before.isoformat(), anchor=day.anchor, confidence=day.confidence,
                 how=f"the night that runs into '{owner.text}', the day before it")


def _day_of(ctx: _Context, g: dict[str, str]) -> Value | None:
    """The calendar day a time of day belongs to: named in the match, or the narrative's day."""
    if "weekday" in g:
        rel = {"rel": g["rel"]} if ctx.word("weekday_rel", g.get("rel")) is not None else {}
        return _resolve_weekday(ctx, {"weekday": g["weekday"], **rel})
    if "day_word" in g:
        word = g["day_word"].lower()
        if (part := ctx.word("pod_word", word)) is not None:  # "tonight": today's night
            told_past = len(part) > 2 and ctx.tense() == "past"  # type: ignore[arg-type]
            if told_past and (placed := ctx.placed_in_sentence()) is not None:  # "landfall late Monday and weakened overnight"
                return Value(placed.day.isoformat(), anchor=ctx.ref_anchor(placed),
                             how=f"the night of '{placed.text}', earlier in its sentence")
            word = part[2 if told_past else 0]  # type: ignore[index]  # "removed overnight": last night
        return _resolve_deictic(ctx, {"day_word": word})
    if "month" in g or "month_after" in g:  # "5 p.m. Nov. 9", "3:30pm Thursday 22 June": the date, its weekday a check
        named = {"month": g.get("month") or g["month_after"], "day": g.get("day") or g["day_first"],
                 **{k: g[k] for k in ("year",) if k in g}}
        return _resolve_date(ctx, {**named, "weekday": g["on_weekday"]} if "on_weekday" in g else named)
    rel = g.get("rel", "").lower()
    day_of = ctx.word("pod_rel", rel) if rel else "named"  # words.pod_rel: "the", "last", "that night"
    if day_of == "named" and ctx.owner_day is not None:
        return _night_before(ctx, g, ctx.owner_day) or ctx.owner_day
    if day_of is not None and day_of not in POD_DAYS:  # a day word: "last night" is yesterday's
        return _resolve_deictic(ctx, {"day_word": str(day_of)})
    if day_of == "named" and "pod" in g and (placed := ctx.placed_in_sentence()) is not None:  # "An hour later, ... for the night"
        return Value(placed.day.isoformat(), anchor=ctx.ref_anchor(placed), how=f"the day of '{placed.text}', earlier in its sentence")
    if day_of == "narrative" or (ctx.far_from_dct() and ctx.ref is not None):
        base = ctx.narrative(day_level=True)
        if base is None:
            return None
        return Value(base[0].isoformat(), anchor=base[1], how=f"the day of {base[2]}")
    if (old := _told_long_before(ctx)) is not None:
        return Value("XXXX-XX-XX", anchor=Anchor("none"), sets_ref=False,
                     how=f"told in the past after '{old.text}', long before publication: its day is the story's, which the text does not give")
    itself = next(w for w, n in ctx.grammar.words["day_word"].items() if n == 0)  # "today"
    today = _resolve_deictic(ctx, {"day_word": itself})
    return today and replace(today, confidence="default", how=f"no day named near it: {today.how}")


STALE_DAYS = 31  # a day told this long before publication is no day a bare past "at 4 a.m." is the page's


def _told_long_before(ctx: _Context) -> Ref | None:
    """'On Jan. 4, 2018, our house was hit by fire. ... At 4 a.m., a fire started': a bare clock time
    told in the past after a day long before publication belongs to the story, not to the page's
    day; the text does not say which day (the day named, the night before, the morning after)."""
    ref = ctx.ref
    if ref is None or ref.granularity != "day" or ctx.dct is None or ctx.tense() != "past":
        return None
    return ref if (ctx.dct - ref.day).days > STALE_DAYS else None


def _resolve_time(ctx: _Context, g: dict[str, str]) -> Value | None:
    day = _day_of(ctx, g)
    if day is None:
        return None
    mod = _mod(ctx, g)
    if "pod" in g:
        pod = ctx.word("pod", g["pod"])
        return Value(f"{day.value}T{pod}", mod=mod, anchor=day.anchor, certainty=day.certainty, how=day.how,
                     confidence=day.confidence)
    if "day_word" in g and (part := ctx.word("pod_word", g["day_word"])) is not None:  # "tonight"
        return Value(f"{day.value}T{part[1]}", anchor=day.anchor, how=day.how)  # type: ignore[index]
    clock = _clock(ctx, g)
    if clock is None:
        return None
    hour, minute = clock
    if _twelve_hour(ctx, g, hour):  # "Around 8:25 EST": a.m. or p.m.?
        half = ctx.word("pod_half", g.get("day_part"))
        if half is None:  # nothing says which: the day only, not a guessed hour
            return Value(day.value, mod=mod, anchor=day.anchor, certainty="approximate", confidence=day.confidence,
                         how=f"{day.how}; the hour is not said to be a.m. or p.m., so only its day")
        hour = hour % 12 + int(half)  # type: ignore[call-overload]
    if day.value.startswith("XXXX"):
        return Value(f"XXXX-XX-XXT{hour:02d}:{minute:02d}", mod=mod, anchor=Anchor("none"), how="no date for this time", sets_ref=False)
    if _after_stamp(ctx, g, day.value, hour, minute) and (before := plus_days(date.fromisoformat(day.value), -1)):
        written = f"{ctx.stamp:%H:%M}" if ctx.stamp is not None else "any time of its day"
        return Value(f"{before.isoformat()}T{hour:02d}:{minute:02d}", mod=mod, anchor=day.anchor, confidence=day.confidence,
                     how=f"{day.how}, but told in the past and later than the page's own time "
                         f"({written}): the day before")
    return Value(f"{day.value}T{hour:02d}:{minute:02d}", mod=mod, anchor=day.anchor, how=day.how,
                 confidence=day.confidence)


_TWELVE_HOUR = r"(?<![\d:])[1-9]:\d\d\s+(?-i:WORDS)\b|(?<![\d:])1[0-2]:\d\d\s+(?-i:WORDS)\b"


def _twelve_hour(ctx: _Context, g: dict[str, str], hour: int) -> bool:
    """A clock time with no a.m./p.m. in a zone whose clocks run in 12 hours ("8:25 EST", "9:30
    Eastern time"): 8:25 or 20:25 ([guard_words].twelve_hour_zones)."""
    if "ampm" in g or "clockword" in g or not 1 <= hour <= 12 or ctx.mention is None:
        return False
    zones = words_pattern(_TWELVE_HOUR, ctx.grammar.guard_words.get("twelve_hour_zones", ()), re.IGNORECASE)
    return zones.search(ctx.mention.text) is not None


def _after_stamp(ctx: _Context, g: dict[str, str], day: str, hour: int, minute: int) -> bool:
    """'The injury happened at 7:55 p.m.' on a page dated 11:12 a.m. that day, the day coming from
    another sentence (or from none): it happened the evening before. A day named with the time
    itself is kept. Without the page's time, midnight (24:00, words.clock_word) of the publication
    day is later than any: "the party began at midnight" is the midnight that began the day."""
    stamp, m, owner = ctx.stamp, ctx.mention, ctx.owner
    if m is None:
        return False
    if stamp is None:
        if hour < 24 or ctx.dct is None or day != ctx.dct.isoformat():
            return False
    elif day != stamp.date().isoformat() or (hour, minute) <= (stamp.hour, stamp.minute):
        return False
    if any(k in g for k in _DAY_KINDS) or (owner is not None and (owner.start > m.start or ctx.breaks.first(owner.end, m.start) is None)):
        return False
    return ctx.tense() == "past"


def _resolve_season(ctx: _Context, g: dict[str, str]) -> Value | None:
    season = str(ctx.word("season", g["season"]))
    mod = _mod(ctx, g)
    if "year_next" in g:
        return _season_across_years(season, int(g["year"]), int(g["year_next"]), mod)
    if "year" in g:
        year = f"BC{int(g['year']):04d}" if g.get("era", "").upper().startswith("B") else f"{int(g['year']):04d}"
        return Value(f"{year}-{season}", mod=mod, certainty="explicit", how="season and year named")
    rel = " ".join(g.get("rel", "").lower().split())
    offset, anchoring = ctx.word("rel", rel) or (0, "deictic")  # type: ignore[misc]
    base = ctx.narrative() if anchoring == "anaphoric" else _with_desc(ctx.deixis(narrative_aware=not rel))
    if base is None:
        return Value(f"XXXX-{season}", mod=mod, anchor=Anchor("none"), how="no publication date", sets_ref=False)
    day, anchor, desc = base
    if ctx.far_from_dct() and not rel and ctx.ref is not None:
        day, anchor, desc = ctx.ref.day, ctx.ref_anchor(ctx.ref), f"'{ctx.ref.text}'"
    if anchoring == "anaphoric" or ctx.far_from_dct():
        year = day.year + offset + (season == "WI" and day.month >= 7)  # the coming winter ends next year
        return Value(in_year(year, f"-{season}"), mod=mod, anchor=anchor, how=f"season in the year of {desc}")
    instances = []
    for year in range(day.year - 2, day.year + 2):
        span = interval_of(in_year(year, f"-{season}"))
        if span:
            instances.append((year, span[0], span[1]))
    if not rel and (ref := ctx.near(ctx.ref)) is not None and ref.year_named and \
            (year := _season_from(ref, season)) is not None:
        # "The scandal broke in the spring of 2018. By summer, ...": the story's season, not the last one
        return Value(in_year(year, f"-{season}"), mod=mod, anchor=ctx.ref_anchor(ref),
                     how=f"the {g['season'].lower()} at or after '{ref.text}'")
    tense = ctx.tense()
    # a bare "summer" is the last one unless the verb looks ahead; "this summer" the coming
    # or current one unless the verb looks back ("began trading this summer")
    looks_back = tense == "past" if rel else tense != "future"
    name = g["season"].lower()
    if rel and offset == 0 and looks_back:
        found, how = _nearest_season(instances, day), f"the {name} nearest {desc}"
    elif offset < 0 or (offset == 0 and looks_back):
        done = [i for i in instances if (i[2] < day if offset < 0 else i[1] <= day)]
        found = max(done, key=lambda i: i[1], default=None)
        how = f"the last {name} over before {desc}" if offset < 0 else f"the latest {name} begun by {desc}"
    elif offset > 0:
        found = min((i for i in instances if i[1] > day), key=lambda i: i[1], default=None)
        how = f"the next {name} to begin after {desc}"
    else:
        found = min((i for i in instances if i[2] >= day), key=lambda i: i[1], default=None)
        how = f"the {name} not yet over on {desc}"
    if found is None:  # at the calendar's edge
        return None
    return Value(in_year(found[0], f"-{season}"), mod=mod, anchor=anchor, how=how)


def _nearest_season(instances: list[tuple[int, date, date]], day: date) -> tuple[int, date, date] | None:
    """'was out of contract this summer', told in May: "this" is the season nearest the day, even one
    still to come (not last year's); as the verb looks back, one to come counts twice as far
    ("was signed this summer", told in January, is the summer gone)."""
    def distance(i: tuple[int, date, date]) -> int:
        return 2 * (i[1] - day).days if i[1] > day else (day - i[2]).days if i[2] < day else 0
    return min(instances, key=distance, default=None)


def _season_across_years(season: str, year: int, next_two: int, mod: str | None) -> Value | None:
    """'the winter of 1918-19' is the winter that ends in 1919 (a winter's value names the year of its
    January); another season across two years (a southern summer) is one the calendar cannot tell."""
    if season != "WI" or next_two != (year + 1) % 100:
        return None
    return Value(f"{year + 1:04d}-WI", mod=mod, certainty="explicit", how="a winter across the two years named")


def _season_from(ref: Ref, season: str) -> int | None:
    """The year of the first ``season`` that has not ended by the day ``ref`` placed."""
    for year in (ref.day.year - 1, ref.day.year, ref.day.year + 1):  # last year's winter runs into this one
        span = interval_of(in_year(year, f"-{season}"))
        if span and span[1] >= ref.day:
            return year
    return None


def _resolve_quarter(ctx: _Context, g: dict[str, str]) -> Value | None:
    """'the third quarter', 'Q3 2011', 'next year's first quarter', 'the year-ago third quarter',
    'last year's quarter' (the quarter under discussion, a year back)."""
    word = (g.get("quarter") or "").lower()
    q = int(g["qnum"]) if "qnum" in g else ordinal_number(word) if word else None
    if "qmonth" in g:  # "the April-June quarter", "the June quarter": the quarter that month ends
        month = ctx.word("month", g["qmonth"].rstrip("."))
        q = (int(month) - 1) // 3 + 1 if isinstance(month, int) else None  # type: ignore[call-overload]
    q = q if q in (1, 2, 3, 4) else None
    if q is None and not word:  # "last year's quarter", "the 1988 quarter"
        discussed = _the_quarter(ctx, None)
        q = int(discussed.value[-1]) if discussed and discussed.value[-1].isdigit() else None
    year_s = g.get("year") or g.get("fyear")
    if year_s and q:
        return Value(f"{int(year_s):04d}-Q{q}", certainty="explicit", how="quarter and year named")
    base = _with_desc(ctx.deixis())
    if base is None:
        return Value(f"XXXX-Q{q or 'X'}", anchor=Anchor("none"), how="no publication date", sets_ref=False)
    day, anchor, desc = base
    current = (day.month - 1) // 3 + 1
    if q is None:  # "the latest quarter", "the final quarter"
        d = shift(day, -1, "quarter")
        if d is None:
            return None
        return Value(value_for(d, "quarter"), anchor=anchor, how=f"the last full quarter before {desc}")
    if "rel_year" in g:
        year = day.year + ctx.word("rel", g["rel_year"])[0]  # type: ignore[index]
        return Value(in_year(year, f"-Q{q}"), anchor=anchor, how=f"quarter {q} of {g['rel_year'].lower()} year, from {desc}")
    # a fiscal quarter told as over whose number is the calendar's current one or later ("reported fiscal
    # fourth-quarter net income" in September) is neither this year's quarter of that number, not over
    # yet, nor last year's, reported long ago: it is the one just ended, which the last full one overlaps
    if q >= current and "ago" not in g and ctx.mention is not None and _fiscal(ctx, ctx.mention) \
            and ctx.tense() != "future" and (last := shift(day, -1, "quarter")) is not None:
        return Value(value_for(last, "quarter"), anchor=anchor,
                     how=f"fiscal quarter {q}, taken as the last full quarter before {desc}")
    year = day.year
    if q > current and (ctx.tense() != "future" or _reported(ctx)):
        year = day.year - 1
    if "ago" in g:
        return Value(in_year(year - 1, f"-Q{q}"), anchor=anchor, sets_ref=False,
                     how=f"quarter {q} of {year - 1}, a year before the most recent by {desc}")
    which = "the upcoming one" if q > current and year == day.year else "the most recent"
    value = in_year(year, f"-Q{q}")
    how = f"quarter {q} of {year}, {which} by {desc}"
    if (doubt := _calendar_quarter_doubt(ctx, value, day)) is not None:
        return Value(value, anchor=anchor, certainty="approximate", how=f"{how}; {doubt}")
    return Value(value, anchor=anchor, how=how)


def _calendar_quarter_doubt(ctx: _Context, value: str, day: date) -> str | None:
    """Why a quarter read as the calendar's may be a company's own fiscal one (None: no reason): told
    as over while the calendar's has not ended ("Q3 revenue declined", told in September: results come
    out once a quarter is over, so Esterline's is May-July). Its number is kept, and it is approximate."""
    span = interval_of(value)
    if span is None or ctx.tense() != "past" or (ctx.mention is not None and _fiscal(ctx, ctx.mention)):
        return None  # a fiscal one says so itself
    end = span[1].date() if isinstance(span[1], datetime) else span[1]
    return "told as over before the calendar's is: perhaps a fiscal quarter" if end >= day else None


def _reported(ctx: _Context) -> bool:
    """Is the quarter one whose results are reported ("will report fourth-quarter results next
    month": [guard_words].quarter_reported_before)? Results come out once a quarter is over, so the
    future tense of reporting them does not make it next year's."""
    return _said_before(ctx, ctx.grammar.guard_words.get("quarter_reported_before", ()))


def _resolve_half(ctx: _Context, g: dict[str, str]) -> Value | None:
    h = int(g["hnum"]) if "hnum" in g else int(ctx.word("half", g["half"]))  # type: ignore[call-overload]
    if year_s := g.get("year") or g.get("fyear"):
        return Value(f"{int(year_s):04d}-H{h}", certainty="explicit", how="half and year named")
    base = _with_desc(ctx.deixis())
    if base is None:
        return None
    day, anchor, desc = base
    year = day.year + (ctx.word("rel", g["rel_year"])[0] if "rel_year" in g else 0)  # type: ignore[index]
    if "rel_year" not in g and (day.month - 1) // 6 + 1 < h and ctx.tense() == "past":
        # "posted a loss for the second half" in January: a half not begun yet, told as over, is last year's (as a quarter is)
        return Value(in_year(year - 1, f"-H{h}"), anchor=anchor, how=f"half {h} of {year - 1}, the most recent by {desc}")
    return Value(in_year(year, f"-H{h}"), anchor=anchor, how=f"half of the year of {desc}")


def _resolve_duration(ctx: _Context, g: dict[str, str]) -> Value | None:
    letter, unit = _unit_of(ctx, g["unit"].lower())
    if letter == "WE":  # "two weekends" is no span TIMEX3 can write
        return None
    n = ctx.grammar.number(g["num"], "half_before" in g or "and_half" in g) if "num" in g else None
    if n is not None and "half_of" in g:  # "half an hour"
        n /= 2
    mod = ctx.word("approx", g.get("approx"))
    time_part = unit in {"hour", "minute", "second"}
    if letter.endswith("Y") and letter != "Y":  # decades and centuries count in years
        scale = int(letter[:-1])
        letter = "Y"
        n = n * scale if n is not None else None
    amount = _fmt_number(n) if n is not None else "X"
    if letter == "2W":
        letter, amount = "W", _fmt_number(2 * (n or 1)) if n is not None else "X"
    value = f"PT{amount}{letter}" if time_part else f"P{amount}{letter}"
    if n is not None and n != int(n):
        value = _split_fraction(n, letter, time_part) or value
    return Value(value, mod=mod, anchor=None, certainty="explicit" if n is not None else "approximate",
                 how="a span of time", sets_ref=False)


# A fraction of a unit is written in the next smaller one: "2 1/2 years" = P2Y6M (TIMEX3).
_SMALLER = {("Y", False): (12, "M", False), ("W", False): (7, "D", False), ("D", False): (24, "H", True),
            ("H", True): (60, "M", True), ("M", True): (60, "S", True)}


def _split_fraction(n: float, letter: str, time_part: bool) -> str | None:
    """'2.5 years' -> 'P2Y6M'; None when the fraction is not whole in the smaller unit."""
    if (letter, time_part) not in _SMALLER:
        return None
    factor, small, small_time = _SMALLER[(letter, time_part)]
    whole, rest = int(n), round((n - int(n)) * factor, 6)
    if rest != int(rest):
        return None
    big = f"{whole}{letter}" if whole else ""
    if time_part:
        return f"PT{big}{int(rest)}{small}"
    return f"P{big}T{int(rest)}{small}" if small_time else f"P{big}{int(rest)}{small}"


def _resolve_set(ctx: _Context, g: dict[str, str]) -> Value | None:
    if "adverb" in g:
        return Value(str(ctx.word("set_adverb", g["adverb"])), how="a repeating time", sets_ref=False)
    if "weekday" in g:
        return Value(f"XXXX-WXX-{weekday_number(g['weekday'], ctx.grammar) + 1}", how="every such weekday", sets_ref=False)
    if "month" in g:
        return Value(f"XXXX-{month_number(g['month'], ctx.grammar):02d}", how="every such month", sets_ref=False)
    if "pod" in g:
        return Value(f"XXXX-XX-XXT{ctx.word('pod', g['pod'])}", how="every such part of the day", sets_ref=False)
    unit_word = g["unit"].lower()
    if season := ctx.word("season", unit_word):
        return Value(f"XXXX-{season}", how="every such season", sets_ref=False)
    if unit_word == "season":
        return Value("XXXX-XX", how="every season", sets_ref=False)
    letter, unit = _unit_of(ctx, unit_word)
    if letter == "WE":
        return Value("XXXX-WXX-WE", how="every weekend", sets_ref=False)
    num = (g.get("num") or "").lower()
    n = ctx.word("every", num or None) or (ctx.grammar.number(num) or 1 if num else 1)  # "every other week"
    if letter.endswith("Y") and letter != "Y":
        n, letter = n * int(letter[:-1]), "Y"
    prefix = "PT" if unit in {"hour", "minute", "second"} else "P"
    return Value(f"{prefix}{_fmt_number(n)}{letter}", how="a repeating time", sets_ref=False)


def _resolve_anniversary(ctx: _Context, g: dict[str, str]) -> Value | None:
    """'the 20th anniversary of independence' falls on the date the text last named outright."""
    ref = ctx.explicit_ref if ctx.explicit_ref and ctx.explicit_ref.granularity == "day" else None
    if ref is None:
        return None
    return Value(ref.day.isoformat(), anchor=ctx.ref_anchor(ref),
                 how=f"falls on '{ref.text}' ({human(ref.day)}), the date the text last named", sets_ref=False)


def _resolve_holiday(ctx: _Context, g: dict[str, str]) -> Value | None:
    """'Thanksgiving', 'last Christmas', 'Easter week', 'Christmas 1963': like a partial date, but
    the day can move from year to year."""
    name = g["holiday"]
    when = str(ctx.word("holiday", name))

    def on(year: int) -> date | None:  # "Easter week": the Monday of that week
        d = holiday_date(when, year)
        return plus_days(d, -d.weekday()) if d and "week" in g else d

    def value(d: date) -> str:
        return week_value(d) if "week" in g else d.isoformat()

    if "year" in g:
        d = on(int(g["year"]))
        return Value(value(d), certainty="explicit", how="holiday and year named") if d else None
    rel = " ".join(g.get("rel", "").lower().split())
    base = _with_desc(ctx.deixis()) if rel else None
    if base is not None:
        now, anchor, desc = base
        days = [d for y in range(now.year - 1, now.year + 2) if (d := on(y))]
        offset = (ctx.word("rel", rel) or (0,))[0]  # type: ignore[index]
        if offset < 0:
            d, how = max((x for x in days if x < now), default=None), f"the last {name} before {desc}"
        elif offset > 0:
            d, how = min((x for x in days if x > now), default=None), f"the next {name} after {desc}"
        else:
            d, how = on(now.year), f"{name} in the year of {desc}"
        return Value(value(d), anchor=anchor, how=how) if d else None
    picked = _pick_year(ctx, on, "week" if "week" in g else "day")
    if picked is None:
        unknown = f"XXXX-{when}" if re.fullmatch(r"\d\d-\d\d", when) else "XXXX-XX-XX"
        return Value(unknown, anchor=Anchor("none"), how="no year: no publication date or narrative", sets_ref=False)
    year, anchor, why, confidence = picked
    d = on(year)
    return Value(value(d), anchor=anchor, how=why, confidence=confidence) if d else None


RESOLVERS: dict[str, Callable[[_Context, dict[str, str]], Value | None]] = {
    "date": _resolve_date, "decade": _resolve_decade, "century": _resolve_century,
    "weekday": _resolve_weekday, "deictic": _resolve_deictic, "relative": _resolve_relative,
    "offset": _resolve_offset, "anaphor": _resolve_anaphor, "time": _resolve_time,
    "season": _resolve_season, "quarter": _resolve_quarter, "half": _resolve_half,
    "duration": _resolve_duration, "set": _resolve_set,
    "anniversary": _resolve_anniversary, "holiday": _resolve_holiday, "soon_after": _resolve_soon_after,
}


# ------------------------------------------------------------------------ driver

def _resolution(m: Mention, v: Value, type_: str) -> Resolution:
    span = interval_of(v.dated or v.value) if type_ in {"DATE", "TIME"} and v.placed else None
    certainty: Certainty = "approximate" if v.mod in APPROXIMATE_MODS else v.certainty
    if span is None:
        return Resolution(None, None, None, certainty, m.rule.id, v.anchor, f"{m.text}: {v.how}", v.confidence)
    start, end = v.within or narrow_value(v.dated or v.value, span[0], span[1], v.mod)
    shown = human(span[0], span[2])
    return Resolution(start, end, span[2], certainty, m.rule.id, v.anchor, f"{m.text}: {shown}, {v.how}", v.confidence)


def _vague(ctx: _Context, value: str) -> Value:
    """'now', 'recently', 'in the future': TIMEX3's PRESENT_REF, PAST_REF, FUTURE_REF. A news
    clause that speaks of now ("one miner is now still missing") is dated by the publication
    date, roughly, and so is what can be done now ("can now walk out"); a history's "now" ("the
    army was now exhausted") and a plan ("will now try") are not."""
    how = "a vague reference to " + value.split("_")[0].lower() + " time"
    anchor = ctx.dct_anchor() if ctx.dct else None
    if value == "PRESENT_REF" and ctx.dct is not None and not ctx.narrative_doc and \
            ctx.tense() != "past" and not ctx.speaker_time():
        return Value(value, anchor=anchor, certainty="approximate", how=f"{how}: the publication date ({human(ctx.dct)})",
                     sets_ref=False, dated=ctx.dct.isoformat())
    return Value(value, anchor=anchor, certainty="approximate", how=how, sets_ref=False)


BOUND_REACH = 50  # characters before "until" in which the verb of the stretch it ends is looked for


def _word_before_at(ctx: _Context, kind: str) -> int | None:
    """Where the word right before the current mention starts, when it is of this words.word_before
    kind ("until": "bound"; "till", "to": "deadline"); None otherwise."""
    assert ctx.mention is not None
    start = ctx.mention.start
    word = _word_before(ctx, start)
    if kind not in _before_kinds(ctx.grammar, word):
        return None
    lo = max(0, start - WORD_BEFORE_REACH)
    return lo + ctx.text[lo:start].lower().rfind(word)


def _bound_ahead(ctx: _Context) -> re.Pattern[str]:
    return words_pattern(r"\b(?:WORDS)\b", ctx.grammar.guard_words.get("bound_ahead", ()), re.IGNORECASE)


def _bound_by_past(ctx: _Context) -> Tense | None:
    """"past" for a date that ends a stretch a past verb tells ("they survived on food drops until
    Saturday": words.word_before "bound"), where the bound word alone reads as the future; None
    when no such verb is there, or it pushes a deadline ahead ([guard_words].bound_ahead)."""
    at = _word_before_at(ctx, "bound")
    if at is None:
        return None
    verb = ctx.tenses.verb_before(at, BOUND_REACH)
    if verb is None or verb[0] != "past":
        return None
    return None if _bound_ahead(ctx).search(ctx.text, verb[1], at) else "past"


def _weekend_day(ctx: _Context, wd: int) -> tuple[Ref, date] | None:
    """A weekend named earlier in the weekday's own sentence ("this weekend is a sprint round, with a
    race on Saturday"): a Saturday or Sunday is that weekend's, whatever the tense says (the present
    put it in the weekend gone). Not a week: "this week" does not tell the Sunday before from the
    one after."""
    ref, m = ctx.ref, ctx.mention
    if ref is None or m is None or not ref.stated.endswith("-WE") or ref.end > m.start or \
            ctx.breaks.first(ref.end, m.start) is not None or (span := interval_of(ref.stated)) is None:
        return None
    first, last = span[0], span[1]
    found = plus_days(first, (wd - first.weekday()) % 7)
    return (ref, found) if found is not None and found <= last else None


_PERFECT_BEFORE = re.compile(r"\b(?:has|have|hasn['’]t|haven['’]t)(?:\s+not)?(?:\s+\w+ly)?\s+$", re.IGNORECASE)
PERFECT_REACH = 24  # characters before a past cue in which its "has"/"have" is looked for
PERFECT_VERB_REACH = 80  # characters before a "by" weekday in which that past cue is looked for


def _perfect_cue(ctx: _Context) -> bool:
    """Whether the past cue nearest before the mention is a present perfect's participle ("has not
    passed"): by a deadline ("by Friday night") that is what will or will not have happened then."""
    assert ctx.mention is not None
    verb = ctx.tenses.verb_before(ctx.mention.start, PERFECT_VERB_REACH)
    return verb is not None and verb[0] == "past" and \
        _PERFECT_BEFORE.search(ctx.text, max(0, verb[1] - PERFECT_REACH), verb[1]) is not None


def _fixture_before(ctx: _Context) -> bool:
    """'The derby is on Saturday': a fixture told in the present right before the weekday
    ([guard_words].fixture_before_weekday), which "is" alone reads as now, and now as the day gone.
    Not a possessive weekday: "the focus is on Saturday's result" may look back."""
    assert ctx.mention is not None
    if ctx.text.startswith(("'s", "’s"), ctx.mention.end):
        return False
    return _said_before(ctx, tuple(ctx.grammar.guard_words.get("fixture_before_weekday", ())), BETWEEN_REACH)


WARNING_REACH = 80  # characters before a weekday in which a weather warning's "for"/"from" is looked for


def _told_ahead(ctx: _Context) -> bool:
    """'issued a red warning for extreme heat for Monday', 'winds expected Tuesday afternoon': a warning
    or an alert is for days to come, and so is what a forecast expects ([guard_words].ahead_before_weekday),
    whatever the tense of the clause."""
    return _said_before(ctx, tuple(ctx.grammar.guard_words.get("ahead_before_weekday", ())), WARNING_REACH)


def _pushed_ahead(ctx: _Context) -> bool:
    """'adjourned the case till Friday', 'reserved its verdict till December 15', 'was extended until
    Friday': a verb that pushes a deadline ([guard_words].bound_ahead) right before the deadline word
    (words.word_before "deadline") in its clause puts the date ahead of the page, whatever its tense."""
    at = _word_before_at(ctx, "deadline")
    if at is None:
        return False
    lo = max(ctx.tenses.window(at, at)[0], at - BOUND_REACH)
    return _bound_ahead(ctx).search(ctx.text, lo, at) is not None


def _word_before(ctx: _Context, start: int) -> str:
    """The word (or 'just' + word) right before ``start``, lower-cased; '' at the text's start.
    The search reads only its WORD_BEFORE_REACH characters (no lookbehind or word boundary before
    them), so those characters decide the word: a fixture list asks the same few again and again."""
    word = ctx.words_before.get(start)
    if word is None:
        lo = max(0, start - WORD_BEFORE_REACH)
        key = (lo == 0, ctx.text[lo:start])
        word = ctx.word_windows.get(key)
        if word is None:
            word = ctx.word_windows[key] = _word_before_text(ctx.text, start, ctx.grammar)
        ctx.words_before[start] = word
    return word


WORD_BEFORE_REACH = 14  # characters before a date in which its word before is looked for


def _word_before_pattern(grammar: Grammar) -> re.Pattern[str]:
    return words_pattern(r"((?:(?:WORDS)\s+)?\w+)\s+$", grammar.guard_words.get("word_before_prefix", ()))


def _word_before_text(text: str, start: int, grammar: Grammar) -> str:
    """The word before, with a prefix word read with it ([guard_words].word_before_prefix: "just over")."""
    m = _word_before_pattern(grammar).search(text, max(0, start - WORD_BEFORE_REACH), start)
    return m[1].lower() if m else ""


_FIRST_WORD = re.compile(r"\w+")


def _fiscal(ctx: _Context, m: Mention) -> bool:
    """Is the mention a company's fiscal period ("fiscal 2022", "its fiscal second quarter", "the
    second quarter of fiscal 2022")? Its calendar months are the company's own (Microsoft's second
    quarter is October to December), so the calendar quarter or year is only approximate."""
    return (m.rule.trigger == "fiscal" or "fyear" in m.groups
            or (m.rule.kind in FISCAL_KINDS and "fiscal" in _before_kinds(ctx.grammar, _word_before(ctx, m.start))))


FISCAL_KINDS = {"quarter", "half"}


def _approx_before(ctx: _Context, m: Mention) -> str | None:
    """'about two weeks': annotators leave 'about' outside the span, but it still makes it
    approximate. Not 'over the winter', which means throughout it."""
    first = _FIRST_WORD.match(m.text)
    if first and first[0].lower() in ctx.grammar.guard_words.get("determiners", ()):
        return None
    if POSSESSIVE.match(ctx.text, m.end):
        return None  # "to get around Wednesday's ruling", "spoke about Monday's vote": the word goes with the noun
    return ctx.word("approx_before", _word_before(ctx, m.start) or None)  # type: ignore[return-value]


_DURATION_VALUE = re.compile(r"^P(T?)[0-9]+(?:\.[0-9]+)?([A-Z]+)$")
_VALUE_PARTS = re.compile(r"^(BC)?([0-9]{4}|XXXX)(?:-([0-9]{2}))?(?:-([0-9]{2}))?$")


def _range_value(g: dict[str, str], near: str, grammar: Grammar) -> str | None:
    """The value of a range's other end: ``near`` with the fields the end names replaced
    (the tagger has checked that the range is in order)."""
    if "num" in g:  # "12" in "between 12 and 18 months": P18M -> P12M
        span = _DURATION_VALUE.match(near)
        return f"P{span[1]}{g['num']}{span[2]}" if span else None
    if "hour" in g:  # "1" in "from 1-7 p.m.": ...T19:00 -> ...T13:00 (the tagger gave it in 24 hours)
        day, clock, _ = near.partition("T")
        return f"{day}T{int(g['hour']):02d}:00" if clock and _DAY_VALUE.fullmatch(day) else None
    m = _VALUE_PARTS.match(near)
    if m is None:
        return None
    bc, year, month, day = m.groups()
    if ("month" in g and month is None) or ("day" in g and day is None):
        return None
    year = f"{int(g['year']):04d}" if "year" in g else year
    month = f"{month_number(g['month'], grammar):02d}" if "month" in g else month
    day = f"{day_number(g['day']):02d}" if "day" in g else day
    value = (bc or "") + "-".join(p for p in (year, month, day) if p)
    return value if bc or year == "XXXX" or interval_of(value) else None


def _range_end(m: Mention, near: Timex, index: int, grammar: Grammar) -> Timex | None:
    """A range's bare end ('22' in '22-25 April 1951') takes the rest of its value from the date beside it."""
    value = _range_value(m.groups, near.value, grammar)
    if value is None or near.resolution is None:
        return None
    anchor = Anchor("expression", near.value, index, near.text)
    how = f"the other end of a range with '{near.text}'"
    v = Value(value, anchor=anchor, certainty=near.resolution.certainty, how=how)
    return Timex(m.start, m.end, m.text, near.type, value, None, m.rule.id, _resolution(m, v, near.type))


def _aside(ctx: _Context, m: Mention) -> bool:
    """A date in brackets ("the Civil Constitution of the Clergy (1790)") glosses a name, and
    "since 513 BC" dates a state of affairs: the story does not move to either."""
    return (ctx.text[m.start - 1:m.start] == "(" and ctx.text[m.end:m.end + 1] == ")") or \
        "aside" in _before_kinds(ctx.grammar, _word_before(ctx, m.start))


QUOTE_TAIL = 80  # characters after a quotation's close in which its sentence says who spoke, and when
_QUOTE_CLOSE = re.compile(r'[”"]')
_TAIL_END = re.compile(r"[.!?\n]")


def _said_back_then(ctx: _Context, m: Mention) -> bool:
    """Inside a quotation its sentence says was spoken at an undated past time ("... next year," she
    said at the time; [guard_words].said_back_then): the speaker's now is not the publication date."""
    if ctx.marks.quote_opening(m.start) is None or (close := _QUOTE_CLOSE.search(ctx.text, m.end)) is None:
        return False
    end = _TAIL_END.search(ctx.text, close.end(), close.end() + QUOTE_TAIL)
    tail = ctx.text[close.end():end.start() if end else close.end() + QUOTE_TAIL]
    words = ctx.grammar.guard_words
    said = words_pattern(r"\b(?:WORDS)\b", words.get("reporting", ()), re.IGNORECASE)
    then = words_pattern(r"\b(?:WORDS)\b", tuple(p.replace(" ", r"\s+") for p in words.get("said_back_then", ())), re.IGNORECASE)
    return said.search(tail) is not None and then.search(tail) is not None


def _said_in_named_period(ctx: _Context, m: Mention) -> Ref | None:
    """The year or month, over by publication, that a quotation's sentence says it was spoken in ("In
    2015, the founder told investors, “... next year”"): it, not the publication date, holds the
    speaker's now (a day is the speaker's today: _Context.speech_day)."""
    ref, dct = ctx.explicit_ref, ctx.dct
    if ctx.narrative_doc or ref is None or dct is None or ref.granularity == "day":
        return None
    opening = ctx.marks.quote_opening(m.start)
    span = interval_of(ref.value)
    return ref if opening is not None and span is not None and span[1] < dct and ctx.dates_quote(ref, opening) else None


def _spoken_in(ctx: _Context, v: Value, period: Ref) -> Value:
    """``v``, counted from the publication date, counted from the year it was said in instead ("next
    year" said in 2015 is 2016); a finer date said then has no day to count from: unknown digits."""
    assert ctx.dct is not None
    if not _YEAR_VALUE.fullmatch(v.value):
        return _undated_speech(v, f"said in '{period.text}', which does not say the day it was said on")
    year = int(v.value) + period.day.year - ctx.dct.year
    return replace(v, value=year_value(year), anchor=ctx.ref_anchor(period),
                   how=f"counted from '{period.text}', when it was said")


def _undated_speech(v: Value, why: str = "counted from when it was said, a time the text does not date") -> Value:
    """``v`` with its calendar digits unknown: counted from a speaker's now the text does not date."""
    return replace(v, value=_unknown_calendar(v.value), anchor=Anchor("none"), sets_ref=False, confidence="default",
                   how=f"{why}, not from the publication date")


def _unknown_calendar(value: str) -> str:
    """``value`` with its year, month, day and week unknown, and what it says within them kept, so the
    value stays well formed: "2016-Q3" -> "XXXX-Q3", "2016-H1" -> "XXXX-H1", "2016-W05-3" ->
    "XXXX-WXX-3", "2016-05-03T10:30" -> "XXXX-XX-XXT10:30"; a decade or a century, "XXXX"."""
    day, t, time = value.partition("T")
    era = "BC" if day.startswith("BC") else ""
    year, *parts = day[len(era):].split("-")
    if not year.isdigit():
        return value  # PAST_REF and the like: nothing calendar to hide
    if len(year) < 4:
        return "XXXX"
    hidden = [("WXX" if p.startswith("W") and p[1:].isdigit() else "XX" if len(p) == 2 and p.isdigit() else p)
              for p in parts]
    return "-".join([f"{era}XXXX", *hidden]) + t + time


def _dates_a_work(ctx: _Context, m: Mention) -> bool:
    """A year right before a work's noun or a title ("the hit 1996 film", "2011's Gnomeo & Juliet"):
    entertainment news names the year of the work a new one follows, not the time of its story."""
    if "year" not in m.groups or "month" in m.groups:
        return False
    after = words_pattern(r"(?:WORDS)", ctx.grammar.guard_words.get("work_after", ()), re.IGNORECASE)
    return after.match(ctx.text, m.end) is not None


def _is_narrative(mentions: list[Mention], dct: date | None) -> bool:
    """Most explicit years far from the publication date: a history, not a news report."""
    if dct is None:
        return True
    years = [int(m.groups["year"]) for m in mentions if "year" in m.groups and m.groups["year"].isdigit()]
    far = [y for y in years if abs(y - dct.year) >= FAR_YEARS]
    if len(far) < MIN_NARRATIVE_YEARS or len(far) <= len(years) / 2:
        return False
    return len(set(far)) > 1 or abs(far[0] - dct.year) >= COMPARED_YEARS


_DAY_VALUE = re.compile(r"^(?:BC)?\d{4}-\d\d-\d\d")
_YEAR_VALUE = re.compile(r"\d{4}")
# Not the period of a dotted initialism ("at 7 p.m. Friday", "in the U.S. Senate"): the day after it is
# still in its sentence (tense.py reads sentences so too)
_LINE_OR_SENTENCE = re.compile(r"(?<![.][A-Za-z])[.!?][\"”’)]*\s+[\"“(]?[A-Z]|[.!?][\"”’)]*[ \t]*\n\s*[\"“(]?[A-Z]|\n")
_JOINED_DAY = re.compile(r",?\s*(?:on\s+)?")
_OWNER_REACH = 3  # sentences or lines back a clock time looks for its day
SET_KIND = "set"  # a rule kind that repeats ("every Tuesday"): the clock times it owns have no date


def _names_day(m: Mention) -> bool:
    """Whether a mention names a calendar day a clock time can belong to ("Monday, March 1",
    "Tuesday", "yesterday", "Saturday night"), not only a month or a year."""
    g, kind = m.groups, m.rule.kind
    if "edge" in g:  # "the last day of March"
        return True
    if kind == "date":
        return "day" in g and "month" in g
    if kind == "time":
        return any(k in g for k in ("weekday", "day_word", "month"))
    return kind in {"weekday", "deictic", "holiday"}


def _bare_clock(m: Mention, grammar: Grammar) -> bool:
    """A clock time or part of the day that names no day of its own ("from 9 a.m. to 3 p.m.",
    "in the morning": words.pod_rel "named")."""
    if m.rule.kind != "time" or _names_day(m):
        return False
    rel = m.groups.get("rel", "").lower()
    return grammar.word("pod_rel", rel or None) == "named" if "pod" in m.groups else not rel


def _clock_owners(text: str, mentions: list[Mention], grammar: Grammar) -> dict[int, int]:
    """For each bare clock time or "the morning", the mention naming the day it belongs to: a
    day joined right after it ("from midday on Friday"), else the nearest day before it in its
    sentence or list item, else the first after it there ("1:30pm ... Monday, Jan. 27"), else,
    when its sentence names no day, the last day named in the nearest of the three sentences
    before that names one, skipping a range's end ("from Friday, May 31, until Sunday, June 2.
    It departs at 09:00") and the day of a saying ("the city said on Friday"). A set in its sentence
    ("meets every Tuesday at 6:30 p.m.") counts as such a day, but not from another sentence. A time
    with none of these keeps the default reading."""
    clocks = [i for i, m in enumerate(mentions) if _bare_clock(m, grammar)]
    if not clocks:  # (most articles: no need to find their sentences and days)
        return {}
    breaks = [b.start() + 1 for b in _LINE_OR_SENTENCE.finditer(text)]
    days_in: dict[int, list[int]] = {}  # sentence or line number -> the day mentions in it, in order
    recurring: set[int] = set()  # the sets among them ("every Tuesday", "daily"), and the times they own
    for j, d in enumerate(mentions):
        if _names_day(d) or d.rule.kind == SET_KIND:
            days_in.setdefault(bisect_right(breaks, d.start), []).append(j)
        if d.rule.kind == SET_KIND:
            recurring.add(j)
    owners: dict[int, int] = {}
    for i in clocks:
        m = mentions[i]
        here = bisect_right(breaks, m.start)
        same = days_in.get(here, [])  # (sorted: a long sentence of days is searched, not walked)
        before, after = bisect_left(same, i), bisect_right(same, i)  # same[:before] < i < same[after:]
        joined = _JOINED_DAY.match(text, m.end).end()  # a joined day starts by then
        right_after = next((same[k] for k in takewhile(lambda k: mentions[same[k]].start <= joined, range(after, len(same)))
                            if _JOINED_DAY.fullmatch(text, m.end, mentions[same[k]].start)), None)
        if right_after is None and after < len(same) and _opens_clock_range(text, m, mentions[same[after]], grammar):
            right_after = same[after]  # "1 p.m. to 6 p.m. Thursday": the range's end names the day of both
        if right_after is not None:  # "from midday on Friday 22 December", however many days came before
            owners[i] = right_after
        elif before:
            owners[i] = same[before - 1]
        elif after < len(same):
            owners[i] = same[after]
        else:
            stamp = _alone_on_line(text, m)
            for back in range(1, _OWNER_REACH + 1):
                previous = days_in.get(here - back, [])
                earlier = bisect_left(previous, i)
                dated = [k for k in range(earlier) if previous[k] not in recurring  # a set owns only its own sentence's times
                         and not _day_of_saying(text, mentions[previous[k]], grammar)
                         and (not stamp or _alone_on_line(text, mentions[previous[k]]))]
                start = next((previous[k] for k in reversed(dated) if "range_end" not in
                              _before_kinds(grammar, _word_before_text(text, mentions[previous[k]].start, grammar))),
                             None)
                if start is not None or dated:
                    owners[i] = previous[dated[-1]] if start is None else start
                    break
        if i in owners:  # a time that found its day passes it on: "... in the morning. At 11 a.m., ..."
            insort(days_in.setdefault(here, []), i)
            if owners[i] in recurring:
                recurring.add(i)
    return owners


def _alone_on_line(text: str, m: Mention) -> bool:
    """Whether ``m`` fills its line, marks aside ("10:25 a.m." over a live blog's entry, "Monday, May 27"
    over its day's entries): such a time takes its day from such a line only, not from a sentence of the
    entry before it, which may tell of another day ("the Greens surged to second place Sunday")."""
    start, end = text.rfind("\n", 0, m.start) + 1, text.find("\n", m.end)
    line = text[start:len(text) if end < 0 else end]
    return line.strip(_STAMP_MARKS) == m.text.strip(_STAMP_MARKS)


_STAMP_MARKS = " \t.:,;-–—*#|()[]"
SAYING_REACH = 24  # characters before a day in which the word that reports a saying on it is looked for


def _day_of_saying(text: str, day: Mention, grammar: Grammar) -> bool:
    """Whether ``day`` is when something was said ("..., the city said on Friday"): a time in a later
    sentence ("a ceremony will be held at 11 a.m.") belongs to the day the news is about, not to it
    ([guard_words].reporting)."""
    said = words_pattern(r"\b(?:WORDS)\s+(?:on\s+)?$", grammar.guard_words.get("reporting", ()), re.IGNORECASE)
    return said.search(text, max(0, day.start - SAYING_REACH), day.start) is not None


def _opens_clock_range(text: str, clock: Mention, end: Mention, grammar: Grammar) -> bool:
    """Whether ``clock`` opens a range of hours whose end, a clock time with its day, comes right after
    it ("from 11 a.m. to 8 p.m. Sunday"): the start is on that day, not on one named before it."""
    join = _RANGE_JOIN.fullmatch(text, clock.end, end.start)
    return (join is not None and end.rule.kind == "time" and "hour" in end.groups
            and (join["word"] is None or "range_end" in _before_kinds(grammar, join["word"].lower())))


def _owner_day(ctx: _Context, owner: Mention, resolved: Timex | None) -> Value | None:
    """The day part of the owner's value, resolving the owner ahead of time when it comes later; a set's
    ("meets every Tuesday at 6:30 p.m.", "open daily from 9 a.m.") is no day: the time recurs."""
    if owner.rule.kind == SET_KIND or (resolved is not None and resolved.value.startswith("XXXX-XX-XX")):
        return Value("XXXX-XX-XX", anchor=Anchor("none"), how=f"no date: a time of '{owner.text}', which recurs")
    if resolved is not None:
        value, anchor = resolved.value, Anchor("expression", resolved.value, None, resolved.text)
        confidence: Confidence = resolved.confidence or "cue"
    else:
        current, ctx.mention = ctx.mention, owner
        early = _at_edge(ctx, owner, RESOLVERS[owner.rule.kind](ctx, owner.groups))
        ctx.mention = current
        if early is None:
            return None
        value, anchor, confidence = early.value, Anchor("expression", early.value, None, owner.text), early.confidence
    day = _DAY_VALUE.match(value)
    if day is None:
        return None
    if value.endswith("TNI") and (after := _day_after_night(ctx, owner, day[0])) is not None:
        return Value(after, anchor=anchor, how=f"on the day after the night named with it, '{owner.text}'", confidence=confidence)
    return Value(day[0], anchor=anchor, how=f"on the day named with it, '{owner.text}'", confidence=confidence)


DAYTIME = range(6, 18)  # hours of a clock time told after a night that fall on the day the night ran into


def _day_after_night(ctx: _Context, owner: Mention, night_day: str) -> str | None:
    """'After some overnight rain, qualifying got underway at 5pm': a daytime hour told after a night
    that runs into the morning ([guard_words].night_to_morning) is on the day that night ran into,
    not the evening before it; None otherwise ("Friday night at 11pm", "last night ... at 5pm")."""
    m = ctx.mention
    words = owner.text.lower().split()
    if m is None or owner.end > m.start or not set(words) & set(ctx.grammar.guard_words.get("night_to_morning", ())):
        return None
    clock = _clock(ctx, m.groups) if "hour" in m.groups or "clockword" in m.groups else None
    if clock is None or clock[0] not in DAYTIME:
        return None
    after = plus_days(date.fromisoformat(night_day), 1)
    return after.isoformat() if after is not None else None


PERIOD_KINDS = {"date", "relative", "quarter", "half"}  # mentions that can name a whole year, quarter, half, month or week
END_KINDS = {"date", "weekday"}  # mentions a period can end on ("the week ended Saturday")
_PERIOD_GRANULARITIES = {"year", "half", "quarter", "month", "week"}
_MIDDLE_DAYS = {"quarter": 45, "half": 91, "week": 3}  # from a period's last day back to its middle
NUMBERED_KINDS = {"quarter", "half"}  # "the fourth quarter": a company's own number, kept (its fiscal year ends then)


def _ended_on(ctx: _Context, period: Mention, end: Mention, v: Value) -> Value | None:
    """The period a date right after it ends ("the fiscal year ending June 30", "the current third
    quarter that ends in March": [guard_words].period_ends) is of that date's year, whatever the
    story's earlier dates say: the end date's year comes from its own tense, so it is read ahead of
    time. A numbered quarter or half keeps its number, which counts the company's fiscal year (the
    TimeML reading: "its fourth quarter ended June 30" is Q4), and is approximate when the number is
    not the calendar's; an unnumbered one is the one holding the date (None: no such end, or undated)."""
    if period.rule.kind not in PERIOD_KINDS or end.rule.kind not in END_KINDS or period.end > end.start:
        return None
    if not _period_ends(ctx.grammar).fullmatch(ctx.text, period.end, end.start) and not (
            _plain_period(ctx, period) and _period_to(ctx.grammar).fullmatch(ctx.text, period.end, end.start)):
        return None
    span = interval_of(v.value)
    if span is None or span[2] not in _PERIOD_GRANULARITIES:
        return None
    current, ctx.mention = ctx.mention, end
    early = RESOLVERS[end.rule.kind](ctx, end.groups)
    ctx.mention = current
    day = None if early is None else interval_of(early.value)
    if early is None or day is None or day[2] not in {"day", "month"}:
        return None
    last = day[1].date() if isinstance(day[1], datetime) else day[1]
    # a quarter or half ending off the calendar's ("the quarter ended July 31": May-July) is the
    # calendar one holding most of it, the one of its middle
    middle = plus_days(last, -_MIDDLE_DAYS.get(span[2], 0)) or last
    calendar = value_for(middle, span[2])
    aligned = (cal := interval_of(calendar)) is not None and cal[1] == last
    value = f"{last.year:04d}{v.value[4:]}" if period.rule.kind in NUMBERED_KINDS else calendar
    # an unnumbered period the date pins to the calendar's ("the quarter ended Sept. 30") is as exact as
    # the date, however roughly the quarter it points at was read
    rough = v.certainty == "approximate" and (period.rule.kind in NUMBERED_KINDS or _fiscal(ctx, period))
    certainty: Certainty = "approximate" if rough or value != calendar or not aligned else "inferred"
    how = f"the {span[2]} that ends on '{end.text}' ({human(last)})"
    if value != calendar:
        how = f"{how}, numbered in the company's own year"
    elif not aligned:
        how = f"{how}, not when the calendar's does"
    return Value(value, mod=v.mod, anchor=Anchor("expression", early.value, None, end.text), certainty=certainty,
                 how=how, confidence=early.confidence)


def _ended_on_next(ctx: _Context, mentions: list[Mention], i: int, v: Value) -> Value | None:
    """_ended_on with the date after the period: the next mention, or the one after a count of months
    told with the period ("the third quarter and nine months ended March 31, 2017": the count is a
    duration between the two)."""
    for j in (i + 1, i + 2):
        if j >= len(mentions):
            return None
        if (ended := _ended_on(ctx, mentions[i], mentions[j], v)) is not None:
            return ended
        if mentions[j].rule.type != "DURATION":
            return None
    return None


def _period_ends(grammar: Grammar) -> re.Pattern[str]:
    return words_pattern(r"\s*(?:WORDS)\s*", grammar.guard_words.get("period_ends", ()), re.IGNORECASE)


def _period_to(grammar: Grammar) -> re.Pattern[str]:
    return words_pattern(r"\s*(?:WORDS)\s*", grammar.guard_words.get("plain_period_to", ()), re.IGNORECASE)


def _plain_period(ctx: _Context, period: Mention) -> bool:
    """'the year', no word counting it ('this year', 'last quarter'): 'the year to March' ends in March,
    where 'delayed from this month to March' moves a date."""
    return period.rule.kind == "relative" and " ".join(period.groups.get("rel", "").lower().split()) == "the"


STAMP_LINES = 4  # a page's date line is among its first lines ("January 03, 2023 11:12 AM" under the headline)
STAMP_WIDTH = 80  # and short: a line of its own, not a sentence


def _page_stamp(ctx: _Context, m: Mention, moment: datetime) -> bool:
    """Whether the clock time ``m`` is the page's own time: on the publication day, on a short
    line among the first, beside that day's full date. "12:00 AM" is no hour: pages print it when
    they have none."""
    if ctx.dct is None or moment.date() != ctx.dct or ctx.marks.breaks_before(m.start) >= STAMP_LINES:
        return False
    line_start, line_end = ctx.marks.line(m.start, m.end)
    owner = ctx.owner
    return (len(ctx.text) if line_end < 0 else line_end) - line_start <= STAMP_WIDTH and (moment.hour, moment.minute) != (0, 0) \
        and owner is not None and owner.rule.kind == "date" and "year" in owner.groups and owner.start >= line_start


def resolve(text: str, mentions: list[Mention], dct: date | None, grammar: Grammar | None = None) -> list[Timex]:
    """Give every mention its TIMEX3 value, reading in text order so anaphora can chain."""
    ctx = _Context(text, dct, grammar or load_grammar(), _is_narrative(mentions, dct))
    ctx.day_first = _day_first_evidence(mentions)
    out: list[Timex] = []
    head: Mention | None = None  # the first end of a range, waiting for the date after it
    last: Mention | None = None  # the mention whose Timex is out[-1]
    owners = _clock_owners(text, mentions, ctx.grammar)
    resolved: dict[int, Timex] = {}  # mention index -> its Timex
    for i, m in enumerate(mentions):
        ctx.mention = m
        owner = owners.get(i)
        ctx.owner = None if owner is None else mentions[owner]
        ctx.owner_day = None if owner is None else _owner_day(ctx, mentions[owner], resolved.get(owner))
        if m.rule.attach == "before":
            head = m
            continue
        if m.rule.attach == "after":
            if last is not None and last.end <= m.start and (end := _range_end(m, out[-1], len(out) - 1, ctx.grammar)):
                out.append(end)
            continue
        ctx.range_head = head
        if m.rule.value is not None:
            v: Value | None = _vague(ctx, m.rule.value)
        else:
            v = _at_edge(ctx, m, RESOLVERS[m.rule.kind](ctx, m.groups))
        if v is None:
            head = last = None
            continue
        if v.anchor is not None and v.anchor.kind == "publication":
            if _said_back_then(ctx, m):
                v = _undated_speech(v)
            elif (period := _said_in_named_period(ctx, m)) is not None:
                v = _spoken_in(ctx, v, period)
        if (ended := _ended_on_next(ctx, mentions, i, v)) is not None:
            v = ended
        if v.anchor is not None and v.anchor.kind == "expression" and (v.anchor.value or "").startswith("BC"):
            v = replace(v, value=unshift(v.value, ERA_SHIFT))  # computed from a BC date's proxy year
        if _is_baseline(ctx, m):
            v = replace(v, sets_ref=False, placed=False, how=f"{v.how}; the baseline of a comparison: no happening then")
        if _fiscal(ctx, m) and v.certainty != "approximate":
            v = replace(v, certainty="approximate", how=f"{v.how}; a fiscal period, which need not follow the calendar")
        type_ = v.type or m.rule.type
        mod = v.mod or _mod(ctx, m.groups) or _approx_before(ctx, m)
        if mod != v.mod:
            v = replace(v, mod=mod)
        res = _resolution(m, v, type_)
        timex = Timex(m.start, m.end, m.text, type_, v.value, v.mod, m.rule.id, res)  # type: ignore[arg-type]
        if head is not None and (first_end := _range_end(head, timex, len(out) + 1, ctx.grammar)):
            out.append(first_end)
        head, last = None, m
        out.append(timex)
        resolved[i] = timex
        if m.rule.kind == "decade" and _DECADE_VALUE.fullmatch(v.value) and isinstance(res.start, date):
            ctx.decade_ref = Ref(res.start, "decade", len(out) - 1, m.text, True, m.end, stated=v.value)
        from_dct = v.anchor is not None and v.anchor.kind == "publication"
        if from_dct and res.granularity == "year" and isinstance(res.start, date) and _opens_sentence(ctx.text, m):
            ctx.year_said = Ref(res.start, "year", len(out) - 1, m.text, False, m.end, stated=v.value)
        if ctx.narrative_doc and (from_dct or ctx.tense() == "future"):
            continue  # in a history, neither the publication date nor a planned date is the story's time
        start, granularity, era_shift = res.start, res.granularity, 0
        if start is None and (proxy := proxy_value(v.value)) and (span := interval_of(proxy)):
            start, granularity, era_shift = span[0], span[2], ERA_SHIFT
        if v.sets_ref and start is not None and granularity in {"day", "week", "month", "quarter", "season", "half", "year", "hour", "minute"}:
            day = start.date() if isinstance(start, datetime) else start
            gran = "day" if granularity in {"hour", "minute"} else granularity
            moment = start if granularity == "minute" and isinstance(start, datetime) else None
            counted = m.rule.kind == "offset" and v.anchor is not None and v.anchor.kind == "expression"
            ref = Ref(day, gran, len(out) - 1, m.text, v.certainty == "explicit" or m.rule.kind == "date", m.end, era_shift,
                      v.certainty == "explicit", moment, v.value, counted, res.certainty == "approximate")
            if _dates_a_work(ctx, m):
                ctx.work_ref = ref
                continue
            if _aside(ctx, m):  # dates the rest of its sentence, does not move the story
                if ref.explicit:
                    ctx.aside_ref = ref
                continue
            ctx.placed = ref
            if gran == "day":
                ctx.placed_days.append(ref)
                if _first_on_line(ctx, m.start) and _YEARLESS_DAY.fullmatch(m.text):
                    ctx.entry_day = ref  # a list's entry, not a date line ("2015-07-10")
            if moment is not None and ctx.stamp is None and _page_stamp(ctx, m, moment):
                ctx.stamp = moment  # when the page was dated: no event to count "an hour later" from
            elif moment is not None:
                ctx.clock_ref = ref
            if gran == "quarter":
                ctx.quarter_ref = ref
            if ctx.ref is not None and (ctx.ref.day, ctx.ref.granularity) == (day, gran):
                continue  # "that day" restates the date: explanations keep naming the original
            ctx.ref = ref
            if ref.explicit:
                ctx.explicit_ref = ref
    return out
