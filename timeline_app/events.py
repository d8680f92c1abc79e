"""Events: what happened, when, and the sentence that says so.

Every DATE/TIME expression with a place on the calendar becomes an event, and so does
every date implied by a duration or an anniversary (see links.py); a range's two ends
make one interval event. Vague references
("now", "the past") and repeating times ("every Monday") have no calendar place and
are not events; neither are sentences without a resolvable date.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from datetime import datetime

from .identity import PART_DATE, PART_IMPLIED, event_id
from .chrome import _MAX_CHROME_CHARS, is_footer, stamp_kind, stamp_label
from .labels import Labeller
from .links import Derived
from .model import Document, Event, Timex
from .sentences import Sentences

DATELINE_WINDOW = 600
# A label only needs the clause around its date: reading further makes a one-line 5 MB text quadratic.
LABEL_REACH = 400


class _Lines:
    """The text's line breaks, found once: a date asks whether its line is a footer, and cutting
    out its line (chrome.line_at) copied the whole text per date when it has no line breaks."""

    _NON_SPACE = re.compile(r"\S")

    def __init__(self, text: str) -> None:
        self.text = text
        self.breaks = [m.start() for m in re.finditer("\n", text)]
        self._footers: dict[int, bool] = {}  # line number -> its answer (a line of dense text holds many dates)

    def footer(self, offset: int) -> bool:
        """``is_footer(line_at(text, offset))``, copying the line only when it can be one."""
        i = bisect_left(self.breaks, offset)
        found = self._footers.get(i)
        if found is None:
            found = self._footers[i] = self._line_is_footer(i)
        return found

    def _line_is_footer(self, i: int) -> bool:
        text = self.text
        start = self.breaks[i - 1] + 1 if i else 0
        end = self.breaks[i] if i < len(self.breaks) else len(text)
        first = self._NON_SPACE.search(text, start, end)
        if first is None:
            return False
        last = end
        while text[last - 1].isspace():  # (the line holds a non-space character: this stops)
            last -= 1
        return last - first.start() <= _MAX_CHROME_CHARS and is_footer(text[first.start():last])


def _is_dateline(doc: Document, t: Timex, sentence: tuple[int, int]) -> bool:
    """The publication date printed at the top of the article, alone on its line."""
    return (t.start < DATELINE_WINDOW and doc.published is not None and t.value == doc.published.isoformat()
            and sentence == (t.start, t.end))


def _label(doc: Document, labeller: Labeller, t: Timex, sentence: tuple[int, int],
           day_spans: set[tuple[int, int]]) -> str:
    if _is_dateline(doc, t, sentence):
        return stamp_label("published", _headline(doc, labeller))
    if t.start < DATELINE_WINDOW and (kind := _stamp(doc, labeller, t, day_spans)):
        return stamp_label(kind, _headline(doc, labeller))
    s, e = max(sentence[0], t.start - LABEL_REACH), min(sentence[1], t.end + LABEL_REACH)
    return labeller.clause(s, e, t.start, t.end) or _context_label(doc, labeller, sentence, t)


def _context_label(doc: Document, labeller: Labeller, sentence: tuple[int, int], t: Timex) -> str:
    """For a date whose clause says nothing but dates ("Monday, March 1; 9:00 a.m. - 5:00 p.m."
    under "The clinic will run at these hours:"): the nearest sentence that says something
    (before it, else after it: a heading "1917" opens its section), else the headline, else the
    date's own words as the text says them."""
    return labeller.nearby(sentence[0]) or _headline(doc, labeller) or _capital(t.text)


def _headline(doc: Document, labeller: Labeller) -> str | None:
    """The headline as a label: without its dates or a desk's tag ("REFILE-")."""
    if doc.title and doc.text.startswith(doc.title):
        return labeller.plain(0, len(doc.title)) or doc.title
    return doc.title


def _stamp(doc: Document, labeller: Labeller, t: Timex, day_spans: set[tuple[int, int]]) -> str | None:
    """"published"/"updated" when the date is on the page's date stamp line near the top
    (``day_spans``: the spans of the dates there that give the publication day)."""
    lo, hi = labeller.line_of(t.start)
    if hi - lo > _MAX_CHROME_CHARS:
        return None
    dates = labeller.dates_in(lo, hi)
    dated = any(span in day_spans for span in dates)
    return stamp_kind(doc.text[lo:hi], [(a - lo, b - lo) for a, b in dates], t.start - lo, dated)


def _timex_event(doc: Document, lines: _Lines, labeller: Labeller, i: int, t: Timex,
                 sentences: Sentences, day_spans: set[tuple[int, int]]) -> Event | None:
    r = t.resolution
    if t.type not in {"DATE", "TIME"} or r is None or r.start is None or r.end is None or r.granularity is None:
        return None
    if lines.footer(t.start):  # "Copyright 2023 ..." is the site's, not the story's
        return None
    sentence = sentences.of(t.start)
    return Event(event_id(doc.id, t.start, t.end, t.text, PART_DATE), doc.id, r.start, r.end, r.granularity,
                 _label(doc, labeller, t, sentence, day_spans), sentence[0], sentence[1], i, r.certainty, r.explanation, r.rule,
                 guessed=r.confidence == "default")


def _derived_event(doc: Document, labeller: Labeller, d: Derived, t: Timex, sentences: Sentences) -> Event:
    s, e = sentences.of(d.label_span[0])
    lo, hi = max(s, d.label_span[0] - LABEL_REACH), min(e, d.label_span[1] + LABEL_REACH)
    # A range stands for the dates it covers, so it is labelled as they would be: by its clause; so is
    # an offset the date beside it dates ("on Thursday, May 30, more than a year after ...").
    label = (d.label or (labeller.clause if d.covers or d.by_clause else labeller.phrase)(lo, hi, *d.label_span)
             or _context_label(doc, labeller, (s, e), t))
    return Event(event_id(doc.id, t.start, t.end, t.text, PART_IMPLIED), doc.id, d.start, d.end, d.granularity,
                 label, s, e, d.expression, d.certainty, d.explanation, d.rule, guessed=t.confidence == "default")


def _sort_key(e: Event) -> tuple[datetime, int]:
    start = e.start if isinstance(e.start, datetime) else datetime.combine(e.start, datetime.min.time())
    return start, e.sentence_start


def build_events(doc: Document, timexes: list[Timex], derived: list[Derived],
                 sentences: list[tuple[int, int]]) -> list[Event]:
    """Events in chronological order (ties: order in the text).

    Ids come from the expression (identity.event_id), never from a position in a list,
    so a correction keeps its event when the publication date or the engine changes.
    """
    covered = {i for d in derived for i in d.covers}
    lines = _Lines(doc.text)
    dates = [t for t in timexes if t.type in ("DATE", "TIME")]
    labeller = Labeller(doc.text, [(t.start, t.end) for t in dates],
                        [(t.start, t.end) for t in dates if t.resolution is None or t.resolution.start is None],
                        sentences)
    day = doc.published.isoformat() if doc.published else None
    day_spans = {(t.start, t.end) for t in dates if t.start < DATELINE_WINDOW and t.value[:10] == day}
    within = Sentences(sentences)
    events = [ev for i, t in enumerate(timexes)
              if i not in covered and (ev := _timex_event(doc, lines, labeller, i, t, within, day_spans))]
    events += [_derived_event(doc, labeller, d, timexes[d.expression], within) for d in derived]
    return sorted(events, key=_sort_key)


def _capital(text: str) -> str:
    """``text`` on one line with a capital first letter, as labels start."""
    text = " ".join(text.split())
    return text[:1].upper() + text[1:]
