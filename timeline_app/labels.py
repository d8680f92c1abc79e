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
    fall inside ``keep`` (the date itself: "March 3, 2009")."""
    cuts = [0]
    for m in _CLAUSE_BREAK.finditer(sentence):
        if keep[0] <= m.start() < keep[1]:
            continue
        left = sentence[cuts[-1]:m.start()]
        right = sentence[m.end():]
        if m["conj"] == "and" and not _SUBJECT_START.match(right):
            continue
        left_long = _three_words(left)
        if left_long and _three_words(right):
            cuts.extend([m.start(), m.end()])
        elif not left_long and m.group().strip() == ",":
            continue
    cuts.append(len(sentence))
    return [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts) - 1, 2)]


def _three_words(text: str) -> bool:
    """len(text.split()) >= 3, without splitting the rest of a long sentence."""
    return len(text.split(None, 2)) >= 3


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
    before = _LEADING_PREPOSITION.sub("", sentence[s:t_start])
    after = sentence[t_end:e]
    if after.lstrip().lower().startswith(("from ", "of ")):
        after = ""
    text = _EMPTY_BRACKETS.sub("", (before.rstrip() + " " + after.lstrip()).strip())
    text = _LEADING_FILLER.sub("", text)
    if len(text.split()) < 3 and len(clauses) > 1:  # "Officially" alone says nothing: use the main clause
        other = clauses[idx - 1] if idx > 0 else clauses[idx + 1]
        text = _LEADING_FILLER.sub("", sentence[other[0]:other[1]])
    words = text.split()
    return _tidy(words[:MAX_WORDS], cut=len(words) > MAX_WORDS)


def phrase_label(sentence: str, t_start: int, t_end: int) -> str:
    """Label for a span the expression itself names: "seven-month labor dispute",
    "Nazarbayev's more than two decades in power"."""
    head = sentence[t_start:t_end]
    owner = re.search(r"([A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,2}['’]s)\s*$", sentence[:t_start])
    if owner:
        head = owner[1] + " " + head
    tail: list[str] = []
    for i, word in enumerate(sentence[t_end:].split()):
        clean = word.strip(",.;:\"”)")
        if len(tail) == 4 or (i > 0 and clean.lower() in _PREPOSITIONS):
            break
        tail.append(clean)
        if clean != word:
            break
    return _tidy((head + " " + " ".join(tail)).split(), cut=False)
