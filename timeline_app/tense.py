"""Which way a sentence looks in time, from cheap lexical cues around an expression.

A bare "Dec. 16" or "on Monday" is past or future depending on the verb near it
("erupted on Dec. 16" vs "will vote on Monday"). We read the nearest cue before the
expression in its sentence (then the first after it); no cue means None and the caller
picks the nearer candidate. The cue words are the language's data (``[tense]`` of the
grammar in use); only the way they are read is here.

Every answer is defined by a regex scan of a window around the expression (the sentence,
at most SENTENCE_REACH characters each way). Scanning that window once per expression made
dense text (a date every few characters, no sentence break) cost ~0.5 ms per date, so a
``TenseReader`` scans the text once per pattern (``MatchIndex``) and answers each window
from that index with a binary search. The few windows where the index could differ from
the window's own scan (see MatchIndex) are scanned as before.

Each answer reads only the characters from SENTENCE_REACH (and the patterns' lookbehind reach)
before the expression to SENTENCE_REACH after it: a window scan reads nothing past its end. So
a ``Reading`` of those characters is remembered by them, relative to their first one, and text
that repeats itself ("Dec. 16 " over and over, a fixture list) is read once per distinct window.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, NamedTuple

from .grammar import Grammar, _first_char_filter, case_exact_alternatives, load_grammar, words_pattern
from .sentences import REMEMBERED_WINDOWS, MatchIndex
from .window_search import reach_before

Tense = Literal["past", "future", "present"]

SENTENCE_REACH = 200  # how far a sentence window reaches on each side of its expression
# A cue after the expression, when none is before it, anywhere in its sentence window ("By Thursday,
# 629 rescuers from 17 teams, together with 402 sets of equipment, were working"): 80 characters missed
# the verb of a long subject (TBAQ value F1 77.5 -> 77.7, stories-dev one weekday more right).
AFTER_REACH = SENTENCE_REACH
GOVERNING_REACH = 18  # how close before the date the verb that governs it stands

# A sentence ends at a stop before a capital, not at the period of a dotted initialism ("in U.S.
# Federal Court on Wednesday", "9 a.m. ET on Friday"), which left the date's clause without its verb;
# at a line's end it does.
_SENTENCE_END = re.compile(r"(?<![.][A-Za-z])[.!?][\"”’)]*\s+(?=[A-Z\"“])|[.!?][\"”’)]*[ \t]*\n\s*(?=[A-Z\"“])|\n\s*\n")
_PLUPERFECT = re.compile(r"\b(?:had|'d)\s+(?!to\b)(?:\w+ly\s+)?\w+", re.IGNORECASE)
_NEVER = "(?!)"


@dataclass(frozen=True)
class Cues:
    """One language's tense cues, compiled."""

    cue: re.Pattern[str]  # groups future / past / present
    speaker_future: re.Pattern[str]  # future from the writer's present ("will"), not "would"
    lookahead: str  # the first-character filter inside ``cue`` ("" when there is none)


def cues_of(grammar: Grammar | None) -> Cues:
    """The compiled cues of ``grammar`` (default: English)."""
    table = (grammar or load_grammar()).tense
    return _compile(tuple(sorted((kind, tuple(pieces)) for kind, pieces in table.items())))


@lru_cache(maxsize=8)
def _compile(table: tuple[tuple[str, tuple[str, ...]], ...]) -> Cues:
    pieces = dict(table)

    def alternation(kind: str, start: Callable[[str], str] = str) -> str:
        return "|".join(map(start, pieces[kind])) if pieces.get(kind) else _NEVER

    def body(start: Callable[[str], str] = str) -> str:
        # A participle after "be"/"been" ("will be held") is passive voice, not past tense, and so is one
        # after the present "is"/"are" ("will be available the same day they're announced: October 4").
        return (rf"(?:(?P<future>{alternation('future', start)})|(?<!\bbe )(?<!\bbeen )(?<!\bis )(?<!\bare )(?<!['’]re )"
                rf"(?P<past>{alternation('past', start)})|(?P<present>{alternation('present', start)}))")

    # The characters a cue can start with, read from the cues: the lookahead turns away the ends of
    # words (where \b also holds) in one test instead of trying every cue there. Each cue that opens
    # with a letter is one alternative per case of it, that letter outside IGNORECASE: at a word the
    # engine then enters only the cues that start with its letter (entering every cue there was most
    # of the scan).
    lookahead = _first_char_filter(body())
    cue = re.compile(rf"\b{lookahead}{body(case_exact_alternatives)}\b", re.I)
    speaker = re.compile(rf"\b(?:{alternation('speaker_future')})\b", re.IGNORECASE)
    return Cues(cue, speaker, lookahead)


class Reading(NamedTuple):
    """What the questions about one expression read, as offsets from the first character they
    depend on (see the module's last paragraph)."""

    lo: int  # the sentence window
    hi: int
    cue: int | None  # where the nearest cue starts (None: no cue)
    kind: Tense | None  # its tense
    future: bool  # its future group took part (speaks_ahead then checks the speaker's words)


# The characters read and the expression's place in them (which also tells a window cut short by the
# text's start: only there is the expression fewer than SENTENCE_REACH + reach characters in).
_WindowKey = tuple[str, int, int]


class TenseReader:
    """The tense questions the resolver asks about the expressions of one text."""

    def __init__(self, text: str, grammar: Grammar | None = None) -> None:
        self.text = text
        self.cues = cues_of(grammar)
        self._cue = MatchIndex(self.cues.cue, text, word_edge=True)
        self._ends = MatchIndex(_SENTENCE_END, text, word_edge=False)
        self._pluperfect = MatchIndex(_PLUPERFECT, text, word_edge=True)
        self._ahead_of_clause = words_pattern(r"(?:WORDS)\b", (grammar or load_grammar()).guard_words.get(
            "ahead_of_the_clause", ()), re.IGNORECASE)
        reaches = (reach_before(self.cues.cue), reach_before(_SENTENCE_END))
        self._reach = None if None in reaches else max(reaches)  # type: ignore[type-var]
        self._at: dict[tuple[int, int], tuple[int, _WindowKey | None, Reading]] = {}
        self._readings: dict[_WindowKey, Reading] = {}
        self._governing: dict[_WindowKey, Tense | None] = {}

    def _read(self, start: int, end: int) -> tuple[int, _WindowKey | None, Reading]:
        """The Reading of text[start:end], the offset it counts from and the characters it is
        remembered by (None when the cues' reach is not known: then it is not)."""
        found = self._at.get((start, end))
        if found is None:
            base, key = 0, None
            if self._reach is not None:
                base = max(0, start - SENTENCE_REACH - self._reach)
                key = (self.text[base:end + SENTENCE_REACH], start - base, end - base)
            reading = self._readings.get(key) if key is not None else None  # type: ignore[arg-type]
            if reading is None:
                reading = self._scan(start, end, base)
                if key is not None and len(self._readings) < REMEMBERED_WINDOWS:
                    self._readings[key] = reading
            found = self._at[(start, end)] = (base, key, reading)
        return found

    def _scan(self, start: int, end: int, base: int) -> Reading:
        lo = max(0, start - SENTENCE_REACH)
        last = self._ends.last(lo, start)
        hi = min(len(self.text), end + SENTENCE_REACH)
        after = self._ends.first(end, hi)
        lo, hi = last.end() if last else lo, after.start() + 1 if after else hi
        semicolon = self.text.find(";", end, hi)  # a cue after it is another clause's ("Read in May; due out in June")
        cue = self._cue.last(lo, start) or self._cue.first(end, min(hi, end + AFTER_REACH, *((semicolon,) if semicolon >= 0 else ())))
        if cue is None:
            return Reading(lo - base, hi - base, None, None, False)
        return Reading(lo - base, hi - base, cue.start() - base, _kind(cue), cue["future"] is not None)

    def window(self, start: int, end: int) -> tuple[int, int]:
        """The sentence around text[start:end], at most SENTENCE_REACH characters each way."""
        base, _, reading = self._read(start, end)
        return base + reading.lo, base + reading.hi

    def tense_at(self, start: int, end: int) -> Tense | None:
        """The tense of the clause around text[start:end] (the nearest cue before it in its
        sentence, else the first after it), or None when nothing says."""
        return self._read(start, end)[2].kind

    def governing(self, start: int, end: int) -> Tense | None:
        """The tense of the verb that governs the date itself: one right before it ("was held in
        March"), or the first after it when the date opens its clause ("On March 3, people died").
        A reporting verb further back ("said it extended ... to Nov. 20") does not count."""
        base, key, reading = self._read(start, end)
        if key is not None and key in self._governing:
            return self._governing[key]
        lo, hi = base + reading.lo, base + reading.hi
        close = self._cue.last(max(lo, start - GOVERNING_REACH), start)
        if close is not None:
            found: Tense | None = _kind(close)
        elif reading.cue is not None and base + reading.cue < start:  # a cue before it, further back
            found = None
        else:
            after = self._cue.first(end, min(hi, end + AFTER_REACH))
            found = _kind(after) if after else None
        if key is not None and len(self._governing) < REMEMBERED_WINDOWS:
            self._governing[key] = found
        return found

    def ahead_of_a_past(self, start: int) -> bool:
        """Whether the cue right before text[start] is one that looks ahead of its clause's own time, not
        the writer's ([guard_words].ahead_of_the_clause), after a past verb in the clause: "a judge denied
        the injunction ahead of a July 18 deadline" says nothing of the writer's future."""
        lo, _ = self.window(start, start)
        close = self._cue.last(max(lo, start - GOVERNING_REACH), start)
        if close is None or _kind(close) != "future" or not self._ahead_of_clause.match(self.text, close.start()):
            return False
        before = self._cue.last(lo, close.start())
        return before is not None and _kind(before) == "past"

    def verb_before(self, pos: int, reach: int) -> tuple[Tense, int] | None:
        """The tense of the last cue in the ``reach`` characters before ``pos`` in its sentence, and
        where that cue starts (the verb of a clause a word at ``pos`` continues); None without one."""
        lo, _ = self.window(pos, pos)
        cue = self._cue.last(max(lo, pos - reach), pos)
        return (_kind(cue), cue.start()) if cue is not None else None

    def speaks_ahead(self, start: int, end: int) -> bool:
        """Whether the clause around text[start:end] looks ahead from the time of writing."""
        base, _, reading = self._read(start, end)
        return reading.future and self.cues.speaker_future.match(self.text, base + reading.cue) is not None  # type: ignore[operator]

    def ahead_before(self, start: int) -> bool:
        """Whether a word of the writer's future ("will", "is expected to") stands anywhere before
        text[start] in its sentence, whatever cues come between ("is expected to pay uninsured
        depositors an advance dividend in the next week", where "uninsured" is the nearest cue)."""
        lo, _ = self.window(start, start)
        return self.cues.speaker_future.search(self.text, lo, start) is not None

    def looks_back(self, start: int, end: int) -> bool:
        """Pluperfect around text[start:end] ("the plan had been drafted in September"): the story
        steps back before its current time."""
        lo, hi = self.window(start, end)
        return self._pluperfect.first(lo, hi) is not None


def _kind(m: re.Match[str]) -> Tense:
    if m["future"]:
        return "future"
    if m["past"]:
        return "past"
    return "present"


def tense_at(text: str, start: int, end: int, grammar: Grammar | None = None) -> Tense | None:
    """The tense around one expression (a reader for many: TenseReader)."""
    return TenseReader(text, grammar).tense_at(start, end)


def speaks_ahead(text: str, start: int, end: int, grammar: Grammar | None = None) -> bool:
    """Whether the clause around one expression looks ahead from the time of writing (a reader
    for many: TenseReader)."""
    return TenseReader(text, grammar).speaks_ahead(start, end)
