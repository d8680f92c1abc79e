"""Which way a sentence looks in time, from cheap lexical cues around an expression.

A bare "Dec. 16" or "on Monday" is past or future depending on the verb near it
("erupted on Dec. 16" vs "will vote on Monday"). We read the nearest cue before the
expression in its sentence (then just after it); no cue means None and the caller
picks the nearer candidate.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from typing import Literal

from .grammar import load_grammar

Tense = Literal["past", "future", "present"]

# The cue words are the language's data (rules/en.toml [tense]); only the way they are read is here.
_CUES = load_grammar().tense
_FUTURE = "|".join(_CUES["future"])
_PAST = "|".join(_CUES["past"])
_PRESENT = "|".join(_CUES["present"])
# A participle after "be"/"been" ("will be held") is passive voice, not past tense.
# Every cue starts with a word character or "'" ("'ll"): the lookahead turns away the ends of words
# (where \b also holds) in one test instead of trying every cue there.
_CUE = re.compile(rf"\b(?=[\w'])(?:(?P<future>{_FUTURE})|(?<!\bbe )(?<!\bbeen )(?P<past>{_PAST})|(?P<present>{_PRESENT}))\b", re.I)
_SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s+(?=[A-Z\"“])|\n\s*\n")


SENTENCE_REACH = 200  # how far a sentence window reaches on each side of its expression


class _TextCache(threading.local):
    """Per thread, the last text's sentence windows and cue scans: the resolver asks about
    every mention of a sentence, often several times, and each answer scans the same text."""

    text: str | None = None
    windows: dict[tuple[int, int], tuple[int, int]]
    cues: dict[tuple[int, int], re.Match[str] | None]
    scans: dict[int, tuple[Iterator[re.Match[str]], list[re.Match[str]]]]

    def on(self, text: str) -> _TextCache:
        if self.text is not text:
            self.text, self.windows, self.cues, self.scans = text, {}, {}, {}
        return self


_CACHE = _TextCache()


def _sentence_window(text: str, start: int, end: int) -> tuple[int, int]:
    cache = _CACHE.on(text)
    window = cache.windows.get((start, end))
    if window is None:
        window = cache.windows[start, end] = _find_sentence_window(text, start, end)
    return window


def _cues_before(text: str, lo: int, start: int) -> list[re.Match[str]]:
    """``list(_CUE.finditer(text, lo, start))``, from one scan per sentence start ``lo``.

    The scan runs SENTENCE_REACH past ``lo`` (never short of a ``start`` with this ``lo``); its
    cues that end by ``start`` are the windowed ones. A cue running across ``start`` ("is due"
    for a date at "due") reads differently when the text stops there, so from that cue on the
    window is scanned as such. A ``start`` inside a word (where the window's end would make a
    word boundary) is scanned directly.
    """
    if start > lo + SENTENCE_REACH or _inside_word(text, start):
        return list(_CUE.finditer(text, lo, start))
    cache = _CACHE.on(text)
    if lo not in cache.scans:
        cache.scans[lo] = (_CUE.finditer(text, lo, lo + SENTENCE_REACH), [])
    scan, seen = cache.scans[lo]
    while not seen or seen[-1].end() < start:
        cue = next(scan, None)
        if cue is None:
            break
        seen.append(cue)
    before = []
    for cue in seen:
        if cue.end() <= start:
            before.append(cue)
        else:
            if cue.start() < start:
                before += _CUE.finditer(text, cue.start(), start)
            break
    return before


def _inside_word(text: str, i: int) -> bool:
    return 0 < i < len(text) and all(c.isalnum() or c == "_" for c in text[i - 1:i + 1])


def _find_sentence_window(text: str, start: int, end: int) -> tuple[int, int]:
    lo = max(0, start - SENTENCE_REACH)
    for m in _SENTENCE_END.finditer(text, lo, start):
        lo = m.end()
    m = _SENTENCE_END.search(text, end, min(len(text), end + SENTENCE_REACH))
    return lo, (m.start() + 1 if m else min(len(text), end + SENTENCE_REACH))


def tense_at(text: str, start: int, end: int) -> Tense | None:
    """The tense of the clause around text[start:end], or None when nothing says."""
    cue = _cue_at(text, start, end)
    return _kind(cue) if cue else None


def _cue_at(text: str, start: int, end: int) -> re.Match[str] | None:
    """The nearest cue before text[start:end] in its sentence, else the first after it."""
    cache = _CACHE.on(text)
    if (start, end) not in cache.cues:
        lo, hi = _sentence_window(text, start, end)
        before = _cues_before(text, lo, start)
        cache.cues[start, end] = before[-1] if before else _CUE.search(text, end, min(hi, end + 80))
    return cache.cues[start, end]


def governing_tense(text: str, start: int, end: int, reach: int = 18) -> Tense | None:
    """The tense of the verb that governs the date itself: one right before it ("was held in
    March"), or the first after it when the date opens its clause ("On March 3, people died").
    A reporting verb further back ("said it extended ... to Nov. 20") does not count."""
    lo, hi = _sentence_window(text, start, end)
    before = list(_CUE.finditer(text, max(lo, start - reach), start))
    if before:
        return _kind(before[-1])
    if _cues_before(text, lo, start):
        return None
    after = _CUE.search(text, end, min(hi, end + 80))
    return _kind(after) if after else None


def _kind(m: re.Match[str]) -> Tense:
    if m["future"]:
        return "future"
    if m["past"]:
        return "past"
    return "present"


# Future from the writer's present ("will", "is due to"), unlike "would", which a history uses
# for what came next in the story.
_SPEAKER_FUTURE = re.compile(rf"\b(?:{'|'.join(_CUES['speaker_future'])})\b", re.IGNORECASE)


def speaks_ahead(text: str, start: int, end: int) -> bool:
    """Whether the clause around text[start:end] looks ahead from the time of writing."""
    cue = _cue_at(text, start, end)
    return cue is not None and cue["future"] is not None and _SPEAKER_FUTURE.match(text, cue.start()) is not None


_PLUPERFECT = re.compile(r"\b(?:had|'d)\s+(?!to\b)(?:\w+ly\s+)?\w+", re.IGNORECASE)


def looks_back(text: str, start: int, end: int) -> bool:
    """Pluperfect around text[start:end] ("the plan had been drafted in September"): the story
    steps back before its current time."""
    lo, hi = _sentence_window(text, start, end)
    return _PLUPERFECT.search(text, lo, hi) is not None
