"""Each source of an event, and each date its sources give, as the data exports list them.

A merged happening (story_events.py) carries its sources in ``Event.reports``; any other
event is its own single source. The exports (export.py) write these in each format's own
structure (a JSON list, CSV cells with one source a line, TimelineJS slide text) instead of
only inside the ``explanation`` prose, so a reader can check every source's words and date.
Pure functions; no plotly.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from .model import DatePoint, Document, Event, Granularity, Report
from .when import format_when


THIS_DATE = "This date: "  # opens the line of a merged happening's explanation that says how its date was found


@dataclass(frozen=True)
class DatedBy:
    """One date the sources give a disputed happening, and the articles that give it (the drawn one first)."""

    start: DatePoint
    end: DatePoint
    granularity: Granularity
    doc_ids: tuple[str, ...]
    drawn: bool


def event_reports(event: Event, docs: Mapping[str, Document]) -> tuple[Report, ...]:
    """The event's sources: a merged happening's reports, else the event itself (its sentence from its article)."""
    if event.reports:
        return event.reports
    doc = docs.get(event.doc_id)
    sentence = doc.text[event.sentence_start:event.sentence_end] if doc else ""
    return (Report(event.doc_id, event.id, event.sentence_start, event.sentence_end, sentence, event.start,
                   event.end, event.granularity, event.certainty),)


def report_when(event: Event, report: Report) -> str:
    """The date a source gives, written as the event's own date is ("2 Mar 2021", "≈ 2009–2011")."""
    return format_when(replace(event, start=report.start, end=report.end, granularity=report.granularity,
                               certainty=report.certainty))


def plain(text: str) -> str:
    """Article text on one line: runs of spaces and line breaks become one space."""
    return " ".join(text.split())


def conflict_dates(event: Event) -> tuple[DatedBy, ...]:
    """While sources disagree: the drawn date, then each other date, with the articles that give each; else ()."""
    if not event.disputed:
        return ()
    dates = [(event.start, event.end, event.granularity), *event.disputed]
    reports = event.reports
    return tuple(DatedBy(start, end, granularity,
                         tuple(dict.fromkeys(r.doc_id for r in reports
                                             if (r.start, r.end, r.granularity) == (start, end, granularity))),
                         drawn=n == 0)
                 for n, (start, end, granularity) in enumerate(dates))


def dated_when(event: Event, dated: DatedBy) -> str:
    """One of a disputed happening's dates, written as its own date is."""
    return format_when(replace(event, start=dated.start, end=dated.end, granularity=dated.granularity))


def own_explanation(event: Event) -> str:
    """How the drawn date was found, without the lines that list the sources (an export lists them itself)."""
    if not event.reports:
        return event.explanation
    return next((line[len(THIS_DATE):] for line in event.explanation.split("\n") if line.startswith(THIS_DATE)), "")
