"""Short event labels from a sentence: the clause that holds the date, minus the date.

A journalist scanning a timeline wants "Another person died in clashes in a nearby
village", not the whole sentence. Without a parser we cut at clause boundaries,
drop the date phrase with its preposition, and keep the first words.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from .sentences import MatchIndex

MAX_WORDS = 10
# (The lookahead names the characters a break can start with: elsewhere it fails in one test.)
_CLAUSE_BREAK = re.compile(r"(?=[\s;:—–,])(?:\s*[;:—–]\s+|,\s+|\s+(?P<conj>and|but|while|whereas|although)\s+)")
# After "and", a new clause starts with a subject; "oilmen and their employers" is one noun phrase.
_SUBJECT_START = re.compile(
    r"(?:[A-Z0-9]|(?:he|she|it|they|we|i|you|another|the|a|an|this|these|those|one|two|three|some|many|"
    r"most|police|officials|troops)\b)")
_LEADING_PREPOSITION = re.compile(
    r"\s*\b(?:on|in|at|since|by|until|till|from|between|during|for|of|over|within|about|around|after|before|as of)\s*$", re.I)
_EMPTY_BRACKETS = re.compile(r"\s*\(\s*\)")  # "The Battle of Kapyong (22-25 April 1951)" minus its date
_LEADING_FILLER = re.compile(r"^(?:[✘•*#>\-\s\"“”]+|(?:and|but|while|which|who|then|also|officially|meanwhile)\b,?\s*)+", re.I)
_JUNK = frozenset(",;:.\"“”'’(-—")  # with white space, what a label may not end with
_STOP_TAIL = {"a", "an", "the", "of", "in", "on", "at", "to", "for", "with", "by", "from", "and", "or", "but",
              "between", "into", "its", "their", "his", "her", "that", "which", "who", "as"}
_PREPOSITIONS = {"between", "with", "of", "for", "to", "into", "from", "at", "on", "by", "against", "after",
                 "before", "during", "over", "under", "who", "which", "that", "and", "or", "but", "was", "were",
                 "is", "are", "has", "have", "had"}


# Three or more words (``len(text.split()) >= 3``), read in place instead of split off a long sentence.
_THREE_WORDS = re.compile(r"\s*\S+\s+\S+\s+\S")
_FOUR_WORDS = re.compile(r"\s*\S+\s+\S+\s+\S+\s+\S")
_OWNER = re.compile(r"([A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,2}['’]s)\s*$")  # "Nazarbayev's" before a span


# A label reads its clause's first words: HEAD characters hold them unless the words are long, and
# then the whole clause is read. Past the first MAX_WORDS + 3 words a cut in HEAD changes none of them
# (only the last word it shows, or empty brackets it opens, differ from the whole clause).
HEAD = 160
_HEAD_WORDS = MAX_WORDS + 3


def _words(text: str, own: bool) -> list[str]:
    """``_tidied(text, own).split()``, or its first MAX_WORDS + 1 words when HEAD characters show them."""
    if len(text) > HEAD:
        words = _tidied(text[:HEAD], own).split(None, _HEAD_WORDS)
        if len(words) > _HEAD_WORDS:
            return words[:MAX_WORDS + 1]  # as many as the label needs to know it is cut
    return _tidied(text, own).split()


def _tidied(text: str, own: bool) -> str:
    """The date's own clause loses empty brackets; any clause loses leading filler."""
    if own:
        text = text.strip()
        if "(" in text:  # (empty brackets open with one: most clauses need no scan for them)
            text = _EMPTY_BRACKETS.sub("", text)
    return _LEADING_FILLER.sub("", text)


class Labeller:
    """Labels for the dates of one text. Its clause breaks are found once (a scan of each
    label's window made dense text slow), and the cuts they make are followed once over the
    whole text: a window's own cuts join those after the first cut both make, so a label only
    follows the breaks at its window's start and around its date."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._breaks = MatchIndex(_CLAUSE_BREAK, text, word_edge=False)
        self._state: list[int] = []  # per break, where the last cut before it ends (whole-text cuts)
        self._cut_at: list[int] = []  # breaks the whole-text reading cuts at, in order
        self._cuts: list[int] = []  # their spans, flat: start, end, start, end ...

    def _follow(self, upto: int) -> None:
        """The whole-text cuts (no date kept, the text's end as the window's) through break ``upto``."""
        state = self._cuts[-1] if self._cuts else 0
        for k in range(len(self._state), upto + 1):
            self._state.append(state)
            m = self._breaks.match(k)
            if self._cuts_at(m, state, len(self.text), (0, 0)):
                self._cut_at.append(k)
                self._cuts += [m.start(), m.end()]
                state = m.end()

    def _cuts_at(self, m: re.Match[str], state: int, hi: int, keep: tuple[int, int]) -> bool:
        """Whether break ``m`` cuts a clause that began at ``state`` in a window ending at ``hi``:
        not inside the date, a subject after "and", and three or more words on both sides."""
        text = self.text
        if keep[0] <= m.start() < keep[1]:
            return False
        if m["conj"] == "and" and not _SUBJECT_START.match(text, m.end(), hi):
            return False
        return _THREE_WORDS.match(text, state, m.start()) is not None and _THREE_WORDS.match(text, m.end(), hi) is not None

    def _clauses(self, lo: int, hi: int, keep: tuple[int, int]) -> list[int]:
        """Clause spans of text[lo:hi], flat and in order (start, end, start, end ...); a break counts
        when both sides have three or more words and it does not fall inside ``keep`` (the date
        itself: "March 3, 2009"). The spans after the two cuts that follow the date's start are left
        out: no label reads them."""
        head, shown = self._breaks.inside(lo, hi)
        cuts, state, synced, jumped = [lo], lo, lo == 0, False
        after = 0  # cuts made after the date's start
        for m in head:  # breaks of a window that opens inside one
            if after < 2 and self._cuts_at(m, state, hi, keep):
                cuts += [m.start(), m.end()]
                state = m.end()
                after += m.start() > keep[0]
        k, stop = shown.start, shown.stop
        while k < stop and after < 2:
            m = self._breaks.match(k)
            if not jumped and m.start() < keep[0]:
                if not synced:
                    self._follow(k)
                    synced = state == self._state[k]
                if synced:  # (at most once: it either jumps to the date or finds it cannot)
                    jumped = True
                    k, state = self._jump(k, stop, state, cuts, hi, keep)
                    if k == stop:
                        break
                    m = self._breaks.match(k)
            if self._cuts_at(m, state, hi, keep):
                cuts += [m.start(), m.end()]
                state = m.end()
                after += m.start() > keep[0]
            k += 1
        cuts.append(hi)
        return cuts

    def _jump(self, k: int, stop: int, state: int, cuts: list[int], hi: int, keep: tuple[int, int]) -> tuple[int, int]:
        """From break ``k``, where this window's reading and the whole text's agree, to the first
        break at or after the date: the whole-text cuts in between are this window's too, when the
        last break before the date reads alike in both (three words after it, and a subject after
        "and", inside the window; then every earlier one does too)."""
        end = bisect_left(self._breaks.starts, keep[0], k, stop)  # the first break at the date or after
        if end == k:
            return k, state
        last = self._breaks.match(end - 1)
        if _THREE_WORDS.match(self.text, last.end(), hi) is None or last.end() + 16 >= hi:
            return k, state
        self._follow(end - 1)
        first, past = bisect_left(self._cut_at, k), bisect_left(self._cut_at, end)
        cuts += self._cuts[2 * first:2 * past]
        return end, self._cuts[2 * past - 1] if past > first else state

    def clause(self, lo: int, hi: int, t_start: int, t_end: int) -> str:
        """Label from the clause of text[lo:hi] holding text[t_start:t_end], with the date phrase removed."""
        text = self.text
        cuts = self._clauses(lo, hi, (t_start, t_end))
        # The clause holding the date, else the first: spans are disjoint and in order, so text[t_start]
        # is in span i exactly when 2i + 1 of the flat bounds are at or before it.
        held = bisect_right(cuts, t_start)
        idx = held // 2 if held % 2 else 0
        s, e = cuts[2 * idx], cuts[2 * idx + 1]
        before = text[s:_preposition_start(text, s, t_start)].rstrip()
        after = text[t_end:e].lstrip()
        if after[:5].lower().startswith(("from ", "of ")):
            after = ""
        words = _words(before + " " + after, own=True)
        if len(words) < 3 and len(cuts) > 2:  # "Officially" alone says nothing: use the main clause
            other = 2 * (idx - 1 if idx > 0 else idx + 1)
            words = _words(text[cuts[other]:cuts[other + 1]], own=False)
        return _tidy(words[:MAX_WORDS], cut=len(words) > MAX_WORDS)

    def phrase(self, lo: int, hi: int, t_start: int, t_end: int) -> str:
        """Label for a span the expression itself names: "seven-month labor dispute",
        "Nazarbayev's more than two decades in power"."""
        text = self.text
        head = text[t_start:t_end]
        near = max(lo, t_start - 80)  # an owner is at most three words: when the last 80 characters hold four, it starts in them
        owner = _OWNER.search(text, near if _FOUR_WORDS.match(text, near, t_start) else lo, t_start)
        if owner:
            head = owner[1] + " " + head
        following = text[t_end:min(hi, t_end + HEAD)].split(None, 5)  # the tail reads five words at most
        if len(following) <= 5:
            following = text[t_end:hi].split()
        tail: list[str] = []
        for i, word in enumerate(following[:5]):
            clean = word.strip(",.;:\"”)")
            if len(tail) == 4 or (i > 0 and clean.lower() in _PREPOSITIONS):
                break
            tail.append(clean)
            if clean != word:
                break
        return _tidy((head + " " + " ".join(tail)).split(), cut=False)


def _without_trailing_junk(text: str) -> str:
    """``text`` without the white space and _JUNK it ends with, read from the end (the regex
    ``[\\s,;:.\"“”'’(\\-—]+$`` it replaces tried every start)."""
    end = len(text)
    while end and (text[end - 1] in _JUNK or text[end - 1].isspace()):
        end -= 1
    return text[:end]


def _tidy(words: list[str], cut: bool) -> str:
    while cut and words and words[-1].lower().strip(",.;:") in _STOP_TAIL:
        words.pop()
    text = _without_trailing_junk(" ".join(words))
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text + ("…" if cut else "")


def _preposition_start(text: str, s: int, t_start: int) -> int:
    """Where the preposition before the date starts ("clashes in" + date): where
    ``_LEADING_PREPOSITION`` matches text[s:t_start], read in the last characters when those
    hold three words (a match, one preposition between spaces, then starts inside them)."""
    last = t_start  # a match ends in a preposition, then white space: after a letter
    while last > s and text[last - 1].isspace():
        last -= 1
    if last == s or not text[last - 1].isalpha():
        return t_start
    lo = max(s, t_start - 40)
    if lo > s and _THREE_WORDS.match(text, lo, t_start):
        m = _LEADING_PREPOSITION.search(text, lo, t_start)
        return m.start() if m else t_start
    m = _LEADING_PREPOSITION.search(text[s:t_start])  # (its \b reads the clause's start as a text's)
    return s + m.start() if m else t_start


def clause_label(sentence: str, t_start: int, t_end: int) -> str:
    """Label from the clause holding sentence[t_start:t_end], with the date phrase removed."""
    return Labeller(sentence).clause(0, len(sentence), t_start, t_end)


def phrase_label(sentence: str, t_start: int, t_end: int) -> str:
    """Label for a span the expression itself names (see Labeller.phrase)."""
    return Labeller(sentence).phrase(0, len(sentence), t_start, t_end)
