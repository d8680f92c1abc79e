"""Short event labels from a sentence: the clause that holds the date, minus the date.

A journalist scanning a timeline wants "Another person died in clashes in a nearby
village", not the whole sentence. Without a parser we cut at clause boundaries,
drop the date phrase with its preposition, and keep the first words.
"""

from __future__ import annotations

import re

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
_TRAILING_JUNK = re.compile(r"[\s,;:.\"“”'’(\-—]+$")
_STOP_TAIL = {"a", "an", "the", "of", "in", "on", "at", "to", "for", "with", "by", "from", "and", "or", "but",
              "between", "into", "its", "their", "his", "her", "that", "which", "who", "as"}
_PREPOSITIONS = {"between", "with", "of", "for", "to", "into", "from", "at", "on", "by", "against", "after",
                 "before", "during", "over", "under", "who", "which", "that", "and", "or", "but", "was", "were",
                 "is", "are", "has", "have", "had"}


def _clauses(sentence: str, keep: tuple[int, int]) -> list[tuple[int, int]]:
    """Clause spans; a break counts when both sides have three or more words and it does not
    fall inside ``keep`` (the date itself: "March 3, 2009"). The spans after the two that
    follow the date's clause are left out: no label reads them."""
    cuts = [0]
    after = 0  # cuts made after the date's start
    for m in _CLAUSE_BREAK.finditer(sentence):
        if keep[0] <= m.start() < keep[1]:
            continue
        if m["conj"] == "and" and not _SUBJECT_START.match(sentence, m.end()):
            continue
        if _THREE_WORDS.match(sentence, cuts[-1], m.start()) and _THREE_WORDS.match(sentence, m.end()):
            cuts.extend([m.start(), m.end()])
            after += m.start() > keep[0]
            if after == 2:
                break
    cuts.append(len(sentence))
    return [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts) - 1, 2)]


# Three or more words (``len(text.split()) >= 3``), read in place instead of split off a long sentence.
_THREE_WORDS = re.compile(r"\s*\S+\s+\S+\s+\S")
_FOUR_WORDS = re.compile(r"\s*\S+\s+\S+\s+\S+\s+\S")
_OWNER = re.compile(r"([A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,2}['’]s)\s*$")  # "Nazarbayev's" before a span


def _three_words(text: str) -> bool:
    return _THREE_WORDS.match(text) is not None


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
    return _LEADING_FILLER.sub("", _EMPTY_BRACKETS.sub("", text.strip()) if own else text)


def _preposition_start(sentence: str, s: int, t_start: int) -> int:
    """Where the preposition before the date starts ("clashes in" + date): where
    ``_LEADING_PREPOSITION`` matches sentence[s:t_start], read in the last characters when those
    hold three words (a match, one preposition between spaces, then starts inside them)."""
    lo = max(s, t_start - 40)
    if lo == s or not _THREE_WORDS.match(sentence, lo, t_start):
        lo = s  # (a clause starts the sentence or after a space, so \b reads alike at s)
    m = _LEADING_PREPOSITION.search(sentence, lo, t_start)
    return m.start() if m else t_start


def _tidy(words: list[str], cut: bool) -> str:
    while cut and words and words[-1].lower().strip(",.;:") in _STOP_TAIL:
        words.pop()
    text = _TRAILING_JUNK.sub("", " ".join(words))
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text + ("…" if cut else "")


def clause_label(sentence: str, t_start: int, t_end: int) -> str:
    """Label from the clause holding sentence[t_start:t_end], with the date phrase removed."""
    clauses = _clauses(sentence, (t_start, t_end))
    idx = next((i for i, (s, e) in enumerate(clauses) if s <= t_start < e), 0)
    s, e = clauses[idx]
    before = sentence[s:_preposition_start(sentence, s, t_start)].rstrip()
    after = sentence[t_end:e].lstrip()
    if after[:5].lower().startswith(("from ", "of ")):
        after = ""
    words = _words(before + " " + after, own=True)
    if len(words) < 3 and len(clauses) > 1:  # "Officially" alone says nothing: use the main clause
        other = clauses[idx - 1] if idx > 0 else clauses[idx + 1]
        words = _words(sentence[other[0]:other[1]], own=False)
    return _tidy(words[:MAX_WORDS], cut=len(words) > MAX_WORDS)


def phrase_label(sentence: str, t_start: int, t_end: int) -> str:
    """Label for a span the expression itself names: "seven-month labor dispute",
    "Nazarbayev's more than two decades in power"."""
    head = sentence[t_start:t_end]
    lo = max(0, t_start - 80)  # an owner is at most three words: when the last 80 characters hold four, it starts in them
    owner = _OWNER.search(sentence, lo if _FOUR_WORDS.match(sentence, lo, t_start) else 0, t_start)
    if owner:
        head = owner[1] + " " + head
    after = sentence[t_end:t_end + HEAD].split(None, 5)  # the tail reads five words at most
    if len(after) <= 5:
        after = sentence[t_end:].split()
    tail: list[str] = []
    for i, word in enumerate(after[:5]):
        clean = word.strip(",.;:\"”)")
        if len(tail) == 4 or (i > 0 and clean.lower() in _PREPOSITIONS):
            break
        tail.append(clean)
        if clean != word:
            break
    return _tidy((head + " " + " ".join(tail)).split(), cut=False)
