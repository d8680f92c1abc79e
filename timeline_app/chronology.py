"""The chronology as a list: one line per event, in date order, grouped by date.

For long timelines and text-heavy briefings a list reads better than a chart, and
it is the chart's text alternative too (:func:`summary`). Pure functions; the app,
the CLI and the exports all print the same list.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .axis import core
from .escape import for_html
from .figure import disputed_dates, format_when, is_edited, naive, source_name, sources_line
from .model import Document, Event

CERTAINTY_WORDS = {"explicit": "stated", "inferred": "worked out", "approximate": "approximate"}
EDITED_WORDS = "edited by you"
LIST_COLUMNS = ("date", "event", "source", "certainty")


@dataclass(frozen=True)
class Entry:
    """One line of the list."""

    event_id: str
    when: str
    label: str
    source: str
    certainty: str


@dataclass(frozen=True)
class Day:
    """The events of one date as the text gives it ("16 Dec 2011", "Dec 2011", "≈ May–Dec 2011")."""

    when: str
    entries: tuple[Entry, ...]


def certainty_words(event: Event) -> str:
    """How sure the date is; for a happening whose sources disagree, the other dates too."""
    disputed = f"; sources disagree, also {' / '.join(disputed_dates(event))}" if event.disputed else ""
    if is_edited(event):
        return EDITED_WORDS + disputed
    return CERTAINTY_WORDS[event.certainty] + (", guessed" if event.guessed else "") + disputed


def reported_by(event: Event, docs: dict[str, Document]) -> str:
    """The article an event comes from, or every article that reports a merged happening."""
    return "; ".join(source_name(docs.get(d), d) for d in event.reported_by or (event.doc_id,))


def chronology(events: Sequence[Event], documents: Sequence[Document] = ()) -> list[Day]:
    """The events in date order (start, then end), grouped by their printed date."""
    docs = {d.id: d for d in documents}
    ordered = sorted(events, key=lambda e: (naive(e.start), naive(e.end), e.doc_id, e.sentence_start, e.id))
    days: list[Day] = []
    for e in ordered:
        entry = Entry(e.id, format_when(e), e.label, reported_by(e, docs), certainty_words(e))
        if days and days[-1].when == entry.when:
            days[-1] = Day(entry.when, (*days[-1].entries, entry))
        else:
            days.append(Day(entry.when, (entry,)))
    return days


def summary(events: Sequence[Event], documents: Sequence[Document] = ()) -> str:
    """A few sentences that say what the chart shows: the text alternative for readers who cannot see it."""
    if not events:
        return "The timeline has no dated events."
    docs = {d.id: d for d in documents}
    ordered = sorted(events, key=lambda e: (naive(e.start), e.id))
    articles = len({d for e in events for d in e.reported_by or (e.doc_id,)})  # a merged event has several
    first, last = ordered[0], max(events, key=lambda e: (naive(e.end), e.id))
    opening = (f"Timeline of {_count(len(events), 'event')} from {_count(articles, 'article')}, "
               f"from {format_when(first)} to {format_when(last)}.")
    parts = [opening]
    lo, hi = core(naive(e.start) for e in events)
    inside = [e for e in events if lo <= naive(e.start) <= hi]
    if 2 < len(events) and len(inside) < len(events):
        parts.append(f"Most of them ({len(inside)}) fall between {format_when(_first(inside))} "
                     f"and {format_when(_last(inside))}.")
    busiest, n = Counter(format_when(e) for e in events).most_common(1)[0]
    if n > 1:
        parts.append(f"Busiest date: {busiest} ({n} events).")
    parts.append(f"First: {format_when(first)}, {first.label}. Last: {format_when(last)}, {last.label}.")
    if len(docs) > 1 or articles > 1:
        parts.append(sources_line(events, documents) + ".")
    return " ".join(parts)


def _first(events: Sequence[Event]) -> Event:
    return min(events, key=lambda e: (naive(e.start), e.id))


def _last(events: Sequence[Event]) -> Event:
    return max(events, key=lambda e: (naive(e.start), e.id))


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"


def list_csv(days: Sequence[Day]) -> str:
    """The list as CSV: date, event, source, certainty (formula-leading cells defused)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(LIST_COLUMNS)
    for day in days:
        for e in day.entries:
            writer.writerow([safe_cell(e.when), safe_cell(e.label), safe_cell(e.source), e.certainty])
    return out.getvalue()


def list_markdown(days: Sequence[Day], title: str, sources: str) -> str:
    """The list as Markdown, for a briefing document: a heading per date, a bullet per event."""
    lines = [f"# {_md(title)}", ""]
    for day in days:
        lines.append(f"**{_md(day.when)}**")
        lines += [f"- {_md(e.label)} ({_md(e.source)}; {e.certainty})" for e in day.entries]
        lines.append("")
    if sources:
        lines.append(f"_{_md(sources)}_")
    return "\n".join(lines).rstrip() + "\n"


def list_table_html(days: Sequence[Day]) -> str:
    """The list as an HTML table: a header row per date, a row per event, every text escaped."""
    rows = []
    for day in days:
        rows.append(f'<tr class="day"><th colspan="4" scope="rowgroup">{for_html(day.when)}</th></tr>')
        rows += [f"<tr><td>{for_html(e.when)}</td><td>{for_html(e.label)}</td><td>{for_html(e.source)}</td>"
                 f"<td>{for_html(e.certainty)}</td></tr>" for e in day.entries]
    return ('<table class="chronology"><thead><tr><th>Date</th><th>Event</th><th>Source</th><th>Certainty</th>'
            f"</tr></thead><tbody>{''.join(rows)}</tbody></table>")


def list_html(days: Sequence[Day], title: str, sources: str) -> str:
    """The list as a standalone HTML page with its title and sources line."""
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{for_html(title)}</title>'
            "<style>body{font-family:Arial,sans-serif;margin:2em;color:#222}table{border-collapse:collapse}"
            "td,th{padding:.2em .8em;text-align:left;vertical-align:top}tr.day th{padding-top:.8em}"
            "p.sources{color:#666}</style></head><body>"
            f"<h1>{for_html(title)}</h1>{list_table_html(days)}"
            f'<p class="sources">{for_html(sources)}</p></body></html>\n')


_MD_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\`*_[]<>|"})


def _md(text: str) -> str:
    """Markdown-inert inline text: emphasis, code, links, tables and inline HTML are escaped
    (every line we write starts with our own marker, so line-start syntax cannot arise)."""
    return " ".join(text.split()).translate(_MD_SPECIAL)


# Spreadsheet apps run cells starting with these as formulas; article text is untrusted.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: str) -> str:
    """Defuse formula injection: a leading quote keeps the text as text in Excel/Sheets."""
    return "'" + value if value.startswith(_FORMULA_START) else value
