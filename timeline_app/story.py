"""One chronology from many sources: the same happening reported by several articles is one event.

Each article's events (``Extraction.events``) are the *mentions*, and so are the counts of time
that date nothing else: a count that looks back, or ahead ("another 15 days"), is the span it
measures up to the publication date, or from it (id ``…:measured``, certainty approximate,
``Source.reach`` its far end); a count beside a date in its sentence that looks ahead or counts
no whole days ("will take another 15 days, officials said on Thursday") is a *detail* of the
nearest date's happening, a source at that date (id ``…:detail``), and so is a count ahead that
restates such a count elsewhere in its article ("could take 15 days" in the headline); an offset ("30 hours after the
blast") is neither. Two mentions report the same happening when

* their dates are compatible: the two intervals overlap once both are widened to the coarser
  of their two precisions ("January 2021" and "10 January 2021" agree; "3 March" and "4 March"
  do not), and both are instants or both spans, and
* their sentences say the same thing: the TF-IDF cosine of the two sentences, with every
  temporal expression blanked out (two outlets rarely date a happening with the same words,
  and a shared "on Tuesday" says nothing about what happened). The IDF is fitted on every
  sentence of the story's articles, so the words every article of the story uses (the names
  of its people and places) count for little and the words that tell happenings apart count.

Only mentions whose dates overlap and whose sentences share a rare word are ever compared
(``_candidates``), so the work grows with the pairs of each happening's reports, not with all
pairs.
Copies (one sentence at one date, printed by many papers) are one unit from the start.
Mentions are joined greedily, the strongest link first, by average linkage: two groups join
only when their mentions in two articles are similar on average (one article's two sentences
weigh nothing either way) and every pair between them may meet (compatible dates, or two
articles' instants near enough to be one happening misdated; a date joined to another by "or"
meets what either meets), so one loose pair cannot chain two happenings together. A link between two sentences of one article needs a near
repeat (a photo caption, "Officials said" twice); two dates of one sentence are one happening when
they agree and stand side by side (an apposition: "today, October 28", "2 pm on 2 October"), or
when "or" joins them ("tomorrow or the day after": one happening, its two dates a conflict). An
article's own discourse joins its dates whatever their sentences' likeness (``_told_as_one``): a
range told by its two ends ("from Wednesday afternoon to noon Thursday", "set to sail at 2 pm on
2 October and return around 10 am on 4 October") is one span, each end's dates taking it; a clock
time off the hour told twice ("at about 5.30 am today", "at 5:30 AM") is one moment; a sentence that
restates the one before it ("The Bills confirmed it shortly thereafter.") is its happening again
when their dates agree; an embedded post's date ("— Buffalo Bills (@BuffaloBills) January 6, 2023")
is the post's happening, with the sentence before it that names its author. Two dates of one day in
sentences side by side are no such evidence ("Tuesday morning a doctor told CNN ... Later Tuesday
morning, the family released a statement"). Two counts meet when they reach about the same day.
Date lines (the article's own, a line of dates under the headline, a wire line such as
"BEIJING, Jan 22 (AFP) -" or "Mumbai, Oct 29:", or a page's own stamp, "Updated 4:30 p.m.
EST —", "Published March 10, 2023") date the copy, not a happening, and are never merged.

**Conflicts.** Sentences from different articles that are similar (more than a merge needs)
but whose dates are incompatible instants at most ``CONFLICT_REACH`` apart are the same
happening reported at different dates, when they are alike around their own dates too (each
instant's own part is its clause, cut where another happening's clause opens, "after failing to
sell it at a Thursday auction", within its share of a sentence that dates several instants:
``_own_parts``). Two clock times (or parts) of one day that disagree are mostly that day's several
happenings (the finding in the morning, the briefing at 3 p.m., the statement at 4:21 p.m.): they
conflict only as near repeats, and never whole hours apart at the same minute (one moment in two time
zones). They are one event whose
``conflict`` lists each date (an ``Alternative``) with the articles that give it; the event
is drawn at the date most articles give until the journalist accepts one. Two counts of one
span ("26 days" and "25 days" in custody) are a conflict too, told as the two spans.

**Operations.** The journalist's merge decisions are plain dicts, applied in order, as pure
functions over the automatic merge (``build_story(extractions, ops)``); whoever stores them
(the project store) keeps them as they are. Each names mentions by their per-article event
id (``Event.id``, stable across re-extraction), never a story event's id, which changes
whenever a merge does:

* ``{"op": "accept_date", "mention": ID}``: the event that holds mention ID takes that
  mention's date; its conflict is settled (still listed in ``StoryEvent.conflict``, with
  ``accepted`` set).
* ``{"op": "split", "mentions": [ID, ...]}``: these mentions leave the event(s) they are in
  and become one event of their own (a wrong merge undone).
* ``{"op": "merge", "mentions": [ID, ID, ...]}``: the events holding these mentions become
  one (two events merged by hand; incompatible dates then show as a conflict).

An operation that names a mention no longer extracted is not applied to anything else: it is
returned in ``Story.stale``. A malformed operation raises ``StoryOpError`` (``check_op``
lets a caller refuse it before storing it). Merging never hides a source: every mention of
every article is a source of exactly one story event.

Public names: ``build_story``, ``check_op``, ``compatible``, ``Source``, ``StoryEvent``,
``Alternative``, ``Conflict``, ``Story``, ``StoryOpError``, and ``article_sources``,
``ArticleSources`` (one article's part of the merge, made ahead: the CLI makes each as its
extraction comes back from the workers). The views draw a story through story_events.py.

The sentences' similarity (TF-IDF over character n-grams) is similarity.py's.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import cache, lru_cache
from itertools import accumulate
from typing import Any, NamedTuple

from .calendar_math import shifted
from .chrome import is_footer, is_copy_stamp, line_at
from .events import DATELINE_WINDOW, LABEL_REACH, _is_dateline
from .grammar import language_data, load_grammar, words_pattern
from .identity import event_id
from .labels import phrase_label
from .model import Certainty, DatePoint, Document, Event, Extraction, Granularity, Timex, _as_datetime
from .sentences import sentence_of, sentence_spans
from .similarity import pair_similarity, sentence_vectors
from .tense import TenseReader

# Cosine similarities (0-1) of two sentences with their dates blanked out.
MERGE_SIMILARITY = 0.15    # different articles, compatible dates: the same happening
JOIN_SIMILARITY = 0.12     # two groups join when their sources are this alike on average (a link starts the join)
CONFLICT_SIMILARITY = 0.2  # different articles, incompatible dates: one happening, two dates
REPEAT_SIMILARITY = 0.6    # one article, two sentences: a repeat (caption, quote told twice)

_CERTAINTY_RANK: dict[str, int] = {"explicit": 0, "inferred": 1, "approximate": 2}
_PRECISION: dict[str, int] = {
    "minute": 0, "hour": 1, "day": 2, "week": 3, "month": 4, "season": 5, "quarter": 5, "half": 6,
    "year": 7, "decade": 8, "century": 9, "millennium": 10,
}
# A part of the day ("Monday night") has fuzzy edges: newsrooms start "night" anywhere from 6 to 9 p.m.
_PART_OF_DAY_SLACK = timedelta(hours=3)
COUNT_SLACK = 0.25  # two counts of one span reach days within this share of the longer one apart
# Sources that disagree on a happening's day are a day or two apart (a dateline taken for the day of
# the happening, a time zone, "the next day" counted from another day); further apart, similar
# sentences are a story's different happenings told alike ("he remains in hospital").
CONFLICT_REACH = timedelta(days=2)
# A wire date line: a capitalised place opening the line, the date, an optional (AGENCY), then a dash or colon.
_DATELINE_PLACE = re.compile(r"[ \t]*[A-Z][\w.'’ -]{1,40},[ \t]*")  # "BEIJING, ", "Mumbai, "
# The sign-off of an embedded post right before its date: a dash, the author, the handle in brackets.
_POST_SIGNATURE = re.compile(r"[—–-][ \t]*([^\n()]{1,60})\(@\w{1,30}\)[ \t]*$")
_DATELINE_END = re.compile(r"[ \t]*,?[ \t]*(?:\([^)\n]{1,30}\))?[ \t]*[:\-–—]")  # "Jan 12, (V7N) -" too
# A duration that dates no event of its own: whole days, weeks, months or years ("26 days", "P2W").
_MEASURED = re.compile(r"P(\d{1,4})([DWMY])")
_MEASURED_UNIT = {"D": "day", "W": "week", "M": "month", "Y": "year"}
PART_MEASURED = "measured"  # the event-id part of a duration's measured span (identity.event_id)
PART_DETAIL = "detail"  # the event-id part of a duration that details the happening a date beside it dates
_BEFORE_COUNT_REACH = 40  # characters before a count in which a forecast ("could take") or a past stretch ("took") is read
_ALTERNATIVE_WORDS = 4  # "or" and up to three more words ("or the day after") between two alternative dates
_TRIP_REACH = 20  # characters before a range's first date where its "from" or a word going out stands
_MOVE_REACH = 40  # characters before a range's first date where a word moving a date stands ("postponed it from")
_ADJACENT_GAP = 3  # characters (a short word: "on", "at") between two expressions that date one thing
_WORD = re.compile(r"[^\W\d_]{4,}")  # words that can tell happenings apart: four letters or more
_COMMON_SHARE, _COMMON_MIN = 0.01, 200  # a word in more sentences than this blocks no pair
_READ_FLOOR = 0.05  # pairs less similar than this are never read one by one
_OPS = {"accept_date": "mention", "split": "mentions", "merge": "mentions"}


class StoryOpError(ValueError):
    """An operation dict that is not one of the documented shapes; ``str()`` says why."""


@dataclass(frozen=True)
class Source:
    """One article's report of a happening: its sentence and the date it gives."""

    mention: str  # the article's event id (Event.id): what operations name
    doc_id: str
    expression_start: int
    expression_end: int
    sentence_start: int
    sentence_end: int
    sentence: str
    start: DatePoint
    end: DatePoint
    granularity: Granularity
    certainty: Certainty
    label: str
    expression: int  # index into its article's Extraction.expressions
    # A count measured from the publication date ("after 26 days in custody"): the end it reaches, the
    # onset it implies looking back or the end it foresees looking ahead; None for any other source.
    reach: DatePoint | None = None
    # "now", "currently": the state as of writing (a TIMEX present reference), not the day of a happening
    present: bool = False


@dataclass(frozen=True)
class Alternative:
    """One of the dates sources give for a happening, and which articles give it."""

    start: DatePoint
    end: DatePoint
    granularity: Granularity
    doc_ids: tuple[str, ...]
    mentions: tuple[str, ...]


@dataclass(frozen=True)
class Conflict:
    """Sources disagree on the date; ``accepted`` is the journalist's choice (an index), if any."""

    alternatives: tuple[Alternative, ...]
    accepted: int | None = None


@dataclass(frozen=True)
class StoryEvent:
    """A happening of the merged chronology, with every source that reports it."""

    id: str
    start: DatePoint
    end: DatePoint
    granularity: Granularity
    label: str
    certainty: Certainty
    sources: tuple[Source, ...]
    conflict: Conflict | None = None

    @property
    def open_conflict(self) -> bool:
        return self.conflict is not None and self.conflict.accepted is None

    @property
    def doc_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.doc_id for s in self.sources))


@dataclass(frozen=True)
class Story:
    documents: tuple[Document, ...]
    events: tuple[StoryEvent, ...]
    stale: tuple[Mapping[str, Any], ...] = ()  # operations naming mentions that no longer exist

    @property
    def conflicts(self) -> tuple[StoryEvent, ...]:
        return tuple(e for e in self.events if e.conflict is not None)


# ---------------------------------------------------------------- public API

def build_story(extractions: Sequence[Extraction], ops: Iterable[Mapping[str, Any]] = (),
                prepared: Mapping[str, ArticleSources] | None = None) -> Story:
    """Merge the articles' events into one chronology, then apply the journalist's operations.

    The same article given twice (the same document id) counts once. ``prepared`` (by document
    id) may hold articles' :func:`article_sources`, made earlier; one made from an extraction
    that is not equal to the article's is not used.
    """
    extractions = list({x.document.id: x for x in reversed(extractions)}.values())[::-1]
    articles = [_prepared(x, prepared or {}) for x in extractions]
    sentences = {x.document.id: _sentences(x) for x in extractions}
    sources, dateline, detail = _sources(articles)
    parts = _own_parts(sources, dateline, detail)
    parted = [part != (s.sentence_start, s.sentence_end) for s, part in zip(sources, parts, strict=True)]
    groups = _cluster(sources, dateline, detail, _anchored(extractions, sources), _joined(articles),
                      *_vectors(sources, articles, sentences, parts), parted)
    state = _State(tuple(frozenset(sources[i].mention for i in g) for g in groups), ())
    stale: list[Mapping[str, Any]] = []
    for op in ops:
        check_op(op)
        if _named(op) - state.known:
            stale.append(op)
        else:
            state = _APPLY[op["op"]](state, op)
    order = {s.mention: k for k, s in enumerate(sources)}
    events = [_story_event([sources[order[m]] for m in sorted(g, key=order.__getitem__)], state.accepted)
              for g in state.groups if g]
    events.sort(key=lambda e: (_as_datetime(e.start), _as_datetime(e.end), e.id))
    return Story(tuple(x.document for x in extractions), tuple(events), tuple(stale))


def _prepared(x: Extraction, prepared: Mapping[str, ArticleSources]) -> ArticleSources:
    made = prepared.get(x.document.id)
    return made if made is not None and made.extraction == x else article_sources(x)


def _sentences(x: Extraction) -> list[tuple[int, int]]:
    """The article's sentences as the engine cut them (cutting 5,000 articles again took 0.3-0.5 s),
    or, for an extraction made without the pipeline, cut here the same way."""
    return list(x.sentences) if x.sentences else sentence_spans(x.document.text)


def check_op(op: Mapping[str, Any]) -> None:
    """Raise StoryOpError unless ``op`` is one of the operation shapes in the module docstring."""
    kind = op.get("op") if isinstance(op, Mapping) else None
    if kind not in _OPS:
        raise StoryOpError(f"unknown story operation {kind!r} (expected one of {', '.join(_OPS)})")
    value = op.get(_OPS[kind])
    if kind == "accept_date":
        if not isinstance(value, str):
            raise StoryOpError("accept_date needs \"mention\": the id of the source whose date is accepted")
    elif not (isinstance(value, list | tuple) and value and all(isinstance(v, str) for v in value)):
        raise StoryOpError(f"{kind} needs \"mentions\": a non-empty list of source ids")
    elif kind == "merge" and len(set(value)) < 2:
        raise StoryOpError("merge needs at least two different source ids")


def compatible(a: Source | Event, b: Source | Event) -> bool:
    """Can two dates be one happening's? They overlap once both are widened to the coarser of
    their precisions, and both are instants or both spans: "in custody from 3 to 28 October" is
    not the same happening as "arrested on 3 October", though the two dates overlap.
    """
    return _compatible(_when(a), _when(b))


class _When(NamedTuple):
    """What the date tests read of a source or an event: a story's many pairs share few of these."""

    start: DatePoint
    end: DatePoint
    granularity: Granularity
    reach: DatePoint | None
    present: bool


def _when(e: Source | Event) -> _When:
    return _When(e.start, e.end, e.granularity, getattr(e, "reach", None), getattr(e, "present", False))


@lru_cache(maxsize=1 << 16)  # asked for every pair a story compares (a million at 5,000 articles)
def _compatible(a: _When, b: _When) -> bool:
    if _is_span(a) != _is_span(b):
        return False
    unit = max(a.granularity, b.granularity, key=_PRECISION.__getitem__)
    a0, a1 = _widen(a.start, a.end, unit)
    b0, b1 = _widen(b.start, b.end, unit)
    return a0 < b1 and b0 < a1 and _reach_agrees(a, b)


def _reach_agrees(a: _When, b: _When) -> bool:
    """Two counts measured from their articles' publication dates measure one span when they look the
    same way and reach about the same day: "12 days entombed" told on 23 January and "two weeks
    trapped" on 26 January both start about 10 January, but "hearing the arguments for 3 days" and
    "25 days in custody", told the same day, do not. About: within COUNT_SLACK of the longer count
    (counts are rounded), and never less than two days."""
    ra, rb = a.reach, b.reach
    if ra is None or rb is None:
        return True
    if (ra == a.start) != (rb == b.start):
        return False
    longer = max(_as_datetime(a.end) - _as_datetime(a.start), _as_datetime(b.end) - _as_datetime(b.start))
    return abs(_as_datetime(ra) - _as_datetime(rb)) <= max(timedelta(days=2), longer * COUNT_SLACK)


# ---------------------------------------------------------------- mentions and similarity

@dataclass(frozen=True)
class ArticleSources:
    """One article's part of the merge, which needs no other article: its sources, which of them
    are date lines, each detail's host, and its text with the dates blanked. Made by
    :func:`article_sources` as each extraction arrives, while the others are still extracted
    (``story`` over thousands of articles), it leaves only the merge itself for the end."""

    extraction: Extraction  # what it was made from: used only for an equal extraction
    sources: tuple[Source, ...]  # its events' sources, then its counts'
    events: int  # how many of ``sources`` are its events'
    dateline: frozenset[int]  # indices into ``sources``
    detail: Mapping[int, int]  # a count's index into ``sources`` -> its host's
    blanked: str
    # pairs of its events' sources (indices, i < j) that its discourse makes one happening (``_told_as_one``)
    joined: frozenset[tuple[int, int]]


def article_sources(x: Extraction) -> ArticleSources:
    """Every event of the article as a Source, then every duration that dates nothing else: the
    span it measures, or a detail of the happening a date beside it dates; which of them are date
    lines (never merged); and each detail's host (the source it details)."""
    text = x.document.text
    tense = TenseReader(text)
    date_lines = _date_lines(x)
    sources: list[Source] = []
    dateline: set[int] = set()
    detail: dict[int, int] = {}
    blanked = _blanked(x)
    for ev in x.events:
        t = x.expressions[ev.expression]
        sentence = (ev.sentence_start, ev.sentence_end)
        if (_is_dateline(x.document, t, sentence) or _opens_dateline(text, t.start, t.end)
                or (t.start < DATELINE_WINDOW and text.rfind("\n", 0, t.start) + 1 in date_lines)
                or is_copy_stamp(blanked, t.start, t.end, _calendar_words())):
            dateline.add(len(sources))
        source = Source(ev.id, ev.doc_id, t.start, t.end, ev.sentence_start, ev.sentence_end,
                        text[ev.sentence_start:ev.sentence_end], ev.start, ev.end, ev.granularity,
                        ev.certainty, ev.label, ev.expression, present=t.value == "PRESENT_REF")
        sources.append(_since(x.document, source, tense))
    spans = _sentences(x)
    sources, joined = _told_as_one(text, blanked, spans, sources, dateline)
    events = len(sources)
    # Sentences that date a happening (a date line dates only the copy), and what each dates.
    hosts: dict[tuple[str, int], list[int]] = {}
    for k, s in enumerate(sources):
        if k not in dateline:
            hosts.setdefault((s.doc_id, s.sentence_start), []).append(k)
    dated = {ev.expression for ev in x.events}
    detailed: list[tuple[int, int]] = []  # (days, host) of each whole count detailing a date of the article
    measured_here: list[tuple[int, Source]] = []
    for i, t in enumerate(x.expressions):
        if i in dated or t.type != "DURATION" or t.rule == "age" or _is_offset(text, t):
            continue
        s0, _ = sentence_of(spans, t.start)
        counted = _MEASURED.fullmatch(t.value) is not None
        beside = hosts.get((x.document.id, s0))
        beside = [k for k in beside or () if not _across_contrast(text, sources[k], t)
                  and _PRECISION[sources[k].granularity] <= _PRECISION["week"]]  # "2021" hosts no "past several days"
        if beside and (not counted or _looks_ahead(tense, t)):
            # "will take another 15 days, officials said on Thursday": a detail of what that date dates
            k = min(beside, key=lambda k: _distance(sources[k], t))
            sources.append(_detail(sources[k], x.document, i, t, spans))
            detail[len(sources) - 1] = k
            if (days := _days(t.value)) is not None:
                detailed.append((days, k))
        elif counted and (not beside or _up_to_now(tense, t)) and not _past_stretch(tense, t) and (
                measured := _measured(x.document, i, t, spans, tense)) is not None:
            measured_here.append((i, measured))  # "has already spent 12 days entombed": the span it measures
    for i, measured in measured_here:
        t = x.expressions[i]
        days = _days(t.value)
        same = [k for n, k in detailed if days is not None and abs(n - days) <= max(1, COUNT_SLACK * max(n, days))]
        if same and (_looks_ahead(tense, t) or tense.tense_at(t.start, t.end) == "future"):
            # "could take 15 days" in the headline restates "another 15 days, officials said on Thursday"
            sources.append(_detail(sources[same[0]], x.document, i, t, spans))
            detail[len(sources) - 1] = same[0]
        else:
            sources.append(measured)
    return ArticleSources(x, tuple(sources), events, frozenset(dateline), detail, blanked, joined)


def _sources(parts: Sequence[ArticleSources]) -> tuple[list[Source], set[int], dict[int, int]]:
    """The articles' sources in one list (every article's events, then every article's counts, in
    article order), with the date lines and the details' hosts as indices into it."""
    firsts = list(accumulate((p.events for p in parts), initial=0))  # where each article's events are
    sources = [s for p in parts for s in p.sources[:p.events]]
    dateline = {first + k for p, first in zip(parts, firsts) for k in p.dateline}
    detail: dict[int, int] = {}
    for p, first in zip(parts, firsts):
        for k in range(p.events, len(p.sources)):
            if k in p.detail:
                detail[len(sources)] = first + p.detail[k]
            sources.append(p.sources[k])
    return sources, dateline, detail


def _joined(parts: Sequence[ArticleSources]) -> set[tuple[int, int]]:
    """Every article's ``joined`` pairs as indices into ``_sources``'s list (they are events' sources)."""
    firsts = accumulate((p.events for p in parts), initial=0)
    return {(first + i, first + j) for p, first in zip(parts, firsts) for i, j in p.joined}


def _detail(host: Source, doc: Document, i: int, t: Timex, sentences: list[tuple[int, int]]) -> Source:
    """The count ``t`` (expression i) as a source of the happening ``host`` dates, at its date."""
    return replace(host, mention=event_id(doc.id, t.start, t.end, t.text, PART_DETAIL), expression_start=t.start,
                   expression_end=t.end, expression=i, label=_phrase(doc, t, sentences))


def _days(value: str) -> int | None:
    """A whole count of days or weeks in days ("P15D", "P2W"), else None."""
    m = _MEASURED.fullmatch(value)
    return None if m is None or m[2] not in "DW" else int(m[1]) * (7 if m[2] == "W" else 1)


def _since(doc: Document, s: Source, tense: TenseReader) -> Source:
    """A date after "since" ("have been trapped underground since Jan 10") starts a span that runs
    to the publication date, unless its clause steps back (a pluperfect: "had been fighting since
    November 1918"). The source is that span, reaching back to the date, so it meets the counts of
    that span ("12 days entombed") and not the happening of that day ([guard_words].since)."""
    if doc.published is None or _is_span(s) or _as_datetime(s.end).date() >= doc.published:
        return s
    before = max(0, s.expression_start - 20)
    if _guard("since", r"\b(?:WORDS)\s+$").search(doc.text, before, s.expression_start) is None:
        return s
    if tense.looks_back(s.expression_start, s.expression_end):
        return s  # "had been fighting since November 1918": a span of the story's past, not up to now
    granularity = s.granularity if _PRECISION[s.granularity] >= _PRECISION["day"] else "day"
    return replace(s, end=doc.published, granularity=granularity, reach=s.start)


def _is_offset(text: str, t: Timex) -> bool:
    """Is the duration an offset from another time ("30 hours after the blast", "two days later")?
    It measures no span of its own (words.direction: the words that make a count an offset), unless
    a word before it keeps it one ("trapped for two days after the blast")."""
    if _offset_words().match(text, t.end) is None:
        return False
    return _guard("span_before_offset", r"\b(?:WORDS)\s+$").search(text, max(0, t.start - 20), t.start) is None


@cache
def _offset_words() -> re.Pattern[str]:
    words = sorted(language_data()["words"]["direction"], key=len, reverse=True)
    return re.compile(r"[ \t]+(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words) + r")\b", re.I)


@cache
def _guard(name: str, shape: str) -> re.Pattern[str]:
    """A [guard_words] list of the language data as one pattern (``shape`` with WORDS in it)."""
    return words_pattern(shape, load_grammar().guard_words.get(name, ()), re.I)


def _looks_ahead(tense: TenseReader, t: Timex) -> bool:
    """Does the count measure ahead from the time of writing: its clause speaks of the future, the
    count says so itself ("another 15 days", "two more weeks", "a further two weeks":
    [guard_words].count_ahead), or a forecast of how long something takes opens it ("could take up
    to 3 days": [guard_words].count_ahead_before)?"""
    before = _before_count(tense, t)
    return (tense.speaks_ahead(t.start, t.end) or _guard("count_ahead", r"\b(?:WORDS)\b").search(t.text) is not None
            or _guard("count_ahead", r"\s+(?:WORDS)\b").match(tense.text, t.end) is not None
            or _guard("count_ahead", r"\b(?:WORDS)\s+$").search(before) is not None
            or _guard("count_ahead_before", r"\b(?:WORDS)\s+$").search(before) is not None)


def _past_stretch(tense: TenseReader, t: Timex) -> bool:
    """Is the count how long something took, told in the simple past ("waited more than a day to
    report the explosion", "the first clearing took 6 days": [guard_words].count_past_stretch)? It
    then ran at some time of the story, which no publication date bounds: it measures no span."""
    return _guard("count_past_stretch", r"\b(?:WORDS)\s+$").search(_before_count(tense, t)) is not None


def _before_count(tense: TenseReader, t: Timex) -> str:
    """The text right before a count, where a forecast or a past stretch opens it."""
    return tense.text[max(0, t.start - _BEFORE_COUNT_REACH):t.start]


def _up_to_now(tense: TenseReader, t: Timex) -> bool:
    """Does a count beside a date run up to the time of writing: its clause speaks of now ("is in
    custody for 23 days, officials said Friday"), a present perfect opens it ("a group that has
    already spent 12 days entombed", though "said" is nearer as a cue: [guard_words].
    count_to_now_before), or the count says so ("for the last 23 days": [guard_words].count_to_now)?
    Else it measures a stretch of the story's past ("lasting 64 days from November 21, 1948"), which
    no publication date bounds."""
    return (tense.tense_at(t.start, t.end) == "present"
            or _guard("count_to_now_before", r"\b(?:WORDS)\s+$").search(_before_count(tense, t)) is not None
            or _guard("count_to_now", r"(?:WORDS)\b").match(t.text) is not None)


def _across_contrast(text: str, s: Source, t: Timex) -> bool:
    """Is a contrasting clause opened between a date and a count ("expected to take weeks, but then on
    Sunday ...")? The count then details no happening that date dates."""
    lo, hi = min(s.expression_end, t.end), max(s.expression_start, t.start)
    return _guard("clause_contrast", r"\b(?:WORDS)\b").search(text, lo, hi) is not None


def _distance(s: Source, t: Timex) -> int:
    return max(s.expression_start - t.end, t.start - s.expression_end, 0)


def _phrase(doc: Document, t: Timex, sentences: list[tuple[int, int]]) -> str:
    """A short label around the expression, within its sentence."""
    s0, s1 = sentence_of(sentences, t.start)
    lo, hi = max(s0, t.start - LABEL_REACH), min(s1, t.end + LABEL_REACH)
    return phrase_label(doc.text[lo:hi], t.start - lo, t.end - lo) or t.text


def _measured(doc: Document, i: int, t: Timex, sentences: list[tuple[int, int]], tense: TenseReader) -> Source | None:
    """A count of days, weeks, months or years that dates no event of its own ("after 26 days in
    custody", "another 15 days") as the span it measures: up to the publication date, or from it
    when its clause looks ahead. Outlets count the same span differently, so two such sources meet
    like any two spans, by overlap and wording, and a count conflict shows in their values."""
    m = _MEASURED.fullmatch(t.value)
    if m is None or doc.published is None or is_footer(line_at(doc.text, t.start)):
        return None
    amount, unit = int(m[1]), _MEASURED_UNIT[m[2]]
    ahead = _looks_ahead(tense, t)
    other = shifted(doc.published, amount if ahead else -amount, unit)
    if other is None or amount == 0:
        return None
    start, end = sorted((doc.published, other))
    s0, s1 = sentence_of(sentences, t.start)
    label = _phrase(doc, t, sentences)
    granularity: Granularity = "day" if unit in {"day", "week"} else unit  # type: ignore[assignment]
    return Source(event_id(doc.id, t.start, t.end, t.text, PART_MEASURED), doc.id, t.start, t.end, s0, s1,
                  doc.text[s0:s1], start, end, granularity, "approximate", label, i, other)


def _anchored(extractions: Sequence[Extraction], sources: Sequence[Source]) -> frozenset[tuple[str, str]]:
    """Pairs of sources (their mentions, both ways) where the resolver read one date against the
    other in one sentence ("found on Sunday through a channel drilled the same day"): an anaphor
    that lands on its anchor's very date names that happening again ("in early April ... while in
    late April", read against it, is another)."""
    by_expression = {(s.doc_id, s.expression): s for s in sources if not _is_measured(s) and s.reach is None}
    pairs: set[tuple[str, str]] = set()
    for x in extractions:
        for ev in x.events:
            r = x.expressions[ev.expression].resolution
            anchor = by_expression.get((x.document.id, r.anchor.expression)) if r and r.anchor else None
            itself = by_expression.get((x.document.id, ev.expression))  # None when it became a span
            if anchor is not None and itself is not None and anchor is not itself and _same_sentence(anchor, itself):
                pairs |= {(ev.id, anchor.mention), (anchor.mention, ev.id)}
    return frozenset(pairs)


def _told_as_one(text: str, blanked: str, spans: Sequence[tuple[int, int]], sources: list[Source],
                 dateline: set[int]) -> tuple[list[Source], frozenset[tuple[int, int]]]:
    """One article's events that its discourse tells as one happening, whatever their sentences'
    likeness (one article words a happening once and then refers back to it): the two ends of a
    range (``_ranges``: both ends become the span), a clock time told again (``_same_clock``), a
    sentence that restates the one before it (``_restating``), and an embedded post's date with the
    post's own dates (``_signed_post``). Returns the sources, the range ends as spans, and the pairs
    (indices, i < j)."""
    candidates = [k for k, s in enumerate(sources) if k not in dateline]
    sources, ranges = _ranges(text, sources, candidates)
    pairs = (ranges | _same_clock(sources, candidates) | _restating(blanked, spans, sources, candidates)
             | _signed_post(text, spans, sources, candidates))
    return sources, frozenset((min(i, j), max(i, j)) for i, j in pairs if i != j)


def _runs(sentence: str, s0: int, spans: Iterable[tuple[int, int]]) -> list[list[int]]:
    """A sentence's expressions (text offsets; the sentence starts at s0) in runs that date one thing:
    side by side, with at most a short word or a bracket between them ("2 pm on 2 October"; not a
    range's "to"), or joined by "or". [start, end] of each run, in text order."""
    runs: list[list[int]] = []
    for start, end in sorted(set(spans)):
        gap = sentence[runs[-1][1] - s0:start - s0].strip(" \t\n,()[]") if runs else ""
        side_by_side = len(gap) <= _ADJACENT_GAP and _guard("range_to", r"(?:WORDS)").fullmatch(gap) is None
        if runs and (side_by_side or _alternative_dates(gap)):
            runs[-1][1] = max(runs[-1][1], end)
        else:
            runs.append([start, end])
    return runs


def _ranges(text: str, sources: list[Source], candidates: Sequence[int]
            ) -> tuple[list[Source], set[tuple[int, int]]]:
    """A span told by its two ends in one sentence ("from Wednesday afternoon to noon Thursday", "set
    to sail at 2 pm on 2 October and return around 10 am on 4 October"): every date of both ends
    becomes the span, from the first end's finest date to the last end's, and all of them are one
    happening. Without it the two ends were two instants that clash, never one event
    ([guard_words].range_from, range_to, date_moves, range_end, trip_out, trip_back)."""
    out = list(sources)
    pairs: set[tuple[int, int]] = set()
    by_sentence: dict[int, list[int]] = {}
    for k in candidates:
        if not _is_span(sources[k]):
            by_sentence.setdefault(sources[k].sentence_start, []).append(k)
    for s0, members in by_sentence.items():
        if len(members) < 2:
            continue
        runs = _runs(sources[members[0]].sentence, s0,
                     [(sources[k].expression_start, sources[k].expression_end) for k in members])
        for left, right in zip(runs, runs[1:]):
            if not _is_range(text, left, right):
                continue
            first, last = ([k for k in members if lo <= sources[k].expression_start < hi] for lo, hi in (left, right))
            start, end = min((sources[k] for k in first), key=_fineness), min((sources[k] for k in last), key=_fineness)
            if _as_datetime(start.start) >= _as_datetime(end.start):
                continue
            unit = max(start.granularity, end.granularity, key=_PRECISION.__getitem__)
            for k in first + last:
                out[k] = replace(sources[k], start=start.start, end=end.end, granularity=unit)
            pairs |= {(i, j) for i in first + last for j in first + last}
    return out, pairs


def _fineness(s: Source) -> tuple[int, float]:
    return _PRECISION[s.granularity], (_as_datetime(s.end) - _as_datetime(s.start)).total_seconds()


def _is_range(text: str, left: Sequence[int], right: Sequence[int]) -> bool:
    """Do two runs of dates of one sentence (text offsets) tell a range's two ends: "from" before the
    first and "to" between them, unless a word shortly before says the date was moved ("adjourned
    from Tuesday to Thursday"); or, opening at most four words between them, a word that closes a
    range ("until") or one coming back after a word going out right before the first ("set to sail at
    ... and return")? Coming back alone is no range: "arrested on Monday and returned to court on
    Friday" are two happenings."""
    gap = text[left[1]:right[0]].strip(" \t\n,")
    before = max(0, left[0] - _TRIP_REACH)
    if _guard("range_from", r"\b(?:WORDS)\s+$").search(text, before, left[0]) is not None:
        moved = _guard("date_moves", r"\b(?:WORDS)\b").search(text, max(0, left[0] - _MOVE_REACH), left[0])
        return moved is None and _guard("range_to", r"(?:WORDS)").fullmatch(gap) is not None
    if len(gap.split()) > _ALTERNATIVE_WORDS:
        return False
    return _guard("range_end", r"(?:WORDS)\b").match(gap) is not None or (
        _guard("trip_back", r"(?:WORDS)\b").match(gap) is not None
        and _guard("trip_out", r"\b(?:WORDS)\b").search(text, before, left[0]) is not None)


def _same_clock(sources: Sequence[Source], candidates: Sequence[int]) -> set[tuple[int, int]]:
    """One clock time to the minute, off the hour, told twice in one article ("gathered his bail orders
    at about 5.30 am today", "The bail order was reviewed at 5:30 AM"): the same moment, so the same
    happening. A time on the hour ("noon", "2 pm") dates several happenings too often to say so."""
    at: dict[datetime, list[int]] = {}
    for k in candidates:
        s = sources[k]
        if s.granularity == "minute" and isinstance(s.start, datetime) and s.start == s.end and s.start.minute:
            at.setdefault(s.start, []).append(k)
    return {(i, j) for same in at.values() for i in same for j in same if i < j}


def _restating(blanked: str, spans: Sequence[tuple[int, int]], sources: Sequence[Source],
               candidates: Sequence[int]) -> set[tuple[int, int]]:
    """A sentence that restates the one before it ("NFL Media reported Friday morning that Hamlin is
    addressing the team. The Bills confirmed it shortly thereafter."): its dates that agree with that
    sentence's are that happening again. Only words that point back at what the sentence before said
    do so ([guard_words].restates_previous); a pronoun that names a person, or a bare same day, does not
    ("Tuesday morning a doctor told CNN ... Later Tuesday morning, the family released a statement")."""
    by_sentence: dict[int, list[int]] = {}
    for k in candidates:
        by_sentence.setdefault(sources[k].sentence_start, []).append(k)
    order = {start: n for n, (start, _) in enumerate(spans)}
    pairs: set[tuple[int, int]] = set()
    for s0, members in by_sentence.items():
        n = order.get(s0)
        before = by_sentence.get(spans[n - 1][0], []) if n else []
        if not before or _guard("restates_previous", r"\b(?:WORDS)\b").search(
                blanked, s0, sources[members[0]].sentence_end) is None:
            continue
        pairs |= {(i, j) for i in before for j in members if compatible(sources[i], sources[j])}
    return pairs


def _signed_post(text: str, spans: Sequence[tuple[int, int]], sources: Sequence[Source],
                 candidates: Sequence[int]) -> set[tuple[int, int]]:
    """An embedded post ends with its author and date ("... pic.twitter.com/8dorrWNaxt — Buffalo Bills
    (@BuffaloBills) January 6, 2023"): that date is when the post was made. A date that agrees with it
    in the post (its sentence, or the one before it: a post's lines are cut into sentences), or in the
    sentence before the post when that sentence names its author ("The Bills confirmed it shortly
    thereafter."), dates the same happening."""
    order = {start: n for n, (start, _) in enumerate(spans)}
    pairs: set[tuple[int, int]] = set()
    for k in candidates:
        s = sources[k]
        n = order.get(s.sentence_start)
        if n is None or "(@" not in text[max(s.sentence_start, s.expression_start - 100):s.expression_start]:
            continue  # no handle right before the date: no post's sign-off (the search below is slower)
        signed = _POST_SIGNATURE.search(text, s.sentence_start, s.expression_start)
        if signed is None:
            continue
        post = {start for start, _ in spans[max(0, n - 1):n + 1]}
        author = {w[:5] for w in _WORD.findall(signed[1].lower())}
        if n >= 2 and author & {w[:5] for w in _WORD.findall(text[slice(*spans[n - 2])].lower())}:
            post.add(spans[n - 2][0])  # the sentence that brings the post in, naming its author
        pairs |= {(j, k) for j in candidates if j != k and sources[j].sentence_start in post
                  and compatible(sources[j], s)}
    return pairs


def _date_lines(x: Extraction) -> set[int]:
    """The starts of the article's date lines ("Oct 28, 2021 05:08 PM IST" under the headline):
    lines near the top made of nothing but dates. A date there dates the copy, even when the
    sentence splitter joined the line to the headline."""
    text = x.document.text
    top = [t for t in x.expressions if t.start < DATELINE_WINDOW]
    starts: set[int] = set()
    for lo in {text.rfind("\n", 0, t.start) + 1 for t in top}:
        hi = text.find("\n", lo)
        hi = len(text) if hi < 0 else hi
        rest = list(text[lo:hi])
        for t in top:
            if t.start < hi and lo < t.end:
                rest[max(t.start, lo) - lo:min(t.end, hi) - lo] = " " * (min(t.end, hi) - max(t.start, lo))
        if _WORD.search("".join(rest)) is None:
            starts.add(lo)
    return starts


@cache
def _calendar_words() -> frozenset[str]:
    """The language's month and weekday names: pieces of a date in a stamp, tagged or not."""
    words = language_data()["words"]
    return frozenset(words["month"]) | frozenset(words["weekday"])


def _opens_dateline(text: str, start: int, end: int) -> bool:
    """Is the expression the date of a wire date line ("BEIJING, Jan 22 (AFP) -")? It dates the copy."""
    line_start = text.rfind("\n", 0, start) + 1
    return bool(_DATELINE_PLACE.fullmatch(text, line_start, start) and _DATELINE_END.match(text, end))


def _blanked(x: Extraction) -> str:
    """The article's text with every temporal expression replaced by spaces (offsets unchanged)."""
    text, parts, at = x.document.text, [], 0
    for t in sorted(x.expressions, key=lambda t: t.start):
        if t.start >= at:
            parts += [text[at:t.start], " " * (t.end - t.start)]
            at = t.end
        elif t.end > at:  # overlapping expressions: blank the rest of the longer one
            parts.append(" " * (t.end - at))
            at = t.end
    return "".join([*parts, text[at:]])


def _own_parts(sources: Sequence[Source], dateline: set[int], detail: Mapping[int, int]) -> list[tuple[int, int]]:
    """Each source's own part of its sentence (text offsets): the clause of its instant (``_clause_of``),
    within the whole sentence, or, when the sentence dates several instants ("questioned today after a
    party was raided on Saturday night"), within the instant's share, halfway to the next, cut at a
    space. Dates side by side ("2 pm on 2 October") or joined by "or" share one part, a detail its
    host's; spans and date lines split nothing."""
    parts = [(s.sentence_start, s.sentence_end) for s in sources]
    by_sentence: dict[tuple[str, int], list[int]] = {}
    for k, s in enumerate(sources):
        if k not in dateline and k not in detail and not _is_span(s):
            by_sentence.setdefault((s.doc_id, s.sentence_start), []).append(k)
    for members in by_sentence.values():
        text, s0 = sources[members[0]].sentence, sources[members[0]].sentence_start
        runs = _runs(text, s0, [(sources[k].expression_start, sources[k].expression_end) for k in members])
        bounds = [s0]
        for (_, left), (right, _) in zip(runs, runs[1:], strict=False):
            space = text.find(" ", (left + right) // 2 - s0, right - s0)
            bounds.append((left + right) // 2 if space < 0 else s0 + space)
        bounds.append(s0 + len(text))
        for k in members:
            at = next(n for n, run in enumerate(runs) if run[0] <= sources[k].expression_start < run[1])
            parts[k] = _clause_of(text, s0, bounds[at], bounds[at + 1], runs[at])
    for k, host in detail.items():
        parts[k] = parts[host]
    return parts


def _clause_of(sentence: str, s0: int, lo: int, hi: int, run: Sequence[int]) -> tuple[int, int]:
    """The clause of the part [lo, hi) that holds the dates ``run`` (text offsets; the sentence starts
    at ``s0``): cut at each word opening another happening's clause, which goes with the clause it opens
    ([guard_words].clause_subordinate: in "sought a buyer after failing to raise capital in a Thursday
    offering" Thursday dates the offering, not the search for a buyer)."""
    opener = _guard("clause_subordinate", r"\b(?:WORDS)\b")
    left = max((s0 + m.start() for m in opener.finditer(sentence, lo - s0, run[0] - s0)), default=lo)
    right = opener.search(sentence, run[1] - s0, hi - s0)
    return left, hi if right is None else s0 + right.start()


def _vectors(sources: Sequence[Source], articles: Sequence[ArticleSources],
             sentences: Mapping[str, list[tuple[int, int]]], parts: Sequence[tuple[int, int]]
             ) -> tuple[Any, list[str], Any]:
    """Each source's sentence, dates blanked, as an L2-normalised TF-IDF row (a sparse matrix, or
    None), as text, and its own part of the sentence (``_own_parts``) as a row too.

    The IDF is fitted on every distinct sentence of the story's articles, so the names every
    article repeats count for little and a wire story printed by many papers counts once; one
    pass fits and transforms (an archive has many sentences).
    """
    if not sources:
        return None, [], None
    blanked = {a.extraction.document.id: a.blanked for a in articles}
    row: dict[str, int] = {}
    for a in articles:
        text = a.blanked
        for start, end in sentences[a.extraction.document.id]:
            row.setdefault(text[start:end], len(row))
    wanted = [blanked[s.doc_id][s.sentence_start:s.sentence_end] for s in sources]
    for text in wanted:  # a source's sentence is one of these, unless the engine's cut differs
        row.setdefault(text, len(row))
    fitted = len(row)
    own = [blanked[s.doc_id][lo:hi] for s, (lo, hi) in zip(sources, parts, strict=True)]
    for text in own:
        row.setdefault(text, len(row))
    vectors = sentence_vectors(list(row), [row[text] for text in wanted] + [row[text] for text in own], fitted)
    if vectors is None:
        return None, wanted, None
    return vectors[:len(wanted)], wanted, vectors[len(wanted):]


# ---------------------------------------------------------------- candidates (blocking by date and words)

def _date_keys(sources: Sequence[Source]) -> tuple[Any, Any]:
    """Each date widened to its own precision (a part of the day to its hours with their slack,
    an instant that may be misdated by CONFLICT_REACH more): two arrays of starts and ends."""
    import numpy as np

    lo = np.empty(len(sources), dtype="datetime64[s]")
    hi = np.empty(len(sources), dtype="datetime64[s]")
    for k, s in enumerate(sources):
        unit = "hour" if _PRECISION[s.granularity] < _PRECISION["hour"] else s.granularity
        start, end = _widen(s.start, s.end, unit)
        if _may_be_misdated(s):
            start, end = start - CONFLICT_REACH, end + CONFLICT_REACH
        lo[k], hi[k] = start, end
    return lo, hi


def _candidates(sources: Sequence[Source], dateline: set[int], texts: Sequence[str],
                told: Collection[tuple[int, int]] = ()) -> tuple[Any, Any]:
    """The pairs of sources that could be one happening's, as two index arrays (i < j): their
    dates overlap (``_date_keys``), and their sentences share a rare word (its first five letters,
    so "released" meets "release"), or are one sentence, or their article tells them as one
    (``told``, pairs i < j: ``_told_as_one``).

    Any two compatible or near dates overlap so. Spans only meet spans and instants instants
    (``compatible``), and an instant known to the year or coarser only meets instants known to
    the month or coarser: "in 2021" says too little to be one day's happening. Two reports of one
    happening share the words that tell it apart ("dismissed", "surety"); two happenings of one
    day mostly share only the story's common words, and a word in more than _COMMON_SHARE of the
    sentences (and more than _COMMON_MIN) blocks nothing. So the work grows with the pairs of
    each happening's reports, never with all pairs, nor with all pairs of a busy day.
    """
    import numpy as np

    keys = [{w[:5] for w in _WORD.findall(t.lower())} if i not in dateline else set() for i, t in enumerate(texts)]
    holders: dict[str, list[int]] = {}
    for i, ks in enumerate(keys):
        for k in ks:
            holders.setdefault(k, []).append(i)
    common = max(_COMMON_MIN, int(_COMMON_SHARE * len(sources)))
    firsts, seconds = [], []
    for members in holders.values():
        if 1 < len(members) <= common:
            m = np.asarray(members, dtype=np.int64)
            i, j = np.triu_indices(len(m), k=1)
            firsts.append(m[i])
            seconds.append(m[j])
    by_sentence: dict[tuple[str, int], list[int]] = {}
    for i, s in enumerate(sources):
        if i not in dateline:
            by_sentence.setdefault((s.doc_id, s.sentence_start), []).append(i)
    for members in by_sentence.values():
        if len(members) > 1:
            m = np.asarray(members, dtype=np.int64)
            i, j = np.triu_indices(len(m), k=1)
            firsts.append(m[i])
            seconds.append(m[j])
    if told:
        firsts.append(np.asarray([i for i, _ in told], dtype=np.int64))
        seconds.append(np.asarray([j for _, j in told], dtype=np.int64))
    if not firsts:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    n = len(sources)
    pairs = _sorted_unique(np.concatenate(firsts) * n + np.concatenate(seconds))
    a, b = pairs // n, pairs % n
    lo, hi = _date_keys(sources)
    tier = np.asarray([_tier(s) for s in sources], dtype=np.int8)
    same_tier = ((tier[a] == 0) & (tier[b] == 0)) | ((tier[a] > 0) & (tier[b] > 0) & ((tier[a] & tier[b]) > 0))
    keep = same_tier & (lo[a] < hi[b]) & (lo[b] < hi[a])
    return a[keep], b[keep]


def _sorted_unique(keys: Any) -> Any:
    """``np.unique(keys)`` by a sort in place: numpy 2's hash-based unique took 15 of 18 s on the 100
    million pair keys of 5,000 reworded articles, a sort and one comparison 1.5 s (same result)."""
    import numpy as np

    keys.sort()
    return keys[np.concatenate(([True], keys[1:] != keys[:-1]))] if len(keys) else keys


def _tier(s: Source) -> int:
    """0 for a span; for an instant, bit 1 when known to the month or finer, bit 2 to the month or coarser."""
    if _is_span(s):
        return 0
    rank = _PRECISION[s.granularity]
    return (1 if rank <= _PRECISION["month"] else 0) | (2 if rank >= _PRECISION["month"] else 0)


# ---------------------------------------------------------------- clustering

def _cluster(sources: Sequence[Source], dateline: set[int], detail: Mapping[int, int],
             anchored: frozenset[tuple[str, str]], joined: set[tuple[int, int]], vectors: Any,
             texts: Sequence[str], own: Any, parted: Sequence[bool]) -> list[list[int]]:
    """Greedy average-linkage grouping of the sources; see the module docstring for the rules.

    Copies (the same sentence, dates blanked, at the same date: wire copy printed by many papers,
    a caption repeating its paragraph) are one *unit* from the start: they pass every test a
    merge makes, and an archive full of syndicated copy costs one unit per story, not one per copy.
    """
    import numpy as np

    units = _units(sources, dateline, detail, vectors)
    reps = [u[0] for u in units]
    unit_of = {i: k for k, u in enumerate(units) for i in u}
    told = {(min(unit_of[i], unit_of[j]), max(unit_of[i], unit_of[j])) for i, j in joined if unit_of[i] != unit_of[j]}
    a, b = _candidates([sources[r] for r in reps], {k for k, u in enumerate(units) if u[0] in dateline},
                       [texts[r] for r in reps], told)
    sims = pair_similarity(vectors[reps] if vectors is not None else None, a, b)
    rep = [sources[r] for r in reps]
    # Only pairs with some similarity, in one sentence, or told as one by their article, are read one
    # by one. Two units that may be one happening get a weight (their link, else their similarity):
    # compatible dates, or dates of two articles near enough to be one happening misdated. A pair
    # without one never meets: two dates that clash, two dates of one sentence that are not one, or
    # sentences that share nothing.
    sentence = np.asarray([hash((s.doc_id, s.sentence_start)) for s in rep], dtype=np.int64)
    told_key = np.asarray(sorted(i * len(reps) + j for i, j in told), dtype=np.int64)
    read = (sims >= _READ_FLOOR) | (sentence[a] == sentence[b]) | np.isin(a * len(reps) + b, told_key)
    weight: dict[tuple[int, int], float] = {}
    links: list[tuple[float, int, int]] = []
    a, b, sims = a[read], b[read], sims[read]
    pairs = list(zip(a.tolist(), b.tolist(), sims.tolist(), strict=True))
    # A misdated report says the same thing around its date too, not only somewhere in its sentence:
    # for the pairs that could be one (two articles, alike enough) where a sentence dates several instants.
    cut = np.asarray([parted[r] for r in reps], dtype=bool)
    doc = np.asarray([hash(s.doc_id) for s in rep], dtype=np.int64)
    own_sims = sims.copy()
    ask = (cut[a] | cut[b]) & (doc[a] != doc[b]) & (sims >= CONFLICT_SIMILARITY)
    own_sims[ask] = pair_similarity(own[reps] if own is not None else None, a[ask], b[ask])
    best: dict[tuple[int, str], float] = {}  # a unit's highest similarity in each other article
    for i, j, score in pairs:
        for k, other in ((i, rep[j].doc_id), (j, rep[i].doc_id)):
            if score > best.get((k, other), -1.0):
                best[(k, other)] = score
    when = [_when(s) for s in rep]
    either = _alternatives_of(rep, pairs, texts, reps)

    def agrees(i: int, j: int) -> bool:  # their dates, or one of their "or" dates, are compatible
        return any(_compatible(when[a], when[b]) for a in (i, *either.get(i, ())) for b in (j, *either.get(j, ())))

    for (i, j, score), own_score in zip(pairs, own_sims.tolist(), strict=True):
        x, y = rep[i], rep[j]
        agree = _compatible(when[i], when[j])
        link = 1.0 if agree and (i, j) in told else _link(
            x, y, score if agree else min(score, own_score), agree, texts[reps[i]], anchored)
        if link is not None and not agree and x.doc_id != y.doc_id and (
                score < best[(i, y.doc_id)] or score < best[(j, x.doc_id)]):
            link = None  # a misdated report is its counterpart's best match in the other article, both ways
        if link is not None:
            links.append((-link, i, j))
            weight[(i, j)] = link
        elif (not _same_sentence(x, y) and agrees(i, j)) or (x.doc_id != y.doc_id and _near_when(when[i], when[j])):
            weight[(i, j)] = score

    def meets(i: int, j: int) -> bool:  # the dates of a pair never compared would let it meet
        x, y = rep[i], rep[j]
        return not _same_sentence(x, y) and (agrees(i, j) or (x.doc_id != y.doc_id and _near_when(when[i], when[j])))

    return [sorted(i for k in m for i in units[k])
            for m in _average_linkage(links, weight, [[sources[i].doc_id for i in u] for u in units], meets)]


def _alternatives_of(rep: Sequence[Source], pairs: Iterable[tuple[int, int, float]], texts: Sequence[str],
                     reps: Sequence[int]) -> dict[int, list[int]]:
    """Each unit's other dates joined to it by "or" in its sentence ("will walk out by today or
    tomorrow"): the happening is dated either way, so a date of its article that agrees with one of
    them may be the same happening (``_alternative_dates``)."""
    either: dict[int, list[int]] = {}
    for i, j, _ in pairs:
        if _same_sentence(rep[i], rep[j]) and _alternative_dates(_gap(rep[i], rep[j], texts[reps[i]])):
            either.setdefault(i, []).append(j)
            either.setdefault(j, []).append(i)
    return either


def _units(sources: Sequence[Source], dateline: set[int], detail: Mapping[int, int], vectors: Any
           ) -> list[list[int]]:
    """Sources in units of copies: one blanked sentence at one date, at most once per article sentence;
    a detail is in its host's unit."""
    units: list[list[int]] = []
    home: dict[tuple[Any, ...], int] = {}
    seen: dict[tuple[Any, ...], int] = {}
    unit_of: dict[int, int] = {}
    for i, s in enumerate(sources):
        if i in detail:
            units[unit_of[detail[i]]].append(i)
            continue
        if i in dateline or vectors is None:
            key: tuple[Any, ...] = ("alone", i)
        else:
            lo, hi = vectors.indptr[i], vectors.indptr[i + 1]
            text = (vectors.indices[lo:hi].tobytes(), vectors.data[lo:hi].tobytes())
            date_of = (s.start, s.end, s.granularity, _is_measured(s))
            nth = seen.get((s.doc_id, s.sentence_start, text, date_of), 0)
            seen[(s.doc_id, s.sentence_start, text, date_of)] = nth + 1
            key = (text, date_of, nth)  # a second same date in one sentence is no copy of the first
        if key not in home:
            home[key] = len(units)
            units.append([])
        units[home[key]].append(i)
        unit_of[i] = home[key]
    return units


def _same_sentence(a: Source, b: Source) -> bool:
    return a.doc_id == b.doc_id and (a.sentence_start, a.sentence_end) == (b.sentence_start, b.sentence_end)


def _link(a: Source, b: Source, score: float, agree: bool, blanked: str,
          anchored: frozenset[tuple[str, str]]) -> float | None:
    """The strength of the evidence that two sources report one happening, or None (``agree``:
    whether their dates are compatible; ``blanked``: the first one's sentence with its dates blanked
    out; ``anchored``: see ``_anchored``)."""
    if _same_sentence(a, b):
        gap = _gap(a, b, blanked)
        if agree and len(gap) <= _ADJACENT_GAP or (
                (a.mention, b.mention) in anchored and (a.start, a.end) == (b.start, b.end)):
            return 1.0
        return 1.0 if _alternative_dates(gap) else None
    if a.doc_id == b.doc_id:
        return score if score >= REPEAT_SIMILARITY and agree else None
    if agree:
        return score if score >= MERGE_SIMILARITY else None
    return score if score >= CONFLICT_SIMILARITY and _near(a, b) or _clock_conflict(a, b, score) else None


def _gap(a: Source, b: Source, blanked: str) -> str:
    """What stands between two expressions of one sentence, other dates blanked, brackets and commas
    stripped from its ends. Side by side, with at most a short word or a bracket between them ("2 pm
    on 2 October", "today (October 28)", "noon Thursday"), they date one thing; further apart, a
    sentence's two dates are mostly two happenings ("remains in hospital on Tuesday afternoon after
    spending the night in intensive care")."""
    first, second = sorted((a, b), key=lambda s: s.expression_start)
    return blanked[first.expression_end - first.sentence_start:second.expression_start - first.sentence_start
                   ].strip(" \t\n,()[]")


def _alternative_dates(gap: str) -> bool:
    """Two dates joined by "or" and at most three more words ("by today or tomorrow", "tomorrow
    (Friday) or day after (Saturday)") are the alternative dates of one happening: one event, whose
    conflict lists both ([guard_words].alternative_dates)."""
    return len(gap.split()) <= _ALTERNATIVE_WORDS and _guard("alternative_dates", r"(?:WORDS)\b").match(gap) is not None


def _may_be_misdated(s: Source | _When) -> bool:
    """Can this date be one side of a conflict? Instants precise to the day or the week, except "now":
    a state told as of writing ("is currently listed in critical condition") may hold the day before
    and after too, so another article's report of it a day away is no other date for it."""
    return not _is_span(s) and not s.present and _PRECISION[s.granularity] <= _PRECISION["week"]


def _near(a: Source, b: Source) -> bool:
    """Two dates close enough to be one happening misdated: instants (a day, a week: "3 weeks ago")
    at most CONFLICT_REACH apart."""
    return _near_when(_when(a), _when(b))


@lru_cache(maxsize=1 << 16)  # as _compatible
def _near_when(a: _When, b: _When) -> bool:
    if not (_may_be_misdated(a) and _may_be_misdated(b)) or _clock_apart(a, b):
        return False
    gap = max(_as_datetime(a.start), _as_datetime(b.start)) - min(_as_datetime(a.end), _as_datetime(b.end))
    return gap <= CONFLICT_REACH


def _clock_apart(a: _When, b: _When) -> bool:
    """Are two instants told apart by the clock on one day ("found this morning", "announced at 4:21
    p.m.")? A day's several happenings are told so: the discovery, the briefing, the statement. So
    the clock is no misdating allowance; only a near repeat is one happening whose times clash
    (``_clock_conflict``)."""
    return (_PRECISION[a.granularity] < _PRECISION["day"] and _PRECISION[b.granularity] < _PRECISION["day"]
            and _as_datetime(a.start).date() == _as_datetime(b.start).date()
            and _is_span(a) == _is_span(b))  # (a span never meets an instant: _candidates)


def _clock_conflict(a: Source, b: Source, score: float) -> bool:
    """Is a near repeat (REPEAT_SIMILARITY) one happening at two clock times of its day that cannot be
    reconciled? Not when the two are whole hours apart at the same minute: one moment told in two
    time zones ("7:55 p.m." Central is "8:55 p.m." Eastern)."""
    if score < REPEAT_SIMILARITY or not _clock_apart(_when(a), _when(b)):
        return False
    apart = abs(_as_datetime(a.start) - _as_datetime(b.start))
    return a.granularity != "minute" or b.granularity != "minute" or apart % timedelta(hours=1) != timedelta(0)


def _all_meet(g: Sequence[int], h: Sequence[int], weight: Mapping[tuple[int, int], float],
              meets: Callable[[int, int], bool]) -> bool:
    """May every unit of group g meet every unit of h? A pair with a weight may; one without (never
    compared: too little alike, or no rare word in common) may when its dates would let it (``meets``),
    so a happening's loosely worded reports count as unlike in the average instead of keeping it apart."""
    return all((a, b) in weight or (b, a) in weight or meets(a, b) for a in g for b in h)


def _average_linkage(links: list[tuple[float, int, int]], weight: Mapping[tuple[int, int], float],
                     articles: Sequence[Sequence[str]], meets: Callable[[int, int], bool]) -> list[list[int]]:
    """The units in groups, joined along ``links`` strongest first, by average linkage: two groups
    join only when every pair of units between them may meet (has a weight) and their weights,
    counted once per source of each unit, are at least JOIN_SIMILARITY on average (pairs never
    compared count as 0) over the pairs of sources in two articles (``articles``: each unit's
    sources' articles). Two sentences of one article weigh nothing either way: alike, they are
    mostly two happenings of one story; unlike, one happening told once and then referred back to
    in other words. Groups with no such pair join on their link alone.

    Each pair of groups that may meet keeps the sum of its weights and its number of unit pairs,
    and a join adds the smaller group's sums into the larger's, so the work grows with the pairs
    that have a weight, not with the product of two groups' sizes at every join."""
    between: list[dict[int, list[float]]] = [{} for _ in articles]  # group -> neighbour -> [weighted sum, unit pairs]
    docs = [Counter(d) for d in articles]  # each group's sources per article
    alone = [d[0] if len(set(d)) == 1 else None for d in articles]  # a unit's one article, if it has one
    for (i, j), w in weight.items():
        across = (0 if alone[i] == alone[j] else len(articles[i]) * len(articles[j])) if alone[i] and alone[j] \
            else _across(docs[i], docs[j])
        between[i][j] = between[j][i] = [w * across, 1.0]  # one list, seen from both sides
    count = [1] * len(articles)  # units per group
    group_of = list(range(len(articles)))
    members: dict[int, list[int]] = {k: [k] for k in range(len(articles))}
    for _, i, j in sorted(links):
        g, h = group_of[i], group_of[j]
        if g == h:
            continue
        pair = between[g].get(h)
        if pair is None or pair[0] < JOIN_SIMILARITY * _across(docs[g], docs[h]) or (
                pair[1] != count[g] * count[h] and not _all_meet(members[g], members[h], weight, meets)):
            continue  # a pair that may not meet (a date clash, ...), or too little likeness on average
        if len(members[g]) < len(members[h]):
            g, h = h, g
        del between[g][h]
        for k, theirs in between[h].items():
            if k == g:
                continue
            del between[k][h]
            ours = between[g].get(k)
            if ours is None:
                between[g][k] = between[k][g] = theirs
            else:
                ours[0] += theirs[0]
                ours[1] += theirs[1]
        between[h] = {}
        for k in members[h]:
            group_of[k] = g
        members[g] += members.pop(h)
        count[g] += count[h]
        docs[g] += docs[h]
    return list(members.values())


def _across(a: Counter[str], b: Counter[str]) -> int:
    """How many pairs of sources between two groups (their sources per article) are in two articles."""
    if len(a) > len(b):
        a, b = b, a
    return a.total() * b.total() - sum(n * b.get(d, 0) for d, n in a.items())


# ---------------------------------------------------------------- operations

@dataclass(frozen=True)
class _State:
    groups: tuple[frozenset[str], ...]
    accepted: tuple[str, ...]  # mentions whose date was accepted, latest last

    @property
    def known(self) -> frozenset[str]:
        return frozenset().union(*self.groups)


def _named(op: Mapping[str, Any]) -> frozenset[str]:
    value = op[_OPS[op["op"]]]
    return frozenset([value] if isinstance(value, str) else value)


def _accept_date(state: _State, op: Mapping[str, Any]) -> _State:
    return replace(state, accepted=(*[m for m in state.accepted if m != op["mention"]], op["mention"]))


def _split(state: _State, op: Mapping[str, Any]) -> _State:
    named = _named(op)
    rest = tuple(g - named for g in state.groups)
    return replace(state, groups=(*(g for g in rest if g), named))


def _merge(state: _State, op: Mapping[str, Any]) -> _State:
    named = _named(op)
    joined = frozenset().union(*(g for g in state.groups if g & named))
    return replace(state, groups=(*(g for g in state.groups if not g & named), joined))


_APPLY = {"accept_date": _accept_date, "split": _split, "merge": _merge}


# ---------------------------------------------------------------- story events

def _story_event(sources: list[Source], accepted: Sequence[str]) -> StoryEvent:
    keys = [_precision_key(s) for s in sources]  # once a source: an archive's events have thousands
    alternatives = _alternatives(sources, keys)
    chosen_index = 0
    accepted_here = [m for m in accepted if any(s.mention == m for s in sources)]
    if accepted_here:
        chosen_index = next(k for k, alt in enumerate(alternatives) if accepted_here[-1] in alt.mentions)
    chosen = frozenset(alternatives[chosen_index].mentions)
    members = [k for k, s in enumerate(sources) if s.mention in chosen]
    best = _best_dated(sources, members, keys, accepted_here[-1] if accepted_here else None)
    conflict = None
    if len(alternatives) > 1:
        conflict = Conflict(alternatives, chosen_index if accepted_here else None)
    digest = hashlib.sha256("\n".join(sorted(s.mention for s in sources)).encode("utf-8")).hexdigest()[:12]
    return StoryEvent(f"story:{digest}", best.start, best.end, best.granularity, _medoid(sources).label,
                      min((sources[k].certainty for k in members), key=_CERTAINTY_RANK.__getitem__),
                      tuple(sources), conflict)


def _alternatives(sources: list[Source], keys: Sequence[tuple[int, int, float]]) -> tuple[Alternative, ...]:
    """The sources' dates in groups that agree among themselves, the best-supported group first.

    Two counts of one span ("26 days in custody", "25 days in custody") overlap, but they disagree:
    each count is an alternative of its own (a count conflict, told as the spans' dates).
    """
    groups: list[list[int]] = []
    dates: list[dict[tuple[Any, ...], Source]] = []  # each group's distinct dates: copies are checked once
    for k in sorted(range(len(sources)), key=keys.__getitem__):
        s = sources[k]
        key = (s.start, s.end, s.granularity, _is_measured(s))
        home = next((g for g, seen in enumerate(dates) if key in seen or all(
            compatible(s, o) and _same_count(s, o) for o in seen.values())), None)
        if home is None:
            groups.append([k])
            dates.append({key: s})
        else:
            groups[home].append(k)
            dates[home].setdefault(key, s)
    groups.sort(key=lambda g: (-len({sources[k].doc_id for k in g}), min(keys[k] for k in g)))
    alternatives = []
    for g in groups:
        order = sorted(g)
        in_order = [sources[k] for k in order]
        best = _best_dated(sources, order, keys, None)
        alternatives.append(Alternative(best.start, best.end, best.granularity,
                                        tuple(dict.fromkeys(s.doc_id for s in in_order)),
                                        tuple(s.mention for s in in_order)))
    return tuple(alternatives)


def _same_count(a: Source, b: Source) -> bool:
    """Unless both are counts measured from a publication date, yes; else, do they reach one day?"""
    return a.reach is None or b.reach is None or a.reach == b.reach


def _is_measured(s: Source) -> bool:
    return s.mention.endswith(f":{PART_MEASURED}")


def _precision_key(s: Source) -> tuple[int, int, float]:
    """Most trustworthy first: the surest certainty, then the finest precision, then the shortest span."""
    span = (_as_datetime(s.end) - _as_datetime(s.start)).total_seconds()
    return _CERTAINTY_RANK[s.certainty], _PRECISION[s.granularity], span


def _best_dated(sources: Sequence[Source], among: Sequence[int], keys: Sequence[tuple[int, int, float]],
                accepted: str | None) -> Source:
    """The source whose date the event takes, of ``sources[k]`` for k in ``among`` (``keys``:
    their ``_precision_key``): the accepted one, else the most trustworthy, the first of equals."""
    named = [sources[k] for k in among if sources[k].mention == accepted]
    return named[0] if named else sources[min(among, key=keys.__getitem__)]


def _medoid(sources: list[Source]) -> Source:
    """The source whose label shares the most words with the others': the best label for all."""
    if len(sources) == 1:
        return sources[0]
    words = [frozenset(re.findall(r"\w+", s.label.lower())) for s in sources]
    copies = Counter(words)  # a label printed by many papers is scored once, weighed by its copies

    @cache
    def overlap(mine: frozenset[str]) -> float:
        return sum(n * len(mine & w) / (len(mine | w) or 1) for w, n in copies.items()) - (1.0 if mine else 0.0)

    def support(k: int) -> tuple[float, int, int]:
        return overlap(words[k]), -_CERTAINTY_RANK[sources[k].certainty], -k

    return sources[max(range(len(sources)), key=support)]


# ---------------------------------------------------------------- dates

def _is_span(e: Source | Event | _When) -> bool:
    """Does the date cover more than one unit of its own precision (several days, several months)?

    A part of the day ("Monday night") is an instant of its day.
    """
    return _spans(e.start, e.end, e.granularity)


@cache  # asked for every pair a story compares, about few distinct dates
def _spans(start: DatePoint, end: DatePoint, granularity: str) -> bool:
    if _PRECISION[granularity] < _PRECISION["day"]:  # "Friday night" ends at midnight, the end of its day
        first, last = _as_datetime(start), _as_datetime(end)
        return first.date() != (last - timedelta(microseconds=1) if last > first else last).date()
    return _widen(start, end, granularity) != _widen(start, start, granularity)


@cache  # a story compares each date with many others, always at a handful of units
def _widen(start: DatePoint, end: DatePoint, unit: str) -> tuple[datetime, datetime]:
    """[start, end] as a half-open datetime interval, widened to whole ``unit``s."""
    s, e = _as_datetime(start), _as_datetime(end)
    if unit == "minute":
        return s, (e + timedelta(minutes=1)) if isinstance(end, datetime) else e + timedelta(days=1)
    if unit == "hour":
        if not isinstance(end, datetime):
            return s, e + timedelta(days=1)
        if e == s:  # a clock time ("4:21 p.m.") has sharp edges
            return s, e + timedelta(minutes=1)
        noon = datetime.combine(s.date(), datetime.min.time()) + timedelta(hours=12)
        lo, hi = s - _PART_OF_DAY_SLACK, e + timedelta(minutes=1) + _PART_OF_DAY_SLACK
        return (max(lo, noon) if s >= noon else lo), (min(hi, noon) if e < noon else hi)
    d0, d1 = s.date(), e.date()
    if unit == "week":
        d0, d1 = d0 - timedelta(days=d0.weekday()), d1 + timedelta(days=6 - d1.weekday())
    elif _PRECISION[unit] >= _PRECISION["year"]:
        d0, d1 = date(d0.year, 1, 1), date(d1.year, 12, 31)
    elif _PRECISION[unit] >= _PRECISION["month"]:
        d0 = d0.replace(day=1)
        d1 = (d1.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    return datetime.combine(d0, datetime.min.time()), datetime.combine(d1 + timedelta(days=1), datetime.min.time())
