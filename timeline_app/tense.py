"""Which way a sentence looks in time, from cheap lexical cues around an expression.

A bare "Dec. 16" or "on Monday" is past or future depending on the verb near it
("erupted on Dec. 16" vs "will vote on Monday"). We read the nearest cue before the
expression in its sentence (then just after it); no cue means None and the caller
picks the nearer candidate. The cue words are the language's data (``[tense]`` of the
grammar in use); only the way they are read is here.

Every answer is defined by a regex scan of a window around the expression (the sentence,
at most SENTENCE_REACH characters each way). Scanning that window once per expression made
dense text (a date every few characters, no sentence break) cost ~0.5 ms per date, so a
``TenseReader`` scans the text once per pattern (``MatchIndex``) and answers each window
from that index with a binary search. The few windows where the index could differ from
the window's own scan (see MatchIndex) are scanned as before.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from .grammar import Grammar, _first_char_filter, load_grammar

Tense = Literal["past", "future", "present"]

SENTENCE_REACH = 200  # how far a sentence window reaches on each side of its expression
AFTER_REACH = 80  # how far after the expression a cue is looked for when none is before it
GOVERNING_REACH = 18  # how close before the date the verb that governs it stands

_SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s+(?=[A-Z\"“])|\n\s*\n")
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

    def alternation(kind: str) -> str:
        return "|".join(pieces[kind]) if pieces.get(kind) else _NEVER

    # A participle after "be"/"been" ("will be held") is passive voice, not past tense.
    body = (rf"(?:(?P<future>{alternation('future')})|(?<!\bbe )(?<!\bbeen )(?P<past>{alternation('past')})"
            rf"|(?P<present>{alternation('present')}))")
    # The characters a cue can start with, read from the cues: the lookahead turns away the ends of
    # words (where \b also holds) in one test instead of trying every cue there.
    lookahead = _first_char_filter(body)
    cue = re.compile(rf"\b{lookahead}{body}\b", re.I)
    speaker = re.compile(rf"\b(?:{alternation('speaker_future')})\b", re.IGNORECASE)
    return Cues(cue, speaker, lookahead)


_WORD_PAIR = re.compile(r"\w\w")  # the \w of a \b, on each side of a place


def _inside_word(text: str, i: int) -> bool:
    return 0 < i < len(text) and _WORD_PAIR.match(text, i - 1) is not None


class MatchIndex:
    """The matches of one pattern over a whole text, found once, so that a window's scan
    (``pattern.finditer(text, a, b)``) is answered by a binary search.

    The index holds the matches of one left-to-right scan of the text, in order. A scan of a
    window finds the same matches, except (i) where the window opens inside an indexed match
    (the window's scan may start a different match there), (ii) for a match running past the
    window's end (the window shows part of it) and (iii) where the pattern reads past the
    window's end: patterns with a ``\\b`` at their end read one character on, so a window
    ending inside a word (``word_edge``) is scanned as such; a trailing lookahead reads one
    character too, so only matches ending before ``b`` count as inside it. Those windows are
    scanned directly, and the window's reach bounds their cost.
    """

    def __init__(self, pattern: re.Pattern[str], text: str, word_edge: bool) -> None:
        self.pattern, self.text, self.word_edge = pattern, text, word_edge
        self._scan = pattern.finditer(text)
        self._found: list[re.Match[str]] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        self._known = 0  # every indexed match starting before this is in the lists
        self.direct = 0  # windows scanned directly (tests count them)

    def _cover(self, to: int) -> None:
        """Index the matches starting before ``to`` (one scan over the text, done lazily)."""
        while self._known < to:
            m = next(self._scan, None)
            if m is None:
                self._known = len(self.text) + 1
                return
            self._found.append(m)
            self.starts.append(m.start())
            self.ends.append(m.end())
            self._known = m.end() if m.end() > m.start() else m.end() + 1

    def _synced(self, a: int, b: int) -> bool:
        """Whether the window [a, b) can be answered from the index (cases i and iii above)."""
        if self.word_edge and b < len(self.text) and _inside_word(self.text, b):
            return False
        self._cover(b + 1)
        i = bisect_right(self.starts, a) - 1
        return i < 0 or self.ends[i] <= a or self.starts[i] == a

    def last(self, a: int, b: int) -> re.Match[str] | None:
        """The last match of ``pattern.finditer(text, a, b)``."""
        if not self._synced(a, b):
            return self._last_direct(a, b)
        first = bisect_left(self.starts, a)
        inside = bisect_right(self.ends, b - 1)  # matches ending before b (a lookahead may read b)
        across = max(first, inside)  # the first indexed match that does not end before b
        if across < len(self.starts) and self.starts[across] < b:
            tail = self._last_direct(self.starts[across], b)  # the window shows part of it (ii)
            if tail is not None:
                return tail
        return self._found[inside - 1] if inside > first else None

    def first(self, a: int, b: int) -> re.Match[str] | None:
        """``pattern.search(text, a, b)``."""
        if not self._synced(a, b):
            self.direct += 1
            return self.pattern.search(self.text, a, b)
        i = bisect_left(self.starts, a)
        if i == len(self.starts) or self.starts[i] >= b:
            return None
        if self.ends[i] < b:
            return self._found[i]
        self.direct += 1
        return self.pattern.search(self.text, self.starts[i], b)  # across the window's end (ii)

    def _last_direct(self, a: int, b: int) -> re.Match[str] | None:
        self.direct += 1
        found = None
        for found in self.pattern.finditer(self.text, a, b):
            pass
        return found


class TenseReader:
    """The tense questions the resolver asks about the expressions of one text."""

    def __init__(self, text: str, grammar: Grammar | None = None) -> None:
        self.text = text
        self.cues = cues_of(grammar)
        self._cue = MatchIndex(self.cues.cue, text, word_edge=True)
        self._ends = MatchIndex(_SENTENCE_END, text, word_edge=False)
        self._pluperfect = MatchIndex(_PLUPERFECT, text, word_edge=True)
        self._windows: dict[tuple[int, int], tuple[int, int]] = {}
        self._near: dict[tuple[int, int], re.Match[str] | None] = {}

    def window(self, start: int, end: int) -> tuple[int, int]:
        """The sentence around text[start:end], at most SENTENCE_REACH characters each way."""
        key = (start, end)
        if key not in self._windows:
            lo = max(0, start - SENTENCE_REACH)
            last = self._ends.last(lo, start)
            hi = min(len(self.text), end + SENTENCE_REACH)
            after = self._ends.first(end, hi)
            self._windows[key] = (last.end() if last else lo, after.start() + 1 if after else hi)
        return self._windows[key]

    def _before(self, lo: int, start: int) -> re.Match[str] | None:
        """The last cue of the window text[lo:start]."""
        return self._cue.last(lo, start)

    def nearest(self, start: int, end: int) -> re.Match[str] | None:
        """The nearest cue before text[start:end] in its sentence, else the first after it."""
        key = (start, end)
        if key not in self._near:
            lo, hi = self.window(start, end)
            before = self._before(lo, start)
            self._near[key] = before or self._cue.first(end, min(hi, end + AFTER_REACH))
        return self._near[key]

    def tense_at(self, start: int, end: int) -> Tense | None:
        """The tense of the clause around text[start:end], or None when nothing says."""
        cue = self.nearest(start, end)
        return _kind(cue) if cue else None

    def governing(self, start: int, end: int) -> Tense | None:
        """The tense of the verb that governs the date itself: one right before it ("was held in
        March"), or the first after it when the date opens its clause ("On March 3, people died").
        A reporting verb further back ("said it extended ... to Nov. 20") does not count."""
        lo, hi = self.window(start, end)
        close = self._before(max(lo, start - GOVERNING_REACH), start)
        if close is not None:
            return _kind(close)
        if self._before(lo, start) is not None:
            return None
        after = self._cue.first(end, min(hi, end + AFTER_REACH))
        return _kind(after) if after else None

    def speaks_ahead(self, start: int, end: int) -> bool:
        """Whether the clause around text[start:end] looks ahead from the time of writing."""
        cue = self.nearest(start, end)
        return (cue is not None and cue["future"] is not None
                and self.cues.speaker_future.match(self.text, cue.start()) is not None)

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
