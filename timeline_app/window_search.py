"""``pattern.search(text, lo, hi)`` over short windows whose text repeats, with the windows that
find nothing remembered.

A range's other end is searched for in the few characters before every date ("22-" before
"25 April 1951"). On a fixture list or a table the same few characters come before thousands of
dates, and each search tries every position of the window. A search of text[lo:hi] can read
only that window and, through lookbehinds and word boundaries, a bounded number of characters
before it (``reach_before``); it reads nothing past ``hi``, which ends the string for it. So
the window's text and that lead-in decide whether it finds a match, and a window that found none
is kept by them. Found matches are not kept (their offsets differ): those are searched again.
The same holds for the windows ``sentences.MatchIndex`` scans itself (the tense cues after a date
on "Dec. 16 " repeated: 200 characters of a pattern that tries ~100 cues at every word).
"""

from __future__ import annotations

import re
import re._constants as sre  # the parser's opcodes: the standard library's own, since 3.11
import re._parser as sre_parse
from functools import lru_cache

_ONE_BEFORE = {sre.AT_BOUNDARY, sre.AT_NON_BOUNDARY, sre.AT_BEGINNING_LINE,
               sre.AT_UNI_BOUNDARY, sre.AT_UNI_NON_BOUNDARY, sre.AT_LOC_BOUNDARY, sre.AT_LOC_NON_BOUNDARY}
_ANYWHERE = {sre.AT_BEGINNING, sre.AT_BEGINNING_STRING, sre.AT_END, sre.AT_END_LINE, sre.AT_END_STRING}
_PLAIN = {sre.LITERAL, sre.NOT_LITERAL, sre.IN, sre.ANY, sre.GROUPREF}


class _Unknown(Exception):
    """A pattern piece whose reach is not worked out here: no memo for that pattern."""


def _reach(parsed: sre_parse.SubPattern | list) -> int:
    """How far before the position it is tried at the piece can read."""
    out = 0
    for op, av in parsed:
        if op in _PLAIN:
            continue
        if op == sre.AT:
            if av in _ONE_BEFORE:
                out = max(out, 1)
            elif av not in _ANYWHERE:
                raise _Unknown(av)
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            direction, body = av
            if direction < 0:
                low, high = body.getwidth()
                if high >= sre.MAXREPEAT:
                    raise _Unknown(op)
                out = max(out, high + _reach(body))
            else:
                out = max(out, _reach(body))
        elif op == sre.SUBPATTERN:
            out = max(out, _reach(av[3]))
        elif op == sre.BRANCH:
            out = max([out, *(_reach(b) for b in av[1])])
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            out = max(out, _reach(av[2]))
        elif op == sre.ATOMIC_GROUP:
            out = max(out, _reach(av))
        else:
            raise _Unknown(op)
    return out


def reach_before(pattern: re.Pattern[str]) -> int | None:
    """How many characters before ``pos`` a search of ``pattern`` can read (lookbehinds, ``\\b``),
    or None when the pattern holds a piece this does not know."""
    return _reach_of(pattern.pattern, pattern.flags)


@lru_cache(maxsize=256)
def _reach_of(source: str, flags: int) -> int | None:
    try:
        return _reach(sre_parse.parse(source, flags))
    except _Unknown:
        return None


class WindowSearch:
    """``pattern.search(text, lo, hi)`` (and the window's last match) for the windows of one text,
    remembering those with no match: at most ``limit`` of them, when one is given."""

    def __init__(self, pattern: re.Pattern[str], limit: int | None = None) -> None:
        self.pattern = pattern
        self.reach = reach_before(pattern)
        self.limit = limit
        self._empty: set[tuple[int, bool, str]] = set()
        self.scanned = 0  # characters of the windows really searched (a remembered one reads none)

    def _key(self, text: str, lo: int, hi: int) -> tuple[int, bool, str] | None:
        """What decides whether the window finds a match (None: the pattern's reach is not known)."""
        if self.reach is None:
            return None
        start = max(0, lo - self.reach)
        return (lo - start, start == 0, text[start:hi])  # (only a window at the text's start has "^" in reach)

    def _remember(self, key: tuple[int, bool, str] | None) -> None:
        if key is not None and (self.limit is None or len(self._empty) < self.limit):
            self._empty.add(key)

    def search(self, text: str, lo: int, hi: int) -> re.Match[str] | None:
        key = self._key(text, lo, hi)
        if key in self._empty:
            return None
        self.scanned += hi - lo
        found = self.pattern.search(text, lo, hi)
        if found is None:
            self._remember(key)
        return found

    def last(self, text: str, lo: int, hi: int) -> re.Match[str] | None:
        """The last match of ``pattern.finditer(text, lo, hi)``."""
        key = self._key(text, lo, hi)
        if key in self._empty:
            return None
        self.scanned += hi - lo
        found = None
        for found in self.pattern.finditer(text, lo, hi):
            pass
        if found is None:
            self._remember(key)
        return found
