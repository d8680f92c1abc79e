"""Sentence spans, so every event can point at the exact sentence it came from.

News text is full of periods that do not end sentences ("Dec. 16", "U.S.-based",
"Gen. Franks", "5 p.m."), and of paragraph breaks that do (headlines, datelines).
A blank line followed by a lowercase word is a broken paragraph, not a new sentence.
"""

from __future__ import annotations

import re
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
