"""The words a pattern cannot match without: one of them is in every match it finds.

A rule is tried over the windows around its trigger words, and most windows hold no match: a
window made by "days" rarely holds the "more" of "two more days" or the "old" of "two days old".
A match consumes characters of its window only, so a window that holds none of the rule's
needles (``needles``) holds no match, and one search for them, far cheaper than the rule's own
scan, lets the tagger skip it. The needles are read from the pattern's parse: runs of plain
characters it must consume, through groups, alternations (one needle set per branch, joined)
and repeats of at least one; assertions consume nothing and are passed over.
"""

from __future__ import annotations

import re
import re._constants as sre  # the parser's opcodes: the standard library's own, since 3.11
import re._parser as sre_parse
from collections.abc import Iterable

from .grammar import case_exact_alternatives

MIN_NEEDLE = 2  # shorter needles are in nearly every window: no use looking for them
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)

# A needle: the characters, and whether they are matched ignoring case.
Needle = tuple[str, bool]


def telling(found: list[Needle], words: Iterable[str]) -> bool:
    """Whether looking for the needles in windows made by ``words`` (lower case) tells much: not when
    a needle is part of a word or holds one ("week" for windows made by "week" or "weeks"), nor
    when there are no words (windows made by a token pattern, digits: "19" or "20" is in most)."""
    lowered = [s.lower() for s, _ in found]
    words = list(words)
    return bool(words) and not any(n in w or w in n for n in lowered for w in words)


def _best(choices: list[list[Needle]]) -> list[Needle] | None:
    """The best of several sets a match needs one of each of: the longest shortest needle (long
    needles are rare in text), then the fewest needles."""
    return max(choices, key=lambda ns: (min(len(s) for s, _ in ns), -len(ns)), default=None)


def _needed(items: Iterable[tuple[object, object]], ignore_case: bool) -> list[Needle] | None:
    """Needles of a sequence of parsed items, one of which every match of it consumes (None: none known)."""
    choices: list[list[Needle]] = []
    run: list[str] = []

    def close_run() -> None:
        if len(run) >= MIN_NEEDLE:
            choices.append([("".join(run), ignore_case)])
        run.clear()

    for op, av in items:
        if op is sre.LITERAL:
            run.append(chr(av))  # type: ignore[arg-type]
            continue
        close_run()
        found: list[Needle] | None = None
        if op is sre.SUBPATTERN:
            _, add, remove, body = av  # type: ignore[misc]
            found = _needed(body, bool(add & re.IGNORECASE) or (ignore_case and not remove & re.IGNORECASE))
        elif op is sre.BRANCH:
            branches = [_needed(b, ignore_case) for b in av[1]]  # type: ignore[index]
            found = None if any(b is None for b in branches) else [n for b in branches for n in b]  # type: ignore[union-attr]
        elif op in _REPEATS and av[0] >= 1:  # type: ignore[index]
            found = _needed(av[2], ignore_case)  # type: ignore[index]
        elif op is sre.ATOMIC_GROUP:
            found = _needed(av, ignore_case)  # type: ignore[arg-type]
        if found:
            choices.append(found)
    close_run()
    return _best(choices)


def needles(pattern: re.Pattern[str]) -> list[Needle] | None:
    """Needles one of which every match of ``pattern`` consumes, or None when none are known."""
    parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    return _needed(parsed, bool(parsed.state.flags & re.IGNORECASE))


def needle_search(found: list[Needle]) -> re.Pattern[str]:
    """One pattern that finds any of ``found`` where the pattern they came from would match it:
    each needle under its own case rule, an IGNORECASE one as case-exact alternatives (the engine
    then skips a needle by its first character)."""
    return re.compile("|".join(case_exact_alternatives(re.escape(s)) if ignore_case else f"(?-i:{re.escape(s)})"
                               for s, ignore_case in found), re.IGNORECASE)
