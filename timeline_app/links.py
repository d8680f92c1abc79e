"""Beyond TIMEX3: date what durations and anniversaries measure, and join ranges.

"A seven-month labor dispute ... erupted ... on Dec. 16" dates the dispute from
mid-May to 16 Dec 2011; "the 20th anniversary of Kazakh independence" on 16 Dec 2011
dates independence to 16 Dec 1991. These become events of their own, flagged as
approximate or inferred, with the expression that anchored them. "22-25 April 1951"
is two expressions (annotators tag each end) but one event: the interval between them.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache

from .calendar_math import plus_days, same_day_years_before
from .calendar_words import ordinal_number
from .grammar import load_grammar, words_pattern
from .model import Certainty, Granularity, Timex
from .quick_init import quick_init
from .sentences import sentence_of
from .values import human, shift
from .when import naive

_UNIT_OF_LETTER = {"Y": "year", "M": "month", "W": "week", "D": "day", "Q": "quarter"}
_DURATION = re.compile(r"^P(\d+(?:\.\d+)?)([YMWDQ])$")
NEIGHBOURS = 8  # a duration's anchor date is among the expressions just around it
_ANNIVERSARY_OF = re.compile(r"anniversary\s+of\s+(?:the\s+)?(.+)$", re.I)


def _starts() -> re.Pattern[str]:
    """'began', 'started': the duration runs from the date in its sentence ([guard_words].start_words)."""
    return words_pattern(r"\b(?:WORDS)\b", load_grammar().guard_words.get("start_words", ()), re.I)


def _starts_here() -> re.Pattern[str]:
    """'for a four-year term': the count right after starts on the date beside it
    ([guard_words].start_before_count)."""
    return words_pattern(r"\b(?:WORDS)\s+$", load_grammar().guard_words.get("start_before_count", ()), re.I)


def _term_after() -> re.Pattern[str]:
    """'a three-year deal', 'a five-year prison sentence': the count measures a term that starts on the
    date beside it ([guard_words].term_nouns, the noun right after the count or one word on)."""
    return words_pattern(r"\s+(?:[\w-]+\s+)?(?:WORDS)\b", load_grammar().guard_words.get("term_nouns", ()), re.I)


def _term_ended() -> re.Pattern[str]:
    """'his three-year contract expired on Tuesday': the term ends on that date ([guard_words].term_ended)."""
    return words_pattern(r"\b(?:WORDS)\b", load_grammar().guard_words.get("term_ended", ()), re.I)


def _term_over_before() -> re.Pattern[str]:
    """'back in service after a one-day suspension': the term is over ([guard_words].term_over_before)."""
    return words_pattern(r"\b(?:WORDS)\s+$", load_grammar().guard_words.get("term_over_before", ()), re.I)


def _ongoing() -> re.Pattern[str]:
    """'20 years in power': the duration runs until publication ([guard_words].ongoing_after)."""
    return words_pattern(r"^\s+(?:WORDS)\b", load_grammar().guard_words.get("ongoing_after", ()), re.I)


FORECAST_REACH = 80  # characters before a count searched for what opens it ("sentenced the former campaign aide Tom Ridley to")


def _forecast() -> re.Pattern[str]:
    """'faces up to four years in prison', 'could take two years': a count that says what may come
    ([guard_words].count_ahead_before), searched in the text right before it; no span has run."""
    return words_pattern(r"\b(?:WORDS)\s+$", load_grammar().guard_words.get("count_ahead_before", ()), re.I)


@quick_init
@dataclass(frozen=True)
class Derived:
    """A date the text implies rather than states, tied to the expression that implies it."""

    expression: int
    start: date
    end: date
    granularity: Granularity
    certainty: Certainty
    rule: str
    anchor: int | None
    explanation: str
    label_span: tuple[int, int]  # the words that name what is dated
    label: str | None = None
    covers: tuple[int, ...] = ()  # expressions whose own events this one replaces (a range's two ends)
    by_clause: bool = False  # labelled as a date is, by the clause of label_span, not as a span it names


def _amount(amount: float, unit: str) -> str:
    n = f"{amount:g}"
    return f"{n} {unit}" + ("" if amount == 1 else "s")


def _day(point: date | datetime | None) -> date | None:
    if point is None:
        return None
    return point.date() if isinstance(point, datetime) else point


class _StartWords:
    """Where the text says something began, found once: searching each duration's sentence
    again made one long sentence of many durations quadratic."""

    def __init__(self, text: str) -> None:
        self._spans: list[tuple[int, int]] | None = None
        self._text = text

    def within(self, start: int, end: int) -> bool:
        if self._spans is None:
            self._spans = [m.span() for m in _starts().finditer(self._text)]
        i = bisect_left(self._spans, (start, 0))
        return i < len(self._spans) and self._spans[i][1] <= end


def _duration_link(i: int, t: Timex, timexes: list[Timex], text: str, sentences: list[tuple[int, int]],
                   published: date | None, begins: _StartWords) -> Derived | None:
    m = _DURATION.match(t.value)
    if not m:
        return None
    amount, unit = float(m[1]), _UNIT_OF_LETTER[m[2]]
    s_start, s_end = sentence_of(sentences, t.start)
    after = text[t.end:t.end + 30]
    if _ongoing().match(after) and published is not None and not _forecast().search(text, max(0, t.start - FORECAST_REACH), t.start):
        start = shift(published, -amount, unit)
        if start is None:  # a span reaching before year 1
            return None
        return Derived(i, start, published, unit, "approximate", "duration_until_publication", None,
                       f"{t.text}: a span of {_amount(amount, unit)} ending at publication "
                       f"({human(published)}){', at least' if t.mod in {'MORE_THAN', 'EQUAL_OR_MORE'} else ''}",
                       (t.start, t.end))
    hyphenated = "-" in t.text and t.rule == "duration"
    if not hyphenated:
        return None
    nearby = range(max(0, i - NEIGHBOURS), min(len(timexes), i + NEIGHBOURS + 1))
    anchors = [(j, timexes[j]) for j in nearby if timexes[j].type == "DATE" and s_start <= timexes[j].start < s_end
               and timexes[j].resolution is not None and timexes[j].resolution.granularity == "day"]
    if not anchors:
        return None
    j, a = min(anchors, key=lambda ja: abs(ja[1].start - t.start))
    anchor_day = _day(a.resolution.start)  # type: ignore[union-attr]
    assert anchor_day is not None
    if begins.within(s_start, s_end) or _starts_here().search(text, max(0, t.start - 20), t.start) or (
            _term_after().match(text, t.end) and not _term_ended().search(text, s_start, s_end)
            and not _term_over_before().search(text, max(s_start, t.start - 20), t.start)):
        start, end, how = anchor_day, shift(anchor_day, amount, unit), "starting on"
    else:
        start, end, how = shift(anchor_day, -amount, unit), anchor_day, "ending on"
    if start is None or end is None:  # a span reaching past the calendar
        return None
    return Derived(i, start, end, unit, "approximate", "duration_ending_at" if how == "ending on" else "duration_starting_at",
                   j, f"{t.text}: a span of {_amount(amount, unit)} {how} '{a.text}' ({human(anchor_day)})", (t.start, t.end))


def _beside_date() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """What may stand between a date and the count after it ("today, just a few weeks after":
    [guard_words].word_before_prefix), and the direction words that make the count an offset from
    a happening (words.direction, those read against the narrative: "after", "later"), unless a
    difference follows ("a month earlier than usual": [guard_words].difference_after)."""
    grammar = load_grammar()
    between = words_pattern(r"[ \t]*,?[ \t]*(?:(?:WORDS)[ \t]+)?", grammar.guard_words.get("word_before_prefix", ()), re.I)
    directions = tuple(re.escape(w).replace(r"\ ", r"\s+") for w, (_, anchoring) in grammar.words["direction"].items()
                       if anchoring == "anaphoric")
    difference = "|".join(grammar.guard_words.get("difference_after", ())) or "(?!)"
    return between, words_pattern(rf"[ \t]+(WORDS)\b(?!\s+(?:{difference})\b)", tuple(sorted(directions, key=len, reverse=True)), re.I)


def _openers() -> re.Pattern[str]:
    """The word that names the happening after a direction word: a common noun after an opener ("the
    blast", "his arrest": [guard_words].happening_openers; not a name, "after the Bills said", nor a
    clause, "after Halliburton and Baker Hughes achieve"), and the word it is of ("the fall of
    Girona": [guard_words].happening_of)."""
    words = load_grammar().guard_words
    openers = "|".join(words.get("happening_openers", ())) or "(?!)"
    of = "|".join(words.get("happening_of", ())) or "(?!)"
    return re.compile(rf"\s+(?:(?:{openers})\s+)(?:(?:{openers}|[0-9]+)\s+)*(?P<word>(?-i:[^\W\d_A-Z][^\W\d_]*))"
                      rf"(?:\s+(?:{of})\s+(?:(?:{openers})\s+)*(?P<of>[^\W\d_]+))?", re.I)


def _span_before() -> re.Pattern[str]:
    """'trapped for two days after the blast': a word before the count keeps it a span
    ([guard_words].span_before_offset)."""
    return words_pattern(r"\b(?:WORDS)\s+$", load_grammar().guard_words.get("span_before_offset", ()), re.I)


def _offset_link(i: int, t: Timex, timexes: list[Timex], text: str,
                 beside: tuple[re.Pattern[str], re.Pattern[str]]) -> Derived | None:
    """'to walk out of jail today a few weeks after he was arrested', 'on Friday, two days after the
    crash': a count with a direction word right after a date is no span but an offset from a
    happening, and the date beside it says when that offset lands. The count then dates what its
    date dates; how far from the happening it is (vague or not) does not matter."""
    if i == 0:
        return None
    between, direction = beside
    near = timexes[i - 1]
    r = near.resolution
    if near.type not in {"DATE", "TIME"} or r is None or r.start is None or r.end is None or r.granularity is None \
            or r.granularity in {"hour", "minute"}:  # "at 6 a.m. ten days before the shooting": the count says the day
        return None
    if not between.fullmatch(text, near.end, t.start) or (after := direction.match(text, t.end)) is None:
        return None
    start, end = _day(r.start), _day(r.end)
    assert start is not None and end is not None
    return Derived(i, start, end, r.granularity, "inferred", "offset_beside_date", i - 1,
                   f"{text[t.start:after.end()]}: the time '{near.text}' beside it names ({human(start, r.granularity)})",
                   (near.start, near.end), by_clause=True)


def _now_verb() -> re.Pattern[str]:
    """'The news comes just hours after': [guard_words].offset_now_verbs, then a prefix word ("just":
    [guard_words].word_before_prefix), right before the count."""
    words = load_grammar().guard_words
    prefix = "|".join(words.get("word_before_prefix", ())) or "(?!)"
    return words_pattern(rf"\b(?:WORDS)[ \t]+(?:(?:{prefix})[ \t]+)?$", words.get("offset_now_verbs", ()), re.I)


def _offset_now(i: int, t: Timex, text: str, published: date | None, direction: re.Pattern[str]) -> Derived | None:
    """'The news comes just hours after the Bills said ...': in news, what "comes" some time after a
    happening comes now, so the offset is the publication date (roughly: the day the news was told)."""
    if published is None or direction.match(text, t.end) is None:
        return None
    if _now_verb().search(text, max(0, t.start - 30), t.start) is None:
        return None
    return Derived(i, published, published, "day", "approximate", "offset_now", None,
                   f"{t.text}: what comes now, some time after a happening: the publication date ({human(published)})",
                   (t.start, t.end))


_WORD = re.compile(r"[^\W\d_]+")
_STEM = 5  # letters of a word that name a happening ("arrest" and "arrested", "blast" and "blasts")
_MEASURE = re.compile(r"^PT?(\d+(?:\.\d+)?)([YMWDHS])$")
_CLOCK_LETTERS = {"H": "hour", "M": "minute", "S": "second"}
_CLOCK_UNITS = {"hour": 1, "minute": 60, "second": 3600}  # per hour
_DAY_LETTERS = {"D": "day", "W": "week"}
_TOLD_REACH = 4  # words on each side of a date that tell what happened then
_NAMED_MINIMUM = 4  # a shorter word ("end", "war" is not) names no happening to look for: "before the end"
_LOWER_BOUND_MODS = {"MORE_THAN", "EQUAL_OR_MORE", "LESS_THAN", "EQUAL_OR_LESS"}


class _Happenings:
    """The day on which the text, so far, tells of each happening word: the words next to each date
    (in its line) in a sentence whose dates are all of one day ("the blast on Sunday", "Sunday's
    explosion"; not "a news conference Thursday on the murder investigation"). Read in text order as offsets ask, so each
    sentence is read once; a word told beside two different days names no day ("blast" on Sunday and
    again on Monday), nor does a sentence of two days."""

    def __init__(self, text: str, timexes: list[Timex], sentences: list[tuple[int, int]]) -> None:
        self._text = text
        self._sentences = sentences
        self._dates = [(k, t) for k, t in enumerate(timexes) if t.type in {"DATE", "TIME"} and t.resolution is not None
                       and t.resolution.start is not None and t.resolution.granularity in {"day", "hour", "minute"}]
        self._next = 0  # the next of self._dates to read
        self.told: dict[str, tuple[int, date] | None] = {}  # stem -> (the expression dating it, its day); None: two days

    def read_until(self, offset: int) -> None:
        """Read the sentences of dates that end at or before ``offset``."""
        while self._next < len(self._dates):
            start, end = sentence_of(self._sentences, self._dates[self._next][1].start)
            if end > offset:
                return
            group = []
            while self._next < len(self._dates) and self._dates[self._next][1].start < end:
                group.append(self._dates[self._next])
                self._next += 1
            days = {_day(t.resolution.start) for _, t in group}  # type: ignore[union-attr]
            for k, t in group:  # the date's own line: a date line under a headline says nothing of it
                lo = max(start, self._text.rfind("\n", start, t.start) + 1)
                hi = self._text.find("\n", t.end, end)
                day = _day(t.resolution.start)  # type: ignore[union-attr]
                assert day is not None
                before = _WORD.findall(self._text, lo, t.start)[-_TOLD_REACH:]
                for w in before + _WORD.findall(self._text, t.end, end if hi < 0 else hi)[:_TOLD_REACH]:
                    stem = w[:_STEM].lower()
                    known = self.told.get(stem, (k, day))
                    self.told[stem] = None if len(days) > 1 or known is None or known[1] != day else known


def _offset_from_happening(i: int, t: Timex, timexes: list[Timex], text: str, sentences: list[tuple[int, int]],
                           happenings: _Happenings, direction: re.Pattern[str]) -> Derived | None:
    """'The accident was not reported until 30 hours after the blast': a whole count with a direction
    word and the happening it counts from is an offset from the day the text told of that happening
    (its word beside a date of one day, earlier in the text), so it lands that far from it: a day, for
    counts of days, weeks or the clock ("two months after" says no day). Only roughly
    (the happening is matched by its word), and never when the word was told beside two days, or not
    at all: then the count stays a span. A bound ("over 20 days after") says too little."""
    m = _MEASURE.match(t.value)
    if m is None or t.mod in _LOWER_BOUND_MODS or _span_before().search(text, max(0, t.start - 20), t.start):
        return None
    after = direction.match(text, t.end)
    if after is None:
        return None
    head = _openers().match(text, after.end())
    openers = load_grammar().guard_words.get("happening_openers", ())
    named = [w for w in (head["word"], head["of"]) if w] if head is not None else []
    if not named or any(len(w) < _NAMED_MINIMUM or w.lower() in openers for w in named):
        return None
    happenings.read_until(sentence_of(sentences, t.start)[0])
    told = [happenings.told.get(w[:_STEM].lower()) for w in named]
    if any(x is None for x in told) or len({x[1] for x in told if x is not None}) != 1:
        return None  # "the fall of Girona": both words told, on one day
    j, day = told[0]  # type: ignore[misc]
    count = float(m[1])
    measured = (_CLOCK_LETTERS if t.value.startswith("PT") else _DAY_LETTERS).get(m[2])
    if measured is None:  # "two years after the war" is no day: the count is rounded
        return None
    sign = load_grammar().word("direction", after[1])[0]
    amount, unit = count, measured
    if unit in _CLOCK_UNITS:  # "30 hours after": whole days from the day told, rounded, as the resolver does
        hours = count / _CLOCK_UNITS[unit]
        amount, unit = (int(hours / 24 + 0.5) if hours >= 24 else 0), "day"
    landed = shift(day, sign * amount, unit)
    if landed is None:
        return None
    return Derived(i, landed, landed, "day", "approximate", "offset_from_happening", j,
                   f"{text[t.start:head.end()]}: {_amount(count, measured)} {'before' if sign < 0 else 'after'} "
                   f"'{timexes[j].text}' ({human(day)}), where the text tells of '{' '.join(named)}'",
                   (t.start, head.end()), by_clause=True)


def _anniversary_link(i: int, t: Timex, timexes: list[Timex]) -> Derived | None:
    day = _day(t.resolution.start) if t.resolution else None
    if day is None:
        return None
    first = t.text.lower().removeprefix("the ").split()[0]
    n = ordinal_number(first) or load_grammar().word("anniversary", first)
    of = _ANNIVERSARY_OF.search(t.text)
    if not n or not of:
        return None
    origin = same_day_years_before(day, n)
    if origin is None:
        return None
    anchor = t.resolution.anchor.expression if t.resolution and t.resolution.anchor else None
    return Derived(i, origin, origin, "day", "inferred", "anniversary_origin", anchor,
                   f"{of[1]}: {n} years before the anniversary on {human(day)}",
                   (t.start + of.start(1), t.end), label=of[1][0].upper() + of[1][1:])


_CLOCK_GRANULARITIES = {"hour", "minute"}


def _range_link(i: int, t: Timex, timexes: list[Timex], text: str) -> Derived | None:
    """A range's bare end and the date beside it: one interval from the earlier to the later."""
    r = t.resolution
    j = r.anchor.expression if r is not None and r.anchor is not None else None
    if j is None or r is None or r.start is None or r.granularity is None:
        return None
    near = timexes[j].resolution
    if near is None or near.start is None or near.end is None:
        return None
    first, last = (t, timexes[j]) if t.start < timexes[j].start else (timexes[j], t)
    at = _day if r.granularity not in _CLOCK_GRANULARITIES else naive  # "from 1-7 p.m.": hours, not days
    start, end = min(at(r.start), at(near.start)), max(at(r.end), at(near.end))  # type: ignore[type-var]
    assert start is not None and end is not None
    return Derived(i, start, end, r.granularity, r.certainty, "range", j,
                   f"{text[first.start:last.end]}: from {human(start, r.granularity)} to {human(end, r.granularity)}",
                   (first.start, last.end), covers=(i, j))


@cache
def _range_joins() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """What stands between two dates of one stretch, "and" after its opening word, that word right
    before the first date ([guard_words].range_joins, range_and, range_opening), and a verb that
    moves a date ("moved from Monday to Friday": date_moves), read before it."""
    words = load_grammar().guard_words
    return (words_pattern(r"[ \t]*(?:WORDS)[ \t]*", words.get("range_joins", ())),
            words_pattern(r"[ \t]+(?:WORDS)[ \t]+", words.get("range_and", ())),
            words_pattern(r"\b(?:WORDS)[ \t]+$", words.get("range_opening", ()), re.I),
            words_pattern(r"\b(?:WORDS)\b", words.get("date_moves", ()), re.I))


_LEAST_SURE = ("approximate", "inferred", "explicit")  # a stretch is as sure as its less sure end
_MOVE_REACH = 40  # characters before a stretch where a verb that moves a date is read


def _joined_range_link(i: int, t: Timex, timexes: list[Timex], text: str) -> Derived | None:
    """'from 2009 to 2017', 'between January 2020 and March 2021', 'from Monday to Friday': two dates
    of one precision, the later right after the earlier, are one stretch, drawn as an interval (as a
    range the tagger joins is: _range_link). Not a date moved from one day to another."""
    if i + 1 >= len(timexes):
        return None
    nxt = timexes[i + 1]
    r, q = t.resolution, nxt.resolution
    if t.type not in {"DATE", "TIME"} or nxt.type != t.type or t.rule.startswith("range_") or nxt.rule.startswith("range_") \
            or r is None or q is None or None in (r.start, r.end, q.start, q.end, r.granularity) \
            or r.granularity != q.granularity:
        return None
    end = q.end
    if r.granularity in {"hour", "minute"} and naive(q.start) <= naive(r.end) \
            and naive(q.start).date() == naive(r.start).date():  # "from 10 p.m. to 5 a.m.": the next morning
        end = plus_days(naive(q.end), 1)  # type: ignore[assignment]
        if end is None:  # past the calendar's end
            return None
    elif not naive(r.end) < naive(q.start):  # type: ignore[arg-type]
        return None
    joins, joined_by_and, opening, moves = _range_joins()
    joined = joins.fullmatch(text, t.end, nxt.start)
    if joined is None and not (joined_by_and.fullmatch(text, t.end, nxt.start)
                               and opening.search(text, max(0, t.start - 12), t.start)):
        return None
    if joined is not None and not joined[0].strip()[:1].isalpha() and nxt.rule != t.rule:
        return None  # a dash may be a pause: "on 2 October 1950-the day after the army crossed
    if moves.search(text, max(0, t.start - _MOVE_REACH), t.start):
        return None
    certainty = min(r.certainty, q.certainty, key=_LEAST_SURE.index)
    return Derived(i, r.start, end, r.granularity, certainty, "joined_range", i + 1,  # type: ignore[arg-type]
                   f"{text[t.start:nxt.end]}: from {human(r.start, r.granularity)} to {human(end, r.granularity)}",
                   (t.start, nxt.end), covers=(i, i + 1))


def link(text: str, timexes: list[Timex], sentences: list[tuple[int, int]], published: date | None) -> list[Derived]:
    """Dates implied by durations, offsets beside a date and anniversaries, and ranges joined, in
    expression order."""
    out: list[Derived] = []
    begins = _StartWords(text)
    happenings = _Happenings(text, timexes, sentences)
    beside = _beside_date()  # the grammar's words, read once a text
    for i, t in enumerate(timexes):
        derived = None
        if t.type == "DURATION":
            derived = (_offset_link(i, t, timexes, text, beside) or _offset_now(i, t, text, published, beside[1])
                       or _offset_from_happening(i, t, timexes, text, sentences, happenings, beside[1])
                       or _duration_link(i, t, timexes, text, sentences, published, begins))
        elif t.rule == "anniversary":
            derived = _anniversary_link(i, t, timexes)
        elif t.rule.startswith("range_"):
            derived = _range_link(i, t, timexes, text)
        else:
            derived = _joined_range_link(i, t, timexes, text)
        if derived is not None:
            out.append(derived)
    return out
