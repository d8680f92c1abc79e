"""The line breaks and quote marks of one text, found once: where the quotation around a date
opens (asked for every weekday, deictic word and anaphoric offset in news) and which line a
clock time is on (the page's own time stamp).

Searching back from each date for its paragraph's or line's start, or counting the line breaks
before it, read the whole text per date when the text has few line breaks: a million-character
paste of "police said on Monday that ..." spent half its resolution time there.
"""

from __future__ import annotations

import re
from bisect import bisect_left

# A single curly quote opens a quotation before a letter, not inside a word nor before a year's digits
# ("‘86"); its closing mark is the apostrophe that ends a word rather than joining two ("don’t")
_MARKS = re.compile('[\n“”"]|(?<!\\w)‘(?=[^\\W\\d_])|(?<=[^\\s‘])’(?!\\w)')


class Marks:
    """The line breaks and quote marks of one text, in order."""

    def __init__(self, text: str) -> None:
        found: dict[str, list[int]] = {"\n": [], "“": [], "”": [], '"': [], "‘": [], "’": []}
        for m in _MARKS.finditer(text):
            found[m[0]].append(m.start())
        self._breaks, self._opens, self._closes, self._straight = found["\n"], found["“"], found["”"], found['"']
        self._single_opens, self._single_closes = found["‘"], found["’"]

    def quote_opening(self, at: int) -> int | None:
        """Where the quotation holding offset ``at`` opens, within its paragraph ('“' not yet
        closed, or an odd number of '"' before it); None outside quotes."""
        k = bisect_left(self._breaks, at)
        para = self._breaks[k - 1] + 1 if k else 0
        curly = _open_at(self._opens, self._closes, para, at)
        if curly is not None:
            return curly
        before = bisect_left(self._straight, at)
        if (before - bisect_left(self._straight, para)) % 2:
            return self._straight[before - 1]
        return _open_at(self._single_opens, self._single_closes, para, at)  # ‘British quotes’

    def breaks_before(self, at: int) -> int:
        """``text.count("\\n", 0, at)``."""
        return bisect_left(self._breaks, at)

    def line(self, start: int, end: int) -> tuple[int, int]:
        """Where the line holding text[start:end] starts, and where it ends (-1: at the text's end):
        ``text.rfind("\\n", 0, start) + 1`` and ``text.find("\\n", end)``."""
        k = bisect_left(self._breaks, start)
        j = bisect_left(self._breaks, end)
        return (self._breaks[k - 1] + 1 if k else 0), (self._breaks[j] if j < len(self._breaks) else -1)


def _open_at(opens: list[int], closes: list[int], para: int, at: int) -> int | None:
    """The last opening mark before ``at`` in its paragraph (from ``para``) that no closing mark
    after it has closed yet."""
    k = bisect_left(opens, at)
    opening = opens[k - 1] if k and opens[k - 1] >= para else -1
    if opening < 0:
        return None
    k = bisect_left(closes, at)
    return None if k and closes[k - 1] >= opening else opening
