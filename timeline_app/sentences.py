"""Sentence spans, so every event can point at the exact sentence it came from.

News text is full of periods that do not end sentences ("Dec. 16", "U.S.-based",
"Gen. Franks", "5 p.m."), and of paragraph breaks that do (headlines, datelines).
A blank line followed by a lowercase word is a broken paragraph, not a new sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache

from .grammar import load_grammar

_BOUNDARY = re.compile(r"[.!?…]+[\"”’)\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])|\n[ \t]*\n+(?=\s*\S)|\n(?=[ \t]*[#*•✘-])")
_LAST_TOKEN = re.compile(r"([A-Za-z][A-Za-z.]*)[.]+[\"”’)\]]*$")


@cache
def _abbreviations() -> frozenset[str]:
    """The language data's abbreviations (rules/en.toml, words.abbreviation)."""
    return frozenset(load_grammar().words["abbreviation"])


def _is_abbreviation(text: str, end: int) -> bool:
    m = _LAST_TOKEN.search(text, max(0, end - 12), end)
    if not m:
        return False
    token = m[1].lower().rstrip(".")
    return token in _abbreviations() or len(token) == 1


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, whitespace trimmed, covering every non-blank character."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        end = m.end()
        if text[m.start()] in ".!?…" and _is_abbreviation(text, end):
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
