"""Sentence spans, so every event can point at the exact sentence it came from.

News text is full of periods that do not end sentences ("Dec. 16", "U.S.-based",
"Gen. Franks", "5 p.m."), and of paragraph breaks that do (headlines, datelines).
A blank line followed by a lowercase word is a broken paragraph, not a new sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import cache
from typing import NamedTuple

from .grammar import Grammar, load_grammar
from .window_search import WindowSearch

# A paragraph break counts only before more text: scanned up to the text's last non-space character
# (a lookahead for it read all the white space left, per break: quadratic on a run of blank lines).
_BOUNDARY = re.compile(r"[.!?…]+[\"”’)\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])|\n[ \t]*\n+|\n(?=[ \t]*[#*•✘-])")
# the word before a period, whole: the "s" of "the 1970s." or "the 1980’s." is no single-letter initial
_LAST_TOKEN = re.compile(r"(?<![\w’'])([A-Za-z][A-Za-z.]*)[.]+[\"”’)\]]*$")
_DAY_NUMBER = re.compile(r"(?<!\d)\d{1,2}\.$")
_NEXT_WORD = re.compile(r"\s+([^\W\d_]+)")
# The possessive after a word ("Sunday's race"): the labeller and the resolver both read a date before it as
# a noun's, not the clause's time.
POSSESSIVE = re.compile(r"['’]s\b")


class _Words(NamedTuple):
    """What the splitter reads from the language data: the abbreviations with their kinds
    (words.abbreviation), the month names, and the capitalised words that go on a clock time's
    sentence (weekday names and guard_words.after_clock)."""
    abbreviations: dict[str, str]
    months: frozenset[str]
    after_clock: frozenset[str]


def _words(grammar: Grammar | None) -> _Words:
    """The splitter's words from ``grammar`` (default: English, read once)."""
    if grammar is None:
        return _english_words()
    return _Words(dict(grammar.words["abbreviation"]), frozenset(grammar.words["month"]),
                  frozenset(grammar.words["weekday"]) | frozenset(grammar.guard_words.get("after_clock", ()))
                  | frozenset(grammar.words["month"]))


@cache
def _english_words() -> _Words:
    return _words(load_grammar())


def _is_abbreviation(text: str, end: int, words: _Words) -> bool:
    """A period that ends an abbreviation, not the sentence; after "a.m."/"p.m." only when the next
    word goes on the time ("5 p.m. Friday"), since "around 1:30 a.m. Two workers were rescued" is two."""
    m = _LAST_TOKEN.search(text, max(0, end - 12), end)
    if not m:
        return False
    token = m[1].lower().rstrip(".")
    if words.abbreviations.get(token) == "time":
        return _goes_on_clock(text, end, words.after_clock)
    return token in words.abbreviations or len(token) == 1


def _goes_on_clock(text: str, end: int, after_clock: frozenset[str]) -> bool:
    """The word after a clock time's "a.m."/"p.m." belongs to its sentence: a day, month or zone,
    or no word at all (a number, a quote)."""
    word = _NEXT_WORD.match(text, end, end + 40)
    return word is None or word[1].lower() in after_clock


def _is_day_before_month(text: str, end: int, months: frozenset[str]) -> bool:
    """'3. März', '16. Dezember': a day number's period before a month name is part of a date."""
    if not _DAY_NUMBER.search(text, max(0, end - 3), end):
        return False
    word = _NEXT_WORD.match(text, end, end + 40)
    return word is not None and word[1].lower() in months


def sentence_spans(text: str, grammar: Grammar | None = None) -> list[tuple[int, int]]:
    """(start, end) of each sentence, whitespace trimmed, covering every non-blank character;
    abbreviations and month names from ``grammar`` (default: English)."""
    words = _words(grammar)
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text, 0, len(text.rstrip())):
        end = m.end()
        if text[m.start()] in ".!?…" and (_is_abbreviation(text, end, words)
                                          or _is_day_before_month(text, end, words.months)):
            continue
        if text[m.start()] == "\n":
            following = text[end:end + 40].lstrip()
            if following[:1].islower():
                continue
            end = m.start()
        spans.append((start, end))
        start = m.end()
    spans.append((start, len(text)))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def sentence_of(spans: list[tuple[int, int]], offset: int) -> tuple[int, int]:
    """The sentence holding ``offset`` (binary search over sorted spans)."""
    lo, hi = 0, len(spans) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if spans[mid][0] <= offset:
            lo = mid
        else:
            hi = mid - 1
    return spans[lo] if spans else (0, 0)


class Sentences:
    """Sorted sentence spans, asked whether a span of text lies inside one of them."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans
        self.starts = [s for s, _ in spans]

    def of(self, offset: int) -> tuple[int, int]:
        """``sentence_of(spans, offset)``, by a binary search in C."""
        if not self.spans:
            return (0, 0)
        return self.spans[max(0, bisect_right(self.starts, offset) - 1)]

    def holds(self, start: int, end: int) -> bool:
        i = bisect_right(self.starts, start) - 1
        return i >= 0 and end <= self.spans[i][1]


class BreakIndex:
    """Where a sentence-break pattern matches, so "is there a break between a and b?" costs
    O(log n) instead of a scan: asked once per date, a scan made "Dec. 16 " repeated quadratic.

    ``shortest`` must find, at each position, the shortest match of the pattern asked about
    (its quantifiers made lazy) and have no lookaround: a match then fits in text[a:b] exactly
    when it starts at or after ``a`` and its shortest form ends by ``b``, which is what
    ``pattern.search(text, a, b)`` answers. A min-tree over those ends finds the first one.
    """

    def __init__(self, text: str, shortest: re.Pattern[str], first_chars: str) -> None:
        starts: list[int] = []
        ends: list[int] = []
        for m in re.finditer(f"[{re.escape(first_chars)}]", text):
            if found := shortest.match(text, m.start()):
                starts.append(m.start())
                ends.append(found.end())
        self._starts = starts
        self._size = size = 1 << max(1, len(ends) - 1).bit_length()
        tree = [len(text) + 1] * (2 * size)
        tree[size:size + len(ends)] = ends
        for i in range(size - 1, 0, -1):
            tree[i] = min(tree[2 * i], tree[2 * i + 1])
        self._tree = tree

    def first(self, a: int, b: int) -> int | None:
        """Where the first match inside text[a:b] starts, or None."""
        tree, size = self._tree, self._size
        i = bisect_right(self._starts, a - 1) + size
        if i >= 2 * size:
            return None
        while tree[i] > b:  # climb to the next subtree on the right until one holds an early end
            while i & 1:
                i >>= 1
            if i == 0:
                return None
            i += 1
        while i < size:
            i = 2 * i if tree[2 * i] <= b else 2 * i + 1
        return self._starts[i - size]


_WORD_PAIR = re.compile(r"\w\w")  # the \w of a \b, on each side of a place
# Windows a MatchIndex scans directly and remembers when they find nothing: dense text ("Dec. 16 "
# repeated) has a handful of distinct windows, and an article's windows rarely repeat (the bound keeps
# its memo small).
REMEMBERED_WINDOWS = 4096


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

    Ordinary text asks about few windows, and scanning them costs less than scanning the whole
    text: windows are scanned directly until they have read ``direct_budget`` times the text's
    length, and the index is built only then (the answers are the same either way). Dense text
    pays those windows on top of the index's one scan: half a text's length keeps it at 1.5 scans
    (at 2.0 it was 3, and the tense cues' scan alone costs ~0.6 CPU-s per MB). A window remembered
    to find nothing (``WindowSearch``) reads nothing and costs no budget: text that repeats itself
    ("Dec. 16 " over and over) may never need the index.
    """

    def __init__(self, pattern: re.Pattern[str], text: str, word_edge: bool, direct_budget: float = 0.5) -> None:
        self.pattern, self.text, self.word_edge = pattern, text, word_edge
        self._budget = direct_budget * len(text)  # window characters still to scan before indexing
        self._scan = pattern.finditer(text)
        self._direct = WindowSearch(pattern, REMEMBERED_WINDOWS)  # dense text repeats its windows
        self._found: list[re.Match[str]] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        self._known = 0  # every indexed match starting before this is in the lists
        self.scanned = 0  # characters of windows scanned directly (tests count them: it must stay linear)

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

    def _indexed(self, a: int, b: int) -> bool:
        """Whether windows are answered from the index by now (see the class's last paragraph)."""
        if self._budget >= 0:
            self._budget -= b - a
        return self._budget < 0

    def _synced(self, a: int, b: int) -> bool:
        """Whether the window [a, b) can be answered from the index (cases i and iii above; while
        budget is left, no: the direct scans charge it). (Asked several times per date:
        ``_inside_word`` and ``_cover`` written in.)"""
        if self._budget > 0:
            return False
        text = self.text
        if self.word_edge and 0 < b < len(text) and _WORD_PAIR.match(text, b - 1) is not None:
            return False
        if self._known < b + 1:
            self._cover(b + 1)
        i = bisect_right(self.starts, a) - 1
        return i < 0 or self.ends[i] <= a or self.starts[i] == a

    def inside(self, a: int, b: int) -> tuple[list[re.Match[str]], range]:
        """The window [a, b)'s own matches that end before b: where it opens inside an indexed
        match, the ones it scans itself until one is indexed; then indices of indexed ones.
        ``word_edge`` is not consulted."""
        if not self._indexed(a, b):
            found = [m for m in self.pattern.finditer(self.text, a, b) if m.end() < b]
            self.scanned += b - a
            return found, range(0)
        self._cover(b + 1)
        first, stop = bisect_left(self.starts, a), bisect_right(self.ends, b - 1)
        i = first - 1
        head: list[re.Match[str]] = []
        if i >= 0 and a < self.ends[i]:  # opens inside match i: scan until the scans meet
            for m in self.pattern.finditer(self.text, a, b):
                self.scanned += m.end() - a
                j = bisect_left(self.starts, m.start())
                if m.end() >= b or (j < len(self.starts) and self.starts[j] == m.start() and self.ends[j] == m.end()):
                    first = j
                    break
                head.append(m)
            else:
                first = stop
        return head, range(first, max(first, stop))

    def match(self, i: int) -> re.Match[str]:
        return self._found[i]

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
            return self._search(a, b)
        i = bisect_left(self.starts, a)
        if i == len(self.starts) or self.starts[i] >= b:
            return None
        if self.ends[i] < b:
            return self._found[i]
        return self._search(self.starts[i], b)  # across the window's end (ii)

    def _search(self, a: int, b: int) -> re.Match[str] | None:
        read = self._direct.scanned
        found = self._direct.search(self.text, a, b)
        self._charge(self._direct.scanned - read)
        return found

    def _last_direct(self, a: int, b: int) -> re.Match[str] | None:
        read = self._direct.scanned
        found = self._direct.last(self.text, a, b)
        self._charge(self._direct.scanned - read)
        return found

    def _charge(self, read: int) -> None:
        """Count characters scanned directly, against the budget too."""
        self.scanned += read
        self._budget -= read
