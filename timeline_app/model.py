"""Core types shared by every stage of the pipeline.

Data flows one way: Document -> Timex (with a Resolution) -> Event -> layout/views.
Every span is a pair of Python string offsets into ``Document.text``, so any view
can point back at the exact characters an answer came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

from .quick_init import quick_init

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
Certainty = Literal["explicit", "inferred", "approximate"]
Granularity = Literal[
    "minute", "hour", "day", "week", "month", "season", "quarter", "half", "year",
    "decade", "century", "millennium",
]
AnchorKind = Literal["publication", "expression", "none"]
# Whether a choice between readings (past or coming weekday, which year, which day a clock time
# is on) was decided by something the text says ("cue": tense, "next", a date beside it) or by a
# default when nothing said ("default"): a guess the app can show as one.
Confidence = Literal["cue", "default"]
DatePoint = date | datetime


@dataclass(frozen=True)
class Document:
    """One article: the text we show and index into, and its publication date.

    ``published_source`` says where the date came from ("given", "dateline",
    "meta article:published_time", ...), so the UI can tell the journalist.
    """

    text: str
    published: date | None = None
    published_source: str | None = None
    id: str = "doc"
    title: str | None = None
    source: str | None = None
    full_size: int | None = None  # UTF-8 bytes of the whole article when only its start was read


@quick_init
@dataclass(frozen=True)
class Anchor:
    """What a relative expression was resolved against."""

    kind: AnchorKind
    value: str | None = None
    expression: int | None = None  # index into Extraction.expressions
    text: str | None = None


@quick_init
@dataclass(frozen=True)
class Resolution:
    """How an expression's value was obtained, as the interval it denotes.

    ``start``/``end`` are inclusive calendar bounds (``end`` is the last day, or
    the last minute for times). ``None`` bounds mean the expression could not be
    placed on the calendar (no publication date, a generic "every Monday", ...).
    """

    start: DatePoint | None
    end: DatePoint | None
    granularity: Granularity | None
    certainty: Certainty
    rule: str
    anchor: Anchor | None
    explanation: str
    confidence: Confidence = "cue"


@quick_init
@dataclass(frozen=True)
class Timex:
    """A temporal expression: a span of the text with its TIMEX3 annotation."""

    start: int
    end: int
    text: str
    type: TimexType
    value: str
    mod: str | None = None
    rule: str = ""
    resolution: Resolution | None = None

    @property
    def explanation(self) -> str:
        return self.resolution.explanation if self.resolution else ""

    @property
    def confidence(self) -> Confidence | None:
        """How the resolver chose the value; None for an expression it did not resolve."""
        return self.resolution.confidence if self.resolution else None


@dataclass(frozen=True)
class Report:
    """One source of a merged happening, as the exports list it: its article, its sentence, the date it gives."""

    doc_id: str
    event_id: str  # the article's own event (the mention the story merged)
    sentence_start: int
    sentence_end: int
    sentence: str
    start: DatePoint
    end: DatePoint
    granularity: Granularity
    certainty: Certainty


@quick_init
@dataclass(frozen=True)
class Event:
    """A dated event: what happened (label), when, and the sentence that says so."""

    id: str
    doc_id: str
    start: DatePoint
    end: DatePoint
    granularity: Granularity
    label: str
    sentence_start: int
    sentence_end: int
    expression: int  # index into Extraction.expressions
    certainty: Certainty
    explanation: str
    rule: str = ""
    guessed: bool = False  # no cue in the text chose this reading (Resolution.confidence == "default")
    # A story's merged happening (story_events.py): the articles that report it and, while they
    # disagree, the other dates they give (start, end, granularity), which the chart marks as a conflict.
    reported_by: tuple[str, ...] = ()
    disputed: tuple[tuple[DatePoint, DatePoint, Granularity], ...] = ()
    reports: tuple[Report, ...] = ()  # each source's own report, in story order (merged happenings only)


@dataclass(frozen=True)
class Extraction:
    """The result of running the pipeline on one document."""

    document: Document
    expressions: tuple[Timex, ...] = ()
    events: tuple[Event, ...] = ()
    warnings: tuple[str, ...] = field(default_factory=tuple)
    error: str | None = None  # set when extraction failed: the bug was logged, the article has no dates
    # (start, end) of every sentence of the text as the engine cut it, so a story of thousands of
    # articles need not cut them again; empty for an extraction made without the pipeline.
    sentences: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Timeline:
    """Many documents' events on one chronology (a project is a timeline)."""

    extractions: tuple[Extraction, ...] = ()

    @property
    def events(self) -> tuple[Event, ...]:
        merged = [e for x in self.extractions for e in x.events]
        return tuple(sorted(merged, key=lambda e: (_as_datetime(e.start), e.doc_id, e.sentence_start)))

    @property
    def documents(self) -> tuple[Document, ...]:
        return tuple(x.document for x in self.extractions)


def _as_datetime(point: DatePoint) -> datetime:
    """Dates and date-times sort together: a date counts as its midnight."""
    if isinstance(point, datetime):
        return point.replace(tzinfo=None)
    return datetime(point.year, point.month, point.day)
