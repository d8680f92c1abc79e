"""Which way a sentence looks in time, from cheap lexical cues around an expression.

A bare "Dec. 16" or "on Monday" is past or future depending on the verb near it
("erupted on Dec. 16" vs "will vote on Monday"). We read the nearest cue before the
expression in its sentence (then just after it); no cue means None and the caller
picks the nearer candidate.
"""

from __future__ import annotations

import re
from typing import Literal

from .grammar import load_grammar

Tense = Literal["past", "future", "present"]

# The cue words are the language's data (rules/en.toml [tense]); only the way they are read is here.
_CUES = load_grammar().tense
_FUTURE = "|".join(_CUES["future"])
_PAST = "|".join(_CUES["past"])
_PRESENT = "|".join(_CUES["present"])
# A participle after "be"/"been" ("will be held") is passive voice, not past tense.
_CUE = re.compile(rf"\b(?:(?P<future>{_FUTURE})|(?<!\bbe )(?<!\bbeen )(?P<past>{_PAST})|(?P<present>{_PRESENT}))\b", re.I)
_SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s+(?=[A-Z\"“])|\n\s*\n")


def _sentence_window(text: str, start: int, end: int) -> tuple[int, int]:
    lo = max(0, start - 200)
    for m in _SENTENCE_END.finditer(text, lo, start):
        lo = m.end()
    m = _SENTENCE_END.search(text, end, min(len(text), end + 200))
    return lo, (m.start() + 1 if m else min(len(text), end + 200))


def tense_at(text: str, start: int, end: int) -> Tense | None:
    """The tense of the clause around text[start:end], or None when nothing says."""
    cue = _cue_at(text, start, end)
    return _kind(cue) if cue else None


def _cue_at(text: str, start: int, end: int) -> re.Match[str] | None:
    """The nearest cue before text[start:end] in its sentence, else the first after it."""
    lo, hi = _sentence_window(text, start, end)
    before = list(_CUE.finditer(text, lo, start))
    return before[-1] if before else _CUE.search(text, end, min(hi, end + 80))


def governing_tense(text: str, start: int, end: int, reach: int = 18) -> Tense | None:
    """The tense of the verb that governs the date itself: one right before it ("was held in
    March"), or the first after it when the date opens its clause ("On March 3, people died").
    A reporting verb further back ("said it extended ... to Nov. 20") does not count."""
    lo, hi = _sentence_window(text, start, end)
    before = list(_CUE.finditer(text, max(lo, start - reach), start))
    if before:
        return _kind(before[-1])
    if _CUE.search(text, lo, start):
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
